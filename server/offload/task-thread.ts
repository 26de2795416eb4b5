import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.ts'
import type { TaskName, TaskInput, TaskOutput } from './tasks.ts'

/** A task ran past its budget: the thread was stopped mid-task and replaced. */
export class TaskTimeout extends Error {
  constructor(
    readonly task: TaskName,
    readonly budgetMs: number,
  ) {
    super(`${task} took longer than ${budgetMs} ms`)
    this.name = 'TaskTimeout'
  }
}

/** A task threw, ran out of memory, or the thread died under it. */
export class TaskFailed extends Error {
  constructor(
    readonly task: TaskName,
    message: string,
  ) {
    super(`${task} failed: ${message}`)
    this.name = 'TaskFailed'
  }
}

/** More work is waiting than the thread can do in reasonable time. */
export class TaskQueueFull extends Error {
  constructor(readonly task: TaskName) {
    super(`${task}: too much work is waiting`)
    this.name = 'TaskQueueFull'
  }
}

export interface TaskThread {
  run<T extends TaskName>(task: T, input: TaskInput<T>, budgetMs: number): Promise<TaskOutput<T>>
  close(): Promise<void>
}

interface Job {
  task: TaskName
  input: unknown
  budgetMs: number
  resolve: (out: unknown) => void
  reject: (err: Error) => void
}

/**
 * One worker thread for work whose cost a member or lead controls (Markdown they wrote, a pattern
 * they typed). Tasks run one at a time, each with its own budget measured from when it starts, so
 * a slow task is stopped by terminating the thread (V8 interrupts even a running regex or parser)
 * and never holds the event loop. The thread's heap is capped: a task that would exhaust memory
 * fails on its own thread instead of killing the server. Nothing is ever run on the event loop
 * instead: a task that failed is an error for its caller, who answers with a 4xx.
 *
 * Built beside the server as dist/task-thread.js; from the sources the thread loads the
 * TypeScript through tsx (the same bootstrap as the scan thread).
 */
export function createTaskThread(logger: Logger, opts: { maxQueue?: number; heapMb?: number } = {}): TaskThread {
  const maxQueue = opts.maxQueue ?? 200
  const queue: Job[] = []
  let worker: Worker | undefined
  // A task's budget starts once the thread has loaded its code, not while it starts.
  let ready = false
  let current: { job: Job; timer: NodeJS.Timeout; worker: Worker } | undefined
  let closed = false

  const start = (): Worker => {
    const fromSources = import.meta.url.endsWith('.ts')
    const source = new URL('./thread-main.ts', import.meta.url).href
    const tsx = fromSources ? import.meta.resolve('tsx/esm/api') : ''
    const w = new Worker(
      fromSources
        ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}) })`
        : new URL('./task-thread.js', import.meta.url),
      { eval: fromSources, resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 } },
    )
    w.unref()
    w.on('message', (m: { ready: true } | { ok: true; out: unknown } | { ok: false; error: string }) => {
      if ('ready' in m) {
        if (worker === w) ready = true
        return next()
      }
      if (!current || current.worker !== w) return
      const { job, timer } = current
      current = undefined
      clearTimeout(timer)
      if (m.ok) job.resolve(m.out)
      else job.reject(new TaskFailed(job.task, m.error))
      next()
    })
    w.on('error', (err) => lost(w, new TaskFailed(current?.job.task ?? 'render', err.message)))
    w.on('exit', (code) => lost(w, new TaskFailed(current?.job.task ?? 'render', `thread exited (code ${code})`)))
    return w
  }

  /** The thread is gone: the task it was running fails; the rest start on a new thread. */
  const lost = (w: Worker, err: Error) => {
    if (worker === w) {
      // A thread that died while starting fails the task waiting first, so a thread that cannot
      // start at all drains the queue with errors instead of restarting for ever.
      if (!ready && !current) queue.shift()?.reject(err)
      worker = undefined
      ready = false
    }
    if (current?.worker === w) {
      const { job, timer } = current
      current = undefined
      clearTimeout(timer)
      if (!closed) logger.warn({ component: 'offload', task: job.task, err: err.message }, 'untrusted-input task failed; thread replaced')
      job.reject(err)
    }
    next()
  }

  const next = () => {
    if (current || closed) return
    if (queue.length === 0) return
    if (!worker) {
      worker = start()
      ready = false
    }
    if (!ready) return
    const w = worker
    const job = queue.shift()!
    const timer = setTimeout(() => {
      logger.warn({ component: 'offload', task: job.task, budgetMs: job.budgetMs }, 'untrusted-input task over budget; thread stopped')
      // Marked as lost before terminate() so the 'exit' that follows finds nothing to fail.
      current = undefined
      worker = undefined
      ready = false
      job.reject(new TaskTimeout(job.task, job.budgetMs))
      void w.terminate()
      next()
    }, job.budgetMs)
    timer.unref()
    current = { job, timer, worker: w }
    w.postMessage({ task: job.task, input: job.input })
  }

  return {
    run(task, input, budgetMs) {
      if (closed) return Promise.reject(new TaskFailed(task, 'shutting down'))
      if (queue.length >= maxQueue) return Promise.reject(new TaskQueueFull(task))
      return new Promise((resolve, reject) => {
        queue.push({ task, input, budgetMs, resolve: resolve as (out: unknown) => void, reject })
        next()
      })
    },
    async close() {
      closed = true
      for (const job of queue.splice(0)) job.reject(new TaskFailed(job.task, 'shutting down'))
      const w = worker
      worker = undefined
      ready = false
      if (current) {
        clearTimeout(current.timer)
        current.job.reject(new TaskFailed(current.job.task, 'shutting down'))
        current = undefined
      }
      await w?.terminate()
    },
  }
}
