import { findCommunityBySlug, listMembershipsOfUser } from '../db/communities.ts'
import { listCommunityAccess } from '../db/search.ts'
import { searchAudit, searchReports, staffWindowBottom } from '../db/staff-search.ts'
import { forbidden, notFound } from '../errors.ts'
import { iso } from '../time.ts'
import { assertNotSuspended, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, hasInts } from './cursor.ts'

export interface StaffSearchInput {
  q: string
  kind: 'reports' | 'audit'
  community?: string
  cursor?: string
  limit: number
}

const isStaffCursor = (v: unknown) => hasInts(v, 'before')

/**
 * Moderators (and leads) search the reports and audit entries of the communities they moderate,
 * admins those of every community: by a handle (reporter, author or actor, exactly), a rule's
 * title, or words of a reason, note, reported text or change. Post search for staff is the
 * ordinary search, which shows them held, hidden and removed posts in their communities.
 */
export interface StaffSearchOptions {
  /** Rows looked through per request (tests make it small). */
  window?: number
}

export function createStaffSearchService(deps: ServiceDeps, options: StaffSearchOptions = {}) {
  const { db } = deps

  /** The communities this actor may search (all for an admin); 403 for anyone who moderates none. */
  async function scopeOf(ctx: Ctx) {
    const actor = requireActor(ctx.actor)
    assertNotSuspended(actor)
    const all = await listCommunityAccess(db)
    const mine = actor.isAdmin
      ? all.map((c) => c.slug)
      : (await listMembershipsOfUser(db, actor.id)).filter((m) => m.role === 'moderator' || m.role === 'lead').map((m) => m.slug)
    if (mine.length === 0) throw forbidden('Only moderators can search reports and the audit log.', 'not_a_moderator')
    return all.filter((c) => mine.includes(c.slug))
  }

  return {
    /** The communities the search page offers as a filter, by name: exactly those a search may cover. */
    async communities(ctx: Ctx) {
      return (await scopeOf(ctx)).map((c) => ({ slug: c.slug, name: c.name })).sort((a, b) => a.name.localeCompare(b.name))
    },

    async search(ctx: Ctx, input: StaffSearchInput) {
      let communityIds = (await scopeOf(ctx)).map((c) => c.id)
      if (input.community) {
        const c = await findCommunityBySlug(db, input.community)
        if (!c) throw notFound('That community')
        if (!communityIds.includes(c.id)) throw forbidden('You do not moderate that community.', 'not_a_moderator')
        communityIds = [c.id]
      }
      const cursor = decodeCursor(input.cursor, isStaffCursor)
      const opts = { communityIds, text: input.q.trim().toLowerCase(), beforeId: cursor?.before, limit: input.limit + 1, window: options.window }
      const rows = input.kind === 'reports' ? await searchReports(db, opts) : await searchAudit(db, opts)
      const page = rows.slice(0, input.limit)
      // More matches in this window: go on after the last one shown. Too few to fill the page: when
      // the window was full, older rows remain, and the next page starts below it (maybe empty,
      // still with a cursor) so that every match is reached, one bounded window at a time.
      const bottom = rows.length > input.limit ? undefined : await staffWindowBottom(db, input.kind, opts)
      const nextCursor =
        rows.length > input.limit ? encodeCursor({ before: page.at(-1)!.id }) : bottom !== undefined && bottom > 1 ? encodeCursor({ before: bottom }) : null
      if (input.kind === 'audit') {
        const entries = (page as Awaited<ReturnType<typeof searchAudit>>).map((r) => ({
          id: r.id,
          community: r.slug,
          actor: r.actor_handle ? { handle: r.actor_handle } : null,
          action: r.action,
          target: { type: r.target_type, id: r.target_id, ...(r.post_thread_id !== null ? { threadId: r.post_thread_id } : {}) },
          reason: r.reason,
          createdAt: iso(r.created_at),
        }))
        return { entries, nextCursor }
      }
      const reports = (page as Awaited<ReturnType<typeof searchReports>>).map((r) => ({
        id: r.id,
        community: r.slug,
        itemId: r.item_id,
        post: { id: r.post_id, threadId: r.thread_id, author: { handle: r.author_handle } },
        reporter: { handle: r.reporter_handle },
        reason: r.reason,
        rule: r.rule_title,
        note: r.note,
        outcome: r.outcome,
        createdAt: iso(r.created_at),
      }))
      return { reports, nextCursor }
    },
  }
}
