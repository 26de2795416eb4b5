import zlib from 'node:zlib'
import type { Express, Response } from 'express'
import { takesGzip } from '../gzip.ts'

const THRESHOLD = 1024
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|problem\+json|javascript|xml)|image\/svg\+xml)/i

/**
 * Gzip for whole bodies sent with res.send / res.json, which is every page and API response.
 *
 * The `compression` middleware wrapped five methods of every response and streamed each body
 * through an asynchronous zlib stream on the thread pool. On the thread page benchmark that was
 * a quarter of the server's time, more than the page itself. Bodies here are whole strings of a
 * few to a few dozen kilobytes, so one synchronous level-1 gzip at send time does the same job:
 * same Vary header, same 1 KB threshold, same "already encoded" and "no-transform" rules.
 * Static files keep the `compression` middleware (see app.ts); they are streamed, not sent whole.
 */
export function compressSentBodies(app: Express) {
  const send = app.response.send
  app.response.send = function sendCompressed(this: Response, body?: unknown) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      // As res.send does: a string with no type yet is HTML, and text is sent as UTF-8.
      if (typeof body === 'string' && !this.get('Content-Type')) this.type('html')
      const gz = compress(this, body)
      if (gz) return send.call(this, gz)
    }
    return send.call(this, body)
  } as Response['send']
}

function compress(res: Response, body: string | Buffer): Buffer | undefined {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length
  if (length < THRESHOLD || res.statusCode === 204 || res.statusCode === 304) return undefined
  const type = res.get('Content-Type')
  if (!type || !COMPRESSIBLE.test(type) || res.get('Content-Encoding')) return undefined
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.get('Cache-Control') ?? ''))) return undefined
  res.vary('Accept-Encoding')
  if (res.req.method === 'HEAD' || !takesGzip(res.req)) return undefined
  if (typeof body === 'string' && !/charset=/i.test(type)) res.set('Content-Type', `${type}; charset=utf-8`)
  res.set('Content-Encoding', 'gzip')
  return zlib.gzipSync(body, { level: 1 })
}
