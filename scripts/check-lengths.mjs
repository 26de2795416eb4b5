// House limits (STYLE.md, issue #17): no line of a tracked source file over 160 characters, no
// source file over 400 lines. The one exception is data, listed here by name: the lexicons (word
// lists and patterns) may be longer than 400 lines. Migrations obey both limits: a long SQL line
// is continued with a backslash inside its template, which adds no character to the SQL that
// SQLite stores (test/unit/migrations-sqlite-schema.test.ts compares the schema text).
// Run by `npm run lint`. Plain JavaScript, so it runs before anything is compiled.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const MAX_LINE = 160
const MAX_LINES = 400
const SOURCE = /\.(?:ts|mts|mjs|js|css|sh)$/
/** Data, not code: no file-length limit. */
const LONG_FILES_ALLOWED = [/^workers\/pipeline\/lexicons\//]
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => SOURCE.test(f))
const problems = []
for (const file of files) {
  let text
  try {
    text = readFileSync(path.join(root, file), 'utf8')
  } catch {
    continue // deleted in the working tree
  }
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE) problems.push(`${file}:${i + 1}: line of ${line.length} characters (at most ${MAX_LINE})`)
  })
  if (lines.length > MAX_LINES && !LONG_FILES_ALLOWED.some((re) => re.test(file))) {
    problems.push(`${file}: ${lines.length} lines (at most ${MAX_LINES}: split it along a seam)`)
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'))
  console.error(`${problems.length} length problem(s) in ${files.length} source files`)
  process.exit(1)
}
console.log(`lengths: ${files.length} source files, no line over ${MAX_LINE} characters, no file over ${MAX_LINES} lines`)
