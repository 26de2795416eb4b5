import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply, startThread, type Member } from '../support/app.ts'
import { axeReader, closeE2e, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

// Issue #19, reading, in Chromium with JavaScript off: landing on a post in its place, "new since
// your last visit", quoting, revealing one hidden post, "this helped me"; axe at 1280 and 375 px.
let browser: Browser
let srv: TestServer
let alice: Member
let bob: Member
let threadId: number
let hardId: number

let axe: ReturnType<typeof axeReader>

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  axe = axeReader(browser, srv.url)
  ;[alice, bob] = await Promise.all([buildMember(srv.runtime, { join: ['grief'] }), buildMember(srv.runtime, { join: ['grief'] })])
  const t = await startThread(alice, 'grief', { title: 'Evenings are the hardest', body: 'The evenings drag.\n\nWhat do you do with them?' })
  threadId = t.thread.id
  for (let i = 1; i <= 24; i++) await reply(alice, threadId, `Evening thought ${i}`)
  hardId = (await reply(alice, threadId, 'A part of the story that is hard to read.', { contentWarnings: ['violence'] })).body.post.id
})
afterAll(async () => {
  await axe?.close()
  await closeE2e(browser, srv)
})

describe('reading a thread, JavaScript off', () => {
  it('marks what is new, quotes, lands on the reply in its place, marks a reply helpful and reveals one hidden post', { timeout: 120_000 }, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, bob)
      await page.goto(`${srv.url}/t/${threadId}`)
      // Alice writes while Bob is away.
      await reply(alice, threadId, 'Something new since Bob was here')
      await page.goto(`${srv.url}/c/grief`)
      await see(page.getByRole('link', { name: 'Evenings are the hardest' }).locator('xpath=..').locator('.tag.new')).toContainText('new since your last visit')
      await page.getByRole('link', { name: 'Evenings are the hardest' }).click()
      await see(page.locator('.new-since')).toContainText('since your last visit')
      // New again, for axe to read both pages with their markers (its visit reads the thread).
      await reply(alice, threadId, 'And one more')
      await axe.check(bob, `${srv.url}/c/grief`, 'thread list with new markers')
      await axe.check(bob, `${srv.url}/t/${threadId}`, 'thread page with new marker')

      // Quote the first post: the composer opens with it quoted; posting lands on the reply in its place.
      await page
        .getByRole('link', { name: `Quote post by ${alice.handle}` })
        .first()
        .click()
      await see(page.getByLabel('Your reply')).toHaveValue(/^.+ wrote:\n\n> The evenings drag\.\n>\n> What do you do with them\?/)
      await axe.check(bob, page.url(), 'composer with a quote')
      await page.getByLabel('Your reply').fill(`${await page.getByLabel('Your reply').inputValue()}I walk, even when I do not want to.`)
      await page.getByRole('button', { name: 'Post reply' }).click()
      await see(page.getByRole('status')).toContainText('Your reply is posted.')
      const url = new URL(page.url())
      expect(url.searchParams.get('cursor')).toBeTruthy()
      const mine = page.locator(url.hash)
      await see(mine).toContainText('I walk, even when I do not want to.')
      expect(await page.locator('article.post').count()).toBeGreaterThan(1)
      expect(await mine.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true)

      // "This helped me" on one of Alice's replies.
      await page.goto(`${srv.url}/t/${threadId}`)
      await page.locator(`a[href$="/helpful"]`, { hasText: 'This helped me' }).first().click()
      await axe.check(bob, page.url(), 'this helped me page')
      await page.getByRole('button', { name: 'This helped me' }).click()
      await see(page.getByRole('status')).toContainText('never who')

      // Hide violence, then reveal the one post once.
      await page.goto(`${srv.url}/settings`)
      await page.locator('#pref-violence-hidden').check()
      await page.getByRole('button', { name: 'Save preferences' }).click()
      await page.goto(`${srv.url}/t/${threadId}/p/${hardId}`)
      const hard = page.locator(`#post-${hardId}`)
      await see(hard).toContainText('hidden by your reading preferences')
      await hard.getByRole('link', { name: /Show this post once/ }).click()
      await see(page.locator(`#post-${hardId} .post-body`)).toBeVisible()
      await axe.check(bob, page.url(), 'thread page with a revealed post')
      await page.goto(`${srv.url}/t/${threadId}/p/${hardId}`)
      await see(page.locator(`#post-${hardId}`)).toContainText('hidden by your reading preferences')
    } finally {
      await ctx.close()
    }
  })

  it('shows the writer, and only the writer, how many it helped', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, alice)
      await page.goto(`${srv.url}/t/${threadId}`)
      await see(page.locator('.helped')).toContainText('One person said this helped them. Only you can see this.')
      await axe.check(alice, page.url(), "writer's thread page with a helped count")
    } finally {
      await ctx.close()
    }
  })
})
