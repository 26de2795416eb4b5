import { Kysely, sql } from 'kysely'

// The send itself, recorded in the outbox row (issue #18, the double-send window): a sender claims
// a row with an attempt id before it talks to the SMTP server or hook, so no two senders hold one
// row at once; the row keeps the attempt that sent it; and a claim found again without a send or a
// clean failure (its sender died mid-send) is counted as an in-doubt resend.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox add column send_attempt text`.execute(db)
  await sql`alter table mail_outbox add column in_doubt_sends integer not null default 0`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox drop column in_doubt_sends`.execute(db)
  await sql`alter table mail_outbox drop column send_attempt`.execute(db)
}
