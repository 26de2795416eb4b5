// Issue 21: searching from the header of any page, with JavaScript off, at a laptop's and a
// phone's width; the results page passes axe, and warnings stay collapsed.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, grantRole, reply, startThread, type Member } from '../support/app.ts'
import { axeViolations, closeE2e, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

let browser: Browser
let srv: TestServer
let lead: Member

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  lead = await buildMember(srv.runtime, { join: ['grief'] })
  // A lead and moderator has the longest header: every link a member can have.
  await grantRole(srv.runtime, lead, 'grief', 'lead')
  const author = await buildMember(srv.runtime, { join: ['grief'] })
  const { thread } = await startThread(author, 'grief', { title: 'Lanterns on the anniversary', body: 'We lit lanterns by the river <b>for him</b>.' })
  await reply(author, thread.id, 'The lanterns were the hardest part.', { contentWarnings: ['death'] })
}, 30_000)
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('searching from the header, JavaScript off', () => {
  for (const size of [
    { name: 'desktop', viewport: { width: 1280, height: 860 } },
    { name: 'mobile', viewport: { width: 375, height: 740 } },
  ]) {
    it(`${size.name}: header box, results, collapsed warnings, axe`, async () => {
      const ctx = await browser.newContext({ viewport: size.viewport, javaScriptEnabled: false, bypassCSP: true })
      try {
        const page = await logIn(ctx, srv.url, lead)
        await page.goto(`${srv.url}/c/grief`)
        const header = page.locator('header.site-header')
        if (size.name === 'desktop') {
          // One line: the brand, the box, the crisis link and the last link share a row.
          const tops = await Promise.all(
            ['.brand', '.header-search', '.crisis-link', 'nav li:last-child'].map(async (s) => (await header.locator(s).boundingBox())!),
          )
          for (const b of tops) expect(Math.abs(b.y + b.height / 2 - (tops[0]!.y + tops[0]!.height / 2)), JSON.stringify(tops)).toBeLessThan(8)
        }
        await header.getByRole('searchbox', { name: 'Search posts' }).fill('lanterns')
        await header.getByRole('button', { name: 'Search' }).click()
        await see(page.locator('h1')).toContainText('Search')
        expect(new URL(page.url()).pathname).toBe('/search')
        const results = page.locator('.results .result')
        await see(results.first()).toContainText('Lanterns on the anniversary')
        expect(await results.count()).toBe(2)
        // The member's markup is text; only our <mark> is markup.
        expect(await page.locator('.snippet b').count()).toBe(0)
        expect(await page.locator('.snippet mark').first().textContent()).toMatch(/lanterns/i)
        // The reply with a warning is collapsed behind it.
        const warned = results.filter({ hasText: 'Content warning: death' })
        expect(await warned.locator('.snippet').isVisible()).toBe(false)
        await warned.getByText('Show excerpt').click()
        expect(await warned.locator('.snippet').isVisible()).toBe(true)
        // The query stays in the header box.
        expect(await header.getByRole('searchbox').inputValue()).toBe('lanterns')
        // axe runs as a script, so it checks the same server-rendered pages in a context that runs one.
        const axeCtx = await browser.newContext({ viewport: size.viewport, bypassCSP: true })
        try {
          const axePage = await logIn(axeCtx, srv.url, lead)
          for (const url of [page.url(), `${srv.url}/search?q=nothingmatchesthis`, `${srv.url}/search?q=${'x'.repeat(300)}`]) {
            await axePage.goto(url)
            expect(await axeViolations(axePage), url).toEqual([])
          }
          await see(axePage.locator('main')).toContainText('at most 200 characters')
        } finally {
          await axeCtx.close()
        }
        await page.goto(`${srv.url}/search?q=nothingmatchesthis`)
        await see(page.locator('main')).toContainText('Nothing found for')
      } finally {
        await ctx.close()
      }
    }, 90_000)
  }
})
