// Generates a realistic Alongside dataset for the benchmarks, through the real schema.
// Usage: npm run bench:data -- [--posts 1000000] [--out data/bench-1000000.db] [--seed 1]
//
// Migrations and the four demo communities go through the application's own code
// (migrateToLatest, seedCommunities); the bulk rows then go in with better-sqlite3 prepared
// statements in large transactions, with the secondary indexes built once at the end, because
// a million posts through Kysely one at a time would take far longer than the 3 minutes allowed.
// Markdown is rendered with the application's renderMarkdown, but only for a pool of distinct
// bodies that the posts then share: rendering a million bodies would take ~20 minutes alone.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { hashPassword } from '../server/auth/password.ts'
import { migrateToLatest, openDatabase } from '../server/db/database.ts'
import { renderMarkdown } from '../server/render/markdown.ts'
import { shouldHold, signalsFor } from '../server/safety/apply-verdict.ts'
import { seedCommunities } from '../server/seed/communities.ts'
import { scan } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type Verdict, type WarningCategory } from '../workers/pipeline/types.ts'
import { BENCH_MEMBER_COUNT, insertMembers } from './bench-lib/members.ts'
import { parseArgs, progressBar, step } from './bench-lib/progress.ts'

export { parseArgs } from './bench-lib/progress.ts'
import { insertReviewItems, type FlaggedPost } from './bench-lib/review.ts'
import { threadShapes } from './bench-lib/shape.ts'
import { pauseSearchIndex } from './bench-lib/search.ts'
import { makeBody, mulberry32, pick } from './bench-lib/text.ts'

export { makeBody, mulberry32, type Rng } from './bench-lib/text.ts'
export { BENCH_MEMBER_COUNT, BENCH_MODERATOR, BENCH_READER, benchMemberHandle } from './bench-lib/members.ts'

/** Known accounts the load generator signs in as. Every generated account shares this password. */
export const BENCH_PASSWORD = 'bench password 2024'

export const defaultDatasetPath = (posts: number) => `data/bench-${posts}.db`

export interface DatasetStats {
  posts: number
  threads: number
  members: number
  benchMembers: number
  communities: number
  memberships: number
  revisions: number
  outbox: number
  appliedVerdicts: number
  reviewItems: number
  openReviewItems: number
  reviewSignals: number
  reports: number
  notifications: number
  auditLog: number
  bodyPool: number
  searchIndexSeconds: number
  longestThread: number
  threadsWith20Posts: number
  fileBytes: number
  seconds: number
}

// ---------- generator ----------
export async function generateDataset(opts: { posts: number; out: string; seed?: number; quiet?: boolean }): Promise<DatasetStats> {
  const t0 = Date.now()
  const quiet = opts.quiet ?? false
  const r = mulberry32(opts.seed ?? 1)
  const totalPosts = Math.max(100, Math.floor(opts.posts))
  const threadCount = Math.max(10, Math.round(totalPosts / 10))
  const memberCount = Math.max(100, Math.min(10_000, Math.round(totalPosts / 100)))
  const poolSize = Math.min(3000, Math.max(200, Math.round(totalPosts / 5)))
  const DAY = 86_400_000
  const now = Date.now()
  const start = now - 730 * DAY

  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(opts.out + suffix, { force: true })

  // 1. Schema and the four communities through the application's own code.
  step(quiet, `schema: migrating ${opts.out} and seeding the demo communities`)
  const kdb = openDatabase(opts.out)
  await migrateToLatest(kdb)
  await seedCommunities(kdb, start - DAY)
  await kdb.destroy()

  const db = new SQLite(opts.out)
  // Bulk load: no journal, no fsync, one writer. The file goes back to WAL at the end, as the server expects.
  db.pragma('journal_mode = DELETE')
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('cache_size = -400000')
  db.pragma('temp_store = MEMORY')
  db.pragma('foreign_keys = OFF')

  const communities = db.prepare('select id, slug, settings from community order by id').all() as { id: number; slug: string; settings: string }[]
  const communityWeights = [0.35, 0.3, 0.2, 0.15]

  // Secondary indexes are dropped and rebuilt from their own definitions: sorting once beats a million random B-tree inserts.
  const bulkTables = ['user', 'membership', 'thread', 'post', 'post_revision', 'outbox', 'notification', 'review_item', 'review_signal', 'report', 'audit_log']
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${bulkTables.map(() => '?').join(',')})`)
    .all(...bulkTables) as { name: string; sql: string }[]
  for (const ix of indexes) db.exec(`drop index "${ix.name}"`)
  // The search index (migration 0015) follows posts by trigger: off for the bulk load (scripts/bench-lib/search.ts).
  const buildSearchIndex = pauseSearchIndex(db)

  // 2. Members: one scrypt hash shared by every account (scrypt is slow on purpose); scripts/bench-lib/members.ts.
  step(quiet, `members: hashing one password for ${memberCount + BENCH_MEMBER_COUNT + 2} accounts`)
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const { userCreated, handles, communityMembers, communityStaff, memberships } = insertMembers(db, r, {
    memberCount,
    start,
    communities,
    communityWeights,
    passwordHash,
  })

  // 3. A pool of distinct bodies, rendered and scanned once each with the real code.
  const pool: { community: number; body: string; html: string; verdict: Verdict; verdictJson: string }[] = []
  const bar1 = progressBar('render+scan', poolSize, quiet)
  const settings = defaultSafetySettings()
  for (let i = 0; i < poolSize; i++) {
    const ci = i % communities.length
    const body = makeBody(r, communities[ci]!.slug, i % 4 !== 0)
    const verdict = scan({ text: body, settings, author: { accountAgeDays: 365, postCount: 50, recentTexts: [] } })
    pool.push({ community: ci, body, html: renderMarkdown(body), verdict, verdictJson: JSON.stringify(verdict) })
    bar1.tick(i + 1)
  }
  bar1.done()
  const poolByCommunity = communities.map((_, ci) => pool.map((p, i) => (p.community === ci ? i : -1)).filter((i) => i >= 0))
  const allowedWarnings = communities.map((c) => {
    const s = JSON.parse(c.settings) as { warningCategories?: WarningCategory[] }
    return new Set<WarningCategory>(s.warningCategories ?? settings.warningCategories)
  })

  // 4 and 5. Thread shapes, titles and post times (scripts/bench-lib/shape.ts).
  const { threadCreated, threadCommunity, threadPosts, threadTitle, postThread, postTime, order } = threadShapes(r, {
    threadCount,
    totalPosts,
    start,
    now,
    communityWeights,
    communitySlugs: communities.map((c) => c.slug),
  })

  // 6. Posts, revisions, outbox (done), applied verdicts, notifications, in big transactions.
  const insPost = db.prepare(
    'insert into post (id, thread_id, community_id, author_id, reply_to_id, body, ' +
      'html, revision, author_warnings, content_warnings, status, scan_status, ' +
      'created_at, edited_at, deleted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insRevision = db.prepare('insert into post_revision (post_id, revision, body, html, created_at) values (?, ?, ?, ?, ?)')
  const insOutbox = db.prepare('insert into outbox (post_id, revision, created_at, sent_at, attempts, done_at) values (?, ?, ?, ?, 1, ?)')
  const insVerdict = db.prepare('insert into applied_verdict (post_id, revision, crisis, verdict, applied_at) values (?, ?, ?, ?, ?)')
  const insNotification = db.prepare('insert into notification (user_id, kind, data, created_at, read_at) values (?, ?, ?, ?, ?)')
  const insThread = db.prepare(
    'insert into thread (id, community_id, author_id, title, first_post_id, reply_count, ' +
      'locked, status, created_at, last_activity_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )

  const threadAuthor = new Uint32Array(threadCount)
  const threadFirstPost = new Uint32Array(threadCount)
  const threadLast = new Float64Array(threadCount)
  const threadReplies = new Uint32Array(threadCount)
  const threadStatus: string[] = new Array(threadCount).fill('visible')
  const postCount = new Uint32Array(userCreated.length)
  const flagged: FlaggedPost[] = []
  const postAuthorOf = new Uint32Array(totalPosts + 1)
  const postThreadOf = new Uint32Array(totalPosts + 1)
  const postCommunityOf = new Uint8Array(totalPosts + 1)
  const postTimeOf = new Float64Array(totalPosts + 1)
  const postPoolOf = new Uint16Array(totalPosts + 1)
  const postStatusOf: string[] = new Array(totalPosts + 1)
  let revisions = 0
  let notifications = 0
  const bar2 = progressBar('posts', totalPosts, quiet)
  const authorFor = (ci: number) => {
    const list = communityMembers[ci]!
    // Skewed: a minority of members write most posts.
    return list[Math.floor(list.length * Math.pow(r(), 2.2))]!
  }
  const BATCH = 50_000
  for (let from = 0; from < totalPosts; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(totalPosts, from + BATCH); i++) {
        const k = order[i]!
        const id = i + 1
        const t = postThread[k]!
        const threadId = t + 1
        const ci = threadCommunity[t]!
        const communityId = communities[ci]!.id
        const at = Math.floor(postTime[k]!)
        const isFirst = threadFirstPost[t] === 0
        const authorId = authorFor(ci)
        if (isFirst) {
          threadFirstPost[t] = id
          threadAuthor[t] = authorId
        }
        const poolIds = poolByCommunity[ci]!
        const pi = poolIds[Math.floor(r() * poolIds.length)]!
        const p = pool[pi]!
        const authorWarnings: WarningCategory[] = r() < 0.04 ? [pick(r, ['death', 'substance_use', 'self_harm'] as const)] : []
        const warnings = [...new Set([...authorWarnings, ...p.verdict.warnings.filter((w) => allowedWarnings[ci]!.has(w))])]
        let status = shouldHold({ postId: id, revision: 1, verdict: p.verdict, enqueuedAt: at, scannedAt: at }) ? 'held' : 'visible'
        const roll = r()
        let deletedAt: number | null = null
        if (status === 'visible' && roll < 0.003) {
          status = 'deleted'
          deletedAt = at + 3_600_000
        } else if (status === 'visible' && roll < 0.004) status = 'hidden'
        const edited = r() < 0.02
        const revision = edited ? 2 : 1
        const editedAt = edited ? at + Math.floor(r() * 3_600_000) : null
        const replyTo = !isFirst && r() < 0.15 ? threadFirstPost[t]! : null
        insPost.run(
          id,
          threadId,
          communityId,
          authorId,
          replyTo,
          p.body,
          p.html,
          revision,
          JSON.stringify(authorWarnings),
          JSON.stringify(warnings),
          status,
          'scanned',
          at,
          editedAt,
          deletedAt,
        )
        if (edited) {
          // The first version was a different text: the revision history shows it.
          const prev = pool[poolIds[Math.floor(r() * poolIds.length)]!]!
          insRevision.run(id, 1, prev.body, prev.html, at)
          insOutbox.run(id, 1, at, at + 40, at + 90)
          insVerdict.run(id, 1, prev.verdict.crisis.level, prev.verdictJson, at + 90)
          insRevision.run(id, 2, p.body, p.html, editedAt)
          insOutbox.run(id, 2, editedAt, editedAt! + 40, editedAt! + 90)
          insVerdict.run(id, 2, p.verdict.crisis.level, p.verdictJson, editedAt! + 90)
          revisions += 2
        } else {
          insRevision.run(id, 1, p.body, p.html, at)
          insOutbox.run(id, 1, at, at + 40, at + 90)
          insVerdict.run(id, 1, p.verdict.crisis.level, p.verdictJson, at + 90)
          revisions++
        }
        if (isFirst) threadStatus[t] = status
        // As the server counts: a held reply neither counts nor moves its thread (migration 0012).
        if (isFirst || status !== 'held') threadLast[t] = at
        if (!isFirst && status !== 'held') threadReplies[t]!++
        postCount[authorId]!++
        postAuthorOf[id] = authorId
        postThreadOf[id] = threadId
        postCommunityOf[id] = ci
        postTimeOf[id] = at
        postPoolOf[id] = pi
        postStatusOf[id] = status
        if (signalsFor({ postId: id, revision, verdict: p.verdict, enqueuedAt: at, scannedAt: at }, authorWarnings).length > 0) {
          flagged.push({ postId: id, ci, at, authorId, threadId, pool: pi, revision })
        }
        // The thread's author hears about replies, as createReply does; older ones have been read.
        if (!isFirst && threadAuthor[t] !== authorId) {
          const kind = 'reply_to_thread'
          const data = JSON.stringify({ threadId, postId: id, threadTitle: threadTitle[t], fromHandle: handles[authorId], community: communities[ci]!.slug })
          insNotification.run(threadAuthor[t], kind, data, at, at < now - 7 * DAY ? at + 3_600_000 : null)
          notifications++
        }
        if ((i & 1023) === 0) bar2.tick(i)
      }
    })()
  }
  bar2.tick(totalPosts)
  bar2.done()

  // 7. Threads with counters consistent with their posts.
  step(quiet, 'threads, counters, review queue, reports, audit log')
  db.transaction(() => {
    for (let t = 0; t < threadCount; t++) {
      const ci = threadCommunity[t]!
      const locked = r() < 0.002 ? 1 : 0
      insThread.run(
        t + 1,
        communities[ci]!.id,
        threadAuthor[t],
        threadTitle[t],
        threadFirstPost[t],
        threadReplies[t],
        locked,
        threadStatus[t],
        Math.floor(threadCreated[t]!),
        Math.floor(threadLast[t]!),
      )
    }
    const setPostCount = db.prepare('update user set post_count = ? where id = ?')
    for (let u = 1; u < postCount.length; u++) if (postCount[u]! > 0) setPostCount.run(postCount[u], u)
    const setCommunity = db.prepare('update community set member_count = ?, thread_count = ?, last_activity_at = ? where id = ?')
    for (let ci = 0; ci < communities.length; ci++) {
      const c = communities[ci]!
      const members = (db.prepare('select count(*) as n from membership where community_id = ?').get(c.id) as { n: number }).n
      let threads = 0
      let last = 0
      // Threads readers can see (not held, hidden or removed), as the server counts them.
      for (let t = 0; t < threadCount; t++)
        if (threadCommunity[t] === ci && !['held', 'hidden', 'removed'].includes(threadStatus[t]!)) {
          threads++
          if (threadLast[t]! > last) last = threadLast[t]!
        }
      setCommunity.run(members, threads, Math.floor(last), c.id)
    }
  })()

  // 8. Review items: every post the pipeline flagged got one (scripts/bench-lib/review.ts).
  const { itemId, openItems, signals, reports, audits } = insertReviewItems(db, r, {
    totalPosts,
    flagged,
    posts: { statusOf: postStatusOf, communityOf: postCommunityOf, timeOf: postTimeOf, authorOf: postAuthorOf, threadOf: postThreadOf, poolOf: postPoolOf },
    communities,
    communityStaff,
    communityMembers,
    pool,
  })

  // 9. Indexes back, then the file as the server runs it: WAL.
  const bar3 = progressBar('indexes', indexes.length, quiet)
  indexes.forEach((ix, i) => {
    db.exec(ix.sql)
    bar3.tick(i + 1)
  })
  bar3.done()
  step(quiet, 'search index: one rebuild from the posts, then merged into one segment')
  const searchIndexSeconds = buildSearchIndex()
  db.pragma('locking_mode = NORMAL')
  db.pragma('journal_mode = WAL')
  db.close()

  let longest = 0
  let with20 = 0
  for (let t = 0; t < threadCount; t++) {
    if (threadPosts[t]! > longest) longest = threadPosts[t]!
    if (threadPosts[t]! >= 20) with20++
  }
  return {
    posts: totalPosts,
    threads: threadCount,
    members: memberCount,
    benchMembers: BENCH_MEMBER_COUNT + 2,
    communities: communities.length,
    memberships,
    revisions,
    outbox: revisions,
    appliedVerdicts: revisions,
    reviewItems: itemId,
    openReviewItems: openItems,
    reviewSignals: signals,
    reports,
    notifications,
    auditLog: audits,
    bodyPool: poolSize,
    searchIndexSeconds,
    longestThread: longest,
    threadsWith20Posts: with20,
    fileBytes: fs.statSync(opts.out).size,
    seconds: (Date.now() - t0) / 1000,
  }
}

export function printStats(s: DatasetStats, out: string) {
  const n = (x: number) => x.toLocaleString('en')
  console.log(`Dataset ${out} (${(s.fileBytes / 1e9).toFixed(2)} GB) in ${s.seconds.toFixed(1)} s`)
  console.log(
    `  communities ${s.communities}; members ${n(s.members)} + ${s.benchMembers} ` +
      `bench accounts (password "${BENCH_PASSWORD}"); memberships ${n(s.memberships)}`,
  )
  console.log(`  search index built in ${s.searchIndexSeconds.toFixed(1)} s`)
  console.log(`  threads ${n(s.threads)}: ${n(s.threadsWith20Posts)} with 20+ posts, longest ${n(s.longestThread)} posts`)
  console.log(`  posts ${n(s.posts)}; revisions ${n(s.revisions)}; outbox rows ${n(s.outbox)} (all done); applied verdicts ${n(s.appliedVerdicts)}`)
  console.log(
    `  review items ${n(s.reviewItems)} (${n(s.openReviewItems)} open), signals ` +
      `${n(s.reviewSignals)}, reports ${n(s.reports)}, audit entries ${n(s.auditLog)}; notifications ${n(s.notifications)}`,
  )
  console.log(
    `  bodies: ${n(s.bodyPool)} distinct Markdown bodies rendered once with renderMarkdown and scanned once with scan(); posts reuse their HTML and verdicts`,
  )
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const args = parseArgs(process.argv.slice(2))
  const posts = Number(args.posts ?? 1_000_000)
  if (!Number.isSafeInteger(posts) || posts < 100) {
    console.error('--posts must be a whole number of at least 100')
    process.exit(2)
  }
  const out = args.out ?? defaultDatasetPath(posts)
  const stats = await generateDataset({ posts, out, seed: args.seed ? Number(args.seed) : 1 })
  printStats(stats, out)
}
