import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { hmacHex } from '../auth/tokens.ts'
import type { Config } from '../config.ts'
import { claimMailForSend, listDueMail, markMailDispatched, markMailFailed, markMailSent, markMailSkipped, nextMailDue } from '../db/mail.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { RelayLoop } from '../relay-loop.ts'
import { retryDelay, type MailJob } from '../../workers/mail-jobs.ts'
import type { Deliverer } from '../../workers/mail/deliver.ts'
import { renderTemplate } from './messages.ts'
import { onMailWritten, type AlertHookBody, type EmailPayload, type WebhookPayload } from './outbox.ts'

type DueRow = Awaited<ReturnType<typeof listDueMail>>[number]

/**
 * How long a send attempt holds its row (no mail in process without Redis): longer than one SMTP
 * conversation may take (each step times out at 20 s), short enough that mail whose sender died
 * mid-send goes out again soon after a restart.
 */
export const SEND_LEASE_MS = 60_000

/** With REDIS_URL: hands jobs to BullMQ `mail-send`; the result comes back on `mail-result`. */
export interface MailQueue {
  add(jobs: MailJob[]): Promise<void>
}

export const SIGNATURE_HEADER = 'X-Alongside-Signature'

/** The alert hook's signature: `sha256=<hex HMAC-SHA256 of the exact body>` with ALERT_WEBHOOK_SECRET. */
export const signHookBody = (secret: string, body: string) => `sha256=${hmacHex(secret, body)}`

/**
 * Sends the mail outbox. Rows are due when written (woken after their commit, so an alert goes
 * at once) and again at their retry time. Without Redis each row is claimed (claimMailForSend),
 * delivered here and marked sent once the SMTP server or hook accepted it, or given its next try
 * by the backoff schedule.
 * With Redis a row is handed to the queue (which retries with the same schedule) and looked at
 * again only if no result came back within MAIL_RESEND_AFTER_SECONDS.
 *
 * Scheduling uses the wall clock, not the injected one: an SMTP outage happens in real time.
 */
export class MailRelay {
  private retryTimer?: NodeJS.Timeout
  private readonly loop: RelayLoop
  private unsubscribe?: () => void
  private readonly log: Logger
  /** Names this relay in the attempt ids it writes on rows. */
  private readonly instance = `relay-${randomBytes(4).toString('hex')}`

  constructor(
    private readonly db: Kysely<DB>,
    logger: Logger,
    private readonly config: Config,
    private readonly opts: { pollMs: number; batchSize: number; concurrency: number; queue?: MailQueue; deliverer: Deliverer },
  ) {
    this.log = logger.child({ component: 'mail.relay' })
    this.loop = new RelayLoop(
      opts.pollMs,
      () => this.pass(),
      (err) => this.log.warn({ err: { message: err.message } }, 'mail relay pass failed; the next poll retries'),
    )
  }

  private get stopped() {
    return this.loop.isStopped
  }

  get mode() {
    return this.opts.queue ? 'redis' : 'embedded'
  }

  start() {
    this.unsubscribe = onMailWritten(this.db, () => this.wake())
    this.loop.start()
  }

  wake() {
    this.loop.wake()
  }

  idle() {
    return this.loop.idle()
  }

  async stop() {
    this.unsubscribe?.()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    await this.loop.stop()
  }

  private async pass() {
    while (!this.stopped) {
      const due = await listDueMail(this.db, Date.now(), this.opts.batchSize)
      if (due.length === 0) break
      await (this.opts.queue ? this.handOver(due, this.opts.queue) : this.deliverAll(due))
      if (due.length < this.opts.batchSize) break
    }
    await this.wakeAtNextRetry()
  }

  // A retry due before the next poll (a short schedule, or the first retries of a long one) is not kept waiting for it.
  private async wakeAtNextRetry() {
    const at = await nextMailDue(this.db)
    if (at === undefined || this.stopped) return
    const wait = at - Date.now()
    if (wait >= this.opts.pollMs) return
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.wake(), Math.max(0, wait) + 5)
    this.retryTimer.unref()
  }

  private async handOver(rows: DueRow[], queue: MailQueue) {
    const jobs = rows.map((r) => this.toJob(r)).filter((j): j is MailJob => j !== undefined)
    try {
      await queue.add(jobs)
    } catch (err) {
      // Redis is away: the rows stay due, and are tried again on the backoff schedule.
      const now = Date.now()
      for (const r of rows) await markMailFailed(this.db, r.id, now + retryDelay(r.attempts + 1, this.retry), `queue: ${(err as Error).message}`)
      this.log.warn({ mail: rows.length, err: { message: (err as Error).message } }, 'mail could not be handed to the queue; will retry')
      return
    }
    const now = Date.now()
    await markMailDispatched(
      this.db,
      jobs.map((j) => j.rowId),
      now,
      now + this.config.mail.resendAfterMs,
    )
    const resent = rows.filter((r) => r.dispatched_at !== null).length
    if (resent > 0) this.log.warn({ resent }, 'mail handed to the queue again: no result came back in time')
  }

  private async deliverAll(rows: DueRow[]) {
    let next = 0
    const lane = async () => {
      while (next < rows.length && !this.stopped) {
        const row = rows[next++]!
        const job = this.toJob(row)
        if (!job) continue
        // Claimed in the row before the call: another relay on this database (a second server
        // during a restart) that listed the same row finds it taken and sends nothing.
        const attempt = `${this.instance}-${row.id}-${row.attempts + 1}`
        const now = Date.now()
        const claim = await claimMailForSend(this.db, row, attempt, now, now + SEND_LEASE_MS)
        if (!claim.claimed) continue
        if (claim.inDoubt)
          this.log.warn(
            { mailId: row.id, purpose: row.purpose, previousAttempt: row.send_attempt },
            'mail sent again after a sender died mid-send: it may arrive twice (same Message-ID)',
          )
        try {
          await this.opts.deliverer.deliver(job)
          await markMailSent(this.db, row.id, Date.now(), { attempt })
          this.log.info({ mailId: row.id, purpose: row.purpose, attempts: row.attempts + 1 }, 'mail sent')
        } catch (err) {
          const wait = retryDelay(row.attempts + 1, this.retry)
          await markMailFailed(this.db, row.id, Date.now() + wait, (err as Error).message, attempt)
          this.log.warn(
            { mailId: row.id, purpose: row.purpose, attempts: row.attempts + 1, retryInMs: wait, err: { message: (err as Error).message } },
            'mail not sent; will retry',
          )
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, rows.length) }, lane))
  }

  private get retry() {
    return { baseMs: this.config.mail.retryBaseMs, maxMs: this.config.mail.retryMaxMs }
  }

  /** The job for a row: everything a worker needs, the hook's signature made here (workers hold no secret). */
  toJob(row: DueRow): MailJob | undefined {
    if (row.payload === null) return undefined
    if (row.kind === 'webhook') {
      const hook = this.config.alertWebhook
      if (!hook) {
        // No hook configured: the row is settled without a call (and not shown as an alert).
        void markMailSkipped(this.db, row.id, Date.now(), 'no alert hook configured')
        return undefined
      }
      // The stored body holds the item's path; the link is made absolute with today's address, and signed as sent.
      const stored = JSON.parse((JSON.parse(row.payload) as WebhookPayload).body) as AlertHookBody
      const body = JSON.stringify({ ...stored, url: `${this.config.publicUrl}${stored.url}` })
      const headers: Record<string, string> = { 'X-Alongside-Event': row.purpose.replace(/^hook_/, ''), 'X-Alongside-Delivery': `mail-${row.id}` }
      if (hook.secret) headers[SIGNATURE_HEADER] = signHookBody(hook.secret, body)
      return { kind: 'webhook', rowId: row.id, purpose: row.purpose, url: hook.url, body, headers, retry: this.retry }
    }
    const p = JSON.parse(row.payload) as EmailPayload
    const message = renderTemplate(p.template, this.config.publicUrl, { showCommunity: this.config.mail.showCommunity })
    const headers: Record<string, string> = {}
    let text = message.text
    if (p.unsubscribePath) {
      const url = `${this.config.publicUrl}${p.unsubscribePath}`
      // RFC 8058: one POST to this address unsubscribes, without signing in.
      headers['List-Unsubscribe'] = `<${url}>`
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
      text += `\nTo stop these e-mails, open ${url}\n`
    }
    const host = new URL(this.config.publicUrl).hostname || 'alongside.invalid'
    return {
      kind: 'email',
      rowId: row.id,
      purpose: row.purpose,
      messageId: `<mail-${row.id}.${row.created_at}@${host}>`,
      from: this.config.mail.from,
      to: row.to_address ?? '',
      subject: message.subject,
      text,
      headers,
      retry: this.retry,
    }
  }
}
