// The lead's check-in figures are read from summary rows that triggers keep (migration 0018). They
// must equal the figures computed the slow way from the check-ins themselves, after inserts,
// deletions and withdrawals alike.
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import { loadConfig } from '../../server/config.ts'
import { migrateToLatest, openDatabase } from '../../server/db/database.ts'
import type { DB } from '../../server/db/schema.ts'
import { createLogger } from '../../server/logger.ts'
import type { ServiceDeps } from '../../server/services/context.ts'
import { createOutcomeAggregateService, MIN_CELL, quarterBounds } from '../../server/services/outcome-aggregates.ts'
import { DAY_MS } from '../../server/time.ts'
import { tempDbPath } from '../support/app.ts'

const now = Date.parse('2026-08-20T12:00:00Z')
let db: Kysely<DB>
let community: number
const users: number[] = []
const admin = { id: 0, handle: 'admin', isAdmin: true, suspendedUntil: null, suspended: false, createdAt: 0, postCount: 0, readingPrefs: '{}' }
const ctx = { requestId: 't', actor: admin }

// mulberry32: a small seeded generator, so every run sees the same data.
let seed = 7
const rand = (n: number) => {
  let t = (seed = (seed + 0x6d2b79f5) | 0)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
}

/** The figures the slow way: every check-in, grouped per member and quarter in JavaScript. */
async function expected() {
  const rows = await db.selectFrom('outcome_check_in').selectAll().where('community_id', '=', community).orderBy('created_at').orderBy('id').execute()
  const bounds = quarterBounds(now)
  const rank = (vs: number[], p: number) => [...vs].sort((a, b) => a - b)[Math.max(1, Math.ceil((p / 100) * vs.length)) - 1]!
  const median = (vs: number[]) => {
    const s = [...vs].sort((a, b) => a - b)
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
  }
  return bounds.slice(0, -1).map((start, i) => {
    const byUser = new Map<number, typeof rows>()
    for (const r of rows.filter((r) => r.created_at >= start && r.created_at < bounds[i + 1]!)) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r])
    const last = [...byUser.values()].map((rs) => rs[rs.length - 1]!)
    const repeat = [...byUser.values()].filter((rs) => rs.length >= 2)
    if (last.length < MIN_CELL) return { members: null, wellbeing: null, change: null }
    const diff = (f: (r: (typeof rows)[number]) => number) => median(repeat.map((rs) => f(rs[rs.length - 1]!) - f(rs[0]!)))
    return {
      members: last.length,
      wellbeing: {
        median: rank(
          last.map((r) => r.wellbeing * 4),
          50,
        ),
        p25: rank(
          last.map((r) => r.wellbeing * 4),
          25,
        ),
        p75: rank(
          last.map((r) => r.wellbeing * 4),
          75,
        ),
      },
      change:
        repeat.length < MIN_CELL
          ? null
          : { members: repeat.length, wellbeing: diff((r) => r.wellbeing * 4), loneliness: diff((r) => r.loneliness), hope: diff((r) => r.hope) },
    }
  })
}

async function actual() {
  const deps = {
    db,
    clock: new ManualClock(now),
    config: loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATABASE_PATH: ':memory:' }),
    logger: createLogger('silent'),
  }
  const { cells } = await createOutcomeAggregateService(deps as unknown as ServiceDeps).forCommunity(ctx, 'grief')
  return cells.map((c) => ({
    members: c.members,
    wellbeing: c.wellbeing,
    change: c.change === null ? null : { members: c.change.members, wellbeing: c.change.wellbeing, loneliness: c.change.loneliness, hope: c.change.hope },
  }))
}

beforeAll(async () => {
  db = openDatabase(tempDbPath('outcome-aggregates'))
  await migrateToLatest(db)
  community = (
    await db.insertInto('community').values({ slug: 'grief', name: 'Grief', description: 'd', created_at: 1 }).returning('id').executeTakeFirstOrThrow()
  ).id
  for (let i = 0; i < 40; i++) {
    const h = `m${i}`
    users.push(
      (
        await db
          .insertInto('user')
          .values({ handle: h, handle_key: h, handle_skeleton: h, password_hash: 'x', email: null, created_at: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    )
  }
  const from = quarterBounds(now)[0]!
  for (let i = 0; i < 400; i++) {
    const user = users[rand(users.length)]!
    await db
      .insertInto('outcome_check_in')
      .values({
        user_id: user,
        community_id: community,
        created_at: from + rand(Math.floor((now - from) / DAY_MS)) * DAY_MS + rand(DAY_MS),
        wellbeing: rand(26),
        loneliness: 3 + rand(7),
        hope: rand(11),
      })
      .execute()
  }
})
afterAll(async () => {
  await db.destroy()
})

describe('check-in figures from the summary rows', () => {
  it('equal the figures computed from every check-in', async () => {
    const want = await expected()
    expect(want.filter((c) => c.change !== null).length).toBeGreaterThan(0)
    expect(await actual()).toEqual(want)
  })

  it('stay equal after single check-ins are deleted and members withdraw', async () => {
    const ids = (await db.selectFrom('outcome_check_in').select('id').execute()).map((r) => r.id)
    for (let i = 0; i < 60; i++) await db.deleteFrom('outcome_check_in').where('id', '=', ids[rand(ids.length)]!).execute()
    for (const u of users.slice(0, 12)) await db.deleteFrom('outcome_check_in').where('user_id', '=', u).execute()
    expect(await actual()).toEqual(await expected())
    // Nothing is left behind for a member with no check-ins.
    expect(await db.selectFrom('outcome_member_quarter').select('user_id').where('user_id', 'in', users.slice(0, 12)).execute()).toEqual([])
  })

  it('a cell falls back to "too few" when withdrawals take it under the floor', async () => {
    for (const u of users.slice(12, 32)) await db.deleteFrom('outcome_check_in').where('user_id', '=', u).execute()
    const cells = await actual()
    expect(cells.every((c) => c.members === null && c.wellbeing === null && c.change === null)).toBe(true)
    expect(cells).toEqual(await expected())
  })
})
