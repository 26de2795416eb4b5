// Issue 21: search ranks a bounded window of the newest matches by bm25 and pages through one
// window, then the next older one. The ranking is FTS5's bm25 (checked against bm25() itself), a
// page is the best of the newest matches, and paging past a window neither repeats nor skips a
// post, even when posts arrive between pages. The window is made small here (4) so a handful of
// posts stands for a big site.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPostgres } from '../../server/db/dialect.ts'
import { countTermPosts, searchIndexTotals, searchWindow } from '../../server/db/search.ts'
import type { Runtime } from '../../server/runtime.ts'
import type { ServiceDeps } from '../../server/services/context.ts'
import { parseSearch, toFtsQuery, toTsQuery } from '../../server/services/search-query.ts'
import { bm25, rankStats, readVarints, termMatchers } from '../../server/services/search-rank.ts'
import { createSearchService } from '../../server/services/search.ts'
import { buildMember, startThread, startTestRuntime, type Member } from '../support/app.ts'

let rt: Runtime
let member: Member
let threadId: number
let communityId: number

/** A post written straight to the table (the index follows by trigger). */
async function post(body: string, status = 'visible') {
  const { rows } = await sql<{ id: number }>`
    insert into post (thread_id, community_id, author_id, body, html, status, scan_status, created_at)
    values (${threadId}, ${communityId}, ${member.id}, ${body}, '', ${status}, 'scanned', ${Date.now()}) returning id`.execute(rt.db)
  return Number(rows[0]!.id)
}

const small = () => createSearchService({ db: rt.db } as unknown as ServiceDeps, { window: 4 })

/** Every page of a search, in order. */
async function allPages(q: string, limit: number, between?: (sofar: number[][]) => Promise<unknown>) {
  const search = small()
  const pages: number[][] = []
  let cursor: string | undefined
  for (let i = 0; i < 20; i++) {
    const page = await search.search({ requestId: 't' }, { q, limit, ...(cursor ? { cursor } : {}) })
    pages.push(page.results.map((r) => r.post.id))
    if (!page.nextCursor) break
    cursor = page.nextCursor
    await between?.(pages)
  }
  return pages
}

beforeAll(async () => {
  rt = await startTestRuntime()
  member = await buildMember(rt, { join: ['grief'] })
  const started = await startThread(member, 'grief', { title: 'Nights', body: 'The first post.' })
  threadId = started.thread.id
  communityId = (await rt.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()).id
})
afterAll(async () => {
  await rt.close()
})

/**
 * PostgreSQL has no bm25(): the window is checked against what PostgreSQL itself matches (title and
 * body, without any index), its token counts against the words, and a title's weight in the score.
 */
async function checkPostgresRanking() {
  await startThread(member, 'grief', { title: 'zqpgrank in the title', body: 'zqpgrank once, and other words around it.' })
  await startThread(member, 'grief', { title: 'Only zqpgtitle here', body: 'zqpgrank in the body.' })
  await post('zqpgrank zqpgrank, short.')
  await post('zqpgrank zqpgtitle both words, and "a phrase here" too.')
  const scope = { readable: [communityId], moderated: [] }
  for (const q of ['zqpgrank', 'zqpgrank zqpgtitle', '"a phrase here" zqpgrank', 'zqpgran*', 'zqpgtitl*']) {
    const terms = parseSearch(q)
    const tsquery = toTsQuery(terms)
    // Without any index: every not-deleted post whose words (with its title, for a first post) match.
    const { rows: expected } = await sql<{ id: number }>`
        select p.id from post p join thread t on t.id = p.thread_id
        where p.status != 'deleted'
          and (case when p.id = t.first_post_id then to_tsvector('simple', t.title) else ''::tsvector end || to_tsvector('simple', p.body))
            @@ to_tsquery('simple', ${tsquery})
        order by p.id desc`.execute(rt.db)
    const window = await searchWindow(rt.db, { match: toFtsQuery(terms), tsquery, scope, filters: {}, size: 100 })
    expect(
      window.map((c) => c.id),
      q,
    ).toEqual(expected.map((r) => Number(r.id)))
    expect(window.length, q).toBeGreaterThan(0)
    const counts = []
    for (const t of terms) counts.push(await countTermPosts(rt.db, { fts: toFtsQuery([t]), tsquery: toTsQuery([t]) }, 10_000))
    const totals = await searchIndexTotals(rt.db)
    const stats = rankStats(totals.block, totals.newest, counts, 10_000)
    const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    for (const c of window) {
      expect(readVarints(c.sz), `${q} #${c.id}`).toEqual([words(c.title), words(c.body)])
      expect(bm25(c, termMatchers(terms), stats)).toBeGreaterThan(0)
    }
  }
  // A word in a first post's title weighs more (x3) than the same word in a body.
  const terms = parseSearch('zqpgtitle')
  const window = await searchWindow(rt.db, { match: toFtsQuery(terms), tsquery: toTsQuery(terms), scope, filters: {}, size: 100 })
  expect(window).toHaveLength(2)
  const [inBody, inTitle] = window
  const counts = [await countTermPosts(rt.db, { fts: '', tsquery: toTsQuery(terms) }, 10_000)]
  expect(counts[0]!.n).toBe(2)
  const stats = rankStats((await searchIndexTotals(rt.db)).block, (await searchIndexTotals(rt.db)).newest, counts, 10_000)
  expect(bm25(inTitle!, termMatchers(terms), stats)).toBeGreaterThan(bm25(inBody!, termMatchers(terms), stats))
}

describe('relevance', () => {
  it("scores every match exactly as FTS5's bm25() does (title x3), for words, phrases and prefixes (on PostgreSQL: from the same inputs)", async () => {
    if (isPostgres(rt.db)) return checkPostgresRanking()
    await startThread(member, 'grief', { title: 'zqrank in the title', body: 'zqrank once, and other words around it.' })
    await post('zqrank zqrank zqrank, short.')
    await post('zqrank appears in a much longer post, with many other words that dilute it a good deal more than the others.')
    await post('zqrank zqother both words, and "a phrase here" too.')
    for (const q of ['zqrank', 'zqrank zqother', '"a phrase here" zqrank', 'zqran*']) {
      const terms = parseSearch(q)
      const counts = []
      for (const t of terms)
        counts.push(
          (
            await sql<{ n: number; oldest: number }>`select count(*) as n, min(rowid) as oldest from post_fts where post_fts match ${toFtsQuery([t])}`.execute(
              rt.db,
            )
          ).rows[0]!,
        )
      const totals = (
        await sql<{
          block: Uint8Array
          newest: number
        }>`select (select block from post_fts_data where id = 1) as block, (select max(id) from post_fts_docsize) as newest`.execute(rt.db)
      ).rows[0]!
      const stats = rankStats(totals.block, totals.newest, counts, 10_000)
      const { rows } = await sql<{ id: number; title: string; body: string; sz: Uint8Array; fts: number }>`
        select f.rowid as id, t.title, p.body, d.sz, bm25(post_fts, 3.0, 1.0) as fts
        from post_fts f join post p on p.id = f.rowid join thread t on t.id = p.thread_id join post_fts_docsize d on d.id = f.rowid
        where post_fts match ${toFtsQuery(terms)}`.execute(rt.db)
      expect(rows.length, q).toBeGreaterThan(0)
      for (const r of rows) expect(bm25(r, termMatchers(terms), stats), `${q} #${r.id}`).toBeCloseTo(-r.fts, 9)
    }
  })

  it('a term past the count cap is estimated from its density among the newest posts', () => {
    // 1,000 posts indexed (varints: 1000, 2000 title tokens, 50000 body tokens); the term's newest 100 span 200 ids.
    const totals = new Uint8Array([0x87, 0x68, 0x8f, 0x50, 0x83, 0x86, 0x50])
    const stats = rankStats(totals, 1000, [{ n: 100, oldest: 801 }], 100)
    expect(stats.avgdl).toBe(52)
    expect(stats.idf[0]).toBeCloseTo(Math.log(500.5 / 500.5) || 1e-6, 9)
    const spread = rankStats(totals, 1000, [{ n: 100, oldest: 1 }], 100)
    expect(spread.idf[0]).toBeCloseTo(Math.log(900.5 / 100.5), 9)
    const rare = rankStats(totals, 1000, [{ n: 10, oldest: 3 }], 100)
    expect(rare.idf[0]).toBeCloseTo(Math.log(990.5 / 10.5), 9)
  })
})

describe('a window of the newest matches, page after page', () => {
  it('the first page is the best of the newest matches; paging reaches every match once, across windows', async () => {
    const strong = await post('zqwin zqwin zqwin zqwin') // the most relevant, and the oldest
    const ids = [strong]
    for (let i = 0; i < 9; i++) ids.push(await post(`zqwin in reply number ${i}${i % 3 === 0 ? ' zqwin' : ''}, with a few words more.`))
    const newest4 = ids.slice(-4)
    const first = (await small().search({ requestId: 't' }, { q: 'zqwin', limit: 2 })).results.map((r) => r.post.id)
    // Of the newest four, the one that says it twice ranks first, then the newest of the equals.
    expect(first).toEqual([ids[7], ids[9]])
    expect(first.every((id) => newest4.includes(id))).toBe(true)
    expect(first).not.toContain(strong)
    for (const limit of [1, 3, 5]) {
      const pages = await allPages('zqwin', limit)
      const seen = pages.flat()
      expect(
        seen.sort((a, b) => a - b),
        `limit ${limit}`,
      ).toEqual([...ids].sort((a, b) => a - b))
      expect(
        pages.slice(0, -1).every((p) => p.length === limit),
        `limit ${limit}: only the last page is short`,
      ).toBe(true)
    }
  })

  it('posts written between pages neither shift nor repeat the pages already begun', async () => {
    const ids: number[] = []
    for (let i = 0; i < 7; i++) ids.push(await post(`zqlive post ${i}`))
    const added: number[] = []
    const pages = await allPages('zqlive', 2, async () =>
      added.push(await post('zqlive arrives later, in a long post with many more words than the others have')),
    )
    const seen = pages.flat()
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort((a, b) => a - b)).toEqual(ids)
    expect(added.length).toBeGreaterThan(0)
  })

  it('a post hidden between pages does not let an older, better match slip past the pages', async () => {
    const ids: number[] = []
    for (let i = 0; i < 3; i++) ids.push(await post(`zqgap older post ${i} with a few more words in it`))
    ids.push(await post('zqgap zqgap zqgap')) // just older than the first window, and the best match
    for (let i = 0; i < 4; i++) ids.push(await post(`zqgap newer post ${i} with a few more words in it`))
    let hidden = 0
    const pages = await allPages('zqgap', 2, async (sofar) => {
      if (hidden) return
      // One of the first window's posts not shown yet leaves the reader's view.
      const shown = new Set(sofar.flat())
      hidden = ids.slice(-4).find((id) => !shown.has(id))!
      await sql`update post set status = 'hidden' where id = ${hidden}`.execute(rt.db)
    })
    const seen = pages.flat()
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort((a, b) => a - b)).toEqual(ids.filter((id) => id !== hidden))
  })

  it('the window holds only what the reader may see: newer held posts do not push visible ones off the first page', async () => {
    const visible = await post('zqheld visible and older')
    for (let i = 0; i < 5; i++) await post(`zqheld held ${i}`, 'held')
    const page = await small().search({ requestId: 't' }, { q: 'zqheld', limit: 5 })
    expect(page.results.map((r) => r.post.id)).toEqual([visible])
    expect(page.nextCursor).toBeNull()
  })

  it("a cursor from another query's terms is refused with a 400, never a 500", async () => {
    for (let i = 0; i < 3; i++) await post('zqone zqtwo together')
    const page = await small().search({ requestId: 't' }, { q: 'zqone zqtwo', limit: 1 })
    expect(page.nextCursor).not.toBeNull()
    await expect(small().search({ requestId: 't' }, { q: 'zqone', limit: 1, cursor: page.nextCursor! })).rejects.toMatchObject({ status: 400 })
  })
})
