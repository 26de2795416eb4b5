import { sql } from 'kysely'
import { queryRow } from './connection.ts'
import type { CommunityRow, Executor, MembershipRow, Role, Visibility } from './schema.ts'
import { greater } from './dialect.ts'

export function listCommunities(db: Executor) {
  return db.selectFrom('community').selectAll().orderBy('id').execute()
}

// The point reads below run on every page: prepared statements when the connection is idle (connection.ts).
export function findCommunityBySlug(db: Executor, slug: string) {
  return queryRow<CommunityRow>(db, 'select * from "community" where "slug" = ?', [slug])
}

export function findCommunityById(db: Executor, id: number) {
  return queryRow<CommunityRow>(db, 'select * from "community" where "id" = ?', [id])
}

export async function insertCommunity(
  db: Executor,
  row: { slug: string; name: string; description: string; visibility: Visibility; settings: string; created_at: number },
) {
  return db.insertInto('community').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findGuidelines(db: Executor, communityId: number, version: number) {
  return db.selectFrom('guidelines_version').selectAll().where('community_id', '=', communityId).where('version', '=', version).executeTakeFirst()
}

export async function insertGuidelines(
  db: Executor,
  row: { community_id: number; version: number; markdown: string; html: string; created_by: number | null; created_at: number },
) {
  await db.insertInto('guidelines_version').values(row).execute()
  await db.updateTable('community').set({ guidelines_version: row.version }).where('id', '=', row.community_id).execute()
}

export function listCrisisResources(db: Executor, communityId: number) {
  return db.selectFrom('crisis_resource').selectAll().where('community_id', '=', communityId).orderBy('position').execute()
}

/** Every community's crisis lines in one query, in community order then each one's own order. */
export function listAllCrisisResources(db: Executor) {
  return db.selectFrom('crisis_resource').selectAll().orderBy('community_id').orderBy('position').execute()
}

export async function replaceCrisisResources(
  db: Executor,
  communityId: number,
  rows: { name: string; contact: string; url: string | null; region: string; hours: string | null }[],
) {
  await db.deleteFrom('crisis_resource').where('community_id', '=', communityId).execute()
  if (rows.length === 0) return
  await db
    .insertInto('crisis_resource')
    .values(rows.map((r, i) => ({ ...r, community_id: communityId, position: i + 1 })))
    .execute()
}

export function findMembership(db: Executor, communityId: number, userId: number) {
  return queryRow<MembershipRow>(db, 'select * from "membership" where "community_id" = ? and "user_id" = ?', [communityId, userId])
}

export function listMembershipsOfUser(db: Executor, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('community', 'community.id', 'membership.community_id')
    .select([
      'community.slug',
      'community.guidelines_version',
      'membership.role',
      'membership.accepted_guidelines_version',
      'membership.silenced_until',
      'membership.joined_at',
    ])
    .where('membership.user_id', '=', userId)
    .orderBy('community.id')
    .execute()
}

/** Joins or re-accepts: one statement, so a double-submitted form cannot count a member twice. */
export async function upsertMembership(db: Executor, communityId: number, userId: number, version: number, now: number) {
  const existing = await findMembership(db, communityId, userId)
  if (existing) {
    await db
      .updateTable('membership')
      .set({ accepted_guidelines_version: greater(db, sql<number>`accepted_guidelines_version`, version) })
      .where('community_id', '=', communityId)
      .where('user_id', '=', userId)
      .execute()
    return { created: false }
  }
  await db
    .insertInto('membership')
    .values({ community_id: communityId, user_id: userId, accepted_guidelines_version: version, joined_at: now, silenced_until: null })
    .execute()
  await db
    .updateTable('community')
    .set((eb) => ({ member_count: eb('member_count', '+', 1) }))
    .where('id', '=', communityId)
    .execute()
  return { created: true }
}

export async function setMembershipRole(db: Executor, communityId: number, userId: number, role: Role) {
  await db.updateTable('membership').set({ role }).where('community_id', '=', communityId).where('user_id', '=', userId).execute()
}

export async function setSilencedUntil(db: Executor, communityId: number, userId: number, until: number) {
  await db.updateTable('membership').set({ silenced_until: until }).where('community_id', '=', communityId).where('user_id', '=', userId).execute()
}

/** The communities where the user holds one of `roles`, by name; every community when userId is 'all' (a site admin). */
export function listCommunitiesWithRole(db: Executor, userId: number | 'all', roles: readonly Role[]) {
  let q = db.selectFrom('community').select(['community.slug', 'community.name']).orderBy('community.name')
  if (userId !== 'all') {
    q = q.innerJoin('membership', 'membership.community_id', 'community.id').where('membership.user_id', '=', userId).where('membership.role', 'in', roles)
  }
  return q.execute()
}
