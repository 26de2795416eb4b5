import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort } from './redis.ts'
import { waitFor } from './wait.ts'

export interface Received {
  messageId: string
  to: string[]
  subject: string
  text: string
  headers: ParsedMail['headers']
  raw: string
}

/**
 * A real SMTP server for one test file, on 127.0.0.1 and a free port; what it accepts is parsed
 * with mailparser. It can be stopped and started again on the same port (an outage), and can hold
 * a message in DATA (the chaos test kills the sender then).
 */
export class TestSmtp {
  readonly received: Received[] = []
  private server?: SMTPServer
  /** Called when a message is in DATA; the message is accepted when the returned promise settles (rejected: refused). */
  onData?: (raw: string) => Promise<void> | void
  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtp> {
    const s = new TestSmtp(await freePort())
    await s.start()
    return s
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`
  }

  async start() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          try {
            if (this.onData) await this.onData(raw)
          } catch (err) {
            callback(err as Error)
            return
          }
          const parsed = await simpleParser(raw)
          this.received.push({
            messageId: parsed.messageId ?? '',
            to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            headers: parsed.headers,
            raw,
          })
          callback()
        })
      },
    })
    server.on('error', () => {})
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
  }

  /** Stops listening and drops the connections open now (an outage, not a polite goodbye). */
  async stop() {
    const s = this.server
    this.server = undefined
    if (!s) return
    await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  to(address: string) {
    return this.received.filter((m) => m.to.includes(address))
  }

  /** A header as it was sent (unfolded), from the raw message: mailparser restructures List-* headers. */
  static header(m: Received, name: string): string | undefined {
    const head = m.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ')
    const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    return line?.slice(name.length + 1).trim()
  }

  waitFor(label: string, pred: (m: Received) => boolean, timeoutMs = 10_000) {
    return waitFor(label, () => this.received.find(pred), timeoutMs)
  }
}
