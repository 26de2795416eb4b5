import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { listSafetyFeedbackSince } from '../db/safety.ts'
import type { DB } from '../db/schema.ts'

const DAY_MS = 86_400_000

/**
 * `alongside safety export-labels [--since DATE] [--out FILE]`: moderators' "was this flag right?"
 * answers as corpus-format JSON lines (tools/data/README.md), for `alongside safety train`. A post's
 * text is included only while it is visible and not deleted; no handle is ever written, only the
 * community's slug and the author's account age and post count. The lines stay on this machine.
 */
export async function exportLabels(db: Kysely<DB>, opts: { since: number; out?: string }): Promise<number> {
  const rows = await listSafetyFeedbackSince(db, opts.since)
  const lines: string[] = []
  let withheld = 0
  for (const r of rows) {
    const visible = r.status === 'visible' && r.deleted_at === null
    if (!visible) withheld++
    lines.push(
      JSON.stringify({
        id: `mod-${r.item_id}`,
        community: r.slug,
        text: visible ? r.body : '',
        author: { accountAgeDays: Math.max(0, Math.floor((r.post_created_at - r.author_created_at) / DAY_MS)), postCount: r.post_count },
        labels: { crisis: r.crisis, warnings: JSON.parse(r.warnings) as string[], spam: r.spam === 1, contact: r.contact === 1 },
        flagRight: r.flag_right === 1,
        decidedAt: new Date(r.created_at).toISOString(),
      }),
    )
  }
  const body = lines.length ? `${lines.join('\n')}\n` : ''
  if (opts.out) fs.writeFileSync(opts.out, body)
  else process.stdout.write(body)
  // On stderr, so that stdout stays pure JSON lines.
  process.stderr.write(`${rows.length} decisions${withheld ? `, ${withheld} without text (the post is hidden, removed or deleted; train skips them)` : ''}\n`)
  return 0
}
