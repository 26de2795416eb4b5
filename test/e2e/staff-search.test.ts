// Issue 21: a moderator searches reports and the audit log from the moderation pages, with
// JavaScript off, at a laptop's and a phone's width; the form and its results pass axe.
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startThread, type Member } from '../support/app.ts'
import { axeViolationsAsServed, launchBrowser, see, startServer, type TestServer } from '../support/browser.ts'

let browser: Browser
let srv: TestServer
let mod: Member
let reporter: Member

beforeAll(async () => {
  ;[browser, srv] = await Promise.all([launchBrowser(), startServer()])
  const rt = srv.runtime
  mod = await buildMember(rt, { join: ['grief', 'recovery'] })
  // Two communities: the filter has a real choice to make.
  await grantRole(rt, mod, 'grief', 'moderator')
  await grantRole(rt, mod, 'recovery', 'lead')
  const author = await buildMember(rt, { join: ['grief'] })
  reporter = await buildMember(rt, { join: ['grief'] })
  const { thread } = await startThread(author, 'grief', { title: 'Lanterns on the anniversary', body: 'We lit lanterns by the river.' })
  const r = await reply(author, thread.id, 'Lanterns for sale at my shop.')
  const postId = r.body.post.id as number
  const rep = await reporter.agent.post(`/api/v1/posts/${postId}/reports`).set(csrf(reporter)).send({ reason: 'spam', note: 'lantern shop <i>again</i>' })
  expect(rep.status).toBe(201)
  const item = await queueItemFor(mod, postId)
  const hide = await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'hide', note: 'lantern shop link' })
  expect(hide.status).toBe(200)
}, 30_000)
afterAll(async () => {
  await Promise.allSettled([browser?.close(), srv?.close()])
})

async function logIn(ctx: BrowserContext, m: Member) {
  const page = await ctx.newPage()
  await page.goto(`${srv.url}/login`)
  await page.getByLabel('Handle').fill(m.handle)
  await page.getByLabel('Password').fill(m.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await see(page.getByRole('status')).toContainText('You are logged in')
  return page
}

describe('staff search, JavaScript off', () => {
  for (const size of [
    { name: 'desktop', viewport: { width: 1280, height: 860 } },
    { name: 'mobile', viewport: { width: 375, height: 740 } },
  ]) {
    it(`${size.name}: from the queue, reports then audit entries, axe on every page`, async () => {
      const ctx = await browser.newContext({ viewport: size.viewport, javaScriptEnabled: false })
      // axe runs as a script: it checks the very documents the JavaScript-off page received.
      const axeCtx = await browser.newContext({ viewport: size.viewport, bypassCSP: true })
      try {
        const page = await logIn(ctx, mod)
        const axePage = await logIn(axeCtx, mod)
        const axe = async (label: string) => expect(await axeViolationsAsServed(page, axePage), label).toEqual([])

        await page.goto(`${srv.url}/mod/queue`)
        await page.getByRole('navigation', { name: 'Moderation' }).getByRole('link', { name: 'Search reports and log' }).click()
        await see(page.getByRole('heading', { level: 1 })).toHaveText('Search reports and the audit log')
        await axe('empty form')

        // Reports, in one community, by words of the note.
        await page.getByLabel('Search for').fill('lantern shop')
        expect(await page.getByLabel('Reports').isChecked()).toBe(true)
        await page.getByLabel('Community').selectOption('grief')
        await page.getByRole('main').getByRole('button', { name: 'Search' }).click()
        const results = page.locator('.results .result')
        await see(results.first()).toContainText('Spam or advertising')
        expect(await results.count()).toBe(1)
        await see(results.first()).toContainText(`reported by ${reporter.handle}`)
        // The reporter's markup is text.
        await see(results.first()).toContainText('lantern shop <i>again</i>')
        expect(new URL(page.url()).searchParams.get('community')).toBe('grief')
        await axe('report results')

        // The same words in the audit log; the choice and the words stay in the form.
        await page.getByLabel('Audit log entries').check()
        await page.getByRole('main').getByRole('button', { name: 'Search' }).click()
        await see(results.first()).toContainText(`${mod.handle} hid`)
        await see(page.getByLabel('Search for')).toHaveValue('lantern shop')
        await see(page.getByLabel('Audit log entries')).toBeChecked()
        await axe('audit results')

        // Its place in the log, then nothing found.
        await results
          .first()
          .getByRole('link', { name: /This entry in the audit log/ })
          .click()
        await see(page.getByRole('heading', { level: 1 })).toHaveText('Audit log')
        await see(page.locator('table.audit tbody tr').first()).toContainText('lantern shop link')
        await page.goto(`${srv.url}/mod/search?q=nothingmatchesthis&kind=reports`)
        await see(page.locator('main')).toContainText('No reports match nothingmatchesthis')
        await axe('no results')
      } finally {
        await Promise.allSettled([ctx.close(), axeCtx.close()])
      }
    }, 90_000)
  }
})
