import fs from 'node:fs'
import path from 'node:path'
import { buildSafetyModels, figuresOf, type Figures, type LabelledPost } from '../../workers/pipeline/linear/build.ts'
import { MODEL_FILE } from '../../workers/pipeline/model-dir.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings, WARNING_CATEGORIES, type WarningCategory } from '../../workers/pipeline/types.ts'
import shipped from '../../workers/pipeline/model/linear.json' with { type: 'json' }

const LEVELS = new Set(['none', 'concern', 'urgent'])

/** Corpus-format JSON lines (tools/data/README.md); a line that is not one is an error naming the file and line. */
export function readCorpus(file: string): LabelledPost[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const out: LabelledPost[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    let r: { id?: unknown; text?: unknown; author?: LabelledPost['author']; labels?: Partial<LabelledPost['labels']> }
    try {
      r = JSON.parse(line)
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`)
    }
    const l = r.labels
    if (
      typeof r.text !== 'string' ||
      r.id === undefined ||
      !l ||
      !LEVELS.has(l.crisis as string) ||
      !Array.isArray(l.warnings) ||
      typeof l.spam !== 'boolean' ||
      typeof l.contact !== 'boolean' ||
      !l.warnings.every((w) => (WARNING_CATEGORIES as readonly string[]).includes(w))
    ) {
      throw new Error(`${file}:${i + 1}: not a labelled post (id, text and labels {crisis, warnings, spam, contact})`)
    }
    // export-labels writes no text for a post no longer visible: nothing to learn from.
    if (r.text.trim() === '') return
    out.push({ key: `${path.basename(file)}:${String(r.id)}`, text: r.text, ...(r.author ? { author: r.author } : {}), labels: l as LabelledPost['labels'] })
  })
  return out
}

/** The repo's own training posts, when the command runs from a checkout that has them. */
function repoTrainingFiles(root: string): string[] {
  const dir = path.join(root, 'tools/data/train')
  const fixtures = ['probe-a', 'probe-b', 'probe-c', 'train-t1', 'train-t2', 'train-t3'].map((f) => path.join(root, `test/unit/pipeline/fixtures/${f}.jsonl`))
  const data = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(dir, f))
    : []
  return [...data, ...fixtures].filter((f) => fs.existsSync(f))
}

function row(name: string, f: Figures): string {
  const x = (n: number) => n.toFixed(2)
  return (
    `| ${name} | ${f.posts} | ${f.urgentAtNone} | ${x(f.flaggedP)} / ${x(f.flaggedR)} |` +
    ` ${f.falseUrgent} | ${x(f.spamP)} / ${x(f.spamR)} | ${x(f.contactP)} / ${x(f.contactR)} | ${x(f.warningsF1)} |`
  )
}

/**
 * `alongside safety train --data FILE... [--out DIR] [--only]`: builds a model folder for
 * SAFETY_MODEL_DIR from a deployment's labelled posts (what `safety export-labels` writes), with the
 * repo's training posts unless --only, and prints its cross-validated figures beside the shipped
 * model's on the same posts. Nothing leaves the machine.
 */
export function trainCommand(opts: { data: string[]; out: string; only: boolean; root: string; log?: (line: string) => void }): number {
  const log = opts.log ?? ((l: string) => console.log(l))
  if (opts.data.length === 0) throw new Error('Usage: alongside safety train --data FILE... [--out DIR] [--only]')
  const own = opts.data.flatMap(readCorpus)
  if (own.length === 0) throw new Error('The --data files hold no labelled posts.')
  const repo = opts.only ? [] : repoTrainingFiles(opts.root).flatMap(readCorpus)
  const posts = [...own, ...repo]
  log(`Training on ${own.length} posts from --data${repo.length ? ` and ${repo.length} of the repo's` : ''} (5-fold cross-validation; a few minutes)...`)
  const { file, cv, predictions } = buildSafetyModels(posts, [...opts.data.map((f) => path.basename(f)), ...(repo.length ? ['repo training posts'] : [])])
  fs.mkdirSync(opts.out, { recursive: true })
  fs.writeFileSync(path.join(opts.out, MODEL_FILE), `${JSON.stringify(file)}\n`)

  // Beside it, on the deployment's own posts: the new model out of fold, the shipped one as it scans.
  const settings = defaultSafetySettings()
  const mine = figuresOf(
    own.map((p) => p.labels),
    predictions.slice(0, own.length),
  )
  const theirs = figuresOf(
    own.map((p) => p.labels),
    own.map((p) => {
      const v = scan({ text: p.text, settings, ...(p.author ? { author: { ...p.author, recentTexts: [] } } : {}) })
      return { crisis: v.crisis.level, warnings: new Set<WarningCategory>(v.warnings), spam: v.spam.isSpam, contact: v.contact.found }
    }),
  )
  log('')
  log('| model | posts | urgent at none | flagged P / R | false urgent | spam P / R | contact P / R | warnings F1 |')
  log('| --- | --- | --- | --- | --- | --- | --- | --- |')
  log(row('new, cross-validated, all its posts', cv))
  log(row('new, cross-validated, --data posts', mine))
  log(row('shipped, on the --data posts', theirs))
  log(`shipped, cross-validated on its own training posts: ${JSON.stringify((shipped as { cv?: unknown }).cv ?? 'not recorded')}`)
  log('')
  log(`Wrote ${path.join(opts.out, MODEL_FILE)}. To scan with it, set SAFETY_MODEL_DIR=${opts.out} for the server and the workers and restart them.`)
  return 0
}
