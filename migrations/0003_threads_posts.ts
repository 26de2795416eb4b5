import { Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('thread')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('first_post_id', 'integer')
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    // visible | held | hidden | removed | deleted: mirrors the first post, so lists need no join.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('last_activity_at', 'integer', (c) => c.notNull())
    .execute()
  // Keyset pagination of a community's threads, most recent activity first.
  await db.schema.createIndex('thread_community_activity_idx').on('thread').columns(['community_id', 'last_activity_at desc', 'id desc']).execute()

  await db.schema
    .createTable('post')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('thread.id'))
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('reply_to_id', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    // Warnings the author chose, and the effective set (author's plus the pipeline's).
    .addColumn('author_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('content_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('edited_at', 'integer')
    .addColumn('deleted_at', 'integer')
    .execute()
  await db.schema.createIndex('post_thread_idx').on('post').columns(['thread_id', 'id']).execute()
  await db.schema.createIndex('post_author_idx').on('post').columns(['author_id', 'id']).execute()
  await db.schema.createIndex('post_community_idx').on('post').columns(['community_id', 'id']).execute()

  await db.schema
    .createTable('post_revision')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_revision_pk', ['post_id', 'revision'])
    .execute()

  // Transactional outbox: written with the post, drained to the safety pipeline after commit.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'integer')
    .execute()
  await db.schema.createIndex('outbox_post_rev_uq').on('outbox').columns(['post_id', 'revision']).unique().execute()
  await sql`create index outbox_pending_idx on outbox (sent_at, id) where done_at is null`.execute(db)

  await db.schema
    .createTable('notification')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'integer')
    .execute()
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'id desc']).execute()
  await sql`create index notification_unread_idx on notification (user_id) where read_at is null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification').execute()
  await db.schema.dropTable('outbox').execute()
  await db.schema.dropTable('post_revision').execute()
  await db.schema.dropTable('post').execute()
  await db.schema.dropTable('thread').execute()
}
