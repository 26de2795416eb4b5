import { Kysely, sql } from 'kysely'

// The health dashboard's time to first claim looks up each review item's first "claim" entry in
// the audit log. With only (community_id, id) to go by, every item read the whole log: 5.5 s for
// 1,000 items over 100,000 entries, on the event loop of the one server process.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_target_idx on audit_log (target_type, target_id, action, created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_target_idx`.execute(db)
}
