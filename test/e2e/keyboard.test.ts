import type { Browser, Page } from 'playwright-core'
import { noCrisisDetector } from '../../server/services/precheck.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply } from '../support/app.ts'
import { closeE2e, see, startE2e, type TestServer } from '../support/browser.ts'
import { uniqueHandle } from '../support/app.ts'
import { PASSWORD } from './journey-steps.ts'

let browser: Browser
let srv: TestServer

beforeAll(async () => {
  // The journey is about the pages, not the detector: the gentle check has its own tests.
  ;({ browser, srv } = await startE2e({}, { crisisDetector: () => noCrisisDetector }))
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

/** Presses Tab until the focused element's accessible text contains `name` (and matches `selector`, if given). */
async function tabTo(page: Page, name: string, selector = '*', max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const hit = await page.evaluate(
      ([sel, want]) => {
        const el = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }
        if (!el || el === document.body || !el.matches(sel!)) return false
        const label = el.labels && el.labels.length > 0 ? el.labels[0]!.textContent : el.textContent
        return (label ?? '').replace(/\s+/g, ' ').trim().includes(want!)
      },
      [selector, name],
    )
    if (hit) return
  }
  throw new Error(`Could not reach "${name}" (${selector}) with the Tab key`)
}

/** Presses a key that should navigate, and waits for the new page. */
async function pressAndLoad(page: Page, key: 'Enter' | 'Space') {
  const nav = page.waitForNavigation()
  await page.keyboard.press(key)
  await nav
}

describe('keyboard only', () => {
  it('the whole journey works with Tab, Enter and Space alone', async () => {
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    const handle = uniqueHandle('keys')
    try {
      await page.goto(`${srv.url}/register`)
      await tabTo(page, 'Handle', 'input')
      await page.keyboard.type(handle)
      await tabTo(page, 'Password', 'input')
      await page.keyboard.type(PASSWORD)
      await tabTo(page, 'Create account', 'button')
      await pressAndLoad(page, 'Enter')
      await see(page.getByRole('status')).toContainText('Welcome to Alongside')

      // The skip link is the first stop on every page.
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')

      await tabTo(page, 'Grief and loss', 'a')
      await pressAndLoad(page, 'Enter')
      await tabTo(page, 'Join Grief and loss', 'a')
      await pressAndLoad(page, 'Enter')
      await tabTo(page, 'I have read these guidelines', 'input')
      await page.keyboard.press('Space')
      await tabTo(page, 'Join Grief and loss', 'button')
      await pressAndLoad(page, 'Space')
      await see(page.getByRole('status')).toContainText('You joined the community')

      await tabTo(page, 'Start a thread', 'a')
      await pressAndLoad(page, 'Enter')
      await tabTo(page, 'Title', 'input')
      await page.keyboard.type('Typed without a mouse')
      await tabTo(page, 'What would you like to say?', 'textarea')
      // Calm words on purpose: this test is about the keyboard, not about what the safety pipeline flags.
      await page.keyboard.type('Trying the forum with the keyboard only today.')
      await tabTo(page, 'substance use', 'input')
      await page.keyboard.press('Space')
      await tabTo(page, 'Post thread', 'button')
      await pressAndLoad(page, 'Enter')
      await see(page.getByRole('status')).toContainText('Your thread is posted')
      const threadId = Number(new URL(page.url()).pathname.split('/')[2])

      // The content warning opens from the keyboard.
      await tabTo(page, 'Content warning: substance use', 'summary')
      await page.keyboard.press('Enter')
      await see(page.locator('details.cw .post-body')).toBeVisible()

      // Someone replies (through the API: this test is about the first member's keyboard).
      const bob = await buildMember(srv.runtime, { join: ['grief'] })
      const res = await reply(bob, threadId, 'Thinking of you today.')
      expect(res.status).toBe(201)

      await page.reload()
      await tabTo(page, 'Notifications 1 unread', 'a')
      await pressAndLoad(page, 'Enter')
      await tabTo(page, `${bob.handle} replied to your thread`, 'a')
      await pressAndLoad(page, 'Enter')
      await see(page.locator('article.post', { hasText: 'Thinking of you today.' })).toBeVisible()

      // The notification lands on the reply in its place: the first post is on the same page.
      await see(page.locator('article.post', { hasText: 'Trying the forum with the keyboard only today.' })).toBeVisible()
      await tabTo(page, 'Edit your post', 'a')
      await pressAndLoad(page, 'Enter')
      await tabTo(page, 'Your post', 'textarea')
      await page.keyboard.press('End')
      await page.keyboard.type(' Thank you for reading.')
      await tabTo(page, 'Save changes', 'button')
      await pressAndLoad(page, 'Enter')
      await see(page.getByRole('status')).toContainText('Your changes are saved')
      await see(page.locator('article.post.own')).toContainText('Thank you for reading.')
    } finally {
      await ctx.close()
    }
  })

  it('a form sent with problems opens with focus on the list of them; Tab goes to the first', async () => {
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    try {
      await page.goto(`${srv.url}/register`)
      await tabTo(page, 'Create account', 'button')
      await pressAndLoad(page, 'Enter')
      // The browser applies autofocus at its next rendering step after the page loads, not at once.
      await page.waitForFunction(() => document.activeElement?.className === 'error-summary', undefined, { timeout: 5000 })
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary')
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#f-handle')
    } finally {
      await ctx.close()
    }
  })
})
