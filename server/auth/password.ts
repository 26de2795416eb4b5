import crypto from 'node:crypto'
import { promisify } from 'node:util'

const scryptRaw = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>

/**
 * Each hash holds 32 MiB while it runs, and libuv runs four at once: a burst of sign-ins put
 * 128 MiB on top of the server (the bench's peak RSS was its sign-in phase). At most two run at
 * a time; the rest wait their turn in order. Sign-ins are rate-limited per address anyway.
 */
export const MAX_CONCURRENT_HASHES = 2
let running = 0
const waiting: (() => void)[] = []
async function scrypt(pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions): Promise<Buffer> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve))
  else running++
  try {
    return await scryptRaw(pw, salt, len, opts)
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

/** Hashes running now (for tests). */
export const hashesRunning = () => running

// OWASP's scrypt baseline (N=2^17 is stronger but costs ~128 MiB per hash; 2^15 keeps memory sane under load).
export const DEFAULT_HASH_COST = 32768
const PARAMS = { N: DEFAULT_HASH_COST, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEYLEN = 32

/**
 * `cost` is scrypt's N. Only tests lower it (config.passwordHashCost, refused in production): a
 * full hash per member made every test that registers people pay ~50 ms each. A stored hash
 * carries its N, so verifying works whatever the cost it was made with.
 */
export async function hashPassword(password: string, cost = DEFAULT_HASH_COST): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { ...PARAMS, N: cost })
  return `scrypt$${cost}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  })
  return crypto.timingSafeEqual(actual, expected)
}

// Verifying against a real hash when the handle is unknown keeps timing from revealing which handles exist.
// At the same cost as real hashes, or the timing would differ after all.
const dummyHashes = new Map<number, Promise<string>>()
export function dummyPasswordHash(cost = DEFAULT_HASH_COST): Promise<string> {
  let hash = dummyHashes.get(cost)
  if (!hash) dummyHashes.set(cost, (hash = hashPassword(crypto.randomBytes(12).toString('hex'), cost)))
  return hash
}
