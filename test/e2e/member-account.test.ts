// Issue 19: a member's account and data, driven as a person would with JavaScript off, at 1280
// and 375 px, with axe on each page and state: download the data, then delete the account.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMember, reply, startThread, type Member } from '../support/app.ts'
import { closeE2e, expectNoAxeViolations, logIn, see, startE2e, type TestServer } from '../support/browser.ts'
import { unzip } from '../support/zip.ts'
import { PASSWORD } from './journey-steps.ts'

let browser: Browser
let srv: TestServer
let reader: Member

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 860 } },
  { name: 'mobile', viewport: { width: 375, height: 740 } },
]

/** Fits its viewport (nothing sideways at 375 px); axe too where scripts run (axe is one). */
async function check(page: Page, label: string, axe = false) {
  if (axe) await expectNoAxeViolations(page, label)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `${label}: horizontal overflow`).toBeLessThanOrEqual(0)
}

beforeAll(async () => {
  ;({ browser, srv } = await startE2e())
  reader = await buildMember(srv.runtime, { join: ['grief'] })
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('your account and data, with JavaScript off', () => {
  for (const size of SIZES) {
    it(`downloads the data, then deletes the account (${size.name})`, async () => {
      const leaving = await buildMember(srv.runtime, { join: ['grief'] })
      const { thread } = await startThread(leaving, 'grief', { title: `Words I may take back (${size.name})`, body: 'What I needed to say.' })
      await reply(reader, thread.id, 'Thank you for saying it.')
      const ctx = await browser.newContext({ viewport: size.viewport, javaScriptEnabled: false, bypassCSP: true, acceptDownloads: true })
      try {
        const page = await logIn(ctx, srv.url, leaving)
        await page.getByRole('link', { name: 'Settings' }).click()
        await page.getByRole('link', { name: 'your account and data' }).click()
        await see(page.getByRole('heading', { level: 1 })).toHaveText('Your account and data')
        await check(page, `account page (${size.name})`)

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()])
        expect(download.suggestedFilename()).toMatch(new RegExp(`^alongside-${leaving.handle}-.*\\.zip$`))
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'alongside-export-')), 'export.zip')
        await download.saveAs(file)
        const files = await unzip(fs.readFileSync(file))
        expect(JSON.parse(files.get('posts.json')!)[0]).toMatchObject({ body: 'What I needed to say.', threadTitle: `Words I may take back (${size.name})` })

        // A wrong password: the error is announced and the choice kept; nothing is deleted.
        await page.getByLabel('Keep my posts, under “a former member”').check()
        await page.getByLabel('Your password').fill('not my password')
        await page.getByRole('button', { name: 'Delete my account' }).click()
        await see(page.getByRole('alert')).toContainText('There is a problem')
        await see(page.getByLabel('Keep my posts, under “a former member”')).toBeChecked()
        await check(page, `account page with an error (${size.name})`)

        await page.getByLabel('Your password').fill(PASSWORD)
        await page.getByRole('button', { name: 'Delete my account' }).click()
        await see(page.getByRole('status')).toContainText('Your account is deleted')
        await see(page.getByRole('link', { name: 'Log in' })).toBeVisible()
        await check(page, `home after deleting (${size.name})`)

        // Another member reads the thread: the words stay, the name does not.
        const other = await logIn(await browser.newContext({ viewport: size.viewport, javaScriptEnabled: false }), srv.url, reader)
        await other.goto(`${srv.url}/t/${thread.id}`)
        await see(other.getByRole('main')).toContainText('What I needed to say.')
        await see(other.getByRole('main')).toContainText('a former member')
        expect(await other.content()).not.toContain(leaving.handle)
        await other.context().close()
      } finally {
        await ctx.close()
      }
    }, 120_000)

    it(`passes axe on every state of the page (${size.name})`, async () => {
      const m = await buildMember(srv.runtime, { join: ['grief'] })
      await startThread(m, 'grief', { title: `My story so far (${size.name})` })
      const ctx = await browser.newContext({ viewport: size.viewport, bypassCSP: true })
      try {
        const page = await logIn(ctx, srv.url, m)
        await page.goto(`${srv.url}/settings/account`)
        // Two other devices: the API agent buildMember signed in, and the browser itself.
        await see(page.getByRole('button', { name: 'Sign out everywhere else' })).toBeVisible()
        await see(page.locator('.sessions')).toContainText('This device')
        await check(page, `account page (${size.name})`, true)
        await page.getByLabel('Sign me out when I have not used Alongside for a while').selectOption('60')
        await page.getByLabel('Members only').check()
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await see(page.getByRole('status')).toContainText('Your settings are saved')
        await check(page, `account page saved (${size.name})`, true)
        await page.getByRole('button', { name: 'Sign out everywhere else' }).click()
        await see(page.getByRole('status')).toContainText('signed out everywhere else')
        await see(page.getByRole('main')).toContainText('You are signed in on this device only.')
        expect((await m.agent.get('/api/v1/me')).status).toBe(401)
        await check(page, `account page, one device (${size.name})`, true)
        await page.getByRole('button', { name: 'Delete my account' }).click()
        await see(page.getByRole('alert')).toContainText('There is a problem')
        await check(page, `account page with errors (${size.name})`, true)
        await page.goto(`${srv.url}/about`)
        await check(page, `about (${size.name})`, true)
        // A profile with a badge and posts, as another member reads it.
        await srv.runtime.db.updateTable('membership').set({ role: 'peer_supporter' }).where('user_id', '=', m.id).execute()
        const readerPage = await logIn(await browser.newContext({ viewport: size.viewport, bypassCSP: true }), srv.url, reader)
        await readerPage.goto(`${srv.url}/u/${m.handle}`)
        await see(readerPage.getByRole('heading', { level: 1 })).toHaveText(m.handle)
        await see(readerPage.getByRole('main')).toContainText('Trained peer supporter')
        await see(readerPage.getByRole('link', { name: `My story so far (${size.name})` })).toBeVisible()
        await check(readerPage, `profile (${size.name})`, true)
        await readerPage.context().close()
        // As a lead: open the community to search engines, then close it again.
        await srv.runtime.db.updateTable('membership').set({ role: 'lead' }).where('user_id', '=', m.id).execute()
        await page.goto(`${srv.url}/c/grief/lead`)
        await page.getByRole('button', { name: 'Let search engines list its threads' }).click()
        await see(page.getByRole('status')).toContainText('search engine setting is saved')
        await check(page, `lead overview, indexed (${size.name})`, true)
        await page.getByRole('button', { name: 'Keep search engines out' }).click()
        await see(page.getByRole('status')).toContainText('search engine setting is saved')
      } finally {
        await ctx.close()
      }
    }, 120_000)
  }
})
