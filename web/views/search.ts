import type { SearchInput, SearchPage, SearchResult } from '../../server/services/search.ts'
import { html, raw } from '../html.ts'
import { errorSummary, layout, time, warningList, type FormError, type PageCtx } from './layout.ts'

/** What the form sends back: the search's own input, without the page's cursor and size. */
export type SearchForm = Omit<SearchInput, 'cursor' | 'limit'>

const LABELS = { q: 'Search for', community: 'Community', author: 'Author', from: 'Written from', to: 'Written until' }

const STATUS_WORDS: Record<string, string> = {
  held: 'Held for review',
  hidden: 'Hidden by a moderator',
  removed: 'Removed by a moderator',
}

function result(r: SearchResult, names: Map<string, string>) {
  // The post in its place on the thread page (the page that holds it, scrolled to it).
  const href = `/t/${r.thread.id}/p/${r.post.id}`
  // The snippet is our own HTML: the member's words escaped, matches in <mark> (services/search-query.ts).
  const words = html`<p class="snippet">${raw(r.snippet)}</p>`
  // Content warnings stay collapsed here, whatever the reader's preferences: a result is a glimpse.
  const body = r.post.contentWarnings.length
    ? html`<details class="cw"><summary>Content warning: ${warningList(r.post.contentWarnings)}. <span class="show">Show excerpt</span>\
</summary>${words}</details>`
    : words
  const status = STATUS_WORDS[r.post.status] ?? (STATUS_WORDS[r.thread.status] ? `Thread: ${STATUS_WORDS[r.thread.status]!.toLowerCase()}` : '')
  if (r.blockedAuthor)
    return html`<li class="result blocked">
<h2><a href="${href}">${r.thread.title}</a></h2>
<details class="cw"><summary>You blocked this member. <span class="show">Show excerpt</span></summary>\
<p class="meta">${r.post.author?.handle ?? 'Unknown'} · ${time(r.post.createdAt)}</p>${words}</details>
</li>`
  return html`<li class="result">
<h2><a href="${href}">${r.thread.title}</a></h2>
<p class="meta">${r.post.author?.handle ?? 'Unknown'} in \
<a href="/c/${r.thread.community}">${names.get(r.thread.community) ?? r.thread.community}</a> · \
${time(r.post.createdAt)}${status ? html` · <strong class="tag">${status}</strong>` : ''}</p>
${body}
</li>`
}

function nextHref(f: SearchForm, cursor: string) {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v))
  p.set('cursor', cursor)
  return `/search?${p.toString()}`
}

export function searchPage(
  pc: PageCtx,
  o: { form: SearchForm; communities: { slug: string; name: string }[]; page?: SearchPage; err?: FormError; later?: boolean },
) {
  const f = o.form
  // Results name their community as the filter does: by its name, not the slug in its address.
  const names = new Map(o.communities.map((c) => [c.slug, c.name]))
  const filtered = Boolean(f.community || f.author || f.from || f.to || f.thread)
  const form = html`<form method="get" action="/search" class="search-form">
<div class="field"><label for="f-q">${LABELS.q}</label>
<p class="hint" id="f-q-hint">Words match whole words. Put a phrase in "double quotes"; end a word with * to match its start (cope* finds coping).</p>
<input id="f-q" name="q" type="search" value="${f.q}" maxlength="200" aria-describedby="f-q-hint" required></div>
<details class="filters"${filtered ? raw(' open') : ''}><summary>Filters</summary>
<div class="field"><label for="f-community">${LABELS.community}</label>
<select id="f-community" name="community"><option value="">All you can read</option>${o.communities.map(
    (c) => html`<option value="${c.slug}"${c.slug === f.community ? raw(' selected') : ''}>${c.name}</option>`,
  )}</select></div>
<div class="field"><label for="f-author">${LABELS.author}</label>\
<input id="f-author" name="author" value="${f.author ?? ''}" maxlength="64" autocomplete="off"></div>
<div class="field"><label for="f-from">${LABELS.from}</label><input id="f-from" name="from" type="date" value="${f.from ?? ''}"></div>
<div class="field"><label for="f-to">${LABELS.to}</label><input id="f-to" name="to" type="date" value="${f.to ?? ''}"></div>
${
  f.thread
    ? html`<div class="check"><input type="checkbox" id="f-thread" name="thread" value="${f.thread}" checked><label for="f-thread">Only in this thread\
</label></div>`
    : ''
}
</details>
<button type="submit">Search</button>
</form>`
  let found = html``
  if (o.page) {
    const n = o.page.results.length
    found = html`<h2 class="vh" id="results-title">Results</h2>
${
  n === 0
    ? html`<p>${
        o.later
          ? 'No more results.'
          : html`Nothing found for \
<strong>${f.q}</strong>${filtered ? ' with these filters' : ''}. Try fewer or different words.`
      }</p>`
    : html`<ol class="results" aria-labelledby="results-title">${o.page.results.map((r) => result(r, names))}</ol>`
}
${o.page.nextCursor ? html`<nav class="pager" aria-label="More results"><a href="${nextHref(f, o.page.nextCursor)}" rel="next">More results</a></nav>` : ''}`
  }
  return layout(pc, {
    title: f.q ? `Search: ${f.q}` : 'Search',
    searchQuery: f.q,
    main: html`<h1>Search</h1>
${errorSummary(o.err, LABELS)}
${form}
${found}`,
  })
}
