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

/** Who asked, for the log line when the check fails (never the text). */
export interface PrecheckContext {
  purpose: 'precheck' | 'write_gate'
  community?: string
  actorId?: number
}

/**
 * The crisis detector's reading of a text. Fail safe: a check that throws reads as 'concern'
 * (someone should look), never 'none', and is logged. The writer is offered the crisis resources,
 * and a blocked wording is held for a moderator rather than refused.
 */
export async function crisisLevelOf(
  deps: Pick<ServiceDeps, 'detectCrisis' | 'logger'>,
  text: string,
  context: PrecheckContext,
): Promise<PrecheckResult['crisis']> {
  try {
    return await (deps.detectCrisis ?? noCrisisDetector)(text)
  } catch (err) {
    deps.logger.error({ ...context, err: { message: err instanceof Error ? err.message : String(err) } }, 'crisis pre-check failed; read as concern')
    return 'concern'
  }
}

/**
 * The gentle check before posting: runs the crisis detector on a draft. It never blocks a post;
 * the page offers the crisis resources and a "ask a moderator to check in" choice.
 */
export function createPrecheckService(deps: ServiceDeps, crisisResources: (slug: string) => Promise<CrisisResource[]>) {
  return {
    async check(slug: string, text: string): Promise<PrecheckResult> {
      const crisis = await crisisLevelOf(deps, text, { purpose: 'precheck', community: slug })
      return { crisis, resources: crisis === 'none' ? [] : await crisisResources(slug) }
    },
  }
}
