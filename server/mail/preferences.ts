import { z } from 'zod'
import { hhmm, localTime, timeZoneField } from './rota.ts'

/** A member's mail: all off until they opt in (issue #18). Quiet hours hold mail until they end. */
export const emailPrefsSchema = z.object({
  replies: z.boolean(),
  checkIns: z.boolean(),
  digest: z.enum(['off', 'daily', 'weekly']),
  quietHours: z.object({ start: hhmm, end: hhmm, timeZone: timeZoneField }).nullable().optional(),
})
export type EmailPrefs = z.infer<typeof emailPrefsSchema>

export const DEFAULT_EMAIL_PREFS: EmailPrefs = { replies: false, checkIns: false, digest: 'off', quietHours: null }

export function parseEmailPrefs(json: string | null | undefined): EmailPrefs {
  try {
    const parsed = emailPrefsSchema.partial().safeParse(JSON.parse(json ?? '{}'))
    return parsed.success ? { ...DEFAULT_EMAIL_PREFS, ...parsed.data } : DEFAULT_EMAIL_PREFS
  } catch {
    return DEFAULT_EMAIL_PREFS
  }
}

const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))

/**
 * When mail written at `at` may go: at once, or at the end of the member's quiet hours (a window
 * whose end is not after its start runs past midnight). Found by stepping minutes, which is exact
 * across daylight-saving changes and at most a day of steps.
 */
export function notBefore(prefs: EmailPrefs, at: number): number {
  const q = prefs.quietHours
  if (!q) return at
  const start = minutes(q.start)
  const end = minutes(q.end)
  if (start === end) return at
  const quiet = (t: number) => {
    const m = localTime(t, q.timeZone).minute
    return start < end ? m >= start && m < end : m >= start || m < end
  }
  if (!quiet(at)) return at
  let t = Math.floor(at / 60_000) * 60_000
  for (let i = 0; i < 24 * 60 && quiet(t); i++) t += 60_000
  return t
}
