import { spawn } from 'node:child_process'
import path from 'node:path'
import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { createRuntime } from '../../server/runtime.ts'
import { tempDbPath, testConfig } from '../support/app.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

function cli(args: string[], env: Record<string, string>, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  child.stdin.end(input ?? '')
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })))
}

async function startLogs(dbPath: string) {
  const lines: { msg: string; firstRun?: string; communities?: string[] }[] = []
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).trim().split('\n')) lines.push(JSON.parse(l))
      cb()
    },
  })
  const rt = await createRuntime(testConfig({ DATABASE_PATH: dbPath, LOG_LEVEL: 'info' }), { logger: pino({ level: 'info' }, sink), seed: true })
  await rt.close()
  return lines
}

describe('first run', { timeout: 120_000 }, () => {
  it('warns while no admin exists and while a community has no moderator; quiet once they exist', async () => {
    const file = tempDbPath('first-run')
    const first = await startLogs(file)
    expect(first.find((l) => l.firstRun === 'no_admin')?.msg).toContain('user create')
    expect(first.find((l) => l.firstRun === 'no_moderator')?.communities).toEqual(['caregiving', 'disability', 'grief', 'recovery'])

    // The first admin, with the password on standard input (out of shell history) and an address alerts reach.
    const made = await cli(
      ['user', 'create', '--handle', 'first_admin', '--admin', '--email', 'admin@example.test', '--password-stdin'],
      { DATABASE_PATH: file },
      'a long admin password\n',
    )
    expect(made.err).toBe('')
    expect(made.code).toBe(0)
    expect(made.out).toContain('Created admin first_admin')
    const granted = await cli(['role', 'grant', '--handle', 'first_admin', '--community', 'grief', '--role', 'moderator'], { DATABASE_PATH: file })
    expect(granted.code).toBe(0)
    const db = openDatabase(file)
    // The other three as the same command would (each CLI start costs seconds on a busy machine).
    const others = await db.selectFrom('community').select('id').where('slug', '!=', 'grief').execute()
    const admin = await db.selectFrom('user').select('id').where('handle', '=', 'first_admin').executeTakeFirstOrThrow()
    for (const c of others)
      await db
        .insertInto('membership')
        .values({ community_id: c.id, user_id: admin.id, role: 'moderator', accepted_guidelines_version: 1, silenced_until: null, joined_at: Date.now() })
        .execute()
    const row = await db.selectFrom('user').selectAll().where('handle', '=', 'first_admin').executeTakeFirstOrThrow()
    await db.destroy()
    expect(row.is_admin).toBe(1)
    expect(row.email).toBe('admin@example.test')
    expect(row.email_verified_at).not.toBeNull()
    expect(row.password_hash).not.toContain('a long admin password')

    const later = await startLogs(file)
    expect(later.filter((l) => l.firstRun)).toEqual([])
  })

  it('refuses a short password on standard input, and both ways at once', async () => {
    const file = tempDbPath('first-run-bad')
    const short = await cli(['user', 'create', '--handle', 'someone', '--password-stdin'], { DATABASE_PATH: file }, 'short\n')
    expect(short.code).not.toBe(0)
    expect(short.err).toContain('at least 10 characters')
    const both = await cli(
      ['user', 'create', '--handle', 'someone', '--password', 'a long enough one', '--password-stdin'],
      { DATABASE_PATH: file },
      'a long enough one\n',
    )
    expect(both.code).not.toBe(0)
  })
})
