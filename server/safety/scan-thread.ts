import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.ts'
import type { ScanOutcome } from '../../workers/pipeline/scan.ts'
import type { ScanInput } from '../../workers/pipeline/types.ts'

export type { ScanOutcome }

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
let hereModelsLoaded = false

async function scanHere(inputs: ScanInput[], counts: { here: number }, modelDir?: string): Promise<ScanOutcome[]> {
  counts.here += inputs.length
  try {
    const scanning = await loadDetectors()
    if (modelDir && !hereModelsLoaded) {
      const { loadModelDir } = await import('../../workers/pipeline/model-dir.ts')
      scanning.useSafetyModels(loadModelDir(modelDir))
      hereModelsLoaded = true
    }
    return scanning.scanEach(inputs)
  } catch (err) {
    return inputs.map(() => ({ error: `detectors did not load: ${(err as Error).message}` }))
  }
}

/**
 * The embedded pipeline's detectors on a worker thread: on the reply benchmark they were a sixth
 * of the event loop's time, and the machine's other core was there. Built beside the server as
 * dist/scan-thread.js; from the sources (tests, tools) the thread loads the TypeScript through
 * tsx. A scan is never lost to the thread:
 * - should it fail or exit, what it held is scanned here instead and the next scan starts a new
 *   thread; after MAX_CRASHES failures every scan runs here;
 * - should a batch take longer than `timeoutMs` (a hung thread would otherwise stop all scanning
 *   while the site kept serving), its posts come back as errors, which the relay sends again
 *   after the scan timeout, and the thread is replaced. A batch that timed out is never scanned
 *   on the event loop, where it could hang the whole server.
 */
export function createScanThread(logger: Logger, opts: { timeoutMs?: number; /** SAFETY_MODEL_DIR */ modelDir?: string } = {}): ScanThread {
  const timeoutMs = opts.timeoutMs ?? 30_000
  let worker: Worker | undefined
  let crashes = 0
  let closing = false
  let nextId = 0
  const counts = { thread: 0, here: 0 }
  const pending = new Map<number, { inputs: ScanInput[]; resolve: (out: ScanOutcome[]) => void; timer: NodeJS.Timeout }>()

  const take = (id: number) => {
    const p = pending.get(id)
    if (p) {
      pending.delete(id)
      clearTimeout(p.timer)
    }
    return p
  }

  /** The thread is gone (or going): what it held is scanned here. */
  const lose = (w: Worker, message: string, crashed: boolean) => {
    if (worker !== w) return
    worker = undefined
    if (crashed && !closing) {
      crashes++
      logger.error(
        { alert: 'scan_thread', crashes },
        crashes >= MAX_CRASHES ? `${message}; scanning on the event loop from now on` : `${message}; a new thread takes the next scan`,
      )
    }
    for (const id of [...pending.keys()]) {
      const p = take(id)!
      void scanHere(p.inputs, counts, opts.modelDir).then(p.resolve)
    }
  }

  // Started by the first scan: tools and tests that never scan never pay for it.
  const start = () => {
    const fromSources = import.meta.url.endsWith('.ts')
    // From the sources a small bootstrap registers tsx in the thread first (a worker's execArgv
    // cannot carry --import).
    const source = new URL('../../workers/scan-thread.ts', import.meta.url).href
    const tsx = fromSources ? import.meta.resolve('tsx/esm/api') : ''
    const w = new Worker(
      fromSources
        ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}) })`
        : new URL('./scan-thread.js', import.meta.url),
      {
        eval: fromSources,
        workerData: { modelDir: opts.modelDir },
        // The detectors' lexicons and models, and a few batches of posts.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
      },
    )
    w.unref()
    w.on('message', (m: { id: number; out: ScanOutcome[] }) => {
      const p = take(m.id)
      if (!p) return
      counts.thread += m.out.length
      p.resolve(m.out)
    })
    w.on('error', (err) => lose(w, `scan thread failed: ${err.message}`, true))
    w.on('exit', (code) => lose(w, `scan thread exited (code ${code})`, true))
    return w
  }

  const timedOut = (id: number) => {
    const p = take(id)
    if (!p) return
    logger.error(
      { alert: 'scan_thread', posts: p.inputs.length },
      `a scan batch took over ${timeoutMs} ms; the thread is replaced and the batch is sent again later`,
    )
    p.resolve(p.inputs.map(() => ({ error: `scan timed out after ${timeoutMs} ms` })))
    const w = worker
    if (w) {
      lose(w, 'replaced', false)
      void w.terminate()
    }
  }

  return {
    counts,
    scan(inputs) {
      if (crashes >= MAX_CRASHES || closing || inputs.length === 0) return scanHere(inputs, counts, opts.modelDir)
      const w = (worker ??= start())
      const id = ++nextId
      return new Promise((resolve) => {
        const timer = setTimeout(() => timedOut(id), timeoutMs)
        timer.unref()
        pending.set(id, { inputs, resolve, timer })
        w.postMessage({ id, inputs })
      })
    },
    async close() {
      closing = true
      const w = worker
      // Anything still in the thread is scanned here first, so stopping loses nothing.
      if (w) lose(w, 'closing', false)
      await w?.terminate()
    },
  }
}

const MAX_CRASHES = 3
