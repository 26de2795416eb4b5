import { z } from 'zod'
import type { Logger } from '../logger.ts'

import { WARNING_CATEGORIES, type WarningCategory } from '../../workers/pipeline/types.ts'

// The categories are the pipeline's (it detects them); the visibilities are a column's values (db/schema.ts).
export { WARNING_CATEGORIES, type WarningCategory } from '../../workers/pipeline/types.ts'
export { VISIBILITIES } from '../db/schema.ts'

export const warningCategory = z.enum(WARNING_CATEGORIES)

/** A community's safety settings; stored as JSON, every field defaulted so old rows stay valid. */
export const communitySettings = z.object({
  warningCategories: z.array(warningCategory).default([...WARNING_CATEGORIES]),
  spamHoldThreshold: z.number().min(0).max(1).default(0.7),
  newMemberHoldPosts: z.number().int().min(0).max(100).default(0),
  newMemberHoldDays: z.number().int().min(0).max(365).default(0),
  linksMinAccountDays: z.number().int().min(0).max(365).default(0),
  reportHideThreshold: z.number().int().min(1).max(100).default(3),
  crisisEscalationMinutes: z.number().int().min(1).max(1440).default(10),
  /** After this many urgent items in a shift, the item page suggests a break and a debrief (issue #20). */
  breakAfterUrgentItems: z.number().int().min(1).max(50).default(3),
})
export type CommunitySettings = z.infer<typeof communitySettings>

/** Where a settings text came from, so that a corrupt one is reported against its community. */
export interface SettingsSource {
  communityId: number
  logger: Logger
}

// Each corrupt text is reported once per process, not on every page that reads it.
const reported = new Set<string>()
function reportCorrupt(json: string, from: SettingsSource, fields: string[]) {
  const key = `${from.communityId}:${json}`
  if (reported.has(key)) return
  if (reported.size >= 1000) reported.clear()
  reported.add(key)
  from.logger.error(
    { alert: 'corrupt_settings', communityId: from.communityId, fields },
    'community settings are corrupt: the broken fields read as the defaults until a lead saves the settings again',
  )
}

/**
 * A community's stored settings. A corrupt text is never silently read as the defaults: it is
 * logged with the community's id, and only the fields that are broken fall back to their defaults
 * (every warning category on, the default escalation limit...), so what the lead set that is still
 * readable keeps applying. A lead saving the settings writes a whole valid text again.
 */
export function parseSettings(json: string, from: SettingsSource): CommunitySettings {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    reportCorrupt(json, from, ['*'])
    return communitySettings.parse({})
  }
  const parsed = communitySettings.safeParse(raw)
  if (parsed.success) return parsed.data
  const fields = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const broken = new Set(parsed.error.issues.map((i) => (i.path.length > 0 ? String(i.path[0]) : '*')))
  reportCorrupt(json, from, [...broken])
  const kept = broken.has('*') ? {} : Object.fromEntries(Object.entries(fields).filter(([k]) => !broken.has(k)))
  return communitySettings.safeParse(kept).data ?? communitySettings.parse({})
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return {}
  }
}

const warningList = z.array(warningCategory)
// Every post read parses its stored warnings, and the distinct stored strings are few ("[]",
// '["death"]', ...): remember each parse. Callers get their own copy of the array.
const parsedWarnings = new Map<string, WarningCategory[]>()

export function parseWarnings(json: string): WarningCategory[] {
  let known = parsedWarnings.get(json)
  if (!known) {
    const parsed = warningList.safeParse(safeJson(json))
    known = parsed.success ? parsed.data : []
    if (parsedWarnings.size >= 1000) parsedWarnings.clear()
    parsedWarnings.set(json, known)
  }
  return known.slice()
}
