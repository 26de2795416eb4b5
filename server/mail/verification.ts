import { randomToken, sha256 } from '../auth/tokens.ts'
import type { Executor } from '../db/schema.ts'
import { insertUserToken, retireTokens } from '../db/tokens.ts'
import { queueEmail } from './outbox.ts'

export const VERIFY_MS = 24 * 3_600_000

/** A random single-use token of a purpose, stored hashed; earlier live ones of the purpose stop working. */
export async function newUserToken(trx: Executor, userId: number, purpose: string, email: string | null, ttlMs: number, now: number) {
  await retireTokens(trx, userId, [purpose], now)
  const token = randomToken()
  await insertUserToken(trx, { user_id: userId, purpose, token_hash: sha256(token), email, created_at: now, expires_at: now + ttlMs })
  return token
}

/** A link to confirm an address, mailed to it (a day to use it). */
export async function queueVerification(
  trx: Executor,
  userId: number,
  email: string,
  purpose: 'verify_email' | 'change_email' | 'verify_alert_email',
  now: number,
) {
  const token = await newUserToken(trx, userId, purpose, email, VERIFY_MS, now)
  await queueEmail(trx, {
    purpose: 'verify_email',
    dedupeKey: `verify:${sha256(token)}`,
    userId,
    to: email,
    template: { name: 'verify_email', path: `/verify-email/${token}` },
    at: now,
  })
}
