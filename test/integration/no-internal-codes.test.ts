import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, joinCommunity, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { internalCodes } from '../support/internal-codes.ts'
import { postForm } from '../support/pages.ts'
import { CONCERN_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'
import { WARNING_CATEGORIES } from '../../workers/pipeline/types.ts'
import { REPORT_REASONS } from '../../server/services/moderation.ts'
import * as words from '../../server/services/words.ts'

// Issue #19, words: no internal code is ever shown to a person. Every page a guest, a member, a
// moderator, a lead and an admin can reach is read (by following the links on the pages, from a
// forum holding every status, level, category, reason, action and outcome), and its visible text
// (tags, attribute values, form values and addresses stripped) must hold none of the codes the
// program keeps: no snake_case word at all, no bare code (an element's whole text, after a
// colon, in brackets), no list of codes, no time in its stored form. The same crawl proves that a
// deleted account's handle is on no page at all.

let rt: Runtime
let member: Member
let author: Member
let mod: Member
let lead: Member
let admin: Member
let goneHandle = 'no one has left yet'
let heavy: { thread: { id: number }; post: { id: number } }
const CODES = internalCodes()
/** Codes that are their own word in the one table of words ("death", "hidden"): not a leak. */
const OWN_WORDS = new Set(
  (Object.values(words) as unknown[])
    .flatMap((t) => (typeof t === 'object' && t !== null ? Object.entries(t) : []))
    .filter(([code, label]) => code === label)
    .map(([code]) => code),
)

/** What a person reads: text outside tags (with the tag it follows), without scripts and styles, entities decoded. */
export function visibleText(page: string): { text: string; after: string }[] {
  const parts = page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split(/(<[^>]*>)/)
  const out: { text: string; after: string }[] = []
  let after = ''
  for (const part of parts) {
    if (part.startsWith('<')) {
      after = /^<\/?([a-zA-Z0-9]+)/.exec(part)?.[1]?.toLowerCase() ?? after
      continue
    }
    const text = part
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
    if (text !== '') out.push({ text, after })
  }
  return out
}

/** The codes a page shows a person, each with the words around it. */
function codesShown(page: string): string[] {
  const found: string[] = []
  for (const { text: t, after } of visibleText(page)) {
    // A snake_case word is a code whatever list it is in (handles here are made without one).
    for (const m of t.matchAll(/(?<![\w-])[a-z]+(?:_[a-z]+)+(?![\w-])/g)) found.push(`"${m[0]}" in "${t.slice(0, 120)}"`)
    // A time as the program stores it (2026-12-06T09:30:00.000Z), not as people read it.
    for (const m of t.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d\S*/g)) found.push(`"${m[0]}" in "${t.slice(0, 120)}"`)
    // A one-word code standing bare: an element's whole text, after a colon ("Status: held"), or in
    // brackets ("(hold)"). A chart's axis names its unit in plain words ("members"): not a code.
    if (after === 'text') continue
    const bare = [t, t.replace(/^.*:\s*/, ''), ...[...t.matchAll(/\(([a-z_]+)\)/g)].map((m) => m[1]!)]
    if (bare.some((w) => CODES.includes(w) && !OWN_WORDS.has(w))) found.push(`"${t.slice(0, 120)}"`)
    // A list of codes ("one of: worried, spam, harassment"); two words in prose are just words.
    for (const m of t.matchAll(/[a-z_]+(?:, [a-z_]+){2,}/g)) {
      const list = m[0].split(', ')
      if (list.every((w) => CODES.includes(w)) && !list.every((w) => OWN_WORDS.has(w))) found.push(`"${m[0]}" in "${t.slice(0, 120)}"`)
    }
  }
  return found
}

/** Pages by their shape (ids as :id), at most a few of each kind, reached from the seeds by links. */
async function crawl(agent: request.Agent | request.SuperTest<request.Test>, seeds: string[], limit = 800) {
  const seen = new Set<string>()
  const perKind = new Map<string, number>()
  const queue = [...seeds]
  const leaks: string[] = []
  const kinds = new Set<string>()
  const handleSeen = new Set<string>()
  while (queue.length > 0 && seen.size < limit) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const res = await agent.get(url)
    if (res.status >= 500) leaks.push(`${url}: ${res.status}`)
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue
    kinds.add(kindOf(url))
    for (const c of codesShown(res.text)) leaks.push(`${kindOf(url)}: ${c}`)
    // Anywhere in the page, links and attributes included.
    if (res.text.includes(goneHandle)) handleSeen.add(url)
    for (const m of res.text.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
      const next = m[1]!.replace(/&amp;/g, '&')
      if (/^\/(static|api|admin\/outcomes\.csv|unsubscribe|verify-email|reset)\b|\.(css|js|png|svg|csv|zip)$/.test(next)) continue
      const kind = kindOf(next)
      const n = perKind.get(kind) ?? 0
      if (seen.has(next) || n >= 40) continue
      perKind.set(kind, n + 1)
      queue.push(next)
    }
  }
  return { leaks: [...new Set(leaks)], kinds, handleSeen: [...handleSeen] }
}
const kindOf = (url: string) =>
  url
    .replace(/\?.*$/, '')
    .replace(/\/\d+/g, '/:id')
    .replace(/^\/(u|members)\/[^/]+/, '/$1/:handle')
    .replace(/^\/c\/[^/]+/, '/c/:slug')

async function itemOf(postId: number) {
  await waitScanned(rt, postId)
  return (await rt.db.selectFrom('review_item').select('id').where('post_id', '=', postId).where('status', '=', 'open').executeTakeFirstOrThrow()).id
}
async function resolve(item: number, body: Record<string, unknown>) {
  await mod.agent.post(`/api/v1/moderation/items/${item}/claim`).set(csrf(mod)).expect(ok)
  const res = await mod.agent.post(`/api/v1/moderation/items/${item}/resolve`).set(csrf(mod)).send(body)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

/** A set-up step that must work (any 2xx), saying why when it does not. */
const ok = (r: request.Response) => {
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`)
}

beforeAll(async () => {
  rt = await startTestRuntime()
  const handle = (p: string) => `${p}${process.pid % 10000}x${Math.floor(Math.random() * 1e6)}`
  ;[member, author, mod, lead, admin] = await Promise.all(
    ['ruth', 'sam', 'kim', 'lee', 'ana'].map((p) => buildMember(rt, { handle: handle(p), join: ['grief', 'recovery'] })),
  )
  await grantRole(rt, mod, 'grief', 'moderator')
  await grantRole(rt, lead, 'grief', 'lead')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
  const supporter = await buildMember(rt, { handle: handle('pat'), join: ['grief'] })

  // A lead's every action: guidelines, rules, settings, watched words of each kind, crisis lines, roles, indexing.
  const L = (m: 'put' | 'patch' | 'post' | 'delete', p: string, body?: unknown) =>
    lead.agent[m](`/api/v1/communities/grief${p}`)
      .set(csrf(lead))
      .send(body as object)
  await L('put', '/guidelines', { markdown: 'Be kind. Share your own story, not advice about medicines.' }).expect(ok)
  await L('put', '/rules', [
    { title: 'Be kind', body: 'No insults.' },
    { title: 'No selling', body: '' },
  ]).expect(ok)
  await L('patch', '/settings', { warningCategories: [...WARNING_CATEGORIES], spamHoldThreshold: 0.5 }).expect(ok)
  for (const [phrase, action, extra] of [
    ['casserole', 'flag', {}],
    ['lasagne', 'hold', {}],
    ['whisky', 'warn', { category: 'substance_use' }],
    ['crowbar', 'block', { message: 'Please leave that word out.' }],
  ] as const)
    await L('post', '/watched-words', { phrase, action, ...extra }).expect(ok)
  const gone = (await L('post', '/watched-words', { phrase: 'temporary', action: 'flag' }).expect(ok)).body
  await lead.agent.delete(`/api/v1/communities/grief/watched-words/${gone.watchedWord.id}`).set(csrf(lead))
  await L('put', `/roles/${supporter.handle}`, { role: 'peer_supporter' }).expect(ok)
  await admin.agent.put('/api/v1/communities/grief/search-indexing').set(csrf(admin)).send({ indexable: false }).expect(ok)
  // New guidelines and rules: everyone accepts them again.
  for (const m of [member, author, mod, lead, admin, supporter]) await joinCommunity(m, 'grief')
  const ruleId = (
    await rt.db
      .selectFrom('community_rule')
      .select('community_rule.id')
      .innerJoin('community', 'community.id', 'community_rule.community_id')
      .where('community.slug', '=', 'grief')
      .where('retired', '=', 0)
      .executeTakeFirstOrThrow()
  ).id

  // Posts of every kind: every warning category, crisis levels, held spam, rule hits, contact details.
  const all = (heavy = await startThread(author, 'grief', { title: 'Heavy things', body: 'All of it at once.', contentWarnings: [...WARNING_CATEGORIES] }))
  const urgent = await startThread(author, 'grief', { title: 'Tonight', body: URGENT_POST })
  const concern = await startThread(author, 'grief', { title: 'Empty', body: CONCERN_POST })
  const spam = await startThread(author, 'grief', { title: 'Great offer', body: SPAM_POST })
  const watched = await reply(author, all.thread.id, 'I made a casserole and a lasagne, and had a whisky.')
  const contact = await reply(author, all.thread.id, 'Text me on 07700 900123 or write to someone@example.org any time.')
  await reply(supporter, all.thread.id, 'Here with you, from a trained peer supporter.')
  await reply(member, urgent.thread.id, 'We are here. Please call someone now.')
  const own = await reply(member, all.thread.id, 'My own words.')
  await member.agent.patch(`/api/v1/posts/${own.body.post.id}`).set(csrf(member)).send({ body: 'My own words, said better.' }).expect(ok)
  await member.agent.delete(`/api/v1/posts/${(await reply(member, all.thread.id, 'A post I take back.')).body.post.id}`).set(csrf(member))

  // Reports with every reason (one without a reason is refused: see the last test).
  const reasons = await Promise.all(REPORT_REASONS.map(() => startThread(author, 'grief', { title: 'Something to report', body: 'A quiet post.' })))
  for (const [i, reason] of REPORT_REASONS.entries())
    await member.agent
      .post(`/api/v1/posts/${reasons[i]!.post.id}/reports`)
      .set(csrf(member))
      .send({ reason, note: 'A short note.', ...(reason === 'guideline' ? { ruleId } : {}) })
      .expect(ok)

  // Every moderator action, and items left open, claimed and resolved.
  const items = await Promise.all([urgent, concern, spam].map((t) => itemOf(t.post.id)))
  await resolve(items[0]!, { action: 'check_in', message: 'Checking in on you. We are here.' })
  await resolve(items[1]!, { action: 'approve', feedback: { right: false, crisis: 'none' } })
  await resolve(await itemOf(reasons[0]!.post.id), { action: 'warn', warnings: ['self_harm', 'eating_disorder'], note: 'warnings added' })
  await resolve(await itemOf(reasons[1]!.post.id), { action: 'remove', ruleId })
  await resolve(await itemOf(reasons[2]!.post.id), { action: 'hide', note: 'hostile' })
  await resolve(await itemOf(reasons[3]!.post.id), { action: 'lock', note: 'heated' })
  await resolve(await itemOf(reasons[4]!.post.id), { action: 'silence', until: new Date(Date.now() + 86_400_000).toISOString(), note: 'cool off' })
  await resolve(await itemOf(reasons[5]!.post.id), { action: 'escalate', note: 'an admin should see this' })
  await mod.agent.post(`/api/v1/moderation/items/${items[2]!}/claim`).set(csrf(mod)).expect(ok)
  await mod.agent.post(`/api/v1/moderation/items/${items[2]!}/release`).set(csrf(mod)).expect(ok)
  await mod.agent
    .post(`/api/v1/moderation/items/${await itemOf(watched.body.post.id)}/claim`)
    .set(csrf(mod))
    .expect(ok)
  // A site admin suspends and lifts it; a member deletes their account.
  const target = await buildMember(rt, { handle: handle('max'), join: ['grief'] })
  await reply(target, all.thread.id, 'Goodbye, and thank you.')
  const suspend = (until: string | null, reason: string) =>
    admin.agent.post(`/api/v1/admin/users/${target.handle}/suspension`).set(csrf(admin)).send({ until, reason }).expect(ok)
  await suspend(new Date(Date.now() + 86_400_000).toISOString(), 'a test')
  await suspend(null, 'lifted')
  // A member who leaves (keeping their posts): their thread, a reply to the reader, a report on
  // them, the reader's block of them, a search hit, all before the account goes.
  const leaving = await buildMember(rt, { handle: handle('jo'), join: ['grief'] })
  goneHandle = leaving.handle
  await reply(leaving, all.thread.id, 'Words of someone who leaves.', { replyToId: own.body.post.id })
  const theirs = await startThread(leaving, 'grief', { title: 'Leaving soon', body: 'Goodbye from me, @' + member.handle })
  await member.agent.post(`/api/v1/posts/${theirs.post.id}/reports`).set(csrf(member)).send({ reason: 'worried' }).expect(ok)
  await reply(member, theirs.thread.id, `We will miss you.`)
  await member.agent.put(`/api/v1/me/blocks/${leaving.handle}`).set(csrf(member)).expect(ok)
  await leaving.agent.delete('/api/v1/me').set(csrf(leaving)).send({ password: leaving.password, mode: 'keep' }).expect(ok)

  // The member's own side: follow, mute, block, a helpful mark, check-ins, duty for staff.
  await member.agent.put(`/api/v1/threads/${all.thread.id}/watch`).set(csrf(member)).send({ level: 'follow' }).expect(ok)
  await member.agent.put(`/api/v1/threads/${urgent.thread.id}/watch`).set(csrf(member)).send({ level: 'mute' }).expect(ok)
  await member.agent.put('/api/v1/communities/recovery/mute').set(csrf(member)).send({ muted: true }).expect(ok)
  await member.agent.put(`/api/v1/me/blocks/${target.handle}`).set(csrf(member)).expect(ok)
  await member.agent.put(`/api/v1/posts/${contact.body.post.id}/helpful`).set(csrf(member)).expect(ok)
  await author.agent.put(`/api/v1/posts/${own.body.post.id}/helpful`).set(csrf(author)).expect(ok)
  expect((await postForm(member.agent, '/me/check-ins', '/me/check-ins/enrol', { community: 'grief', interval: '14', consent: 'yes' })).status).toBe(303)
  const answers = { who5_1: '1', who5_2: '2', who5_3: '1', who5_4: '0', who5_5: '1', lonely_1: '3', lonely_2: '3', lonely_3: '2', hope: '2' }
  expect((await postForm(member.agent, '/me/check-ins/new', '/me/check-ins', answers)).status).toBe(303)
  await mod.agent.put('/api/v1/me/duty').set(csrf(mod)).send({ onDuty: true, alertEmail: null }).expect(ok)
}, 120_000)
afterAll(async () => {
  await rt?.close()
})

const SEEDS = ['/', '/about', '/crisis', '/c/grief', '/c/recovery', '/search?q=heavy', '/search?q=words', '/search?q=goodbye', '/notifications', '/settings']
const PUBLIC = ['/', '/about', '/crisis', '/c/:slug', '/c/:slug/crisis', '/c/:slug/guidelines/history', '/t/:id', '/u/:handle', '/search']
const MEMBER = [
  ...PUBLIC,
  ...['/notifications', '/settings', '/settings/account', '/settings/blocks', '/settings/email', '/me/check-ins', '/c/:slug/new'],
  ...['/t/:id/reply', '/t/:id/p/:id/report', '/t/:id/p/:id/helpful', '/c/:slug/join'],
]
const MOD = [...MEMBER, '/mod/queue', '/mod/items/:id', '/mod/audit', '/c/:slug/health']
const LEAD = [...MOD, '/lead', ...['', '/crisis', '/guidelines', '/rules', '/settings', '/staff', '/words'].map((p) => `/c/:slug/lead${p}`)]
const REACH: Record<string, string[]> = {
  'a guest': [...PUBLIC, '/login', '/register', '/forgot-password'],
  'a member': [...MEMBER, '/me/check-ins/new', '/t/:id/p/:id/edit', '/t/:id/p/:id/history', '/t/:id/p/:id/delete'],
  'the writer': [...MEMBER, '/check-ins/:id'],
  'a moderator': MOD,
  'a lead': LEAD,
  'an admin': LEAD,
}
const OWN = ['/settings/account', '/settings/email', '/me/check-ins']
const STAFF = ['/mod/queue', '/mod/queue?reason=rule', '/mod/audit', '/lead', '/c/grief/lead', '/c/grief/health', '/settings/email']

describe('no internal code is shown to a person', () => {
  it('collects the codes from the program (statuses, categories, reasons, kinds), not from a list typed here', () => {
    for (const c of ['substance_use', 'self_harm', 'eating_disorder', 'held', 'urgent', 'worried', 'peer_supporter', 'moderation_outcome'])
      expect(CODES).toContain(c)
  })

  it.each([
    ['a guest', () => request.agent(rt.app), SEEDS],
    ['a member', () => member.agent, [...SEEDS, ...OWN, '/settings/blocks', '/me/check-ins/new']],
    ['the writer', () => author.agent, [...SEEDS, ...OWN]],
    ['a moderator', () => mod.agent, [...SEEDS, ...OWN, ...STAFF]],
    ['a lead', () => lead.agent, [...SEEDS, ...OWN, ...STAFF]],
    ['an admin', () => admin.agent, [...SEEDS, ...OWN, ...STAFF]],
  ] as const)("in the pages %s reads, where a deleted account's handle appears nowhere either", async (who, agent, seeds) => {
    const reach = REACH[who]
    const { leaks, kinds, handleSeen } = await crawl(agent(), [...seeds, `/u/${author.handle}`, `/u/${member.handle}`, `/u/${goneHandle}`])
    expect(leaks).toEqual([])
    // Issue #19, delete my account: no reader sees the old handle on any page type afterwards.
    expect(handleSeen).toEqual([])
    // The crawl reached every kind of page this person can reach (so a lost link cannot shrink the test).
    expect([...kinds].sort()).toEqual(expect.arrayContaining(reach))
  })

  it('in a report refused for want of a reason: the choices are listed in words', async () => {
    const at = `/t/${heavy.thread.id}/p/${heavy.post.id}/report`
    const res = await postForm(member.agent, at, at, { note: '' })
    expect(res.status).toBe(400)
    expect(codesShown(res.text)).toEqual([])
    expect(res.text).toContain('choose why you are reporting it: “I&#39;m worried about this person”, “Spam or advertising”')
  })
})
