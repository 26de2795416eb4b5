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
import { PRIORITY } from '../server/db/review.ts'
import { renderMarkdown } from '../server/render/markdown.ts'
import { shouldHold, signalsFor } from '../server/safety/apply-verdict.ts'
import { seedCommunities } from '../server/seed/communities.ts'
import { handleSkeleton } from '../server/services/handles.ts'
import { scan } from '../workers/pipeline/scan.ts'
import { defaultSafetySettings, type Verdict, type WarningCategory } from '../workers/pipeline/types.ts'

/** Known accounts the load generator signs in as. Every generated account shares this password. */
export const BENCH_PASSWORD = 'bench password 2024'
export const BENCH_MEMBER_COUNT = 100
export const benchMemberHandle = (i: number) => `bench_member_${String(i + 1).padStart(3, '0')}`
export const BENCH_MODERATOR = 'bench_moderator'
export const BENCH_READER = 'bench_reader'

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
  longestThread: number
  threadsWith20Posts: number
  fileBytes: number
  seconds: number
}

// ---------- deterministic randomness ----------
export function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
export type Rng = () => number
const gauss = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

// ---------- text ----------
const OPENERS = [
  'I have been reading here for a while and finally want to say something.',
  'Thank you all for being here, it means more than I can say.',
  'This is my first post, so please bear with me.',
  'I do not really know where else to put this.',
  'Reading your post made me feel a little less alone tonight.',
  'I wanted to come back and give an update.',
  'Sorry this is long, I needed to get it out.',
  'I keep typing and deleting this, so here goes.',
]
const TOPIC: Record<string, string[]> = {
  grief: [
    'It has been eight months since my mum died and the second half of the year feels harder than the first.',
    'Everyone says it gets easier, but the quiet in the house in the evenings is the worst part.',
    'I found his handwriting on a shopping list today and had to sit down on the kitchen floor.',
    'The first anniversary is coming up and I do not know whether to mark it or hide from it.',
    'My friends were wonderful in the first weeks, and now nobody mentions her name at all.',
    'I still pick up my phone to text her when something funny happens.',
    'Our dog keeps waiting by the door at the time he used to come home.',
    'Sorting through the wardrobe took me three attempts, and I kept one jumper that still smells like him.',
    'Grief comes in waves for me: a good week, then a song in a shop knocks me flat.',
    'People tell me she would want me to be happy, and I know that, but it does not help on a Tuesday night.',
    'We lost our baby at twenty weeks and I feel like I am not allowed to grieve as much as others.',
    'My brother died of an overdose last spring and I still feel angry and guilty at the same time.',
  ],
  recovery: [
    'Today is day 94 for me, and the evenings are still the hardest part.',
    'I relapsed at the weekend after eleven months and I feel like I have thrown everything away.',
    'My sponsor told me to write down three things each night that went okay, and it is slowly helping.',
    'The cravings are less constant now, but when they hit they hit hard.',
    'I went to my first SMART meeting online last night and nobody made me feel judged.',
    'Family events are tough: everyone drinks and I end up leaving early.',
    'Gambling apps were my thing, so I finally asked my bank to block the transactions.',
    'My partner is trying to understand, but they still check my phone and it hurts.',
    'Cooking proper meals has become part of my routine, which sounds silly but keeps me busy.',
    'I used to drink every night to get to sleep, so learning to sleep without it has been rough.',
    'Methadone is keeping me stable and I am tired of people saying it is not real recovery.',
    'One year sober tomorrow. I never thought I would write that sentence.',
  ],
  disability: [
    'My new wheelchair finally arrived after a seven month wait and I cried in the hallway.',
    'Fatigue is the part nobody sees: I look fine and then I need two days in bed.',
    'The assessment form asks the same question five ways and I never know how to answer it.',
    'I had to explain my condition to a new doctor again and it wore me out for the whole day.',
    'Pacing is helping a little, but it means saying no to things I really want to do.',
    'Does anyone have tips for talking to an employer about reasonable adjustments?',
    'My hearing aids make crowded cafes bearable, but I still miss half the conversation.',
    'The lift at the station has been broken for three weeks, so I cannot get to work.',
    'Some days the pain is a four and some days it is a nine, and people only see the fours.',
    'I am learning to use a screen reader and it is slow going but it is freeing.',
    'My friends have started planning things at places I can actually get into, and it means the world.',
    'Chronic illness has changed who I thought I would be at thirty.',
  ],
  caregiving: [
    'I care for my dad, who has dementia, and today he did not recognise me for the first time.',
    'Respite care is booked for next week and I feel guilty for how much I am looking forward to it.',
    'My son is autistic and school meetings leave me drained every single time.',
    'I have not had a full night of sleep in about two years.',
    'Does anyone else feel invisible at the doctor, as if they only talk to you when they need something?',
    'Mum moved in with us in March and our whole routine has changed around her needs.',
    'I love my husband, and some days I resent the illness so much it scares me.',
    'The carers allowance forms took an entire weekend and I still think I got something wrong.',
    'My siblings live far away and offer advice, but never actual help.',
    'Tonight I sat in the car for ten minutes before going back in, just to breathe.',
    'We finally got a care package that covers mornings, and it has given me an hour to myself.',
    'Watching someone you love change slowly is its own kind of grief.',
  ],
}
const REPLIES = [
  'I am so sorry you are going through this.',
  'Thank you for sharing this, I recognise so much of it.',
  'Sending you strength tonight.',
  'You are not alone in this, even when it feels that way.',
  'What you are feeling makes complete sense.',
  'It took me a long time to learn that, and I am still learning it.',
  'Be gentle with yourself this week.',
  'I had a very similar experience and it did ease with time, slowly.',
  'Is there anyone nearby you can lean on for the next few days?',
  'I hope today is a little kinder to you.',
  'That sounds exhausting. You are doing more than you give yourself credit for.',
  'Please keep posting, we are here to listen.',
]
const CLOSERS = [
  'Thanks for reading.',
  'I just needed to say it somewhere.',
  'Any thoughts welcome.',
  'Hope everyone is doing okay today.',
  'Take care of yourselves.',
]
const LIST_ITEMS = [
  'a short walk in the morning',
  'writing things down before bed',
  'calling one friend a week',
  'keeping a simple routine',
  'asking for help before things get bad',
  'eating something proper at lunch',
  'a support group on Thursdays',
  'turning off the news',
]
const TITLES: Record<string, string[]> = {
  grief: [
    'The first anniversary is coming',
    'Missing my mum tonight',
    'How do you handle the quiet?',
    'Six months on',
    'Losing my dad',
    'When friends stop asking',
    'Birthdays without her',
    'Sorting his things',
  ],
  recovery: [
    'Day 30 today',
    'Relapsed after a long streak',
    'Getting through weekends',
    'Family parties and staying sober',
    'One year tomorrow',
    'Cravings at night',
    'Starting again',
    'Telling my partner',
  ],
  disability: [
    'New wheelchair finally here',
    'Fatigue nobody sees',
    'Talking to my employer',
    'Assessment forms',
    'Pacing and saying no',
    'Bad pain week',
    'Learning a screen reader',
    'Access at work',
  ],
  caregiving: [
    'Dad did not recognise me',
    'Respite guilt',
    'No sleep for two years',
    'Caring for mum at home',
    'Siblings who do not help',
    'School meetings again',
    'An hour to myself',
    'Invisible at appointments',
  ],
}

/** Lengths follow forum reality: a few sentences usually, now and then a long outpouring. */
export function makeBody(r: Rng, community: string, isReply: boolean): string {
  const sentences = Math.max(1, Math.min(40, Math.round(Math.exp(1.5 + 0.7 * gauss(r)))))
  const bank = TOPIC[community]!
  const paras: string[] = []
  let para: string[] = []
  if (isReply) para.push(pick(r, REPLIES))
  else if (r() < 0.4) para.push(pick(r, OPENERS))
  for (let i = 0; i < sentences; i++) {
    let s = isReply && r() < 0.4 ? pick(r, REPLIES) : pick(r, bank)
    if (r() < 0.08) s = s.replace(/(\w+)([.?!])$/, '*$1*$2')
    para.push(s)
    if (para.length >= 2 + Math.floor(r() * 4)) {
      paras.push(para.join(' '))
      para = []
    }
  }
  if (para.length) paras.push(para.join(' '))
  if (r() < 0.12)
    paras.splice(1, 0, ['Things that have helped me:', '', ...Array.from({ length: 2 + Math.floor(r() * 4) }, () => `- ${pick(r, LIST_ITEMS)}`)].join('\n'))
  if (isReply && r() < 0.06) paras.unshift(`> ${pick(r, bank)}`)
  if (r() < 0.03) paras.push('There is more about this at [the NHS pages](https://www.nhs.uk/mental-health/) if it helps.')
  if (!isReply && r() < 0.5) paras.push(pick(r, CLOSERS))
  return paras.join('\n\n')
}

// ---------- progress ----------
function progressBar(label: string, total: number, quiet: boolean) {
  const tty = process.stderr.isTTY
  const t0 = Date.now()
  let last = 0
  let lastDecile = -1
  return {
    tick(done: number) {
      if (quiet) return
      const now = Date.now()
      if (tty) {
        if (now - last < 100 && done < total) return
        last = now
        const frac = total === 0 ? 1 : done / total
        const width = 30
        const fill = Math.round(frac * width)
        process.stderr.write(
          `\r${label.padEnd(14)} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${((now - t0) / 1000).toFixed(1)}s `,
        )
      } else {
        const decile = Math.floor((done / Math.max(1, total)) * 10)
        if (decile !== lastDecile) {
          lastDecile = decile
          process.stderr.write(`${label} ${decile * 10}% (${done}/${total}) ${((now - t0) / 1000).toFixed(1)}s\n`)
        }
      }
    },
    done() {
      if (!quiet && tty) process.stderr.write('\n')
    },
  }
}

function step(quiet: boolean, msg: string) {
  if (!quiet) process.stderr.write(`${msg}\n`)
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

  // 2. Members: one scrypt hash shared by every account (scrypt is slow on purpose).
  step(quiet, `members: hashing one password for ${memberCount + BENCH_MEMBER_COUNT + 2} accounts`)
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const insUser = db.prepare(
    'insert into user (id, handle, handle_key, handle_skeleton, password_hash, email, is_admin, post_count, created_at) values (?, ?, ?, ?, ?, ?, 0, 0, ?)',
  )
  const userCreated: number[] = [0]
  const handles: string[] = ['']
  const insMembership = db.prepare(
    'insert into membership (community_id, user_id, role, accepted_guidelines_version, silenced_until, joined_at) values (?, ?, ?, 1, null, ?)',
  )
  const communityMembers: number[][] = communities.map(() => [])
  const communityStaff: number[][] = communities.map(() => [])
  let memberships = 0
  const benchIds: number[] = []
  let moderatorId = 0
  let readerId = 0
  db.transaction(() => {
    let id = 0
    const addUser = (handle: string, created: number, email: string | null) => {
      id++
      insUser.run(id, handle, handle.toLowerCase(), handleSkeleton(handle), passwordHash, email, created)
      userCreated.push(created)
      handles.push(handle)
      return id
    }
    for (let i = 0; i < memberCount; i++) {
      const created = start + Math.floor(730 * DAY * Math.sqrt(r()) * 0.98)
      const uid = addUser(`member${String(i + 1).padStart(5, '0')}`, created, r() < 0.4 ? `member${i + 1}@example.org` : null)
      const k = r() < 0.6 ? 1 : r() < 0.75 ? 2 : r() < 0.8 ? 3 : 4
      const chosen = new Set<number>()
      while (chosen.size < k) {
        let x = r()
        let ci = 0
        while (ci < communityWeights.length - 1 && x >= communityWeights[ci]!) x -= communityWeights[ci++]!
        chosen.add(ci)
      }
      for (const ci of chosen) {
        // The first few members of each community are its lead and moderators.
        const role = communityMembers[ci]!.length === 0 ? 'lead' : communityMembers[ci]!.length < 4 ? 'moderator' : 'member'
        insMembership.run(communities[ci]!.id, uid, role, created)
        communityMembers[ci]!.push(uid)
        if (role !== 'member') communityStaff[ci]!.push(uid)
        memberships++
      }
    }
    const benchCreated = start
    for (let i = 0; i < BENCH_MEMBER_COUNT; i++) benchIds.push(addUser(benchMemberHandle(i), benchCreated, null))
    moderatorId = addUser(BENCH_MODERATOR, benchCreated, null)
    readerId = addUser(BENCH_READER, benchCreated, null)
    for (const c of communities) {
      for (const uid of [...benchIds, readerId]) {
        insMembership.run(c.id, uid, 'member', benchCreated)
        memberships++
      }
      insMembership.run(c.id, moderatorId, 'moderator', benchCreated)
      communityStaff[communities.indexOf(c)]!.push(moderatorId)
      memberships++
    }
  })()

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

  // 4. Thread shapes: a heavy-tailed number of replies, a few megathreads with hundreds.
  const threadCreated = new Float64Array(threadCount)
  for (let t = 0; t < threadCount; t++) threadCreated[t] = start + 730 * DAY * Math.sqrt(r()) * 0.995
  threadCreated.sort()
  const threadCommunity = new Uint8Array(threadCount)
  const threadPosts = new Uint32Array(threadCount).fill(1)
  const weights = new Float64Array(threadCount)
  let wsum = 0
  for (let t = 0; t < threadCount; t++) {
    let x = r()
    let ci = 0
    while (ci < communityWeights.length - 1 && x >= communityWeights[ci]!) x -= communityWeights[ci++]!
    threadCommunity[t] = ci
    const w = Math.exp(1.2 * gauss(r)) * (r() < 0.005 ? 60 : 1)
    weights[t] = w
    wsum += w
  }
  const MAX_POSTS = 1000
  let remaining = totalPosts - threadCount
  for (let t = 0; t < threadCount; t++) {
    const extra = Math.min(MAX_POSTS - 1, Math.floor(((totalPosts - threadCount) * weights[t]!) / wsum))
    threadPosts[t]! += extra
    remaining -= extra
  }
  while (remaining > 0) {
    const t = Math.floor(r() * threadCount)
    if (threadPosts[t]! < MAX_POSTS) {
      threadPosts[t]!++
      remaining--
    }
  }

  const titleCounter = new Map<string, number>()
  const threadTitle: string[] = []
  for (let t = 0; t < threadCount; t++) {
    const base = pick(r, TITLES[communities[threadCommunity[t]!]!.slug]!)
    const n = (titleCounter.get(base) ?? 0) + 1
    titleCounter.set(base, n)
    threadTitle.push(n % 3 === 1 ? base : `${base} (${['again', 'update', 'part 2', 'week ' + (n % 50)][n % 4]})`)
  }

  // 5. Post times, then ids in time order (as the forum would have assigned them).
  const postThread = new Uint32Array(totalPosts)
  const postTime = new Float64Array(totalPosts)
  {
    let k = 0
    for (let t = 0; t < threadCount; t++) {
      let at = threadCreated[t]!
      const n = threadPosts[t]!
      // Long threads run for weeks; short ones get their replies within a day or two.
      const meanGap = n > 50 ? 8 * 3_600_000 : 2 * 3_600_000
      for (let j = 0; j < n; j++) {
        if (j > 0) at += -Math.log(1 - r()) * meanGap
        postThread[k] = t
        postTime[k] = Math.min(at, now - 60_000 - r() * 3_600_000)
        k++
      }
    }
  }
  const order = new Uint32Array(totalPosts)
  for (let i = 0; i < totalPosts; i++) order[i] = i
  order.sort((a, b) => postTime[a]! - postTime[b]! || a - b)

  // 6. Posts, revisions, outbox (done), applied verdicts, notifications, in big transactions.
  const insPost = db.prepare(
    'insert into post (id, thread_id, community_id, author_id, reply_to_id, body, html, revision, author_warnings, content_warnings, status, scan_status, created_at, edited_at, deleted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insRevision = db.prepare('insert into post_revision (post_id, revision, body, html, created_at) values (?, ?, ?, ?, ?)')
  const insOutbox = db.prepare('insert into outbox (post_id, revision, created_at, sent_at, attempts, done_at) values (?, ?, ?, ?, 1, ?)')
  const insVerdict = db.prepare('insert into applied_verdict (post_id, revision, crisis, verdict, applied_at) values (?, ?, ?, ?, ?)')
  const insNotification = db.prepare('insert into notification (user_id, kind, data, created_at, read_at) values (?, ?, ?, ?, ?)')
  const insThread = db.prepare(
    'insert into thread (id, community_id, author_id, title, first_post_id, reply_count, locked, status, created_at, last_activity_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )

  const threadAuthor = new Uint32Array(threadCount)
  const threadFirstPost = new Uint32Array(threadCount)
  const threadLast = new Float64Array(threadCount)
  const threadReplies = new Uint32Array(threadCount)
  const threadStatus: string[] = new Array(threadCount).fill('visible')
  const postCount = new Uint32Array(userCreated.length)
  const flagged: { postId: number; ci: number; at: number; authorId: number; threadId: number; pool: number; revision: number }[] = []
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

  // 8. Review items: every post the pipeline flagged got one. Moderators have cleared all but the most recent.
  const insItem = db.prepare(
    'insert into review_item (id, post_id, community_id, status, priority, reason, created_at, updated_at, claimed_by, claimed_at, escalated_at, resolved_by, resolved_at, resolution, version) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, null, ?, ?, ?, ?)',
  )
  const insSignal = db.prepare('insert into review_signal (item_id, source, kind, reason, evidence, revision, created_at) values (?, ?, ?, ?, ?, ?, ?)')
  const insReport = db.prepare(
    'insert into report (post_id, reporter_id, item_id, reason, rule_id, note, snapshot_body, snapshot_revision, outcome, created_at) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?)',
  )
  const insAudit = db.prepare(
    'insert into audit_log (community_id, actor_id, action, target_type, target_id, reason, before, after, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  let itemId = 0
  let openItems = 0
  let signals = 0
  let reports = 0
  let audits = 0
  const reportRate = 0.004
  const reported: typeof flagged = []
  const flaggedSet = new Set(flagged.map((f) => f.postId))
  for (let id = 1; id <= totalPosts; id++) {
    if (!flaggedSet.has(id) && postStatusOf[id] === 'visible' && r() < reportRate) {
      reported.push({
        postId: id,
        ci: postCommunityOf[id]!,
        at: postTimeOf[id]! + 3_600_000,
        authorId: postAuthorOf[id]!,
        threadId: postThreadOf[id]!,
        pool: postPoolOf[id]!,
        revision: 1,
      })
    }
  }
  const items = [...flagged.map((f) => ({ ...f, kind: 'pipeline' as const })), ...reported.map((f) => ({ ...f, kind: 'report' as const }))].sort(
    (a, b) => a.at - b.at,
  )
  // The queue holds the newest items a team of volunteers has not reached yet.
  const openFrom = Math.max(0, items.length - Math.min(1500, Math.ceil(items.length * 0.5)))
  db.transaction(() => {
    items.forEach((f, index) => {
      const open = index >= openFrom
      const cid = communities[f.ci]!.id
      const staff = communityStaff[f.ci]!
      const resolver = staff[Math.floor(r() * staff.length)]!
      const resolvedAt = open ? null : Math.floor(f.at + 3_600_000 * (1 + r() * 20))
      itemId++
      if (f.kind === 'pipeline') {
        const p = pool[f.pool]!
        const sigs = signalsFor({ postId: f.postId, revision: f.revision, verdict: p.verdict, enqueuedAt: f.at, scannedAt: f.at }, [])
        const top = sigs.reduce((a, b) => (b.priority > a.priority ? b : a))
        insItem.run(
          itemId,
          f.postId,
          cid,
          open ? 'open' : 'resolved',
          top.priority,
          top.reason,
          Math.floor(f.at),
          Math.floor(f.at),
          open ? null : resolver,
          resolvedAt,
          open ? null : 'approve',
          sigs.length + (open ? 0 : 1),
        )
        for (const s of sigs) {
          insSignal.run(itemId, s.signal.source, s.signal.kind, s.signal.reason, JSON.stringify(s.signal.evidence ?? []), f.revision, Math.floor(f.at))
          signals++
        }
      } else {
        const worried = r() < 0.2
        const reporterCount = worried ? 1 : r() < 0.8 ? 1 : 2
        const reason = worried ? 'worried_report' : reporterCount >= 2 ? 'multiple_reports' : 'report'
        const priority = worried ? PRIORITY.worried_report : reporterCount >= 2 ? PRIORITY.multiple_reports : PRIORITY.held
        insItem.run(
          itemId,
          f.postId,
          cid,
          open ? 'open' : 'resolved',
          priority,
          reason,
          Math.floor(f.at),
          Math.floor(f.at),
          open ? null : resolver,
          resolvedAt,
          open ? null : 'approve',
          reporterCount + (open ? 0 : 1),
        )
        const members = communityMembers[f.ci]!
        const reporters = new Set<number>()
        while (reporters.size < reporterCount) {
          const u = members[Math.floor(r() * members.length)]!
          if (u !== f.authorId) reporters.add(u)
        }
        for (const reporter of reporters) {
          const why = worried ? 'worried' : pick(r, ['spam', 'harassment', 'misinformation', 'other'] as const)
          insSignal.run(
            itemId,
            'report',
            `report_${why}`,
            why === 'worried' ? 'A member is worried about this person' : `Reported: ${why}`,
            '[]',
            1,
            Math.floor(f.at),
          )
          insReport.run(
            f.postId,
            reporter,
            itemId,
            why,
            why === 'other' ? 'This does not feel right to me.' : null,
            pool[f.pool]!.body,
            1,
            open ? null : 'approve',
            Math.floor(f.at),
          )
          signals++
          reports++
        }
      }
      if (!open) {
        insAudit.run(cid, resolver, 'approve', 'post', f.postId, null, JSON.stringify({ status: 'visible' }), JSON.stringify({ status: 'visible' }), resolvedAt)
        insAudit.run(cid, resolver, 'resolve', 'review_item', itemId, 'approve', null, null, resolvedAt)
        audits += 2
      } else openItems++
    })
  })()

  // 9. Indexes back, then the file as the server runs it: WAL.
  const bar3 = progressBar('indexes', indexes.length, quiet)
  indexes.forEach((ix, i) => {
    db.exec(ix.sql)
    bar3.tick(i + 1)
  })
  bar3.done()
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
    longestThread: longest,
    threadsWith20Posts: with20,
    fileBytes: fs.statSync(opts.out).size,
    seconds: (Date.now() - t0) / 1000,
  }
}

export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) continue
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined]
    if (v !== undefined) out[k] = v
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[k] = argv[++i]!
    else out[k] = 'true'
  }
  return out
}

export function printStats(s: DatasetStats, out: string) {
  const n = (x: number) => x.toLocaleString('en')
  console.log(`Dataset ${out} (${(s.fileBytes / 1e9).toFixed(2)} GB) in ${s.seconds.toFixed(1)} s`)
  console.log(
    `  communities ${s.communities}; members ${n(s.members)} + ${s.benchMembers} bench accounts (password "${BENCH_PASSWORD}"); memberships ${n(s.memberships)}`,
  )
  console.log(`  threads ${n(s.threads)}: ${n(s.threadsWith20Posts)} with 20+ posts, longest ${n(s.longestThread)} posts`)
  console.log(`  posts ${n(s.posts)}; revisions ${n(s.revisions)}; outbox rows ${n(s.outbox)} (all done); applied verdicts ${n(s.appliedVerdicts)}`)
  console.log(
    `  review items ${n(s.reviewItems)} (${n(s.openReviewItems)} open), signals ${n(s.reviewSignals)}, reports ${n(s.reports)}, audit entries ${n(s.auditLog)}; notifications ${n(s.notifications)}`,
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
