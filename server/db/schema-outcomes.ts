// Tables of migration 0018 (issue #20: members' wellbeing check-ins, the leads' aggregates, the
// moderators' debrief notes), kept apart from schema.ts as schema-reading.ts is.
import type { Generated, Selectable } from 'kysely'

/** A member's opt-in to wellbeing check-ins (migration 0018): theirs alone. */
export interface OutcomeEnrolmentTable {
  user_id: number
  community_id: number
  interval_days: 14 | 28
  paused: Generated<number>
  remind_by_email: Generated<number>
  consented_at: number
  next_due_at: number
  reminded_at: number | null
  updated_at: number
}

/** One check-in's scores: WHO-5 raw 0-25, 3-item loneliness 3-9, hope 0-10. Never shown to anyone but the member. */
export interface OutcomeCheckInTable {
  id: Generated<number>
  user_id: number
  community_id: number
  created_at: number
  wellbeing: number
  loneliness: number
  hope: number
}

/** Per member, community and UTC calendar quarter: count, first and last scores (triggers, migration 0018). */
export interface OutcomeMemberQuarterTable {
  community_id: number
  quarter_start: number
  user_id: number
  n: number
  first_wellbeing: number
  first_loneliness: number
  first_hope: number
  last_wellbeing: number
  last_loneliness: number
  last_hope: number
}

/** Per community and quarter, how many members have each last score and each change (triggers, migration 0018). */
export interface OutcomeHistogramTable {
  community_id: number
  quarter_start: number
  k: 'wellbeing' | 'loneliness' | 'hope' | 'change_wellbeing' | 'change_loneliness' | 'change_hope'
  v: number
  n: number
}

/** A moderator's "ask a lead for a debrief": a private note to the community's leads. */
export interface DebriefRequestTable {
  id: Generated<number>
  community_id: number
  moderator_id: number
  note: string | null
  created_at: number
}

export interface OutcomeTables {
  outcome_enrolment: OutcomeEnrolmentTable
  outcome_check_in: OutcomeCheckInTable
  outcome_member_quarter: OutcomeMemberQuarterTable
  outcome_histogram: OutcomeHistogramTable
  debrief_request: DebriefRequestTable
}

export type OutcomeEnrolmentRow = Selectable<OutcomeEnrolmentTable>
export type OutcomeCheckInRow = Selectable<OutcomeCheckInTable>
