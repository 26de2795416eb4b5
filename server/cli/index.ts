import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { systemClock } from '../clock.ts'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { backupDatabase, connectDatabase, migrateDown, migrateToLatest } from '../db/database.ts'
import { AppError } from '../errors.ts'
import { createLogger } from '../logger.ts'
import { createUntrustedWork } from '../offload/index.ts'
import { seedCommunities } from '../seed/communities.ts'
import { ROLES } from '../services/authz.ts'
import { createServices, type Services } from '../services/index.ts'
import { handleField } from '../http/schemas/auth.ts'
import { z } from 'zod'

const registerEmail = z.string().trim().max(254).email()

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const USAGE = `Usage: alongside <command> [options]

Commands:
  migrate [--down]                         apply all migrations (or roll all back with --down)
  seed                                     create the demo communities if missing
  user create --handle H (--password P | --password-stdin) [--admin] [--email ADDRESS]
                                           --password-stdin reads the password from standard input,
                                           keeping it out of shell history; --email is taken as
                                           confirmed (the operator vouches for it): alerts reach it
  role grant --handle H --community SLUG --role member|peer_supporter|moderator|lead
  backup [--out FILE]                      consistent online copy of the database
  safety classify                          JSON lines on stdin -> verdict lines on stdout
                                           (every warning category on, as evaluation expects)
  safety export-labels [--since DATE] [--out FILE]
                                           moderators' "was this flag right?" decisions as
                                           corpus-format JSON lines (text only of visible posts)
  safety train --data FILE... [--out DIR] [--only]
                                           build a model folder for SAFETY_MODEL_DIR (with the
                                           repo's training posts unless --only) and print its
                                           cross-validated figures beside the shipped model's

Configuration comes from the environment (DATABASE_PATH, ...): see README.md.`

class CliError extends Error {}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** classify scans with a deployment's own models when SAFETY_MODEL_DIR is set, as the workers do. */
async function useModelDir(dir: string): Promise<void> {
  const [{ loadModelDir }, { useSafetyModels }] = await Promise.all([import('../../workers/pipeline/model-dir.ts'), import('../../workers/pipeline/scan.ts')])
  try {
    useSafetyModels(loadModelDir(dir))
  } catch (err) {
    fail((err as Error).message)
  }
}

function fail(message: string): never {
  throw new CliError(message)
}

async function withDb<T>(fn: (db: ReturnType<typeof connectDatabase>, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, SEED_DEMO: 'false' }, 'cli')
  const db = connectDatabase(config)
  try {
    await migrateToLatest(db)
    return await fn(db, config)
  } finally {
    await db.destroy()
  }
}

/** The services as the server runs them, so the CLI's changes pass the same checks and leave the same audit entries. */
function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  return withDb(async (db, config) => {
    // No pipeline here: a command writes no posts, so there is nothing to scan after a write.
    const hooks = { afterPostWrite: () => {} }
    const logger = createLogger(config.logLevel)
    // Its task thread starts only if a command renders or checks a pattern.
    const offload = createUntrustedWork(logger)
    try {
      return await fn(createServices({ db, clock: systemClock, config, logger, hooks, offload }))
    } finally {
      await offload.close()
    }
  })
}

export async function run(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv
  switch (cmd) {
    case 'migrate': {
      const config = loadConfig({ ...process.env, SEED_DEMO: 'false' }, 'cli')
      const db = connectDatabase(config)
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
      if (sub !== 'create') fail('Usage: alongside user create --handle H (--password P | --password-stdin) [--admin] [--email ADDRESS]')
      const { values } = parseArgs({
        args: rest,
        options: {
          handle: { type: 'string' },
          password: { type: 'string' },
          'password-stdin': { type: 'boolean', default: false },
          admin: { type: 'boolean', default: false },
          email: { type: 'string' },
        },
      })
      const handle = handleField.safeParse(values.handle)
      if (!handle.success) fail(`--handle ${handle.error.issues[0]?.message ?? 'is invalid'}`)
      if (values.password !== undefined && values['password-stdin']) fail('use either --password or --password-stdin, not both')
      // The first line of standard input, without its line ending (printf, a password manager, a file).
      const password = values['password-stdin'] ? ((await readStdin()).replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '') : values.password
      if (!password || password.length < 10)
        fail(`${values['password-stdin'] ? 'the password on standard input' : '--password'} must be at least 10 characters`)
      const email = values.email === undefined ? undefined : registerEmail.safeParse(values.email)
      if (email && !email.success) fail('--email must be an email address')
      return withServices(async (services) => {
        const user = await services.siteAdmin.createAccount({ handle: handle.data, password, admin: values.admin ?? false, email: email?.data })
        console.log(`Created ${user.isAdmin ? 'admin' : 'member'} ${user.handle} (id ${user.id}).`)
        return 0
      })
    }
    case 'role': {
      if (sub !== 'grant') fail('Usage: alongside role grant --handle H --community SLUG --role ROLE')
      const { values } = parseArgs({ args: rest, options: { handle: { type: 'string' }, community: { type: 'string' }, role: { type: 'string' } } })
      if (!values.handle || !values.community || !values.role) fail('role grant needs --handle, --community and --role')
      const role = ROLES.find((r) => r === values.role)
      if (!role) fail(`--role must be one of ${ROLES.join(', ')}`)
      return withServices(async (services) => {
        const granted = await services.siteAdmin.grantRole({ handle: values.handle!, community: values.community!, role })
        console.log(`${granted.handle} is now ${granted.role} of ${granted.community}.`)
        return 0
      })
    }
    case 'backup': {
      const { values } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' } } })
      const config = loadConfig({ ...process.env, SEED_DEMO: 'false' }, 'cli')
      if (config.databaseUrl) fail('backup copies the SQLite file; on PostgreSQL (DATABASE_URL) use pg_dump: see docs/postgres.md.')
      const out = values.out ?? path.join(path.dirname(config.databasePath), `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.db`)
      if (fs.existsSync(out)) fail(`${out} already exists; choose another --out.`)
      if (!fs.existsSync(config.databasePath)) fail(`There is no database at ${config.databasePath} (DATABASE_PATH) to back up.`)
      backupDatabase(config.databasePath, out)
      console.log(`Backed up ${config.databasePath} to ${out}.`)
      return 0
    }
    case 'safety': {
      if (sub === 'classify') {
        const config = loadConfig({ ...process.env, SEED_DEMO: 'false' })
        if (config.safetyModelDir) await useModelDir(config.safetyModelDir)
        const { classifyStream } = await import('./classify.ts')
        return classifyStream(process.stdin, process.stdout)
      }
      if (sub === 'train') {
        const { values } = parseArgs({
          args: rest,
          options: { data: { type: 'string', multiple: true }, out: { type: 'string' }, only: { type: 'boolean', default: false } },
          allowPositionals: true,
        })
        const data = [...(values.data ?? [])]
        for (const f of data) if (!fs.existsSync(f)) fail(`--data ${f}: no such file`)
        const { trainCommand } = await import('./safety-train.ts')
        try {
          return trainCommand({ data, out: values.out ?? 'data/safety-model', only: values.only ?? false, root: REPO_ROOT })
        } catch (err) {
          fail((err as Error).message)
        }
      }
      if (sub === 'export-labels') {
        const { values } = parseArgs({ args: rest, options: { since: { type: 'string' }, out: { type: 'string' } } })
        const since = values.since === undefined ? 0 : Date.parse(values.since)
        if (Number.isNaN(since)) fail(`--since ${values.since}: not a date (e.g. 2026-11-01)`)
        const { exportLabels } = await import('./safety-labels.ts')
        return withDb((db) => exportLabels(db, { since, out: values.out }))
      }
      return fail(
        'Usage: alongside safety classify < posts.jsonl | safety train --data FILE... [--out DIR] [--only] | safety export-labels [--since DATE] [--out FILE]',
      )
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
    // A refusal from a service (a handle in use, no such community) is the operator's to fix, like a bad option.
    if (err instanceof CliError || err instanceof ConfigError || err instanceof AppError) {
      console.error(err.message)
      process.exit(2)
    }
    console.error(err)
    process.exit(1)
  },
)
