// How cost grows with data: each read scenario at 1,000,000 posts against the same at 10,000.
// Usage: npm run bench:compare [-- --large bench/results/1000000.json --small bench/results/10000.json]
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface ScenarioResult {
  id: string
  name: string
  read: boolean
  rps: number
  p50: number
  p99: number
  errors: number
  ratio: number
}
export interface BenchFile {
  posts: number
  scenarios: ScenarioResult[]
}

export interface CompareRow {
  id: string
  name: string
  largeRps: number
  smallRps: number
  change: number
  ratioChange: number
  within: boolean
}

/**
 * Requests/s at the large dataset relative to the small one, raw and as a ratio to each run's own
 * bare route (which cancels out a machine that was busier during one run). The target is judged
 * on the ratio: within 15% passes. The bare route itself reads no data and is left out.
 */
export function compareRuns(large: BenchFile, small: BenchFile, tolerance = 0.15): CompareRow[] {
  const rows: CompareRow[] = []
  for (const s of large.scenarios.filter((x) => x.read && x.id !== '1')) {
    const o = small.scenarios.find((x) => x.id === s.id)
    if (!o) continue
    const change = s.rps / o.rps - 1
    const ratioChange = s.ratio / o.ratio - 1
    rows.push({ id: s.id, name: s.name, largeRps: s.rps, smallRps: o.rps, change, ratioChange, within: Math.abs(ratioChange) <= tolerance })
  }
  return rows
}

export function formatCompare(large: BenchFile, small: BenchFile): string {
  const rows = compareRuns(large, small)
  const n = (x: number) => x.toLocaleString('en')
  const lines = [
    `Read scenarios: ${n(large.posts)} posts vs ${n(small.posts)} posts (target: within 15%, judged on the ratio to each run's bare route)`,
    `| scenario | req/s @ ${n(large.posts)} | req/s @ ${n(small.posts)} | change in req/s | change in ratio to #1 | within 15% |`,
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map(
      (r) =>
        `| ${r.id} ${r.name} | ${n(Math.round(r.largeRps))} | ${n(Math.round(r.smallRps))} |` +
        ` ${(r.change * 100).toFixed(1)}% | ${(r.ratioChange * 100).toFixed(1)}% | ${r.within ? 'yes' : 'NO'} |`,
    ),
  ]
  return lines.join('\n')
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const args = process.argv.slice(2)
  const arg = (k: string, d: string) => {
    const i = args.indexOf(`--${k}`)
    return i >= 0 && args[i + 1] ? args[i + 1]! : d
  }
  const largeFile = arg('large', 'bench/results/1000000.json')
  const smallFile = arg('small', 'bench/results/10000.json')
  for (const f of [largeFile, smallFile]) {
    if (!fs.existsSync(f)) {
      console.error(`${f} is missing: run npm run bench -- --posts ${path.basename(f, '.json')} first`)
      process.exit(1)
    }
  }
  const large = JSON.parse(fs.readFileSync(largeFile, 'utf8')) as BenchFile
  const small = JSON.parse(fs.readFileSync(smallFile, 'utf8')) as BenchFile
  console.log(formatCompare(large, small))
}
