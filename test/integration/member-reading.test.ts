import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

// Issue #19, reading: a post's address lands on the page that holds it, "new since your last
// visit", quoting, revealing one hidden post, and "this helped me".
let rt: Runtime
let alice: Member
let bob: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  alice = await buildMember(rt, { join: ['grief'] })
  bob = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

const form = (m: Member, url: string, fields: Record<string, string>) =>
  m.agent
    .post(url)
    .type('form')
    .send({ _csrf: m.csrf, ...fields })

describe("a post's address", () => {
  it('lands on the thread page that holds the post, with the posts before it on that page', async () => {
    const t = await startThread(alice, 'grief', { title: 'A long thread' })
    const ids: number[] = [t.post.id]
    for (let i = 1; i <= 45; i++) ids.push((await reply(bob, t.thread.id, `Reply number ${i}`)).body.post.id)
    // Post 31 of 46 (index 30) is on the second page of 20: the page after post 20 (index 19).
    const target = ids[30]!
    const res = await alice.agent.get(`/t/${t.thread.id}/p/${target}`)
    expect(res.status).toBe(302)
    const loc = res.headers.location as string
    expect(loc).toMatch(new RegExp(`^/t/${t.thread.id}\\?cursor=[^#]+#post-${target}$`))
    const page = await alice.agent.get(loc.replace(/#.*/, ''))
    expect(page.text).toContain(`id="post-${ids[20]}"`)
    expect(page.text).toContain(`id="post-${target}"`)
    expect(page.text).toContain(`id="post-${ids[39]}"`)
    expect(page.text).not.toContain(`id="post-${ids[19]}"`)
    // The API says the same.
    const api = await alice.agent.get(`/api/v1/threads/${t.thread.id}/posts/${target}/page`)
    expect(api.body.cursor).toBe(new URL(loc, 'http://x').searchParams.get('cursor'))
    // A post on the first page: no cursor.
    expect((await alice.agent.get(`/t/${t.thread.id}/p/${ids[3]}`)).headers.location).toBe(`/t/${t.thread.id}#post-${ids[3]}`)
    // A post of another thread is not found here.
    const other = await startThread(alice, 'grief')
    expect((await alice.agent.get(`/t/${t.thread.id}/p/${other.post.id}`)).status).toBe(404)
  })

  it('is where posting a reply and saving an edit take the writer', async () => {
    const t = await startThread(alice, 'grief')
    for (let i = 0; i < 22; i++) await reply(alice, t.thread.id, `Filler ${i}`)
    const posted = await form(bob, `/t/${t.thread.id}/reply`, { body: 'My reply at the end', action: 'post' })
    expect(posted.status).toBe(303)
    const postId = Number(/\/p\/(\d+)$/.exec(posted.headers.location as string)![1])
    const landed = await bob.agent.get(posted.headers.location as string)
    expect(landed.headers.location).toMatch(/\?cursor=.+#post-\d+$/)
    const page = await bob.agent.get((landed.headers.location as string).replace(/#.*/, ''))
    expect(page.text).toContain('Your reply is posted.')
    // Posts before it on its page, not a page of one.
    expect(page.text.match(/<article class="post/g)!.length).toBeGreaterThan(1)
    const edited = await form(bob, `/t/${t.thread.id}/p/${postId}/edit`, { body: 'Edited words', action: 'post', baseRevision: '1' })
    expect(edited.headers.location).toBe(`/t/${t.thread.id}/p/${postId}`)
  })
})

describe('new since your last visit', () => {
  it('marks the thread and the list with what others wrote since the member last read it', async () => {
    const t = await startThread(alice, 'grief', { title: 'Marker thread' })
    await bob.agent.get(`/t/${t.thread.id}`)
    let page = await bob.agent.get(`/t/${t.thread.id}`)
    expect(page.text).not.toContain('since your last visit')
    const r1 = (await reply(alice, t.thread.id, 'First new one')).body.post.id
    await reply(alice, t.thread.id, 'Second new one')
    await reply(bob, t.thread.id, 'Bob himself: not new to him')
    const list = await bob.agent.get('/c/grief')
    expect(list.text).toMatch(new RegExp(`href="/t/${t.thread.id}">Marker thread</a> <span class="tag new">2 new<span class="vh"> since your last visit`))
    page = await bob.agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain('2 posts since your last visit.')
    expect(page.text).toContain(`<a href="/t/${t.thread.id}/p/${r1}">Go to the first new post</a>`)
    // Read now: nothing is new any more, on the thread or in the list.
    expect((await bob.agent.get(`/t/${t.thread.id}`)).text).not.toContain('since your last visit')
    expect((await bob.agent.get('/c/grief')).text).not.toMatch(new RegExp(`href="/t/${t.thread.id}">Marker thread</a> <span class="tag new">`))
  })

  it('is readable and settable through the API', async () => {
    const t = await startThread(alice, 'grief')
    const first = (await reply(alice, t.thread.id, 'one')).body.post.id
    await bob.agent.put(`/api/v1/threads/${t.thread.id}/read-state`).set('X-CSRF-Token', bob.csrf).send({ lastReadPostId: t.post.id }).expect(204)
    const state = await bob.agent.get(`/api/v1/threads/${t.thread.id}/read-state`)
    expect(state.body).toEqual({ newPosts: 1, atLeast: false, firstNewPostId: first })
    const bad = await bob.agent.put(`/api/v1/threads/${t.thread.id}/read-state`).set('X-CSRF-Token', bob.csrf).send({ lastReadPostId: 'x' })
    expect(bad.status).toBe(400)
  })
})

describe('quoting', () => {
  it('opens the composer with the post quoted in Markdown, answering that post', async () => {
    const t = await startThread(alice, 'grief', { body: 'Line one\n\nLine <two>' })
    const page = await bob.agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain(`href="/t/${t.thread.id}/reply?quote=${t.post.id}"`)
    const composer = await bob.agent.get(`/t/${t.thread.id}/reply?quote=${t.post.id}`)
    expect(composer.text).toContain(`${alice.handle} wrote:\n\n&gt; Line one\n&gt;\n&gt; Line &lt;two&gt;\n\n</textarea>`)
    expect(composer.text).toContain(`name="replyToId" value="${t.post.id}"`)
    const posted = await form(bob, `/t/${t.thread.id}/reply`, { body: '> Line one\n\nMe too.', replyToId: String(t.post.id), action: 'post' })
    expect(posted.status).toBe(303)
    const row = await rt.db.selectFrom('post').select('reply_to_id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(row.reply_to_id).toBe(t.post.id)
    expect((await bob.agent.get(`/t/${t.thread.id}/reply?quote=abc`)).status).toBe(400)
  })
})

describe('revealing one hidden post', () => {
  it('shows that post once, in its place, and leaves the preference as it was', async () => {
    const carol = await buildMember(rt, { join: ['grief'] })
    await form(carol, '/settings', { violence: 'hidden' })
    const t = await startThread(alice, 'grief')
    const hard = (await reply(alice, t.thread.id, 'A hard story', { contentWarnings: ['violence'] })).body.post.id
    const page = await carol.agent.get(`/t/${t.thread.id}`)
    expect(page.text).not.toContain('A hard story')
    expect(page.text).toContain(`href="/t/${t.thread.id}/p/${hard}?show=1"`)
    const redirect = await carol.agent.get(`/t/${t.thread.id}/p/${hard}?show=1`)
    expect(redirect.headers.location).toBe(`/t/${t.thread.id}?show=${hard}#post-${hard}`)
    const shown = await carol.agent.get(`/t/${t.thread.id}?show=${hard}`)
    expect(shown.text).toMatch(/<details class="cw" open><summary>Content warning: violence/)
    expect(shown.text).toContain('A hard story')
    expect((await carol.agent.get(`/t/${t.thread.id}`)).text).not.toContain('A hard story')
    const prefs = await rt.db.selectFrom('user').select('reading_prefs').where('id', '=', carol.id).executeTakeFirstOrThrow()
    expect(JSON.parse(prefs.reading_prefs).violence).toBe('hidden')
  })
})

describe('this helped me', () => {
  it('lets a reader mark a reply; only its writer sees how many, never who', async () => {
    const t = await startThread(alice, 'grief')
    const r = (await reply(bob, t.thread.id, 'What helped me was walking')).body.post.id
    const page = await alice.agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain(`href="/t/${t.thread.id}/p/${r}/helpful"`)
    // Not on the first post.
    expect(page.text).not.toContain(`href="/t/${t.thread.id}/p/${t.post.id}/helpful"`)
    const ask = await alice.agent.get(`/t/${t.thread.id}/p/${r}/helpful`)
    expect(ask.text).toContain('This helped me</button>')
    const marked = await form(alice, `/t/${t.thread.id}/p/${r}/helpful`, { helped: 'yes' })
    expect(marked.status).toBe(303)
    expect(marked.headers.location).toBe(`/t/${t.thread.id}/p/${r}`)
    await form(alice, `/t/${t.thread.id}/p/${r}/helpful`, { helped: 'yes' })
    expect((await alice.agent.get(`/t/${t.thread.id}/p/${r}/helpful`)).text).toContain('Take my mark back')
    const mine = await bob.agent.get(`/t/${t.thread.id}`)
    expect(mine.text).toContain('One person said this helped them. Only you can see this.')
    expect(mine.text).not.toContain(alice.handle + ' said')
    const others = await alice.agent.get(`/t/${t.thread.id}`)
    expect(others.text).not.toContain('said this helped them')
    expect((await bob.agent.get(`/api/v1/posts/${r}/helpful`)).body).toEqual({ canMark: false, marked: false, count: 1 })
    expect((await alice.agent.get(`/api/v1/posts/${r}/helpful`)).body).toEqual({ canMark: true, marked: true })
    // One's own post, and the first post, cannot be marked.
    expect((await bob.agent.put(`/api/v1/posts/${r}/helpful`).set('X-CSRF-Token', bob.csrf)).status).toBe(403)
    expect((await bob.agent.put(`/api/v1/posts/${t.post.id}/helpful`).set('X-CSRF-Token', bob.csrf)).status).toBe(403)
    await alice.agent.delete(`/api/v1/posts/${r}/helpful`).set('X-CSRF-Token', alice.csrf).expect(200)
    expect((await bob.agent.get(`/t/${t.thread.id}`)).text).not.toContain('said this helped them')
    const rows = await rt.db.selectFrom('helpful_mark').selectAll().where('post_id', '=', r).execute()
    expect(rows).toEqual([])
  })
})
