import { prepared } from './connection.ts'
import type { Executor } from './schema.ts'

const INSERT_OUTBOX_ROW = prepared((db, p: { post_id: number; revision: number; created_at: number }) =>
  db.insertInto('outbox').values({ post_id: p.post_id, revision: p.revision, created_at: p.created_at }).onConflict((oc) => oc.columns(['post_id', 'revision']).doNothing()),
)

export async function insertOutboxRow(db: Executor, postId: number, revision: number, at: number) {
  await INSERT_OUTBOX_ROW.run(db, { post_id: postId, revision, created_at: at })
}
