import { describe, expect, it } from 'vitest'
import { localTime, onDutyAt, rotaSchema } from '../../server/mail/rota.ts'

// 2026-12-04 is a Friday.
const at = (iso: string) => Date.parse(iso)

describe('duty rota', () => {
  it('no rota means on duty whenever the moderator says so', () => {
    expect(onDutyAt(null, at('2026-12-04T03:00:00Z'))).toBe(true)
  })

  it('reads the hour in the moderator’s own time zone', () => {
    expect(localTime(at('2026-12-04T23:30:00Z'), 'Asia/Tokyo')).toEqual({ day: 'sat', minute: 8 * 60 + 30 })
    const rota = { timeZone: 'America/New_York', slots: [{ days: ['fri' as const], start: '09:00', end: '17:00' }] }
    expect(onDutyAt(rota, at('2026-12-04T14:00:00Z'))).toBe(true) // 09:00 in New York
    expect(onDutyAt(rota, at('2026-12-04T13:59:00Z'))).toBe(false)
    expect(onDutyAt(rota, at('2026-12-04T22:00:00Z'))).toBe(false) // 17:00, the end is not included
  })

  it('a slot past midnight covers the next morning', () => {
    const rota = { timeZone: 'Europe/London', slots: [{ days: ['fri' as const], start: '22:00', end: '06:00' }] }
    expect(onDutyAt(rota, at('2026-12-04T23:00:00Z'))).toBe(true) // Friday 23:00
    expect(onDutyAt(rota, at('2026-12-05T05:59:00Z'))).toBe(true) // Saturday 05:59
    expect(onDutyAt(rota, at('2026-12-05T06:00:00Z'))).toBe(false)
    expect(onDutyAt(rota, at('2026-12-04T05:00:00Z'))).toBe(false) // Friday morning belongs to Thursday's slot
  })

  it('refuses an unknown time zone and a malformed hour', () => {
    expect(rotaSchema.safeParse({ timeZone: 'Mars/Olympus', slots: [] }).success).toBe(false)
    expect(rotaSchema.safeParse({ timeZone: 'UTC', slots: [{ days: ['mon'], start: '25:00', end: '01:00' }] }).success).toBe(false)
  })
})
