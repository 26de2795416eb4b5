// The member-in-control targets (issue 19) on an account with many posts:
//   - the data export streams: resident memory grows by less than 50 MB while it is downloaded;
//   - deleting the account takes under 2 s of request time; the erasure then runs in the background.
// Usage: node --expose-gc --import tsx scripts/bench-account.ts [--posts 10000] [--mode erase|keep]
// Everything runs on loopback against a temporary database; the script stops by itself.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { createLogger } from '../server/logger.ts'
import { createRuntime } from '../server/runtime.ts'
import { testConfig } from '../test/support/app.ts'

const { values } = parseArgs({ options: { posts: { type: 'string', default: '10000' }, mode: { type: 'string', default: 'erase' } } })
const POSTS = Number(values.posts)
const MODE = values.mode === 'keep' ? 'keep' : 'erase'
const gc = (globalThis as { gc?: () => void }).gc
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

const config = testConfig({ RATE_LIMIT_LOGINS_PER_MINUTE: '1000' })
const rt = await createRuntime(config, { logger: createLogger('silent'), seed: true })
const server = http.createServer(rt.app).listen(0, '127.0.0.1')
await new Promise((r) => server.once('listening', r))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

async function call(method: string, path: string, opts: { cookie?: string; csrf?: string; body?: unknown } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  return res
}

// A member with POSTS posts (a tenth of them edited once, so two revisions), about 600 characters each.
const reg = await call('POST', '/api/v1/auth/register', { body: { handle: 'bench_leaving', password: 'a long enough password' } })
const cookie = reg.headers.get('set-cookie')!.split(';')[0]!
const { csrfToken, user } = (await reg.json()) as { csrfToken: string; user: { id: number } }
const words = 'Some days are heavier than others, and writing it down here helps me carry it. '.repeat(8)
const community = (await rt.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()).id
await rt.db.transaction().execute(async (trx) => {
  const thread = await trx
    .insertInto('thread')
    .values({ community_id: community, author_id: user.id, title: 'A long story', created_at: 0, last_activity_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let i = 0; i < POSTS; i += 500) {
    const rows = Array.from({ length: Math.min(500, POSTS - i) }, (_, j) => ({
      thread_id: thread.id,
      community_id: community,
      author_id: user.id,
      body: `${i + j}: ${words}`,
      html: `<p>${i + j}: ${words}</p>`,
      revision: (i + j) % 10 === 0 ? 2 : 1,
      created_at: i + j,
    }))
    const ids = await trx.insertInto('post').values(rows).returning(['id', 'revision', 'body', 'html']).execute()
    const revs = ids.flatMap((p) =>
      p.revision === 2
        ? [
            { post_id: p.id, revision: 1, body: 'first draft', html: '<p>first draft</p>', created_at: 0 },
            { post_id: p.id, revision: 2, body: p.body, html: p.html, created_at: 1 },
          ]
        : [{ post_id: p.id, revision: 1, body: p.body, html: p.html, created_at: 0 }],
    )
    await trx.insertInto('post_revision').values(revs).execute()
  }
})
console.log(`account with ${POSTS} posts (${Math.round(POSTS * 1.1)} revisions) ready`)

// ---- export: resident memory while the zip streams to a client that reads as fast as it can ----
gc?.()
await new Promise((r) => setTimeout(r, 200))
gc?.()
const rssBefore = process.memoryUsage().rss
let rssPeak = rssBefore
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
}, 5)
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const res = await call('GET', '/api/v1/me/export', { cookie })
let bytes = 0
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length
const exportMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
clearInterval(sampler)
console.log(
  `export: status ${res.status}, ${mb(bytes)} zip in ${exportMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms); ` +
    `RSS before ${mb(rssBefore)}, peak ${mb(rssPeak)}, growth ` +
    `${mb(rssPeak - rssBefore)} (target < 50 MB)${gc ? '' : ' [run with --expose-gc for a steadier baseline]'}`,
)

// ---- deletion: request time, then the background erasure ----
const t1 = performance.now()
const del = await call('DELETE', '/api/v1/me', { cookie, csrf: csrfToken, body: { password: 'a long enough password', mode: MODE } })
const deleteMs = performance.now() - t1
console.log(`delete (${MODE}): status ${del.status} in ${deleteMs.toFixed(0)} ms of request time (target < 2,000 ms)`)
const t2 = performance.now()
for (;;) {
  const s = await rt.services.accountDeletion.erasureStatus(user.id)
  if (s?.done) break
  await new Promise((r) => setTimeout(r, 20))
}
const left = await rt.db.selectFrom('post').select('id').where('author_id', '=', user.id).where('body', '!=', '').execute()
console.log(`background erasure done ${(performance.now() - t2).toFixed(0)} ms later; posts with text left: ${left.length}`)

server.close()
await rt.close()
