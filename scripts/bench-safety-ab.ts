// Scans per CPU-second of two versions of the safety pipeline in one process, in alternating
// batches, so that a busy machine slows both alike (wall time on a shared machine says little).
// Usage:
//   mkdir -p tmp/before && git archive <commit> workers/pipeline | tar -x -C tmp/before
//   node --import tsx scripts/bench-safety-ab.ts tmp/before [--batch 500] [--rounds 8]
// Scans the training posts of 350 to 650 characters (as `npm run bench:safety` does for long posts).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { scan as scanAfter } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type ScanInput, type Verdict } from '../workers/pipeline/types.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  if (!dir || dir.startsWith('--')) throw new Error('usage: bench-safety-ab.ts BEFORE_DIR [--batch N] [--rounds N]')
  const before = (await import(pathToFileURL(path.resolve(dir, 'workers/pipeline/scan.ts')).href)) as { scan: (i: ScanInput) => Verdict }
  const settings = defaultSafetySettings()
  const train = path.join(repoRoot, 'tools/data/train')
  const inputs: ScanInput[] = readdirSync(train)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(train, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as { text: string; author?: { accountAgeDays: number; postCount: number } })
    .filter((r) => r.text.length >= 350 && r.text.length <= 650)
    .map((r) => ({ text: r.text, settings, ...(r.author ? { author: { ...r.author, recentTexts: [] } } : {}) }))
  const batch = arg('--batch', 500)
  const rounds = arg('--rounds', 8)
  const versions = { before: before.scan, after: scanAfter }
  for (let i = 0; i < 2_000; i++) for (const scan of Object.values(versions)) scan(inputs[i % inputs.length]!) // warm-up
  const cpu = { before: 0, after: 0 }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)
    for (const name of order) {
      const c0 = process.cpuUsage()
      for (let i = 0; i < batch; i++) versions[name](inputs[(r * batch + i) % inputs.length]!)
      const c = process.cpuUsage(c0)
      cpu[name] += c.user + c.system
    }
  }
  const rate = (us: number) => Math.round((batch * rounds) / (us / 1e6))
  console.log(`long posts: before ${rate(cpu.before)} scans per CPU-second, after ${rate(cpu.after)} (x${(cpu.before / cpu.after).toFixed(2)})`)
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
