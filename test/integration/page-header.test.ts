// Every signed-in page's header comes from one query (server/db/notifications.ts pageHeaderFlags):
// the menus and counts must still match each member's roles and notifications exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'

const nav = async (m: Member) => {
  const res = await m.agent.get('/about')
  expect(res.status).toBe(200)
  const header = /<nav aria-label="Main">([\s\S]*?)<\/nav>/.exec(res.text)![1]!
  return {
    lead: /Lead settings/.test(header),
    moderation: /href="\/mod\/queue"/.test(header),
    unread: Number(/<span class="count">(\d+)/.exec(header)?.[1] ?? 0),
  }
}

describe('the page header', () => {
  let rt: Runtime
  let member: Member, moderator: Member, lead: Member, writer: Member
  beforeAll(async () => {
    rt = await startTestRuntime()
    member = await buildMember(rt, { join: ['grief'] })
    moderator = await buildMember(rt, { join: ['grief'] })
    lead = await buildMember(rt, { join: ['recovery'] })
    writer = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, moderator, 'grief', 'moderator')
    await grantRole(rt, lead, 'recovery', 'lead')
  })
  afterAll(async () => {
    await rt.close()
  })

  it('shows each member only the menus their roles give', async () => {
    expect(await nav(member)).toEqual({ lead: false, moderation: false, unread: 0 })
    expect(await nav(moderator)).toEqual({ lead: false, moderation: true, unread: 0 })
    expect(await nav(lead)).toEqual({ lead: true, moderation: true, unread: 0 })
  })

  it('counts unread notifications, and only the reader’s own', async () => {
    const { thread } = await startThread(member, 'grief', { title: 'Sorting his books', body: 'I spent the afternoon sorting his books into boxes.' })
    for (const body of ['That sounds like a gentle afternoon.', 'I kept my dad’s maps for a year before I could.']) {
      expect((await reply(writer, thread.id, body)).status).toBe(201)
    }
    expect((await nav(member)).unread).toBe(2)
    expect((await nav(writer)).unread).toBe(0)
  })

  it('shows waiting crisis lines on the next page once, then not again', async () => {
    const { post } = await startThread(writer, 'grief', {
      title: 'Tonight',
      body: 'I have the pills counted out and I am going to take them all tonight. Goodbye everyone.',
    })
    await waitScanned(rt, post.id)
    const banner = /<section class="crisis-support"[\s\S]*?<\/section>/
    // An error page has the same header (menus, counts) but never uses up the one showing.
    const missing = await writer.agent.get('/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('href="/notifications"')
    expect(missing.text).not.toMatch(banner)
    expect((await lead.agent.get('/no-such-page')).text).toContain('Lead settings')
    const first = await writer.agent.get('/about')
    expect(banner.exec(first.text)?.[0]).toContain('Samaritans')
    expect((await writer.agent.get('/about')).text).not.toMatch(banner)
    expect((await member.agent.get('/about')).text).not.toMatch(banner)
  })
})
