// A private PostgreSQL 15 cluster for tests: initdb into a temp folder, its own free port on
// 127.0.0.1, its unix socket in that folder, stopped and removed at the end. Fails (never skips)
// when PostgreSQL is missing: `npm run test:all` and `npm run test:postgres` install it from Debian.
//
// initdb and postgres refuse to run as root, so as root (CI, the developers' machines) they run as
// the `postgres` OS user, which the Debian package creates, in a folder that user owns.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './redis.ts'

const run = promisify(execFile)

/** Where Debian puts PostgreSQL 15's programs (they are not on PATH there). */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'

function binary(name: string): string {
  const file = path.join(POSTGRES_BIN, name)
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: install PostgreSQL 15 with scripts/ensure-test-deps.sh (npm run test:postgres does)`)
  return file
}

const asRoot = process.getuid?.() === 0

/** Runs a PostgreSQL program, as the postgres OS user when we are root. */
async function pgCommand(name: string, args: string[]) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary(name), ...args]] : [binary(name), args]
  try {
    return await run(cmd, argv, { env: { ...process.env, LC_ALL: 'C' } })
  } catch (err) {
    const e = err as Error & { stderr?: string }
    throw new Error(`${name} failed: ${e.stderr || e.message}`, { cause: err })
  }
}

function ownedFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alongside-pg-'))
  if (asRoot) {
    const entry = fs.readFileSync('/etc/passwd', 'utf8').match(/^postgres:[^:]*:(\d+):(\d+):/m)
    if (!entry) throw new Error('there is no postgres OS user: install PostgreSQL 15 with scripts/ensure-test-deps.sh')
    fs.chownSync(dir, Number(entry[1]), Number(entry[2]))
  }
  return dir
}

export class TestPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get dataDir() {
    return path.join(this.dir, 'data')
  }

  /** initdb, then start the server and wait until it accepts connections. */
  static async start(): Promise<TestPostgres> {
    const p = new TestPostgres(ownedFolder(), await freePort())
    try {
      await pgCommand('initdb', ['-D', p.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
      // Durability is not what these tests are about: no fsync keeps a migration under a second.
      const opts = [
        `-p ${p.port}`,
        `-k ${p.dir}`,
        `-c listen_addresses=127.0.0.1`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ')
      await pgCommand('pg_ctl', ['-D', p.dataDir, '-o', opts, '-l', path.join(p.dir, 'server.log'), '-w', '-t', '60', 'start'])
    } catch (err) {
      fs.rmSync(p.dir, { recursive: true, force: true })
      throw err
    }
    return p
  }

  /** A connection URL for `database` over TCP on the loopback address. */
  url(database = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }

  /** A new, empty database; returns its URL. */
  createDatabase(name: string): Promise<string> {
    return createDatabase(this.url(), name)
  }

  /** Stops the server at once and removes its folder. */
  async stop() {
    if (!fs.existsSync(this.dataDir)) return
    try {
      await pgCommand('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'])
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true })
    }
  }
}

/** A new, empty database `name` in the cluster at `adminUrl` (its postgres database); returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`create database ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A database name no other test file in this run uses. */
export const uniqueDatabase = (label: string) => `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${Date.now().toString(36)}`
