// Lead check-in aggregates (issue #20) over 100,000 check-ins: the target is 50 ms at the server.
// Builds a fresh database with the real migrations, bulk-inserts check-ins, then times the
// aggregate service (wall and CPU per call) and prints the query plans.
// Usage: node --import tsx scripts/bench-outcomes.ts [--check-ins 100000] [--runs 50]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { ManualClock } from '../server/clock.ts'
import { loadConfig } from '../server/config.ts'
import { migrateToLatest, openDatabase } from '../server/db/database.ts'
import { createLogger } from '../server/logger.ts'
import { seedCommunities } from '../server/seed/communities.ts'
import { createOutcomeAggregateService, quarterBounds } from '../server/services/outcome-aggregates.ts'
import type { ServiceDeps } from '../server/services/context.ts'
import { DAY_MS } from '../server/time.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const CHECK_INS = arg('check-ins', 100_000)
const RUNS = arg('runs', 50)

const now = Date.parse('2026-12-15T12:00:00Z')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alongside-bench-outcomes-'))
const file = path.join(dir, 'bench.db')
const db = openDatabase(file)
await migrateToLatest(db)
await seedCommunities(db, now - 400 * DAY_MS)
const community = (await db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()).id

// Worst case for one community: every check-in in the year the aggregates cover, from members
// answering every two weeks (about 26 each), so about 3,850 members.
const perMember = 26
const members = Math.ceil(CHECK_INS / perMember)
const t0 = performance.now()
await db.transaction().execute(async (trx) => {
  for (let u = 0; u < members; u++) {
    const { id } = await trx
      .insertInto('user')
      .values({
        handle: `bench_${u}`,
        handle_key: `bench_${u}`,
        handle_skeleton: `bench_${u}`,
        password_hash: 'x',
        email: null,
        suspended_until: null,
        created_at: now - 400 * DAY_MS,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('membership')
      .values({ community_id: community, user_id: id, accepted_guidelines_version: 1, silenced_until: null, joined_at: now - 390 * DAY_MS })
      .execute()
  }
})
const users = (await db.selectFrom('user').select('id').where('handle', 'like', 'bench_%').execute()).map((u) => u.id)
const start = quarterBounds(now)[0]!
// mulberry32: a small seeded generator, so every run sees the same data.
let rnd = 7
const rand = (n: number) => {
  let t = (rnd = (rnd + 0x6d2b79f5) | 0)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
}
const rows = []
for (let i = 0; i < CHECK_INS; i++) {
  const user = users[i % users.length]!
  const k = Math.floor(i / users.length)
  rows.push({
    user_id: user,
    community_id: community,
    created_at: start + k * 14 * DAY_MS + rand(14 * DAY_MS),
    wellbeing: rand(26),
    loneliness: 3 + rand(7),
    hope: rand(11),
  })
}
for (let i = 0; i < rows.length; i += 5000)
  await db
    .insertInto('outcome_check_in')
    .values(rows.slice(i, i + 5000))
    .execute()
await sql`analyze`.execute(db)
const inWindow = await db
  .selectFrom('outcome_check_in')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('created_at', '>=', start)
  .executeTakeFirstOrThrow()
console.log(
  `built ${CHECK_INS.toLocaleString('en-GB')} check-ins from ` +
    `${members.toLocaleString('en-GB')} members ` +
    `(${Number(inWindow.n).toLocaleString('en-GB')} in the four quarters) in ${Math.round(performance.now() - t0)} ms`,
)

const bounds = quarterBounds(now)
{
  // The statement memberQuarters runs, as SQLite plans it.
  const { rows: plan } = await sql<{
    detail: string
  }>`explain query plan select k, quarter_start, v, n from outcome_histogram
    where community_id = ${community} and quarter_start >= ${bounds[0]!} and quarter_start < ${bounds[4]!} and n > 0`.execute(db)
  console.log('plan:', plan.map((r) => r.detail).join(' | '))
}
const summary = await db
  .selectFrom('outcome_member_quarter')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()
const histogram = await db
  .selectFrom('outcome_histogram')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()
console.log(`summary rows: ${Number(summary.n).toLocaleString('en-GB')} member-quarters, ${Number(histogram.n).toLocaleString('en-GB')} histogram rows`)

const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', DATABASE_PATH: file, LOG_LEVEL: 'silent' })
const deps = { db, clock: new ManualClock(now), config, logger: createLogger('silent') } as unknown as ServiceDeps
const service = createOutcomeAggregateService(deps)
await db.updateTable('user').set({ is_admin: 1 }).where('id', '=', users[0]!).execute()
const ctx = {
  requestId: 'bench',
  actor: { id: users[0]!, handle: 'bench_0', isAdmin: true, suspendedUntil: null, suspended: false, createdAt: 0, postCount: 0, readingPrefs: '{}' },
}

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn()
  const walls: number[] = []
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await fn()
    walls.push(performance.now() - t)
  }
  const cpu = process.cpuUsage(cpu0)
  walls.sort((a, b) => a - b)
  const p = (q: number) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))]!.toFixed(1)
  console.log(
    `${label}: median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms wall; CPU ` +
      `${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(1)} ms per call (${RUNS} runs)`,
  )
}

const result = await service.forCommunity(ctx, 'grief')
console.log('cells:', result.cells.map((c) => `${c.label} members=${c.members} wellbeing=${c.wellbeing?.median} change=${c.change?.members}`).join('; '))
await measure('lead aggregates (one community, four quarters)', () => service.forCommunity(ctx, 'grief'))
await measure('admin CSV (every community)', () => service.csv(ctx))
await db.destroy()
fs.rmSync(dir, { recursive: true, force: true })
