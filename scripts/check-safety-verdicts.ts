// Proves a speed change left every verdict as it was: scans every post of tools/data/train,
// tools/data/blind and the pipeline's test fixtures, as they are and in variants that take the
// slower paths (capitals, look-alike letters, invisible characters, leetspeak, quoted replies,
// watched words, a posting history, a new account), and compares the full verdicts (levels,
// evidence, warnings, spam score and reasons, contact findings, rule hits) with a capture.
// Usage:
//   node --import tsx scripts/check-safety-verdicts.ts --capture data/verdicts-before.jsonl
//   node --import tsx scripts/check-safety-verdicts.ts --compare data/verdicts-before.jsonl
// Either prints the SHA-256 of the canonical verdicts, so two trees can also be compared by hash.
// The capture belongs to one set of models and rules: capture again after they change.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scan } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type ScanInput, type Verdict } from '../workers/pipeline/types.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface Rec {
  id: string
  text: string
  author?: { accountAgeDays: number; postCount: number }
}

function files(): string[] {
  const dir = (d: string) =>
    existsSync(path.join(repoRoot, d))
      ? readdirSync(path.join(repoRoot, d))
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => path.join(repoRoot, d, f))
      : []
  return [...dir('tools/data/train'), ...dir('tools/data/blind'), ...dir('test/unit/pipeline/fixtures')]
}

const variants: [string, (t: string) => string][] = [
  ['as-is', (t) => t],
  ['upper', (t) => t.toUpperCase()],
  // Cyrillic look-alikes, a zero-width space and a soft hyphen inside words, curly quotes, a tab.
  ['unicode', (t) => t.replace(/a/g, '\u0430').replace(/o/g, 'o\u200b').replace(/e/g, 'e\u00ad').replace(/'/g, '\u2019').replace(/ the /g, '\tthe ')],
  ['leet', (t) => t.replace(/i/g, '1').replace(/e/g, '3').replace(/s/g, '$')],
  ['quoted', (t) => `> ${t.split('\n').join('\n> ')}\n\nSame here, honestly.`],
  ['accents', (t) => t.replace(/e/g, 'e\u0301').replace(/u/g, '\u00fc')],
]

function inputs(): { key: string; input: ScanInput }[] {
  const plain = defaultSafetySettings()
  const watched = defaultSafetySettings()
  watched.watchedWords = [
    { id: 1, phrase: 'kill', wholeWord: true, regex: false, action: 'flag' },
    { id: 2, phrase: 'bit(coin|cash)', wholeWord: false, regex: true, action: 'hold' },
    { id: 3, phrase: 'pills', wholeWord: true, regex: false, action: 'warn', category: 'substance_use' },
  ]
  watched.warningCategories = ['suicide', 'self_harm', 'death']
  const out: { key: string; input: ScanInput }[] = []
  for (const file of files()) {
    const name = path.basename(file, '.jsonl')
    const recs = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Rec)
    recs.forEach((r, i) => {
      const author = r.author ? { ...r.author } : undefined
      out.push({ key: `${name}/${r.id}/as-is`, input: { text: r.text, settings: plain, ...(author ? { author } : {}) } })
      for (const [v, f] of variants.slice(1)) out.push({ key: `${name}/${r.id}/${v}`, input: { text: f(r.text), settings: plain } })
      // Watched words, a narrower set of warnings, a young account with a history (one post repeated).
      const history = recs.slice(Math.max(0, i - 4), i).map((x) => x.text)
      if (i % 3 === 0) history.push(r.text)
      out.push({
        key: `${name}/${r.id}/history`,
        input: { text: r.text, settings: watched, author: { accountAgeDays: i % 5, postCount: i % 7, recentTexts: history } },
      })
    })
  }
  return out
}

function canonical(v: Verdict): string {
  return JSON.stringify(v)
}

function main(): void {
  const mode = process.argv[2]
  const file = process.argv[3]
  if ((mode !== '--capture' && mode !== '--compare') || !file) {
    console.error('usage: check-safety-verdicts.ts --capture|--compare FILE')
    process.exit(2)
  }
  const all = inputs()
  const lines = all.map(({ key, input }) => `${JSON.stringify(key)}\t${canonical(scan(input))}`)
  const hash = createHash('sha256').update(lines.join('\n')).digest('hex')
  if (mode === '--capture') {
    writeFileSync(file, lines.join('\n') + '\n')
    console.log(`captured ${lines.length} verdicts to ${file}; sha256 ${hash}`)
    return
  }
  const before = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  let differ = 0
  if (before.length !== lines.length) {
    console.error(`capture has ${before.length} verdicts, this tree ${lines.length}`)
    process.exit(1)
  }
  for (let i = 0; i < lines.length; i++) {
    if (before[i] === lines[i]) continue
    if (++differ <= 5) console.error(`differs: ${before[i]!.slice(0, 300)}\n   now: ${lines[i]!.slice(0, 300)}`)
  }
  console.log(`${lines.length} verdicts, ${differ} differ; sha256 ${hash}`)
  process.exit(differ === 0 ? 0 : 1)
}

main()
