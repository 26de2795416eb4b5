#!/usr/bin/env node
// Entry for `npx alongside`: the built CLI (dist/cli.js, made by `npm install` through the prepare
// script), so no TypeScript loader runs at run time. The tests run the sources (server/cli/index.ts).
await import('../../dist/cli.js')
