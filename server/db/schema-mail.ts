// Tables of migrations 0014 and 0019 (issue #18: the mail outbox, members' mail tokens, the duty
// rota), kept apart from schema.ts as schema-reading.ts is.
import type { Generated } from 'kysely'

export interface MailOutboxTable {
  id: Generated<number>
  kind: 'email' | 'webhook'
  purpose: string
  dedupe_key: string
  user_id: number | null
  review_item_id: number | null
  to_address: string | null
  /** JSON of what to send; cleared once sent (a reset link must not outlive its send). */
  payload: string | null
  created_at: number
  attempts: Generated<number>
  next_attempt_at: number
  dispatched_at: number | null
  sent_at: number | null
  last_error: string | null
  /**
   * The attempt that holds the row for sending (set before the SMTP server or hook is called), or
   * that sent it; cleared on a clean failure. Found set on a row that is due again: its sender died
   * mid-send, so the next send is in doubt (the message may already have arrived).
   */
  send_attempt: string | null
  in_doubt_sends: Generated<number>
}

export interface UserTokenTable {
  id: Generated<number>
  user_id: number
  purpose: string
  token_hash: string
  email: string | null
  data: string | null
  created_at: number
  expires_at: number | null
  used_at: number | null
}

export interface DutyTable {
  user_id: number
  on_duty: Generated<number>
  alert_email: string | null
  alert_email_verified_at: number | null
  rota: string | null
  updated_at: number
}

export interface MailTables {
  mail_outbox: MailOutboxTable
  user_token: UserTokenTable
  duty: DutyTable
}
