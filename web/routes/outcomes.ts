import type { Router } from 'express'
import { AppError } from '../../server/errors.ts'
import { idParam } from '../../server/http/schemas/common.ts'
import { checkInFormPage, checkInsPage } from '../views/outcomes.ts'
import { formError, requireSignIn, str, type FlashCode, type WebKit } from './kit.ts'

/**
 * A member's own check-ins (issue #20), a moderator's debrief request, and the admins' CSV of the
 * aggregates. Only the member's own pages carry answers; every one of them is the member's own.
 */
export function mountOutcomePages(r: Router, { services, limits, pageCtx, send, setFlash }: WebKit) {
  const back = (res: Parameters<Parameters<Router['post']>[1]>[1], code: FlashCode) => {
    setFlash(res, code)
    res.redirect(303, '/me/check-ins')
  }

  r.get('/me/check-ins', requireSignIn, async (req, res) => {
    send(res, 200, checkInsPage(await pageCtx(req, res), await services.outcomes.overview(req.ctx)))
  })

  r.post('/me/check-ins/enrol', requireSignIn, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>
    const values = { community: str(b.community), interval: str(b.interval), email: str(b.email) }
    try {
      await services.outcomes.enrol(req.ctx, {
        community: values.community,
        intervalDays: Number(values.interval),
        remindByEmail: values.email === 'on',
        consent: str(b.consent) === 'yes',
      })
      back(res, 'outcome_enrolled')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, checkInsPage(await pageCtx(req, res), await services.outcomes.overview(req.ctx), f.err, values))
    }
  })

  r.post('/me/check-ins/settings', requireSignIn, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>
    try {
      await services.outcomes.update(req.ctx, { intervalDays: Number(str(b.interval)), remindByEmail: str(b.email) === 'on' })
      back(res, 'outcome_settings')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, checkInsPage(await pageCtx(req, res), await services.outcomes.overview(req.ctx), f.err))
    }
  })

  r.post('/me/check-ins/skip', requireSignIn, async (req, res) => {
    await services.outcomes.skip(req.ctx)
    back(res, 'outcome_skipped')
  })
  r.post('/me/check-ins/pause', requireSignIn, async (req, res) => {
    await services.outcomes.setPaused(req.ctx, true)
    back(res, 'outcome_paused')
  })
  r.post('/me/check-ins/resume', requireSignIn, async (req, res) => {
    await services.outcomes.setPaused(req.ctx, false)
    back(res, 'outcome_resumed')
  })
  r.post('/me/check-ins/withdraw', requireSignIn, async (req, res) => {
    if (str((req.body as Record<string, unknown> | undefined)?.confirm) !== 'yes')
      throw new AppError(400, 'confirm_required', 'Tick “Delete all my answers and turn check-ins off” to withdraw. Nothing was deleted.')
    await services.outcomes.withdraw(req.ctx)
    back(res, 'outcome_withdrawn')
  })
  r.post('/me/check-ins/:id/delete', requireSignIn, async (req, res) => {
    await services.outcomes.deleteOne(req.ctx, idParam.parse(req.params.id))
    back(res, 'outcome_deleted')
  })

  r.get('/me/check-ins/new', requireSignIn, async (req, res) => {
    send(res, 200, checkInFormPage(await pageCtx(req, res)))
  })
  r.post('/me/check-ins', requireSignIn, limits.posting, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>
    const answers: Record<string, string> = {}
    for (const k of ['who5_1', 'who5_2', 'who5_3', 'who5_4', 'who5_5', 'lonely_1', 'lonely_2', 'lonely_3', 'hope']) answers[k] = str(b[k])
    const askModerator = str(b.askModerator) === 'yes'
    try {
      // An unanswered question is '' here: the schema refuses it rather than reading it as 0.
      const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ''))
      const { moderator } = await services.outcomes.submit(req.ctx, given, askModerator)
      back(res, moderator === 'asked' ? 'outcome_saved_asked' : moderator === 'no_post' ? 'outcome_saved_no_post' : 'outcome_saved')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, checkInFormPage(await pageCtx(req, res), f.err, { ...answers, askModerator: askModerator ? 'yes' : '' }))
    }
  })

  // A moderator's private note to the community's leads.
  r.post('/c/:slug/debrief', requireSignIn, limits.posting, async (req, res) => {
    const slug = String(req.params.slug)
    await services.supporters.askForDebrief(req.ctx, slug, str((req.body as Record<string, unknown> | undefined)?.note))
    setFlash(res, 'debrief_sent')
    res.redirect(303, `/c/${slug}/health#supporters-h`)
  })

  // Aggregates only, the same cells leads see; admins only.
  r.get('/admin/outcomes.csv', requireSignIn, limits.posting, async (req, res) => {
    const csv = await services.outcomeAggregates.csv(req.ctx)
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="alongside-check-in-figures.csv"')
      .send(csv)
  })
}
