// Evaluate the safety detectors against a labelled corpus (JSON lines, see
// shared/corpus/LABELING.md): per-label precision/recall/F1, the crisis confusion table and
// every misclassified id. Usage: node --import tsx scripts/eval-safety.ts [file.jsonl] [--json] [--rules-only]
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { classify, type Classification } from '../workers/pipeline/classify.ts'
import { WARNING_CATEGORIES, type CrisisLevel, type WarningCategory } from '../workers/pipeline/types.ts'

export interface LabelledRecord {
  id: string
  community: string
  text: string
  author?: { accountAgeDays: number; postCount: number }
  labels: { crisis: CrisisLevel; warnings: WarningCategory[]; spam: boolean; contact: boolean }
}

export interface Score { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

export interface Evaluation {
  count: number
  crisisUrgent: Score
  crisisFlagged: Score
  warnings: Record<WarningCategory, Score>
  warningsMicro: Score
  spam: Score
  contact: Score
  /** confusion[expected][got] */
  confusion: Record<CrisisLevel, Record<CrisisLevel, number>>
  errors: { id: string; field: string; expected: unknown; got: unknown }[]
}

const LEVELS: CrisisLevel[] = ['none', 'concern', 'urgent']

export function loadJsonl(file: string): LabelledRecord[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as LabelledRecord)
}

export function evaluate(records: LabelledRecord[], opts: { model?: boolean } = {}): Evaluation {
  const counts = () => ({ tp: 0, fp: 0, fn: 0 })
  const urgent = counts(), flagged = counts(), spam = counts(), contact = counts(), micro = counts()
  const perCategory = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, counts()])) as Record<WarningCategory, ReturnType<typeof counts>>
  const confusion = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(LEVELS.map((g) => [g, 0]))])) as Evaluation['confusion']
  const errors: Evaluation['errors'] = []

  for (const record of records) {
    const got: Classification = classify(record, undefined, opts)
    const want = record.labels
    confusion[want.crisis][got.crisis]++
    tally(urgent, want.crisis === 'urgent', got.crisis === 'urgent')
    tally(flagged, want.crisis !== 'none', got.crisis !== 'none')
    tally(spam, want.spam, got.spam)
    tally(contact, want.contact, got.contact)
    for (const c of WARNING_CATEGORIES) {
      tally(perCategory[c], want.warnings.includes(c), got.warnings.includes(c))
      tally(micro, want.warnings.includes(c), got.warnings.includes(c))
    }
    if (want.crisis !== got.crisis) errors.push({ id: record.id, field: 'crisis', expected: want.crisis, got: got.crisis })
    const w = [...want.warnings].sort().join(','), g = [...got.warnings].sort().join(',')
    if (w !== g) errors.push({ id: record.id, field: 'warnings', expected: want.warnings, got: got.warnings })
    if (want.spam !== got.spam) errors.push({ id: record.id, field: 'spam', expected: want.spam, got: got.spam })
    if (want.contact !== got.contact) errors.push({ id: record.id, field: 'contact', expected: want.contact, got: got.contact })
  }

  return {
    count: records.length,
    crisisUrgent: score(urgent),
    crisisFlagged: score(flagged),
    warnings: Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, score(perCategory[c])])) as Record<WarningCategory, Score>,
    warningsMicro: score(micro),
    spam: score(spam),
    contact: score(contact),
    confusion,
    errors,
  }
}

function tally(c: { tp: number; fp: number; fn: number }, expected: boolean, got: boolean): void {
  if (expected && got) c.tp++
  else if (!expected && got) c.fp++
  else if (expected && !got) c.fn++
}

// An empty class (no positives expected or predicted) scores 1: nothing was missed or invented.
function score({ tp, fp, fn }: { tp: number; fp: number; fn: number }): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { tp, fp, fn, precision, recall, f1 }
}

function printReport(file: string, e: Evaluation): void {
  const pct = (x: number) => x.toFixed(3)
  const row = (name: string, s: Score) =>
    console.log(`${name.padEnd(22)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`)
  console.log(`${file}: ${e.count} posts\n`)
  row('crisis urgent', e.crisisUrgent)
  row('crisis flagged', e.crisisFlagged)
  for (const c of WARNING_CATEGORIES) row(`warning ${c}`, e.warnings[c])
  row('warnings (micro)', e.warningsMicro)
  row('spam', e.spam)
  row('contact', e.contact)
  console.log('\ncrisis confusion (rows expected, columns got)')
  console.log(`${''.padEnd(10)}${LEVELS.map((l) => l.padStart(9)).join('')}`)
  for (const want of LEVELS) console.log(`${want.padEnd(10)}${LEVELS.map((g) => String(e.confusion[want][g]).padStart(9)).join('')}`)
  console.log(`\nmisclassified (${e.errors.length})`)
  for (const err of e.errors) console.log(`  ${err.id.padEnd(8)} ${err.field.padEnd(9)} expected ${JSON.stringify(err.expected)} got ${JSON.stringify(err.got)}`)
}

function main(): void {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const file = args.find((a) => !a.startsWith('--')) ?? path.join(repoRoot, 'test/unit/pipeline/fixtures/safety-dev.jsonl')
  // --rules-only: the rules without the statistical model, to see what each layer contributes.
  const result = evaluate(loadJsonl(file), { model: !args.includes('--rules-only') })
  if (json) console.log(JSON.stringify({ file, ...result }, null, 2))
  else printReport(file, result)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
