// The embedded pipeline scans on a worker thread (server/safety/scan-thread.ts). Its verdicts must
// be exactly scan()'s, and a scan it holds when it stops must still be done.
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { createScanThread, type ScanThread } from '../../server/safety/scan-thread.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings, type ScanInput } from '../../workers/pipeline/types.ts'
import { CALM_POST, CONCERN_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'

const settings = defaultSafetySettings()
const inputs: ScanInput[] = [URGENT_POST, CALM_POST, SPAM_POST, CONCERN_POST].map((text, i) => ({
  text,
  settings,
  author: { accountAgeDays: i, postCount: i, recentTexts: i === 2 ? [SPAM_POST] : [] },
}))

describe('scan thread', { timeout: 30_000 }, () => {
  let thread: ScanThread
  afterEach(async () => {
    await thread.close()
  })

  it('returns exactly what scan() returns, in order, from the thread', async () => {
    thread = createScanThread(createLogger('silent'))
    const out = await thread.scan(inputs)
    expect(out).toEqual(inputs.map((input) => ({ verdict: scan(input) })))
    expect(out.map((o) => 'verdict' in o && o.verdict.crisis.level)).toEqual(['urgent', 'none', 'none', 'concern'])
    expect(thread.counts).toEqual({ thread: 4, here: 0 })
    // Batches in flight together come back to their own callers.
    const [a, b] = await Promise.all([thread.scan([inputs[0]!]), thread.scan([inputs[1]!, inputs[3]!])])
    expect(a).toEqual([{ verdict: scan(inputs[0]!) }])
    expect(b).toEqual([{ verdict: scan(inputs[1]!) }, { verdict: scan(inputs[3]!) }])
  })

  it('a scan that throws is an outcome, not a lost batch', async () => {
    thread = createScanThread(createLogger('silent'))
    const bad = { ...inputs[1]!, text: undefined as unknown as string }
    const out = await thread.scan([inputs[0]!, bad, inputs[1]!])
    expect(out[0]).toEqual({ verdict: scan(inputs[0]!) })
    expect(out[1]).toMatchObject({ error: expect.any(String) })
    expect(out[2]).toEqual({ verdict: scan(inputs[1]!) })
  })

  it('what the thread holds when it stops is scanned on the event loop instead', async () => {
    thread = createScanThread(createLogger('silent'))
    const many = Array.from({ length: 200 }, (_, i) => inputs[i % inputs.length]!)
    const inFlight = thread.scan(many)
    await thread.close()
    const out = await inFlight
    expect(out).toHaveLength(200)
    expect(out.every((o) => 'verdict' in o)).toBe(true)
    expect(thread.counts.here).toBe(200)
    // After close, scans still happen, here.
    expect(await thread.scan([inputs[0]!])).toEqual([{ verdict: scan(inputs[0]!) }])
  })

  it('a batch that outlasts the timeout comes back as errors, to be sent again, and is never scanned on the event loop', async () => {
    // 1 ms: less than the thread takes to start, as a hung thread would be.
    thread = createScanThread(createLogger('silent'), { timeoutMs: 1 })
    const out = await thread.scan(inputs)
    expect(out).toEqual(inputs.map(() => ({ error: 'scan timed out after 1 ms' })))
    expect(thread.counts).toEqual({ thread: 0, here: 0 })
  })
})
