import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { OutboxRelay, type ScanTransport } from '../../server/safety/relay.ts'
import type { ScanJob } from '../../workers/jobs.ts'
import { buildMember, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { rowReaders } from '../support/rows.ts'

// Crisis language in the title only: the body on its own reads as an ordinary thank-you.
const CRISIS_TITLE = "Tonight I'm going to take all my pills. Goodbye"
const NEUTRAL_BODY = 'Thank you all for everything.'
const NEUTRAL_REPLY = 'Thanks for posting. I hope the evening goes gently for you.'

describe('a thread title is scanned with its first post (embedded pipeline)', () => {
  let rt: Runtime
  let author: Member
  let other: Member

  const { openItem } = rowReaders(() => rt)
  const signals = (itemId: number) => rt.db.selectFrom('review_signal').selectAll().where('item_id', '=', itemId).orderBy('id').execute()

  beforeAll(async () => {
    rt = await startTestRuntime()
    author = await buildMember(rt, { join: ['grief'] })
    other = await buildMember(rt, { join: ['grief'] })
  })
  afterAll(async () => {
    await rt.close()
  })

  it('a crisis title over a neutral body reaches the queue, quotes the title, and leaves the author crisis resources', async () => {
    expect(rt.pipeline.mode).toBe('embedded')
    const { post } = await startThread(author, 'grief', { title: CRISIS_TITLE, body: NEUTRAL_BODY })
    await waitScanned(rt, post.id)
    const item = await openItem(post.id)
    expect(item).toBeDefined()
    expect(['urgent_crisis', 'concern']).toContain(item!.reason)
    const crisis = (await signals(item!.id)).find((s) => s.kind === 'urgent_crisis' || s.kind === 'concern')!
    expect(crisis.revision).toBe(1)
    // The detectors quote evidence from the text they were given, which now starts with the title.
    const phrases = (JSON.parse(crisis.evidence) as { phrase: string }[]).map((e) => e.phrase).filter(Boolean)
    expect(phrases.some((p) => CRISIS_TITLE.includes(p))).toBe(true)
    const me = await author.agent.get('/api/v1/me')
    expect(me.body.crisisSupport).toMatchObject({ community: { slug: 'grief' }, postId: post.id })
  })

  it('a neutral reply in that thread is scanned on its own text, not the title', async () => {
    const { thread } = await startThread(author, 'grief', { title: CRISIS_TITLE, body: NEUTRAL_BODY })
    const res = await reply(other, thread.id, NEUTRAL_REPLY)
    expect(res.status).toBe(201)
    await waitScanned(rt, res.body.post.id)
    expect(await openItem(res.body.post.id)).toBeUndefined()
    expect((await other.agent.get('/api/v1/me')).body.crisisSupport).toBeNull()
  })

  it('every revision of the first post is scanned with the title: an edit to another neutral body is flagged again', async () => {
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { title: CRISIS_TITLE, body: NEUTRAL_BODY })
    await waitScanned(rt, post.id)
    const edit = await writer.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', writer.csrf).send({ body: 'Thank you all, really.' })
    expect(edit.status).toBe(200)
    await waitScanned(rt, post.id, { revision: 2 })
    const item = await openItem(post.id)
    expect(item).toBeDefined()
    const crisisRevisions = (await signals(item!.id)).filter((s) => s.kind === 'urgent_crisis' || s.kind === 'concern').map((s) => s.revision)
    expect(crisisRevisions).toContain(2)
  })
})

describe('the relay builds the scan text (shared by the embedded and Redis transports)', () => {
  let rt: Runtime
  let author: Member

  beforeAll(async () => {
    rt = await startTestRuntime()
    // Stopped, so that the relay under test is the only one reading the outbox (a stopped relay
    // ignores new posts too; one merely not started would still send them).
    await rt.pipeline.relay.stop()
    author = await buildMember(rt, { join: ['grief'] })
  })
  afterAll(async () => {
    await rt.close()
  })

  /** Sends every due outbox row to a transport that only records the jobs. */
  async function relayedJobs(): Promise<ScanJob[]> {
    const sent: ScanJob[] = []
    const transport: ScanTransport = {
      async send(jobs) {
        sent.push(...jobs.map((j) => j.job))
        return jobs.map((j) => j.outboxId)
      },
    }
    const relay = new OutboxRelay(rt.db, rt.clock, rt.logger, transport, { scanTimeoutMs: 60_000, pollMs: 3_600_000, batchSize: 100 })
    await relay.drainOnce()
    return sent
  }

  it('a first post is the title, a blank line, then the body, for every revision; a reply is its body alone', async () => {
    const { thread, post } = await startThread(author, 'grief', { title: CRISIS_TITLE, body: NEUTRAL_BODY })
    const edit = await author.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', author.csrf).send({ body: 'Edited: thank you.' })
    expect(edit.status).toBe(200)
    const res = await reply(author, thread.id, NEUTRAL_REPLY)
    const jobs = await relayedJobs()
    const text = (postId: number, revision: number) => jobs.find((j) => j.postId === postId && j.revision === revision)?.text
    expect(text(post.id, 1)).toBe(`${CRISIS_TITLE}\n\n${NEUTRAL_BODY}`)
    expect(text(post.id, 2)).toBe(`${CRISIS_TITLE}\n\nEdited: thank you.`)
    expect(text(res.body.post.id, 1)).toBe(NEUTRAL_REPLY)
  })
})
