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

export function setCrisisDetector(fn: typeof detectCrisis) {
  detectCrisis = fn
}

/** The crisis detector's reading of a text; 'none' when it cannot read it. */
export async function crisisLevelOf(text: string): Promise<PrecheckResult['crisis']> {
  try {
    return await detectCrisis(text)
  } catch {
    return 'none'
  }
}

export function createPrecheckService(_deps: ServiceDeps, crisisResources: (slug: string) => Promise<CrisisResource[]>) {
  return {
    async check(slug: string, text: string): Promise<PrecheckResult> {
      const crisis = await detectCrisis(text)
      return { crisis, resources: crisis === 'none' ? [] : await crisisResources(slug) }
    },
  }
}
