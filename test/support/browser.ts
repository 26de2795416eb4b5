import fs from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from './app.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
export const ROOT = path.resolve(here, '../..')
export const CHROMIUM = '/usr/bin/chromium'
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js')

/** Debian's Chromium, headless. A missing browser fails the suite: the test command installs it (scripts/ensure-test-deps.sh). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it with: apt-get install -y chromium (npm run test:all does this).`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface TestServer {
  runtime: Runtime
  server: Server
  url: string
  close(): Promise<void>
}

/** One server per test file, on a free port of the loopback interface. */
export async function startServer(overrides: Record<string, string> = {}, opts: Parameters<typeof startTestRuntime>[1] = {}): Promise<TestServer> {
  const runtime = await startTestRuntime(overrides, opts)
  const server = runtime.app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    runtime,
    server,
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.close()
    },
  }
}

/** An e2e file's Chromium and server, started side by side (in its beforeAll). */
export async function startE2e(overrides: Record<string, string> = {}, opts: Parameters<typeof startTestRuntime>[1] = {}) {
  const [browser, srv] = await Promise.all([launchBrowser(), startServer(overrides, opts)])
  return { browser, srv }
}

/** Ends what startE2e started (in afterAll); either may be missing when the start failed. */
export async function closeE2e(browser: Browser | undefined, srv: TestServer | undefined): Promise<void> {
  await Promise.allSettled([browser?.close(), srv?.close()])
}

/** Signs in through the login page in `page` and waits for the confirmation. */
export async function signIn(page: Page, baseUrl: string, m: { handle: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Handle').fill(m.handle)
  await page.getByLabel('Password').fill(m.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await see(page.getByRole('status')).toContainText('You are logged in')
}

/** A new page of `ctx`, signed in as `m`. */
export async function logIn(ctx: BrowserContext, baseUrl: string, m: { handle: string; password: string }): Promise<Page> {
  const page = await ctx.newPage()
  await signIn(page, baseUrl, m)
  return page
}

/** Fails the test with axe's findings on `page` as it stands, or at each of `widths` (900 px high). */
export async function expectNoAxeViolations(page: Page, label: string, widths?: readonly number[]): Promise<void> {
  for (const width of widths ?? [undefined]) {
    if (width !== undefined) await page.setViewportSize({ width, height: 900 })
    const at = width === undefined ? label : `${label} at ${width}px`
    const violations = await axeViolations(page)
    if (violations.length > 0) console.error(`axe violations on ${at}:\n${violations.join('\n')}`)
    expect(violations, at).toEqual([])
  }
}

/**
 * axe for flows that run with JavaScript off (axe is a script): each member's pages are read again
 * in one context of theirs with JavaScript on, kept for the file; close() in afterAll.
 */
export function axeReader(browser: Browser, baseUrl: string, widths: readonly number[] = [1280, 375]) {
  const pages = new Map<string, Page>()
  return {
    async check(m: { handle: string; password: string }, url: string, label: string) {
      let page = pages.get(m.handle)
      if (!page) {
        page = await logIn(await browser.newContext({ bypassCSP: true }), baseUrl, m)
        pages.set(m.handle, page)
      }
      await page.goto(url)
      await expectNoAxeViolations(page, label, widths)
    },
    async close() {
      await Promise.all([...pages.values()].map((p) => p.context().close()))
    },
  }
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string; html: string }[]
}

/** Runs axe-core in the page (its context must have bypassCSP: the script is injected). Returns a readable list of violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  // After a click that submits a form, wait for the new page: axe must not run on a page being replaced.
  await page.waitForLoadState('load')
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }))
  }, AXE_TAGS)
  const node = (n: AxeViolation['nodes'][number]) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n      ${n.failureSummary ?? ''}`
  return (violations as AxeViolation[]).map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map(node).join('\n')}`)
}

/**
 * axe for a page opened with JavaScript off, where axe itself cannot run (its timers never fire):
 * the exact document that page holds is served, at its own address, to `axePage` (a context with
 * JavaScript and bypassCSP, at the same viewport), and axe runs there. Styles and images load
 * from the server as they did for the first page.
 */
export async function axeViolationsAsServed(page: Page, axePage: Page): Promise<string[]> {
  await page.waitForLoadState('load')
  const url = page.url()
  const body = await page.content()
  await axePage.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }), { times: 1 })
  await axePage.goto(url)
  return axeViolations(axePage)
}

type Locator = ReturnType<Page['locator']>

async function poll(what: string, check: () => Promise<boolean>, describe: () => Promise<string>, timeout = 5000) {
  const end = Date.now() + timeout
  for (;;) {
    try {
      if (await check()) return
    } catch {
      // not there yet
    }
    if (Date.now() > end) throw new Error(`Expected ${what}; got ${await describe().catch((e) => String(e))}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const matches = (actual: string, want: string | RegExp) => (typeof want === 'string' ? actual.includes(want) : want.test(actual))
const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

/** The few retrying assertions the e2e tests need (playwright-core ships no `expect`). */
export function see(loc: Locator) {
  const first = loc.first()
  const text = async () => norm(await first.textContent({ timeout: 500 }))
  return {
    toContainText: (want: string | RegExp) => poll(`text containing ${want}`, async () => matches(await text(), want), text),
    toHaveText: (want: string) => poll(`text "${want}"`, async () => (await text()) === want, text),
    toBeVisible: () =>
      poll(
        `${loc} to be visible`,
        () => first.isVisible(),
        async () => 'not visible',
      ),
    toBeHidden: () =>
      poll(
        `${loc} to be hidden`,
        () => first.isHidden(),
        async () => 'visible',
      ),
    toHaveValue: (want: string | RegExp) =>
      poll(
        `value ${want}`,
        async () => matches(await first.inputValue({ timeout: 500 }), want),
        () => first.inputValue({ timeout: 500 }),
      ),
    toBeChecked: () =>
      poll(
        `${loc} to be checked`,
        () => first.isChecked({ timeout: 500 }),
        async () => 'unchecked',
      ),
    notToContainText: (want: string | RegExp) => poll(`text without ${want}`, async () => !matches(await text(), want), text),
  }
}
