// Search folds a blocked member's results for the member who blocked them, as thread pages do, and
// never for the community's moderators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let blocker: Member
let blocked: Member
let moderator: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  blocker = await buildMember(rt, { join: ['grief'] })
  blocked = await buildMember(rt, { join: ['grief'] })
  moderator = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
  await startThread(blocked, 'grief', { title: 'Lighthouse', body: 'The lighthousekeeper story my dad told.' })
  const res = await blocker.agent.put(`/api/v1/me/blocks/${blocked.handle}`).set('X-CSRF-Token', blocker.csrf)
  expect(res.status).toBeLessThan(300)
})
afterAll(async () => {
  await rt.close()
})

describe('search and blocking', () => {
  it("the blocker's results from the blocked member are folded, in the API and on the page", async () => {
    const api = await blocker.agent.get('/api/v1/search').query({ q: 'lighthousekeeper' })
    expect(api.status).toBe(200)
    expect(api.body.results).toHaveLength(1)
    expect(api.body.results[0].blockedAuthor).toBe(true)
    // Their words are withheld from the blocker, as in the thread JSON.
    expect(api.body.results[0]).toMatchObject({ snippet: '', post: { body: '', html: '', blockedAuthor: true } })
    expect(JSON.stringify(api.body)).not.toContain('lighthousekeeper story')
    const page = await blocker.agent.get('/search').query({ q: 'lighthousekeeper' })
    expect(page.text).toContain('You blocked this member')
    // The handle is inside the fold, not in the result's visible line.
    const visible = page.text.replace(/<details[\s\S]*?<\/details>/g, '')
    expect(visible).not.toContain(blocked.handle)
  })

  it('other members and the moderators see the result unfolded', async () => {
    for (const reader of [moderator]) {
      const api = await reader.agent.get('/api/v1/search').query({ q: 'lighthousekeeper' })
      expect(api.body.results).toHaveLength(1)
      expect(api.body.results[0].blockedAuthor).toBeUndefined()
      expect(api.body.results[0].post.body).toBe('The lighthousekeeper story my dad told.')
    }
    const other = await buildMember(rt, { join: ['grief'] })
    const page = await other.agent.get('/search').query({ q: 'lighthousekeeper' })
    expect(page.text).not.toContain('You blocked this member')
  })
})
