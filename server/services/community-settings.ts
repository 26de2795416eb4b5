import { z } from 'zod'

export const WARNING_CATEGORIES = ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence', 'death'] as const
export type WarningCategory = (typeof WARNING_CATEGORIES)[number]
export const VISIBILITIES = ['public', 'signed_in', 'members'] as const

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
})
export type CommunitySettings = z.infer<typeof communitySettings>

export function parseSettings(json: string): CommunitySettings {
  const raw = safeJson(json)
  const parsed = communitySettings.safeParse(raw)
  return parsed.success ? parsed.data : communitySettings.parse({})
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
