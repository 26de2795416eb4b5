import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { URGENT_POST } from '../support/texts.ts'

let rt: Runtime
let writer: Member
let reader: Member
let mod: Member

/** The page's CSRF token for a signed-in member's form posts. */
const formPost = (m: Member, url: string, fields: Record<string, string>) =>
  m.agent
    .post(url)
    .type('form')
    .send({ _csrf: m.csrf, ...fields })

beforeAll(async () => {
  rt = await startTestRuntime()
  writer = await buildMember(rt, { join: ['grief'] })
  reader = await buildMember(rt, { join: ['grief'] })
  mod = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, mod, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

describe('member pages for reports, check-ins and crisis support', () => {
  it('reports a post from its page, keeping the choice on an error, and tells the reporter it was sent', async () => {
    const { thread, post } = await startThread(writer, 'grief', { body: 'Grief is a scam invented by therapists.' })
    const page = await reader.agent.get(`/t/${thread.id}/p/${post.id}/report`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('I&#39;m worried about this person')
    expect(page.text).toContain('Be kind and respectful')
    const missing = await formPost(reader, `/t/${thread.id}/p/${post.id}/report`, { reason: 'other', note: '' })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('There is a problem')
    expect(missing.text).toMatch(/id="reason-other" name="reason" value="other" checked/)
    const ok = await formPost(reader, `/t/${thread.id}/p/${post.id}/report`, { reason: 'misinformation', note: 'Not true and hurtful' })
    expect(ok.status).toBe(303)
    const item = await rt.db.selectFrom('review_item').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow()
    expect(item.reason).toBe('report')
    const back = await reader.agent.get(`/t/${thread.id}`)
    expect(back.text).toContain('Your report is with the moderators')
  })

  it('shows the crisis lines once, on the next page, after a crisis verdict', async () => {
    const { post } = await startThread(writer, 'grief', { title: 'tonight', body: URGENT_POST })
    await waitScanned(rt, post.id)
    const first = await writer.agent.get('/')
    expect(first.text).toContain('carry this alone')
    expect(first.text).toContain('116 123')
    const second = await writer.agent.get('/')
    expect(second.text).not.toContain('carry this alone')
    expect((await reader.agent.get('/')).text).not.toContain('carry this alone')
  })

  it("lets a member read a moderator's check-in and reply; moderators see the reply on the item", async () => {
    const { post } = await startThread(writer, 'grief', { title: 'again', body: `${URGENT_POST} Again.` })
    await waitScanned(rt, post.id)
    const item = await rt.db.selectFrom('review_item').selectAll().where('post_id', '=', post.id).where('status', '=', 'open').executeTakeFirstOrThrow()
    await mod.agent
      .post(`/api/v1/moderation/items/${item.id}/resolve`)
      .set(csrfHeader(mod))
      .send({ action: 'check_in', message: 'Thinking of you tonight. Are you safe right now?' })
    const notes = await writer.agent.get('/notifications')
    expect(notes.text).toContain('A moderator sent you a message')
    expect(notes.text).not.toContain(mod.handle)
    const id = (await rt.db.selectFrom('check_in_message').select('id').where('item_id', '=', item.id).executeTakeFirstOrThrow()).id
    expect(notes.text).toContain(`/check-ins/${id}`)
    const conv = await writer.agent.get(`/check-ins/${id}`)
    expect(conv.text).toContain('Are you safe right now?')
    expect(conv.text).not.toContain(mod.handle)
    expect((await reader.agent.get(`/check-ins/${id}`)).status).toBe(404)
    const empty = await formPost(writer, `/check-ins/${id}`, { body: '   ' })
    expect(empty.status).toBe(400)
    expect((await formPost(writer, `/check-ins/${id}`, { body: 'I am safe. Thank you for asking.' })).status).toBe(303)
    const modView = await mod.agent.get(`/api/v1/moderation/items/${item.id}`)
    expect(modView.body.conversation.map((c: { body: string }) => c.body)).toContain('I am safe. Thank you for asking.')
    expect((await request(rt.app).get(`/check-ins/${id}`)).status).toBe(303)
  })
})
