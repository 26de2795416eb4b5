import type { Kysely } from 'kysely'
import { randomToken, sha256 } from '../auth/tokens.ts'
import type { Config } from '../config.ts'
import { insertMailRow } from '../db/mail.ts'
import type { DB, Executor } from '../db/schema.ts'
import { insertUserToken } from '../db/tokens.ts'
import type { MailMessage } from './messages.ts'

/**
 * After a transaction that wrote mail commits, its writer calls mailWritten(db) and the relay
 * for that database sends at once (no batching delay for alerts). Keyed by the database so that
 * several servers in one test process wake only their own relay. A missed wake costs one poll.
 */
const relays = new WeakMap<object, Set<() => void>>()

export function onMailWritten(db: Kysely<DB>, fn: () => void): () => void {
  let set = relays.get(db)
  if (!set) relays.set(db, (set = new Set()))
  set.add(fn)
  return () => set.delete(fn)
}

export function mailWritten(db: Kysely<DB>) {
  for (const fn of relays.get(db) ?? []) fn()
}

export interface EmailPayload {
  subject: string
  text: string
  html?: string
  headers: Record<string, string>
}

export interface WebhookPayload {
  body: string
}

/** What can be unsubscribed from with one click (RFC 8058). */
export type MailTopic = 'replies' | 'check_ins' | 'digest' | 'alerts'

/**
 * Writes one e-mail to the outbox in the caller's transaction. `unsubscribe`: the message offers
 * a one-click unsubscribe from that topic, through a token made here (stored hashed), which
 * works without signing in. Returns the row id, or undefined when the dedupe key was taken.
 */
export async function queueEmail(
  trx: Executor,
  config: Config,
  m: { purpose: string; dedupeKey: string; userId: number | null; to: string; message: MailMessage; reviewItemId?: number; unsubscribe?: MailTopic; at: number },
): Promise<number | undefined> {
  const headers: Record<string, string> = {}
  let text = m.message.text
  if (m.unsubscribe && m.userId !== null) {
    const token = randomToken()
    await insertUserToken(trx, { user_id: m.userId, purpose: 'unsubscribe', token_hash: sha256(token), data: m.unsubscribe, created_at: m.at, expires_at: null })
    const url = `${config.publicUrl}/unsubscribe/${token}`
    headers['List-Unsubscribe'] = `<${url}>`
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
    text += `\n\nTo stop these e-mails, open ${url}\n`
  }
  const payload: EmailPayload = { subject: m.message.subject, text, headers }
  return insertMailRow(trx, {
    kind: 'email', purpose: m.purpose, dedupe_key: m.dedupeKey, user_id: m.userId, review_item_id: m.reviewItemId ?? null,
    to_address: m.to, payload: JSON.stringify(payload), created_at: m.at,
  })
}

/** The alert hook's JSON body: ids, a level and an age, never post text, a title or a handle. */
export interface AlertHookBody {
  event: 'urgent_item' | 'escalated_item'
  itemId: number
  community: string
  level: 'urgent'
  ageSeconds: number
  url: string
  sentAt: string
}

/** One hook call per item and event, in the caller's transaction; nothing when no hook is set. */
export async function queueAlertHook(trx: Executor, config: Config, body: Omit<AlertHookBody, 'url' | 'sentAt'>, at: number) {
  if (!config.alertWebhook) return undefined
  const full: AlertHookBody = { ...body, url: `${config.publicUrl}/mod/items/${body.itemId}`, sentAt: new Date(at).toISOString() }
  const payload: WebhookPayload = { body: JSON.stringify(full) }
  return insertMailRow(trx, {
    kind: 'webhook', purpose: `hook_${body.event}`, dedupe_key: `hook:${body.event}:${body.itemId}`, review_item_id: body.itemId,
    payload: JSON.stringify(payload), created_at: at,
  })
}
