// Entry of the server's task thread (server/offload/task-thread.ts): runs one task per message.
import { parentPort } from 'node:worker_threads'
import { tasks, type TaskName } from './tasks.ts'

parentPort!.on('message', (m: { task: TaskName; input: never }) => {
  try {
    parentPort!.postMessage({ ok: true, out: tasks[m.task](m.input) })
  } catch (err) {
    // A stack overflow or a bad input is this task's failure, reported; the thread lives on.
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) })
  }
})
parentPort!.postMessage({ ready: true })
