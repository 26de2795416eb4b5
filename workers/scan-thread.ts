// The embedded pipeline's scans, on a thread of their own (server/safety/scan-thread.ts): the
// same scan() the worker processes run, so the server's event loop keeps serving meanwhile.
import { parentPort } from 'node:worker_threads'
import { scanEach } from './pipeline/scan.ts'
import type { ScanInput } from './pipeline/types.ts'

parentPort!.on('message', (m: { id: number; inputs: ScanInput[] }) => {
  parentPort!.postMessage({ id: m.id, out: scanEach(m.inputs) })
})
