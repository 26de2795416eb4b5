import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyVerdict } from '../../server/safety/apply-verdict.ts'
import type { Runtime } from '../../server/runtime.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings, type Verdict } from '../../workers/pipeline/types.ts'
import { buildMember, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, CONCERN_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'
import { rowReaders } from '../support/rows.ts'

// Reads as calm to the detectors ("never mind, I'm fine" alone already reads as concern to the model).
const NEVER_MIND = "Please ignore what I wrote earlier. I'm okay, having tea with my sister now."
const verdictOf = (text: string) => scan({ text, settings: defaultSafetySettings() })

let rt: Runtime
let mod: Member

const { postRow, openItem } = rowReaders(() => rt)
const signalsOf = (postId: number) =>
  rt.db
    .selectFrom('review_signal')
    .innerJoin('review_item', 'review_item.id', 'review_signal.item_id')
    .select(['review_signal.kind', 'review_signal.revision', 'review_signal.evidence'])
    .where('review_item.post_id', '=', postId)
    .orderBy('review_signal.id')
    .execute()
const notificationKinds = async (m: Member) => (await m.agent.get('/api/v1/notifications')).body.notifications.map((n: { kind: string }) => n.kind) as string[]
const apply = (postId: number, revision: number, verdict: Verdict) =>
  applyVerdict(rt.db, rt.clock, rt.logger, { postId, revision, verdict, enqueuedAt: 0, scannedAt: 0 })

/** A member posts, then edits before any verdict is in: revision 1's verdict will arrive stale. */
async function postThenEdit(firstBody: string, secondBody = NEVER_MIND) {
  const author = await buildMember(rt, { join: ['grief'] })
  const { post } = await startThread(author, 'grief', { title: 'Checking in', body: firstBody })
  const edit = await author.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', author.csrf).send({ body: secondBody })
  expect(edit.status).toBe(200)
  expect((await postRow(post.id)).revision).toBe(2)
  return { author, postId: post.id }
}

beforeAll(async () => {
  rt = await startTestRuntime()
  // Verdicts are applied by hand here, in the order a backlog would deliver them.
  await rt.pipeline.relay.stop()
  mod = await buildMember(rt, { join: ['grief'] })
  await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
})
afterAll(async () => {
  await rt.close()
})

describe('a crisis verdict for an older revision', () => {
  it("still opens an urgent item with that revision's signal, leaves the author the crisis prompt and alerts moderators", async () => {
    const { author, postId } = await postThenEdit(URGENT_POST)
    expect(await apply(postId, 2, verdictOf(NEVER_MIND))).toMatchObject({ applied: true, crisis: 'none' })
    const modAlertsBefore = (await notificationKinds(mod)).filter((k) => k === 'alert').length

    const stale = await apply(postId, 1, verdictOf(URGENT_POST))
    expect(stale).toMatchObject({ applied: true, stale: true, crisis: 'urgent' })
    const item = await openItem(postId)
    expect(item).toMatchObject({ priority: 600, reason: 'urgent_crisis', status: 'open' })
    expect(stale.reviewItemId).toBe(item!.id)
    const signals = await signalsOf(postId)
    expect(signals.map((s) => [s.kind, s.revision])).toEqual([['urgent_crisis', 1]])
    expect(signals[0]!.evidence).not.toBe('[]')

    const me = await author.agent.get('/api/v1/me')
    expect(me.body.crisisSupport).toMatchObject({ community: { slug: 'grief' }, postId })
    expect(await notificationKinds(author)).toContain('crisis_resources')
    expect((await notificationKinds(mod)).filter((k) => k === 'alert').length).toBe(modAlertsBefore + 1)
  })

  it('raises the open item of the newer revision rather than opening a second one', async () => {
    const { postId } = await postThenEdit(URGENT_POST, CONCERN_POST)
    await apply(postId, 2, verdictOf(CONCERN_POST))
    const before = await openItem(postId)
    expect(before).toMatchObject({ priority: 500 })
    await apply(postId, 1, verdictOf(URGENT_POST))
    const after = await openItem(postId)
    expect(after).toMatchObject({ id: before!.id, priority: 600, reason: 'urgent_crisis' })
    expect((await signalsOf(postId)).map((s) => [s.kind, s.revision])).toEqual(
      expect.arrayContaining([
        ['concern', 2],
        ['urgent_crisis', 1],
      ]),
    )
  })

  it('brings only its crisis part: warnings, spam hold and other signals of the old revision are left to the new scan', async () => {
    const { postId } = await postThenEdit(CONCERN_POST)
    const concern = verdictOf(CONCERN_POST)
    const withSpam: Verdict = { ...concern, spam: { score: 0.99, isSpam: true, hold: true, reasons: ['test'] }, linksBlocked: true }
    await apply(postId, 1, withSpam)
    const row = await postRow(postId)
    expect(row.status).toBe('visible')
    expect(row.scan_status).toBe('pending') // revision 2's own scan is still to come
    expect(JSON.parse(row.content_warnings)).toEqual([])
    expect(await openItem(postId)).toMatchObject({ priority: 500, reason: 'concern' })
    expect((await signalsOf(postId)).map((s) => [s.kind, s.revision])).toEqual([['concern', 1]])
  })

  it('with crisis level none does nothing but record itself', async () => {
    const { author, postId } = await postThenEdit(SPAM_POST, CALM_POST)
    const verdict = verdictOf(SPAM_POST)
    expect(verdict.crisis.level).toBe('none')
    expect(verdict.spam.hold).toBe(true)
    expect(await apply(postId, 1, verdict)).toEqual({ applied: true, stale: true })
    expect(await openItem(postId)).toBeUndefined()
    expect((await postRow(postId)).status).toBe('visible')
    expect((await author.agent.get('/api/v1/me')).body.crisisSupport).toBeNull()
    const applied = await rt.db.selectFrom('applied_verdict').select('revision').where('post_id', '=', postId).execute()
    expect(applied.map((a) => a.revision)).toEqual([1])
  })

  it('is applied once per (post, revision): delivering it twice leaves one signal', async () => {
    const { postId } = await postThenEdit(URGENT_POST)
    const verdict = verdictOf(URGENT_POST)
    expect(await apply(postId, 1, verdict)).toMatchObject({ applied: true, stale: true })
    expect(await apply(postId, 1, verdict)).toEqual({ applied: false })
    expect((await signalsOf(postId)).map((s) => [s.kind, s.revision])).toEqual([['urgent_crisis', 1]])
  })
})

describe('through the embedded pipeline', () => {
  it('a crisis post edited to "never mind" before its first scan still reaches the queue', async () => {
    const { author, postId } = await postThenEdit(URGENT_POST)
    // Both revisions wait in the outbox (the relay was down); it now sends them together.
    rt.pipeline.relay.start()
    await waitScanned(rt, postId, { revision: 2 })
    await rt.pipeline.relay.stop()
    expect(await openItem(postId)).toMatchObject({ priority: 600, reason: 'urgent_crisis' })
    expect((await signalsOf(postId)).filter((s) => s.kind === 'urgent_crisis').map((s) => s.revision)).toEqual([1])
    expect((await author.agent.get('/api/v1/me')).body.crisisSupport).toMatchObject({ postId })
  })
})
