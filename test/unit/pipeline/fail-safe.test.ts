import { describe, expect, it, vi } from 'vitest'

// Each stage throws on a marker word, so the test can break one stage at a time.
vi.mock('../../../workers/pipeline/detectors/crisis.ts', async (orig) => {
  const real = await orig<typeof import('../../../workers/pipeline/detectors/crisis.ts')>()
  return {
    ...real,
    detectCrisis: (n: Parameters<typeof real.detectCrisis>[0]) => {
      if (n.text.includes('break-crisis')) throw new Error('lexicon exploded')
      return real.detectCrisis(n)
    },
  }
})
vi.mock('../../../workers/pipeline/detectors/spam.ts', async (orig) => {
  const real = await orig<typeof import('../../../workers/pipeline/detectors/spam.ts')>()
  return {
    ...real,
    detectSpam: (...args: Parameters<typeof real.detectSpam>) => {
      if (args[0].text.includes('break-spam')) throw new Error('spam model exploded')
      return real.detectSpam(...args)
    },
  }
})

const { scan } = await import('../../../workers/pipeline/scan.ts')
const { defaultSafetySettings } = await import('../../../workers/pipeline/types.ts')
const { signalsFor } = await import('../../../server/safety/apply-verdict.ts')
const { crisisLevelOf } = await import('../../../server/services/precheck.ts')

const settings = defaultSafetySettings()
const job = (verdict: ReturnType<typeof scan>) => ({ postId: 7, revision: 1, verdict, enqueuedAt: 0, scannedAt: 0 })

describe('a safety stage that throws never reads as "nothing found"', () => {
  it('a failed crisis stage reads as concern, says why, and the other stages still run', () => {
    const v = scan({ text: 'break-crisis call me on 07700 900123', settings })
    expect(v.crisis.level).toBe('concern')
    expect(v.crisis.evidence[0]!.reason).toMatch(/crisis check failed/)
    expect(v.failed).toEqual([{ stage: 'crisis', message: 'lexicon exploded' }])
    expect(v.contact.found).toBe(true)
  })

  it('a failed stage opens a review item at concern priority, without a crisis signal to the author', () => {
    const v = scan({ text: 'break-spam thanks everyone for the kind words today', settings })
    expect(v.failed).toEqual([{ stage: 'spam', message: 'spam model exploded' }])
    expect(v.crisis.level).toBe('none')
    const signals = signalsFor(job(v), [])
    expect(signals.map((s) => s.signal.kind)).toEqual(['scan_failed'])
    expect(signals[0]!.priority).toBe(500)
    expect(signals[0]!.signal.reason).toContain('spam')
  })

  it('an ordinary post carries no failure', () => {
    expect(scan({ text: "I won't be reading email until Sunday night or so.", settings }).failed).toBeUndefined()
  })

  it('the pre-post check reads a failure as concern and logs it, with ids and never the text', async () => {
    const error = vi.fn()
    const deps = {
      detectCrisis: () => {
        throw new Error('thread gone')
      },
      logger: { error } as unknown as Parameters<typeof crisisLevelOf>[0]['logger'],
    }
    expect(await crisisLevelOf(deps, 'anything', { purpose: 'precheck', community: 'grief' })).toBe('concern')
    expect(error).toHaveBeenCalledWith({ purpose: 'precheck', community: 'grief', err: { message: 'thread gone' } }, expect.stringMatching(/read as concern/))
  })
})
