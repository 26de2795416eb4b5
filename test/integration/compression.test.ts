// Pages and JSON are gzipped whole at send time (server/http/middleware/compress.ts), static files
// by the compression middleware. Browsers get gzip, other clients plain bytes, and caches are told
// the response varies with Accept-Encoding.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from '../support/app.ts'

describe('response compression', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await startTestRuntime()
  })
  afterAll(async () => {
    await rt.close()
  })

  it('gzips pages, JSON and static files for clients that take gzip, with Vary', async () => {
    for (const path of ['/about', '/api/v1/openapi.json', '/static/site.css']) {
      const res = await request(rt.app).get(path).set('Accept-Encoding', 'gzip')
      expect(res.status, path).toBe(200)
      expect(res.headers['content-encoding'], path).toBe('gzip')
      expect(res.headers.vary, path).toMatch(/accept-encoding/i)
      expect(res.text.length, path).toBeGreaterThan(1024)
    }
    const page = await request(rt.app).get('/about').set('Accept-Encoding', 'gzip')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.text).toMatch(/^<!doctype html>/i)
  })

  it('sends the same bytes uncompressed to clients that do not take gzip', async () => {
    const gz = await request(rt.app).get('/about').set('Accept-Encoding', 'gzip')
    const plain = await request(rt.app).get('/about').set('Accept-Encoding', 'identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.text).toBe(gz.text)
  })

  it('reads Accept-Encoding as negotiation would: weights, wildcards and refusals included', async () => {
    const cases: [string, boolean][] = [
      ['gzip, deflate, br, zstd', true],
      ['deflate, gzip', true],
      ['br, deflate', false],
      ['identity', false],
      ['gzip;q=0, identity', false],
      ['*', true],
      ['*, gzip;q=0', false],
      ['br;q=1.0, gzip;q=0.8', true],
      ['x-gzip', false],
    ]
    for (const [header, gzipped] of cases) {
      for (const path of ['/about', `/api/v1/communities/grief/threads`]) {
        const res = await request(rt.app).get(path).set('Accept-Encoding', header)
        expect(res.headers['content-encoding'] === 'gzip', `${path} with ${header}`).toBe(gzipped)
      }
    }
  })

  it('leaves small bodies, HEAD requests and errors readable', async () => {
    const small = await request(rt.app).get('/api/v1/communities/no-such-place').set('Accept-Encoding', 'gzip')
    expect(small.status).toBe(404)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(small.body.error.message).toMatch(/community/i)
    const head = await request(rt.app).head('/about').set('Accept-Encoding', 'gzip')
    expect(head.status).toBe(200)
    expect(head.text ?? '').toBe('')
  })
})
