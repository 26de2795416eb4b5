// The private PostgreSQL cluster the PostgreSQL test run uses (test/support/postgres.ts): a real
// PostgreSQL 15, on its own loopback port with its socket in its own folder, gone when stopped.
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestPostgres, uniqueDatabase } from '../support/postgres.ts'

let cluster: TestPostgres
beforeAll(async () => {
  cluster = await TestPostgres.start()
})
afterAll(async () => {
  await cluster?.stop()
})

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })

describe('the private PostgreSQL cluster', () => {
  it('is PostgreSQL 15 on its own loopback port, with its socket in its own folder', async () => {
    const client = new pg.Client({ connectionString: cluster.url() })
    await client.connect()
    try {
      const { rows } = await client.query<{ server_version_num: string }>('show server_version_num')
      expect(Number(rows[0]!.server_version_num)).toBeGreaterThanOrEqual(150000)
      expect(Number(rows[0]!.server_version_num)).toBeLessThan(160000)
      const listen = await client.query<{ listen_addresses: string }>('show listen_addresses')
      expect(listen.rows[0]!.listen_addresses).toBe('127.0.0.1')
    } finally {
      await client.end()
    }
    expect(fs.existsSync(path.join(cluster.dir, `.s.PGSQL.${cluster.port}`))).toBe(true)
  })

  it('creates empty databases that are separate from each other', async () => {
    const a = await cluster.createDatabase(uniqueDatabase('a'))
    const b = await cluster.createDatabase(uniqueDatabase('b'))
    const ca = new pg.Client({ connectionString: a })
    const cb = new pg.Client({ connectionString: b })
    await ca.connect()
    await cb.connect()
    try {
      await ca.query('create table only_in_a (id bigint)')
      const seen = await cb.query(`select count(*)::int as n from information_schema.tables where table_name = 'only_in_a'`)
      expect(seen.rows[0].n).toBe(0)
    } finally {
      await ca.end()
      await cb.end()
    }
  })

  it('stops and leaves nothing behind', async () => {
    const other = await TestPostgres.start()
    expect(await accepts(other.port)).toBe(true)
    await other.stop()
    expect(await accepts(other.port)).toBe(false)
    expect(fs.existsSync(other.dir)).toBe(false)
  })
})
