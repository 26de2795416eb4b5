// The WAL checkpoint thread (started by startCheckpointer in database.ts): its own connection,
// PASSIVE checkpoints that never wait for, nor block, a reader or writer. While frames keep
// arriving it passes again every few milliseconds, so what is left for the server's connection to
// finish is at most a few milliseconds of writes. A module of its own so that it is type-checked
// and linted like the rest (it was a string of JavaScript inside database.ts).
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

export interface CheckpointThreadData {
  file: string
  /** Between passes while the log is short. */
  intervalMs: number
  /** Between passes while the log is long and growing. */
  busyIntervalMs: number
  /** A log of at least this many frames is "long". */
  finishAt: number
}

/** What the thread tells the server's connection. */
export type CheckpointMessage = { caughtUp: number; at: number; took: number } | { error: string }

interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

function run(port: NonNullable<typeof parentPort>, data: CheckpointThreadData) {
  const db = new SQLite(data.file, { fileMustExist: true })
  const post = (m: CheckpointMessage) => port.postMessage(m)
  let timer: NodeJS.Timeout | undefined
  let lastLog = -1
  const pass = () => {
    let next = data.intervalMs
    try {
      const started = Date.now()
      const r = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!
      // A long log that has not grown since the last pass is idle: it starts again at the next write.
      if (r.log >= data.finishAt && r.log !== lastLog) {
        if (r.checkpointed === r.log) post({ caughtUp: r.log, at: Date.now(), took: Date.now() - started })
        next = data.busyIntervalMs
      }
      lastLog = r.log
    } catch (err) {
      post({ error: String((err as Error | undefined)?.message) })
    }
    timer = setTimeout(pass, next)
  }
  timer = setTimeout(pass, data.intervalMs)
  port.on('message', (m: unknown) => {
    if (m !== 'stop') return
    clearTimeout(timer)
    db.close()
    port.close()
  })
}

// Imported for its types by database.ts on the main thread: only a worker runs the loop.
if (parentPort && (workerData as { checkpoint?: CheckpointThreadData } | undefined)?.checkpoint) {
  run(parentPort, (workerData as { checkpoint: CheckpointThreadData }).checkpoint)
}
