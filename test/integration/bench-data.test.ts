import fs from 'node:fs'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset, makeBody, mulberry32, type DatasetStats } from '../../scripts/bench-data.ts'
import { verifyPassword } from '../../server/auth/password.ts'
import { tempDbPath } from '../support/app.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../workers/pipeline/types.ts'

// Not a benchmark: checks that the benchmark's dataset is consistent with what the server would have written.
describe('bench:data at 2,000 posts', () => {
  const file = tempDbPath('bench-data')
  let stats: DatasetStats
  let db: SQLite.Database
  const one = (sql: string) => Object.values(db.prepare(sql).get() as Record<string, number>)[0]

  beforeAll(async () => {
    stats = await generateDataset({ posts: 2000, out: file, quiet: true })
    db = new SQLite(file, { readonly: true })
  }, 20_000)
  afterAll(() => {
    db?.close()
    fs.rmSync(file, { force: true })
  })

  it('makes the requested shape: 4 communities, 2,000 posts, 200 threads', () => {
    expect(one('select count(*) from community')).toBe(4)
    expect(one('select count(*) from post')).toBe(2000)
    expect(one('select count(*) from thread')).toBe(200)
    expect(stats.posts).toBe(2000)
  })

  it('keeps thread, community and member counters consistent with the rows', () => {
    // Held replies neither count nor date the thread (readers do not see them); withheld threads are not counted.
    expect(
      one(
        'select count(*) from thread t where reply_count != (select count(*) from post ' +
          "p where p.thread_id = t.id and p.id != t.first_post_id and p.status != 'held')",
      ),
    ).toBe(0)
    expect(one('select count(*) from thread t where first_post_id != (select min(id) from post p where p.thread_id = t.id)')).toBe(0)
    expect(
      one(
        'select count(*) from thread t where last_activity_at != (select max(created_at) ' +
          "from post p where p.thread_id = t.id and (p.status != 'held' or p.id = t.first_post_id))",
      ),
    ).toBe(0)
    expect(
      one(
        'select count(*) from community c where thread_count != (select count(*) from ' +
          "thread t where t.community_id = c.id and t.status not in ('held', 'hidden', 'removed'))",
      ),
    ).toBe(0)
    expect(one('select count(*) from community c where member_count != (select count(*) from membership m where m.community_id = c.id)')).toBe(0)
    expect(one('select count(*) from user u where post_count != (select count(*) from post p where p.author_id = u.id)')).toBe(0)
  })

  it('writes every post through its revisions, a done outbox row and an applied verdict per revision', () => {
    expect(
      one(
        'select count(*) from post p where not exists (select 1 from post_revision r where r.post_id = p.id and r.revision = p.revision and r.html = p.html)',
      ),
    ).toBe(0)
    expect(
      one(
        'select count(*) from post_revision r where not exists (select 1 from outbox o ' +
          'where o.post_id = r.post_id and o.revision = r.revision and o.done_at is not null)',
      ),
    ).toBe(0)
    expect(one('select count(*) from outbox where done_at is null')).toBe(0)
    expect(
      one('select count(*) from post_revision r where not exists (select 1 from applied_verdict v where v.post_id = r.post_id and v.revision = r.revision)'),
    ).toBe(0)
  })

  it('has authors who are members, one open review item per post at most, and reports tied to items', () => {
    expect(
      one('select count(*) from post p where not exists (select 1 from membership m where m.user_id = p.author_id and m.community_id = p.community_id)'),
    ).toBe(0)
    expect(one("select count(*) from (select post_id from review_item where status = 'open' group by post_id having count(*) > 1)")).toBe(0)
    expect(one("select count(*) from review_item where status = 'open'")).toBeGreaterThan(0)
    expect(one('select count(*) from report r where not exists (select 1 from review_item i where i.id = r.item_id and i.post_id = r.post_id)')).toBe(0)
    expect(db.prepare('pragma foreign_key_check').all()).toEqual([])
  })

  it('leaves the file in WAL mode with the migrations recorded, and bench accounts that can sign in', async () => {
    expect(one('pragma journal_mode')).toBe('wal')
    expect(one('select count(*) from kysely_migration')).toBeGreaterThanOrEqual(5)
    const row = db.prepare("select password_hash from user where handle = 'bench_member_001'").get() as { password_hash: string }
    expect(await verifyPassword('bench password 2024', row.password_hash)).toBe(true)
    expect(one("select count(*) from membership m join user u on u.id = m.user_id where u.handle = 'bench_moderator' and m.role = 'moderator'")).toBe(4)
  })
})

// The reply scenario of `npm run bench` posts these bodies, each member one after another: they
// must read as a member replying, not as one repeating themselves (which the spam check holds).
describe('bench reply bodies', () => {
  it('are not taken for spam when one member posts a run of them', () => {
    const r = mulberry32(7)
    const recent: string[] = []
    let spam = 0
    for (let i = 0; i < 200; i++) {
      const text = makeBody(r, ['grief', 'recovery', 'disability', 'caregiving'][i % 4]!, true)
      if (scan({ text, settings: defaultSafetySettings(), author: { accountAgeDays: 30, postCount: 40 + i, recentTexts: recent.slice(-5) } }).spam.isSpam)
        spam++
      recent.push(text)
    }
    expect(spam).toBe(0)
  })
})
