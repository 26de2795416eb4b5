import type { Browser, Page } from 'playwright-core'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, startThread, type Member } from '../support/app.ts'
import { closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'
import { CONCERN_POST, URGENT_POST } from '../support/texts.ts'
import { waitFor } from '../support/wait.ts'

let browser: Browser
let srv: TestServer
let mod: Member
let author: Member
let urgentItem: number
let concernItem: number

async function itemFor(postId: number) {
  const db = srv.runtime.db
  await waitFor(
    `post ${postId} scanned`,
    async () => (await db.selectFrom('post').select('scan_status').where('id', '=', postId).executeTakeFirstOrThrow()).scan_status === 'scanned',
  )
  return (await db.selectFrom('review_item').select('id').where('post_id', '=', postId).where('status', '=', 'open').executeTakeFirstOrThrow()).id
}

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label)
}

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  const rt = srv.runtime
  mod = await buildMember(rt, { join: ['grief'] })
  author = await buildMember(rt, { join: ['grief'] })
  await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
  const concern = await startThread(author, 'grief', { title: 'Empty since she died', body: CONCERN_POST })
  const urgent = await startThread(author, 'grief', { title: 'Tonight', body: URGENT_POST })
  ;[urgentItem, concernItem] = await Promise.all([itemFor(urgent.post.id), itemFor(concern.post.id)])
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('moderator pages', () => {
  it('guests are sent to sign in; members who moderate nothing get a 403 page', async () => {
    const guest = await request(srv.runtime.app).get('/mod/queue')
    expect(guest.status).toBe(303)
    expect(guest.headers.location).toBe('/login?next=%2Fmod%2Fqueue')
    const member = await author.agent.get('/mod/queue')
    expect(member.status).toBe(403)
    expect(member.text).toContain('You cannot do that here')
    expect(member.text).not.toContain('href="/mod/queue"')
    expect((await author.agent.get(`/mod/items/${urgentItem}`)).status).toBe(403)
    expect((await author.agent.get('/mod/audit')).status).toBe(403)
  })

  it('queue → item → claim → check-in → approve → audit, accessible at every step', async () => {
    const ctx = await browser.newContext({ bypassCSP: true })
    try {
      const page = await logIn(ctx, srv.url, mod)
      await page.getByRole('link', { name: 'Moderation' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Review queue')
      await see(page.locator('.ahead')).toContainText('2 open items')
      const first = page.locator('.qitem').first()
      await see(first.locator('h3')).toContainText('Urgent crisis: Tonight')
      await see(first).toContainText('Not claimed')
      await see(first.locator('.evidence')).toContainText('pills')
      // The post's words stay folded until the moderator chooses to read them.
      const words = first.locator('.post-body')
      expect(await words.isVisible()).toBe(false)
      await check(page, 'queue')
      await first.getByText('Show post').click()
      await see(words).toBeVisible()
      await see(words).toContainText('saving my pills')
      await check(page, 'queue with a post shown')

      await first.getByRole('link', { name: /^Open item/ }).click()
      await see(page.getByRole('heading', { level: 1 })).toContainText('Urgent crisis')
      expect(await page.locator('.post-body').isVisible()).toBe(false)
      await check(page, 'item')

      await page.getByRole('button', { name: 'Claim this item' }).click()
      await see(page.getByRole('status')).toContainText('You claimed this item')
      await see(page.locator('.meta').first()).toContainText('Claimed by you')

      // An error re-renders the page with the message: removing needs a rule.
      await page.getByRole('button', { name: 'Remove post' }).click()
      await see(page.getByRole('alert')).toContainText('There is a problem')
      await see(page.getByRole('alert')).toContainText('Rule')
      await check(page, 'item with an error')

      await page.getByLabel('Message').fill('Hi, I read your post. I am here, and I would like to help you stay safe tonight.')
      await page.getByLabel(/Sign with my handle/).check()
      await page.getByRole('button', { name: 'Send check-in' }).click()
      await see(page.getByRole('status')).toContainText('check-in message is sent')
      await see(page.locator('.conversation')).toContainText('I would like to help you stay safe tonight')
      await see(page.locator('.conversation')).toContainText(`${mod.handle} (moderator, signed)`)
      await check(page, 'item with a conversation')

      await page.getByRole('button', { name: 'Approve post' }).click()
      await see(page.getByRole('status')).toContainText('Approved')
      await see(page.locator('.callout')).toContainText('resolved')

      await page.getByRole('link', { name: 'Audit log' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Audit log')
      const rows = page.locator('table.audit tbody')
      for (const step of ['Claimed', 'Sent a check-in', 'Approved', 'Resolved']) await see(rows).toContainText(step)
      await see(rows).toContainText(mod.handle)
      await see(rows).toContainText('Status: on show → Status: on show')
      await check(page, 'audit log')

      await page.getByLabel('Action').selectOption('check_in')
      await page.getByRole('button', { name: 'Filter' }).click()
      await see(page.locator('table.audit tbody tr')).toContainText('Sent a check-in')
      expect(await page.locator('table.audit tbody tr').count()).toBe(1)
      await check(page, 'audit log filtered')
    } finally {
      await ctx.close()
    }
  })

  it('claim and approve work with JavaScript turned off', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, mod)
      await page.goto(`${srv.url}/mod/queue?reason=concern`)
      const first = page.locator('.qitem').first()
      await see(first.locator('h3')).toContainText('Concern: Empty since she died')
      expect(await first.locator('.post-body').isVisible()).toBe(false)
      await first.getByText('Show post').click()
      await see(first.locator('.post-body')).toContainText('go to sleep')
      await page.goto(`${srv.url}/mod/items/${concernItem}`)
      await page.getByRole('button', { name: 'Claim this item' }).click()
      await see(page.getByRole('status')).toContainText('You claimed this item')
      await page.getByRole('button', { name: 'Approve post' }).click()
      await see(page.getByRole('status')).toContainText('Approved')
      const row = await srv.runtime.db.selectFrom('review_item').select(['status', 'resolution']).where('id', '=', concernItem).executeTakeFirstOrThrow()
      expect(row).toEqual({ status: 'resolved', resolution: 'approve' })
    } finally {
      await ctx.close()
    }
  })

  it("another moderator's claim is a 409 that re-renders the item with the message", async () => {
    const other = await buildMember(srv.runtime, { join: ['grief'] })
    await srv.runtime.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', other.id).execute()
    const { post } = await startThread(author, 'grief', { title: 'Again tonight', body: URGENT_POST })
    const id = await itemFor(post.id)
    await srv.runtime.db.updateTable('review_item').set({ claimed_by: other.id, claimed_at: Date.now() }).where('id', '=', id).execute()
    const agent = request.agent(srv.runtime.app)
    const login = await agent.get('/login')
    const token = () => /name="_csrf" value="([^"]+)"/.exec(login.text)![1]!
    expect((await agent.post('/login').type('form').send({ _csrf: token(), handle: mod.handle, password: mod.password })).status).toBe(303)
    const page = await agent.get(`/mod/items/${id}`)
    expect(page.text).toContain(`Claimed by ${other.handle}`)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!
    const res = await agent.post(`/mod/items/${id}/approve`).type('form').send({ _csrf: csrf })
    expect(res.status).toBe(409)
    expect(res.text).toContain('Another moderator is working on this item')
    expect(res.text).toContain('There is a problem')
  })
})
