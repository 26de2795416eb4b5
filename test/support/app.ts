import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { inject } from 'vitest'
import type { PostRow, Role } from '../../server/db/schema.ts'
import { loadConfig, type Config } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../server/runtime.ts'
import { createDatabase, uniqueDatabase } from './postgres.ts'

let counter = 0

export function tempDbPath(label = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `alongside-${label}-`))
  return path.join(dir, 'alongside.db')
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: tempDbPath(),
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-!!',
    RATE_LIMIT_POSTS_PER_MINUTE: '100000',
    RATE_LIMIT_SEARCHES_PER_MINUTE: '100000',
    RATE_LIMIT_LOGINS_PER_MINUTE: '1000',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000',
    // Tests register hundreds of members: a cheap hash (never allowed in production).
    PASSWORD_HASH_COST: '1024',
    ...overrides,
  })
}

export async function startTestRuntime(
  overrides: Record<string, string> = {},
  opts: Pick<RuntimeOptions, 'clock' | 'relayPollMs' | 'crisisDetector' | 'mailPollMs'> = {},
): Promise<Runtime> {
  // The PostgreSQL run (vitest.postgres.config.ts): a fresh database of its own in the private cluster.
  if (process.env.TEST_DATABASE === 'postgres' && !overrides.DATABASE_URL && !overrides.DATABASE_PATH)
    overrides = { ...overrides, DATABASE_URL: await createDatabase(inject('postgresAdminUrl'), uniqueDatabase('rt')) }
  const config = testConfig(overrides)
  return createRuntime(config, { ...opts, logger: createLogger(config.logLevel), seed: true })
}

export const uniqueHandle = (prefix = 'member') => `${prefix}_${process.pid % 10000}_${++counter}`

export interface Member {
  handle: string
  password: string
  agent: request.Agent
  csrf: string
  id: number
}

/** Registers a member through the API and returns a cookie-keeping agent plus their CSRF token. */
export async function buildMember(runtime: Runtime, opts: { handle?: string; join?: string[] } = {}): Promise<Member> {
  const agent = request.agent(runtime.app)
  const handle = opts.handle ?? uniqueHandle()
  const password = 'a long enough password'
  const res = await agent.post('/api/v1/auth/register').send({ handle, password })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`)
  const member: Member = { handle, password, agent, csrf: res.body.csrfToken, id: res.body.user.id }
  for (const slug of opts.join ?? []) await joinCommunity(member, slug)
  return member
}

export async function joinCommunity(member: Member, slug: string) {
  const c = await member.agent.get(`/api/v1/communities/${slug}`)
  const res = await member.agent
    .post(`/api/v1/communities/${slug}/membership`)
    .set('X-CSRF-Token', member.csrf)
    .send({ acceptedGuidelinesVersion: c.body.community.guidelines.version })
  if (res.status !== 201 && res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`)
}

export async function startThread(member: Member, slug: string, input: { title?: string; body?: string; contentWarnings?: string[] } = {}) {
  const res = await member.agent
    .post(`/api/v1/communities/${slug}/threads`)
    .set('X-CSRF-Token', member.csrf)
    .send({
      title: input.title ?? 'A thread title',
      body: input.body ?? 'Some words for the thread.',
      ...(input.contentWarnings ? { contentWarnings: input.contentWarnings } : {}),
    })
  if (res.status !== 201) throw new Error(`thread failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { thread: { id: number }; post: { id: number } }
}

export async function reply(member: Member, threadId: number, body: string, extra: Record<string, unknown> = {}) {
  return member.agent
    .post(`/api/v1/threads/${threadId}/posts`)
    .set('X-CSRF-Token', member.csrf)
    .send({ body, ...extra })
}

export const csrfHeader = (m: Member) => ({ 'X-CSRF-Token': m.csrf })

/** The open review item for a post, as a moderator of the community finds it in their queue. */
export async function queueItemFor(moderator: Member, postId: number, community = 'grief') {
  const res = await moderator.agent.get(`/api/v1/moderation/queue?community=${community}&limit=100`)
  return res.body.items.find((i: { post: { id: number } }) => i.post.id === postId)
}

/** Gives a member a role in a community directly (the API path is tested on its own). */
export async function grantRole(runtime: Runtime, m: Member, slug: string, role: Role) {
  await runtime.db
    .updateTable('membership')
    .set({ role })
    .where('user_id', '=', m.id)
    .where('community_id', '=', (eb) => eb.selectFrom('community').select('id').where('slug', '=', slug))
    .execute()
}

/** Waits until the given revision of a post has its verdict applied; returns the post row. */
export async function waitScanned(runtime: Runtime, postId: number, opts: { revision?: number; timeoutMs?: number } = {}) {
  const { waitFor } = await import('./wait.ts')
  const revision = opts.revision ?? 1
  return waitFor(
    `post ${postId} r${revision} scanned`,
    async () => {
      const p = await runtime.db.selectFrom('post').selectAll().where('id', '=', postId).executeTakeFirstOrThrow()
      return p.scan_status === 'scanned' && p.revision === revision ? p : undefined
    },
    opts.timeoutMs ?? 10_000,
  ) as Promise<PostRow>
}
