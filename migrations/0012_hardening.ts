import { Kysely, sql } from 'kysely'
import unhomoglyph from 'unhomoglyph'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

// Frozen in time: never import application code here. Changes from one round of hardening
// (issue 16), each in its own section.

/** server/services/handles.ts's handleSkeleton as it was when this migration was written. */
function skeleton(handle: string): string {
  const folded = unhomoglyph(handle.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, ''))
  return unhomoglyph(folded.toLowerCase()).replace(/[\s_.-]+/g, '')
}

const WITHHELD = `('held', 'hidden', 'removed')`

export async function up(db: Kysely<any>): Promise<void> {
  // 1. Look-alike handles. Registration refuses a handle whose skeleton (Iead1 and lead1 share
  // one) another account has: an indexed lookup. Not unique: accounts made before may share one.
  await sql`alter table user add column handle_skeleton text not null default ''`.execute(db)
  const users = await sql<{ id: number; handle: string }>`select id, handle from user`.execute(db)
  for (const u of users.rows) await sql`update user set handle_skeleton = ${skeleton(u.handle)} where id = ${u.id}`.execute(db)
  await sql`create index user_handle_skeleton_idx on user (handle_skeleton)`.execute(db)

  // 2. Public counters count what readers can see. A post written held does not count or move its
  // thread (the service leaves them alone); these keep them right when a moderator or a verdict
  // changes a status later, from any writer: a reply out of "held" counts (and, made visible,
  // is new activity at the time it was written), a reply into "held" stops counting and no longer
  // dates the thread's last activity (its first post always does); a thread in or out of held,
  // hidden or removed leaves or joins its community's count.
  if (isPostgres(db)) await postgresCounterTriggers(db)
  else {
    await sql`create trigger post_held_moves_reply_count after update of status on post
    when (old.status = 'held') != (new.status = 'held')
    begin
      update thread set
        reply_count = reply_count + case when first_post_id = new.id then 0 when new.status = 'held' then -1 else 1 end,
        last_activity_at = case
          when new.status = 'held' then coalesce((select max(p.created_at) from post p where p.thread_id = new.thread_id and (p.status != 'held' or \
p.id = thread.first_post_id)), created_at)
          when new.status = 'visible' then max(last_activity_at, new.created_at)
          else last_activity_at end
        where id = new.thread_id;
      update community set last_activity_at = max(coalesce(last_activity_at, 0), new.created_at)
        where id = new.community_id and new.status = 'visible';
    end`.execute(db)
    await sql
      .raw(
        `create trigger thread_withheld_moves_thread_count after update of status on thread
    when (old.status in ${WITHHELD}) != (new.status in ${WITHHELD})
    begin
      update community set
        thread_count = thread_count + case when new.status in ${WITHHELD} then -1 else 1 end,
        last_activity_at = case when new.status in ${WITHHELD} then last_activity_at else max(coalesce(last_activity_at, 0), new.last_activity_at) end
        where id = new.community_id;
    end`,
      )
      .execute(db)
  }
  // Counters as they would have been: only threads holding a held post, and every community.
  await sql`update thread set
      reply_count = (select count(*) from post p where p.thread_id = thread.id and p.status != 'held' and p.id != thread.first_post_id),
      last_activity_at = coalesce((select max(p.created_at) from post p where p.thread_id = thread.id and (p.status != 'held' or p.id = \
thread.first_post_id)), created_at)
    where id in (select thread_id from post where status = 'held')`.execute(db)
  await sql
    .raw(`update community set thread_count = (select count(*) from thread t where t.community_id = community.id and t.status not in ${WITHHELD})`)
    .execute(db)

  // 3. Deletion is final: nothing brings back a post (or a thread) its author deleted. The
  // services never try; this holds for any writer, and leaves the row as it was.
  if (isPostgres(db)) await postgresFinalTriggers(db)
  else {
    await sql`create trigger post_deletion_is_final before update of status on post
    when old.status = 'deleted' and new.status != 'deleted'
    begin select raise(ignore); end`.execute(db)
    await sql`create trigger thread_deletion_is_final before update of status on thread
    when old.status = 'deleted' and new.status != 'deleted'
    begin select raise(ignore); end`.execute(db)
  }

  // 4. Staff and peer-supporter badges on posts come from roles, read with the page's posts. A
  // cached thread page is keyed on its thread's version and its community's roles_version, which
  // these move whenever a role that shows (or an admin flag, or a suspension, which pauses staff
  // powers) changes: a removed moderator's badge goes at once.
  await sql`alter table community add column roles_version integer not null default 0`.execute(db)
  if (isPostgres(db)) await postgresRolesTriggers(db)
  else {
    await sql`create trigger membership_insert_moves_roles_version after insert on membership when new.role != 'member'
    begin update community set roles_version = roles_version + 1 where id = new.community_id; end`.execute(db)
    await sql`create trigger membership_delete_moves_roles_version after delete on membership when old.role != 'member'
    begin update community set roles_version = roles_version + 1 where id = old.community_id; end`.execute(db)
    await sql`create trigger membership_role_moves_roles_version after update of role on membership when old.role != new.role
    begin update community set roles_version = roles_version + 1 where id = new.community_id; end`.execute(db)
    await sql`create trigger user_staff_moves_roles_version after update of is_admin, suspended_until on user
    when old.is_admin != new.is_admin or old.suspended_until is not new.suspended_until
    begin
      update community set roles_version = roles_version + 1
        where new.is_admin = 1 or old.is_admin = 1 or id in (select community_id from membership where user_id = new.id and role != 'member');
    end`.execute(db)
  }
}

// PostgreSQL's versions of the triggers above, section by section: the same conditions and the
// same updates, in PL/pgSQL (greatest() for SQLite's two-argument max(), `is distinct from` for
// `is not`, and a before-trigger returning null for raise(ignore): the row is left as it was).
async function postgresCounterTriggers(db: Kysely<any>) {
  await pgTrigger(
    db,
    'post_held_moves_reply_count',
    'post',
    'after update of status',
    `update thread set
        reply_count = reply_count + case when first_post_id = new.id then 0 when new.status = 'held' then -1 else 1 end,
        last_activity_at = case
          when new.status = 'held' then coalesce((select max(p.created_at) from post p where p.thread_id = new.thread_id and (p.status != 'held' or \
p.id = thread.first_post_id)), created_at)
          when new.status = 'visible' then greatest(last_activity_at, new.created_at)
          else last_activity_at end
        where id = new.thread_id;
      update community set last_activity_at = greatest(coalesce(last_activity_at, 0), new.created_at)
        where id = new.community_id and new.status = 'visible';
      return null;`,
    "(old.status = 'held') != (new.status = 'held')",
  )
  await pgTrigger(
    db,
    'thread_withheld_moves_thread_count',
    'thread',
    'after update of status',
    `update community set
        thread_count = thread_count + case when new.status in ${WITHHELD} then -1 else 1 end,
        last_activity_at = case when new.status in ${WITHHELD} then last_activity_at else greatest(coalesce(last_activity_at, 0), new.last_activity_at) end
        where id = new.community_id;
      return null;`,
    `(old.status in ${WITHHELD}) != (new.status in ${WITHHELD})`,
  )
}

async function postgresFinalTriggers(db: Kysely<any>) {
  for (const table of ['post', 'thread'])
    await pgTrigger(db, `${table}_deletion_is_final`, table, 'before update of status', 'return null;', "old.status = 'deleted' and new.status != 'deleted'")
}

async function postgresRolesTriggers(db: Kysely<any>) {
  const bump = (row: 'new' | 'old') => `update community set roles_version = roles_version + 1 where id = ${row}.community_id; return null;`
  await pgTrigger(db, 'membership_insert_moves_roles_version', 'membership', 'after insert', bump('new'), "new.role != 'member'")
  await pgTrigger(db, 'membership_delete_moves_roles_version', 'membership', 'after delete', bump('old'), "old.role != 'member'")
  await pgTrigger(db, 'membership_role_moves_roles_version', 'membership', 'after update of role', bump('new'), 'old.role != new.role')
  await pgTrigger(
    db,
    'user_staff_moves_roles_version',
    '"user"',
    'after update of is_admin, suspended_until',
    `update community set roles_version = roles_version + 1
        where new.is_admin = 1 or old.is_admin = 1 or id in (select community_id from membership where user_id = new.id and role != 'member');
      return null;`,
    'old.is_admin != new.is_admin or old.suspended_until is distinct from new.suspended_until',
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['membership_insert', 'membership_delete', 'membership_role', 'user_staff']) await dropPgTrigger(db, `${t}_moves_roles_version`)
    await sql`alter table community drop column roles_version`.execute(db)
    for (const t of ['thread_deletion_is_final', 'post_deletion_is_final', 'thread_withheld_moves_thread_count', 'post_held_moves_reply_count'])
      await dropPgTrigger(db, t)
  } else {
    for (const t of ['membership_insert', 'membership_delete', 'membership_role', 'user_staff'])
      await sql.raw(`drop trigger ${t}_moves_roles_version`).execute(db)
    await sql`alter table community drop column roles_version`.execute(db)
    await sql`drop trigger thread_deletion_is_final`.execute(db)
    await sql`drop trigger post_deletion_is_final`.execute(db)
    await sql`drop trigger thread_withheld_moves_thread_count`.execute(db)
    await sql`drop trigger post_held_moves_reply_count`.execute(db)
  }
  await sql`drop index user_handle_skeleton_idx`.execute(db)
  await sql`alter table user drop column handle_skeleton`.execute(db)
}
