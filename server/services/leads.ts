import { AppError, forbidden, notFound } from '../errors.ts'
import {
  findCommunityBySlug,
  findGuidelines,
  findMembership,
  insertGuidelines,
  listCrisisResources,
  listCommunitiesWithRole,
  replaceCrisisResources,
  setMembershipRole,
} from '../db/communities.ts'
import * as l from '../db/leads.ts'
import { insertAudit, listRules } from '../db/moderation.ts'
import type { CommunityRow, Visibility } from '../db/schema.ts'
import { findUserByHandleKey } from '../db/users.ts'
import { normalise } from '../../workers/pipeline/normalise.ts'
import type { WatchedWord } from '../../workers/pipeline/types.ts'
import { assertCanRead, assertNotSuspended, isLead, isModerator, requireActor, type Role } from './authz.ts'
import { communitySettings, parseSettings, type CommunitySettings, type WarningCategory } from './community-settings.ts'
import { crisisResourceToJson } from './communities.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { iso } from '../time.ts'

export interface WatchedWordInput {
  phrase: string
  wholeWord?: boolean
  regex?: boolean
  action: 'flag' | 'hold' | 'warn' | 'block'
  category?: WarningCategory
  message?: string
}

export function createLeadService(deps: ServiceDeps) {
  const { db, clock } = deps

  async function load(slug: string) {
    const community = await findCommunityBySlug(db, slug)
    if (!community) throw notFound('That community')
    return community
  }

  async function asLead(ctx: Ctx, slug: string): Promise<{ community: CommunityRow; actor: Actor }> {
    const actor = requireActor(ctx.actor)
    const community = await load(slug)
    assertNotSuspended(actor)
    if (!isLead(actor, await findMembership(db, community.id, actor.id)))
      throw forbidden(`Only leads of ${community.name} can change its settings.`, 'not_a_lead')
    return { community, actor }
  }

  async function asModerator(ctx: Ctx, slug: string) {
    const actor = requireActor(ctx.actor)
    const community = await load(slug)
    assertNotSuspended(actor)
    if (!isModerator(actor, await findMembership(db, community.id, actor.id)))
      throw forbidden(`Only moderators and leads of ${community.name} can see this.`, 'not_a_moderator')
    return { community, actor }
  }

  async function asReader(ctx: Ctx, slug: string) {
    const community = await load(slug)
    assertCanRead(community, ctx.actor, ctx.actor ? await findMembership(db, community.id, ctx.actor.id) : undefined)
    return community
  }

  const settingsOf = (c: CommunityRow) => parseSettings(c.settings, { communityId: c.id, logger: deps.logger })
  const settingsJson = (c: CommunityRow) => ({ ...settingsOf(c), visibility: c.visibility })

  /**
   * Checks a watched word as it will run. A pattern is vetted on the task thread under a budget,
   * with the community's other patterns, which together bound what one post costs to scan.
   */
  async function validateWord(communityId: number, input: WatchedWordInput): Promise<WatchedWord> {
    const fields: Record<string, string> = {}
    const wholeWord = input.wholeWord ?? true
    if (input.regex) {
      const others = (await l.listWatchedWordRows(db, communityId)).filter((w) => w.regex === 1)
      await deps.offload.vetPattern(
        { pattern: input.phrase, wholeWord },
        others.map((w) => ({ pattern: w.phrase, wholeWord: w.whole_word === 1 })),
      )
    } else if (normalise(input.phrase).leet.trim() === '') fields.phrase = 'has no letters or digits to match'
    if (input.action === 'warn' && !input.category) fields.category = 'choose the content warning to add'
    if (input.action === 'block' && !input.message?.trim()) fields.message = 'write the message the writer will see'
    if (Object.keys(fields).length)
      throw new AppError(
        400,
        'invalid_input',
        `Please check the watched word. ${Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}`,
        fields,
      )
    return {
      id: 0,
      phrase: input.phrase,
      wholeWord,
      regex: input.regex ?? false,
      action: input.action,
      ...(input.category ? { category: input.category } : {}),
      ...(input.message ? { message: input.message.trim() } : {}),
    }
  }

  return {
    /** The communities this member leads (every community for a site admin), for the header and the leads' index page. */
    async ledCommunities(ctx: Ctx): Promise<{ slug: string; name: string }[]> {
      const a = ctx.actor
      // A suspended lead leads nothing for now: no settings links to pages that would refuse them.
      if (!a || a.suspended) return []
      return listCommunitiesWithRole(db, a.isAdmin ? 'all' : a.id, ['lead'])
    },

    /** Throws the 403 a non-lead gets, so the settings pages refuse before they show anything. */
    async assertLead(ctx: Ctx, slug: string) {
      const { community } = await asLead(ctx, slug)
      return { slug: community.slug, name: community.name }
    },

    async guidelineVersions(ctx: Ctx, slug: string) {
      const community = await asReader(ctx, slug)
      const rows = await l.listGuidelineVersions(db, community.id)
      return {
        current: community.guidelines_version,
        versions: rows.map((r) => ({ version: r.version, markdown: r.markdown, html: r.html, publishedAt: iso(r.created_at) })),
      }
    },

    async publishGuidelines(ctx: Ctx, slug: string, markdown: string) {
      const { community, actor } = await asLead(ctx, slug)
      const version = community.guidelines_version + 1
      const html = await deps.offload.render(markdown, 'markdown')
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        await insertGuidelines(trx, { community_id: community.id, version, markdown, html, created_by: actor.id, created_at: now })
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'publish_guidelines',
          target_type: 'community',
          target_id: community.id,
          before: { version: community.guidelines_version },
          after: { version },
          created_at: now,
        })
        await l.notifyMembersOfGuidelines(trx, community.id, actor.id, JSON.stringify({ community: community.slug, version }), now)
      })
      return { version }
    },

    /** The rules shown with the guidelines to a member about to join: public like the guidelines, even for a members-only community. */
    async rulesToAccept(slug: string) {
      const community = await load(slug)
      return (await listRules(db, community.id)).map((r) => ({ id: r.id, position: r.position, title: r.title, body: r.body }))
    },

    async rules(ctx: Ctx, slug: string) {
      const community = await asReader(ctx, slug)
      return (await listRules(db, community.id)).map((r) => ({ id: r.id, position: r.position, title: r.title, body: r.body }))
    },

    async setRules(ctx: Ctx, slug: string, rules: { id?: number; title: string; body: string }[]) {
      const { community, actor } = await asLead(ctx, slug)
      const now = clock.now()
      const before = await listRules(db, community.id)
      await db.transaction().execute(async (trx) => {
        if (!(await l.replaceRules(trx, community.id, rules))) {
          throw new AppError(400, 'invalid_input', 'One of these rules is not a current rule of this community. Reload the rules and try again.', {
            rules: 'an id is not a current rule',
          })
        }
        const after = await listRules(trx, community.id)
        // Every rule with its id, title and text, before and after: an edit to a rule's text shows.
        const shape = (rs: { id: number; position: number; title: string; body: string }[]) =>
          rs.map((r) => ({ id: r.id, position: r.position, title: r.title, body: r.body }))
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'set_rules',
          target_type: 'community',
          target_id: community.id,
          before: shape(before),
          after: shape(after),
          created_at: now,
        })
      })
      return this.rules(ctx, slug)
    },

    async settings(ctx: Ctx, slug: string) {
      const { community } = await asModerator(ctx, slug)
      return settingsJson(community)
    },

    async updateSettings(ctx: Ctx, slug: string, patch: Partial<CommunitySettings> & { visibility?: Visibility }) {
      const { community, actor } = await asLead(ctx, slug)
      const before = settingsJson(community)
      const { visibility, ...rest } = patch
      const merged = communitySettings.parse({ ...settingsOf(community), ...rest })
      const nextVisibility = visibility ?? community.visibility
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        await l.updateCommunitySettings(trx, community.id, JSON.stringify(merged), nextVisibility)
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'update_settings',
          target_type: 'community',
          target_id: community.id,
          before,
          after: { ...merged, visibility: nextVisibility },
          created_at: now,
        })
      })
      return { ...merged, visibility: nextVisibility }
    },

    async watchedWords(ctx: Ctx, slug: string) {
      const { community } = await asModerator(ctx, slug)
      return (await l.listWatchedWordRows(db, community.id)).map((r) => ({ ...l.rowToWatchedWord(r), createdAt: iso(r.created_at) }))
    },

    /** How many of the community's last 1,000 published posts this word would have caught, with a few examples. */
    async dryRun(ctx: Ctx, slug: string, input: WatchedWordInput) {
      const { community } = await asLead(ctx, slug)
      const word = await validateWord(community.id, input)
      const posts = await l.recentPublishedPosts(db, community.id, 1000)
      // Read as the scan reads it: a thread's first post with its title (db/safety.ts scanText).
      const { matched, examples } = await deps.offload.dryRun(
        posts.map((p) => ({ id: p.id, threadId: p.thread_id, text: p.text })),
        { ...word, id: -1 },
      )
      return { examined: posts.length, matched, examples }
    },

    async addWatchedWord(ctx: Ctx, slug: string, input: WatchedWordInput) {
      const { community, actor } = await asLead(ctx, slug)
      const word = await validateWord(community.id, input)
      const now = clock.now()
      const row = await db.transaction().execute(async (trx) => {
        const row = await l.insertWatchedWord(trx, {
          community_id: community.id,
          phrase: word.phrase,
          whole_word: word.wholeWord ? 1 : 0,
          regex: word.regex ? 1 : 0,
          action: word.action,
          category: word.category ?? null,
          message: word.message ?? null,
          created_by: actor.id,
          created_at: now,
        })
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'add_watched_word',
          target_type: 'watched_word',
          target_id: row.id,
          after: l.rowToWatchedWord(row),
          created_at: now,
        })
        return row
      })
      return { ...l.rowToWatchedWord(row), createdAt: iso(row.created_at) }
    },

    async removeWatchedWord(ctx: Ctx, slug: string, id: number) {
      const { community, actor } = await asLead(ctx, slug)
      const row = await l.findWatchedWord(db, community.id, id)
      if (!row) throw notFound('That watched word')
      await db.transaction().execute(async (trx) => {
        await l.deleteWatchedWord(trx, id)
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'remove_watched_word',
          target_type: 'watched_word',
          target_id: id,
          before: l.rowToWatchedWord(row),
          created_at: clock.now(),
        })
      })
    },

    async crisisResources(ctx: Ctx, slug: string) {
      const community = await load(slug)
      void ctx
      return (await listCrisisResources(db, community.id)).map(crisisResourceToJson)
    },

    async setCrisisResources(
      ctx: Ctx,
      slug: string,
      resources: { name: string; contact: string; url?: string | null; region: string; hours?: string | null }[],
    ) {
      const { community, actor } = await asLead(ctx, slug)
      const before = (await listCrisisResources(db, community.id)).map(crisisResourceToJson)
      await db.transaction().execute(async (trx) => {
        await replaceCrisisResources(
          trx,
          community.id,
          resources.map((r) => ({ name: r.name, contact: r.contact, url: r.url ?? null, region: r.region, hours: r.hours ?? null })),
        )
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'set_crisis_resources',
          target_type: 'community',
          target_id: community.id,
          before,
          after: resources,
          created_at: clock.now(),
        })
      })
      return this.crisisResources(ctx, slug)
    },

    async staff(ctx: Ctx, slug: string) {
      const { community } = await asModerator(ctx, slug)
      return l.listStaff(db, community.id)
    },

    async setRole(ctx: Ctx, slug: string, handle: string, role: Role) {
      const { community, actor } = await asLead(ctx, slug)
      const user = await findUserByHandleKey(db, handle.toLowerCase())
      if (!user) throw notFound('That member')
      const membership = await findMembership(db, community.id, user.id)
      if (!membership)
        throw new AppError(400, 'not_a_member', `${user.handle} has not joined ${community.name}. They need to join (and accept its guidelines) first.`)
      // Leads appoint peer supporters and moderators; only site admins appoint or remove leads, or change a site admin's role.
      if ((role === 'lead' || membership.role === 'lead') && !actor.isAdmin) throw forbidden('Only site admins can appoint or remove leads.', 'not_an_admin')
      if (user.is_admin === 1 && !actor.isAdmin) throw forbidden(`${user.handle} is a site admin: only site admins can change their role.`, 'not_an_admin')
      await db.transaction().execute(async (trx) => {
        await setMembershipRole(trx, community.id, user.id, role)
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: role === 'member' ? 'remove_role' : 'appoint',
          target_type: 'user',
          target_id: user.id,
          before: { role: membership.role },
          after: { role },
          created_at: clock.now(),
        })
      })
      return { handle: user.handle, role }
    },

    guidelines: findGuidelines,
  }
}

export type LeadService = ReturnType<typeof createLeadService>
