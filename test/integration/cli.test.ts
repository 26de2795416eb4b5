import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase } from '../../server/db/database.ts'
import { tempDbPath } from '../support/app.ts'

// The command-line tool as other tools run it: a child process, stdin and stdout.
const repoRoot = path.resolve(import.meta.dirname, '../..')

function cli(args: string[], env: Record<string, string>, input?: string, slowReaderMs = 0) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', ...env },
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  // A slow reader: nothing is read from the pipe at first, so its buffer fills.
  child.stdout.pause()
  setTimeout(() => {
    child.stdout.on('data', (d) => (out += d))
    child.stdout.resume()
  }, slowReaderMs)
  if (input !== undefined) child.stdin.end(input)
  // A command that never finishes (the old backup under steady writes) fails the test instead of outliving it.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out, err })
    }),
  )
}

describe('alongside safety classify', { timeout: 60_000 }, () => {
  it('writes every line to a reader slower than itself, in order, and exits 0', async () => {
    const n = 3000
    const lines = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `p${i}`, text: `Day ${i} of trying to get through the week, one cup of tea at a time.`, community: 'grief' }),
    )
    const res = await cli(['safety', 'classify'], {}, lines.join('\n') + '\n', 1500)
    expect(res.code).toBe(0)
    const out = res.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string })
    expect(out).toHaveLength(n)
    expect(out.at(-1)!.id).toBe(`p${n - 1}`)
  })
})

describe('alongside backup', { timeout: 60_000 }, () => {
  it('finishes while the server keeps writing, with a consistent copy, and leaves nothing behind on failure', async () => {
    const file = tempDbPath('backup')
    const db = openDatabase(file)
    await migrateToLatest(db)
    await sql`create table filler (id integer primary key, v text)`.execute(db)
    // About 40 MB: a hundred steps for a page-by-page copy.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10000; i++) await sql`insert into filler (v) values (${'x'.repeat(4000)})`.execute(trx)
    })
    let writing = true
    const writer = (async () => {
      while (writing) {
        await sql`insert into filler (v) values ('y')`.execute(db)
        await new Promise((r) => setTimeout(r, 1))
      }
    })()
    try {
      const out = path.join(path.dirname(file), 'copy.db')
      const res = await cli(['backup', '--out', out], { DATABASE_PATH: file })
      expect(res.err).toBe('')
      expect(res.code).toBe(0)
      const copy = new SQLite(out, { readonly: true })
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect((copy.prepare('select count(*) as n from filler').get() as { n: number }).n).toBeGreaterThanOrEqual(10000)
      copy.close()

      const missing = await cli(['backup', '--out', path.join(path.dirname(file), 'none.db')], {
        DATABASE_PATH: path.join(path.dirname(file), 'nothing-here.db'),
      })
      expect(missing.code).toBe(2)
      expect(missing.err).toMatch(/no database at/)
      expect(fs.existsSync(path.join(path.dirname(file), 'none.db'))).toBe(false)
    } finally {
      writing = false
      await writer
      await db.destroy()
    }
  })
})

describe('restoring a backup as the README says', { timeout: 60_000 }, () => {
  it("stop, delete the -wal and -shm files, copy the backup over: the data is the backup's", async () => {
    const file = tempDbPath('restore')
    const out = path.join(path.dirname(file), 'copy.db')
    // A server's connection that stops without a checkpoint leaves frames in the -wal file.
    const server = new SQLite(file)
    server.pragma('journal_mode = WAL')
    server.pragma('wal_autocheckpoint = 0')
    server.exec('create table t (id integer primary key, v text)')
    server.prepare('insert into t (v) values (?)').run('before the backup')
    expect((await cli(['backup', '--out', out], { DATABASE_PATH: file })).code).toBe(0)
    for (let i = 0; i < 50; i++) server.prepare('insert into t (v) values (?)').run('after the backup')
    // A crash leaves the -wal file behind (a clean close would checkpoint and remove it).
    fs.copyFileSync(`${file}-wal`, `${file}-wal.kept`)
    server.close()
    fs.renameSync(`${file}-wal.kept`, `${file}-wal`)
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0)

    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
    fs.copyFileSync(out, file)
    const restored = new SQLite(file, { readonly: true })
    expect(restored.prepare('select v from t').all()).toEqual([{ v: 'before the backup' }])
    restored.close()
  })
})

describe('alongside user create and role grant', { timeout: 60_000 }, () => {
  it('go through the services: each leaves an audit entry, and a refusal exits 2 with the reason', async () => {
    const file = tempDbPath('cli-roles')
    const env = { DATABASE_PATH: file }
    expect((await cli(['seed'], env)).code).toBe(0)
    const created = await cli(['user', 'create', '--handle', 'Operator_1', '--password', 'a long enough password', '--admin'], env)
    expect(created.code).toBe(0)
    expect(created.out).toMatch(/Created admin Operator_1/)
    const again = await cli(['user', 'create', '--handle', 'operator_1', '--password', 'a long enough password'], env)
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already in use/)
    expect((await cli(['role', 'grant', '--handle', 'operator_1', '--community', 'grief', '--role', 'moderator'], env)).code).toBe(0)
    const missing = await cli(['role', 'grant', '--handle', 'nobody_here', '--community', 'grief', '--role', 'moderator'], env)
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/No member has the handle/)

    const sqlite = new SQLite(file, { readonly: true })
    const audit = sqlite.prepare('select action, actor_id, reason, before, after from audit_log order by id').all()
    sqlite.close()
    expect(audit).toEqual([
      { action: 'create_account', actor_id: null, reason: 'from the command line', before: null, after: '{"admin":true}' },
      { action: 'appoint', actor_id: null, reason: 'from the command line', before: '{"role":null}', after: '{"role":"moderator"}' },
    ])
  })
})
