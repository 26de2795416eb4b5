// Measured speed at scale (issue 7). Starts Alongside on a generated dataset and a bare Express
// app, each in its own child process on loopback, drives both with autocannon and prints a table.
// Usage: npm run bench -- [--posts 1000000] [--duration 15] [--connections 50] [--warmup 3]
//                         [--only 2,3] [--profile] [--gzip false] [--search-index false]
// Figures are also given as ratios to scenario 1 (the bare route) from the same run.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { freePort } from '../test/support/redis.ts'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
import {
  BENCH_MEMBER_COUNT,
  BENCH_MODERATOR,
  BENCH_READER,
  benchMemberHandle,
  defaultDatasetPath,
  generateDataset,
  makeBody,
  mulberry32,
  parseArgs,
  printStats,
} from './bench-data.ts'
import { formatCompare, type BenchFile, type ScenarioResult } from './bench-compare.ts'
import { loadConfig } from '../server/config.ts'
import { log, login, rssSampler, shuffle, startChild, startCommand, stopAll, waitReady, type Session } from './bench-lib/processes.ts'
import { formatTable, pipelineStats, type BenchOut } from './bench-lib/report.ts'
import { checkSearch, pickSearchWords, searchScenario, type SearchWords } from './bench-lib/search.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const posts = Number(args.posts ?? 1_000_000)
const duration = Number(args.duration ?? 15)
const connections = Number(args.connections ?? 50)
const warmup = Number(args.warmup ?? Math.min(3, Math.max(1, Math.round(duration / 5))))
const only = args.only ? new Set(args.only.split(',')) : undefined
const profile = args.profile === 'true'
// Browsers always ask for gzip, so by default the bench does too: compression is part of the cost of a page.
const gzip = args.gzip !== 'false'
// --search-index false: the same run without the search triggers, to measure what the index costs writes.
const searchIndex = args['search-index'] !== 'false'
const dataset = path.resolve(repoRoot, args.data ?? defaultDatasetPath(posts))
const runDb = dataset.replace(/\.db$/, '.run.db')

interface Scenario {
  id: string
  name: string
  read: boolean
  /** Distinct pages the scenario rotates over: the warm-up reads each once (see below). */
  pages?: (ctx: RunCtx) => number
  opts: (ctx: RunCtx) => autocannon.Options
  check?: (ctx: RunCtx) => Promise<void>
}
interface RunCtx {
  bareUrl: string
  base: string
  reader: Session
  moderator: Session
  members: Session[]
  readThreads: number[]
  replyThreads: { id: number; slug: string }[]
  slug: string
  deepCursor: string
  deepDepth: number
  search: SearchWords
}

const enc = (h: Record<string, string>) => (gzip ? { ...h, 'accept-encoding': 'gzip, deflate, br' } : h)

function rotating(base: string, paths: () => string, headers: Record<string, string>): autocannon.Options {
  return {
    url: base,
    requests: [{ method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: paths(), headers: { ...req.headers, ...enc(headers) } }) }],
  }
}

const SCENARIOS: Scenario[] = [
  { id: '1', name: 'bare Express route (ceiling)', read: true, opts: (c) => ({ url: `${c.bareUrl}/`, headers: enc({}) }) },
  {
    id: '2',
    name: 'thread page JSON, 20 posts, signed in',
    read: true,
    pages: (c) => c.readThreads.length,
    opts: (c) => {
      let i = 0
      return rotating(c.base, () => `/api/v1/threads/${c.readThreads[i++ % c.readThreads.length]}?limit=20`, { cookie: c.reader.cookie })
    },
    async check(c) {
      const res = await fetch(`${c.base}/api/v1/threads/${c.readThreads[0]}?limit=20`, { headers: { cookie: c.reader.cookie } })
      const body = (await res.json()) as { posts: unknown[] }
      if (res.status !== 200 || body.posts.length !== 20) throw new Error(`thread JSON check failed: ${res.status}, ${body.posts?.length} posts`)
    },
  },
  {
    id: '3',
    name: 'thread page HTML, 20 posts, signed in',
    read: true,
    pages: (c) => c.readThreads.length,
    opts: (c) => {
      let i = 0
      return rotating(c.base, () => `/t/${c.readThreads[i++ % c.readThreads.length]}`, { cookie: c.reader.cookie })
    },
    async check(c) {
      const res = await fetch(`${c.base}/t/${c.readThreads[0]}`, { headers: { cookie: c.reader.cookie } })
      const text = await res.text()
      if (res.status !== 200 || (text.match(/id="post-\d+"/g) ?? []).length !== 20)
        throw new Error(`thread HTML check failed: ${res.status}, ${(text.match(/id="post-\d+"/g) ?? []).length} posts`)
    },
  },
  {
    id: '4a',
    name: 'thread list, first page',
    read: true,
    opts: (c) => ({ url: `${c.base}/api/v1/communities/${c.slug}/threads?limit=20`, headers: enc({ cookie: c.reader.cookie }) }),
  },
  {
    id: '4b',
    name: 'thread list, deep page by cursor',
    read: true,
    opts: (c) => ({ url: `${c.base}/api/v1/communities/${c.slug}/threads?limit=20&cursor=${c.deepCursor}`, headers: enc({ cookie: c.reader.cookie }) }),
    async check(c) {
      const res = await fetch(`${c.base}/api/v1/communities/${c.slug}/threads?limit=20&cursor=${c.deepCursor}`, { headers: { cookie: c.reader.cookie } })
      const body = (await res.json()) as { threads: unknown[] }
      if (res.status !== 200 || body.threads.length !== 20) throw new Error(`deep page check failed: ${res.status}`)
    },
  },
  {
    id: '5',
    name: 'replies by many members (pipeline on)',
    read: false,
    opts: (c) => {
      let nextMember = 0
      let t = 0
      const rng = mulberry32(7)
      // One request entry per reply: autocannon keeps `context` across a connection's pass over
      // the list, so each connection signs in as one member for 10,000 replies at a time.
      const entry = {
        method: 'POST' as const,
        setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
          if (!context.member) context.member = c.members[nextMember++ % c.members.length]
          const m = context.member as Session
          const thread = c.replyThreads[t++ % c.replyThreads.length]!
          // Written as the dataset's replies are: a few sentences in the thread's community's words,
          // now and then a list or a quote. Replies made of a couple of stock lines would be held
          // back by the spam check as one member repeating themselves.
          const body = makeBody(rng, thread.slug, true)
          return {
            ...req,
            path: `/api/v1/threads/${thread.id}/posts`,
            headers: { ...req.headers, cookie: m.cookie, 'x-csrf-token': m.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ body }),
          }
        },
      }
      return { url: c.base, requests: Array.from({ length: 10_000 }, () => entry) }
    },
  },
  {
    id: '6',
    name: 'moderator queue, first page',
    read: true,
    opts: (c) => ({ url: `${c.base}/api/v1/moderation/queue?limit=20`, headers: enc({ cookie: c.moderator.cookie }) }),
    async check(c) {
      const res = await fetch(`${c.base}/api/v1/moderation/queue?limit=20`, { headers: { cookie: c.moderator.cookie } })
      const body = (await res.json()) as { items: unknown[] }
      if (res.status !== 200 || body.items.length === 0) throw new Error(`queue check failed: ${res.status}`)
    },
  },
  ...(['common', 'rare', 'phrase'] as const).map((kind, k): Scenario => ({
    id: `7${'abc'[k]}`,
    name: `search, ${kind} ${kind === 'phrase' ? '' : 'word '}(one connection)`,
    read: true,
    opts: (c) => searchScenario(c.base, c.reader.cookie, c.search[kind], enc),
    check: (c) => checkSearch(c.base, c.reader.cookie, c.search[kind][0]!),
  })),
]

async function run(opts: autocannon.Options, seconds: number) {
  return autocannon({ connections, duration: seconds, ...opts })
}

async function main() {
  if (!fs.existsSync(dataset)) {
    log(`No dataset at ${dataset}: generating ${posts.toLocaleString('en')} posts first.`)
    printStats(await generateDataset({ posts, out: dataset }), dataset)
  }
  // Replies change the data: every run starts from a fresh copy, so runs stay comparable.
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(runDb + suffix, { force: true })
  fs.copyFileSync(dataset, runDb)
  if (!searchIndex) {
    const w = new SQLite(runDb)
    for (const t of w.prepare("select name from sqlite_master where type = 'trigger' and name like 'post_fts_%'").all() as { name: string }[])
      w.exec(`drop trigger "${t.name}"`)
    w.close()
  }

  const src = new SQLite(runDb, { readonly: true })
  const count = (sql: string) => (src.prepare(sql).get() as { n: number }).n
  const datasetInfo = {
    posts: count('select count(*) as n from post'),
    threads: count('select count(*) as n from thread'),
    members: count('select count(*) as n from user'),
    openReviewItems: count("select count(*) as n from review_item where status = 'open'"),
    fileMb: Math.round(fs.statSync(runDb).size / 1e6),
  }
  const readThreads = shuffle(
    (src.prepare("select id from thread where status = 'visible' and reply_count >= 19").all() as { id: number }[]).map((r) => r.id),
  ).slice(0, 5000)
  const replyThreads = shuffle(
    src.prepare("select t.id, c.slug from thread t join community c on c.id = t.community_id where t.status = 'visible' and t.locked = 0").all() as {
      id: number
      slug: string
    }[],
  ).slice(0, 5000)
  const top = src.prepare('select slug, thread_count from community order by thread_count desc limit 1').get() as { slug: string; thread_count: number }
  const maxPostBefore = count('select max(id) as n from post')
  const search = pickSearchWords(src)
  src.close()

  const barePort = await freePort()
  const serverPort = await freePort()
  const profileDir = path.resolve(repoRoot, 'data/profiles')
  const baseEnv = { ...process.env }
  delete baseEnv.REDIS_URL
  // The server runs as `npm start` runs it: the production build, without the TypeScript loader.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' })
  const bare = startChild('bare app', 'scripts/bench-bare.ts', { ...baseEnv, NODE_ENV: 'production', PORT: String(barePort), HOST: '127.0.0.1' })
  const start = startCommand()
  const server = startChild(
    'server',
    'dist/server.js',
    {
      ...baseEnv,
      ...start.env,
      NODE_ENV: 'production',
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      DATABASE_PATH: runDb,
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      // The documented limits, raised for the run: the bench posts far faster than any member could.
      RATE_LIMIT_POSTS_PER_MINUTE: '10000000',
      RATE_LIMIT_SEARCHES_PER_MINUTE: '10000000',
      RATE_LIMIT_LOGINS_PER_MINUTE: '100000',
    },
    [...start.flags, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  )
  const bareUrl = `http://127.0.0.1:${barePort}`
  const base = `http://127.0.0.1:${serverPort}`
  const results: ScenarioResult[] = []
  const extra: Record<string, unknown> = {}
  const rssPerScenario: Record<string, number> = {}
  let rss: ReturnType<typeof rssSampler> | undefined
  try {
    await Promise.all([waitReady(`${bareUrl}/`, bare), waitReady(`${base}/api/v1/communities`, server)])
    rss = rssSampler(server.pid!)
    log(`server pid ${server.pid} on ${base}, bare app on ${bareUrl}; dataset ${path.relative(repoRoot, dataset)} (copied to ${path.basename(runDb)})`)

    const memberCount = Math.min(BENCH_MEMBER_COUNT, Math.max(connections, 1))
    const reader = await login(base, BENCH_READER)
    const moderator = await login(base, BENCH_MODERATOR)
    const members: Session[] = []
    for (let i = 0; i < memberCount; i += 4) {
      members.push(...(await Promise.all(Array.from({ length: Math.min(4, memberCount - i) }, (_, k) => login(base, benchMemberHandle(i + k))))))
    }

    // Walk the list page by page, as a reader scrolling would, to a cursor halfway down.
    const deepDepth = Math.floor(top.thread_count / 2 / 100) * 100
    let deepCursor = ''
    for (let seen = 0; seen < deepDepth; seen += 100) {
      const res = await fetch(`${base}/api/v1/communities/${top.slug}/threads?limit=100${deepCursor ? `&cursor=${deepCursor}` : ''}`, {
        headers: { cookie: reader.cookie },
      })
      const body = (await res.json()) as { nextCursor: string | null }
      if (!body.nextCursor) break
      deepCursor = body.nextCursor
    }
    const ctx: RunCtx = { bareUrl, base, reader, moderator, members, readThreads, replyThreads, slug: top.slug, deepCursor, deepDepth, search }
    log(
      `search words: common ${search.common.join(', ')} (${search.docs.common} posts); rare ` +
        `${search.rare.join(', ')} (${search.docs.rare}); phrases ${search.phrase.join(', ')}`,
    )
    log(
      `signed in ${members.length} members, a reader and a moderator; ${readThreads.length} ` +
        `threads with 20+ posts; deep page after ${deepDepth.toLocaleString('en')} threads of ${top.slug}`,
    )

    for (const s of SCENARIOS) {
      if (only && !only.has(s.id) && s.id !== '1') continue
      await s.check?.(ctx)
      // The figures are the steady state of a sustained load: the warm-up first reads every page
      // the scenario rotates over once (so the page cache holds them, as it would a few seconds
      // into a busy hour), then runs for --warmup seconds. PAGE_CACHE_MB=0 measures a cold cache.
      const pages = s.pages?.(ctx)
      if (pages) await autocannon({ connections, amount: pages, ...s.opts(ctx) })
      if (warmup > 0) await run(s.opts(ctx), warmup)
      rss.takeWindowMb()
      log(`scenario ${s.id}: ${s.name} (${duration} s, ${connections} connections)`)
      const r = await run(s.opts(ctx), duration)
      rssPerScenario[s.id] = Math.round(rss.takeWindowMb())
      const errors = r.errors + r.timeouts + r.non2xx
      results.push({ id: s.id, name: s.name, read: s.read, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors, ratio: 0 })
      if (s.id === '5') extra.replies = await pipelineStats(runDb, maxPostBefore, r.requests.total)
    }
  } finally {
    rss?.stop()
    await stopAll()
  }
  const bareRps = results.find((r) => r.id === '1')!.rps
  for (const r of results) r.ratio = r.rps / bareRps
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(runDb + suffix, { force: true })

  const get = (id: string) => results.find((r) => r.id === id)
  const targets: { target: string; value: string; met: boolean }[] = []
  const t = (target: string, value: string, met: boolean) => targets.push({ target, value, met })
  const s2 = get('2'),
    s3 = get('3'),
    s4a = get('4a'),
    s4b = get('4b'),
    s5 = get('5')
  if (s2) t('thread JSON >= 0.35 of bare, p99 <= 25 ms', `${s2.ratio.toFixed(2)}, p99 ${s2.p99} ms`, s2.ratio >= 0.35 && s2.p99 <= 25)
  if (s3) t('thread HTML >= 0.30 of bare', s3.ratio.toFixed(2), s3.ratio >= 0.3)
  if (s4a) t('thread list first page >= 0.35 of bare', s4a.ratio.toFixed(2), s4a.ratio >= 0.35)
  if (s4a && s4b) t('deep page within 10% of first page', `${((s4b.rps / s4a.rps - 1) * 100).toFixed(1)}%`, Math.abs(s4b.rps / s4a.rps - 1) <= 0.1)
  if (s5) t('replies >= 1,000/s, p99 <= 50 ms', `${Math.round(s5.rps)}/s, p99 ${s5.p99} ms`, s5.rps >= 1000 && s5.p99 <= 50)
  for (const id of ['7a', '7b']) {
    const s = get(id)
    if (s) t(`${s.name}: p99 <= 50 ms`, `${s.p99} ms`, s.p99 <= 50)
  }
  const rssMax = Math.round(rss?.maxMb ?? 0)
  t('server RSS < 250 MB', `${rssMax} MB`, rssMax < 250)

  const out: BenchOut & Record<string, unknown> = {
    posts,
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 1e9),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: {
      duration,
      connections,
      warmup,
      warmupReadsEveryPage: true,
      pageCacheMb: loadConfig({ PAGE_CACHE_MB: process.env.PAGE_CACHE_MB }).pageCacheBytes / 2 ** 20,
      gzip,
      pipeline: 'embedded',
      profile,
      searchIndex,
    },
    dataset: datasetInfo,
    searchWords: search,
    scenarios: results.map((r) => ({ ...r, rps: Math.round(r.rps), ratio: Number(r.ratio.toFixed(3)) })),
    serverRssMaxMb: rssMax,
    serverRssMaxMbByScenario: rssPerScenario,
    ...extra,
    targets,
  }
  console.log(formatTable(out))
  const partial = only !== undefined
  const file = path.resolve(repoRoot, `bench/results/${posts}${partial ? '.partial.tmp' : '.json'}`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`)
  console.log(`\nwrote ${path.relative(repoRoot, file)}`)
  if (profile) console.log(`CPU profile of the server: ${path.relative(repoRoot, profileDir)}/*.cpuprofile`)

  const otherPosts = posts === 10_000 ? 1_000_000 : 10_000
  const other = path.resolve(repoRoot, `bench/results/${otherPosts}.json`)
  if (!partial && fs.existsSync(other)) {
    const o = JSON.parse(fs.readFileSync(other, 'utf8')) as BenchFile
    console.log(`\n${posts > otherPosts ? formatCompare(out, o) : formatCompare(o, out)}`)
  }
}

main().catch(async (err) => {
  console.error(err)
  await stopAll()
  process.exit(1)
})
