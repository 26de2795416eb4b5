import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, URGENT_POST } from '../support/texts.ts'

// A moderator's decision must not close an item that has since become a crisis, and an urgent
// item must reach the leads in time: found by review, each once a real gap.

let rt: Runtime
let clock: ManualClock
let mod: Member
let poster: Member

const itemFor = (postId: number) => queueItemFor(mod, postId)

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  mod = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, mod, 'grief', 'moderator')
  poster = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('acting on an item that changed since the moderator read it', () => {
  it('refuses to approve an item a crisis verdict has joined since, and the item stays open at the top', async () => {
    const { post } = await startThread(poster, 'grief', { title: 'Garden', body: CALM_POST })
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'odd' })
    const seen = await itemFor(post.id)
    expect(seen.priority).toBeLessThan(600)
    await mod.agent.post(`/api/v1/moderation/items/${seen.id}/claim`).set(csrf(mod))
    const read = (await mod.agent.get(`/api/v1/moderation/items/${seen.id}`)).body.item

    // The author edits the post into crisis words while the moderator reads the report.
    expect((await poster.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(poster)).send({ body: URGENT_POST })).status).toBe(200)
    await waitScanned(rt, post.id, { revision: 2 })

    const res = await mod.agent.post(`/api/v1/moderation/items/${seen.id}/resolve`).set(csrf(mod)).send({ action: 'approve', version: read.version })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('item_changed')
    expect(res.body.error.message).toMatch(/urgent crisis/)
    const now = await itemFor(post.id)
    expect(now).toMatchObject({ id: seen.id, priority: 600, reason: 'urgent_crisis' })

    // Read again, the moderator can act.
    const fresh = (await mod.agent.get(`/api/v1/moderation/items/${seen.id}`)).body.item
    expect(
      (
        await mod.agent
          .post(`/api/v1/moderation/items/${seen.id}/resolve`)
          .set(csrf(mod))
          .send({ action: 'check_in', message: 'We are here. Are you safe tonight?', version: fresh.version })
      ).status,
    ).toBe(200)
  })

  it('the item page sends the version it showed: a stale form is refused and shows the item again', async () => {
    const { post } = await startThread(poster, 'grief', { title: 'Shed', body: CALM_POST + ' Again.' })
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'spam' })
    const item = await itemFor(post.id)
    const page = await mod.agent.get(`/mod/items/${item.id}`)
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1]
    expect(version).toBe(String(item.version))

    const another = await buildMember(rt, { join: ['grief'] })
    await another.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(another)).send({ reason: 'worried' })
    const res = await mod.agent.post(`/mod/items/${item.id}/approve`).type('form').send({ _csrf: mod.csrf, version })
    expect(res.status).toBe(409)
    expect(res.text).toMatch(/changed since you opened it/)
    expect((await itemFor(post.id)).id).toBe(item.id)

    // A refused warnings form comes back with the boxes the moderator ticked.
    const warn = await mod.agent
      .post(`/mod/items/${item.id}/warn`)
      .type('form')
      .send(`_csrf=${mod.csrf}&version=${version}&warnings=&warnings=death&warnings=violence`)
    expect(warn.status).toBe(409)
    expect(warn.text).toMatch(/id="w-death" name="warnings" value="death" checked/)
    expect(warn.text).toMatch(/id="w-violence" name="warnings" value="violence" checked/)
    expect(warn.text).not.toMatch(/id="w-suicide" name="warnings" value="suicide" checked/)
  })
})

describe('escalating urgent items', () => {
  it('counts the limit from when the item became urgent, and escalates past a claim left to expire', async () => {
    const { post } = await startThread(poster, 'grief', { title: 'Evening', body: CALM_POST + ' Quiet day.' })
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'checking' })
    const item = await itemFor(post.id)
    // A moderator claims the report and walks away.
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set(csrf(mod))).status).toBe(200)
    clock.advance(20 * 60_000)
    await poster.agent
      .patch(`/api/v1/posts/${post.id}`)
      .set(csrf(poster))
      .send({ body: URGENT_POST + ' For real.' })
    await waitScanned(rt, post.id, { revision: 2 })
    const escalatedFor = async () => {
      await rt.services.moderation.escalateOverdue()
      return (await rt.db.selectFrom('review_item').select('escalated_at').where('id', '=', item.id).executeTakeFirstOrThrow()).escalated_at
    }
    // Opened 20 minutes ago, but urgent only now: not yet.
    expect(await escalatedFor()).toBeNull()
    clock.advance(9 * 60_000)
    expect(await escalatedFor()).toBeNull()
    // Ten minutes urgent; the claim taken 30 minutes ago has long expired.
    clock.advance(2 * 60_000)
    expect(await escalatedFor()).not.toBeNull()
  })

  it('a live claim on an urgent item holds off escalation', async () => {
    const { post } = await startThread(poster, 'grief', { title: 'Night', body: URGENT_POST + ' Soon.' })
    await waitScanned(rt, post.id)
    const item = await itemFor(post.id)
    await mod.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set(csrf(mod))
    clock.advance(11 * 60_000)
    await rt.services.moderation.escalateOverdue()
    expect((await rt.db.selectFrom('review_item').select('escalated_at').where('id', '=', item.id).executeTakeFirstOrThrow()).escalated_at).toBeNull()
    await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })
  })
})
