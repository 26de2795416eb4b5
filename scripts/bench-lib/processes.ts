// The bench's child processes (the server as `npm start` runs it, the bare app, workers), their
// memory, and the small helpers every scenario uses: signing in, a seeded shuffle, percentiles.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH_PASSWORD } from '../bench-data.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const children: ChildProcess[] = []
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const log = (msg: string) => process.stderr.write(`${msg}\n`)

/**
 * How `npm start` (package.json) runs the server: the environment it sets before `node` and Node's
 * flags, so the bench runs the server exactly as members get it.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const start = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  const m = /((?:\w+=\S+ )*)node ((?:--[\w-]+(?:=\S+)? )*)dist\/server\.js/.exec(start)
  const words = (s: string | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean)
  return { env: Object.fromEntries(words(m?.[1]).map((w) => w.split('=') as [string, string])), flags: words(m?.[2]) }
}

/** Starts a child process; `.ts` scripts run through tsx, the built server (dist/*.js) as `npm start` runs it. */
export function startChild(label: string, script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : []
  const child = spawn(process.execPath, [...nodeFlags, ...loader, script], { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] })
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) log(`${label} exited early (code ${code}, signal ${signal})`)
  })
  children.push(child)
  return child
}

const stopping = new Set<ChildProcess>()
export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  stopping.add(child)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}
export async function stopAll() {
  await Promise.all(children.map(stopChild))
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    stopAll().finally(() => process.exit(130))
  })
}

export async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process for ${url} exited with code ${child.exitCode}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`)
}

/** Peak resident memory of the server child, from /proc (VmRSS), sampled every 100 ms. */
export function rssSampler(pid: number) {
  let max = 0
  let windowMax = 0
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) {
        const kb = Number(m[1])
        max = Math.max(max, kb)
        windowMax = Math.max(windowMax, kb)
      }
    } catch {
      // process gone
    }
  }
  const timer = setInterval(read, 100)
  read()
  return {
    get maxMb() {
      return max / 1024
    },
    takeWindowMb() {
      const v = windowMax / 1024
      windowMax = 0
      return v
    },
    stop() {
      clearInterval(timer)
    },
  }
}

export interface Session {
  cookie: string
  csrf: string
}
export async function login(base: string, handle: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, password: BENCH_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${handle}: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { csrfToken: string }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('alongside_session='))
  if (!cookie) throw new Error(`login ${handle}: no session cookie`)
  return { cookie, csrf: body.csrfToken }
}

export function shuffle<T>(xs: T[], seed = 7): T[] {
  let s = seed
  for (let i = xs.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0)
