import { Router } from 'express'
import type { Services } from '../../services/index.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { handleParam } from '../schemas/blocks.ts'

/** Blocking members under /api/v1 (issue #19). */
export function blocksRouter(services: Services) {
  return (): Router => {
    const r = Router()
    const blocks = services.blocks
    r.get('/me/blocks', async (req, res) => {
      res.json({ blocked: await blocks.list(req.ctx) })
    })
    r.put('/me/blocks/:handle', async (req, res) => {
      res.json(await blocks.block(req.ctx, handleParam.parse(req.params.handle)))
    })
    r.delete('/me/blocks/:handle', async (req, res) => {
      res.json(await blocks.unblock(req.ctx, handleParam.parse(req.params.handle)))
    })
    return r
  }
}

const { ok, csrf } = openapi
const handle = openapi.path('handle')
registerPaths({
  '/me/blocks': {
    get: { summary: 'Members you blocked: {blocked: [{handle, since}]}', responses: { 200: ok(), 401: ok('Signed out') } },
  },
  '/me/blocks/{handle}': {
    put: {
      summary:
        'Block a member: their posts fold for you, they cannot reply to your posts or mention ' +
        "you, and nothing they do notifies you. They are not told; moderators' work is unchanged.",
      security: csrf,
      parameters: [handle],
      responses: { 200: ok('{handle, blocked: true}'), 400: ok('cannot_block_self or a bad handle'), 404: ok('No such member') },
    },
    delete: {
      summary: 'Unblock a member',
      security: csrf,
      parameters: [handle],
      responses: { 200: ok('{handle, blocked: false}'), 404: ok('No such member') },
    },
  },
})
