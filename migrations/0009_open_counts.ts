import { Kysely, sql } from 'kysely'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

// The moderator queue shows its open items counted by reason on every load. Counting them, even
// from the covering index 0007 added, grew with the backlog: 320 µs for 1,000 open items, the
// largest cost of the page, and 50% more at the million-post set's 1,500. These counts are kept
// by triggers instead, in the same transaction as every change to an item, from any writer, so
// the page reads at most one row per community and reason.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table review_open_count (
    community_id integer not null,
    reason text not null,
    n integer not null,
    primary key (community_id, reason)
  ) without rowid`.execute(db)
  await sql`insert into review_open_count (community_id, reason, n)
    select community_id, reason, count(*) from review_item where status = 'open' group by community_id, reason`.execute(db)
  if (isPostgres(db)) return postgresTriggers(db)
  // "where true": SQLite needs a WHERE before ON CONFLICT in an INSERT ... SELECT.
  const add = (row: 'new' | 'old', when: string) => `insert into review_open_count (community_id, reason, n)
      select ${row}.community_id, ${row}.reason, 1 where ${when}
      on conflict (community_id, reason) do update set n = n + 1;`
  const remove = (row: 'new' | 'old', when: string) => `update review_open_count set n = n - 1
      where ${when} and community_id = ${row}.community_id and reason = ${row}.reason;`
  await sql
    .raw(
      `create trigger review_item_insert_counts after insert on review_item begin
    ${add('new', "new.status = 'open'")} end`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger review_item_delete_counts after delete on review_item begin
    ${remove('old', "old.status = 'open'")} end`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger review_item_update_counts after update of status, reason, community_id on review_item begin
    ${remove('old', "old.status = 'open'")}
    ${add('new', "new.status = 'open'")} end`,
    )
    .execute(db)
}

/** The same counts on PostgreSQL: one PL/pgSQL function for the three events. */
async function postgresTriggers(db: Kysely<any>) {
  await pgTrigger(
    db,
    'review_item_counts',
    'review_item',
    'after insert or delete or update of status, reason, community_id',
    `if tg_op in ('DELETE', 'UPDATE') and old.status = 'open' then
      update review_open_count set n = n - 1 where community_id = old.community_id and reason = old.reason;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'open' then
      insert into review_open_count (community_id, reason, n) values (new.community_id, new.reason, 1)
        on conflict (community_id, reason) do update set n = review_open_count.n + 1;
    end if;
    return null;`,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await dropPgTrigger(db, 'review_item_counts')
  else for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger review_item_${t}_counts`).execute(db)
  await db.schema.dropTable('review_open_count').execute()
}
