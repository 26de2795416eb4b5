// The one stylesheet the pages load (/static/site.css) is built from the files in web/styles/,
// one per area, joined in name order with a blank line between: the numbers in their names set the cascade.
// Run by scripts/build.mjs and before the tests (test/support/global-setup.ts), so an edit to a
// style file shows up without a full build. Plain JavaScript, so it runs before anything is compiled.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function buildCss() {
  const dir = path.join(root, 'web/styles')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.css'))
    .sort()
  const css = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n')
  writeFileSync(path.join(root, 'web/static/site.css'), css)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildCss()
