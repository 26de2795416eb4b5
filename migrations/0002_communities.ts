import { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('guidelines_version', 'integer', (c) => c.notNull().defaultTo(1))
    // Safety settings as one JSON document: parsed with zod at the service boundary.
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('guidelines_version')
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('guidelines_version_pk', ['community_id', 'version'])
    .execute()

  await db.schema
    .createTable('crisis_resource')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('hours', 'text')
    .execute()
  await db.schema.createIndex('crisis_resource_community_idx').on('crisis_resource').columns(['community_id', 'position']).execute()

  await db.schema
    .createTable('membership')
    .addColumn('community_id', 'integer', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('accepted_guidelines_version', 'integer', (c) => c.notNull())
    .addColumn('silenced_until', 'integer')
    .addColumn('joined_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_pk', ['community_id', 'user_id'])
    .execute()
  await db.schema.createIndex('membership_user_idx').on('membership').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('membership').execute()
  await db.schema.dropTable('crisis_resource').execute()
  await db.schema.dropTable('guidelines_version').execute()
  await db.schema.dropTable('community').execute()
}
