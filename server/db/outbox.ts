import type { Executor } from './schema.ts'

export async function insertOutboxRow(db: Executor, postId: number, revision: number, at: number) {
  await db
    .insertInto('outbox')
    .values({ post_id: postId, revision, created_at: at })
    .onConflict((oc) => oc.columns(['post_id', 'revision']).doNothing())
    .execute()
}
