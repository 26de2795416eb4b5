// Thread pages are sent as gzip stitched from pieces compressed at different times
// (server/http/gzip.ts). A wrong byte here is a blank page for every reader, so: any pieces, any
// sizes, must inflate to exactly their concatenation, with a trailer gunzip accepts.
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32Combine, deflatePiece, gzipFromPieces } from '../../server/http/gzip.ts'

const words = 'grief support tonight the of and a to in is you that it he was for on are as with his they'.split(' ')
function text(bytes: number, seed: number): string {
  let s = ''
  let x = seed
  while (s.length < bytes) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    s += `${words[x % words.length]}${x % 7 === 0 ? '. ' : ' '}${x % 97 === 0 ? '<p>é ✓</p>' : ''}`
  }
  return s.slice(0, bytes)
}

describe('gzip stitched from pieces', () => {
  it('inflates to exactly the concatenation, for small (stored) and large (deflated) pieces alike', () => {
    const sizes = [[0], [1, 0, 1], [100, 30_000, 600], [4095, 4096, 4097], [70_000, 5], [200_000], [3, 140_000, 3]]
    for (const [i, set] of sizes.entries()) {
      const parts = set.map((n, k) => text(n, i * 10 + k))
      const gz = gzipFromPieces(parts.map((p) => deflatePiece(p)))
      expect(zlib.gunzipSync(gz).toString('utf8')).toBe(parts.join(''))
    }
  })

  it('takes binary pieces too, and a piece can be reused in many responses', () => {
    const shared = deflatePiece(crypto.randomBytes(50_000))
    const a = gzipFromPieces([deflatePiece('head one'), shared, deflatePiece('tail')])
    const b = gzipFromPieces([deflatePiece('another, longer head'), shared, deflatePiece('')])
    expect(zlib.gunzipSync(a).subarray(8, -4).equals(zlib.gunzipSync(b).subarray(20))).toBe(true)
  })

  it('compresses the big shared piece (not just stores it)', () => {
    const page = text(30_000, 5)
    expect(deflatePiece(page).deflated.length).toBeLessThan(page.length / 3)
  })

  it('combines CRC-32s as zlib does', () => {
    for (const [a, b] of [
      ['', ''],
      ['abc', ''],
      ['', 'xyz'],
      [text(1000, 1), text(77_777, 2)],
    ] as const) {
      expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), Buffer.byteLength(b))).toBe(zlib.crc32(a + b))
    }
  })
})

describe('bytes kept by the page cache', () => {
  it('own exactly their memory, not a view of zlib’s 16 KB output chunk', async () => {
    const { gzipJson } = await import('../../server/http/gzip.ts')
    for (const size of [30_000, 2_000, 100]) {
      const piece = deflatePiece(text(size, 9))
      expect(piece.deflated.buffer.byteLength, `${size} bytes`).toBe(piece.deflated.length)
    }
    const gz = gzipJson({ posts: [text(20_000, 3)] })
    expect(gz.buffer.byteLength).toBe(gz.length)
  })
})
