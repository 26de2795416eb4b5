// Production build: the server, the worker and the server's scan thread as plain ES modules in dist/, so `npm start`
// and `npm run worker` run without the TypeScript loader (tsx keeps a loader thread and esbuild
// beside the app: about 55 MB of resident memory on an idle server). Packages stay external:
// node_modules is loaded as it is (better-sqlite3 is native). Tests and tools still run the
// sources through tsx. Plain JavaScript, so it runs before anything is compiled.
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCss } from './build-css.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
buildCss()
await build({
  absWorkingDir: root,
  entryPoints: {
    server: 'server/main.ts',
    worker: 'workers/main.ts',
    'scan-thread': 'workers/scan-thread.ts',
    'checkpoint-thread': 'server/db/checkpoint-thread.ts',
    cli: 'server/cli/index.ts',
    'task-thread': 'server/offload/thread-main.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})
