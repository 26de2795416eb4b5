import type { Router } from 'express'
import { handleParam } from '../../server/http/schemas/blocks.ts'
import { blockPage, blocksPage } from '../views/blocks.ts'
import { requireSignIn, type WebKit } from './kit.ts'

/** Blocking a member, and the list of those blocked (issue #19). */
export function mountBlockPages(r: Router, { services, pageCtx, send, setFlash }: WebKit) {
  r.get('/settings/blocks', requireSignIn, async (req, res) => {
    send(res, 200, blocksPage(await pageCtx(req, res), await services.blocks.list(req.ctx)))
  })
  r.get('/members/:handle/block', requireSignIn, async (req, res) => {
    const handle = handleParam.parse(req.params.handle)
    const blocked = (await services.blocks.list(req.ctx)).some((b) => b.handle.toLowerCase() === handle.toLowerCase())
    send(res, 200, blockPage(await pageCtx(req, res), handle, blocked))
  })
  r.post('/members/:handle/block', requireSignIn, async (req, res) => {
    await services.blocks.block(req.ctx, handleParam.parse(req.params.handle))
    setFlash(res, 'blocked')
    res.redirect(303, '/settings/blocks')
  })
  r.post('/members/:handle/unblock', requireSignIn, async (req, res) => {
    await services.blocks.unblock(req.ctx, handleParam.parse(req.params.handle))
    setFlash(res, 'unblocked')
    res.redirect(303, '/settings/blocks')
  })
}
