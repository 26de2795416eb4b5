#!/usr/bin/env node
// Entry for `npx alongside`: loads the TypeScript CLI through tsx, as `npm start` does.
import { register } from 'tsx/esm/api'

register()
await import('./index.ts')
