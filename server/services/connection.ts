import { helpfulMarksSince, newMembersFirstPost, newMembersLastPost } from '../db/connection-measures.ts'
import { DAY_MS, iso } from '../time.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { healthCommunity, lastWeeks } from './health.ts'

const WEEK = 7 * DAY_MS
const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 10)
const monthStart = (t: number, back = 0) => {
  const d = new Date(t)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)
}

/**
 * Connection measures beside the health dashboard (issue #20): are new members answered, and do
 * they come back? "Returning" means posting again: the forum keeps no record of visits.
 */
export function createConnectionService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    async measures(ctx: Ctx, slug: string, opts: { weeks?: number; months?: number } = {}) {
      const community = await healthCommunity(db, ctx, slug)
      const now = clock.now()
      const weeks = opts.weeks ?? 8
      const months = opts.months ?? 6
      const { firstWeek, weekStarts } = lastWeeks(now, weeks)
      // Cohorts by month of joining, the latest one old enough for a 30-day answer last.
      const monthStarts = Array.from({ length: months }, (_, i) => monthStart(now - 30 * DAY_MS, months - 1 - i))

      const [firsts, lasts, marks] = await Promise.all([
        // New members: those who joined in the last 12 weeks (the first post may come a while after joining).
        newMembersFirstPost(db, community.id, firstWeek - 4 * WEEK),
        newMembersLastPost(db, community.id, monthStarts[0]!),
        helpfulMarksSince(db, community.id, firstWeek),
      ])

      const firstReply = weekStarts.map((ws) => {
        const inWeek = firsts.filter((f) => f.post_at !== null && f.post_at >= ws && f.post_at < ws + WEEK)
        const answered = inWeek.filter((f) => f.replied_at !== null && f.replied_at - f.post_at! <= DAY_MS).length
        return { weekStart: iso(ws), firstPosts: inWeek.length, answered24h: answered, percent: share(answered, inWeek.length) }
      })

      const returning = monthStarts.map((ms, i) => {
        const end = monthStarts[i + 1] ?? monthStart(now - 30 * DAY_MS, -1)
        const cohort = lasts.filter((m) => m.joined_at >= ms && m.joined_at < end)
        const after = (days: number) => {
          // A cohort answers only once every member in it has had that long.
          if (end + days * DAY_MS > now) return null
          return share(cohort.filter((m) => m.last_post_at !== null && m.last_post_at >= m.joined_at + days * DAY_MS).length, cohort.length)
        }
        return { monthStart: iso(ms), joined: cohort.length, after30Percent: after(30), after90Percent: after(90) }
      })

      const helpful = weekStarts.map((ws) => ({ weekStart: iso(ws), marks: marks.filter((m) => m.created_at >= ws && m.created_at < ws + WEEK).length }))

      return { firstReply, returning, helpful }
    },
  }
}
