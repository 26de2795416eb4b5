import { Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // One row per applied (post, revision): the database, not the job id, makes verdicts idempotent.
  await db.schema
    .createTable('applied_verdict')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('crisis', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('applied_verdict_pk', ['post_id', 'revision'])
    .execute()

  await db.schema
    .createTable('review_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'integer', (c) => c.references('user.id'))
    .addColumn('claimed_at', 'integer')
    .addColumn('escalated_at', 'integer')
    .addColumn('resolved_by', 'integer', (c) => c.references('user.id'))
    .addColumn('resolved_at', 'integer')
    .addColumn('resolution', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  // One open item per post (the Discourse lesson): new signals join it.
  await sql`create unique index review_item_open_post_uq on review_item (post_id) where status = 'open'`.execute(db)
  await sql`create index review_item_queue_idx on review_item (community_id, status, priority desc, created_at, id)`.execute(db)
  await sql`create index review_item_open_idx on review_item (status, priority desc, created_at, id)`.execute(db)

  await db.schema
    .createTable('review_signal')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('review_item.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('revision', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('review_signal_item_idx').on('review_signal').columns(['item_id', 'id']).execute()

  // Crisis resources waiting to be shown to a member on their next page load.
  await db.schema
    .createTable('crisis_prompt')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crisis_prompt').execute()
  await db.schema.dropTable('review_signal').execute()
  await db.schema.dropTable('review_item').execute()
  await db.schema.dropTable('applied_verdict').execute()
}
