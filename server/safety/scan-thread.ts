import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.ts'
import type { ScanInput, Verdict } from '../../workers/pipeline/types.ts'

export type ScanOutcome = { verdict: Verdict } | { error: string }

export interface ScanThread {
  /** Scans in order, one outcome per input. Never rejects: a scan that throws is an outcome. */
  scan(inputs: ScanInput[]): Promise<ScanOutcome[]>
  close(): Promise<void>
  /** How many scans ran on the thread, and how many on the event loop (the fallback). */
  readonly counts: { thread: number; here: number }
}

// The detectors' lexicons and models take 20-30 MB of heap. The server's own thread loads them only
// if it has to scan itself (the fallback below): a dynamic import, so the build leaves them out
// of start-up, and a server whose thread is healthy never holds them twice.
let detectors: Promise<typeof import('../../workers/pipeline/scan.ts')> | undefined
const loadDetectors = () => (detectors ??= import('../../workers/pipeline/scan.ts'))

async function scanHere(inputs: ScanInput[], counts: { here: number }): Promise<ScanOutcome[]> {
  counts.here += inputs.length
  let scan: (typeof import('../../workers/pipeline/scan.ts'))['scan']
  try {
    ;({ scan } = await loadDetectors())
  } catch (err) {
    return inputs.map(() => ({ error: `detectors did not load: ${(err as Error).message}` }))
  }
  return inputs.map((input) => {
    try {
      return { verdict: scan(input) }
    } catch (err) {
      return { error: (err as Error).message }
    }
  })
}

/**
 * The embedded pipeline's detectors on a worker thread: on the reply benchmark they were a sixth
 * of the event loop's time, and the machine's other core was there. Built beside the server as
 * dist/scan-thread.js; from the sources (tests, tools) the thread loads the TypeScript through
 * tsx. Should the thread fail or exit, what it held is scanned here instead, and so is
 * everything after: a scan is never lost to a dead thread.
 */
export function createScanThread(logger: Logger): ScanThread {
  let worker: Worker | undefined
  let failed = false
  let closing = false
  let nextId = 0
  const counts = { thread: 0, here: 0 }
  const pending = new Map<number, { inputs: ScanInput[]; resolve: (out: ScanOutcome[]) => void }>()

  const fallBack = (message: string) => {
    if (!worker) return
    worker = undefined
    failed = true
    if (!closing) logger.error({ alert: 'scan_thread' }, `${message}; scanning on the event loop from now on`)
    for (const [id, p] of pending) {
      pending.delete(id)
      void scanHere(p.inputs, counts).then(p.resolve)
    }
  }

  // Started by the first scan: tools and tests that never scan never pay for it.
  const start = () => {
    const fromSources = import.meta.url.endsWith('.ts')
    // From the sources a small bootstrap registers tsx in the thread first (a worker's execArgv
    // cannot carry --import).
    const source = new URL('../../workers/scan-thread.ts', import.meta.url).href
    const tsx = fromSources ? import.meta.resolve('tsx/esm/api') : ''
    const w = new Worker(fromSources ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}) })` : new URL('./scan-thread.js', import.meta.url), {
      eval: fromSources,
      // The detectors' lexicons and models, and a few batches of posts.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    })
    w.unref()
    w.on('message', (m: { id: number; out: ScanOutcome[] }) => {
      const p = pending.get(m.id)
      if (!p) return
      pending.delete(m.id)
      counts.thread += m.out.length
      p.resolve(m.out)
    })
    w.on('error', (err) => fallBack(`scan thread failed: ${err.message}`))
    w.on('exit', (code) => fallBack(`scan thread exited (code ${code})`))
    return w
  }

  return {
    counts,
    scan(inputs) {
      if (failed || closing || inputs.length === 0) return scanHere(inputs, counts)
      worker ??= start()
      const id = ++nextId
      return new Promise((resolve) => {
        pending.set(id, { inputs, resolve })
        worker!.postMessage({ id, inputs })
      })
    },
    async close() {
      closing = true
      const w = worker
      // Anything still in the thread is scanned here first, so stopping loses nothing.
      fallBack('closing')
      await w?.terminate()
    },
  }
}
