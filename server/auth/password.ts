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
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEYLEN = 32

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, PARAMS)
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  })
  return crypto.timingSafeEqual(actual, expected)
}

// Verifying against a real hash when the handle is unknown keeps timing from revealing which handles exist.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(12).toString('hex'))
  return dummyHash
}
