import { AppError, forbidden, notFound, unauthenticated } from '../errors.ts'
import type { CommunityRow, MembershipRow } from '../db/schema.ts'
import type { Actor } from './context.ts'
import { utcMinute } from './words.ts'

export { ROLES, type Role } from '../db/schema.ts'

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw unauthenticated()
  return actor
}

// Staff powers pause while an account is suspended: someone suspended for misuse must not keep
// working the review queue or changing a community's settings. The role itself stays, so the
// powers come back when the suspension ends.
export function isModerator(actor: Actor | undefined, membership: MembershipRow | undefined): boolean {
  if (!actor || actor.suspended) return false
  if (actor.isAdmin) return true
  return membership?.role === 'moderator' || membership?.role === 'lead'
}

export function isLead(actor: Actor | undefined, membership: MembershipRow | undefined): boolean {
  if (!actor || actor.suspended) return false
  return actor.isAdmin || membership?.role === 'lead'
}

/** Called before a moderator, lead or admin check, so a suspended member learns why, not "you are not a moderator". */
export function assertNotSuspended(actor: Actor): void {
  if (!actor.suspended) return
  const until = actor.suspendedUntil === null ? '' : ` until ${formatUntil(actor.suspendedUntil)}`
  throw forbidden(`Your account is suspended${until}. Moderator, lead and admin tools are unavailable until then; you can still read.`, 'suspended')
}

export function canRead(community: CommunityRow, actor: Actor | undefined, isMember: boolean): boolean {
  switch (community.visibility) {
    case 'public':
      return true
    case 'signed_in':
      return actor !== undefined
    default:
      return actor?.isAdmin === true || isMember
  }
}

export function assertCanRead(community: CommunityRow, actor: Actor | undefined, membership: MembershipRow | undefined) {
  if (canRead(community, actor, membership !== undefined)) return
  if (!actor) throw new AppError(401, 'not_signed_in', `Sign in to read ${community.name}.`)
  throw forbidden(`Only members can read ${community.name}. Join it to read and post.`, 'members_only')
}

/**
 * Reading one thing by its id (a thread, a post) in a community the viewer may not read: the same
 * 404 as for an id that does not exist, so that nobody learns from the answer that it exists or
 * which community holds it. Only a guest at the door of a community any account may read is asked
 * to sign in, without naming it.
 */
export function assertCanReadItem(community: CommunityRow, actor: Actor | undefined, membership: MembershipRow | undefined, what: string) {
  if (canRead(community, actor, membership !== undefined)) return
  if (!actor && community.visibility === 'signed_in') throw new AppError(401, 'not_signed_in', 'Sign in to read this.')
  throw notFound(what)
}

const formatUntil = utcMinute

/** Everything that must hold before a member writes in a community. */
export function assertCanPost(actor: Actor | undefined, community: CommunityRow, membership: MembershipRow | undefined, now: number): Actor {
  const a = requireActor(actor)
  if (a.suspendedUntil !== null && a.suspendedUntil > now) {
    throw forbidden(`Your account is suspended until ${formatUntil(a.suspendedUntil)}. You can still read.`, 'suspended')
  }
  if (!membership) {
    throw forbidden(`Join ${community.name} and accept its guidelines to post here.`, 'not_a_member')
  }
  if (membership.accepted_guidelines_version < community.guidelines_version) {
    throw forbidden(
      `${community.name} has updated its guidelines (version ${community.guidelines_version}). Read and accept them to post again.`,
      'guidelines_not_accepted',
    )
  }
  if (membership.silenced_until !== null && membership.silenced_until > now) {
    throw forbidden(`A moderator has paused your posting in ${community.name} until ${formatUntil(membership.silenced_until)}. You can still read.`, 'silenced')
  }
  return a
}
