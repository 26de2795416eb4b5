import { Kysely, sql } from 'kysely'
import unhomoglyph from 'unhomoglyph'

// Frozen in time: never import application code here. Changes from one round of hardening
// (issue 16), each in its own section.

/** server/services/handles.ts's handleSkeleton as it was when this migration was written. */
function skeleton(handle: string): string {
  const folded = unhomoglyph(handle.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, ''))
  return unhomoglyph(folded.toLowerCase()).replace(/[\s_.-]+/g, '')
}

export async function up(db: Kysely<any>): Promise<void> {
  // 1. Look-alike handles. Registration refuses a handle whose skeleton (Iead1 and lead1 share
  // one) another account has: an indexed lookup. Not unique: accounts made before may share one.
  await sql`alter table user add column handle_skeleton text not null default ''`.execute(db)
  const users = await sql<{ id: number; handle: string }>`select id, handle from user`.execute(db)
  for (const u of users.rows) await sql`update user set handle_skeleton = ${skeleton(u.handle)} where id = ${u.id}`.execute(db)
  await sql`create index user_handle_skeleton_idx on user (handle_skeleton)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index user_handle_skeleton_idx`.execute(db)
  await sql`alter table user drop column handle_skeleton`.execute(db)
}
