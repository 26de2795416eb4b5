import type { CrisisResource } from './communities.ts'
import type { ServiceDeps } from './context.ts'

export interface PrecheckResult {
  crisis: 'none' | 'concern' | 'urgent'
  resources: CrisisResource[]
}

/**
 * The gentle check before posting: runs the crisis detector on a draft. It never
 * blocks a post; the page offers the crisis resources and a "ask a moderator to check in" choice.
 * Wired to the safety pipeline's detector by the pipeline (see setCrisisDetector).
 */
let detectCrisis: (text: string) => PrecheckResult['crisis'] | Promise<PrecheckResult['crisis']> = () => 'none'
let reportFailure: (err: unknown, context: PrecheckContext) => void = () => {}

/** Who asked, for the log line when the check fails (never the text). */
export interface PrecheckContext { purpose: 'precheck' | 'write_gate'; community?: string; actorId?: number }

export function setCrisisDetector(fn: typeof detectCrisis, onError?: typeof reportFailure) {
  detectCrisis = fn
  if (onError) reportFailure = onError
}

/**
 * The crisis detector's reading of a text. Fail safe: a check that throws reads as 'concern'
 * (someone should look), never 'none', and is logged. The writer is offered the crisis resources,
 * and a blocked wording is held for a moderator rather than refused.
 */
export async function crisisLevelOf(text: string, context: PrecheckContext = { purpose: 'write_gate' }): Promise<PrecheckResult['crisis']> {
  try {
    return await detectCrisis(text)
  } catch (err) {
    reportFailure(err, context)
    return 'concern'
  }
}

export function createPrecheckService(_deps: ServiceDeps, crisisResources: (slug: string) => Promise<CrisisResource[]>) {
  return {
    async check(slug: string, text: string): Promise<PrecheckResult> {
      const crisis = await crisisLevelOf(text, { purpose: 'precheck', community: slug })
      return { crisis, resources: crisis === 'none' ? [] : await crisisResources(slug) }
    },
  }
}
