import { z } from 'zod'

/** Queue names for mail and alert hooks: the server hands over, workers send, the result comes back. */
export const MAIL_QUEUE = 'mail-send'
export const MAIL_RESULT_QUEUE = 'mail-result'

// One job per outbox row: a second add of the same id is a no-op while the first is waiting,
// retrying or failed-and-kept. Never ':' and never all digits.
export const mailJobId = (rowId: number) => `mail-${rowId}`
export const mailResultJobId = (rowId: number) => `mail-${rowId}-sent`

const retry = z.object({ baseMs: z.number().int().positive(), maxMs: z.number().int().positive() })

export const emailJobSchema = z.object({
  kind: z.literal('email'),
  rowId: z.number().int().positive(),
  purpose: z.string(),
  /** Stable across retries, so a receiving server may drop a duplicate. */
  messageId: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  retry,
})

export const webhookJobSchema = z.object({
  kind: z.literal('webhook'),
  rowId: z.number().int().positive(),
  purpose: z.string(),
  url: z.string().url(),
  /** The exact bytes signed: the receiver checks the HMAC over them. */
  body: z.string(),
  headers: z.record(z.string(), z.string()),
  retry,
})

/** Everything a send needs: mail workers never open the database (nor know any secret but SMTP_URL). */
export const mailJobSchema = z.discriminatedUnion('kind', [emailJobSchema, webhookJobSchema])
export type MailJob = z.infer<typeof mailJobSchema>
export type EmailJob = z.infer<typeof emailJobSchema>

export const mailResultSchema = z.object({
  rowId: z.number().int().positive(),
  sentAt: z.number(),
  /** The worker's attempt that sent it (absent when a rerun found it already sent). */
  attempt: z.string().max(64).optional(),
  /** Sent again after an earlier attempt died holding the row: it may have arrived twice. */
  inDoubt: z.boolean().optional(),
})
export type MailResult = z.infer<typeof mailResultSchema>

/** The wait before retry `attempt` (1 = the first retry): doubling from base, capped at max. */
export function retryDelay(attempt: number, r: { baseMs: number; maxMs: number }): number {
  return Math.min(r.maxMs, r.baseMs * 2 ** Math.max(0, Math.min(30, attempt - 1)))
}
