import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, startTestRuntime, startThread, tempDbPath, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'

// Issue #15: moderators teach the pipeline. "Was this flag right?" in one step with the action that
// closes an item; export-labels writes the answers as corpus lines; train builds a model folder that
// SAFETY_MODEL_DIR loads.
const repoRoot = path.resolve(import.meta.dirname, '../..')
function cli(args: string[], env: Record<string, string>, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  if (input !== undefined) child.stdin.end(input)
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })))
}

let rt: Runtime
let mod: Member
let poster: Member
const file = tempDbPath()
const csrf = csrfHeader
const itemOf = async (postId: number) => (await rt.db.selectFrom('review_item').select('id').where('post_id', '=', postId).executeTakeFirstOrThrow()).id

beforeAll(async () => {
  rt = await startTestRuntime({ DATABASE_PATH: file })
  mod = await buildMember(rt, { join: ['grief'] })
  poster = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, mod, 'grief', 'moderator')
})
afterAll(async () => {
  await rt?.close()
})

describe('was the flag right?', () => {
  it('records the pipeline reading as labels when the flag was right, the corrections when it was not', async () => {
    const urgent = (await startThread(poster, 'grief', { body: URGENT_POST })).post
    const spam = (await startThread(poster, 'grief', { body: SPAM_POST })).post
    await waitScanned(rt, urgent.id)
    await waitScanned(rt, spam.id)
    const right = await mod.agent
      .post(`/api/v1/moderation/items/${await itemOf(urgent.id)}/resolve`)
      .set(csrf(mod))
      .send({ action: 'approve', feedback: { right: true } })
    expect(right.status).toBe(200)
    const wrong = await mod.agent
      .post(`/api/v1/moderation/items/${await itemOf(spam.id)}/resolve`)
      .set(csrf(mod))
      .send({ action: 'hide', feedback: { right: false, spam: false, warnings: ['substance_use'] } })
    expect(wrong.status).toBe(200)
    const rows = await rt.db.selectFrom('safety_feedback').selectAll().orderBy('id').execute()
    expect(rows.map((r) => [r.flag_right, r.crisis, r.spam, r.warnings])).toEqual([
      [1, 'urgent', 0, expect.any(String)],
      [0, 'none', 0, '["substance_use"]'],
    ])
  })

  it('refuses an answer on an item the pipeline did not raise, or with an action that keeps it open', async () => {
    const calm = (await startThread(poster, 'grief', { body: CALM_POST })).post
    await waitScanned(rt, calm.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${calm.id}/reports`).set(csrf(reporter)).send({ reason: 'spam' })
    const res = await mod.agent
      .post(`/api/v1/moderation/items/${await itemOf(calm.id)}/resolve`)
      .set(csrf(mod))
      .send({ action: 'approve', feedback: { right: false } })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/did not flag/)
  })

  it('export-labels writes corpus lines without handles; the hidden post has no text', async () => {
    const res = await cli(['safety', 'export-labels'], { DATABASE_PATH: file })
    expect(res.code).toBe(0)
    const lines = res.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ community: 'grief', text: URGENT_POST, labels: { crisis: 'urgent', spam: false, contact: false }, flagRight: true })
    expect(lines[1]).toMatchObject({ text: '', labels: { crisis: 'none', warnings: ['substance_use'], spam: false }, flagRight: false })
    expect(res.out).not.toContain(poster.handle)
    expect(res.out).not.toContain(mod.handle)
    const later = await cli(['safety', 'export-labels', '--since', '2999-01-01'], { DATABASE_PATH: file })
    expect(later.out).toBe('')
  })
})

describe('safety train and SAFETY_MODEL_DIR', () => {
  it('builds a model folder from labelled posts, prints figures beside the shipped model, and classify scans with it', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'alongside-model-'))
    const data = path.join(repoRoot, 'test/unit/pipeline/fixtures/heldout.jsonl')
    const train = await cli(['safety', 'train', '--only', '--data', data, '--out', out], {})
    expect(train.code, train.err).toBe(0)
    expect(train.out).toMatch(/new, cross-validated/)
    expect(train.out).toMatch(/shipped, on the --data posts/)
    expect(fs.existsSync(path.join(out, 'linear.json'))).toBe(true)
    const classified = await cli(['safety', 'classify'], { SAFETY_MODEL_DIR: out }, `${JSON.stringify({ id: 'a', text: URGENT_POST, community: 'grief' })}\n`)
    expect(classified.code).toBe(0)
    expect(JSON.parse(classified.out)).toMatchObject({ id: 'a', crisis: 'urgent' })
    const bad = await cli(['safety', 'classify'], { SAFETY_MODEL_DIR: path.join(out, 'missing') }, '')
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/SAFETY_MODEL_DIR/)
  }, 120_000)
})
