import { listActiveAdmins, listAlertContacts, listStaffForAlerts } from '../db/duty.ts'
import type { Executor } from '../db/schema.ts'
import { queueAlertHook, queueEmail } from './outbox.ts'
import { onDutyAt, parseRota } from './rota.ts'

type Contact = Awaited<ReturnType<typeof listAlertContacts>>[number]

/** Where an alert reaches a person: their verified alert address, else their verified account address. */
export function alertAddress(c: Pick<Contact, 'alert_email' | 'alert_email_verified_at' | 'email' | 'email_verified_at'>): string | undefined {
  if (c.alert_email && c.alert_email_verified_at !== null) return c.alert_email
  if (c.email && c.email_verified_at !== null) return c.email
  return undefined
}

export interface AlertItem {
  itemId: number
  communityId: number
  slug: string
  /** When the item became urgent, for the hook's age. */
  urgentAt: number
  now: number
  /** False for a moderator's escalation of an item that is not urgent (the hook says so). */
  urgent?: boolean
}

export interface AlertOutcome {
  /** Who an e-mail was written for now (a person already alerted for this item is not written again). */
  emailed: number[]
  reason: 'on_duty' | 'no_staff' | 'nobody_on_duty' | 'escalation'
}

/**
 * Why a person is mailed about an item, which keys "once per person per item per reason":
 * `on_duty` for the community's on-duty moderators when the item arrives; `beyond_duty` for
 * everyone reached past them (the admins when nobody on duty can be reached, and the leads and
 * admins on escalation). So an admin mailed at once because nobody was on duty is not mailed
 * again by the escalation of the same item, and an on-duty lead is told of the escalation.
 */
type AlertReason = 'on_duty' | 'beyond_duty'

async function mailEach(trx: Executor, item: AlertItem, contacts: Contact[], kind: 'urgent' | 'escalation', reason: AlertReason): Promise<number[]> {
  const emailed: number[] = []
  for (const c of contacts) {
    const to = alertAddress(c)
    if (!to) continue
    const id = await queueEmail(trx, {
      purpose: kind === 'urgent' ? 'urgent_alert' : 'escalation_alert',
      // The unique key decides: a verdict applied twice, a re-opened item, a second sweep, or an
      // escalation after the admins were already mailed write nothing new. The key names kept
      // from before (urgent-alert / escalation-alert) keep rows written by earlier versions valid.
      dedupeKey: `${reason === 'on_duty' ? 'urgent-alert' : 'escalation-alert'}:${item.itemId}:${c.user_id}`,
      userId: c.user_id,
      to,
      template: { name: kind === 'urgent' ? 'urgent_alert' : 'escalation', path: `/mod/items/${item.itemId}` },
      reviewItemId: item.itemId,
      unsubscribe: 'alerts',
      at: item.now,
    })
    if (id !== undefined) emailed.push(c.user_id)
  }
  return emailed
}

/**
 * An urgent item, in the verdict's transaction: the community's on-duty moderators and leads (by
 * their rota) at once. With no staff at all, or nobody on duty who can be reached, the site's
 * admins at once instead: an urgent post must reach someone. And the alert hook.
 */
export async function queueUrgentAlerts(trx: Executor, item: AlertItem): Promise<AlertOutcome> {
  const staff = await listStaffForAlerts(trx, item.communityId, ['moderator', 'lead'], item.now)
  const contacts = await listAlertContacts(
    trx,
    staff.map((s) => s.user_id),
    item.now,
  )
  const onDuty = contacts.filter((c) => c.on_duty === 1 && onDutyAt(parseRota(c.rota), item.now) && alertAddress(c))
  await queueAlertHook(
    trx,
    {
      event: 'urgent_item',
      itemId: item.itemId,
      community: item.slug,
      level: 'urgent',
      ageSeconds: Math.max(0, Math.round((item.now - item.urgentAt) / 1000)),
    },
    item.now,
  )
  if (onDuty.length > 0) return { emailed: await mailEach(trx, item, onDuty, 'urgent', 'on_duty'), reason: 'on_duty' }
  const admins = await listAlertContacts(trx, await listActiveAdmins(trx, item.now), item.now)
  return { emailed: await mailEach(trx, item, admins, 'urgent', 'beyond_duty'), reason: staff.length === 0 ? 'no_staff' : 'nobody_on_duty' }
}

/** Nobody claimed an urgent item in time, in the escalation's transaction: the community's leads and the site's admins, on duty or not. */
export async function queueEscalationAlerts(trx: Executor, item: AlertItem): Promise<AlertOutcome> {
  const leads = await listStaffForAlerts(trx, item.communityId, ['lead'], item.now)
  const ids = [...new Set([...leads.map((l) => l.user_id), ...(await listActiveAdmins(trx, item.now))])]
  const contacts = await listAlertContacts(trx, ids, item.now)
  await queueAlertHook(
    trx,
    {
      event: 'escalated_item',
      itemId: item.itemId,
      community: item.slug,
      level: item.urgent === false ? 'escalated' : 'urgent',
      ageSeconds: Math.max(0, Math.round((item.now - item.urgentAt) / 1000)),
    },
    item.now,
  )
  return { emailed: await mailEach(trx, item, contacts, 'escalation', 'beyond_duty'), reason: 'escalation' }
}
