import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, startThread, type Member } from '../support/app.ts'
import { closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

// Issue #20's pages: the member's check-ins, the health page's outcome sections and the break
// suggestion, used with JavaScript off and checked with axe (which needs script, so it runs in a
// second context on the same server-rendered pages).

let browser: Browser
let srv: TestServer
let member: Member
let newcomer: Member
let lead: Member
let mod: Member
let itemId: number

async function check(page: Page, label: string, url?: string) {
  if (url) await page.goto(`${srv.url}${url}`)
  await expectNoAxeViolations(page, label)
}

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  const rt = srv.runtime
  ;[member, newcomer, lead, mod] = await Promise.all([
    buildMember(rt, { join: ['grief'] }),
    buildMember(rt, { join: ['grief'] }),
    buildMember(rt, { join: ['grief'] }),
    buildMember(rt, { join: ['grief'] }),
  ])
  await rt.db.updateTable('membership').set({ role: 'lead' }).where('user_id', '=', lead.id).execute()
  await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
  const { post } = await startThread(member, 'grief', { title: 'A hard week', body: 'Just writing it down helps a little.' })
  const community = (await rt.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()).id
  // Twelve other members' check-ins, so the lead's figures show; three urgent items the moderator closed this shift.
  const now = Date.now()
  for (let i = 0; i < 12; i++) {
    const m = await buildMember(rt, { join: ['grief'] })
    for (const k of [0, 1])
      await rt.db
        .insertInto('outcome_check_in')
        .values({ user_id: m.id, community_id: community, created_at: now - (k ? 60_000 : 3_600_000), wellbeing: 10 + i + k, loneliness: 5, hope: 4 + k })
        .execute()
  }
  for (let i = 0; i < 3; i++) {
    const t = await startThread(lead, 'grief', { title: `Urgent ${i}`, body: 'Words.' })
    const item = await rt.db
      .insertInto('review_item')
      .values({
        post_id: t.post.id,
        community_id: community,
        status: 'resolved',
        priority: 600,
        reason: 'urgent_crisis',
        created_at: now - 3_600_000,
        updated_at: now,
        claimed_by: null,
        claimed_at: null,
        escalated_at: null,
        resolved_by: mod.id,
        resolved_at: now - 60_000 * (i + 1),
        resolution: 'approve',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    itemId = item.id
  }
  expect(post.id).toBeGreaterThan(0)
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('outcome pages', () => {
  it('a member opts in, answers a check-in and asks for a moderator, all with JavaScript off', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await logIn(ctx, srv.url, member)
      await page.goto(`${srv.url}/settings`)
      await page.getByRole('link', { name: 'your check-ins' }).click()
      await page.getByLabel('Every 2 weeks').check()
      await page.getByRole('button', { name: 'Turn check-ins on' }).click()
      await see(page.getByRole('alert')).toContainText('There is a problem')
      await page.getByLabel('I have read this and want to turn check-ins on').check()
      await page.getByRole('button', { name: 'Turn check-ins on' }).click()
      await see(page.getByRole('status')).toContainText('Check-ins are on')
      await page.goto(`${srv.url}/`)
      await see(page.getByRole('complementary', { name: 'Check-in reminder' })).toContainText('Your check-in is ready')
      await page.getByRole('link', { name: 'Answer it' }).click()
      for (let i = 1; i <= 5; i++) await page.locator(`#who5_${i}-1`).check()
      for (let i = 1; i <= 3; i++) await page.locator(`#lonely_${i}-2`).check()
      await page.getByRole('button', { name: 'Save my check-in' }).click()
      await see(page.getByRole('alert')).toContainText('There is a problem')
      await page.locator('#hope-2').check()
      await page.getByLabel('Ask a moderator to check in with me', { exact: false }).check()
      await page.getByRole('button', { name: 'Save my check-in' }).click()
      await see(page.getByRole('status')).toContainText('a moderator will check in with you')
      await see(page.getByRole('heading', { name: 'Thank you for being honest about how things are' })).toBeVisible()
      await see(page.getByRole('img', { name: 'Your wellbeing (WHO-5, 0 to 100), per check-in' })).toBeVisible()
      const row = await srv.runtime.db.selectFrom('outcome_check_in').selectAll().where('user_id', '=', member.id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ wellbeing: 5, loneliness: 9, hope: 2 })
    } finally {
      await ctx.close()
    }
  }, 120_000)

  it('every outcome page passes axe, and the charts have text alternatives', async () => {
    const ctx = await browser.newContext({ bypassCSP: true })
    try {
      const page = await logIn(ctx, srv.url, member)
      await check(page, 'check-ins with a low score', '/me/check-ins')
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(1)
      for (const svg of await page.locator('svg[role="img"]').all()) expect(await svg.getAttribute('aria-labelledby')).toMatch(/-t .*-d$/)
      await check(page, 'check-in form', '/me/check-ins/new')
      await page.getByRole('button', { name: 'Save my check-in' }).click()
      await check(page, 'check-in form with errors')

      const fresh = await logIn(await browser.newContext({ bypassCSP: true }), srv.url, newcomer)
      await check(fresh, 'consent and opt-in', '/me/check-ins')

      const leadPage = await logIn(await browser.newContext({ bypassCSP: true }), srv.url, lead)
      await check(leadPage, 'health with outcomes', '/c/grief/health')
      await see(leadPage.locator('#wellbeing-cap')).toContainText('Median')
      await see(leadPage.getByRole('img', { name: /posted again 30 and 90 days/ })).toBeVisible()

      const modPage = await logIn(await browser.newContext({ bypassCSP: true }), srv.url, mod)
      await check(modPage, 'item with a break suggestion', `/mod/items/${itemId}`)
      await see(modPage.getByRole('heading', { name: 'Time for a break?' })).toBeVisible()
      await modPage.getByLabel('A note for the leads (optional)').fill('Three in a row tonight.')
      await modPage.getByRole('button', { name: 'Ask a lead for a debrief' }).click()
      await see(modPage.getByRole('status')).toContainText('Your note is with the community leads')
      await check(modPage, 'health as a moderator after a debrief')
    } finally {
      await ctx.close()
    }
  }, 180_000)
})
