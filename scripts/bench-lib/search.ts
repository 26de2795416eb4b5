// Search scenarios for `npm run bench` (issue 21): the words come from the dataset's own index.
import type SQLite from 'better-sqlite3'

export interface SearchWords {
  common: string[]
  rare: string[]
  phrase: string[]
  /** How many posts hold each kind of word (the first of each list), for the report. */
  docs: { common: number; rare: number }
}

/**
 * The five most and least frequent words of four letters or more in the index (fts5vocab reads
 * the whole index once: seconds at a million posts), and five three-word phrases taken from posts.
 */
export function pickSearchWords(db: SQLite.Database): SearchWords {
  db.exec("create virtual table if not exists temp.search_vocab using fts5vocab(main, 'post_fts', 'row')")
  const terms = db.prepare("select term, doc from temp.search_vocab where length(term) >= 4 and term not glob '*[0-9]*' order by doc desc").all() as {
    term: string
    doc: number
  }[]
  const common = terms.slice(0, 5)
  const rare = terms.slice(-5).reverse()
  const bodies = db.prepare("select body from post where status = 'visible' and id % 997 = 1 limit 5").all() as { body: string }[]
  const phrase = bodies.map((b) => {
    // Three words in a row, as the index's tokenizer splits them (Markdown marks are not words).
    const words = b.body.match(/[\p{L}\p{N}]+/gu) ?? []
    return `"${words.slice(3, 6).join(' ')}"`
  })
  return { common: common.map((t) => t.term), rare: rare.map((t) => t.term), phrase, docs: { common: common[0]?.doc ?? 0, rare: rare[0]?.doc ?? 0 } }
}

/**
 * One request at a time, so the latency is the server's own time for a search (plus loopback),
 * not a queue of 50 connections: the targets are p99 at the server.
 */
export function searchScenario(base: string, cookie: string, queries: string[], enc: (h: Record<string, string>) => Record<string, string>) {
  let i = 0
  return {
    url: base,
    connections: 1,
    requests: [
      {
        method: 'GET' as const,
        setupRequest: (req: { headers?: Record<string, string> }) => ({
          ...req,
          path: `/api/v1/search?q=${encodeURIComponent(queries[i++ % queries.length]!)}&limit=20`,
          headers: { ...req.headers, ...enc({ cookie }) },
        }),
      },
    ],
  }
}

export async function checkSearch(base: string, cookie: string, q: string) {
  const res = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, { headers: { cookie } })
  const body = (await res.json()) as { results?: unknown[] }
  if (res.status !== 200 || !body.results || body.results.length === 0)
    throw new Error(`search check failed for ${q}: ${res.status}, ${body.results?.length} results`)
}

/**
 * Drops the search triggers for a bulk load (each would index one post at a time) and returns
 * what builds the index in one pass afterwards and puts them back: seconds taken.
 */
export function pauseSearchIndex(db: SQLite.Database): () => number {
  const triggers = db.prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'post_fts_%'").all() as { name: string; sql: string }[]
  for (const t of triggers) db.exec(`drop trigger "${t.name}"`)
  return () => {
    const t0 = Date.now()
    db.exec("insert into post_fts (post_fts) values ('rebuild')")
    db.exec("insert into post_fts (post_fts) values ('optimize')")
    for (const t of triggers) db.exec(t.sql)
    return (Date.now() - t0) / 1000
  }
}
