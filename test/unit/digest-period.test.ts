// A digest belongs to the member's own day and week (their time zone), not UTC's.
import { describe, expect, it } from 'vitest'
import { digestPeriodKey } from '../../server/mail/digest-period.ts'

describe('digest periods', () => {
  const lateFriday = Date.parse('2026-12-04T23:30:00Z') // Friday evening in UTC, Saturday morning in Auckland
  it("a daily summary is keyed by the member's local date", () => {
    expect(digestPeriodKey('daily', lateFriday, null)).toBe('2026-12-04')
    expect(digestPeriodKey('daily', lateFriday, 'UTC')).toBe('2026-12-04')
    expect(digestPeriodKey('daily', lateFriday, 'Pacific/Auckland')).toBe('2026-12-05')
    expect(digestPeriodKey('daily', lateFriday, 'America/Los_Angeles')).toBe('2026-12-04')
  })

  it('a weekly summary is keyed by the Monday that starts the local week', () => {
    expect(digestPeriodKey('weekly', lateFriday, 'UTC')).toBe('week-of-2026-11-30')
    // Sunday 23:30 UTC is already Monday in Auckland: a new week there, the old one in London.
    const lateSunday = Date.parse('2026-12-06T23:30:00Z')
    expect(digestPeriodKey('weekly', lateSunday, 'Europe/London')).toBe('week-of-2026-11-30')
    expect(digestPeriodKey('weekly', lateSunday, 'Pacific/Auckland')).toBe('week-of-2026-12-07')
  })

  it('a zone Node does not know falls back to UTC instead of failing the sweep', () => {
    expect(digestPeriodKey('daily', lateFriday, 'Not/AZone')).toBe('2026-12-04')
  })
})
