import type { Browser, Page } from 'playwright-core'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply, startThread, type Member } from '../support/app.ts'
import { closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'

let browser: Browser
let srv: TestServer
let lead: Member
let member: Member
let newcomer: Member
let unansweredId: number

const tokenIn = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1]!

/** A page agent: signs in through the pages and keeps the cookies. */
async function pageAgent(m: Member) {
  const agent = request.agent(srv.runtime.app)
  const login = await agent.get('/login')
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: tokenIn(login.text), handle: m.handle, password: m.password })
  expect(res.status).toBe(303)
  return agent
}

async function check(page: Page, label: string, url?: string) {
  if (url) await page.goto(`${srv.url}${url}`)
  await expectNoAxeViolations(page, label)
}

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  const rt = srv.runtime
  ;[lead, member, newcomer] = await Promise.all([
    buildMember(rt, { join: ['grief'] }),
    buildMember(rt, { join: ['grief'] }),
    buildMember(rt, { join: ['grief'] }),
  ])
  await rt.db.updateTable('membership').set({ role: 'lead' }).where('user_id', '=', lead.id).execute()
  // A history for the dry run and the dashboard: two posts mention casseroles, one thread waits for a reply.
  const t = await startThread(member, 'grief', { title: 'Neighbours keep bringing food', body: 'Three casseroles this week. Kind, but I cannot eat.' })
  await reply(lead, t.thread.id, 'That is a lot of casserole. Freeze what you can.')
  const quiet = await startThread(member, 'grief', { title: 'First night alone in the house', body: 'It is so quiet here.' })
  unansweredId = quiet.thread.id
  // Two queue items: an urgent one resolved 7 minutes after it opened, and a spam hold still open.
  const community = await rt.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()
  const now = Date.now()
  await rt.db
    .insertInto('review_item')
    .values([
      {
        post_id: t.post.id,
        community_id: community.id,
        status: 'resolved',
        priority: 600,
        reason: 'urgent_crisis',
        created_at: now - 3_600_000,
        updated_at: now,
        claimed_by: null,
        claimed_at: null,
        escalated_at: null,
        resolved_by: lead.id,
        resolved_at: now - 3_600_000 + 7 * 60_000,
        resolution: 'approve',
      },
      {
        post_id: quiet.post.id,
        community_id: community.id,
        status: 'open',
        priority: 200,
        reason: 'spam',
        created_at: now - 600_000,
        updated_at: now,
        claimed_by: null,
        claimed_at: null,
        escalated_at: null,
        resolved_by: null,
        resolved_at: null,
        resolution: null,
      },
    ])
    .execute()
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('community lead pages', { timeout: 120_000 }, () => {
  it('guests sign in first; members who do not lead get a 403 page, and only moderators see the dashboard', async () => {
    const guest = await request(srv.runtime.app).get('/c/grief/lead')
    expect(guest.status).toBe(303)
    expect(guest.headers.location).toBe('/login?next=%2Fc%2Fgrief%2Flead')
    const agent = await pageAgent(member)
    for (const url of ['/c/grief/lead', '/c/grief/lead/words', '/c/grief/lead/settings', '/c/grief/health']) {
      const res = await agent.get(url)
      expect(res.status, url).toBe(403)
      expect(res.text).toContain('You cannot do that here')
    }
    // Writing is refused too, whatever the form says.
    const form = await agent.get('/settings')
    const res = await agent
      .post('/c/grief/lead/words')
      .type('form')
      .send({ _csrf: tokenIn(form.text), phrase: 'x', action: 'flag', do: 'save' })
    expect(res.status).toBe(403)
    expect(await srv.runtime.db.selectFrom('watched_word').select('id').execute()).toEqual([])
    // Members can read the guidelines' history.
    expect((await agent.get('/c/grief/guidelines/history')).status).toBe(200)
  })

  it('a lead changes the community through the pages, every page accessible, and it takes effect', async () => {
    const ctx = await browser.newContext({ bypassCSP: true })
    try {
      const page = await logIn(ctx, srv.url, lead)
      await page.getByRole('link', { name: 'Lead settings' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Lead settings for Grief and loss')
      await check(page, 'lead overview')

      // Watched words: a dry run first, then save.
      await page.getByRole('navigation', { name: 'Lead settings' }).getByRole('link', { name: 'Watched words' }).click()
      await check(page, 'watched words')
      await page.getByLabel('Word, phrase or pattern').fill('casserole')
      await page.getByLabel('Whole word only', { exact: false }).uncheck()
      await page.getByLabel('What happens').selectOption('block')
      await page.getByLabel('Message to the writer').fill('Please keep food talk to the recipes thread.')
      await page.getByRole('button', { name: 'Check against recent posts' }).click()
      await see(page.locator('.dry-run')).toContainText(/would have caught 2 of the last \d+ posts/)
      await see(page.locator('.dry-run .examples')).toContainText('Three casseroles this week')
      await see(page.getByLabel('Word, phrase or pattern')).toHaveValue('casserole')
      expect(await srv.runtime.db.selectFrom('watched_word').select('id').execute()).toEqual([])
      await check(page, 'watched words with a dry run')
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await see(page.getByRole('status')).toContainText('watched word is saved')
      await see(page.locator('table.data')).toContainText('casserole')
      await see(page.locator('table.data')).toContainText('Please keep food talk to the recipes thread.')

      // A pattern too large to run on every post is refused, with the reason, and the form keeps it.
      await page.getByLabel('Word, phrase or pattern').fill('a{0,1000}a{0,1000}x')
      await page.getByLabel('Regular expression').check()
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await see(page.getByRole('alert')).toContainText('too large to run on every post')
      await see(page.getByLabel('Word, phrase or pattern')).toHaveValue('a{0,1000}a{0,1000}x')
      await check(page, 'watched words with an unsafe pattern')
      expect((await srv.runtime.db.selectFrom('watched_word').select('phrase').execute()).map((w) => w.phrase)).toEqual(['casserole'])

      // The block takes effect: a post with it (in look-alike letters) is refused with the lead's message, the text kept.
      const agent = await pageAgent(member)
      const compose = await agent.get('/c/grief/new')
      const refused = await agent
        .post('/c/grief/new')
        .type('form')
        .send({ _csrf: tokenIn(compose.text), title: 'Dinner', body: 'Another c4sserole on the step today.', action: 'post' })
      expect(refused.status).toBe(422)
      expect(refused.text).toContain('Please keep food talk to the recipes thread.')
      expect(refused.text).toContain('Another c4sserole on the step today.')

      // Guidelines: a new version asks members to accept it before their next post.
      await check(page, 'guidelines', '/c/grief/lead/guidelines')
      await page.getByLabel('Guidelines (Markdown)').fill('# Be gentle\n\nWe share experience, not advice. No food talk outside the recipes thread.')
      await page.getByRole('button', { name: /^Publish version/ }).click()
      await see(page.getByRole('status')).toContainText('new guidelines are published')
      const next = await agent.get('/c/grief/new')
      expect(next.status).toBe(303)
      expect(next.headers.location).toBe('/c/grief/join')
      const join = await agent.get('/c/grief/join')
      expect(join.text).toContain('have changed since you last accepted them')
      expect(join.text).toContain('No food talk outside the recipes thread.')
      await check(page, 'guidelines history', '/c/grief/guidelines/history')
      await see(page.locator('.revision').first()).toContainText('(current)')

      // Rules: fill in a blank row to add one.
      await check(page, 'rules', '/c/grief/lead/rules')
      const before = (await srv.runtime.services.leads.rules({ actor: undefined } as never, 'grief')).length
      await page.locator(`#f-title_${before}`).fill('Recipes stay in their thread')
      await page.locator(`#f-body_${before}`).fill('Food talk goes in the recipes thread.')
      await page.getByRole('button', { name: 'Save rules' }).click()
      await see(page.getByRole('status')).toContainText('rules are saved')
      const rules = await srv.runtime.services.leads.rules({ actor: undefined } as never, 'grief')
      expect(rules.length).toBe(before + 1)
      expect(rules.at(-1)!.title).toBe('Recipes stay in their thread')

      // Safety settings.
      await check(page, 'safety settings', '/c/grief/lead/settings')
      await page.getByLabel('Hold a new member’s first posts').fill('2')
      await page.getByLabel('Who can read').selectOption('signed_in')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await see(page.getByRole('status')).toContainText('safety settings are saved')
      await see(page.getByLabel('Hold a new member’s first posts')).toHaveValue('2')
      expect((await request(srv.runtime.app).get('/c/grief')).text).toContain('Only members can read the threads')

      // Crisis resources and appointments.
      await check(page, 'crisis resources', '/c/grief/lead/crisis')
      await check(page, 'appointments', '/c/grief/lead/staff')
      await page.getByLabel('Handle', { exact: true }).fill(newcomer.handle)
      await page.getByLabel('Role', { exact: true }).selectOption('peer_supporter')
      await page.getByRole('button', { name: 'Appoint' }).click()
      await see(page.getByRole('status')).toContainText('appointment is saved')
      await see(page.locator('.staff')).toContainText(newcomer.handle)
      await check(page, 'appointments after appointing')

      // The dashboard.
      await page.getByRole('navigation', { name: 'Lead settings' }).getByRole('link', { name: 'Health dashboard' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Health of Grief and loss')
      await see(page.locator('.unanswered')).toContainText('First night alone in the house')
      expect(await page.locator(`.unanswered a[href="/t/${unansweredId}/reply"]`).count()).toBe(1)
      expect(await page.locator('svg[role="img"] title').count()).toBeGreaterThanOrEqual(4)
      await see(page.locator('#urgent-h + p')).toContainText('Median time to claim: 7 min')
      // The items were opened during this test: on the last day of the table, or the day before it
      // when the run crosses midnight UTC. Summed over the days, so the test holds either way.
      const daily = page.locator('table', { has: page.locator('caption', { hasText: 'opened and cleared per day' }) }).locator('tbody tr')
      const opened = await daily.evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')?.textContent ?? '0')))
      expect(opened.slice(-2).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1)
      await check(page, 'health dashboard')
      await page.emulateMedia({ colorScheme: 'dark' })
      await check(page, 'health dashboard (dark)')
      await check(page, 'watched words (dark)', '/c/grief/lead/words')
    } finally {
      await ctx.close()
    }
  })

  it('re-renders the rules and settings forms with the error and the input kept', async () => {
    const agent = await pageAgent(lead)
    const form = await agent.get('/c/grief/lead/settings')
    const res = await agent
      .post('/c/grief/lead/settings')
      .type('form')
      .send({
        _csrf: tokenIn(form.text),
        warningCategories: ['', 'death'],
        spamHoldThreshold: '1.5',
        newMemberHoldPosts: '2',
        newMemberHoldDays: '0',
        linksMinAccountDays: '',
        reportHideThreshold: '3',
        crisisEscalationMinutes: '10',
        visibility: 'public',
      })
    expect(res.status).toBe(400)
    expect(res.text).toContain('There is a problem')
    expect(res.text).toContain('Spam hold threshold: must be between 0 and 1')
    expect(res.text).toContain('Allow links from accounts older than (days): must be a number')
    expect(res.text).toContain('value="1.5"')
    const rules = await agent.get('/c/grief/lead/rules')
    const bad = await agent
      .post('/c/grief/lead/rules')
      .type('form')
      .send({ _csrf: tokenIn(rules.text), rows: '2', title_0: '', body_0: 'An explanation without a title', title_1: '', body_1: '' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('href="#f-title_0"')
    expect(bad.text).toContain('An explanation without a title')
  })
})
