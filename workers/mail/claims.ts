import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

/** How long a claim lasts without renewal; a live sender renews it every third of that. */
export const CLAIM_LEASE_MS = 5_000
/** How long the "sent" mark and a claim's record are kept: longer than any hand-over again. */
const KEEP_SECONDS = 7 * 86_400

// KEYS: sent mark, claim. ARGV: attempt id, now (ms), lease end (ms), keep (s).
// The claim is "<attempt>|<lease end>" and outlives its lease, so that a rerun can tell "nobody
// tried" from "a sender died holding it".
const CLAIM = `
local sent = redis.call('GET', KEYS[1])
if sent then return {'sent', sent} end
local held = redis.call('GET', KEYS[2])
if held then
  local sep = string.find(held, '|', 1, true)
  local leaseEnd = tonumber(string.sub(held, sep + 1))
  if leaseEnd and leaseEnd > tonumber(ARGV[2]) then return {'busy', string.sub(held, 1, sep - 1)} end
end
redis.call('SET', KEYS[2], ARGV[1] .. '|' .. ARGV[3], 'EX', ARGV[4])
if held then return {'in_doubt', string.sub(held, 1, string.find(held, '|', 1, true) - 1)} end
return {'claimed', ''}
`

// KEYS: claim. ARGV: attempt id, lease end, keep. Renews only a claim this attempt still holds.
const RENEW = `
local held = redis.call('GET', KEYS[1])
if held and string.sub(held, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
`

// KEYS: sent mark, claim. ARGV: attempt id, sent at (or '' for a clean failure), keep.
const SETTLE = `
local held = redis.call('GET', KEYS[2])
if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
if held and string.sub(held, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then redis.call('DEL', KEYS[2]) end
return 1
`

export type Claim =
  { state: 'sent'; sentAt: number } | { state: 'busy'; holder: string } | { state: 'claimed' | 'in_doubt'; attempt: string; previous?: string }

/**
 * Claims on outbox rows in Redis, for mail workers (which never open the database). A send is
 * claimed with an attempt id before the SMTP server or hook is called, renewed while it runs, and
 * settled after: "sent" (the mark every rerun reads first) or released on a clean failure. So two
 * workers never send one row at once (a stalled job taken by a second worker while the first still
 * sends, or a row handed over again), and a rerun after a sender died holding the claim knows its
 * send is in doubt.
 */
export function createClaims(redis: Redis, prefix: string, leaseMs = CLAIM_LEASE_MS) {
  const keys = (rowId: number) => [`${prefix}:mail-sent:${rowId}`, `${prefix}:mail-claim:${rowId}`] as const
  return {
    leaseMs,
    async claim(rowId: number): Promise<Claim> {
      const attempt = randomBytes(6).toString('hex')
      const now = Date.now()
      const [sent, claim] = keys(rowId)
      const [state, value] = (await redis.eval(CLAIM, 2, sent, claim, attempt, now, now + leaseMs, KEEP_SECONDS)) as [string, string]
      if (state === 'sent') return { state, sentAt: Number(value) }
      if (state === 'busy') return { state, holder: value }
      return state === 'in_doubt' ? { state, attempt, previous: value } : { state: 'claimed', attempt }
    },
    /** Keeps the claim alive while `work` runs; a sender whose process died stops renewing it. */
    async holding<T>(rowId: number, attempt: string, work: () => Promise<T>): Promise<T> {
      const timer = setInterval(
        () => {
          redis.eval(RENEW, 1, keys(rowId)[1], attempt, Date.now() + leaseMs, KEEP_SECONDS).catch(() => undefined)
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      )
      try {
        return await work()
      } finally {
        clearInterval(timer)
      }
    },
    async settle(rowId: number, attempt: string, sentAt?: number) {
      const [sent, claim] = keys(rowId)
      await redis.eval(SETTLE, 2, sent, claim, attempt, sentAt === undefined ? '' : String(sentAt), KEEP_SECONDS)
    },
  }
}
