import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, grantRole, reply, startThread, type Member } from '../support/app.ts'
import { closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

// Issue #19, time and phone: the browser's zone at sign-up, times in the member's zone, tap-to-call
// crisis lines (JavaScript off), tables that keep words whole at 375 px, and a header on one line
// at 1280 px for every role.
let browser: Browser
let srv: TestServer
let member: Member
let staff: Member

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  ;[member, staff] = await Promise.all([buildMember(srv.runtime, { join: ['grief'] }), buildMember(srv.runtime, { join: ['grief'] })])
  // Every role at once, the longest header: a site admin who leads and moderates, with unread notifications.
  await srv.runtime.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', staff.id).execute()
  await grantRole(srv.runtime, staff, 'grief', 'lead')
  const t = await startThread(staff, 'grief', { title: 'Welcome, everyone' })
  for (let i = 0; i < 12; i++) await reply(member, t.thread.id, `Reply ${i}`)
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('time and phone', () => {
  it("takes the browser's time zone at sign-up and shows times in it", async () => {
    const ctx = await browser.newContext({ timezoneId: 'Pacific/Auckland', bypassCSP: true })
    try {
      const page = await ctx.newPage()
      await page.goto(`${srv.url}/register`)
      const handle = `kiwi_${Date.now() % 100000}`
      await page.getByLabel('Handle').fill(handle)
      await page.getByLabel('Password').fill('a long enough password')
      await page.getByRole('button', { name: 'Create account' }).click()
      await see(page.getByRole('status')).toContainText('Welcome to Alongside')
      const row = await srv.runtime.db.selectFrom('user').select('time_zone').where('handle', '=', handle).executeTakeFirstOrThrow()
      expect(row.time_zone).toBe('Pacific/Auckland')
      await page.goto(`${srv.url}/settings`)
      await see(page.getByLabel('Show times in')).toHaveValue('Pacific/Auckland')
      await expectNoAxeViolations(page, 'settings with the time zone', [1280, 375])
      await page.goto(`${srv.url}/c/grief`)
      expect(await page.locator('time').first().getAttribute('title')).toMatch(/\(Pacific\/Auckland\)$/)
    } finally {
      await ctx.close()
    }
  })

  it('offers tap-to-call and tap-to-text on the crisis lines, JavaScript off', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await ctx.newPage()
      await page.goto(`${srv.url}/crisis`)
      expect(
        await page
          .getByRole('link', { name: /^Call 988/ })
          .first()
          .getAttribute('href'),
      ).toBe('tel:988')
      expect(
        await page
          .getByRole('link', { name: /^Text 988/ })
          .first()
          .getAttribute('href'),
      ).toBe('sms:988')
    } finally {
      await ctx.close()
    }
    const check = await browser.newContext({ bypassCSP: true })
    try {
      const page = await check.newPage()
      await page.goto(`${srv.url}/crisis`)
      await expectNoAxeViolations(page, 'crisis page with tap links', [1280, 375])
    } finally {
      await check.close()
    }
  })

  it('keeps every word of a table whole at 375 px, and the header on one line at 1280 px for every role', { timeout: 90_000 }, async () => {
    const ctx = await browser.newContext({ bypassCSP: true })
    try {
      const page = await logIn(ctx, srv.url, staff)
      await page.setViewportSize({ width: 375, height: 800 })
      for (const url of ['/c/grief/health', '/mod/audit', '/c/grief/lead/words']) {
        await page.goto(`${srv.url}${url}`)
        // Every word in every cell sits on one line (a word broken across lines has two boxes).
        const broken = await page.evaluate(() => {
          const out: string[] = []
          for (const cell of document.querySelectorAll('table th, table td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const text = n.textContent ?? ''
              for (const m of text.matchAll(/\S+/g)) {
                const r = document.createRange()
                r.setStart(n, m.index!)
                r.setEnd(n, m.index! + m[0].length)
                const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)))
                if (tops.size > 1) out.push(m[0])
              }
            }
          }
          return out
        })
        expect(broken, url).toEqual([])
      }
      await page.setViewportSize({ width: 1280, height: 800 })
      for (const who of [staff, member, undefined]) {
        const p = who === staff ? page : who ? await logIn(await browser.newContext(), srv.url, who) : await (await browser.newContext()).newPage()
        await p.setViewportSize({ width: 1280, height: 800 })
        await p.goto(`${srv.url}/`)
        const tops = await p.evaluate(() =>
          [...document.querySelectorAll('.site-header .bar > *, .site-header nav li')].map((e) =>
            Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2),
          ),
        )
        expect(new Set(tops).size, `header items of ${who?.handle ?? 'a guest'} on one line: ${tops.join(', ')}`).toBe(1)
        if (p !== page) await p.context().close()
      }
    } finally {
      await ctx.close()
    }
  })
})
