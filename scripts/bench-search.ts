// Search cost in CPU time (issue 21): on a shared, busy machine wall-clock latency measures the
// neighbours, so this times each search with process.cpuUsage() around the real service call on
// the bench dataset, and the write cost of the index as CPU per inserted post with and without
// the search triggers (inside a transaction that is rolled back: the dataset is not changed).
// Usage: node --import tsx scripts/bench-search.ts [--posts 1000000] [--n 300]
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/database.ts'
import { createLogger } from '../server/logger.ts'
import { createSearchService } from '../server/services/search.ts'
import type { ServiceDeps } from '../server/services/context.ts'
import { defaultDatasetPath, parseArgs } from './bench-data.ts'
import { pickSearchWords } from './bench-lib/search.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const posts = Number(args.posts ?? 1_000_000)
const n = Number(args.n ?? 300)
const file = path.resolve(repoRoot, args.data ?? defaultDatasetPath(posts))

const cpuMs = (f: () => void | Promise<void>) => async () => {
  const c = process.cpuUsage()
  const t = performance.now()
  await f()
  const d = process.cpuUsage(c)
  return { cpu: (d.user + d.system) / 1000, wall: performance.now() - t }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!

const ro = new SQLite(file, { readonly: true })
const words = pickSearchWords(ro)
ro.close()

const config = loadConfig({ NODE_ENV: 'production', DATABASE_PATH: file, SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' })
const db = openDatabase(file)
const search = createSearchService({ db, config, logger: createLogger('silent') } as unknown as ServiceDeps)
const out: Record<string, unknown> = { posts, n, words }
for (const kind of ['common', 'rare', 'phrase'] as const) {
  const qs = words[kind]
  // Warm the page cache the way a running server's would be, then measure.
  for (const q of qs) await search.search({ requestId: 'w' }, { q, limit: 20 })
  const cpu: number[] = []
  const wall: number[] = []
  let found = 0
  for (let i = 0; i < n; i++) {
    let got = 0
    const m = await cpuMs(async () => {
      got = (await search.search({ requestId: 'b' }, { q: qs[i % qs.length]!, limit: 20 })).results.length
    })()
    found += got
    cpu.push(m.cpu)
    wall.push(m.wall)
  }
  out[kind] = { cpuP50: pct(cpu, 50), cpuP99: pct(cpu, 99), wallP50: pct(wall, 50), wallP99: pct(wall, 99), meanResults: found / n }
}
await db.destroy()

// Writes: the same 2,000 posts inserted with the triggers and without them, each rolled back.
const w = new SQLite(file)
const body = (w.prepare("select body from post where status = 'visible' limit 1").get() as { body: string }).body
const last = w.prepare('select id, thread_id, community_id, author_id from post order by id desc limit 1').get() as Record<string, number>
const ins = w.prepare(
  "insert into post (thread_id, community_id, author_id, body, html, status, scan_status, created_at) values (?, ?, ?, ?, '', 'visible', 'scanned', ?)",
)
const writes = (withIndex: boolean) => {
  let r = { cpu: 0, wall: 0 }
  w.exec('begin')
  try {
    if (!withIndex)
      for (const t of w.prepare("select name from sqlite_master where type = 'trigger' and name like 'post_fts_%'").all() as { name: string }[])
        w.exec(`drop trigger "${t.name}"`)
    const c = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0; i < 2000; i++) ins.run(last.thread_id, last.community_id, last.author_id, `${body} ${i}`, Date.now())
    const d = process.cpuUsage(c)
    r = { cpu: (d.user + d.system) / 1000 / 2000, wall: (performance.now() - t0) / 2000 }
  } finally {
    w.exec('rollback')
  }
  return r
}
writes(true)
const withIdx = [writes(true), writes(true), writes(true)].sort((a, b) => a.cpu - b.cpu)[1]!
const without = [writes(false), writes(false), writes(false)].sort((a, b) => a.cpu - b.cpu)[1]!
w.close()
out.insertCpuMsPerPost = { withIndex: withIdx.cpu, withoutIndex: without.cpu }
console.log(JSON.stringify(out, null, 2))
