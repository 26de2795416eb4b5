import type { z } from 'zod'
import type { Request, Response, Router } from 'express'
import { AppError } from '../../server/errors.ts'
import { idParam } from '../../server/http/schemas/common.ts'
import { crisisResourcesInput, guidelinesInput, roleInput, rulesInput, settingsPatch, watchedWordInput } from '../../server/http/schemas/leads.ts'
import type { FormError } from '../views/layout.ts'
import { crisisResourcesPage, type ResourceRow } from '../views/leads/crisis-resources.ts'
import { guidelinesEditPage } from '../views/leads/guidelines-edit.ts'
import { guidelinesHistoryPage } from '../views/leads/guidelines-history.ts'
import { leadIndexPage } from '../views/leads/index-page.ts'
import { leadHomePage } from '../views/leads/overview.ts'
import { rulesPage, type RuleRow } from '../views/leads/rules.ts'
import { leadSettingsPage } from '../views/leads/settings.ts'
import { staffPage } from '../views/leads/staff.ts'
import { wordsPage, type DryRunView, type WordValues } from '../views/leads/words.ts'
import { formError, knownWarnings, list, optInt, requireSignIn, soft, str, type WebKit } from './kit.ts'

/** The community leads' settings pages: guidelines, rules, safety settings, watched words, crisis lines, staff. */
export function mountLeadPages(r: Router, { services, limits, pageCtx, send, setFlash }: WebKit) {
  const slugOf = (req: Request) => String(req.params.slug)
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>
  /** Checks the member leads this community (a 403 page otherwise) and returns it. */
  const lead = (req: Request) => services.leads.assertLead(req.ctx, slugOf(req))
  const rowCount = (b: Record<string, unknown>) => Math.min(60, Math.max(0, Number.parseInt(str(b.rows), 10) || 0))
  /**
   * Parses the rows a repeating form kept; a failure names each field after the row it came from
   * on the page ("title_2"), so the error sits beside what the lead typed.
   */
  const parseRows = <K extends { i: number }, T>(schema: z.ZodType<T>, kept: K[], toInput: (k: K) => unknown): T => {
    const result = schema.safeParse(kept.map(toInput))
    if (result.success) return result.data
    const fields: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const [row, field] = issue.path
      const key = typeof row === 'number' && typeof field === 'string' ? `${field}_${kept[row]!.i}` : '_'
      fields[key] ??= issue.message
    }
    throw new AppError(400, 'invalid_input', `Please check what you entered. ${Object.values(fields).join('; ')}`, fields)
  }
  const blankRule = (): RuleRow => ({ title: '', body: '' })
  const blankResource = (): ResourceRow => ({ name: '', contact: '', url: '', region: '', hours: '' })

  r.get('/lead', requireSignIn, async (req, res) => {
    const pc = await pageCtx(req, res)
    send(res, 200, leadIndexPage(pc, pc.leads ?? []))
  })

  r.get('/c/:slug/guidelines/history', async (req, res) => {
    const { community } = await services.communities.get(req.ctx, slugOf(req))
    const versions = await services.leads.guidelineVersions(req.ctx, community.slug)
    send(res, 200, guidelinesHistoryPage(await pageCtx(req, res), { slug: community.slug, name: community.name }, versions))
  })

  r.get('/c/:slug/lead', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const [settings, rules, words, resources, staff, versions] = await Promise.all([
      services.leads.settings(req.ctx, c.slug),
      services.leads.rules(req.ctx, c.slug),
      services.leads.watchedWords(req.ctx, c.slug),
      services.leads.crisisResources(req.ctx, c.slug),
      services.leads.staff(req.ctx, c.slug),
      services.leads.guidelineVersions(req.ctx, c.slug),
    ])
    send(
      res,
      200,
      leadHomePage(await pageCtx(req, res), {
        community: c,
        guidelinesVersion: versions.current,
        rules: rules.length,
        words: words.length,
        resources: resources.length,
        staff: staff.length,
        visibility: settings.visibility,
        searchIndexing: (await services.communities.get(req.ctx, c.slug)).community.searchIndexing,
      }),
    )
  })

  // guidelines
  const currentGuidelines = async (req: Request, slug: string) => {
    const v = await services.leads.guidelineVersions(req.ctx, slug)
    return { version: v.current, markdown: v.versions.find((x) => x.version === v.current)?.markdown ?? '' }
  }
  r.get('/c/:slug/lead/guidelines', requireSignIn, async (req, res) => {
    const c = await lead(req)
    send(res, 200, guidelinesEditPage(await pageCtx(req, res), c, await currentGuidelines(req, c.slug)))
  })
  r.post('/c/:slug/lead/guidelines', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const markdown = str(body(req).markdown)
    try {
      await services.leads.publishGuidelines(req.ctx, c.slug, guidelinesInput.parse({ markdown }).markdown)
      setFlash(res, 'lead_guidelines')
      res.redirect(303, `/c/${c.slug}/lead/guidelines`)
    } catch (e) {
      const f = formError(e)
      const cur = await currentGuidelines(req, c.slug)
      send(res, f.status, guidelinesEditPage(await pageCtx(req, res), c, { version: cur.version, markdown }, f.err))
    }
  })

  // rules
  r.get('/c/:slug/lead/rules', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const rules = await services.leads.rules(req.ctx, c.slug)
    send(
      res,
      200,
      rulesPage(await pageCtx(req, res), c, [...rules.map((x) => ({ id: x.id, title: x.title, body: x.body })), blankRule(), blankRule(), blankRule()]),
    )
  })
  r.post('/c/:slug/lead/rules', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const b = body(req)
    // Each kept rule carries its id, so removing one from the middle leaves the others' ids (and what past removals cite) alone.
    const rows: RuleRow[] = Array.from({ length: rowCount(b) }, (_, i) => ({
      id: optInt(b[`id_${i}`]),
      title: str(b[`title_${i}`]),
      body: str(b[`body_${i}`]),
      remove: str(b[`remove_${i}`]) === 'yes',
    }))
    const kept = rows.map((x, i) => ({ x, i })).filter(({ x }) => !x.remove && (x.title.trim() || x.body.trim()))
    try {
      const input = parseRows(rulesInput, kept, ({ x }) => ({ ...(x.id !== undefined ? { id: x.id } : {}), title: x.title, body: x.body }))
      await services.leads.setRules(req.ctx, c.slug, input)
      setFlash(res, 'lead_rules')
      res.redirect(303, `/c/${c.slug}/lead/rules`)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, rulesPage(await pageCtx(req, res), c, rows, f.err))
    }
  })

  // safety settings
  const NUMBER_NAMES = [
    'spamHoldThreshold',
    'newMemberHoldPosts',
    'newMemberHoldDays',
    'linksMinAccountDays',
    'reportHideThreshold',
    'crisisEscalationMinutes',
    'breakAfterUrgentItems',
  ] as const
  r.get('/c/:slug/lead/settings', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const s = await services.leads.settings(req.ctx, c.slug)
    send(
      res,
      200,
      leadSettingsPage(await pageCtx(req, res), c, {
        warningCategories: s.warningCategories,
        visibility: s.visibility,
        numbers: Object.fromEntries(NUMBER_NAMES.map((n) => [n, String(s[n])])),
      }),
    )
  })
  r.post('/c/:slug/lead/settings', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const b = body(req)
    const values = {
      warningCategories: knownWarnings(list(b.warningCategories)),
      visibility: str(b.visibility),
      numbers: Object.fromEntries(NUMBER_NAMES.map((n) => [n, str(b[n]).trim()])),
    }
    try {
      const fields: Record<string, string> = {}
      const numbers: Record<string, number> = {}
      for (const n of NUMBER_NAMES) {
        const v = values.numbers[n]!
        if (v === '' || !Number.isFinite(Number(v))) fields[n] = 'must be a number'
        else numbers[n] = Number(v)
      }
      const parsed = settingsPatch.safeParse({ ...numbers, warningCategories: values.warningCategories, visibility: values.visibility })
      if (!parsed.success) for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message
      if (!parsed.success || Object.keys(fields).length) throw new AppError(400, 'invalid_input', 'Please check the settings.', fields)
      const patch = parsed.data
      await services.leads.updateSettings(req.ctx, c.slug, patch)
      setFlash(res, 'lead_settings')
      res.redirect(303, `/c/${c.slug}/lead/settings`)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, leadSettingsPage(await pageCtx(req, res), c, values, f.err))
    }
  })

  // watched words
  const defaultWord = (): WordValues => ({ phrase: '', wholeWord: true, regex: false, action: 'flag', category: '', message: '' })
  const renderWords = async (
    req: Request,
    res: Response,
    c: { slug: string; name: string },
    status: number,
    values: WordValues,
    extra: { dry?: DryRunView; err?: FormError } = {},
  ) => {
    const words = await services.leads.watchedWords(req.ctx, c.slug)
    send(res, status, wordsPage(await pageCtx(req, res), c, { words, values, dry: extra.dry }, extra.err))
  }
  r.get('/c/:slug/lead/words', requireSignIn, async (req, res) => {
    const c = await lead(req)
    await renderWords(req, res, c, 200, defaultWord())
  })
  // Checking a word reads up to 1,000 recent posts: limited like posting (the API's routes are too).
  r.post('/c/:slug/lead/words', requireSignIn, soft(limits.posting), async (req, res) => {
    const c = await lead(req)
    const b = body(req)
    const values: WordValues = {
      phrase: str(b.phrase),
      wholeWord: str(b.wholeWord) === 'yes',
      regex: str(b.regex) === 'yes',
      action: str(b.action),
      category: str(b.category),
      message: str(b.message),
    }
    try {
      if (res.locals.limited) throw res.locals.limited
      const input = watchedWordInput.parse({
        phrase: values.phrase,
        wholeWord: values.wholeWord,
        regex: values.regex,
        action: values.action,
        ...(values.action === 'warn' && values.category ? { category: values.category } : {}),
        ...(values.action === 'block' && values.message.trim() ? { message: values.message } : {}),
      })
      if (str(b.do) === 'check') {
        const dry = await services.leads.dryRun(req.ctx, c.slug, input)
        return await renderWords(req, res, c, 200, values, { dry })
      }
      await services.leads.addWatchedWord(req.ctx, c.slug, input)
      setFlash(res, 'lead_word_added')
      res.redirect(303, `/c/${c.slug}/lead/words`)
    } catch (e) {
      const f = formError(e)
      await renderWords(req, res, c, f.status, values, { err: f.err })
    }
  })
  r.post('/c/:slug/lead/words/:id/delete', requireSignIn, async (req, res) => {
    const c = await lead(req)
    await services.leads.removeWatchedWord(req.ctx, c.slug, idParam.parse(req.params.id))
    setFlash(res, 'lead_word_removed')
    res.redirect(303, `/c/${c.slug}/lead/words`)
  })

  // crisis resources
  r.get('/c/:slug/lead/crisis', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const current = await services.leads.crisisResources(req.ctx, c.slug)
    const rows: ResourceRow[] = current.map((x) => ({ name: x.name, contact: x.contact, url: x.url ?? '', region: x.region, hours: x.hours ?? '' }))
    send(res, 200, crisisResourcesPage(await pageCtx(req, res), c, [...rows, blankResource(), blankResource()]))
  })
  r.post('/c/:slug/lead/crisis', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const b = body(req)
    const rows: ResourceRow[] = Array.from({ length: rowCount(b) }, (_, i) => ({
      name: str(b[`name_${i}`]),
      contact: str(b[`contact_${i}`]),
      url: str(b[`url_${i}`]).trim(),
      region: str(b[`region_${i}`]),
      hours: str(b[`hours_${i}`]),
      remove: str(b[`remove_${i}`]) === 'yes',
    }))
    const kept = rows.map((x, i) => ({ x, i })).filter(({ x }) => !x.remove && [x.name, x.contact, x.url, x.region, x.hours].some((v) => v.trim()))
    try {
      const input = parseRows(crisisResourcesInput, kept, ({ x }) => ({
        name: x.name,
        contact: x.contact,
        url: x.url || null,
        region: x.region,
        hours: x.hours.trim() || null,
      }))
      await services.leads.setCrisisResources(req.ctx, c.slug, input)
      setFlash(res, 'lead_crisis')
      res.redirect(303, `/c/${c.slug}/lead/crisis`)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, crisisResourcesPage(await pageCtx(req, res), c, rows, f.err))
    }
  })

  // appointments
  const renderStaff = async (
    req: Request,
    res: Response,
    c: { slug: string; name: string },
    status: number,
    values = { handle: '', role: '' },
    err?: FormError,
  ) => {
    const staff = await services.leads.staff(req.ctx, c.slug)
    send(res, status, staffPage(await pageCtx(req, res), c, { staff, isAdmin: !!req.ctx.actor?.isAdmin, values }, err))
  }
  r.get('/c/:slug/lead/staff', requireSignIn, async (req, res) => {
    await renderStaff(req, res, await lead(req), 200)
  })
  r.post('/c/:slug/lead/staff', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const values = { handle: str(body(req).handle).trim(), role: str(body(req).role) }
    try {
      if (!values.handle) throw new AppError(400, 'invalid_input', 'Please enter a handle.', { handle: 'is required' })
      await services.leads.setRole(req.ctx, c.slug, values.handle, roleInput.parse({ role: values.role }).role)
      setFlash(res, values.role === 'member' ? 'lead_role_removed' : 'lead_appointed')
      res.redirect(303, `/c/${c.slug}/lead/staff`)
    } catch (e) {
      const f = formError(e)
      await renderStaff(req, res, c, f.status, values, f.err)
    }
  })
  r.post('/c/:slug/lead/staff/remove', requireSignIn, async (req, res) => {
    const c = await lead(req)
    const handle = str(body(req).handle)
    try {
      await services.leads.setRole(req.ctx, c.slug, handle, 'member')
      setFlash(res, 'lead_role_removed')
      res.redirect(303, `/c/${c.slug}/lead/staff`)
    } catch (e) {
      const f = formError(e)
      await renderStaff(req, res, c, f.status, undefined, f.err)
    }
  })
}
