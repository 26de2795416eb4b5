import { z } from 'zod'
import { loginInput, registerInput } from './schemas/auth.ts'
import { editPostInput, markReadInput, membershipInput, newThreadInput, replyInput } from './schemas/forum.ts'
import { WARNING_CATEGORIES } from '../services/community-settings.ts'

// Request schemas come straight from the zod validators the routes use, so the document cannot drift from them.
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
})

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } })
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]))

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } }
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor from the previous page' },
]
const csrf = [{ sessionCookie: [], csrfHeader: [] }]

const warnings = { type: 'array', items: { type: 'string', enum: [...WARNING_CATEGORIES] } }

type Paths = Record<string, Record<string, unknown>>

export const corePaths: Paths = {
  '/auth/register': {
    post: {
      summary: 'Create an account and sign in',
      security: [],
      requestBody: body(registerInput),
      responses: {
        201: json({ type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }, 'Created; sets the session cookie'),
        ...errors(400, 409, 429),
      },
    },
  },
  '/auth/login': {
    post: {
      summary: 'Sign in',
      security: [],
      requestBody: body(loginInput),
      responses: {
        200: json({ type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }, 'Signed in; sets the session cookie'),
        ...errors(400, 401, 429),
      },
    },
  },
  '/auth/logout': { post: { summary: 'Sign out', security: csrf, responses: { 204: { description: 'Signed out' }, ...errors(403) } } },
  '/me': {
    get: {
      summary: 'The signed-in member, memberships and CSRF token',
      responses: {
        200: json({
          type: 'object',
          properties: { user: ref('User'), memberships: { type: 'array', items: { type: 'object' } }, csrfToken: { type: 'string' } },
        }),
        ...errors(401),
      },
    },
  },
  '/communities': {
    get: {
      summary: 'All communities',
      security: [],
      responses: { 200: json({ type: 'object', properties: { communities: { type: 'array', items: ref('Community') } } }) },
    },
  },
  '/communities/{slug}': {
    get: {
      summary: 'A community with its current guidelines and crisis resources',
      security: [],
      parameters: [slug],
      responses: { 200: json({ type: 'object', properties: { community: ref('CommunityDetail'), membership: { type: ['object', 'null'] } } }), ...errors(404) },
    },
  },
  '/communities/{slug}/membership': {
    post: {
      summary: 'Join (or re-accept guidelines) by accepting the current guidelines version',
      security: csrf,
      parameters: [slug],
      requestBody: body(membershipInput),
      responses: {
        201: json({ type: 'object' }, 'Joined'),
        200: json({ type: 'object' }, 'Already a member; acceptance updated'),
        ...errors(400, 401, 403, 404, 409),
      },
    },
  },
  '/communities/{slug}/threads': {
    get: {
      summary: "A community's threads, most recent activity first",
      security: [],
      parameters: [slug, ...page],
      responses: {
        200: json({ type: 'object', properties: { threads: { type: 'array', items: ref('Thread') }, nextCursor: { type: ['string', 'null'] } } }),
        ...errors(400, 401, 403, 404),
      },
    },
    post: {
      summary: 'Start a thread',
      security: csrf,
      parameters: [slug],
      requestBody: body(newThreadInput),
      responses: { 201: json({ type: 'object', properties: { thread: ref('Thread'), post: ref('Post') } }, 'Created'), ...errors(400, 401, 403, 404, 429) },
    },
  },
  '/threads/{id}': {
    get: {
      summary: 'A thread and its posts in order',
      security: [],
      parameters: [id, ...page],
      responses: {
        200: json({
          type: 'object',
          properties: { thread: ref('Thread'), posts: { type: 'array', items: ref('Post') }, nextCursor: { type: ['string', 'null'] } },
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/threads/{id}/posts': {
    post: {
      summary: 'Reply to a thread',
      security: csrf,
      parameters: [id],
      requestBody: body(replyInput),
      responses: { 201: json({ type: 'object', properties: { post: ref('Post') } }, 'Created'), ...errors(400, 401, 403, 404, 409, 429) },
    },
  },
  '/posts/{id}': {
    patch: {
      summary: 'Edit your own post (a new revision)',
      security: csrf,
      parameters: [id],
      requestBody: body(editPostInput),
      responses: { 200: json({ type: 'object', properties: { post: ref('Post') } }), ...errors(400, 401, 403, 404, 409) },
    },
    delete: {
      summary: 'Delete your own post (a placeholder stays in the thread)',
      security: csrf,
      parameters: [id],
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
    },
  },
  '/posts/{id}/revisions': {
    get: { summary: "A post's revisions (author and moderators)", parameters: [id], responses: { 200: json({ type: 'object' }), ...errors(401, 403, 404) } },
  },
  '/notifications': {
    get: {
      summary: 'Your notifications, newest first',
      parameters: page,
      responses: {
        200: json({
          type: 'object',
          properties: { notifications: { type: 'array', items: ref('Notification') }, unread: { type: 'integer' }, nextCursor: { type: ['string', 'null'] } },
        }),
        ...errors(401),
      },
    },
  },
  '/notifications/read': {
    post: {
      summary: 'Mark notifications read (all when ids is absent)',
      security: csrf,
      requestBody: body(markReadInput),
      responses: { 200: json({ type: 'object', properties: { marked: { type: 'integer' } } }), ...errors(400, 401, 403) },
    },
  },
}

/** Helpers for route modules that register their own paths. */
export const openapi = {
  body,
  ok: (description = 'OK') => ({ description, content: { 'application/json': { schema: { type: 'object' } } } }),
  csrf,
  path: (name: string, type: 'string' | 'integer' = 'string') => ({ name, in: 'path', required: true, schema: { type } }),
  query: (...names: string[]) => names.map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
}

/**
 * The alert hook (ALERT_WEBHOOK_URL), as OpenAPI 3.1 describes requests Alongside makes: see
 * docs/alerts.md. Ids, a level, an age and a link only: never post text, a title or a handle.
 */
const alertHookRequest = (summary: string) => ({
  post: {
    summary,
    parameters: [
      {
        name: 'X-Alongside-Signature',
        in: 'header',
        required: false,
        schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
        description: 'sha256=<hex HMAC-SHA256 of the raw body keyed with ALERT_WEBHOOK_SECRET>; present when the secret is set',
      },
      { name: 'X-Alongside-Event', in: 'header', required: true, schema: { type: 'string', enum: ['urgent_item', 'escalated_item'] } },
      {
        name: 'X-Alongside-Delivery',
        in: 'header',
        required: true,
        schema: { type: 'string' },
        description: 'The same on every retry of one call: drop repeats by it',
      },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['event', 'itemId', 'community', 'level', 'ageSeconds', 'url', 'sentAt'],
            properties: {
              event: { type: 'string', enum: ['urgent_item', 'escalated_item'] },
              itemId: { type: 'integer', description: 'The review item' },
              community: { type: 'string', description: "The community's slug" },
              level: {
                type: 'string',
                enum: ['urgent', 'escalated'],
                description: "'urgent' for an urgent crisis item; 'escalated' for a moderator's escalation of another item",
              },
              ageSeconds: { type: 'integer', minimum: 0, description: 'Seconds since the item became urgent (or was opened)' },
              url: { type: 'string', format: 'uri', description: 'The item in the review queue' },
              sentAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    responses: { '2XX': { description: 'Accepted. Anything else, a timeout or a refused connection is retried with backoff until accepted.' } },
  },
})
const alertWebhooks = {
  urgentItem: alertHookRequest('An urgent crisis item entered the review queue'),
  escalatedItem: alertHookRequest("Nobody claimed an urgent item within the community's escalation minutes, or a moderator escalated an item"),
}

const extraPaths: Paths[] = []
/** Later areas (moderation, leads) add their paths here at module load. */
export function registerPaths(paths: Paths) {
  extraPaths.push(paths)
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
}
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } })

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Alongside API',
      version: '1.0.0',
      description:
        'JSON API of Alongside, a moderated peer-support forum. Sign in to get a session ' +
        'cookie; every state-changing request made with that cookie must send the ' +
        'csrfToken in the X-CSRF-Token header. Errors are {"error": {"code", "message", "fields"?}}.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ sessionCookie: [] }],
    paths: Object.assign({}, corePaths, ...extraPaths),
    webhooks: alertWebhooks,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'alongside_session' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      responses: {
        E400: errorResponse('Invalid input: see error.fields'),
        E401: errorResponse('Not signed in'),
        E403: errorResponse('Not allowed, or missing CSRF token'),
        E404: errorResponse('Not found'),
        E409: errorResponse('Conflict with the current state'),
        E429: errorResponse('Rate limited; see Retry-After'),
      },
      schemas: {
        Error: errorSchema,
        User: {
          type: 'object',
          properties: { id: { type: 'integer' }, handle: { type: 'string' }, isAdmin: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' } },
        },
        Community: {
          type: 'object',
          properties: {
            slug: { type: 'string' },
            name: { type: 'string' },
            description: { type: 'string' },
            visibility: { type: 'string', enum: ['public', 'signed_in', 'members'] },
            guidelinesVersion: { type: 'integer' },
            memberCount: { type: 'integer' },
            threadCount: { type: 'integer' },
            lastActivityAt: { type: ['string', 'null'] },
          },
        },
        CommunityDetail: {
          allOf: [
            ref('Community'),
            {
              type: 'object',
              properties: {
                guidelines: { type: 'object', properties: { version: { type: 'integer' }, markdown: { type: 'string' }, html: { type: 'string' } } },
                crisisResources: { type: 'array', items: ref('CrisisResource') },
              },
            },
          ],
        },
        CrisisResource: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            contact: { type: 'string' },
            url: { type: ['string', 'null'] },
            region: { type: 'string' },
            hours: { type: ['string', 'null'] },
          },
        },
        Thread: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            community: { type: 'string' },
            title: { type: 'string' },
            author: { type: ['object', 'null'], properties: { handle: { type: 'string' } } },
            replyCount: { type: 'integer' },
            locked: { type: 'boolean' },
            status: { type: 'string' },
            createdAt: { type: 'string' },
            lastActivityAt: { type: 'string' },
          },
        },
        Post: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            threadId: { type: 'integer' },
            author: {
              type: ['object', 'null'],
              properties: {
                handle: { type: 'string' },
                badge: { type: 'string', enum: ['admin', 'lead', 'moderator', 'peer_supporter'], description: "from the author's role; absent for members" },
              },
              description: 'null when the post was deleted, or is hidden or removed and the reader is neither its author nor a moderator',
            },
            body: { type: 'string', description: 'Markdown source' },
            html: { type: 'string', description: 'Sanitized HTML rendered on write' },
            revision: { type: 'integer' },
            createdAt: { type: 'string' },
            editedAt: { type: ['string', 'null'] },
            contentWarnings: warnings,
            status: { type: 'string', enum: ['visible', 'held', 'hidden', 'removed', 'deleted'] },
            scanStatus: { type: 'string', enum: ['pending', 'scanned'] },
            blockedAuthor: {
              type: 'boolean',
              enum: [true],
              description:
                'present (true) when the reader blocked the author: body and html are then empty. ' +
                'Never for a moderator of the community, nor on your own posts',
            },
          },
        },
        Notification: {
          type: 'object',
          properties: { id: { type: 'integer' }, kind: { type: 'string' }, data: { type: 'object' }, createdAt: { type: 'string' }, read: { type: 'boolean' } },
        },
      },
    },
  }
}
