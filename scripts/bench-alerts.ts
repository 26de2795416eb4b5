// Urgent post -> on-duty moderator's inbox, through the whole path: the HTTP server, Redis, a real
// worker process (scan and mail), and a real SMTP server, at a fixed offered rate (open loop: each
// post is sent at its time whether or not earlier ones were answered). Starts and stops everything
// itself on loopback. Target (issue #18): p99 <= 5 s.
// Usage: npm run bench:alerts -- [--rate 5] [--seconds 30] [--warmup 3]
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

interface Session {
  cookie: string
  csrf: string
}

export async function benchAlerts(opts: { ratePerSecond: number; seconds: number; warmupSeconds: number }) {
  const { TestRedis, uniquePrefix } = await import('../test/support/redis.ts')
  const { TestSmtp } = await import('../test/support/smtp.ts')
  const { startWorker, stopProcess } = await import('../test/support/worker.ts')
  const { startTestRuntime } = await import('../test/support/app.ts')
  const { URGENT_POST } = await import('../test/support/texts.ts')

  const redis = await TestRedis.start()
  const smtp = await TestSmtp.start()
  const prefix = uniquePrefix('bench-alerts')
  // Arrival at the SMTP server: when the message's data has been read, before it is parsed or answered.
  const arrivals = new Map<number, number>()
  smtp.onData = (raw) => {
    const at = Date.now()
    const item = /\/mod\/items\/(\d+)/.exec(raw.replace(/=\r?\n/g, ''))?.[1]
    if (item && !arrivals.has(Number(item))) arrivals.set(Number(item), at)
  }
  const env = { REDIS_URL: redis.url, QUEUE_PREFIX: prefix, PUBLIC_URL: 'https://alongside.bench', MAIL_FROM: 'Alongside <alerts@alongside.bench>' }
  const rt = await startTestRuntime({ ...env, LOG_LEVEL: 'warn' })
  const server = http.createServer(rt.app)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const worker = startWorker({ ...env, SMTP_URL: smtp.url, LOG_LEVEL: 'info', WORKER_CONCURRENCY: '4' })

  const api = async (path: string, body: unknown, s?: Session) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
      body: JSON.stringify(body),
    })
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
    return { res, json }
  }
  const register = async (handle: string): Promise<Session & { id: number }> => {
    const { res, json } = await api('/auth/register', { handle, password: 'bench password 2026' })
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const s = { cookie, csrf: json.csrfToken as string, id: (json.user as { id: number }).id }
    const version = (
      (await (await fetch(`${base}/api/v1/communities/grief`, { headers: { cookie } })).json()) as { community: { guidelines: { version: number } } }
    ).community.guidelines.version
    await api('/communities/grief/membership', { acceptedGuidelinesVersion: version }, s)
    return s
  }

  try {
    await worker.ready
    // One on-duty moderator of the community with a verified alert address (the confirmation mail's
    // round trip is the integration tests' business, not this measurement's).
    const mod = await register('bench_volunteer')
    const now = Date.now()
    await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
    await rt.db
      .insertInto('duty')
      .values({ user_id: mod.id, on_duty: 1, alert_email: 'on-duty@example.test', alert_email_verified_at: now, rota: null, updated_at: now })
      .execute()

    const warmup = Math.round(opts.ratePerSecond * opts.warmupSeconds)
    const total = warmup + Math.round(opts.ratePerSecond * opts.seconds)
    // One author per post: the same words from one author would also read as repeated text (spam).
    const authors: Session[] = []
    for (let i = 0; i < total; i++) authors.push(await register(`bench_author_${i}`))

    const sent: { index: number; postId?: number; startedAt: number; error?: string }[] = []
    const start = Date.now() + 200
    const inFlight: Promise<void>[] = []
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / opts.ratePerSecond
      const wait = due - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      const entry: (typeof sent)[number] = { index: i, startedAt: Date.now() }
      sent.push(entry)
      inFlight.push(
        api('/communities/grief/threads', { title: `Bench thread ${i}`, body: URGENT_POST }, authors[i]).then(
          ({ json }) => void (entry.postId = (json.post as { id: number }).id),
          (err: Error) => void (entry.error = err.message),
        ),
      )
    }
    await Promise.all(inFlight)
    const offeredSeconds = (Date.now() - start) / 1000

    // Wait for every alert (or 60 s past the last post).
    const deadline = Date.now() + 60_000
    const itemOf = new Map<number, number>()
    for (;;) {
      const items = await rt.db.selectFrom('review_item').select(['id', 'post_id']).execute()
      for (const it of items) itemOf.set(it.post_id, it.id)
      const waiting = sent.filter((s) => s.postId !== undefined && !arrivals.has(itemOf.get(s.postId!) ?? -1))
      if (waiting.length === 0 || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const latency = (s: (typeof sent)[number]) => {
      const item = s.postId === undefined ? undefined : itemOf.get(s.postId)
      const at = item === undefined ? undefined : arrivals.get(item)
      return at === undefined ? undefined : at - s.startedAt
    }
    // Where the time goes: the verdict applied (scan through Redis and the worker) is the first leg.
    const applied = new Map(
      (await rt.db.selectFrom('applied_verdict').select(['post_id', 'applied_at']).execute()).map((r) => [r.post_id, r.applied_at] as const),
    )
    const measured = sent.slice(warmup)
    const toVerdict = measured
      .map((s) => (s.postId !== undefined && applied.has(s.postId) ? applied.get(s.postId)! - s.startedAt : undefined))
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b)
    const lat = measured
      .map(latency)
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b)
    const cold = sent
      .slice(0, warmup)
      .map(latency)
      .filter((x): x is number => x !== undefined)
    return {
      rate: opts.ratePerSecond,
      seconds: opts.seconds,
      offeredSeconds,
      posts: measured.length,
      errors: sent.filter((s) => s.error).length,
      arrived: lat.length,
      p50: pct(lat, 50),
      p95: pct(lat, 95),
      p99: pct(lat, 99),
      max: lat.at(-1),
      warmup,
      warmupMax: cold.length ? Math.max(...cold) : undefined,
      duplicates: smtp.received.length - arrivals.size,
      verdictP50: pct(toVerdict, 50),
      verdictP99: pct(toVerdict, 99),
    }
  } finally {
    await stopProcess(worker)
    await new Promise((r) => server.close(r))
    await rt.close()
    await smtp.stop()
    await redis.stop()
  }
}

async function main() {
  const r = await benchAlerts({ ratePerSecond: arg('rate', 5), seconds: arg('seconds', 30), warmupSeconds: arg('warmup', 3) })
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1)
  console.log(
    `urgent post -> on-duty moderator's SMTP inbox (HTTP server + Redis + 1 worker + SMTP), open loop at ${r.rate} posts/s for ${r.seconds} s` +
      ` (sent over ${r.offeredSeconds.toFixed(1)} s): ${r.arrived}/${r.posts} alerts arrived, ${r.errors} request errors;` +
      ` p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms (target p99 <= 5000 ms)`,
  )
  console.log(`  of which post request -> verdict applied (scan by the worker): p50 ${r.verdictP50} ms, p99 ${r.verdictP99} ms`)
  console.log(`  (after ${r.warmup} warm-up posts, not counted; their slowest: ${r.warmupMax} ms; 1-minute load average at the end: ${load})`)
  if (r.duplicates > 0) console.log(`  ${r.duplicates} alerts arrived more than once`)
  if (r.arrived < r.posts) process.exitCode = 1
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
