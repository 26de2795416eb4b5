// Issue 21: search finds only what the reader could read anyway. Every reader role against every
// post state, through the API and the results page; edits and deletions reach the index at once.
import request from 'supertest'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPostgres } from '../../server/db/dialect.ts'
import type { Runtime } from '../../server/runtime.ts'
import { postgresPlan, sqlitePlan } from '../support/plans.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'

let rt: Runtime
let author: Member
let insider: Member
const readers: Record<string, () => request.Agent> = {}

// One word in every post of the matrix, and one word naming each post's state.
const STATES = ['visible', 'held', 'hidden', 'removed', 'deleted', 'withheldtitle', 'withheldreply', 'membersonly'] as const
type State = (typeof STATES)[number]
const word = (s: State) => `zq${s}`

const ALL_VISIBLE: State[] = ['visible']
const MODERATOR_OF_GRIEF: State[] = ['visible', 'held', 'hidden', 'removed', 'withheldtitle', 'withheldreply']
const EXPECTED: Record<string, State[]> = {
  'signed out': ALL_VISIBLE,
  'member (of grief and the members-only community)': ['visible', 'membersonly'],
  'non-member': ALL_VISIBLE,
  'moderator of grief': MODERATOR_OF_GRIEF,
  'moderator of another community': ALL_VISIBLE,
  'lead of grief': MODERATOR_OF_GRIEF,
  admin: [...MODERATOR_OF_GRIEF, 'membersonly'],
}

async function setStatus(postId: number, status: string) {
  await waitScanned(rt, postId)
  await rt.db
    .updateTable('post')
    .set({ status: status as 'held' })
    .where('id', '=', postId)
    .execute()
}

// A post is found by its words (the snippet) or, for a first post, by its thread's title.
const found = (body: { results: { snippet: string; thread: { title: string } }[] }) =>
  STATES.filter((s) => body.results.some((r) => `${r.thread.title} ${r.snippet}`.includes(word(s)))).sort()

beforeAll(async () => {
  rt = await startTestRuntime()
  author = await buildMember(rt, { join: ['grief', 'caregiving'] })
  insider = await buildMember(rt, { join: ['grief', 'caregiving'] })
  const outsider = await buildMember(rt, { join: ['recovery'] })
  const modGrief = await buildMember(rt, { join: ['grief'] })
  const modOther = await buildMember(rt, { join: ['recovery'] })
  const lead = await buildMember(rt, { join: ['grief'] })
  const admin = await buildMember(rt)
  await grantRole(rt, modGrief, 'grief', 'moderator')
  await grantRole(rt, modOther, 'recovery', 'moderator')
  await grantRole(rt, lead, 'grief', 'lead')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
  await rt.db.updateTable('community').set({ visibility: 'members' }).where('slug', '=', 'caregiving').execute()
  Object.assign(readers, {
    'signed out': () => request.agent(rt.app),
    'member (of grief and the members-only community)': () => insider.agent,
    'non-member': () => outsider.agent,
    'moderator of grief': () => modGrief.agent,
    'moderator of another community': () => modOther.agent,
    'lead of grief': () => lead.agent,
    admin: () => admin.agent,
  })

  const { thread } = await startThread(author, 'grief', { title: 'Evenings are the hardest', body: `matrixword ${word('visible')} some words.` })
  const post = async (s: State) => {
    const r = await reply(author, thread.id, `matrixword ${word(s)} and more.`)
    expect(r.status).toBe(201)
    return r.body.post.id as number
  }
  await setStatus(await post('held'), 'held')
  await setStatus(await post('hidden'), 'hidden')
  await setStatus(await post('removed'), 'removed')
  const deleted = await post('deleted')
  await waitScanned(rt, deleted)
  expect((await author.agent.delete(`/api/v1/posts/${deleted}`).set(csrf(author))).status).toBe(204)

  // A withheld thread: its first post hidden (the thread with it), and a visible reply inside it.
  const w = await startThread(author, 'grief', { title: `matrixword ${word('withheldtitle')} a title`, body: 'The first post.' })
  const r = await reply(author, w.thread.id, `matrixword ${word('withheldreply')} inside.`)
  await waitScanned(rt, r.body.post.id)
  await setStatus(w.post.id, 'hidden')
  await rt.db.updateTable('thread').set({ status: 'hidden' }).where('id', '=', w.thread.id).execute()

  await startThread(author, 'caregiving', { title: 'Respite', body: `matrixword ${word('membersonly')} for members.` })
})
afterAll(async () => {
  await rt.close()
})

describe('readers find only what they could read', () => {
  for (const who of Object.keys(EXPECTED)) {
    it(`${who}: API and page`, async () => {
      const agent = readers[who]!()
      const api = await agent.get('/api/v1/search').query({ q: 'matrixword', limit: 50 })
      expect(api.status).toBe(200)
      expect(found(api.body), who).toEqual([...EXPECTED[who]!].sort())
      const page = await agent.get('/search').query({ q: 'matrixword' })
      expect(page.status).toBe(200)
      for (const s of STATES) expect(page.text.includes(word(s)), `${who} sees ${s} on the page`).toBe(EXPECTED[who]!.includes(s))
    })
  }

  it('results are shaped as the thread API shapes posts and threads, with a safe snippet', async () => {
    const res = await readers['signed out']!().get('/api/v1/search?q=matrixword')
    expect(res.body.nextCursor).toBeNull()
    expect(res.body.results[0]).toMatchObject({
      post: { author: { handle: author.handle }, status: 'visible', contentWarnings: [] },
      thread: { title: 'Evenings are the hardest', community: 'grief', status: 'visible' },
    })
  })

  it('the results page names each community in words, not by the slug in its address', async () => {
    const { name } = await rt.db.selectFrom('community').select('name').where('slug', '=', 'grief').executeTakeFirstOrThrow()
    expect(name).not.toBe('grief')
    const page = await readers['signed out']!().get('/search').query({ q: 'matrixword' })
    expect(page.text).toContain(`<a href="/c/grief">${name}</a>`)
    expect(page.text).not.toContain('<a href="/c/grief">grief</a>')
  })
})

describe('the index follows every write', () => {
  it('an edit replaces the indexed words; a deletion removes them at once', async () => {
    const { thread, post } = await startThread(author, 'grief', { title: 'Edited later', body: 'The zqbefore words.' })
    const q = (w: string) => request(rt.app).get('/api/v1/search').query({ q: w })
    expect((await q('zqbefore')).body.results).toHaveLength(1)
    await waitScanned(rt, post.id)
    expect((await author.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(author)).send({ body: 'The zqafter words.' })).status).toBe(200)
    expect((await q('zqbefore')).body.results).toHaveLength(0)
    expect((await q('zqafter')).body.results.map((r: { post: { id: number } }) => r.post.id)).toEqual([post.id])
    // The title is searchable through the first post.
    expect((await q('"edited later"')).body.results.map((r: { thread: { id: number } }) => r.thread.id)).toEqual([thread.id])
    await waitScanned(rt, post.id, { revision: 2 })
    expect((await author.agent.delete(`/api/v1/posts/${post.id}`).set(csrf(author))).status).toBe(204)
    expect((await q('zqafter')).body.results).toHaveLength(0)
    expect((await q('"edited later"')).body.results).toHaveLength(0)
    // The index matches its content exactly: FTS5's own check of an external-content table
    // (PostgreSQL's GIN indexes are on expressions of the rows themselves: nothing to drift).
    if (!isPostgres(rt.db)) await sql`insert into post_fts (post_fts, rank) values ('integrity-check', 1)`.execute(rt.db)
  })

  it('phrases, prefixes, filters and pages', async () => {
    const { thread } = await startThread(insider, 'grief', { title: 'Coping with anniversaries', body: 'zqphrase one two three.' })
    for (let i = 0; i < 3; i++) await reply(insider, thread.id, `zqpaged reply ${i} three two one.`)
    const q = (params: Record<string, string | number>) => request(rt.app).get('/api/v1/search').query(params)
    expect((await q({ q: '"one two three"' })).body.results).toHaveLength(1)
    expect((await q({ q: 'anniversar*' })).body.results[0].thread.id).toBe(thread.id)
    expect((await q({ q: 'zqpaged', author: author.handle })).body.results).toHaveLength(0)
    expect((await q({ q: 'zqpaged', author: insider.handle.toUpperCase() })).body.results).toHaveLength(3)
    expect((await q({ q: 'zqpaged', community: 'recovery' })).body.results).toHaveLength(0)
    expect((await q({ q: 'zqpaged', thread: thread.id })).body.results).toHaveLength(3)
    expect((await q({ q: 'zqpaged', from: '2000-01-01', to: '2000-12-31' })).body.results).toHaveLength(0)
    const ids: number[] = []
    let cursor: string | undefined
    for (let i = 0; i < 3; i++) {
      const res = await q({ q: 'zqpaged', limit: 1, ...(cursor ? { cursor } : {}) })
      ids.push(...res.body.results.map((r: { post: { id: number } }) => r.post.id))
      cursor = res.body.nextCursor
    }
    expect(new Set(ids).size).toBe(3)
    expect(cursor).toBeNull()
  })

  it('"in this thread" is refused for a thread the reader may not see', async () => {
    const { thread } = await startThread(author, 'caregiving', { title: 'Members only', body: 'zqinside.' })
    expect((await request(rt.app).get('/api/v1/search').query({ q: 'zqinside', thread: thread.id })).status).toBe(404)
  })
})

describe('hostile queries never give a 500', () => {
  const queries = [
    '"unbalanced',
    'NEAR(',
    'NEAR(a b',
    '*',
    '**',
    'title:secret',
    'body:x OR',
    '^start',
    'a AND',
    '(',
    ')',
    '-',
    '"',
    "'",
    '\\',
    '\u0000',
    'x'.repeat(10_000),
    'ä'.repeat(199) + '*',
    '{title body}: x',
    'a:b:c',
    '"a" "b',
    'NOT',
    'OR OR',
    '+',
    'x*y',
    '<script>alert(1)</script>',
    // Words PostgreSQL's parser reads otherwise (a lone mark, ligatures, other digits, emoji, long words).
    '\u0301 \u0301*',
    'ß* ﬁ ǅ',
    '١٢٣ 𝟘* ７',
    '"ﷺ 😀" 漢字*',
    'é'.repeat(199),
  ]
  it.each(queries.map((q) => [q.slice(0, 30), q]))('%s', async (_name, q) => {
    for (const path of ['/api/v1/search', '/search']) {
      const res = await request(rt.app).get(path).query({ q })
      expect([200, 400], `${path} ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status)
      if (path === '/search') expect(res.text).not.toContain('<script>alert(1)')
    }
  })

  it('a page size or cursor out of bounds is a 400 that says why', async () => {
    const big = await request(rt.app).get('/api/v1/search?q=x&limit=500')
    expect(big.status).toBe(400)
    expect((await request(rt.app).get('/api/v1/search?q=x&cursor=nonsense')).status).toBe(400)
    expect((await request(rt.app).get('/api/v1/search')).status).toBe(400)
  })

  it('member text in a snippet is never markup', async () => {
    await startThread(author, 'grief', { title: 'Markup', body: 'zqmarkup <b>bold</b> & <img src=x onerror=alert(1)>' })
    const res = await request(rt.app).get('/api/v1/search?q=zqmarkup')
    const snippet: string = res.body.results[0].snippet
    expect(snippet).toContain('<mark>zqmarkup</mark>')
    expect(snippet).not.toMatch(/<(?!\/?mark>)/)
  })
})

describe('bounded work', () => {
  it('the index drives the search: no scan of post or thread, the newest matches first, with every filter', async () => {
    const { searchWindowQuery } = await import('../../server/db/search.ts')
    const { searchWindowQueryPg } = await import('../../server/db/search-postgres.ts')
    const filters = [{}, { communityId: 1 }, { authorId: author.id }, { threadId: 1 }, { from: 0, to: 1 }]
    for (const f of filters) {
      const opts = { match: '"word"', tsquery: "('word')", scope: { readable: [1, 2], moderated: [1] }, filters: f, top: 9, size: 500 }
      if (isPostgres(rt.db)) {
        // The GIN indexes find the matches (a sequential scan made as dear as the planner allows, so
        // the few rows here do not make one cheaper): never a pass over post or thread.
        const q = searchWindowQueryPg(opts).compile(rt.db)
        const plan = await postgresPlan(rt.db, q)
        expect(plan, JSON.stringify(f)).toMatch(/"Index Name":"post_body_search_idx"/)
        expect(plan, JSON.stringify(f)).toMatch(/"Index Name":"thread_title_search_idx"/)
        expect(plan, JSON.stringify(f)).not.toMatch(/"Node Type":"Seq Scan"/)
        continue
      }
      const q = searchWindowQuery(opts).compile(rt.db)
      const plan = await sqlitePlan(rt.db, q)
      expect(plan, JSON.stringify(f)).toMatch(/SCAN post_fts VIRTUAL TABLE INDEX \d+:M/)
      expect(plan, JSON.stringify(f)).not.toMatch(/SCAN (p|t|post|thread)\b(?! USING)/)
    }
  })

  it('the API is in the OpenAPI document', async () => {
    const doc = await request(rt.app).get('/api/v1/openapi.json')
    expect(doc.body.paths['/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'community', 'author', 'cursor']),
    )
  })
})
