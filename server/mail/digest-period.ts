// Which day or week a digest belongs to, in the member's own time zone (issue #19's setting;
// UTC when they have none): a daily summary is one per local day, a weekly one per local week
// starting on Monday. The key dedupes the digest, so a period's summary goes once.
const formatters = new Map<string, Intl.DateTimeFormat>()

function localDate(now: number, zone: string | null): { y: number; m: number; d: number } {
  const z = zone ?? 'UTC'
  let f = formatters.get(z)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' })
    } catch {
      // A zone this Node no longer knows: the member's period falls back to UTC's.
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    }
    formatters.set(z, f)
  }
  const parts = Object.fromEntries(f.formatToParts(now).map((p) => [p.type, p.value]))
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) }
}

export function digestPeriodKey(period: 'daily' | 'weekly', now: number, zone: string | null): string {
  const { y, m, d } = localDate(now, zone)
  const day = Date.UTC(y, m - 1, d)
  if (period === 'daily') return new Date(day).toISOString().slice(0, 10)
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7
  return `week-of-${new Date(day - sinceMonday * 86_400_000).toISOString().slice(0, 10)}`
}
