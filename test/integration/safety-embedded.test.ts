import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import { applyVerdict, applyVerdicts } from '../../server/safety/apply-verdict.ts'
import type { Runtime } from '../../server/runtime.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../workers/pipeline/types.ts'
import { buildMember, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, CONCERN_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'
import { rowReaders } from '../support/rows.ts'

let rt: Runtime
let clock: ManualClock
let author: Member
let other: Member
let mod: Member

const { postRow, scanned, openItem } = rowReaders(() => rt)

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  author = await buildMember(rt, { join: ['grief'] })
  other = await buildMember(rt, { join: ['grief'] })
  mod = await buildMember(rt, { join: ['grief'] })
  await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
})
afterAll(async () => {
  await rt.close()
})

describe('embedded pipeline (no REDIS_URL)', () => {
  it('runs in process: an urgent crisis post goes to the top of the queue, the author gets resources, moderators an alert', async () => {
    expect(rt.pipeline.mode).toBe('embedded')
    const { post } = await startThread(author, 'grief', { title: 'tonight', body: URGENT_POST })
    const row = await scanned(post.id)
    expect(row.status).toBe('visible') // nobody in crisis is silenced
    expect(JSON.parse(row.content_warnings)).toContain('suicide')
    const item = await openItem(post.id)
    expect(item).toMatchObject({ priority: 600, reason: 'urgent_crisis', status: 'open' })
    const signals = await rt.db.selectFrom('review_signal').selectAll().where('item_id', '=', item!.id).execute()
    expect(signals.find((s) => s.kind === 'urgent_crisis')!.evidence).not.toBe('[]')
    const mine = await author.agent.get('/api/v1/notifications')
    expect(mine.body.notifications.map((n: { kind: string }) => n.kind)).toContain('crisis_resources')
    const alerts = await mod.agent.get('/api/v1/notifications')
    expect(alerts.body.notifications[0]).toMatchObject({ kind: 'alert', data: expect.objectContaining({ kind: 'urgent_crisis', postId: post.id }) })
    const me = await author.agent.get('/api/v1/me')
    expect(me.body.crisisSupport).toMatchObject({ community: { slug: 'grief' }, postId: post.id })
    expect(me.body.crisisSupport.resources.map((r: { contact: string }) => r.contact)).toEqual(expect.arrayContaining(['Call or text 988', '116 123']))
    expect((await other.agent.get('/api/v1/me')).body.crisisSupport).toBeNull()
    expect((await author.agent.delete('/api/v1/me/crisis-support').set('X-CSRF-Token', author.csrf)).status).toBe(204)
    expect((await author.agent.get('/api/v1/me')).body.crisisSupport).toBeNull()
  })

  it('the pre-post check runs the real crisis detector (on the scan thread) and offers resources', async () => {
    const urgent = await rt.services.precheck.check('grief', URGENT_POST)
    expect(urgent.crisis).toBe('urgent')
    expect(urgent.resources.length).toBeGreaterThan(0)
    expect(await rt.services.precheck.check('grief', CALM_POST)).toEqual({ crisis: 'none', resources: [] })
  })

  it('a concern post gets a high-priority item and resources, no staff alert', async () => {
    const before = (await mod.agent.get('/api/v1/notifications')).body.notifications.length
    const { thread } = await startThread(author, 'grief')
    const res = await reply(other, thread.id, CONCERN_POST)
    await scanned(res.body.post.id)
    expect(await openItem(res.body.post.id)).toMatchObject({ priority: 500, reason: 'concern' })
    expect((await mod.agent.get('/api/v1/notifications')).body.notifications.length).toBe(before)
  })

  it('holds spam: visible only to its author and moderators until a moderator decides', async () => {
    const spammer = await buildMember(rt, { join: ['grief'] })
    const { thread, post } = await startThread(spammer, 'grief', { title: 'Great deals', body: SPAM_POST })
    const row = await scanned(post.id)
    expect(row.status).toBe('held')
    expect(await openItem(post.id)).toMatchObject({ priority: 200, reason: 'spam' })
    expect((await request(rt.app).get(`/api/v1/threads/${thread.id}`)).status).toBe(404)
    expect((await other.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(404)
    const list = await request(rt.app).get('/api/v1/communities/grief/threads?limit=100')
    expect(list.body.threads.map((t: { id: number }) => t.id)).not.toContain(thread.id)
    const own = await spammer.agent.get(`/api/v1/threads/${thread.id}`)
    expect(own.body.posts[0].status).toBe('held')
    expect((await mod.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(200)
  })

  it('a calm post is scanned with no review item and no warnings', async () => {
    const { post } = await startThread(author, 'grief', { body: CALM_POST })
    const row = await scanned(post.id)
    expect(JSON.parse(row.content_warnings)).toEqual([])
    expect(await openItem(post.id)).toBeUndefined()
  })

  it("keeps the author's own warnings and honours the community's categories (grief turns off death)", async () => {
    const { post } = await startThread(author, 'grief', {
      body: 'She died in the hospice at 3am; I was holding her hand when her breathing stopped.',
      contentWarnings: ['abuse'],
    })
    const row = await scanned(post.id)
    const w = JSON.parse(row.content_warnings)
    expect(w).toContain('abuse')
    expect(w).not.toContain('death')
  })

  it('an edit is scanned again: a calm post edited into crisis language reaches the queue', async () => {
    const { post } = await startThread(author, 'grief', { body: CALM_POST })
    await scanned(post.id)
    await author.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', author.csrf).send({ body: URGENT_POST })
    await scanned(post.id, 2)
    expect(await openItem(post.id)).toMatchObject({ priority: 600 })
  })

  it('applies the same verdict once; a late crisis verdict for an older revision still reaches the queue, and only its crisis part', async () => {
    // A fresh author: the same text posted again by one author is (rightly) a repeated-text spam signal.
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { body: CALM_POST })
    await scanned(post.id)
    const verdict = scan({ text: URGENT_POST, settings: defaultSafetySettings() })
    // Revision 1 was already applied by the pipeline: delivering it again changes nothing.
    const again = await applyVerdict(rt.db, clock, rt.logger, { postId: post.id, revision: 1, verdict, enqueuedAt: 0, scannedAt: 0 })
    expect(again.applied).toBe(false)
    expect(await openItem(post.id)).toBeUndefined()
    await writer.agent
      .patch(`/api/v1/posts/${post.id}`)
      .set('X-CSRF-Token', writer.csrf)
      .send({ body: CALM_POST + ' Edited.' })
    await scanned(post.id, 2)
    // A late verdict for revision 1 (say, a re-sent scan) must not override revision 2's warnings or
    // status, but a crisis it found is not undone by the edit: a person still reads it.
    await rt.db.deleteFrom('applied_verdict').where('post_id', '=', post.id).where('revision', '=', 1).execute()
    const stale = await applyVerdict(rt.db, clock, rt.logger, { postId: post.id, revision: 1, verdict, enqueuedAt: 0, scannedAt: 0 })
    expect(stale).toMatchObject({ applied: true, stale: true, crisis: 'urgent' })
    const item = await openItem(post.id)
    expect(item).toMatchObject({ id: stale.reviewItemId, priority: 600, reason: 'urgent_crisis' })
    const signals = await rt.db.selectFrom('review_signal').select(['kind', 'revision']).where('item_id', '=', item!.id).execute()
    expect(signals).toEqual([{ kind: 'urgent_crisis', revision: 1 }])
    expect(JSON.parse((await postRow(post.id)).content_warnings)).toEqual([]) // revision 2's, not revision 1's
    expect((await writer.agent.get('/api/v1/me')).body.crisisSupport).toMatchObject({ postId: post.id })
    const rows = await rt.db.selectFrom('applied_verdict').selectAll().where('post_id', '=', post.id).execute()
    expect(rows.map((r) => r.revision).sort()).toEqual([1, 2])
  })

  it('re-sends a scan whose verdict has not come back in time (the sweeper)', async () => {
    await rt.pipeline.relay.idle()
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { body: CALM_POST })
    await scanned(post.id)
    // Simulate a scan lost in flight: the outbox row was sent but never came back.
    await rt.db.deleteFrom('applied_verdict').where('post_id', '=', post.id).execute()
    await rt.db.updateTable('outbox').set({ done_at: null, sent_at: clock.now() }).where('post_id', '=', post.id).execute()
    await rt.db.updateTable('post').set({ scan_status: 'pending' }).where('id', '=', post.id).execute()
    await rt.pipeline.relay.drainOnce()
    expect((await postRow(post.id)).scan_status).toBe('pending') // not yet timed out
    clock.advance(rt.config.scanTimeoutMs + 1)
    await rt.pipeline.relay.drainOnce()
    expect((await postRow(post.id)).scan_status).toBe('scanned')
    const outbox = await rt.db.selectFrom('outbox').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow()
    expect(outbox.attempts).toBe(2)
    expect(outbox.done_at).not.toBeNull()
  })
})

describe('the relay sends a new post at once; the poll covers what that misses', () => {
  let quiet: Runtime
  beforeAll(async () => {
    // The poll wakes once at start and then not for an hour: only the post's own send can scan it.
    quiet = await startTestRuntime({}, { relayPollMs: 3_600_000 })
  })
  afterAll(async () => {
    await quiet.close()
  })

  it('scans a new thread and a reply without waiting for the poll, and records the send', async () => {
    const writer = await buildMember(quiet, { join: ['grief'] })
    const { thread, post } = await startThread(writer, 'grief', { body: URGENT_POST })
    const res = await reply(writer, thread.id, CALM_POST)
    expect((await waitScanned(quiet, post.id, { timeoutMs: 10_000 })).content_warnings).toContain('suicide')
    await waitScanned(quiet, res.body.post.id, { timeoutMs: 10_000 })
    const rows = await quiet.db.selectFrom('outbox').selectAll().where('post_id', 'in', [post.id, res.body.post.id]).execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, revision: 1 })
      expect(row.sent_at).not.toBeNull()
      expect(row.done_at).not.toBeNull()
    }
  })

  it('a post saved while the relay was down (a crash between commit and send) is sent when it starts again', async () => {
    const writer = await buildMember(quiet, { join: ['grief'] })
    await quiet.pipeline.relay.stop()
    const { post } = await startThread(writer, 'grief', { body: CALM_POST })
    // A stopped relay sends nothing: once it is idle the post must still be waiting.
    await quiet.pipeline.relay.idle()
    expect((await quiet.db.selectFrom('post').select('scan_status').where('id', '=', post.id).executeTakeFirstOrThrow()).scan_status).toBe('pending')
    quiet.pipeline.relay.start()
    await waitScanned(quiet, post.id, { timeoutMs: 10_000 })
  })

  it('a batch of verdicts is one transaction in which a failing verdict is rolled back alone', async () => {
    const writer = await buildMember(quiet, { join: ['grief'] })
    await quiet.pipeline.relay.stop()
    const posts = []
    for (const body of [URGENT_POST, CALM_POST, CONCERN_POST]) posts.push((await startThread(writer, 'grief', { body })).post)
    const job = (id: number, text: string) => ({
      postId: id,
      revision: 1,
      verdict: scan({ text, settings: defaultSafetySettings() }),
      enqueuedAt: 0,
      scannedAt: 0,
    })
    // The middle verdict throws after its first writes (its rules are missing).
    const broken = { ...job(posts[1]!.id, CALM_POST), verdict: { ...job(posts[1]!.id, CALM_POST).verdict, rules: undefined as never } }
    const results = await applyVerdicts(quiet.db, quiet.clock, quiet.logger, [job(posts[0]!.id, URGENT_POST), broken, job(posts[2]!.id, CONCERN_POST)], {
      recordSend: true,
    })
    expect(results[0]).toMatchObject({ applied: true, crisis: 'urgent' })
    expect(results[1]).toBeInstanceOf(Error)
    expect(results[2]).toMatchObject({ applied: true, crisis: 'concern' })
    const outbox = await quiet.db
      .selectFrom('outbox')
      .select(['post_id', 'done_at', 'attempts'])
      .where(
        'post_id',
        'in',
        posts.map((p) => p.id),
      )
      .orderBy('post_id')
      .execute()
    expect(outbox.map((o) => [o.done_at !== null, o.attempts])).toEqual([
      [true, 1],
      [false, 0],
      [true, 1],
    ])
    const applied = await quiet.db
      .selectFrom('applied_verdict')
      .select('post_id')
      .where(
        'post_id',
        'in',
        posts.map((p) => p.id),
      )
      .execute()
    expect(applied.map((a) => a.post_id).sort()).toEqual([posts[0]!.id, posts[2]!.id].sort())
    expect((await quiet.db.selectFrom('review_item').select('reason').where('post_id', '=', posts[0]!.id).executeTakeFirstOrThrow()).reason).toBe(
      'urgent_crisis',
    )
    // The one that failed is still waiting, and the relay scans it when it starts again.
    quiet.pipeline.relay.start()
    await waitScanned(quiet, posts[1]!.id)
  })
})
