/** Small time helpers every service shares (one definition, so the formats cannot drift apart). */

/** A stored millisecond timestamp as the ISO string the API and pages show; null stays null. */
export function iso(t: number): string
export function iso(t: number | null): string | null
export function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString()
}

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** A moderator's claim on a review item lapses this long after their last action on it. */
export const CLAIM_TTL_MS = 15 * MINUTE_MS
