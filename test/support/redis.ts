import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * A real redis-server for one test file, on a free loopback port, with no persistence.
 * Fails (never skips) when redis-server is missing: `npm run test:all` installs it.
 */
export class TestRedis {
  private proc?: ChildProcess
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alongside-redis-'))
  constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const r = new TestRedis(await freePort())
    await r.start()
    return r
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  async start() {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: 'ignore',
    })
    this.proc.once('error', (err) => {
      throw new Error(`could not start redis-server (install it with: npm run test:all): ${err.message}`)
    })
    await waitForPort(this.port, 10_000)
  }

  async stop() {
    const p = this.proc
    if (!p || p.exitCode !== null) return
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve())
      p.kill('SIGKILL')
    })
    this.proc = undefined
  }
}

export const uniquePrefix = (label: string) => `t-${label}-${process.pid}-${Date.now().toString(36)}`
