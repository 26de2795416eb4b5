import { Router } from 'express'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { idParam } from '../schemas/common.ts'
import { crisisResourcesInput, guidelinesInput, roleInput, rulesInput, settingsPatch, watchedWordInput } from '../schemas/leads.ts'

/** A community lead's settings under /api/v1/communities/:slug. Every change is audited. */
export function leadsRouter(services: Services) {
  return (limits: RateLimits): Router => {
    const r = Router()
    const leads = services.leads
    const slug = (v: unknown) => String(v)

    r.put('/communities/:slug/guidelines', async (req, res) => {
      res.status(201).json(await leads.publishGuidelines(req.ctx, slug(req.params.slug), guidelinesInput.parse(req.body ?? {}).markdown))
    })
    r.get('/communities/:slug/guidelines/versions', async (req, res) => {
      res.json(await leads.guidelineVersions(req.ctx, slug(req.params.slug)))
    })
    r.get('/communities/:slug/rules', async (req, res) => {
      res.json({ rules: await leads.rules(req.ctx, slug(req.params.slug)) })
    })
    r.put('/communities/:slug/rules', async (req, res) => {
      const body = Array.isArray(req.body) ? req.body : req.body?.rules
      res.json({ rules: await leads.setRules(req.ctx, slug(req.params.slug), rulesInput.parse(body)) })
    })
    r.get('/communities/:slug/settings', async (req, res) => {
      res.json({ settings: await leads.settings(req.ctx, slug(req.params.slug)) })
    })
    r.patch('/communities/:slug/settings', async (req, res) => {
      res.json({ settings: await leads.updateSettings(req.ctx, slug(req.params.slug), settingsPatch.parse(req.body ?? {})) })
    })
    r.get('/communities/:slug/watched-words', async (req, res) => {
      res.json({ watchedWords: await leads.watchedWords(req.ctx, slug(req.params.slug)) })
    })
    // A dry run reads up to 1,000 recent posts: limited like posting, as is adding a word.
    r.post('/communities/:slug/watched-words/dry-run', limits.posting, async (req, res) => {
      res.json(await leads.dryRun(req.ctx, slug(req.params.slug), watchedWordInput.parse(req.body ?? {})))
    })
    r.post('/communities/:slug/watched-words', limits.posting, async (req, res) => {
      res.status(201).json({ watchedWord: await leads.addWatchedWord(req.ctx, slug(req.params.slug), watchedWordInput.parse(req.body ?? {})) })
    })
    r.delete('/communities/:slug/watched-words/:id', async (req, res) => {
      await leads.removeWatchedWord(req.ctx, slug(req.params.slug), idParam.parse(req.params.id))
      res.status(204).end()
    })
    r.get('/communities/:slug/crisis-resources', async (req, res) => {
      res.json({ crisisResources: await leads.crisisResources(req.ctx, slug(req.params.slug)) })
    })
    r.put('/communities/:slug/crisis-resources', async (req, res) => {
      const body = Array.isArray(req.body) ? req.body : req.body?.crisisResources
      res.json({ crisisResources: await leads.setCrisisResources(req.ctx, slug(req.params.slug), crisisResourcesInput.parse(body)) })
    })
    r.get('/communities/:slug/roles', async (req, res) => {
      res.json({ staff: await leads.staff(req.ctx, slug(req.params.slug)) })
    })
    r.put('/communities/:slug/roles/:handle', async (req, res) => {
      res.json(await leads.setRole(req.ctx, slug(req.params.slug), String(req.params.handle), roleInput.parse(req.body ?? {}).role))
    })
    r.delete('/communities/:slug/roles/:handle', async (req, res) => {
      await leads.setRole(req.ctx, slug(req.params.slug), String(req.params.handle), 'member')
      res.status(204).end()
    })
    r.get('/communities/:slug/health', async (req, res) => {
      res.json(await services.health.health(req.ctx, slug(req.params.slug)))
    })
    return r
  }
}

const { body: b, ok, csrf } = openapi
const s = openapi.path('slug')
const lead = { 403: ok('Not a lead of this community'), 400: ok('Invalid input') }

registerPaths({
  '/communities/{slug}/guidelines': {
    put: {
      summary: 'Publish a new guidelines version (members accept it before their next post)',
      security: csrf,
      parameters: [s],
      requestBody: b(guidelinesInput),
      responses: { 201: ok('{version}'), ...lead },
    },
  },
  '/communities/{slug}/guidelines/versions': {
    get: { summary: 'Every published guidelines version, newest first', parameters: [s], responses: { 200: ok() } },
  },
  '/communities/{slug}/rules': {
    get: { summary: 'The numbered rules (removal and report reasons)', parameters: [s], responses: { 200: ok() } },
    put: {
      summary: 'Replace the rules list [{title, body}] (existing rules keep their ids by position)',
      security: csrf,
      parameters: [s],
      requestBody: b(rulesInput),
      responses: { 200: ok(), ...lead },
    },
  },
  '/communities/{slug}/settings': {
    get: { summary: 'Safety settings (moderators and leads)', parameters: [s], responses: { 200: ok() } },
    patch: {
      summary: 'Change safety settings; takes effect at once',
      security: csrf,
      parameters: [s],
      requestBody: b(settingsPatch),
      responses: { 200: ok(), ...lead },
    },
  },
  '/communities/{slug}/watched-words': {
    get: { summary: 'Watched words (moderators and leads)', parameters: [s], responses: { 200: ok() } },
    post: {
      summary: 'Add a watched word (a regex is checked for catastrophic backtracking)',
      security: csrf,
      parameters: [s],
      requestBody: b(watchedWordInput),
      responses: { 201: ok(), ...lead },
    },
  },
  '/communities/{slug}/watched-words/dry-run': {
    post: {
      summary: 'How many of the last 1,000 published posts a word would catch, with examples',
      security: csrf,
      parameters: [s],
      requestBody: b(watchedWordInput),
      responses: { 200: ok(), ...lead },
    },
  },
  '/communities/{slug}/watched-words/{id}': {
    delete: { summary: 'Remove a watched word', security: csrf, parameters: [s, openapi.path('id', 'integer')], responses: { 204: ok('Removed'), ...lead } },
  },
  '/communities/{slug}/crisis-resources': {
    get: { summary: "The community's crisis lines", security: [], parameters: [s], responses: { 200: ok() } },
    put: { summary: 'Replace the crisis lines', security: csrf, parameters: [s], requestBody: b(crisisResourcesInput), responses: { 200: ok(), ...lead } },
  },
  '/communities/{slug}/roles': { get: { summary: 'Peer supporters, moderators and leads', parameters: [s], responses: { 200: ok() } } },
  '/communities/{slug}/roles/{handle}': {
    put: {
      summary: 'Appoint a member (leads: peer_supporter, moderator; admins also lead)',
      security: csrf,
      parameters: [s, openapi.path('handle')],
      requestBody: b(roleInput),
      responses: { 200: ok(), ...lead },
    },
    delete: { summary: 'Remove a role (back to member)', security: csrf, parameters: [s, openapi.path('handle')], responses: { 204: ok('Removed'), ...lead } },
  },
  '/communities/{slug}/health': { get: { summary: "The health dashboard's numbers", parameters: [s], responses: { 200: ok(), 403: ok('Not a moderator') } } },
})
