// Throughput of the safety pipeline on one core. Sections are independent functions so
// further ones (the Redis round-trip) can be added alongside benchDetectors().
// Usage: node --import tsx scripts/bench-safety.ts [--scans N]
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scan } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type ScanInput } from '../workers/pipeline/types.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function corpusInputs(): ScanInput[] {
  const file = path.resolve(repoRoot, '../shared/corpus/safety-dev.jsonl')
  const settings = defaultSafetySettings()
  // A couple of watched words so the rules detector is measured too.
  settings.watchedWords = [
    { id: 1, phrase: 'kill', wholeWord: true, regex: false, action: 'flag' },
    { id: 2, phrase: 'bit(coin|cash)', wholeWord: false, regex: true, action: 'hold' },
  ]
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const r = JSON.parse(line) as { text: string; author?: { accountAgeDays: number; postCount: number } }
    return { text: r.text, settings, ...(r.author ? { author: { ...r.author, recentTexts: [] } } : {}) }
  })
}

export interface BenchResult { scans: number; seconds: number; postsPerSecond: number }

export function benchDetectors(scans = 20_000): BenchResult {
  const inputs = corpusInputs()
  for (let i = 0; i < 2_000; i++) scan(inputs[i % inputs.length]!) // warm-up: JIT and caches
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < scans; i++) scan(inputs[i % inputs.length]!)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { scans, seconds, postsPerSecond: scans / seconds }
}

function main(): void {
  const i = process.argv.indexOf('--scans')
  const scans = i > 0 ? Number(process.argv[i + 1]) : 20_000
  const r = benchDetectors(scans)
  console.log(`detectors: ${r.scans} scans in ${r.seconds.toFixed(2)} s = ${Math.round(r.postsPerSecond)} posts/s (one core)`)
}

main()
