import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Starts `npm run worker`'s entry as a real child process. */
export function startWorker(env: Record<string, string>): ChildProcess & { ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { ready: Promise<void> }
  let out = ''
  proc.ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not become ready:\n${out}`)), 20_000)
    proc.stdout!.on('data', (d) => {
      out += d
      if (out.includes('safety worker ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
    proc.stderr!.on('data', (d) => (out += d))
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`worker exited (${code}) before ready:\n${out}`))
    })
  })
  proc.ready.catch(() => {})
  return proc
}

export async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve())
    proc.kill(signal)
  })
}
