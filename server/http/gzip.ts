import zlib from 'node:zlib'
import type { Request, Response } from 'express'

/**
 * Gzip responses stitched from pieces compressed at different times (zlib's gzjoin idea).
 *
 * A thread page is the same twenty posts for every reader but a different header (the member's
 * name, their CSRF token, their unread count) for each. Compressing the whole page per request
 * cost more than building it. So the shared middle is compressed once and kept, and each request
 * compresses only its own head and tail. Each piece is a raw deflate run that ends on a full flush
 * (byte-aligned, no back-references into it), so pieces concatenate into one valid deflate stream;
 * the gzip trailer's CRC-32 is combined from the pieces' CRCs without re-reading the middle.
 */

export interface DeflatedPiece {
  /** Raw deflate blocks ending on a full flush, never the final block. */
  deflated: Buffer
  crc: number
  /** Uncompressed length in bytes. */
  length: number
}

// Level 1, as the compression middleware: nearly the size of the default at a fraction of the CPU.
const OPTIONS = { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH }

// Below this a piece is sent in stored (uncompressed) deflate blocks. Each compression call sets up
// a fresh zlib state (about 25 µs): for a thread page's own head and tail (1.3 KB and 0.6 KB) that
// was a tenth of the page's cost, to save about 850 bytes on the wire.
const STORE_BELOW = 4 * 1024

export function deflatePiece(text: string | Buffer): DeflatedPiece {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  // exact(): a piece may be kept in the page cache, and both Buffer.concat (small results come from
  // Node's shared 8 KB pool) and zlib (a view of its 16 KB output chunk) return views of more memory.
  const deflated = exact(buf.length < STORE_BELOW ? storedBlocks(buf) : zlib.deflateRawSync(buf, OPTIONS))
  return { deflated, crc: zlib.crc32(buf), length: buf.length }
}

/** Non-final stored blocks (RFC 1951 3.2.4): a zero header byte, LEN, its complement, the bytes. */
function storedBlocks(buf: Buffer): Buffer {
  const parts: Buffer[] = []
  for (let at = 0; at < buf.length; at += 0xffff) {
    const chunk = buf.subarray(at, at + 0xffff)
    const header = Buffer.alloc(5)
    header.writeUInt16LE(chunk.length, 1)
    header.writeUInt16LE(~chunk.length & 0xffff, 3)
    parts.push(header, chunk)
  }
  return Buffer.concat(parts)
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
// A final block holding only the end-of-block code (fixed Huffman, 10 bits): ends the deflate
// stream after the last full-flushed piece.
const FINAL_BLOCK = Buffer.from([0x03, 0x00])

/** One gzip member from pieces in order. */
export function gzipFromPieces(pieces: DeflatedPiece[]): Buffer {
  let crc = 0
  let length = 0
  for (const p of pieces) {
    crc = crc32Combine(crc, p.crc, p.length)
    length += p.length
  }
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(length % 2 ** 32, 4)
  return Buffer.concat([GZIP_HEADER, ...pieces.map((p) => p.deflated), FINAL_BLOCK, trailer])
}

// CRC-32 combination, after zlib 1.2.12's crc32_combine (x^(8n) mod p by squaring).
const POLY = 0xedb88320
function multModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}
const X2N: number[] = []
{
  let p = 0x40000000 // x^1
  X2N.push(p)
  for (let n = 1; n < 32; n++) X2N.push((p = multModP(p, p)))
}
function x2nModP(n: number, k: number): number {
  let p = 0x80000000 // x^0
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31]!, p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

/** The CRC-32 of A then B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0
}

/** A whole JSON body compressed once, for the page cache. */
export function gzipJson(value: unknown): Buffer {
  return exact(zlib.gzipSync(JSON.stringify(value), { level: 1 }))
}

/**
 * zlib's sync calls return a view of a 16 KB output chunk, and small Buffer.concat results a view
 * of an 8 KB pool slab: a 3 KB page kept in the page cache held on to all of it (server RSS 330 MB
 * on the million-post bench). Kept bytes get their own memory.
 */
function exact(buf: Buffer): Buffer {
  if (buf.buffer.byteLength === buf.length) return buf
  const out = Buffer.allocUnsafeSlow(buf.length)
  buf.copy(out)
  return out
}

/**
 * Whether the client takes gzip. Browsers send a plain list ("gzip, deflate, br, zstd"): that is
 * read directly; anything with weights or wildcards goes through the full negotiation.
 */
export function takesGzip(req: Request): boolean {
  const header = req.headers['accept-encoding']
  if (typeof header === 'string' && !header.includes(';') && !header.includes('*')) return /(?:^|,)\s*gzip\s*(?:,|$)/i.test(header)
  return req.acceptsEncodings('gzip') === 'gzip'
}

/**
 * Sends an already-gzipped body: as is to clients that take gzip (every browser), inflated for the
 * rest. The compression middleware leaves a response that already has a Content-Encoding alone.
 */
export function sendGzipped(req: Request, res: Response, type: string, gz: Buffer) {
  res.vary('Accept-Encoding')
  res.type(type)
  if (takesGzip(req)) {
    res.set('Content-Encoding', 'gzip')
    res.send(gz)
  } else res.send(zlib.gunzipSync(gz))
}

/** Sends a body made of per-request text and already-deflated pieces, as one gzip stream. */
export function sendStitched(req: Request, res: Response, type: string, parts: (string | DeflatedPiece)[]) {
  sendGzipped(req, res, type, gzipFromPieces(parts.map((p) => (typeof p === 'string' ? deflatePiece(p) : p))))
}
