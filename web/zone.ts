import { AsyncLocalStorage } from 'node:async_hooks'
import type { RequestHandler } from 'express'
import { isTimeZone } from '../server/services/preferences.ts'

// The reader's time zone and "now" for the page being rendered (issue #19): every <time> on the
// page reads them, however deep in a view, without threading them through each call.

const store = new AsyncLocalStorage<{ zone: string; now: number }>()

export { isTimeZone, TIME_ZONES } from '../server/services/preferences.ts'

/** Runs the rest of the request in the member's zone (UTC for guests and for members who chose none). */
export const withReaderZone: RequestHandler = (req, _res, next) => {
  const chosen = req.ctx?.actor?.timeZone
  store.run({ zone: isTimeZone(chosen) ? chosen : 'UTC', now: Date.now() }, next)
}

export const readerZone = () => store.getStore() ?? { zone: 'UTC', now: Date.now() }

const formats = new Map<
  string,
  { exact: Intl.DateTimeFormat; day: Intl.DateTimeFormat; clock: Intl.DateTimeFormat; short: Intl.DateTimeFormat; long: Intl.DateTimeFormat }
>()
function formatsFor(zone: string) {
  let f = formats.get(zone)
  if (!f) {
    const o = { timeZone: zone }
    f = {
      exact: new Intl.DateTimeFormat('en-GB', { ...o, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
      day: new Intl.DateTimeFormat('en-CA', { ...o, year: 'numeric', month: '2-digit', day: '2-digit' }),
      clock: new Intl.DateTimeFormat('en-GB', { ...o, hour: '2-digit', minute: '2-digit' }),
      short: new Intl.DateTimeFormat('en-GB', { ...o, weekday: 'long' }),
      long: new Intl.DateTimeFormat('en-GB', { ...o, day: 'numeric', month: 'short', year: 'numeric' }),
    }
    formats.set(zone, f)
  }
  return f
}

/** The reader's zone and calendar day: a cached piece of HTML holding relative times is good for that day, in that zone. */
export function zoneKey(): string {
  const { zone, now } = readerZone()
  return `${zone}|${formatsFor(zone).day.format(now)}`
}

const DAY = 86_400_000

/**
 * A time as the reader reads it: "today at 14:05", "yesterday at 09:12", "Monday at 10:00" within
 * the week, "3 Dec 2026 at 14:05" before; the exact time with its zone for the title.
 */
export function describeTime(at: Date, zone = readerZone().zone, now = readerZone().now): { text: string; exact: string } {
  const f = formatsFor(zone)
  const exact = `${f.exact.format(at)} (${zone === 'UTC' ? 'UTC' : zone.replace(/_/g, ' ')})`
  const clock = f.clock.format(at)
  const dayOf = (t: number) => Date.parse(`${f.day.format(t)}T00:00:00Z`)
  const days = Math.round((dayOf(now) - dayOf(at.getTime())) / DAY)
  let text: string
  if (days <= 0) text = `today at ${clock}`
  else if (days === 1) text = `yesterday at ${clock}`
  else if (days < 7) text = `${f.short.format(at)} at ${clock}`
  else text = `${f.long.format(at)} at ${clock}`
  return { text, exact }
}
