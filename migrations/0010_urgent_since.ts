import { Kysely, sql } from 'kysely'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

// An urgent crisis item is escalated when nobody has claimed it within the community's limit. The
// limit must run from when the item became urgent, not from when it was opened: an item opened by
// a report at noon that turns urgent at four (an edit, a late verdict) would otherwise be
// escalated the minute it turned, or, claimed at noon by a moderator who walked away, never.
// Triggers keep the time from any writer, as the open counts (0009) are kept.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table review_item add column urgent_at integer`.execute(db)
  await sql`update review_item set urgent_at = updated_at where priority >= 600`.execute(db)
  if (isPostgres(db)) {
    // Set on the row as it is written, rather than by a second update after it.
    await pgTrigger(
      db,
      'review_item_insert_urgent',
      'review_item',
      'before insert',
      'new.urgent_at := new.updated_at; return new;',
      'new.priority >= 600 and new.urgent_at is null',
    )
    await pgTrigger(
      db,
      'review_item_update_urgent',
      'review_item',
      'before update of priority',
      'new.urgent_at := new.updated_at; return new;',
      'new.priority >= 600 and old.priority < 600 and new.urgent_at is null',
    )
  } else {
    await sql`create trigger review_item_insert_urgent after insert on review_item when new.priority >= 600 and new.urgent_at is null
    begin update review_item set urgent_at = new.updated_at where id = new.id; end`.execute(db)
    await sql`create trigger review_item_update_urgent after update of priority on review_item when new.priority >= 600 and old.priority < 600 and \
new.urgent_at is null
    begin update review_item set urgent_at = new.updated_at where id = new.id; end`.execute(db)
  }
  // The escalation sweep reads open urgent items not yet escalated, every few seconds.
  await sql`create index review_item_urgent_idx on review_item (urgent_at) where status = 'open' and escalated_at is null and urgent_at is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index review_item_urgent_idx`.execute(db)
  if (isPostgres(db)) {
    await dropPgTrigger(db, 'review_item_update_urgent')
    await dropPgTrigger(db, 'review_item_insert_urgent')
  } else {
    await sql`drop trigger review_item_update_urgent`.execute(db)
    await sql`drop trigger review_item_insert_urgent`.execute(db)
  }
  await sql`alter table review_item drop column urgent_at`.execute(db)
}
