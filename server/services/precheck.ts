import type { CrisisResource } from './communities.ts'
import type { ServiceDeps } from './context.ts'

export interface PrecheckResult {
  crisis: 'none' | 'concern' | 'urgent'
  resources: CrisisResource[]
}

/**
 * The crisis detector a runtime's services use (the safety pipeline's, on its scan thread). It is
 * part of ServiceDeps, not module state: two runtimes in one process (tests, tools) each keep their own.
 */
export type CrisisDetector = (text: string) => PrecheckResult['crisis'] | Promise<PrecheckResult['crisis']>

/** For services built without a pipeline (the CLI): nothing reads as a crisis before posting; the scan still runs. */
export const noCrisisDetector: CrisisDetector = () => 'none'

/** The crisis detector's reading of a text; 'none' when it cannot read it. */
export async function crisisLevelOf(detect: CrisisDetector | undefined, text: string): Promise<PrecheckResult['crisis']> {
  try {
    return await (detect ?? noCrisisDetector)(text)
  } catch {
    return 'none'
  }
}

/**
 * The gentle check before posting: runs the crisis detector on a draft. It never blocks a post;
 * the page offers the crisis resources and a "ask a moderator to check in" choice.
 */
export function createPrecheckService(deps: ServiceDeps, crisisResources: (slug: string) => Promise<CrisisResource[]>) {
  const detect = deps.detectCrisis ?? noCrisisDetector
  return {
    async check(slug: string, text: string): Promise<PrecheckResult> {
      const crisis = await detect(text)
      return { crisis, resources: crisis === 'none' ? [] : await crisisResources(slug) }
    },
  }
}
