import { expect } from 'vitest'
import { see } from '../support/browser.ts'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { uniqueHandle } from '../support/app.ts'

export const PASSWORD = 'a long enough password'

export async function register(page: Page, base: string, handle: string) {
  await page.goto(`${base}/register`)
  await page.getByLabel('Handle').fill(handle)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL(`${base}/`)
  await see(page.getByRole('status')).toContainText('Welcome to Alongside')
  await see(page.getByRole('button', { name: `Log out ${handle}` })).toBeVisible()
}

export async function joinGrief(page: Page) {
  await page.getByRole('link', { name: 'Grief and loss' }).click()
  await page.getByRole('link', { name: 'Join Grief and loss' }).click()
  await see(page.getByRole('heading', { level: 1 })).toHaveText('Join Grief and loss')
  await page.getByLabel('I have read these guidelines and rules and I will follow them').check()
  await page.getByRole('button', { name: 'Join Grief and loss' }).click()
  await see(page.getByRole('status')).toContainText('You joined the community')
}

/**
 * The member journey of issue 3, driven like a person would: register, join, start a thread with a
 * content warning, a second member replies, the first sees the notification, reads the reply, edits.
 */
export async function memberJourney(browser: Browser, base: string, contextOptions: BrowserContextOptions, label: string) {
  const title = `The first winter without her (${label})`
  const alice = uniqueHandle('alice')
  const bob = uniqueHandle('bob')
  const aliceCtx = await browser.newContext(contextOptions)
  const bobCtx = await browser.newContext(contextOptions)
  const offOrigin: string[] = []
  for (const ctx of [aliceCtx, bobCtx]) {
    await ctx.route('**/*', (route) => {
      const u = route.request().url()
      if (!u.startsWith(base)) {
        offOrigin.push(u)
        return route.abort()
      }
      return route.continue()
    })
  }
  try {
    const a = await aliceCtx.newPage()
    await register(a, base, alice)
    await joinGrief(a)

    // Start a thread with a content warning, previewing first.
    await a.getByRole('link', { name: 'Start a thread' }).click()
    await a.getByLabel('Title').fill(title)
    await a.getByLabel('What would you like to say?').fill('It has been **three months** since Mum died by suicide.')
    await a.getByLabel('suicide').check()
    await a.getByRole('button', { name: 'Preview' }).click()
    await see(a.getByRole('region', { name: 'Preview' })).toContainText('three months')
    await see(a.getByLabel('Title')).toHaveValue(title)
    await see(a.getByLabel('suicide')).toBeChecked()
    await a.getByRole('button', { name: 'Post thread' }).click()
    await see(a.getByRole('status')).toContainText('Your thread is posted')
    await see(a.getByRole('heading', { level: 1 })).toHaveText(title)
    const threadUrl = a.url()
    const cw = a.locator('details.cw').first()
    await see(cw.locator('summary')).toContainText(/^Content warning: (.*, )?suicide(, .*)?\. Show post$/)
    await see(cw.locator('.post-body')).toBeHidden()
    await cw.locator('summary').click()
    await see(cw.locator('.post-body')).toBeVisible()

    // A second member replies.
    const b = await bobCtx.newPage()
    await register(b, base, bob)
    await joinGrief(b)
    await b.getByRole('link', { name: title }).click()
    await b.locator('details.cw summary').first().click()
    await b.getByLabel('Your reply').fill('I am so sorry. The first winter was the hardest for me too.')
    await b.getByRole('button', { name: 'Post reply' }).click()
    await see(b.getByRole('status')).toContainText('Your reply is posted')
    await see(b.locator('article.post.own')).toContainText('The first winter was the hardest')

    // The first member sees the notification and reads the reply.
    await a.goto(threadUrl)
    const notifLink = a.getByRole('link', { name: /Notifications 1 unread/ })
    await see(notifLink).toBeVisible()
    await notifLink.click()
    await see(a.getByRole('heading', { level: 1 })).toHaveText('Notifications')
    await see(a.locator('.notifications li').first()).toContainText(`${bob} replied to your thread “${title}”`)
    await see(a.getByRole('link', { name: /Notifications/ })).notToContainText('unread')
    await a.getByRole('link', { name: new RegExp(`${bob} replied`) }).click()
    await see(a.locator('article.post', { hasText: 'The first winter was the hardest' })).toBeVisible()
    await see(a.getByRole('heading', { level: 2, name: bob })).toBeVisible()
    await see(a.getByRole('link', { name: `Report post by ${bob}` })).toBeVisible()

    // Edit her own post; the history becomes visible to her.
    await a.goto(threadUrl)
    await a.locator('details.cw summary').first().click()
    await a.getByRole('link', { name: 'Edit your post' }).click()
    const body = a.getByLabel('Your post')
    await see(body).toHaveValue(/three months/)
    await body.fill('It has been three months since Mum died by suicide. Writing this helped a little.')
    await a.getByRole('button', { name: 'Save changes' }).click()
    await see(a.getByRole('status')).toContainText('Your changes are saved')
    const own = a.locator('article.post.own').first()
    await own.locator('summary').click()
    await see(own).toContainText('Writing this helped a little')
    await see(own).toContainText('(edited)')
    await own.getByRole('link', { name: 'History of your post' }).click()
    await see(a.getByRole('heading', { level: 2, name: /Version 1/ })).toBeVisible()
    await see(a.locator('.revisions')).toContainText('Writing this helped a little')

    expect(offOrigin).toEqual([])
  } finally {
    await aliceCtx.close()
    await bobCtx.close()
  }
}
