import nodemailer, { type Transporter } from 'nodemailer'
import type { MailJob } from '../mail-jobs.ts'

export interface DeliverLogger {
  info(obj: object, msg: string): void
}

export interface Deliverer {
  /** Sends one message or hook call; resolves once the SMTP server or the hook accepted it, throws otherwise. */
  deliver(job: MailJob): Promise<void>
  close(): void
}

/**
 * The one sending code, called by the server's in-process relay (no REDIS_URL) and by the mail
 * worker alike. Without an SMTP URL a message is logged as "would send" with its ids only (never
 * the address or the body) and counts as sent, so a first run without mail still works.
 */
export function createDeliverer(opts: { smtpUrl?: string; logger: DeliverLogger; timeoutMs?: number }): Deliverer {
  const timeout = opts.timeoutMs ?? 20_000
  let transport: Transporter | undefined
  const smtp = () =>
    (transport ??= nodemailer.createTransport(opts.smtpUrl!, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as never))

  return {
    async deliver(job) {
      if (job.kind === 'webhook') {
        const res = await fetch(job.url, {
          method: 'POST',
          body: job.body,
          headers: { 'content-type': 'application/json', 'user-agent': 'Alongside-Alerts/1', ...job.headers },
          signal: AbortSignal.timeout(timeout),
          redirect: 'error',
        })
        // Drain the body so the connection is freed; its content is not ours to log.
        await res.arrayBuffer().catch(() => undefined)
        if (!res.ok) throw new Error(`alert hook answered ${res.status}`)
        return
      }
      if (!opts.smtpUrl) {
        opts.logger.info({ mailId: job.rowId, purpose: job.purpose, messageId: job.messageId }, 'would send mail (SMTP_URL is not set)')
        return
      }
      await smtp().sendMail({
        from: job.from,
        to: job.to,
        subject: job.subject,
        text: job.text,
        html: job.html,
        messageId: job.messageId,
        headers: job.headers,
      })
    },
    close() {
      transport?.close()
    },
  }
}
