import { Kysely, sql } from 'kysely'
import { isPostgres } from './postgres.ts'

// Frozen in time: never import application code here. Full-text search (issue 21).
//
// post_fts is an external-content FTS5 index over the view post_search_source: one row per post
// that is not deleted, holding the post's words and, for a thread's first post, the thread's title.
// The index stores no copy of the text. Held, hidden and removed posts stay in it (moderators
// search them); the reader's query filters them out. A deleted post leaves it at once, by trigger,
// whatever wrote the deletion: deletion is final (0012), so nothing ever brings one back.
//
// External content means every delete must give FTS5 the values it indexed, so the triggers read
// the title through the same view the index was built from ("first post" = lowest id in the thread,
// true from the moment the post is written, before thread.first_post_id is set), and an edit
// deletes with the old body before it inserts the new one.

const SOURCE_TITLE = (post: string, thread: string) =>
  `case when ${post}.id = (select min(f.id) from post f where f.thread_id = ${post}.thread_id) then ${thread}.title else '' end`

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create view post_search_source as
        select p.id as id, ${SOURCE_TITLE('p', 't')} as title, p.body as body
        from post p join thread t on t.id = p.thread_id
        where p.status != 'deleted'`,
    )
    .execute(db)
  if (isPostgres(db)) return postgresSearch(db)
  // unicode61 with diacritics folded: "cafe" finds "café". Titles weigh more than bodies in bm25.
  await sql`create virtual table post_fts using fts5(
      title, body,
      content = 'post_search_source', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db)

  await sql`create trigger post_fts_insert after insert on post when new.status != 'deleted'
    begin
      insert into post_fts (rowid, title, body) select id, title, body from post_search_source where id = new.id;
    end`.execute(db)
  // One trigger for edits and deletion, so an update that does both (none does today) stays in step.
  await sql
    .raw(
      `create trigger post_fts_update after update of body, status on post
    when old.status != 'deleted' and (old.body is not new.body or new.status = 'deleted')
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', old.id, ${SOURCE_TITLE('old', 't')}, old.body from thread t where t.id = old.thread_id;
      insert into post_fts (rowid, title, body)
        select id, title, body from post_search_source where id = new.id;
    end`,
    )
    .execute(db)
  // Titles do not change today; if one ever does, its first post's entry follows.
  await sql`create trigger post_fts_title after update of title on thread when old.title is not new.title
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', p.id, old.title, p.body from post p
        where p.id = (select min(id) from post where thread_id = new.id) and p.status != 'deleted';
      insert into post_fts (rowid, title, body)
        select id, title, body from post_search_source where id = (select min(id) from post where thread_id = new.id);
    end`.execute(db)
  // A hard delete (none today: posts are kept as deleted) still leaves nothing behind.
  await sql`create trigger post_fts_row_delete after delete on post when old.status != 'deleted'
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', old.id, case when exists (select 1 from post f where f.thread_id = old.thread_id and f.id < old.id) then '' else t.title end, old.body
        from thread t where t.id = old.thread_id;
    end`.execute(db)

  // Back-fill from what is there: one pass over the view.
  await sql`insert into post_fts (post_fts) values ('rebuild')`.execute(db)
}

/**
 * PostgreSQL has no FTS5: its full-text search is a tsvector, here over the same view's words,
 * with GIN indexes on the post bodies and the thread titles it reads them from. The index follows
 * every write by itself, so no triggers are needed. ('simple': no language's stemming, as unicode61.)
 */
async function postgresSearch(db: Kysely<any>) {
  await sql`create index post_body_search_idx on post using gin (to_tsvector('simple', body)) where status != 'deleted'`.execute(db)
  await sql`create index thread_title_search_idx on thread using gin (to_tsvector('simple', title))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index thread_title_search_idx`.execute(db)
    await sql`drop index post_body_search_idx`.execute(db)
    await sql`drop view post_search_source`.execute(db)
    return
  }
  for (const t of ['post_fts_insert', 'post_fts_update', 'post_fts_title', 'post_fts_row_delete']) await sql.raw(`drop trigger ${t}`).execute(db)
  await sql`drop table post_fts`.execute(db)
  await sql`drop view post_search_source`.execute(db)
}
