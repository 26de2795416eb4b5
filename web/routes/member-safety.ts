import type { Request, Router } from 'express'
import { idParam } from '../../server/http/schemas/common.ts'
import { checkInReplyInput, reportInput } from '../../server/http/schemas/moderation.ts'
import { AppError } from '../../server/errors.ts'
import { REPORT_REASON_LABELS } from '../../server/services/words.ts'
import { checkInPage, reportPage } from '../views/pages.ts'
import { formError, requireSignIn, soft, str, type WebKit } from './kit.ts'
import { threadContext } from './post-context.ts'

/** A member's side of moderation: reporting a post, and answering a moderator's check-in. */
export function mountMemberSafetyPages(r: Router, { services, limits, pageCtx, send, setFlash }: WebKit) {
  async function reportContext(req: Request) {
    const { thread, community } = await threadContext(services, req, idParam.parse(req.params.threadId))
    const rules = await services.leads.rules(req.ctx, community.slug)
    // The guidelines members accepted on joining, cited beside the rules.
    const guidelines = (await services.communities.get(req.ctx, community.slug)).community.guidelines
    return { threadId: thread.id, postId: idParam.parse(req.params.postId), community, rules, guidelines }
  }
  r.get('/t/:threadId/p/:postId/report', requireSignIn, async (req, res) => {
    send(res, 200, reportPage(await pageCtx(req, res), await reportContext(req)))
  })
  // The same limit as the API's report route: one account must not be able to report every post it sees.
  r.post('/t/:threadId/p/:postId/report', requireSignIn, soft(limits.posting), async (req, res) => {
    const o = await reportContext(req)
    const values = { reason: str(req.body?.reason), ruleId: str(req.body?.ruleId), note: str(req.body?.note) }
    try {
      if (res.locals.limited) throw res.locals.limited
      // The API's message names the reasons by their codes; a person reads the choices in words.
      if (!Object.hasOwn(REPORT_REASON_LABELS, values.reason)) {
        const choices = Object.values(REPORT_REASON_LABELS).map((l) => `“${l}”`)
        throw new AppError(400, 'invalid_input', 'Please choose a reason.', { reason: `choose why you are reporting it: ${choices.join(', ')}` })
      }
      const input = reportInput.parse({
        reason: values.reason || undefined,
        ...(values.ruleId && values.reason === 'guideline' ? { ruleId: values.ruleId } : {}),
        ...(values.note.trim() ? { note: values.note } : {}),
      })
      await services.moderation.report(req.ctx, o.postId, input, { threadId: o.threadId })
      setFlash(res, 'reported')
      res.redirect(303, `/t/${o.threadId}`)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, reportPage(await pageCtx(req, res), { ...o, values, err: f.err }))
    }
  })

  r.get('/check-ins/:id', requireSignIn, async (req, res) => {
    send(res, 200, checkInPage(await pageCtx(req, res), await services.moderation.conversation(req.ctx, idParam.parse(req.params.id))))
  })
  r.post('/check-ins/:id', requireSignIn, soft(limits.posting), async (req, res) => {
    const id = idParam.parse(req.params.id)
    const values = { body: str(req.body?.body) }
    try {
      if (res.locals.limited) throw res.locals.limited
      await services.moderation.replyToCheckIn(req.ctx, id, checkInReplyInput.parse(values).body)
      setFlash(res, 'check_in_reply')
      res.redirect(303, `/check-ins/${id}`)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, checkInPage(await pageCtx(req, res), await services.moderation.conversation(req.ctx, id), { values, err: f.err }))
    }
  })
}
