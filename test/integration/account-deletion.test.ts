// Issue 19, item 1: deleting an account. The handle, e-mail, sessions, preferences and
// notifications go in the request; afterwards no page type or API answer shows the old handle to
// another member; posts are erased (or kept under "a former member") in the background, by a
// relay whose cursor survives a restart.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime, type Runtime } from '../../server/runtime.ts'
import { createLogger } from '../../server/logger.ts'
import { ErasureRelay, erasureStep, POST_BATCH } from '../../server/erasure/relay.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, testConfig, type Member } from '../support/app.ts'
import { waitFor } from '../support/wait.ts'

let rt: Runtime
let moderator: Member
let reader: Member

const resolve = (m: Member, itemId: number, body: Record<string, unknown>) => m.agent.post(`/api/v1/moderation/items/${itemId}/resolve`).set(csrf(m)).send(body)
const itemOf = async (postId: number) => await rt.db.selectFrom('review_item').select(['id']).where('post_id', '=', postId).executeTakeFirstOrThrow()
const erasureDone = (userId: number) => waitFor(`erasure of ${userId} done`, async () => (await rt.services.accountDeletion.erasureStatus(userId))?.done)

/** Every page type and API answer another member (and a moderator) reads, as one string. */
async function everythingSeen(threadIds: number[], itemIds: number[]) {
  const parts: string[] = []
  const get = async (agent: request.Agent | ReturnType<typeof request>, url: string) => {
    const res = await (agent as request.Agent).get(url)
    expect(res.status, url).toBe(200)
    parts.push(res.text)
  }
  for (const id of threadIds) {
    await get(reader.agent, `/t/${id}`)
    await get(reader.agent, `/api/v1/threads/${id}`)
    await get(request(rt.app) as never, `/t/${id}`)
  }
  await get(reader.agent, '/c/grief')
  await get(reader.agent, '/api/v1/communities/grief/threads?limit=100')
  await get(reader.agent, '/')
  await get(reader.agent, '/notifications')
  await get(reader.agent, '/api/v1/notifications')
  await get(moderator.agent, '/mod/queue')
  await get(moderator.agent, '/api/v1/moderation/queue?community=grief&limit=100')
  await get(moderator.agent, '/api/v1/moderation/audit?community=grief')
  for (const id of itemIds) {
    await get(moderator.agent, `/mod/items/${id}`)
    await get(moderator.agent, `/api/v1/moderation/items/${id}`)
  }
  return parts.join('\n')
}

beforeAll(async () => {
  rt = await startTestRuntime()
  moderator = await buildMember(rt, { join: ['grief'] })
  reader = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

describe('deleting an account', () => {
  it('keeps the posts under "a former member", and no reader sees the old handle anywhere, at once or later', async () => {
    const leaving = await buildMember(rt, { join: ['grief'] })
    // A moderator who signs a check-in leaves their name in the member's notification too.
    await grantRole(rt, leaving, 'grief', 'moderator')
    const own = await startThread(leaving, 'grief', { title: 'My own thread', body: 'What I went through.' })
    const theirs = await startThread(reader, 'grief', { title: "The reader's thread", body: 'Hello all.' })
    const answer = await reply(leaving, theirs.thread.id, 'You are not alone in this.')
    expect(answer.status).toBe(201)
    // A report about the leaving member's post, and a signed check-in they wrote to the reader.
    expect((await reader.agent.post(`/api/v1/posts/${own.post.id}/reports`).set(csrf(reader)).send({ reason: 'worried' })).status).toBe(201)
    expect((await moderator.agent.post(`/api/v1/posts/${theirs.post.id}/reports`).set(csrf(moderator)).send({ reason: 'worried' })).status).toBe(201)
    const readersItem = await itemOf(theirs.post.id)
    expect((await resolve(leaving, readersItem.id, { action: 'check_in', message: 'Checking in on you.', sign: true })).status).toBe(200)
    const ownItem = await itemOf(own.post.id)
    // The reader's notifications name the leaving member twice (a reply, a signed check-in).
    const before = await everythingSeen([own.thread.id, theirs.thread.id], [ownItem.id, readersItem.id])
    expect(before).toContain(leaving.handle)

    const wrong = await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: 'not my password', mode: 'keep' })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.code).toBe('wrong_password')
    expect((await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: leaving.password })).status).toBe(400)

    // The background relay is held back, so what follows is what the request alone did.
    await rt.erasure.stop()
    const res = await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: leaving.password, mode: 'keep' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ deleted: true, mode: 'keep' })

    // At once, before the background work: nothing shows the old handle, the posts read as a former member's.
    const after = await everythingSeen([own.thread.id, theirs.thread.id], [ownItem.id, readersItem.id])
    expect(after).not.toContain(leaving.handle)
    expect(after).toContain('a former member')
    // Nobody is left to block: no "Block" link under a former member's posts.
    expect(after).not.toContain('/members/a former member/block')
    expect(after).toContain('You are not alone in this.')
    expect((await rt.services.accountDeletion.erasureStatus(leaving.id))?.done).toBe(false)
    rt.erasure.start()
    await erasureDone(leaving.id)
    const later = await everythingSeen([own.thread.id, theirs.thread.id], [ownItem.id, readersItem.id])
    expect(later).not.toContain(leaving.handle)
    const stored = await rt.db.selectFrom('notification').select('data').where('user_id', '=', reader.id).execute()
    expect(JSON.stringify(stored)).not.toContain(leaving.handle)
    // The erasure row forgot the handle once its work was done.
    expect((await rt.db.selectFrom('account_erasure').select('old_handle').where('user_id', '=', leaving.id).executeTakeFirstOrThrow()).old_handle).toBeNull()

    // The account holds nothing of the person; its sessions are gone; it cannot sign in.
    const row = await rt.db.selectFrom('user').selectAll().where('id', '=', leaving.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ handle: 'a former member', email: null, is_admin: 0, reading_prefs: '{}', email_prefs: '{}' })
    expect(row.deleted_at).not.toBeNull()
    for (const table of ['session', 'notification', 'membership'] as const) {
      const n = await rt.db.selectFrom(table).select('user_id').where('user_id', '=', leaving.id).execute()
      expect(n, table).toHaveLength(0)
    }
    expect((await leaving.agent.get('/api/v1/me')).status).toBe(401)
    expect((await request(rt.app).post('/api/v1/auth/login').send({ handle: leaving.handle, password: leaving.password })).status).toBe(401)
    // Kept posts stay as they were; the report about them stays for moderators.
    expect((await rt.db.selectFrom('post').select(['status', 'body']).where('id', '=', own.post.id).executeTakeFirstOrThrow()).body).toBe(
      'What I went through.',
    )
    expect(await rt.db.selectFrom('report').select('id').where('post_id', '=', own.post.id).execute()).toHaveLength(1)
    // The audit log keeps the account's id (which names nobody now) for what it did.
    const audit = await rt.db.selectFrom('audit_log').select(['action', 'actor_id']).where('actor_id', '=', leaving.id).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['check_in', 'delete_account'])
  })

  it('erases the text of every post and revision in the background; threads still read', async () => {
    const leaving = await buildMember(rt, { join: ['grief'] })
    const own = await startThread(leaving, 'grief', { title: 'A title to erase', body: 'First words.' })
    expect((await leaving.agent.patch(`/api/v1/posts/${own.post.id}`).set(csrf(leaving)).send({ body: 'Edited words.' })).status).toBe(200)
    expect((await reply(reader, own.thread.id, 'A reply from the reader.')).status).toBe(201)
    const theirs = await startThread(reader, 'grief', { title: 'Another thread', body: 'Hi.' })
    const answer = (await reply(leaving, theirs.thread.id, 'A reply to erase.')).body.post.id as number
    expect((await reader.agent.post(`/api/v1/posts/${answer}/reports`).set(csrf(reader)).send({ reason: 'spam' })).status).toBe(201)

    expect((await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: leaving.password, mode: 'erase' })).status).toBe(200)
    await erasureDone(leaving.id)

    const posts = await rt.db.selectFrom('post').select(['body', 'html', 'status']).where('author_id', '=', leaving.id).execute()
    expect(posts).toHaveLength(2)
    for (const p of posts) expect(p).toEqual({ body: '', html: '', status: 'deleted' })
    const revisions = await rt.db.selectFrom('post_revision').select(['body', 'html']).where('post_id', 'in', [own.post.id, answer]).execute()
    expect(revisions.length).toBe(3)
    for (const r of revisions) expect(r).toEqual({ body: '', html: '' })
    expect(await rt.db.selectFrom('thread').select(['title', 'status']).where('id', '=', own.thread.id).executeTakeFirstOrThrow()).toEqual({
      title: '',
      status: 'deleted',
    })

    // The thread still reads: a placeholder where the erased post was, the reader's reply as it was.
    const page = await reader.agent.get(`/t/${own.thread.id}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('A reply from the reader.')
    expect(page.text).not.toContain('Edited words.')
    const other = await reader.agent.get(`/api/v1/threads/${theirs.thread.id}`)
    expect(other.body.posts.find((p: { id: number }) => p.id === answer)).toMatchObject({ status: 'deleted', body: '', author: null })
    // The report stays for moderators, with the post as it was reported.
    expect((await rt.db.selectFrom('report').select('snapshot_body').where('post_id', '=', answer).executeTakeFirstOrThrow()).snapshot_body).toBe(
      'A reply to erase.',
    )
  })

  it('the settings page deletes with JavaScript off: a plain form, a wrong password keeps the choice', async () => {
    const leaving = await buildMember(rt, { join: ['grief'] })
    const page = await leaving.agent.get('/settings/account')
    expect(page.status).toBe(200)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!
    const wrong = await leaving.agent.post('/settings/account/delete').type('form').send({ _csrf: token, mode: 'erase', password: 'nope' })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('There is a problem')
    expect(wrong.text).toMatch(/id="mode-erase"[^>]*checked/)
    const ok = await leaving.agent.post('/settings/account/delete').type('form').send({ _csrf: token, mode: 'erase', password: leaving.password })
    expect(ok.status).toBe(303)
    expect(ok.headers.location).toBe('/')
    expect((await leaving.agent.get('/settings/account')).status).toBe(303)
  })
})

describe('the background erasure', () => {
  it('goes on after a restart from the batch it had reached', async () => {
    const config = testConfig()
    const logger = createLogger('silent')
    let own = await createRuntime(config, { logger, seed: true, startPipeline: false })
    const leaving = await buildMember(own, { join: ['grief'] })
    const { thread } = await startThread(leaving, 'grief', { title: 'Many posts', body: 'first' })
    // More than two batches of replies, written straight to the table (the API path is tested above).
    const n = POST_BATCH * 2 + 17
    const community = (await own.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()).id
    await own.db
      .insertInto('post')
      .values(
        Array.from({ length: n }, (_, i) => ({
          thread_id: thread.id,
          community_id: community,
          author_id: leaving.id,
          body: `reply ${i}`,
          html: `<p>reply ${i}</p>`,
          created_at: i,
        })),
      )
      .execute()
    expect((await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: leaving.password, mode: 'erase' })).status).toBe(200)
    // One batch, then the process stops.
    expect(await erasureStep(own.db, own.clock)).toBe(true)
    const left = async (rtx: Runtime) =>
      (await rtx.db.selectFrom('post').select('id').where('author_id', '=', leaving.id).where('body', '!=', '').execute()).length
    expect(await left(own)).toBe(n + 1 - POST_BATCH)
    await own.close()

    own = await createRuntime(config, { logger, seed: false, startPipeline: false })
    const relay = new ErasureRelay(own.db, own.clock, logger)
    relay.start()
    await waitFor('erasure finished after restart', async () => (await own.services.accountDeletion.erasureStatus(leaving.id))?.done)
    await relay.stop()
    expect(await left(own)).toBe(0)
    await own.close()
  })
})
