import type { Browser } from 'playwright-core'
import { noCrisisDetector } from '../../server/services/precheck.ts'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { closeE2e, startE2e, type TestServer } from '../support/browser.ts'
import { memberJourney } from './journey-steps.ts'

let browser: Browser
let srv: TestServer

beforeAll(async () => {
  // The journey is about the pages, not the detector: the gentle check has its own tests.
  ;({ browser, srv } = await startE2e({}, { crisisDetector: () => noCrisisDetector }))
})
afterAll(async () => {
  await closeE2e(browser, srv)
})

describe('the member journey in headless Chromium', () => {
  it('registers, joins, starts a thread with a content warning, gets a reply, sees the notification, reads it and edits a post', async () => {
    await memberJourney(browser, srv.url, {}, 'with JavaScript')
  })

  it('works the same with JavaScript disabled in the browser', async () => {
    await memberJourney(browser, srv.url, { javaScriptEnabled: false }, 'no JavaScript')
  })
})
