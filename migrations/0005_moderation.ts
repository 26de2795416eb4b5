import { Kysely, sql } from 'kysely'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community_rule')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('community_rule_idx').on('community_rule').columns(['community_id', 'position']).execute()

  await db.schema
    .createTable('report')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('reporter_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('review_item.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'integer', (c) => c.references('community_rule.id'))
    .addColumn('note', 'text')
    // The post as it was when reported: a later edit cannot hide what was reported.
    .addColumn('snapshot_body', 'text', (c) => c.notNull())
    .addColumn('snapshot_revision', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('report_post_reporter_uq').on('report').columns(['post_id', 'reporter_id']).unique().execute()
  await db.schema.createIndex('report_item_idx').on('report').column('item_id').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('community_id', 'integer', (c) => c.references('community.id'))
    .addColumn('actor_id', 'integer', (c) => c.references('user.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_community_idx').on('audit_log').columns(['community_id', 'id']).execute()
  // Append-only, enforced by the database itself.
  if (isPostgres(db)) {
    for (const event of ['update', 'delete'])
      await pgTrigger(db, `audit_log_no_${event}`, 'audit_log', `before ${event}`, "raise exception 'audit_log is append-only';")
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
  }

  await db.schema
    .createTable('check_in_message')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('review_item.id'))
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('from_moderator', 'integer', (c) => c.notNull())
    .addColumn('signed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('check_in_item_idx').on('check_in_message').columns(['item_id', 'id']).execute()
  await db.schema.createIndex('check_in_member_idx').on('check_in_message').columns(['member_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('check_in_message').execute()
  if (isPostgres(db)) for (const event of ['update', 'delete']) await dropPgTrigger(db, `audit_log_no_${event}`)
  await db.schema.dropTable('audit_log').execute()
  await db.schema.dropTable('report').execute()
  await db.schema.dropTable('community_rule').execute()
}
