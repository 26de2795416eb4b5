import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply, startThread, type Member } from '../support/app.ts'
import { ROOT, axeViolations, closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

const CRISIS_TEST_PHRASE = 'test-crisis-phrase'
// The committed README screenshots are refreshed with UPDATE_SCREENSHOTS=1; ordinary runs (and CI)
// still take every screenshot, into the git-ignored data/ folder, so a clean checkout stays clean.
const SHOTS = path.join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'data/screenshots')

let browser: Browser
let srv: TestServer
let alice: Member
let bob: Member
let carol: Member
let threadId: number
let firstPostId: number

beforeAll(async () => {
  const crisisOnCue = () => (text: string) => (text.includes(CRISIS_TEST_PHRASE) ? 'urgent' : 'none')
  ;({ browser, srv } = await startE2e({}, { crisisDetector: crisisOnCue }))
  const rt = srv.runtime
  alice = await buildMember(rt, { join: ['grief'] })
  bob = await buildMember(rt, { join: ['grief'] })
  // A lead, only for the screenshots of the lead pages (the lead pages' axe checks are in lead-pages.test.ts).
  carol = await buildMember(rt, { join: ['grief'] })
  await rt.db.updateTable('membership').set({ role: 'lead' }).where('user_id', '=', carol.id).execute()
  const t = await startThread(alice, 'grief', {
    title: 'Six months on, and the quiet is the hardest part',
    body: 'Dad died in March. I keep **reaching for the phone** to tell him things.\n\nDoes this ever get easier?',
    contentWarnings: ['death', 'substance_use'],
  })
  threadId = t.thread.id
  firstPostId = t.post.id
  await reply(bob, threadId, 'It does get *softer*, in my experience. Not smaller, but softer.\n\n- Writing him letters helped me\n- So did this group')
  await reply(bob, threadId, 'A harder part of my story, behind a warning.', { contentWarnings: ['violence'] })
  await reply(bob, threadId, 'And a plain reply with no warning at all.')
  await startThread(bob, 'grief', { title: 'Anniversary coming up next week' })
  await startThread(bob, 'grief', { title: 'What do you say when people ask how many children you have?' })
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

async function check(page: Page, url: string, label: string) {
  if (url) await page.goto(`${srv.url}${url}`)
  await expectNoAxeViolations(page, label)
}

describe('axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page type', { timeout: 120_000 }, () => {
  it('really runs: it reports a known violation on a broken page', async () => {
    const ctx = await browser.newContext({ bypassCSP: true })
    const page = await ctx.newPage()
    try {
      await page.setContent('<!doctype html><html lang="en"><title>x</title><main><img src="/x.png"><input type="text"></main></html>')
      const violations = await axeViolations(page)
      expect(violations.join('\n')).toMatch(/image-alt/)
      expect(violations.join('\n')).toMatch(/label/)
    } finally {
      await ctx.close()
    }
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`has zero violations for a guest (${scheme})`, async () => {
      const ctx = await browser.newContext({ bypassCSP: true, colorScheme: scheme })
      const page = await ctx.newPage()
      try {
        await check(page, '/', 'home (guest)')
        await check(page, '/about', 'about')
        await check(page, '/crisis', 'crisis support')
        await check(page, '/c/grief', 'community (guest)')
        await check(page, `/t/${threadId}`, 'thread (guest)')
        await check(page, '/login', 'log in')
        await page.getByRole('button', { name: 'Log in' }).click()
        await see(page.getByRole('alert')).toContainText('There is a problem')
        await check(page, '', 'log in with errors')
        await check(page, '/register', 'register')
        await page.getByLabel('Handle').fill('x')
        await page.getByRole('button', { name: 'Create account' }).click()
        await see(page.getByRole('alert')).toContainText('There is a problem')
        await check(page, '', 'register with errors')
        await check(page, '/no-such-page', 'not found')
      } finally {
        await ctx.close()
      }
    })

    it(`has zero violations for a member (${scheme})`, async () => {
      const ctx = await browser.newContext({ bypassCSP: true, colorScheme: scheme })
      try {
        const page = await logIn(ctx, srv.url, alice)
        await page.goto(`${srv.url}/settings`)
        await page.locator('#pref-violence-hidden').check()
        await page.getByRole('button', { name: 'Save preferences' }).click()
        await see(page.getByRole('status')).toContainText('preferences are saved')
        await check(page, '', 'reading preferences')
        await check(page, '/', 'home (member)')
        // After a crisis verdict on their post, the next page shows the community's crisis lines once.
        const community = await srv.runtime.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()
        await srv.runtime.db
          .insertInto('crisis_prompt')
          .values({ user_id: alice.id, community_id: community.id, post_id: firstPostId, created_at: Date.now() })
          .onConflict((oc) => oc.column('user_id').doNothing())
          .execute()
        await check(page, '/', 'home with the crisis lines after a crisis verdict')
        await see(
          page
            .getByRole('heading', { name: 'You don’t have to carry this alone' })
            .or(page.getByRole('heading', { name: "You don't have to carry this alone" })),
        ).toBeVisible()
        await check(page, '/c/grief', 'community (member)')
        await check(page, '/c/grief/crisis', 'community crisis support')
        await check(page, '/c/recovery/join', 'join with guidelines')
        await page.getByRole('button', { name: 'Join Addiction recovery' }).click()
        await check(page, '', 'join with an error')
        await check(page, `/t/${threadId}`, 'thread')
        await see(page.locator('.cw-hidden')).toContainText('hidden by your')
        await page.locator('details.cw summary').first().click()
        await check(page, '', 'thread with a warning opened')
        await check(page, `/t/${threadId}/reply`, 'reply form')
        await check(page, `/t/${threadId}/p/${firstPostId}/edit`, 'edit')
        await check(page, `/t/${threadId}/p/${firstPostId}/delete`, 'delete confirmation')
        await check(page, `/t/${threadId}/p/${firstPostId}/report`, 'report')
        await check(page, '/c/grief/new', 'new thread')
        await page.getByRole('button', { name: 'Post thread' }).click()
        await see(page.getByRole('alert')).toContainText('There is a problem')
        await check(page, '', 'new thread with errors')
        await page.getByLabel('Title').fill('Tonight')
        await page.getByLabel('What would you like to say?').fill(`I do not know how to keep going. ${CRISIS_TEST_PHRASE}`)
        await page.getByRole('button', { name: 'Preview' }).click()
        await see(page.getByRole('heading', { name: 'Before you post' })).toBeVisible()
        await check(page, '', 'new thread preview with the gentle check')
        await check(page, '/notifications', 'notifications')
        // An edit makes a history.
        await page.goto(`${srv.url}/t/${threadId}/p/${firstPostId}/edit`)
        await page.getByLabel('Your post').fill('Dad died in March. I keep reaching for the phone to tell him things. Does this ever get easier?')
        await page.getByRole('button', { name: 'Save changes' }).click()
        await check(page, `/t/${threadId}/p/${firstPostId}/history`, 'revision history')
      } finally {
        await ctx.close()
      }
    })
  }
})

describe('screenshots for the README', { timeout: 120_000 }, () => {
  it('saves the main pages at 1280 px and 375 px wide (docs/screenshots/ with UPDATE_SCREENSHOTS=1)', async () => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const sizes = [
      { name: 'desktop', viewport: { width: 1280, height: 860 } },
      { name: 'mobile', viewport: { width: 375, height: 740 } },
    ]
    for (const size of sizes) {
      const guest = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: 1 })
      const member = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: 1 })
      const leader = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: 1 })
      try {
        const g = await guest.newPage()
        await g.goto(`${srv.url}/`)
        await g.screenshot({ path: path.join(SHOTS, `home-${size.name}.png`) })
        await g.goto(`${srv.url}/about`)
        await g.screenshot({ path: path.join(SHOTS, `about-${size.name}.png`) })
        const m = await logIn(member, srv.url, bob)
        await m.goto(`${srv.url}/c/grief`)
        await m.screenshot({ path: path.join(SHOTS, `community-${size.name}.png`) })
        await m.goto(`${srv.url}/t/${threadId}`)
        await m.locator('details.cw summary').first().click()
        await see(m.locator('details.cw[open] > *:not(summary)')).toBeVisible()
        await m.screenshot({ path: path.join(SHOTS, `thread-${size.name}.png`) })
        await m.goto(`${srv.url}/c/grief/new`)
        await m.getByLabel('Title').fill('Tonight')
        await m.getByLabel('What would you like to say?').fill(`I do not know how to keep going. ${CRISIS_TEST_PHRASE}`)
        await m.getByRole('button', { name: 'Preview' }).click()
        await see(m.getByRole('heading', { name: 'Before you post' })).toBeVisible()
        await m.screenshot({ path: path.join(SHOTS, `gentle-check-${size.name}.png`) })
        await m.goto(`${srv.url}/settings`)
        await m.screenshot({ path: path.join(SHOTS, `reading-preferences-${size.name}.png`) })
        const l = await logIn(leader, srv.url, carol)
        await l.goto(`${srv.url}/c/grief/health`)
        await l.screenshot({ path: path.join(SHOTS, `health-dashboard-${size.name}.png`), fullPage: true })
        await l.goto(`${srv.url}/c/grief/lead/words`)
        await l.screenshot({ path: path.join(SHOTS, `lead-watched-words-${size.name}.png`) })
      } finally {
        await guest.close()
        await member.close()
        await leader.close()
      }
    }
    expect(fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(12)
  })
})
