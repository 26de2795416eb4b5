import { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watched_word')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('whole_word', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('regex', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('message', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('user.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('watched_word_community_idx').on('watched_word').columns(['community_id', 'id']).execute()
  // Health dashboard: a community's posts by time.
  await db.schema.createIndex('post_community_created_idx').on('post').columns(['community_id', 'created_at']).execute()
  await db.schema.createIndex('review_item_community_created_idx').on('review_item').columns(['community_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('review_item_community_created_idx').execute()
  await db.schema.dropIndex('post_community_created_idx').execute()
  await db.schema.dropTable('watched_word').execute()
}
