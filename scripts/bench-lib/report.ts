// What a bench run reports: the pipeline's figures after the reply scenario (replies saved, time to
// an applied verdict) and the table printed at the end.
import SQLite from 'better-sqlite3'
import type { BenchFile } from '../bench-compare.ts'
import { pct, sleep } from './processes.ts'

/** After the reply run: how many replies were saved, and how long each took to reach its applied verdict. */
export async function pipelineStats(runDb: string, maxPostBefore: number, requests: number) {
  const db = new SQLite(runDb, { readonly: true })
  try {
    const deadline = Date.now() + 60_000
    let pending = 0
    const drainStart = Date.now()
    for (;;) {
      pending = (db.prepare('select count(*) as n from outbox where done_at is null').get() as { n: number }).n
      if (pending === 0 || Date.now() > deadline) break
      await sleep(100)
    }
    const rows = db
      .prepare('select p.created_at, v.applied_at from post p left join applied_verdict v on v.post_id = p.id and v.revision = p.revision where p.id > ?')
      .all(maxPostBefore) as { created_at: number; applied_at: number | null }[]
    const lat = rows
      .filter((r) => r.applied_at !== null)
      .map((r) => r.applied_at! - r.created_at)
      .sort((a, b) => a - b)
    const held = (db.prepare("select count(*) as n from post where id > ? and status = 'held'").get(maxPostBefore) as { n: number }).n
    // What the scans put in the review queue, by reason: replies held as spam would mean the scenario
    // measured a spam flood rather than members replying.
    const queued = Object.fromEntries(
      (
        db.prepare('select reason, count(*) as n from review_item where post_id > ? group by reason order by n desc').all(maxPostBefore) as {
          reason: string
          n: number
        }[]
      ).map((r) => [r.reason, r.n]),
    )
    return {
      requests,
      saved: rows.length,
      verdictsApplied: lat.length,
      held,
      queued,
      backlogDrainSeconds: Number(((Date.now() - drainStart) / 1000).toFixed(1)),
      stillPending: pending,
      savedToVerdictMs: { p50: pct(lat, 50), p99: pct(lat, 99), max: lat.at(-1) ?? 0 },
    }
  } finally {
    db.close()
  }
}

/** What the table reads of a run's results (the file holds more). */
export type BenchOut = BenchFile & {
  dataset: { threads: number; members: number; fileMb: number }
  settings: { duration: number; connections: number; gzip?: boolean } & Record<string, unknown>
  machine: { cpus: number; node: string } & Record<string, unknown>
  serverRssMaxMb: number
  serverRssMaxMbByScenario: Record<string, number>
  replies?: {
    saved: number
    verdictsApplied: number
    held: number
    queued?: Record<string, number>
    backlogDrainSeconds: number
    savedToVerdictMs: { p50: number; p99: number }
  }
  targets: { met: boolean; target: string; value: unknown }[]
}

export function formatTable(out: BenchOut): string {
  const n = (x: number) => x.toLocaleString('en')
  const lines = [
    `Alongside bench: ${n(out.posts)} posts (${n(out.dataset.threads)} threads, ${n(out.dataset.members)} accounts, ${n(out.dataset.fileMb)} MB), ` +
      `${out.settings.duration} s per scenario at ${out.settings.connections} connections, ` +
      `${out.machine.cpus} cores, Node ${out.machine.node}${out.settings.gzip ? ', gzip on' : ''}`,
    '',
    '| # | scenario | req/s | p50 ms | p99 ms | errors | ratio to #1 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...out.scenarios.map((s) => `| ${s.id} | ${s.name} | ${n(s.rps)} | ${s.p50} | ${s.p99} | ${s.errors} | ${s.ratio.toFixed(2)} |`),
    '',
    `server RSS max: ${out.serverRssMaxMb} MB (per scenario: ${Object.entries(out.serverRssMaxMbByScenario)
      .map(([k, v]) => `#${k} ${v}`)
      .join(', ')})`,
  ]
  if (out.replies) {
    const r = out.replies
    lines.push(
      `replies: ${n(r.saved)} saved, ${n(r.verdictsApplied)} verdicts applied by the embedded pipeline ` +
        `(${r.held} held; queued for review: ` +
        `${
          Object.entries(r.queued ?? {})
            .map(([k, v]) => `${k} ${n(v)}`)
            .join(', ') || 'none'
        }), ` +
        `backlog drained ${r.backlogDrainSeconds} s after the run; saved -> verdict applied p50 ${r.savedToVerdictMs.p50} ms, p99 ${r.savedToVerdictMs.p99} ms`,
    )
  }
  lines.push('', 'Targets:', ...out.targets.map((x) => `  ${x.met ? 'met   ' : 'MISSED'} ${x.target}: ${x.value}`))
  return lines.join('\n')
}
