// `npm start` runs the production build (scripts/build.mjs -> dist/server.js, made at install), not the sources
// through tsx: this starts that build as a real process and uses it as a member's browser would.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDbPath } from '../support/app.ts'
import { freePort } from '../support/redis.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('the production build', () => {
  let server: ChildProcess
  let base: string
  let output = ''
  const exited = () => new Promise<number | null>((r) => (server.exitCode !== null ? r(server.exitCode) : server.once('exit', (code) => r(code))))

  beforeAll(async () => {
    // Built once, by `npm install` (the prepare script) and by test:all before the tests: a build here
    // would rewrite dist/ under the other test files that run it.
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawn(process.execPath, ['dist/server.js'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: tempDbPath('build'),
        SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server.stdout!.on('data', (d) => (output += d))
    server.stderr!.on('data', (d) => (output += d))
    const deadline = Date.now() + 20_000
    while (!output.includes('is listening')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`dist/server.js did not start:\n${output}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }, 60_000)
  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGKILL')
      await exited()
    }
  })

  it('migrates, seeds the four communities and serves pages, styles and the API', async () => {
    const list = (await (await fetch(`${base}/api/v1/communities`)).json()) as { communities: { slug: string }[] }
    expect(list.communities.map((c) => c.slug).sort()).toEqual(['caregiving', 'disability', 'grief', 'recovery'])
    const home = await fetch(`${base}/`)
    expect(home.status).toBe(200)
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await home.text()).toContain('/static/site.css')
    const css = await fetch(`${base}/static/site.css`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toContain('text/css')
  })

  it('a member can register and post through it, and the embedded pipeline scans the post', async () => {
    const reg = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'built_member', password: 'long enough pw' }),
    })
    expect(reg.status).toBe(201)
    const cookie = reg.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const { csrfToken } = (await reg.json()) as { csrfToken: string }
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
    const community = (await (await fetch(`${base}/api/v1/communities/grief`)).json()) as { community: { guidelines: { version: number } } }
    const join = await fetch(`${base}/api/v1/communities/grief/membership`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ acceptedGuidelinesVersion: community.community.guidelines.version }),
    })
    expect(join.status).toBeLessThan(300)
    const created = await fetch(`${base}/api/v1/communities/grief/threads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'First winter without him', body: 'The first frost came and I kept his gloves by the door.' }),
    })
    expect(created.status).toBe(201)
    const { thread } = (await created.json()) as { thread: { id: number } }
    let scanStatus = 'pending'
    for (let i = 0; i < 100 && scanStatus === 'pending'; i++) {
      const page = (await (await fetch(`${base}/api/v1/threads/${thread.id}`, { headers: { cookie } })).json()) as { posts: { scanStatus: string }[] }
      scanStatus = page.posts[0]!.scanStatus
      if (scanStatus === 'pending') await new Promise((r) => setTimeout(r, 50))
    }
    expect(scanStatus).toBe('scanned')
    // Scanned on the built scan thread (dist/scan-thread.js), not by the event loop's fallback.
    expect(output).not.toContain('"alert":"scan_thread"')
  })

  it('shuts down cleanly on SIGTERM', async () => {
    server.kill('SIGTERM')
    expect(await exited()).toBe(0)
    expect(output).toContain('shut down cleanly')
  })

  it('the worker build loads and says what it needs without Redis', () => {
    let stderr = ''
    try {
      execFileSync(process.execPath, ['dist/worker.js'], { cwd: root, env: { PATH: process.env.PATH }, stdio: 'pipe' })
    } catch (err) {
      stderr = String((err as { stderr: Buffer }).stderr)
    }
    expect(stderr).toContain('REDIS_URL')
  })
})
