// The embedded pipeline's scans, on a thread of their own (server/safety/scan-thread.ts): the
// same scan() the worker processes run, so the server's event loop keeps serving meanwhile.
import { parentPort, workerData } from 'node:worker_threads'
import { loadModelDir } from './pipeline/model-dir.ts'
import { scanEach, useSafetyModels } from './pipeline/scan.ts'
import type { ScanInput } from './pipeline/types.ts'

// A deployment's own models (SAFETY_MODEL_DIR), when the server was started with them.
const modelDir = (workerData as { modelDir?: string } | null)?.modelDir
if (modelDir) useSafetyModels(loadModelDir(modelDir))

parentPort!.on('message', (m: { id: number; inputs: ScanInput[] }) => {
  parentPort!.postMessage({ id: m.id, out: scanEach(m.inputs) })
})
