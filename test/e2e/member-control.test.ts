import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, joinCommunity, reply, startThread, type Member } from '../support/app.ts'
import { axeReader, closeE2e, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

// Issue #19, keeping away from someone and choosing what notifies, in Chromium with JavaScript
// off; axe (which needs JavaScript) reads the same pages in a second context at 1280 and 375 px.
let browser: Browser
let srv: TestServer
let alice: Member
let bob: Member
let threadId: number

let axe: ReturnType<typeof axeReader>

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  axe = axeReader(browser, srv.url)
  ;[alice, bob] = await Promise.all([buildMember(srv.runtime, { join: ['grief'] }), buildMember(srv.runtime, { join: ['grief'] })])
  threadId = (await startThread(bob, 'grief', { title: 'Sundays', body: 'Sundays are long.' })).thread.id
  await reply(alice, threadId, 'Mine too, every week.')
})
afterAll(async () => {
  await axe?.close()
  await closeE2e(browser, srv)
})

describe('blocking, JavaScript off', () => {
  it("blocks from a post, folds the member's posts, opens one, and unblocks", { timeout: 90_000 }, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, bob)
      await page.goto(`${srv.url}/t/${threadId}`)
      await page.getByRole('link', { name: `Block ${alice.handle}` }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText(`Block ${alice.handle}?`)
      await axe.check(bob, page.url(), 'block page')
      await page.getByRole('button', { name: `Block ${alice.handle}` }).click()
      await see(page.getByRole('status')).toContainText('They are not told.')
      await see(page.locator('ul.blocks')).toContainText(alice.handle)
      await axe.check(bob, page.url(), 'members you blocked')

      await page.goto(`${srv.url}/t/${threadId}`)
      const folded = page.locator('article.blocked')
      await see(folded.locator('summary')).toContainText('You blocked this member.')
      expect(await folded.locator('.post-body').isVisible()).toBe(false)
      await folded.getByText('Show post').click()
      await see(folded.locator('.post-body')).toContainText('Mine too, every week.')
      await axe.check(bob, `${srv.url}/t/${threadId}`, 'thread with a folded post')

      await page.goto(`${srv.url}/settings/blocks`)
      await page.getByRole('button', { name: `Unblock ${alice.handle}` }).click()
      await see(page.getByRole('status')).toContainText('Unblocked.')
      await page.goto(`${srv.url}/t/${threadId}`)
      expect(await page.locator('article.blocked').count()).toBe(0)
    } finally {
      await ctx.close()
    }
  })
})

describe('follow and mute, JavaScript off', () => {
  it('follows and mutes a thread and mutes a community', { timeout: 90_000 }, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, alice)
      await page.goto(`${srv.url}/t/${threadId}`)
      await page.getByRole('button', { name: 'Follow this thread' }).click()
      await see(page.getByRole('status')).toContainText('every reply will notify you')
      await see(page.locator('section.watch')).toContainText('You are following this thread')
      await axe.check(alice, `${srv.url}/t/${threadId}`, 'thread page, following')
      await reply(bob, threadId, 'Bob again')
      await page.goto(`${srv.url}/notifications`)
      await see(page.locator('.notifications')).toContainText('a thread you follow')

      await page.goto(`${srv.url}/t/${threadId}`)
      await page.getByRole('button', { name: 'Mute this thread' }).click()
      await see(page.locator('section.watch')).toContainText('You muted this thread')

      await page.goto(`${srv.url}/c/grief`)
      await page.getByRole('button', { name: 'Mute notifications from this community' }).click()
      await see(page.getByRole('status')).toContainText('will not notify you')
      await axe.check(alice, `${srv.url}/c/grief`, 'community page, muted')
      await page.getByRole('button', { name: 'Unmute notifications' }).click()
      await see(page.getByRole('status')).toContainText('as usual again')
    } finally {
      await ctx.close()
    }
  })
})

describe('the report form, JavaScript off', () => {
  it('cites the guidelines members accepted', { timeout: 60_000 }, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, alice)
      const thread = await srv.runtime.db.selectFrom('thread').select('first_post_id').where('id', '=', threadId).executeTakeFirstOrThrow()
      const url = `${srv.url}/t/${threadId}/p/${thread.first_post_id}/report`
      await page.goto(url)
      await page.getByText(/The guidelines members of .+ accepted/).click()
      await see(page.locator('details.guidelines .prose')).toBeVisible()
      await axe.check(alice, url, 'report form with the guidelines')
    } finally {
      await ctx.close()
    }
  })
})

describe('the composer, JavaScript off', () => {
  it("offers only the community's warning categories", { timeout: 60_000 }, async () => {
    await srv.runtime.db
      .updateTable('community')
      .set({ settings: JSON.stringify({ warningCategories: ['self_harm', 'substance_use'] }) })
      .where('slug', '=', 'recovery')
      .execute()
    await joinCommunity(alice, 'recovery')
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, alice)
      await page.goto(`${srv.url}/c/recovery/new`)
      const boxes = page.locator('fieldset.warnings input[type=checkbox]')
      expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['self_harm', 'substance_use'])
      await axe.check(alice, `${srv.url}/c/recovery/new`, 'composer with two warning categories')
    } finally {
      await ctx.close()
    }
  })
})
