import { Kysely, sql } from 'kysely'

// Moderators' answer to "was the safety pipeline's flag right?", given when they resolve an item the
// pipeline raised: the labels a person judged right for that post (all four, so a row is a complete
// training label whatever the answer). `alongside safety export-labels` writes them as corpus lines,
// and `alongside safety train` learns from them. One answer per review item; a later one replaces it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table safety_feedback (
    id integer primary key,
    item_id integer not null unique references review_item(id),
    post_id integer not null references post(id),
    revision integer not null,
    community_id integer not null references community(id),
    moderator_id integer not null references user(id),
    flag_right integer not null check (flag_right in (0, 1)),
    crisis text not null check (crisis in ('none', 'concern', 'urgent')),
    warnings text not null default '[]',
    spam integer not null check (spam in (0, 1)),
    contact integer not null check (contact in (0, 1)),
    created_at integer not null
  )`.execute(db)
  await sql`create index safety_feedback_created_idx on safety_feedback (created_at, id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table safety_feedback`.execute(db)
}
