import { pageHeaderFlags } from '../db/notifications.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import type { createCrisisSupportService } from './crisis-support.ts'
import type { createLeadService } from './leads.ts'

/**
 * The signed-in member's page header: unread count, moderator/lead menus, and crisis lines waiting
 * after a crisis verdict. They are only read here: the page clears them once it has been sent
 * (crisisSupport.shown), so they show once. An error page passes `crisisLines: false`.
 */
export function createPageHeaderService(
  deps: ServiceDeps,
  crisisSupport: ReturnType<typeof createCrisisSupportService>,
  leads: ReturnType<typeof createLeadService>,
) {
  const { db, clock } = deps
  return {
    async forPage(ctx: Ctx, opts: { crisisLines?: boolean } = {}) {
      const a = ctx.actor
      if (!a) return { unread: 0, moderates: false, crisisSupport: null, leads: [], checkInDue: false }
      const flags = await pageHeaderFlags(db, a.id, clock.now())
      return {
        unread: flags.unread,
        // A suspended account holds no staff power, so its header offers no staff tools.
        moderates: !a.suspended && (a.isAdmin || flags.moderates),
        // The next page a member loads after a crisis verdict on their post shows the crisis lines, once.
        crisisSupport: flags.crisisPending && (opts.crisisLines ?? true) ? await crisisSupport.pending(ctx) : null,
        leads: a.isAdmin || flags.leads ? await leads.ledCommunities(ctx) : [],
        // The member's own opt-in check-in is due (issue #20): a gentle banner, never more.
        checkInDue: flags.checkInDue,
      }
    },
  }
}
