import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply, startThread, type Member } from '../support/app.ts'
import { axeViolationsAsServed, closeE2e, see, signIn, startE2e, type TestServer } from '../support/browser.ts'
import { TestSmtp } from '../support/smtp.ts'

// The mail pages (issue #18) as a person uses them with JavaScript off, at a desktop and a phone
// width: password reset, address confirmation, the one-click unsubscribe page, the member's e-mail
// settings and a moderator's duty and rota. Every page on the way passes axe (WCAG 2.2 AA).

let browser: Browser
let srv: TestServer
let smtp: TestSmtp

const SIZES = [
  { name: '1280 px', viewport: { width: 1280, height: 860 } },
  { name: '375 px', viewport: { width: 375, height: 740 } },
]

beforeAll(async () => {
  smtp = await TestSmtp.start()
  ;({ browser, srv } = await startE2e({ SMTP_URL: smtp.url, RATE_LIMIT_PASSWORD_RESETS_PER_HOUR: '1000' }))
})
afterAll(async () => {
  await closeE2e(browser, srv)
  await smtp?.stop()
})

/** A member with a confirmed account address. */
async function memberWithAddress(address: string, join: string[] = ['grief']) {
  const m = await buildMember(srv.runtime, { join })
  await srv.runtime.db.updateTable('user').set({ email: address, email_verified_at: Date.now() }).where('id', '=', m.id).execute()
  return m
}

// A page journey with a browser on a shared two-core machine: more than the default 30 s at times.
const JOURNEY_MS = 90_000

const pathIn = (text: string, prefix: string) => new RegExp(`(${prefix}[A-Za-z0-9_-]+)`).exec(text)?.[1]

describe.each(SIZES)('mail pages with JavaScript off at $name', ({ name, viewport }) => {
  let ctx: BrowserContext
  let axeCtx: BrowserContext
  let page: Page
  let axePage: Page
  const tag = name.replace(' px', '')

  beforeAll(async () => {
    ;[ctx, axeCtx] = await Promise.all([browser.newContext({ javaScriptEnabled: false, viewport }), browser.newContext({ bypassCSP: true, viewport })])
    ;[page, axePage] = await Promise.all([ctx.newPage(), axeCtx.newPage()])
  })
  afterAll(async () => {
    await Promise.all([ctx?.close(), axeCtx?.close()])
  })

  /** axe on exactly what the JavaScript-off browser was served. */
  async function check(label: string) {
    const violations = await axeViolationsAsServed(page, axePage)
    if (violations.length > 0) console.error(`axe violations on ${label} (${name}):\n${violations.join('\n')}`)
    expect(violations, `${label} (${name})`).toEqual([])
  }

  async function logIn(m: Member, password = m.password) {
    await ctx.clearCookies()
    await signIn(page, srv.url, { handle: m.handle, password })
  }

  it('the axe check sees what the JavaScript-off page holds: it reports a known violation', async () => {
    await page.route(`${srv.url}/axe-sanity`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>x</title><main><input type="text"></main></html>' }),
    )
    await page.goto(`${srv.url}/axe-sanity`)
    expect((await axeViolationsAsServed(page, axePage)).join('\n')).toMatch(/label/)
    await page.unroute(`${srv.url}/axe-sanity`)
  })

  it(
    'password reset: ask for a link, choose a new password from the mail, log in with it',
    async () => {
      const address = `reset-${tag}@example.test`
      const m = await memberWithAddress(address)
      await ctx.clearCookies()
      await page.goto(`${srv.url}/login`)
      await page.getByRole('link', { name: 'Forgot your password?' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password')
      await check('reset request')
      await page.getByRole('button', { name: 'Send the link' }).click()
      await see(page.getByRole('alert')).toContainText('Email is required')
      await check('reset request with errors')
      await page.getByLabel('Email').fill(address)
      await page.getByRole('button', { name: 'Send the link' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Check your e-mail')
      await check('reset requested')

      const mail = await smtp.waitFor('reset mail', (x) => x.to.includes(address))
      await page.goto(`${srv.url}${pathIn(mail.text, '/reset/')}`)
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password')
      await check('reset form')
      await page.getByLabel('New password').fill('short')
      await page.getByRole('button', { name: 'Save the new password' }).click()
      await see(page.getByRole('alert')).toContainText('There is a problem')
      await check('reset form with errors')
      await page.getByLabel('New password').fill('a brand new long password')
      await page.getByRole('button', { name: 'Save the new password' }).click()
      await see(page.getByRole('status')).toContainText('Your new password is saved')
      await logIn(m, 'a brand new long password')

      // The link works once.
      await page.goto(`${srv.url}${pathIn(mail.text, '/reset/')}`)
      await see(page.getByRole('heading', { level: 1 })).toHaveText('This link has expired')
      await check('used reset link')
    },
    JOURNEY_MS,
  )

  it(
    'e-mail settings: change the address and confirm it from the mail',
    async () => {
      const m = await memberWithAddress(`old-${tag}@example.test`)
      await logIn(m)
      await page.goto(`${srv.url}/settings/email`)
      await see(page.getByRole('heading', { level: 1 })).toHaveText('E-mail and account')
      await check('e-mail settings')

      const fresh = `new-${tag}@example.test`
      await page.getByLabel('New e-mail address').fill(fresh)
      await page.locator('form[action="/settings/email/address"]').getByLabel('Current password').fill(m.password)
      await page.getByRole('button', { name: 'Change address' }).click()
      await see(page.getByRole('status')).toContainText('We sent a link to the address')
      const mail = await smtp.waitFor('confirmation mail', (x) => x.to.includes(fresh))
      await page.goto(`${srv.url}${pathIn(mail.text, '/verify-email/')}`)
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your e-mail address')
      await check('address confirmation')
      await page.getByRole('button', { name: 'Confirm address' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Address confirmed')
      await check('address confirmed')
      await page.getByRole('link', { name: 'E-mail settings' }).click()
      await see(page.locator('#h-address + p')).toContainText(`Your address is ${fresh} (confirmed)`)
    },
    JOURNEY_MS,
  )

  it(
    'e-mail settings: a refused form keeps the ticked choices; saved preferences show as saved',
    async () => {
      const m = await memberWithAddress(`prefs-${tag}@example.test`)
      await logIn(m)
      await page.goto(`${srv.url}/settings/email`)
      await page.getByLabel('someone replies to my thread or answers my post').check()
      await page.getByLabel('Once a week').check()
      await page.getByLabel('From (HH:MM)').first().fill('25:00')
      await page.getByRole('button', { name: 'Save mail preferences' }).click()
      await see(page.getByRole('alert')).toContainText('Quiet hours need HH:MM times')
      await check('e-mail settings with errors')
      expect(await page.getByLabel('someone replies to my thread or answers my post').isChecked()).toBe(true)
      expect(await page.getByLabel('Once a week').isChecked()).toBe(true)
      await page.getByLabel('From (HH:MM)').first().fill('22:00')
      await page.getByLabel('Until (HH:MM)').first().fill('07:00')
      await page.getByLabel('Time zone').first().fill('Europe/London')
      await page.getByRole('button', { name: 'Save mail preferences' }).click()
      await see(page.getByRole('status')).toContainText('Your mail preferences are saved')
      await check('e-mail settings saved')
      expect(await page.getByLabel('someone replies to my thread or answers my post').isChecked()).toBe(true)
      expect(await page.getByLabel('Once a week').isChecked()).toBe(true)
    },
    JOURNEY_MS,
  )

  it(
    'one-click unsubscribe: the link in a reply mail opens a page that stops those mails without signing in',
    async () => {
      const address = `unsub-${tag}@example.test`
      const m = await memberWithAddress(address)
      await m.agent.put('/api/v1/me/email-preferences').set('X-CSRF-Token', m.csrf).send({ replies: true, checkIns: false, digest: 'off' })
      const { thread } = await startThread(m, 'grief', { title: 'Sundays are long', body: 'The afternoons most of all.' })
      const other = await buildMember(srv.runtime, { join: ['grief'] })
      expect((await reply(other, thread.id, 'Mine too. I walk now, whatever the weather.')).status).toBe(201)
      const mail = await smtp.waitFor('reply mail', (x) => x.to.includes(address))
      const url = TestSmtp.header(mail, 'List-Unsubscribe')!.replace(/^<|>$/g, '')

      await ctx.clearCookies()
      await page.goto(`${srv.url}${new URL(url).pathname}`)
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Stop these e-mails')
      await check('unsubscribe')
      await page.getByRole('button', { name: 'Unsubscribe' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribed')
      await check('unsubscribed')
      const prefs = await m.agent.get('/api/v1/me/email-preferences')
      expect(prefs.body.preferences.replies).toBe(false)
    },
    JOURNEY_MS,
  )

  it(
    'duty and rota: a moderator goes on duty with an alert address and a rota, with an error first',
    async () => {
      const mod = await memberWithAddress(`mod-${tag}@example.test`)
      await srv.runtime.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', '=', mod.id).execute()
      await logIn(mod)
      await page.goto(`${srv.url}/settings/email`)
      await see(page.getByRole('heading', { name: 'On duty for urgent alerts' })).toBeVisible()
      await check('duty settings (off duty)')

      const duty = page.locator('form[action="/settings/duty"]')
      await duty.getByLabel('I am on duty').check()
      const alerts = `alerts-${tag}@example.test`
      await duty.getByLabel('Alert address (optional)').fill(alerts)
      for (const day of ['Monday', 'Tuesday', 'Friday']) await duty.getByLabel(day).check()
      await duty.getByLabel('From (HH:MM)').fill('9am')
      await duty.getByLabel('Until (HH:MM)').fill('17:00')
      await duty.getByLabel('Time zone').fill('Europe/London')
      await duty.getByRole('button', { name: 'Save duty' }).click()
      await see(page.getByRole('alert')).toContainText('Rota needs HH:MM times')
      await check('duty settings with errors')
      expect(await duty.getByLabel('I am on duty').isChecked()).toBe(true)
      expect(await duty.getByLabel('Tuesday').isChecked()).toBe(true)

      await duty.getByLabel('From (HH:MM)').fill('09:00')
      await duty.getByRole('button', { name: 'Save duty' }).click()
      await see(page.getByRole('status')).toContainText('Your duty settings are saved')
      await check('duty settings saved')
      await see(page.locator('#h-duty + p')).toContainText(`Alerts go to ${alerts} (waiting for you to open the link we sent)`)
      expect(await duty.getByLabel('Friday').isChecked()).toBe(true)
      expect(await duty.getByLabel('Saturday').isChecked()).toBe(false)

      const mail = await smtp.waitFor('alert address confirmation', (x) => x.to.includes(alerts))
      await page.goto(`${srv.url}${pathIn(mail.text, '/verify-email/')}`)
      await page.getByRole('button', { name: 'Confirm address' }).click()
      await see(page.getByRole('heading', { level: 1 })).toHaveText('Address confirmed')
      await page.goto(`${srv.url}/settings/email`)
      await see(page.locator('#h-duty + p')).toContainText(`Alerts go to ${alerts} (confirmed)`)
      await check('duty settings confirmed')
    },
    JOURNEY_MS,
  )
})
