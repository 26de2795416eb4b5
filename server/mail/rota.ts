import { z } from 'zod'

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Day = (typeof DAYS)[number]

/** A time of day, as members type it; shared with quiet hours (mail/preferences.ts). */
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM')

function validTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone name Node knows. */
export const timeZoneField = z.string().refine(validTimeZone, 'not a time zone (use an IANA name such as Europe/London)')

/**
 * A weekly rota in the moderator's own time zone: on duty during any slot. A slot whose end is
 * not after its start runs past midnight (22:00–06:00 on Friday covers early Saturday).
 */
export const rotaSchema = z.object({
  timeZone: timeZoneField,
  slots: z.array(z.object({ days: z.array(z.enum(DAYS)).min(1), start: hhmm, end: hhmm })).max(50),
})
export type Rota = z.infer<typeof rotaSchema>

const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))

/** The weekday and minute of the day at `at` in a time zone. */
export function localTime(at: number, timeZone: string): { day: Day; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(at),
  )
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  const day = get('weekday').toLowerCase().slice(0, 3) as Day
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) }
}

/** Whether a rota has the person on duty at `at`. No rota: on duty whenever they say they are. */
export function onDutyAt(rota: Rota | null | undefined, at: number): boolean {
  if (!rota || rota.slots.length === 0) return true
  const { day, minute } = localTime(at, rota.timeZone)
  const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7]!
  return rota.slots.some((s) => {
    const start = minutes(s.start)
    const end = minutes(s.end)
    if (end > start) return s.days.includes(day) && minute >= start && minute < end
    // Past midnight: the evening part on the slot's day, the morning part on the day after.
    return (s.days.includes(day) && minute >= start) || (s.days.includes(yesterday) && minute < end)
  })
}

export function parseRota(json: string | null): Rota | null {
  if (!json) return null
  const parsed = rotaSchema.safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : null
}
