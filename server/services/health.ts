import { findCommunityBySlug, findMembership } from '../db/communities.ts'
import * as h from '../db/health.ts'
import { forbidden, notFound } from '../errors.ts'
import { assertNotSuspended, isModerator, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { DAY_MS as DAY, HOUR_MS, iso } from '../time.ts'

const WEEK = 7 * DAY

/** Monday 00:00 UTC of the week containing t. */
export function weekStart(t: number): number {
  const day = Math.floor(t / DAY)
  const weekday = (day + 3) % 7 // 1970-01-01 was a Thursday; Monday = 0
  return (day - weekday) * DAY
}

/** The `weeks` Monday-starting weeks up to and including the one holding `now`: the first and each start. */
export function lastWeeks(now: number, weeks: number) {
  const firstWeek = weekStart(now) - (weeks - 1) * WEEK
  return { firstWeek, weekStarts: Array.from({ length: weeks }, (_, i) => firstWeek + i * WEEK) }
}

/** The community whose health the actor asks for: its moderators and leads only (suspended staff: nobody). */
export async function healthCommunity(db: ServiceDeps['db'], ctx: Ctx, slug: string) {
  const actor = requireActor(ctx.actor)
  const community = await findCommunityBySlug(db, slug)
  if (!community) throw notFound('That community')
  assertNotSuspended(actor)
  if (!isModerator(actor, await findMembership(db, community.id, actor.id)))
    throw forbidden(`Only moderators and leads of ${community.name} can see its health.`, 'not_a_moderator')
  return community
}

/** Nearest-rank percentile: the smallest value with at least p% of values at or below it. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10)

export function createHealthService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    /** The numbers behind a community's health dashboard: replies, the queue, and members. */
    async health(ctx: Ctx, slug: string, opts: { weeks?: number; days?: number } = {}) {
      const community = await healthCommunity(db, ctx, slug)
      const now = clock.now()
      const weeks = opts.weeks ?? 8
      const days = opts.days ?? 14
      const { firstWeek, weekStarts } = lastWeeks(now, weeks)
      const firstDay = Math.floor(now / DAY) * DAY - (days - 1) * DAY
      const dayStarts = Array.from({ length: days }, (_, i) => firstDay + i * DAY)

      const [unanswered, unansweredCount, threads, items, joins, posts] = await Promise.all([
        h.unansweredThreads(db, community.id, 20),
        h.countUnanswered(db, community.id),
        h.threadsWithFirstReply(db, community.id, firstWeek),
        h.reviewItemsSince(db, community.id, Math.min(firstDay, firstWeek)),
        h.membershipsJoinedSince(db, community.id, firstWeek),
        h.postersSince(db, community.id, firstWeek),
      ])

      const firstReply = weekStarts.map((ws) => {
        const inWeek = threads.filter((t) => t.created_at >= ws && t.created_at < ws + WEEK)
        const waits = inWeek.filter((t) => t.first_reply_at !== null).map((t) => t.first_reply_at! - t.created_at)
        return {
          weekStart: iso(ws),
          threads: inWeek.length,
          answered: waits.length,
          medianMinutes: minutes(percentile(waits, 50)),
          p90Minutes: minutes(percentile(waits, 90)),
        }
      })

      const daily = dayStarts.map((d) => ({
        date: iso(d).slice(0, 10),
        opened: items.filter((i) => i.created_at >= d && i.created_at < d + DAY).length,
        cleared: items.filter((i) => i.resolved_at !== null && i.resolved_at >= d && i.resolved_at < d + DAY).length,
      }))
      // A claim is the first explicit claim, or the resolution when a moderator acted straight away.
      const claimAt = (i: (typeof items)[number]) => i.first_claim_at ?? i.resolved_at
      const recent = items.filter((i) => i.created_at >= firstDay)
      const reasons = [...new Set(recent.map((i) => i.reason))].sort()
      const byReason = reasons.map((reason) => {
        const of = recent.filter((i) => i.reason === reason)
        const claims = of.filter((i) => claimAt(i) !== null).map((i) => claimAt(i)! - i.created_at)
        const resolves = of.filter((i) => i.resolved_at !== null).map((i) => i.resolved_at! - i.created_at)
        return {
          reason,
          opened: of.length,
          resolved: resolves.length,
          medianClaimMinutes: minutes(percentile(claims, 50)),
          medianResolveMinutes: minutes(percentile(resolves, 50)),
        }
      })
      const urgentItems = recent.filter((i) => i.reason === 'urgent_crisis').sort((a, b) => a.created_at - b.created_at)
      const urgentClaims = urgentItems.filter((i) => claimAt(i) !== null).map((i) => claimAt(i)! - i.created_at)

      const members = weekStarts.map((ws) => {
        const inWeek = posts.filter((p) => p.created_at >= ws && p.created_at < ws + WEEK)
        const posting = new Set(inWeek.map((p) => p.author_id))
        const returning = new Set(inWeek.filter((p) => p.first_ever < ws).map((p) => p.author_id))
        return {
          weekStart: iso(ws),
          joined: joins.filter((j) => j.joined_at >= ws && j.joined_at < ws + WEEK).length,
          posting: posting.size,
          returning: returning.size,
        }
      })

      return {
        community: community.slug,
        generatedAt: iso(now),
        unanswered: {
          count: unansweredCount,
          oldest: unanswered.map((t) => ({
            threadId: t.id,
            title: t.title,
            createdAt: iso(t.created_at),
            waitingHours: Math.floor((now - t.created_at) / HOUR_MS),
          })),
        },
        firstReply,
        queue: {
          daily,
          byReason,
          urgent: {
            count: urgentItems.length,
            medianClaimMinutes: minutes(percentile(urgentClaims, 50)),
            maxClaimMinutes: minutes(urgentClaims.length ? Math.max(...urgentClaims) : null),
            items: urgentItems.map((i) => ({
              id: i.id,
              createdAt: iso(i.created_at),
              claimMinutes: minutes(claimAt(i) === null ? null : claimAt(i)! - i.created_at),
            })),
          },
        },
        members,
      }
    },
  }
}
