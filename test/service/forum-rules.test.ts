// The forum's rules checked in the services, on an in-memory database (no HTTP): who may post,
// edit, report and moderate, and what a write hands to the safety pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors.ts'
import { startServiceHarness, type ServiceHarness } from '../support/services.ts'

let h: ServiceHarness
beforeAll(async () => {
  h = await startServiceHarness()
})
afterAll(async () => {
  await h?.close()
})

/** The AppError a call is refused with (fails the test when it is not refused). */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected the call to be refused')
}

describe('joining and posting', () => {
  it('joining needs the current guidelines version, and the refusal names it', async () => {
    const ctx = await h.member()
    const { community } = await h.services.communities.get(ctx, 'grief')
    const err = await refusal(h.services.communities.join(ctx, 'grief', community.guidelines!.version + 1))
    expect(err).toMatchObject({ status: 409, code: 'guidelines_version_mismatch' })
    expect(err.message).toContain(`version ${community.guidelines!.version}`)
    expect((await h.services.communities.membershipsOf(ctx)).map((m) => m.community)).not.toContain('grief')
  })

  it('a member who has not joined cannot start a thread; after joining the post is saved and handed to the pipeline', async () => {
    const ctx = await h.member()
    const err = await refusal(h.services.forum.createThread(ctx, 'recovery', { title: 'First night', body: 'Day one again.' }))
    expect(err.status).toBe(403)
    const joined = await h.member({ join: ['recovery'] })
    const { post } = await h.services.forum.createThread(joined, 'recovery', { title: 'First night', body: 'Day one again.' })
    expect(h.scanned).toContain(post.id)
  })

  it('only the author edits a post; each edit keeps the revision before it', async () => {
    const author = await h.member({ join: ['grief'] })
    const other = await h.member({ join: ['grief'] })
    const { post } = await h.services.forum.createThread(author, 'grief', { title: 'Her garden', body: 'The roses came up this year.' })
    expect((await refusal(h.services.forum.editPost(other, post.id, { body: 'not yours' }))).status).toBe(404)
    await h.services.forum.editPost(author, post.id, { body: 'The roses came up this year, all of them.' })
    const revisions = await h.services.forum.revisions(author, post.id)
    expect(JSON.stringify(revisions)).toContain('The roses came up this year.')
    expect(JSON.stringify(revisions)).toContain('all of them')
  })
})

describe('reports', () => {
  it('refuses reporting your own post, a second report, and a guideline report without its rule', async () => {
    const author = await h.member({ join: ['caregiving'] })
    const reader = await h.member({ join: ['caregiving'] })
    const { post } = await h.services.forum.createThread(author, 'caregiving', { title: 'Respite', body: 'Any tips for respite care?' })
    expect(await refusal(h.services.moderation.report(author, post.id, { reason: 'spam' }))).toMatchObject({ status: 400, code: 'own_post' })
    expect(await refusal(h.services.moderation.report(reader, post.id, { reason: 'guideline' }))).toMatchObject({ status: 400 })
    await h.services.moderation.report(reader, post.id, { reason: 'spam' })
    expect(await refusal(h.services.moderation.report(reader, post.id, { reason: 'spam' }))).toMatchObject({ status: 409, code: 'already_reported' })
  })

  it('a post its author deleted cannot be reported: it no longer exists for anyone', async () => {
    const author = await h.member({ join: ['grief'] })
    const reader = await h.member({ join: ['grief'] })
    const { post } = await h.services.forum.createThread(author, 'grief', { title: 'Too much', body: 'I said too much here.' })
    await h.services.forum.deletePost(author, post.id)
    expect((await refusal(h.services.moderation.report(reader, post.id, { reason: 'spam' }))).status).toBe(404)
  })
})

describe('moderation powers', () => {
  async function reportedItem(slug: string) {
    const author = await h.member({ join: [slug] })
    const reader = await h.member({ join: [slug] })
    const { post } = await h.services.forum.createThread(author, slug, { title: 'Selling', body: 'Cheap pills, message me.' })
    await h.services.moderation.report(reader, post.id, { reason: 'spam' })
    return (await h.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).executeTakeFirstOrThrow()).id
  }

  it('a member sees no queue and cannot act on an item', async () => {
    const itemId = await reportedItem('disability')
    const member = await h.member({ join: ['disability'] })
    expect((await refusal(h.services.moderation.queue(member, { limit: 10 }))).status).toBe(403)
    expect([403, 404]).toContain((await refusal(h.services.moderation.claim(member, itemId))).status)
  })

  it('a moderator appointed from the command line acts in their community only, and the appointment is audited', async () => {
    const itemHere = await reportedItem('disability')
    const itemElsewhere = await reportedItem('grief')
    const mod = await h.member({ join: ['disability'] })
    await h.services.siteAdmin.grantRole({ handle: mod.actor.handle, community: 'disability', role: 'moderator' })
    const audit = await h.db.selectFrom('audit_log').selectAll().where('target_id', '=', mod.actor.id).where('action', '=', 'appoint').execute()
    expect(audit).toHaveLength(1)
    const moderator = await h.refresh(mod)
    await h.services.moderation.claim(moderator, itemHere)
    expect([403, 404]).toContain((await refusal(h.services.moderation.claim(moderator, itemElsewhere))).status)
    // A removal tells the author which rule the post broke: without one it is refused.
    expect((await refusal(h.services.moderation.resolve(moderator, itemHere, { action: 'remove' }))).status).toBe(400)
    const community = await h.db.selectFrom('community').select('id').where('slug', '=', 'disability').executeTakeFirstOrThrow()
    const rule = await h.db.selectFrom('community_rule').select('id').where('community_id', '=', community.id).executeTakeFirstOrThrow()
    await h.services.moderation.resolve(moderator, itemHere, { action: 'remove', ruleId: rule.id })
    const item = await h.db.selectFrom('review_item').select(['status']).where('id', '=', itemHere).executeTakeFirstOrThrow()
    expect(item.status).not.toBe('open')
  })

  it("a suspended moderator's powers pause with the suspension", async () => {
    const itemId = await reportedItem('recovery')
    const admin = await h.member({ admin: true })
    const mod = await h.member({ join: ['recovery'] })
    await h.services.siteAdmin.grantRole({ handle: mod.actor.handle, community: 'recovery', role: 'moderator' })
    await h.services.moderation.suspend(admin, mod.actor.handle, { until: new Date(h.clock.now() + 86_400_000).toISOString(), reason: 'a test' })
    const suspended = await h.refresh(mod)
    expect(suspended.actor.suspended).toBe(true)
    expect([403, 404]).toContain((await refusal(h.services.moderation.claim(suspended, itemId))).status)
    h.clock.advance(2 * 86_400_000)
    await h.services.moderation.claim(await h.refresh(mod), itemId)
  })

  it('only a site admin suspends', async () => {
    const member = await h.member()
    const target = await h.member()
    expect(await refusal(h.services.moderation.suspend(member, target.actor.handle, { until: null, reason: 'no' }))).toMatchObject({ code: 'not_an_admin' })
  })
})
