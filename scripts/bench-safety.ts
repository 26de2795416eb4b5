// Throughput of the safety pipeline on one core. Sections are independent functions so
// further ones (the Redis round-trip) can be added alongside benchDetectors().
// Usage: node --import tsx scripts/bench-safety.ts [--scans N]
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scan } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type ScanInput } from '../workers/pipeline/types.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The posts scanned: 'short' the repo's short labelled fixtures (heldout and the probes: one to a
 * few sentences a post, about 170 characters on average); 'long' the training
 * posts of 350 to 650 characters (about 500 on average, the length the throughput target is set at).
 */
function corpusInputs(kind: 'short' | 'long' = 'short'): ScanInput[] {
  const settings = defaultSafetySettings()
  // A couple of watched words so the rules detector is measured too.
  settings.watchedWords = [
    { id: 1, phrase: 'kill', wholeWord: true, regex: false, action: 'flag' },
    { id: 2, phrase: 'bit(coin|cash)', wholeWord: false, regex: true, action: 'hold' },
  ]
  const read = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { text: string; author?: { accountAgeDays: number; postCount: number } })
  const fixtures = path.join(repoRoot, 'test/unit/pipeline/fixtures')
  const records =
    kind === 'short'
      ? ['heldout', 'probe-a', 'probe-b', 'probe-c', 'probe-d', 'probe-e'].flatMap((f) => read(path.join(fixtures, `${f}.jsonl`)))
      : [
          ...(existsSync(path.join(repoRoot, 'tools/data/train'))
            ? readdirSync(path.join(repoRoot, 'tools/data/train'))
                .filter((f) => f.endsWith('.jsonl'))
                .sort()
                .map((f) => path.join(repoRoot, 'tools/data/train', f))
            : []),
          ...['train-t1', 'train-t2', 'train-t3'].map((f) => path.join(fixtures, `${f}.jsonl`)),
        ]
          .flatMap(read)
          .filter((r) => r.text.length >= 350 && r.text.length <= 650)
  return records.map((r) => ({ text: r.text, settings, ...(r.author ? { author: { ...r.author, recentTexts: [] } } : {}) }))
}

export interface BenchResult {
  scans: number
  seconds: number
  postsPerSecond: number
  meanChars: number
  /** Scans per second of this process's CPU time: on a shared machine, wall time also counts the time other processes held the core. */
  postsPerCpuSecond: number
}

export function benchDetectors(scans = 20_000, kind: 'short' | 'long' = 'short'): BenchResult {
  const inputs = corpusInputs(kind)
  const meanChars = inputs.reduce((sum, x) => sum + x.text.length, 0) / inputs.length
  for (let i = 0; i < 2_000; i++) scan(inputs[i % inputs.length]!) // warm-up: JIT and caches
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  for (let i = 0; i < scans; i++) scan(inputs[i % inputs.length]!)
  const cpu = process.cpuUsage(c0)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { scans, seconds, postsPerSecond: scans / seconds, meanChars, postsPerCpuSecond: scans / ((cpu.user + cpu.system) / 1e6) }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

/**
 * Post saved -> verdict applied, with a real redis-server and one real worker process, at a
 * steady rate. Starts and stops everything itself on loopback.
 */
export async function benchRedisLatency(ratePerSecond = 50, seconds = 10) {
  const { TestRedis, uniquePrefix } = await import('../test/support/redis.ts')
  const { startWorker, stopProcess } = await import('../test/support/worker.ts')
  const { startTestRuntime } = await import('../test/support/app.ts')
  const redis = await TestRedis.start()
  const prefix = uniquePrefix('bench')
  const rt = await startTestRuntime({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix }, {})
  const worker = startWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '4' })
  try {
    await worker.ready
    const session = await rt.services.auth.register({ handle: 'bench_author', password: 'bench password 1' })
    const ctx = { requestId: 'bench', actor: (await rt.services.auth.resolveSession(session.token))!.actor }
    await rt.services.communities.join(ctx, 'grief', 1)
    const texts = corpusInputs().map((c) => c.text)
    // The first posts meet a cold worker and server (JIT, lexicons compiled on first use): 150-230 ms
    // each. A worker runs for days, so 2 s of posts warm the path first; their worst time is reported
    // on its own line, and only the posts after them count for p50/p99.
    const warmup = ratePerSecond * 2
    const total = warmup + ratePerSecond * seconds
    const ids: number[] = []
    const start = Date.now()
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / ratePerSecond
      const wait = due - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      const { post } = await rt.services.forum.createThread(ctx, 'grief', { title: `bench ${i}`, body: `${texts[i % texts.length]} (${i})` })
      ids.push(post.id)
    }
    const deadline = Date.now() + 30_000
    for (;;) {
      const done = await rt.db
        .selectFrom('applied_verdict')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      if (Number(done.n) >= total || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const rows = await rt.db
      .selectFrom('applied_verdict')
      .innerJoin('post', 'post.id', 'applied_verdict.post_id')
      .select(['post.id', 'post.created_at', 'applied_verdict.applied_at'])
      .execute()
    const firstMeasured = ids[warmup]!
    const ms = (r: { created_at: number; applied_at: number }) => r.applied_at - r.created_at
    const lat = rows
      .filter((r) => r.id >= firstMeasured)
      .map(ms)
      .sort((a, b) => a - b)
    const cold = Math.max(...rows.filter((r) => r.id < firstMeasured).map(ms))
    return { posts: total - warmup, applied: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), max: lat.at(-1)!, warmup, coldMax: cold }
  } finally {
    await stopProcess(worker)
    await rt.close()
    await redis.stop()
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--scans')
  const scans = i > 0 ? Number(process.argv[i + 1]) : 20_000
  for (const kind of ['long', 'short'] as const) {
    const r = benchDetectors(scans, kind)
    console.log(
      `detectors, ${kind} posts (${Math.round(r.meanChars)} characters on ` +
        `average): ${r.scans} scans in ${r.seconds.toFixed(2)} s = ` +
        `${Math.round(r.postsPerSecond)} posts/s (one core; ${Math.round(r.postsPerCpuSecond)} per CPU-second)`,
    )
  }
  if (process.argv.includes('--no-redis')) return
  const l = await benchRedisLatency(50, 10)
  console.log(
    `redis + 1 worker, 50 posts/s for 10 s: ${l.applied}/${l.posts} applied; post saved -> verdict applied p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`,
  )
  console.log(`  (after ${l.warmup} warm-up posts, not counted above; the slowest of those, on a cold worker: ${l.coldMax} ms)`)
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
