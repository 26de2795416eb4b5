// The bench dataset's accounts: members spread over the communities (the first few of each are
// its lead and moderators), and the known accounts the load generator signs in as.
import type SQLite from 'better-sqlite3'
import { handleSkeleton } from '../../server/services/handles.ts'
import type { Rng } from './text.ts'

export const BENCH_MEMBER_COUNT = 100
export const benchMemberHandle = (i: number) => `bench_member_${String(i + 1).padStart(3, '0')}`
export const BENCH_MODERATOR = 'bench_moderator'
export const BENCH_READER = 'bench_reader'
const DAY = 86_400_000

export function insertMembers(
  db: SQLite.Database,
  r: Rng,
  opts: { memberCount: number; start: number; communities: { id: number }[]; communityWeights: number[]; passwordHash: string },
) {
  const { memberCount, start, communities, communityWeights, passwordHash } = opts
  const insUser = db.prepare(
    'insert into user (id, handle, handle_key, handle_skeleton, password_hash, email, is_admin, post_count, created_at) values (?, ?, ?, ?, ?, ?, 0, 0, ?)',
  )
  const userCreated: number[] = [0]
  const handles: string[] = ['']
  const insMembership = db.prepare(
    'insert into membership (community_id, user_id, role, accepted_guidelines_version, silenced_until, joined_at) values (?, ?, ?, 1, null, ?)',
  )
  const communityMembers: number[][] = communities.map(() => [])
  const communityStaff: number[][] = communities.map(() => [])
  let memberships = 0
  const benchIds: number[] = []
  let moderatorId = 0
  let readerId = 0
  db.transaction(() => {
    let id = 0
    const addUser = (handle: string, created: number, email: string | null) => {
      id++
      insUser.run(id, handle, handle.toLowerCase(), handleSkeleton(handle), passwordHash, email, created)
      userCreated.push(created)
      handles.push(handle)
      return id
    }
    for (let i = 0; i < memberCount; i++) {
      const created = start + Math.floor(730 * DAY * Math.sqrt(r()) * 0.98)
      const uid = addUser(`member${String(i + 1).padStart(5, '0')}`, created, r() < 0.4 ? `member${i + 1}@example.org` : null)
      const k = r() < 0.6 ? 1 : r() < 0.75 ? 2 : r() < 0.8 ? 3 : 4
      const chosen = new Set<number>()
      while (chosen.size < k) {
        let x = r()
        let ci = 0
        while (ci < communityWeights.length - 1 && x >= communityWeights[ci]!) x -= communityWeights[ci++]!
        chosen.add(ci)
      }
      for (const ci of chosen) {
        // The first few members of each community are its lead and moderators.
        const role = communityMembers[ci]!.length === 0 ? 'lead' : communityMembers[ci]!.length < 4 ? 'moderator' : 'member'
        insMembership.run(communities[ci]!.id, uid, role, created)
        communityMembers[ci]!.push(uid)
        if (role !== 'member') communityStaff[ci]!.push(uid)
        memberships++
      }
    }
    const benchCreated = start
    for (let i = 0; i < BENCH_MEMBER_COUNT; i++) benchIds.push(addUser(benchMemberHandle(i), benchCreated, null))
    moderatorId = addUser(BENCH_MODERATOR, benchCreated, null)
    readerId = addUser(BENCH_READER, benchCreated, null)
    for (const c of communities) {
      for (const uid of [...benchIds, readerId]) {
        insMembership.run(c.id, uid, 'member', benchCreated)
        memberships++
      }
      insMembership.run(c.id, moderatorId, 'moderator', benchCreated)
      communityStaff[communities.indexOf(c)]!.push(moderatorId)
      memberships++
    }
  })()
  return { userCreated, handles, communityMembers, communityStaff, memberships, benchIds, moderatorId, readerId }
}
