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

  it('commits never checkpoint on the server connection; the thread keeps the log from growing', async () => {
    const file = tempDbPath('checkpoint')
    const db = await writeBatches(file, { backgroundCheckpoint: true })
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)
    expect(rows[0]!.wal_autocheckpoint).toBe(0)
    // Without checkpoints the log would hold all 16 MB; with them it is reused from the start.
    expect(walSize(file)).toBeLessThan(8 * 1024 * 1024)
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(4000)
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
