import { findCommunityBySlug, findMembership, listCommunities } from '../db/communities.ts'
import { memberHistograms, type HistogramKey } from '../db/outcomes.ts'
import { forbidden, notFound } from '../errors.ts'
import { iso } from '../time.ts'
import { assertNotSuspended, isLead, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { who5Percent } from './outcome-measures.ts'

/** The smallest number of members a figure may describe (issue #20): fewer show "too few to show". */
export const MIN_CELL = 10
/** How many calendar quarters the figures cover, the current one last. */
export const QUARTERS = 4

export interface Spread {
  median: number
  p25: number
  p75: number
}
export interface Cell {
  label: string
  start: string
  end: string
  /** Null when fewer than MIN_CELL members contributed: then nothing else is given either. */
  members: number | null
  wellbeing: Spread | null
  loneliness: Spread | null
  hope: Spread | null
  /** Median change, last minus first check-in in the period, for members with two or more; null under MIN_CELL such members. */
  change: { members: number; wellbeing: number; loneliness: number; hope: number } | null
}

/** UTC calendar quarter starts: `count` quarters ending with the one holding `now`, plus the end of that one. */
export function quarterBounds(now: number, count = QUARTERS): number[] {
  const d = new Date(now)
  const q = Math.floor(d.getUTCMonth() / 3)
  const bounds: number[] = []
  for (let i = count - 1; i >= -1; i--) bounds.push(Date.UTC(d.getUTCFullYear(), (q - i) * 3, 1))
  return bounds
}
const quarterLabel = (t: number) => {
  const d = new Date(t)
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`
}

/** A histogram of whole-number scores: value -> how many members. */
type Histogram = Map<number, number>
const total = (h: Histogram) => [...h.values()].reduce((a, b) => a + b, 0)
/** The k-th smallest value (1-based) of a histogram. */
function rankValue(h: Histogram, k: number): number {
  let seen = 0
  for (const v of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(v)!
    if (seen >= k) return v
  }
  throw new Error('rank past the end of the histogram')
}
/** Nearest-rank percentile, as the health dashboard's (services/health.ts). */
const pct = (h: Histogram, p: number) => rankValue(h, Math.max(1, Math.ceil((p / 100) * total(h))))
const spread = (h: Histogram, scale = 1): Spread => ({ median: pct(h, 50) * scale, p25: pct(h, 25) * scale, p75: pct(h, 75) * scale })
/** Median; the mean of the two middle values when the count is even (a change of 2 and 3 is 2.5). */
const medianOf = (h: Histogram, scale = 1) => {
  const n = total(h)
  return n % 2 ? rankValue(h, (n + 1) / 2) * scale : ((rankValue(h, n / 2) + rankValue(h, n / 2 + 1)) / 2) * scale
}

/**
 * Wellbeing figures per community and quarter, for its leads and the site's admins (issue #20).
 * Only aggregates leave this file: a cell with fewer than MIN_CELL members, or a change figure from
 * fewer than MIN_CELL members with two check-ins, comes back empty, with not even its count. Each
 * member counts once per cell, by their last check-in in it; WHO-5 as the 0-100 percentage. Read
 * as histograms of scores (db/outcomes.ts): a few hundred rows whatever the number of check-ins.
 */
export function createOutcomeAggregateService(deps: ServiceDeps) {
  const { db, clock } = deps

  async function cells(communityId: number, now: number): Promise<Cell[]> {
    const bounds = quarterBounds(now)
    const hist = new Map<string, Histogram>()
    for (const r of await memberHistograms(db, communityId, bounds[0]!, bounds[bounds.length - 1]!)) {
      const key = `${r.k}:${r.q}`
      if (!hist.has(key)) hist.set(key, new Map())
      hist.get(key)!.set(r.v, r.n)
    }
    const of = (k: HistogramKey, q: number): Histogram => hist.get(`${k}:${q}`) ?? new Map()
    return bounds.slice(0, -1).map((start, period) => {
      const end = bounds[period + 1]!
      const base = { label: quarterLabel(start), start: iso(start), end: iso(end) }
      const members = total(of('wellbeing', start))
      if (members < MIN_CELL) return { ...base, members: null, wellbeing: null, loneliness: null, hope: null, change: null }
      const repeat = total(of('change_wellbeing', start))
      return {
        ...base,
        members,
        // WHO-5 as its 0-100 percentage: raw x 4.
        wellbeing: spread(of('wellbeing', start), who5Percent(1)),
        loneliness: spread(of('loneliness', start)),
        hope: spread(of('hope', start)),
        change:
          repeat < MIN_CELL
            ? null
            : {
                members: repeat,
                wellbeing: medianOf(of('change_wellbeing', start), who5Percent(1)),
                loneliness: medianOf(of('change_loneliness', start)),
                hope: medianOf(of('change_hope', start)),
              },
      }
    })
  }

  return {
    /** A community's cells, for its leads (and admins). */
    async forCommunity(ctx: Ctx, slug: string) {
      const actor = requireActor(ctx.actor)
      const community = await findCommunityBySlug(db, slug)
      if (!community) throw notFound('That community')
      assertNotSuspended(actor)
      if (!isLead(actor, await findMembership(db, community.id, actor.id)))
        throw forbidden(`Only leads of ${community.name} can see its check-in figures.`, 'not_a_lead')
      return { minCell: MIN_CELL, cells: await cells(community.id, clock.now()) }
    },

    /** Every community's cells as CSV, for site admins' programme evaluation. Aggregates only, as leads see them. */
    async csv(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      assertNotSuspended(actor)
      if (!actor.isAdmin) throw forbidden('Only site admins can download the check-in figures.', 'not_an_admin')
      const now = clock.now()
      const header = [
        'community',
        'period',
        'period_start',
        'period_end',
        'members',
        ...['wellbeing_pct', 'loneliness', 'hope'].flatMap((m) => [`${m}_median`, `${m}_p25`, `${m}_p75`]),
        'change_members',
        'change_wellbeing_pct_median',
        'change_loneliness_median',
        'change_hope_median',
      ]
      const lines = [header.join(',')]
      for (const c of await listCommunities(db)) {
        for (const cell of await cells(c.id, now)) {
          const s = (x: Spread | null) => (x ? [x.median, x.p25, x.p75] : ['', '', ''])
          const ch = cell.change
          lines.push(
            [
              c.slug,
              cell.label,
              cell.start,
              cell.end,
              cell.members ?? 'too few to show',
              ...s(cell.wellbeing),
              ...s(cell.loneliness),
              ...s(cell.hope),
              ch ? ch.members : cell.members === null ? '' : 'too few to show',
              ch?.wellbeing ?? '',
              ch?.loneliness ?? '',
              ch?.hope ?? '',
            ].join(','),
          )
        }
      }
      return lines.join('\r\n') + '\r\n'
    },
  }
}
