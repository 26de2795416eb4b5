// Issue 19, item 4: a member's page (handle, joined date, communities, recent posts only in
// communities the reader can see), with the member's choice of who sees it, and staff and
// peer-supporter badges there as on posts.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let ada: Member
let reader: Member
let insider: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  ada = await buildMember(rt, { join: ['grief', 'recovery'] })
  reader = await buildMember(rt, { join: ['grief'] })
  insider = await buildMember(rt, { join: ['recovery'] })
  // Recovery is for its members only.
  await rt.db.updateTable('community').set({ visibility: 'members' }).where('slug', '=', 'recovery').execute()
  await grantRole(rt, ada, 'grief', 'peer_supporter')
  await startThread(ada, 'grief', { title: 'A thread anyone may read', body: 'Hello.' })
  await startThread(ada, 'recovery', { title: 'Said among members', body: 'Only for us.' })
})
afterAll(async () => {
  await rt.close()
})

describe('profile pages', () => {
  it('shows handle, joined date, badges, and only the communities and posts the reader can read', async () => {
    const seen = await reader.agent.get(`/api/v1/members/${ada.handle}`)
    expect(seen.status).toBe(200)
    expect(seen.body.profile).toMatchObject({ handle: ada.handle, communities: [{ slug: 'grief', badge: 'peer_supporter' }], isOwn: false })
    expect(seen.body.profile.recentPosts.map((p: { threadTitle: string }) => p.threadTitle)).toEqual(['A thread anyone may read'])
    expect(seen.body.profile.joinedAt).toMatch(/^\d{4}-/)
    const page = await reader.agent.get(`/u/${ada.handle}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Trained peer supporter')
    expect(page.text).toContain('A thread anyone may read')
    expect(page.text).not.toContain('Said among members')
    expect(page.text).not.toContain('Addiction recovery')
    // A member of recovery sees both.
    const inside = await insider.agent.get(`/api/v1/members/${ada.handle}`)
    expect(inside.body.profile.recentPosts.map((p: { threadTitle: string }) => p.threadTitle)).toEqual(['Said among members', 'A thread anyone may read'])
    // Nothing private about the member is in it.
    expect(Object.keys(seen.body.profile).sort()).toEqual(['communities', 'handle', 'isOwn', 'joinedAt', 'recentPosts', 'visibility'])
  })

  it('is shown to members only by default, to everyone or no one by choice; the member always sees their own', async () => {
    const guest = () => request(rt.app).get(`/api/v1/members/${ada.handle}`)
    expect((await guest()).status).toBe(404)
    await ada.agent.put('/api/v1/me/account-settings').set(csrf(ada)).send({ profileVisibility: 'everyone' })
    expect((await guest()).status).toBe(200)
    expect((await request(rt.app).get(`/u/${ada.handle}`)).text).toContain('A thread anyone may read')
    await ada.agent.put('/api/v1/me/account-settings').set(csrf(ada)).send({ profileVisibility: 'nobody' })
    expect((await reader.agent.get(`/api/v1/members/${ada.handle}`)).status).toBe(404)
    expect((await reader.agent.get(`/u/${ada.handle}`)).status).toBe(404)
    const own = await ada.agent.get(`/u/${ada.handle}`)
    expect(own.status).toBe(200)
    expect(own.text).toContain('nobody but you')
    await ada.agent.put('/api/v1/me/account-settings').set(csrf(ada)).send({ profileVisibility: 'members' })
  })

  it('a moderator shows their staff badge; a deleted account and an unknown handle are the same 404', async () => {
    const mod = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, mod, 'grief', 'moderator')
    expect((await reader.agent.get(`/api/v1/members/${mod.handle}`)).body.profile.communities).toEqual([
      { slug: 'grief', name: 'Grief and loss', badge: 'moderator' },
    ])
    const unknown = await reader.agent.get('/api/v1/members/nobody_like_this')
    expect(unknown.status).toBe(404)
    expect((await mod.agent.delete('/api/v1/me').set(csrf(mod)).send({ password: mod.password, mode: 'keep' })).status).toBe(200)
    const gone = await reader.agent.get(`/api/v1/members/${mod.handle}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual(unknown.body)
    expect((await reader.agent.get('/api/v1/members/a former member')).status).toBe(404)
  })
})
