import { Router } from 'express'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { searchQuery, staffSearchQuery } from '../schemas/search.ts'

/** Search under /api/v1 (issue 21): members' search of posts, and moderators' of reports and the audit log. */
export function searchRouter(services: Services) {
  return (limits: RateLimits): Router => {
    const r = Router()
    r.get('/search', limits.search, async (req, res) => {
      const page = await services.search.search(req.ctx, searchQuery.parse(req.query))
      // A member the reader blocked: marked, their words withheld, as in the thread JSON (the page folds them instead).
      const results = page.results.map((x) => (x.blockedAuthor ? { ...x, post: { ...x.post, body: '', html: '', blockedAuthor: true }, snippet: '' } : x))
      res.json({ results, nextCursor: page.nextCursor })
    })
    r.get('/moderation/search', limits.search, async (req, res) => {
      res.json(await services.staffSearch.search(req.ctx, staffSearchQuery.parse(req.query)))
    })
    return r
  }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const ok200 = (schema: object) => ({ description: 'OK', content: { 'application/json': { schema } } })
const errs = Object.fromEntries([400, 401, 403, 404, 429].map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]))
const cursor = openapi.query('cursor').map((p) => ({ ...p, description: 'nextCursor from the previous page' }))[0]!

registerPaths({
  '/search': {
    get: {
      summary: 'Search posts and thread titles you may read (best match first, newest among equals)',
      description:
        'Words are matched whole; "a phrase" in double quotes matches in order; word* matches words starting so. Operators are taken as words. ' +
        'Moderators also find held, hidden and removed posts in their communities. snippet is HTML: the text escaped, matches in <mark>.',
      security: [],
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } },
        { name: 'community', in: 'query', schema: { type: 'string' }, description: 'community slug' },
        { name: 'author', in: 'query', schema: { type: 'string' }, description: 'author handle' },
        { name: 'thread', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'only posts in this thread' },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'written on or after (UTC)' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'written on or before (UTC)' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
        cursor,
      ],
      responses: {
        200: ok200({
          type: 'object',
          properties: {
            results: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  post: ref('Post'),
                  thread: ref('Thread'),
                  snippet: { type: 'string' },
                  blockedAuthor: { type: 'boolean', enum: [true], description: 'you blocked the author: post.body, post.html and snippet are empty' },
                },
              },
            },
            nextCursor: { type: ['string', 'null'] },
          },
        }),
        ...errs,
      },
    },
  },
  '/moderation/search': {
    get: {
      summary: 'Moderators: search reports or audit entries of your communities by handle, rule title or words',
      description:
        'Newest first. Each request looks through the newest 5,000 rows in scope before the cursor: ' +
        'a page may be empty and still carry nextCursor (null only when no older rows remain). ' +
        'A report carries the itemId of its review item; an audit entry about a post carries target.threadId.',
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 100 } },
        { name: 'kind', in: 'query', schema: { type: 'string', enum: ['reports', 'audit'], default: 'reports' } },
        { name: 'community', in: 'query', schema: { type: 'string' }, description: 'community slug' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
        cursor,
      ],
      responses: {
        200: ok200({
          type: 'object',
          properties: {
            reports: { type: 'array', items: { type: 'object' } },
            entries: { type: 'array', items: { type: 'object' } },
            nextCursor: { type: ['string', 'null'] },
          },
        }),
        ...errs,
      },
    },
  },
})
