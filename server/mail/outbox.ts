import type { Kysely } from 'kysely'
import { randomToken, sha256 } from '../auth/tokens.ts'
import { insertMailRow } from '../db/mail.ts'
import type { DB, Executor } from '../db/schema.ts'
import { insertUserToken } from '../db/tokens.ts'
import type { Template } from './messages.ts'

/**
 * Per database, the relay to wake after a commit that wrote mail. Keyed by the database because it
 * is the one thing every writer holds (the verdict code has no config), and so that several
 * servers in one test process stay apart.
 */
const slots = new WeakMap<object, { wake: Set<() => void> }>()
const slot = (db: object) => {
  let s = slots.get(db)
  if (!s) slots.set(db, (s = { wake: new Set() }))
  return s
}

export function onMailWritten(db: Kysely<DB>, fn: () => void): () => void {
  const s = slot(db)
  s.wake.add(fn)
  return () => s.wake.delete(fn)
}

/** After a transaction that wrote mail commits: the relay sends at once (no batching delay for alerts). A missed wake costs one poll. */
export function mailWritten(db: Kysely<DB>) {
  for (const fn of slots.get(db)?.wake ?? []) fn()
}

export interface EmailPayload {
  template: Template
  /** A one-click unsubscribe link's path (with its token); cleared with the payload once sent. */
  unsubscribePath?: string
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
  m: {
    purpose: string
    dedupeKey: string
    userId: number | null
    to: string
    template: Template
    reviewItemId?: number
    unsubscribe?: MailTopic
    at: number
    notBefore?: number
  },
): Promise<number | undefined> {
  const payload: EmailPayload = { template: m.template }
  if (m.unsubscribe && m.userId !== null) {
    const token = randomToken()
    await insertUserToken(trx, {
      user_id: m.userId,
      purpose: 'unsubscribe',
      token_hash: sha256(token),
      data: m.unsubscribe,
      created_at: m.at,
      expires_at: null,
    })
    payload.unsubscribePath = `/unsubscribe/${token}`
  }
  return insertMailRow(trx, {
    kind: 'email',
    purpose: m.purpose,
    dedupe_key: m.dedupeKey,
    user_id: m.userId,
    review_item_id: m.reviewItemId ?? null,
    to_address: m.to,
    payload: JSON.stringify(payload),
    created_at: m.at,
    next_attempt_at: m.notBefore,
  })
}

/** The alert hook's JSON body: ids, a level and an age, never post text, a title or a handle. */
export interface AlertHookBody {
  event: 'urgent_item' | 'escalated_item'
  itemId: number
  community: string
  /** 'urgent' for an urgent crisis item; 'escalated' for a moderator's escalation of any other item. */
  level: 'urgent' | 'escalated'
  ageSeconds: number
  /** The item's path in the review queue; the relay makes it absolute at send time. */
  url: string
  sentAt: string
}

/**
 * One hook call per item and event, in the caller's transaction. Written whether or not a hook is
 * configured (the code that writes it has no config): the relay skips it when none is.
 */
export async function queueAlertHook(trx: Executor, body: Omit<AlertHookBody, 'url' | 'sentAt'>, at: number) {
  const full: AlertHookBody = { ...body, url: `/mod/items/${body.itemId}`, sentAt: new Date(at).toISOString() }
  const payload: WebhookPayload = { body: JSON.stringify(full) }
  return insertMailRow(trx, {
    kind: 'webhook',
    purpose: `hook_${body.event}`,
    dedupe_key: `hook:${body.event}:${body.itemId}`,
    review_item_id: body.itemId,
    payload: JSON.stringify(payload),
    created_at: at,
  })
}
