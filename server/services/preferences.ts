import { z } from 'zod'
import { setReadingPrefs, setTimeZone } from '../db/users.ts'
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

const ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])
/** IANA zones this server knows, for the settings page's list and for validation. */
export const TIME_ZONES: readonly string[] = [...ZONES].sort()
const checked = new Map<string, boolean>()
/** A zone Intl can use: the list's names and their aliases (Asia/Kolkata as well as Asia/Calcutta). */
export function isTimeZone(z: unknown): z is string {
  if (typeof z !== 'string' || z.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(z)) return false
  if (ZONES.has(z)) return true
  let ok = checked.get(z)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: z })
      ok = true
    } catch {
      ok = false
    }
    if (checked.size < 1000) checked.set(z, ok)
  }
  return ok
}
export const timeZoneInput = z.object({
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'must be a time zone from the list, such as Europe/London or UTC' }),
})

export function createPreferenceService(deps: ServiceDeps) {
  return {
    get(ctx: Ctx): ReadingPrefs {
      return parseReadingPrefs(ctx.actor?.readingPrefs)
    },
    /** Times on every page in this zone (UTC until chosen). */
    async setTimeZone(ctx: Ctx, zone: string): Promise<{ timeZone: string }> {
      const actor = requireActor(ctx.actor)
      const { timeZone } = timeZoneInput.parse({ timeZone: zone })
      await setTimeZone(deps.db, actor.id, timeZone)
      return { timeZone }
    },

    async set(ctx: Ctx, prefs: Partial<ReadingPrefs>): Promise<ReadingPrefs> {
      const actor = requireActor(ctx.actor)
      const merged = readingPrefsInput.parse({ ...parseReadingPrefs(actor.readingPrefs), ...prefs }) as ReadingPrefs
      await setReadingPrefs(deps.db, actor.id, JSON.stringify(merged))
      return merged
    },
  }
}
