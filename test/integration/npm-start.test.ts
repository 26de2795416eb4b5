// `npm start` as an operator (or a process manager) runs it: npm in front, the built server behind.
// A SIGTERM sent to npm must reach the server, which closes in order and frees its port.
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDbPath } from '../support/app.ts'
import { freePort } from '../support/redis.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Resolves true once something can listen on the port again. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

describe('npm start', { timeout: 60_000 }, () => {
  it('serves from the build, and a SIGTERM to npm shuts the server down cleanly and frees the port', async () => {
    const port = await freePort()
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: tempDbPath('npm-start'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) resolve()
        }
        npm.stdout.on('data', (d) => ((output += d), check()))
        npm.stderr.on('data', (d) => ((output += d), check()))
        npm.once('exit', (code) => (output.includes(text) ? resolve() : reject(new Error(`npm start exited (${code}) before "${text}":\n${output}`))))
        check()
      })
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)))

    await seen('is listening')
    const res = await fetch(`http://127.0.0.1:${port}/`)
    expect(res.status).toBe(200)
    expect(await portIsFree(port)).toBe(false)

    npm.kill('SIGTERM')
    await seen('shut down cleanly')
    await exited
    expect(await portIsFree(port)).toBe(true)
  })
})
