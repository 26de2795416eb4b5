// Trains the linear safety models (workers/pipeline/linear/) and writes
// workers/pipeline/model/linear.json, with thresholds and calibration chosen by cross-validation on
// the training posts only, and prints the cross-validated figures.
// Usage: node --import tsx tools/train-safety.ts [--check]
//   --check: train again and fail if the committed model differs (CI-safe: writes nothing).
// Training posts: tools/data/train/*.jsonl (written blind from the labelling guide) and the
// training fixtures under test/unit/pipeline/fixtures. Never read here: tools/data/blind/* (the
// blind sets, measured in aggregate by scripts/eval-safety.ts) and the measuring fixtures heldout,
// probe-d and probe-e; probe-session carries crisis labels only, so it is left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildSafetyModels, type Figures, type LabelledPost } from '../workers/pipeline/linear/build.ts'
import { writeOrCheck } from '../scripts/model-training.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FIXTURES = ['probe-a', 'probe-b', 'probe-c', 'train-t1', 'train-t2', 'train-t3']
export const OUT = path.join(root, 'workers/pipeline/model/linear.json')

export function trainingFiles(): string[] {
  const dir = path.join(root, 'tools/data/train')
  const data = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(dir, f))
    : []
  return [...data, ...FIXTURES.map((f) => path.join(root, `test/unit/pipeline/fixtures/${f}.jsonl`))]
}

export function readPosts(files: string[]): LabelledPost[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const r = JSON.parse(line) as Omit<LabelledPost, 'key'> & { id: string }
        return { key: `${path.basename(file)}:${r.id}`, text: r.text, ...(r.author ? { author: r.author } : {}), labels: r.labels }
      }),
  )
}

export function figuresTable(rows: [string, Figures][]): string {
  const f = (x: number) => x.toFixed(2)
  return [
    '| set | posts | urgent at none | flagged P / R | false urgent | spam P / R | contact P / R | warnings F1 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ([name, x]) =>
        `| ${name} | ${x.posts} | ${x.urgentAtNone} | ${f(x.flaggedP)} / ${f(x.flaggedR)} |` +
        ` ${x.falseUrgent} | ${f(x.spamP)} / ${f(x.spamR)} | ${f(x.contactP)} / ${f(x.contactR)} | ${f(x.warningsF1)} |`,
    ),
  ].join('\n')
}

function main(): void {
  const files = trainingFiles()
  const posts = readPosts(files)
  const t0 = Date.now()
  const { file, cv } = buildSafetyModels(
    posts,
    files.map((f) => path.relative(root, f)),
    { log: (l) => console.error(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${l}`) },
  )
  const wrote = writeOrCheck('linear safety model', 'tools/train-safety.ts', [{ path: OUT, json: `${JSON.stringify(file, null, 1)}\n` }])
  if (wrote) console.log(`wrote ${path.relative(root, OUT)}: ${posts.length} posts`)
  console.log(`thresholds ${JSON.stringify(file.thresholds)}`)
  console.log(`\ncross-validated (${String(file.cv.folds)} folds, training posts only):\n${figuresTable([['training CV', cv]])}`)
  console.log(`confusion (rows expected none/concern/urgent): ${JSON.stringify(cv.confusion)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
