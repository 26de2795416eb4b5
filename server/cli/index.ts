import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { hashPassword } from '../auth/password.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { findCommunityBySlug, findMembership, setMembershipRole, upsertMembership } from '../db/communities.ts'
import { migrateDown, migrateToLatest, openDatabase } from '../db/database.ts'
import { findUserByHandleKey, insertUser, setAdmin } from '../db/users.ts'
import { seedCommunities } from '../seed/communities.ts'
import { ROLES } from '../services/authz.ts'
import { handleKey } from '../services/auth.ts'
import { handleSkeleton } from '../services/handles.ts'
import { handleField } from '../http/schemas/auth.ts'

const USAGE = `Usage: alongside <command> [options]

Commands:
  migrate [--down]                         apply all migrations (or roll all back with --down)
  seed                                     create the demo communities if missing
  user create --handle H --password P [--admin]
  role grant --handle H --community SLUG --role member|peer_supporter|moderator|lead
  backup [--out FILE]                      consistent online copy of the database
  safety classify                          JSON lines on stdin -> verdict lines on stdout
                                           (every warning category on, as evaluation expects)

Configuration comes from the environment (DATABASE_PATH, ...): see README.md.`

class CliError extends Error {}

function fail(message: string): never {
  throw new CliError(message)
}

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, SEED_DEMO: 'false' })
  const db = openDatabase(config.databasePath)
  try {
    await migrateToLatest(db)
    return await fn(db)
  } finally {
    await db.destroy()
  }
}

export async function run(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv
  switch (cmd) {
    case 'migrate': {
      const config = loadConfig({ ...process.env, SEED_DEMO: 'false' })
      const db = openDatabase(config.databasePath)
      try {
        const names = argv.includes('--down') ? await migrateDown(db) : await migrateToLatest(db)
        console.log(names.length ? `${argv.includes('--down') ? 'Rolled back' : 'Applied'}: ${names.join(', ')}` : 'Database is up to date.')
      } finally {
        await db.destroy()
      }
      return 0
    }
    case 'seed':
      return withDb(async (db) => {
        const created = await seedCommunities(db, Date.now())
        console.log(created.length ? `Seeded: ${created.join(', ')}` : 'Demo communities already exist.')
        return 0
      })
    case 'user': {
      if (sub !== 'create') fail('Usage: alongside user create --handle H --password P [--admin]')
      const { values } = parseArgs({ args: rest, options: { handle: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean', default: false } } })
      const handle = handleField.safeParse(values.handle)
      if (!handle.success) fail(`--handle ${handle.error.issues[0]?.message ?? 'is invalid'}`)
      if (!values.password || values.password.length < 10) fail('--password must be at least 10 characters')
      return withDb(async (db) => {
        if (await findUserByHandleKey(db, handleKey(handle.data))) fail(`The handle "${handle.data}" is already in use.`)
        const user = await insertUser(db, {
          handle: handle.data, handle_key: handleKey(handle.data), handle_skeleton: handleSkeleton(handle.data), password_hash: await hashPassword(values.password!), email: null, created_at: Date.now(), suspended_until: null,
        })
        if (values.admin) await setAdmin(db, user.id, true)
        console.log(`Created ${values.admin ? 'admin' : 'member'} ${user.handle} (id ${user.id}).`)
        return 0
      })
    }
    case 'role': {
      if (sub !== 'grant') fail('Usage: alongside role grant --handle H --community SLUG --role ROLE')
      const { values } = parseArgs({ args: rest, options: { handle: { type: 'string' }, community: { type: 'string' }, role: { type: 'string' } } })
      if (!values.handle || !values.community || !values.role) fail('role grant needs --handle, --community and --role')
      if (!(ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`)
      return withDb(async (db) => {
        const user = await findUserByHandleKey(db, handleKey(values.handle!))
        if (!user) fail(`No member has the handle "${values.handle}".`)
        const community = await findCommunityBySlug(db, values.community!)
        if (!community) fail(`No community has the slug "${values.community}".`)
        await db.transaction().execute(async (trx) => {
          // Appointing someone makes them a member; they still accept new guidelines versions themselves.
          if (!(await findMembership(trx, community.id, user.id))) await upsertMembership(trx, community.id, user.id, community.guidelines_version, Date.now())
          await setMembershipRole(trx, community.id, user.id, values.role!)
        })
        console.log(`${user.handle} is now ${values.role} of ${community.slug}.`)
        return 0
      })
    }
    case 'backup': {
      const { values } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' } } })
      const config = loadConfig({ ...process.env, SEED_DEMO: 'false' })
      const out = values.out ?? path.join(path.dirname(config.databasePath), `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.db`)
      if (fs.existsSync(out)) fail(`${out} already exists; choose another --out.`)
      if (!fs.existsSync(config.databasePath)) fail(`There is no database at ${config.databasePath} (DATABASE_PATH) to back up.`)
      const { default: SQLite } = await import('better-sqlite3')
      const sqlite = new SQLite(config.databasePath, { readonly: true, fileMustExist: true })
      try {
        // One read snapshot, however busy the server: SQLite's page-by-page online backup started
        // again at every write from another connection, and under steady posting never finished.
        sqlite.prepare('vacuum into ?').run(out)
      } catch (err) {
        fs.rmSync(out, { force: true })
        throw err
      } finally {
        sqlite.close()
      }
      console.log(`Backed up ${config.databasePath} to ${out}.`)
      return 0
    }
    case 'safety': {
      if (sub !== 'classify') fail('Usage: alongside safety classify < posts.jsonl')
      const { classifyStream } = await import('./classify.ts')
      return classifyStream(process.stdin, process.stdout)
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE)
      return 0
    default:
      fail(`Unknown command "${cmd}".\n\n${USAGE}`)
  }
}

// exitCode, not exit(): whatever is still buffered for stdout (classify's last lines) is written first.
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    if (err instanceof CliError || err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    console.error(err)
    process.exit(1)
  },
)

