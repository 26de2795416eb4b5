// Evaluate the safety detectors against labelled corpora (JSON lines in the corpus format of
// tools/data/README.md): per set, the figures the safety targets are set in (urgent posts left at
// none, flagged precision/recall, false urgent, spam, contact, warnings micro-F1), per-label
// precision/recall/F1 and the crisis confusion table.
// Usage: node --import tsx scripts/eval-safety.ts [file.jsonl ...] [--json] [--rules-only] [--errors]
//   With no file: every set under tools/data (train and blind) and the heldout fixture.
//   --errors lists misclassified ids, for training and dev files only: a blind set
//   (tools/data/blind/*) is only ever measured in aggregate, never studied post by post.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
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

export interface Score {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

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
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledRecord)
}

export function evaluate(records: LabelledRecord[], opts: { model?: boolean } = {}): Evaluation {
  const counts = () => ({ tp: 0, fp: 0, fn: 0 })
  const urgent = counts(),
    flagged = counts(),
    spam = counts(),
    contact = counts(),
    micro = counts()
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
    const w = [...want.warnings].sort().join(','),
      g = [...got.warnings].sort().join(',')
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

/** A blind set: measured in aggregate only. Nobody reads its posts or its per-post errors. */
export function isBlind(file: string): boolean {
  return path.resolve(file).split(path.sep).join('/').includes('/tools/data/blind/')
}

/** The figures the targets are set in, for one set. */
export function summary(e: Evaluation) {
  const nonUrgent = e.count - (e.confusion.urgent.none + e.confusion.urgent.concern + e.confusion.urgent.urgent)
  const falseUrgent = e.confusion.none.urgent + e.confusion.concern.urgent
  return {
    posts: e.count,
    urgentAtNone: e.confusion.urgent.none,
    flaggedP: e.crisisFlagged.precision,
    flaggedR: e.crisisFlagged.recall,
    falseUrgent,
    falseUrgentRate: nonUrgent === 0 ? 0 : falseUrgent / nonUrgent,
    spamP: e.spam.precision,
    spamR: e.spam.recall,
    contactP: e.contact.precision,
    contactR: e.contact.recall,
    warningsF1: e.warningsMicro.f1,
  }
}

export const SUMMARY_HEADER =
  '| set | posts | urgent at none | flagged P / R | false urgent | spam P / R |' +
  ' contact P / R | warnings F1 |\n| --- | --- | --- | --- | --- | --- | --- | --- |'
export function summaryRow(name: string, e: Evaluation): string {
  const s = summary(e)
  const f = (x: number) => x.toFixed(2)
  return (
    `| ${name} | ${s.posts} | ${s.urgentAtNone} |` +
    ` ${f(s.flaggedP)} / ${f(s.flaggedR)} |` +
    ` ${s.falseUrgent} (${(100 * s.falseUrgentRate).toFixed(1)}%) | ${f(s.spamP)} / ${f(s.spamR)} | ${f(s.contactP)} / ${f(s.contactR)} | ${f(s.warningsF1)} |`
  )
}

function printReport(file: string, e: Evaluation, showErrors: boolean): void {
  const pct = (x: number) => x.toFixed(3)
  const row = (name: string, s: Score) =>
    console.log(`${name.padEnd(22)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`)
  const s = summary(e)
  console.log(`${file}: ${e.count} posts${isBlind(file) ? ' (blind: aggregate figures only)' : ''}\n`)
  console.log(`urgent at none ${s.urgentAtNone}; false urgent ${s.falseUrgent} (${(100 * s.falseUrgentRate).toFixed(1)}% of non-urgent)`)
  row('crisis urgent', e.crisisUrgent)
  row('crisis flagged', e.crisisFlagged)
  for (const c of WARNING_CATEGORIES) row(`warning ${c}`, e.warnings[c])
  row('warnings (micro)', e.warningsMicro)
  row('spam', e.spam)
  row('contact', e.contact)
  console.log('\ncrisis confusion (rows expected, columns got)')
  console.log(`${''.padEnd(10)}${LEVELS.map((l) => l.padStart(9)).join('')}`)
  for (const want of LEVELS) console.log(`${want.padEnd(10)}${LEVELS.map((g) => String(e.confusion[want][g]).padStart(9)).join('')}`)
  if (!showErrors) return
  console.log(`\nmisclassified (${e.errors.length})`)
  for (const err of e.errors)
    console.log(`  ${err.id.padEnd(8)} ${err.field.padEnd(9)} expected ${JSON.stringify(err.expected)} got ${JSON.stringify(err.got)}`)
}

export function defaultSets(repoRoot: string): string[] {
  const under = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => path.join(dir, f))
      : []
  return [
    ...under(path.join(repoRoot, 'tools/data/train')),
    ...under(path.join(repoRoot, 'tools/data/blind')),
    path.join(repoRoot, 'test/unit/pipeline/fixtures/heldout.jsonl'),
  ]
}

function main(): void {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const given = args.filter((a) => !a.startsWith('--'))
  const files = given.length > 0 ? given : defaultSets(repoRoot)
  // --rules-only: the rules without the statistical model, to see what each layer contributes.
  const opts = { model: !args.includes('--rules-only') }
  const rows: string[] = []
  for (const file of files) {
    const result = evaluate(loadJsonl(file), opts)
    const blind = isBlind(file)
    const name = path.relative(repoRoot, path.resolve(file))
    rows.push(summaryRow(name, result))
    if (json) {
      const { errors, ...rest } = result
      console.log(JSON.stringify({ file: name, summary: summary(result), ...rest, ...(blind ? {} : { errors }) }))
    } else {
      printReport(name, result, args.includes('--errors') && !blind)
      console.log('')
    }
  }
  if (!json) console.log([SUMMARY_HEADER, ...rows].join('\n'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
