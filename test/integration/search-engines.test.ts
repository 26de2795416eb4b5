// Issue 19, item 5: no post page is indexed by default (noindex in the page and the header, and a
// robots policy); a lead may open a public community to search engines.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let lead: Member
let member: Member
let threadId: number
const NOINDEX = '<meta name="robots" content="noindex">'

beforeAll(async () => {
  rt = await startTestRuntime()
  lead = await buildMember(rt, { join: ['grief', 'recovery'] })
  member = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, lead, 'grief', 'lead')
  await grantRole(rt, lead, 'recovery', 'lead')
  threadId = (await startThread(member, 'grief', { title: 'Findable or not' })).thread.id
})
afterAll(async () => {
  await rt.close()
})

const guest = (url: string) => request(rt.app).get(url)

describe('search engines', () => {
  it('serves a robots policy that keeps crawlers out of members’ own pages', async () => {
    const res = await guest('/robots.txt')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.text).toMatch(/^User-agent: \*$/m)
    for (const path of ['/api/', '/u/', '/settings', '/mod/']) expect(res.text).toContain(`Disallow: ${path}`)
  })

  it('marks thread and community pages noindex by default, and not the home, about and crisis pages', async () => {
    for (const url of [`/t/${threadId}`, '/c/grief', `/t/${threadId}?cursor=x`]) {
      const res = await guest(url)
      expect(res.headers['x-robots-tag'], url).toBe('noindex')
      if (res.status === 200) expect(res.text, url).toContain(NOINDEX)
    }
    expect((await member.agent.get(`/t/${threadId}`)).text).toContain(NOINDEX)
    for (const url of ['/', '/about', '/crisis']) {
      const res = await guest(url)
      expect(res.headers['x-robots-tag'], url).toBeUndefined()
      expect(res.text, url).not.toContain(NOINDEX)
    }
  })

  it('a lead opens a public community to indexing and closes it again; members and non-public communities cannot', async () => {
    expect((await member.agent.put('/api/v1/communities/grief/search-indexing').set(csrf(member)).send({ indexable: true })).status).toBe(403)
    expect((await lead.agent.put('/api/v1/communities/grief/search-indexing').set(csrf(lead)).send({ indexable: 'yes' })).status).toBe(400)
    const open = await lead.agent.put('/api/v1/communities/grief/search-indexing').set(csrf(lead)).send({ indexable: true })
    expect(open.status).toBe(200)
    expect(open.body).toEqual({ searchIndexing: true })
    const page = await guest(`/t/${threadId}`)
    expect(page.headers['x-robots-tag']).toBeUndefined()
    expect(page.text).not.toContain(NOINDEX)
    expect((await guest('/c/grief')).text).not.toContain(NOINDEX)
    expect((await guest('/api/v1/communities/grief')).body.community.searchIndexing).toBe(true)
    // Members' profiles stay out whatever the community says.
    expect((await lead.agent.get(`/u/${lead.handle}`)).text).toContain(NOINDEX)
    // A community that is not public cannot be opened.
    await rt.db.updateTable('community').set({ visibility: 'members' }).where('slug', '=', 'recovery').execute()
    const closed = await lead.agent.put('/api/v1/communities/recovery/search-indexing').set(csrf(lead)).send({ indexable: true })
    expect(closed.status).toBe(409)
    expect(closed.body.error.code).toBe('not_public')

    // With JavaScript off, from the lead overview page.
    const overview = await lead.agent.get('/c/grief/lead')
    expect(overview.text).toContain('Keep search engines out')
    const token = /name="_csrf" value="([^"]+)"/.exec(overview.text)![1]!
    const res = await lead.agent.post('/c/grief/lead/search-indexing').type('form').send({ _csrf: token, indexable: 'false' })
    expect(res.status).toBe(303)
    expect((await guest(`/t/${threadId}`)).headers['x-robots-tag']).toBe('noindex')
    const audit = await rt.db.selectFrom('audit_log').select('after').where('action', '=', 'set_search_indexing').orderBy('id').execute()
    expect(audit.map((a) => JSON.parse(a.after!))).toEqual([{ indexable: true }, { indexable: false }])
  })
})
