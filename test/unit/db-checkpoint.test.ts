import fs from 'node:fs'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { tempDbPath } from '../support/app.ts'

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('background WAL checkpoints', { timeout: 60_000 }, () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    while (closers.length) await closers.pop()!()
  })

  async function writeBatches(file: string, opts: { backgroundCheckpoint: boolean }) {
    const db = openDatabase(file, { ...opts, checkpointIntervalMs: 20 })
    closers.push(() => db.destroy())
    if (!opts.backgroundCheckpoint) await sql`pragma wal_autocheckpoint = 0`.execute(db)
    await sql`create table t (id integer primary key, v text)`.execute(db)
    // 40 commits of ~400 KB each (16 MB in all), with a pause after each for the thread to catch up
    // (longer than its 20 ms interval several times over, so a busy machine still gives it turns).
    const filler = 'x'.repeat(4000)
    for (let b = 0; b < 40; b++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++) await sql`insert into t (v) values (${filler})`.execute(trx)
      })
      await sleep(80)
    }
    return db
  }

  it('commits checkpoint on the server connection only as a net (past 64 MB); the thread keeps the log from growing', async () => {
    const file = tempDbPath('checkpoint')
    const db = await writeBatches(file, { backgroundCheckpoint: true })
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)
    expect(rows[0]!.wal_autocheckpoint).toBe(16_384)
    // Without checkpoints the log would hold all 16 MB; with them it is reused from the start.
    expect(walSize(file)).toBeLessThan(8 * 1024 * 1024)
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(4000)
  })

  /** 100 MB of log in 2,500 commits of 40 KB that never pause for the thread, each its own turn of the event loop as requests are. */
  async function steadyWrites(file: string, pace: () => Promise<unknown>) {
    const db = openDatabase(file, { backgroundCheckpoint: true, checkpointIntervalMs: 20 })
    closers.push(() => db.destroy())
    await sql`create table t (id integer primary key, v text)`.execute(db)
    const filler = 'y'.repeat(4000)
    for (let b = 0; b < 2500; b++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 10; i++) await sql`insert into t (v) values (${filler})`.execute(trx)
      })
      await pace()
    }
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(25_000)
  }

  it('under writes that never pause, the log still starts again instead of growing without end', async () => {
    // About 1,000 commits a second (30 MB/s of log): new frames arrive during every pass of the
    // thread, so it never finds the log fully copied; the server's connection finishes for it.
    const file = tempDbPath('checkpoint-steady')
    await steadyWrites(file, () => new Promise((r) => setTimeout(r, 1)))
    // Left to grow, the log would be past 100 MB; journal_size_limit trims only a log that restarted.
    expect(walSize(file)).toBeLessThan(32 * 1024 * 1024)
  })

  it('writes faster than the thread can copy meet the net: the log stops near 64 MB', async () => {
    const file = tempDbPath('checkpoint-flood')
    await steadyWrites(file, () => new Promise((r) => setImmediate(r)))
    expect(walSize(file)).toBeLessThan(80 * 1024 * 1024)
  })

  it('without the thread (and autocheckpoint off) the log would hold everything: the control for the test above', async () => {
    const file = tempDbPath('checkpoint-control')
    await writeBatches(file, { backgroundCheckpoint: false })
    expect(walSize(file)).toBeGreaterThan(15 * 1024 * 1024)
  })

  it('after close the whole log is in the database file and the data reads back', async () => {
    const file = tempDbPath('checkpoint-close')
    const db = await writeBatches(file, { backgroundCheckpoint: true })
    await db.destroy()
    closers.length = 0
    // The thread finishes its last checkpoint (two fsyncs) before it closes; on a disk busy with the
    // rest of the suite that took over 10 s once, so it gets 30.
    for (let i = 0; i < 1500 && fs.existsSync(`${file}-wal`); i++) await sleep(20)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    const again = openDatabase(file)
    closers.push(() => again.destroy())
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(again)).rows[0]!.n).toBe(4000)
  })
})

describe('durability', () => {
  it('every commit syncs the log: a saved post survives a power cut, not only the app crashing', async () => {
    const db = openDatabase(tempDbPath('durable'))
    try {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db)
      // 2 = FULL (1 = NORMAL, which in WAL mode loses commits since the last checkpoint on power loss).
      expect(rows[0]!.synchronous).toBe(2)
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]!.journal_mode).toBe('wal')
    } finally {
      await db.destroy()
    }
  })
})
