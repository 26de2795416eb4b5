import { AppError, notFound } from '../errors.ts'
import {
  findCommunityBySlug,
  findGuidelines,
  findMembership,
  listCommunities,
  listAllCrisisResources,
  listCrisisResources,
  listMembershipsOfUser,
  upsertMembership,
} from '../db/communities.ts'
import type { CommunityRow, CrisisResourceRow, MembershipRow } from '../db/schema.ts'
import { assertCanRead, canRead, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { iso } from '../time.ts'
import { parseSettings, type WarningCategory } from './community-settings.ts'

export const communityToJson = (c: CommunityRow) => ({
  slug: c.slug,
  name: c.name,
  description: c.description,
  visibility: c.visibility,
  guidelinesVersion: c.guidelines_version,
  memberCount: c.member_count,
  threadCount: c.thread_count,
  lastActivityAt: iso(c.last_activity_at),
  /** A lead opened this public community to search engines (off by default: its pages say noindex). */
  searchIndexing: c.visibility === 'public' && c.indexable === 1,
})
/** A community as services hand it out: never the row (its settings JSON and counters stay inside). */
export type CommunityView = ReturnType<typeof communityToJson>

export const membershipToJson = (m: MembershipRow | undefined, c: CommunityRow) =>
  m
    ? {
        role: m.role,
        acceptedGuidelinesVersion: m.accepted_guidelines_version,
        needsToAcceptGuidelines: m.accepted_guidelines_version < c.guidelines_version,
        silencedUntil: iso(m.silenced_until),
      }
    : null

export const crisisResourceToJson = (r: CrisisResourceRow) => ({
  name: r.name,
  contact: r.contact,
  url: r.url,
  region: r.region,
  hours: r.hours,
})
export type CrisisResource = ReturnType<typeof crisisResourceToJson>

export function createCommunityService(deps: ServiceDeps) {
  const { db, clock } = deps

  async function load(slug: string) {
    const community = await findCommunityBySlug(db, slug)
    if (!community) throw notFound('That community')
    return community
  }

  return {
    async list(ctx: Ctx) {
      const rows = await listCommunities(db)
      const memberships = ctx.actor ? await listMembershipsOfUser(db, ctx.actor.id) : []
      const mine = new Set(memberships.map((m) => m.slug))
      // Members-only communities still appear (so people can find and join them), without their content.
      return rows.map((c) => ({ ...communityToJson(c), isMember: mine.has(c.slug), canRead: canRead(c, ctx.actor, mine.has(c.slug)) }))
    },

    /** The content-warning categories this community has on: the only ones its composer offers. */
    async warningCategories(slug: string): Promise<WarningCategory[]> {
      const community = await load(slug)
      return parseSettings(community.settings, { communityId: community.id, logger: deps.logger }).warningCategories
    },

    async get(ctx: Ctx, slug: string) {
      const community = await load(slug)
      const membership = ctx.actor ? await findMembership(db, community.id, ctx.actor.id) : undefined
      const [guidelines, resources] = await Promise.all([findGuidelines(db, community.id, community.guidelines_version), listCrisisResources(db, community.id)])
      return {
        community: {
          ...communityToJson(community),
          guidelines: guidelines
            ? { version: guidelines.version, markdown: guidelines.markdown, html: guidelines.html, publishedAt: iso(guidelines.created_at) }
            : null,
          // Crisis resources are never behind a sign-in or membership wall.
          crisisResources: resources.map(crisisResourceToJson),
          canRead: canRead(community, ctx.actor, membership !== undefined),
        },
        membership: membershipToJson(membership, community),
      }
    },

    async crisisResources(slug: string) {
      const community = await load(slug)
      return (await listCrisisResources(db, community.id)).map(crisisResourceToJson)
    },

    /** The crisis lines of every community, each line once (for pages outside any one community). */
    async allCrisisResources() {
      const seen = new Set<string>()
      const out: ReturnType<typeof crisisResourceToJson>[] = []
      for (const r of (await listAllCrisisResources(db)).map(crisisResourceToJson)) {
        const key = `${r.name}|${r.contact}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push(r)
      }
      return out
    },

    async join(ctx: Ctx, slug: string, acceptedGuidelinesVersion: number) {
      const actor = requireActor(ctx.actor)
      const community = await load(slug)
      if (acceptedGuidelinesVersion !== community.guidelines_version) {
        throw new AppError(
          409,
          'guidelines_version_mismatch',
          `The current guidelines of ${community.name} are version ${community.guidelines_version}. Read them and accept that version.`,
          { acceptedGuidelinesVersion: `must be ${community.guidelines_version}` },
        )
      }
      const result = await db.transaction().execute((trx) => upsertMembership(trx, community.id, actor.id, acceptedGuidelinesVersion, clock.now()))
      const membership = await findMembership(db, community.id, actor.id)
      return {
        created: result.created,
        membership: { community: community.slug, role: membership!.role, acceptedGuidelinesVersion: membership!.accepted_guidelines_version },
      }
    },

    async membershipsOf(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      const rows = await listMembershipsOfUser(db, actor.id)
      return rows.map((m) => ({
        community: m.slug,
        role: m.role,
        acceptedGuidelinesVersion: m.accepted_guidelines_version,
        needsToAcceptGuidelines: m.accepted_guidelines_version < m.guidelines_version,
        silencedUntil: iso(m.silenced_until),
        joinedAt: iso(m.joined_at),
      }))
    },

    assertCanRead,
  }
}

export type CommunityService = ReturnType<typeof createCommunityService>
