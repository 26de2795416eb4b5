import { Kysely, sql } from 'kysely'

// Version stamps for cached pages (server/services/page-cache.ts). Triggers keep them, so every
// writer (the server, the verdict consumer, the CLI, a future tool) invalidates a cached page
// without having to know the cache exists:
// - thread.version moves whenever the thread row or any of its posts is written, changed or deleted;
// - community.version moves whenever the community row or any of its threads changes.
// A post's author handle is the one other thing a page shows, and handles never change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table thread add column version integer not null default 0`.execute(db)
  await sql`alter table community add column version integer not null default 0`.execute(db)
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await sql
      .raw(
        `create trigger post_${event}_moves_thread_version after ${event} on post
      begin update thread set version = version + 1 where id = ${row}.thread_id; end`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger thread_${event}_moves_community_version after ${event} on thread
      begin update community set version = version + 1 where id = ${row}.community_id; end`,
      )
      .execute(db)
  }
  // recursive_triggers is off, so these triggers' own updates do not fire them again.
  await sql`create trigger thread_update_moves_version after update on thread when new.version = old.version
    begin update thread set version = version + 1 where id = new.id; end`.execute(db)
  await sql`create trigger community_update_moves_version after update on community when new.version = old.version
    begin update community set version = version + 1 where id = new.id; end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger post_${event}_moves_thread_version`).execute(db)
    await sql.raw(`drop trigger thread_${event}_moves_community_version`).execute(db)
  }
  await sql`drop trigger thread_update_moves_version`.execute(db)
  await sql`drop trigger community_update_moves_version`.execute(db)
  await sql`alter table thread drop column version`.execute(db)
  await sql`alter table community drop column version`.execute(db)
}
