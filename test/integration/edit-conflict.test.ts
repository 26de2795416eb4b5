import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, startTestRuntime, startThread, type Member } from '../support/app.ts'

// An edit made from an out-of-date copy of a post (a second tab, another device, a form sent
// again after a timeout) must not silently replace the newer text.

let rt: Runtime
let writer: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  writer = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

const bodyOf = async (postId: number) => await rt.db.selectFrom('post').select(['body', 'revision']).where('id', '=', postId).executeTakeFirstOrThrow()

describe('editing from an older revision', () => {
  it('the API refuses an edit whose base revision has moved on, and keeps the newer text', async () => {
    const { post } = await startThread(writer, 'grief', { title: 'Two tabs', body: 'First words.' })
    const edit = (body: string, baseRevision?: number) =>
      writer.agent
        .patch(`/api/v1/posts/${post.id}`)
        .set(csrf(writer))
        .send({ body, ...(baseRevision ? { baseRevision } : {}) })
    expect((await edit('Written in tab A.', 1)).status).toBe(200)
    const stale = await edit('Written in tab B, opened before A saved.', 1)
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('edit_conflict')
    expect(await bodyOf(post.id)).toEqual({ body: 'Written in tab A.', revision: 2 })
    expect((await edit('Written in tab B, on purpose.', 2)).status).toBe(200)
    expect(await bodyOf(post.id)).toEqual({ body: 'Written in tab B, on purpose.', revision: 3 })
  })

  it('the web form carries its revision; a stale one comes back with the member’s text kept, and saving again is their choice', async () => {
    const { thread, post } = await startThread(writer, 'grief', { title: 'Two devices', body: 'Morning words.' })
    const url = `/t/${thread.id}/p/${post.id}/edit`
    const form = await writer.agent.get(url)
    expect(form.text).toContain('name="baseRevision" value="1"')
    const save = (body: string, baseRevision: string) => writer.agent.post(url).type('form').send({ _csrf: writer.csrf, body, baseRevision, action: 'post' })

    expect((await save('Edited on the phone.', '1')).status).toBe(303)
    const stale = await save('Edited on the laptop.', '1')
    expect(stale.status).toBe(409)
    expect(stale.text).toContain('changed after you started editing it')
    expect(stale.text).toContain('Edited on the laptop.')
    expect(stale.text).toContain('name="baseRevision" value="2"')
    expect((await bodyOf(post.id)).body).toBe('Edited on the phone.')

    expect((await save('Edited on the laptop.', '2')).status).toBe(303)
    expect(await bodyOf(post.id)).toEqual({ body: 'Edited on the laptop.', revision: 3 })
  })

  it('a preview or a form error keeps the revision the form was opened on, so the conflict is still caught', async () => {
    const { thread, post } = await startThread(writer, 'grief', { title: 'Preview first', body: 'Evening words.' })
    const url = `/t/${thread.id}/p/${post.id}/edit`
    const send = (fields: Record<string, string>) =>
      writer.agent
        .post(url)
        .type('form')
        .send({ _csrf: writer.csrf, ...fields })
    expect((await send({ body: 'Saved in tab A.', baseRevision: '1', action: 'post' })).status).toBe(303)
    const preview = await send({ body: 'Tab B, previewing.', baseRevision: '1', action: 'preview' })
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('name="baseRevision" value="1"')
    const empty = await send({ body: '', baseRevision: '1', action: 'post' })
    expect(empty.status).toBe(400)
    expect(empty.text).toContain('name="baseRevision" value="1"')
    const save = await send({ body: 'Tab B, saving.', baseRevision: '1', action: 'post' })
    expect(save.status).toBe(409)
    expect((await bodyOf(post.id)).body).toBe('Saved in tab A.')
  })
})
