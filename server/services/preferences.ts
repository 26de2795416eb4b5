import { z } from 'zod'
import { setReadingPrefs } from '../db/users.ts'
import { requireActor } from './authz.ts'
import { WARNING_CATEGORIES, type WarningCategory } from './community-settings.ts'
import type { Ctx, ServiceDeps } from './context.ts'

export const WARNING_DISPLAY = ['collapsed', 'hidden', 'shown'] as const
export type WarningDisplay = (typeof WARNING_DISPLAY)[number]
export type ReadingPrefs = Record<WarningCategory, WarningDisplay>

export const readingPrefsInput = z.object(
  Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, z.enum(WARNING_DISPLAY).default('collapsed')])) as Record<
    WarningCategory,
    z.ZodDefault<z.ZodEnum<{ collapsed: 'collapsed'; hidden: 'hidden'; shown: 'shown' }>>
  >,
)

/** Collapsed behind its warning is the default for every category: nobody is surprised by a hard post. */
export function parseReadingPrefs(json: string | undefined): ReadingPrefs {
  // Read on every page; there are only a few dozen distinct settings, so each is parsed once.
  const key = json ?? '{}'
  const known = parsedPrefs.get(key)
  if (known) return known
  const prefs = Object.freeze(parsePrefs(key)) as ReadingPrefs
  if (parsedPrefs.size >= 1000) parsedPrefs.clear()
  parsedPrefs.set(key, prefs)
  return prefs
}
const parsedPrefs = new Map<string, ReadingPrefs>()

function parsePrefs(json: string): ReadingPrefs {
  let raw: unknown = {}
  try {
    raw = JSON.parse(json)
  } catch {
    raw = {}
  }
  const parsed = readingPrefsInput.safeParse(raw)
  return (parsed.success ? parsed.data : readingPrefsInput.parse({})) as ReadingPrefs
}

/** How a post with these warnings is shown to this reader: the strictest preference wins. */
export function displayFor(warnings: WarningCategory[], prefs: ReadingPrefs): WarningDisplay {
  if (warnings.length === 0) return 'shown'
  if (warnings.some((w) => prefs[w] === 'hidden')) return 'hidden'
  if (warnings.some((w) => prefs[w] === 'collapsed')) return 'collapsed'
  return 'shown'
}

export function createPreferenceService(deps: ServiceDeps) {
  return {
    get(ctx: Ctx): ReadingPrefs {
      return parseReadingPrefs(ctx.actor?.readingPrefs)
    },
    async set(ctx: Ctx, prefs: Partial<ReadingPrefs>): Promise<ReadingPrefs> {
      const actor = requireActor(ctx.actor)
      const merged = readingPrefsInput.parse({ ...parseReadingPrefs(actor.readingPrefs), ...prefs }) as ReadingPrefs
      await setReadingPrefs(deps.db, actor.id, JSON.stringify(merged))
      return merged
    },
  }
}
