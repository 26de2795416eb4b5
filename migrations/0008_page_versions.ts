import { Kysely, sql } from 'kysely'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

// Version stamps for cached pages (server/services/page-cache.ts). Triggers keep them, so every
// writer (the server, the verdict consumer, the CLI, a future tool) invalidates a cached page
// without having to know the cache exists:
// - thread.version moves whenever the thread row or any of its posts is written, changed or deleted;
// - community.version moves whenever the community row or any of its threads changes.
// A post's author handle is the one other thing a page shows, and handles never change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table thread add column version integer not null default 0`.execute(db)
  await sql`alter table community add column version integer not null default 0`.execute(db)
  if (isPostgres(db)) return postgresTriggers(db)
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

/**
 * The same on PostgreSQL. A row's own version moves before the update is written (no second
 * update of the row, as SQLite's after-trigger needs), and only when the update left it alone.
 */
async function postgresTriggers(db: Kysely<any>) {
  const parentMoves = (table: string, parent: string, column: string) =>
    pgTrigger(
      db,
      `${table}_moves_${parent}_version`,
      table,
      'after insert or update or delete',
      `update ${parent} set version = version + 1 where id = (case when tg_op = 'DELETE' then old.${column} else new.${column} end); return null;`,
    )
  await parentMoves('post', 'thread', 'thread_id')
  await parentMoves('thread', 'community', 'community_id')
  for (const table of ['thread', 'community'])
    await pgTrigger(db, `${table}_update_moves_version`, table, 'before update', 'new.version := old.version + 1; return new;', 'new.version = old.version')
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['post_moves_thread', 'thread_moves_community', 'thread_update_moves', 'community_update_moves']) await dropPgTrigger(db, `${t}_version`)
    await sql`alter table thread drop column version`.execute(db)
    await sql`alter table community drop column version`.execute(db)
    return
  }
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger post_${event}_moves_thread_version`).execute(db)
    await sql.raw(`drop trigger thread_${event}_moves_community_version`).execute(db)
  }
  await sql`drop trigger thread_update_moves_version`.execute(db)
  await sql`drop trigger community_update_moves_version`.execute(db)
  await sql`alter table thread drop column version`.execute(db)
  await sql`alter table community drop column version`.execute(db)
}
