import { pipeline } from 'node:stream/promises'
import { Router, type Response } from 'express'
import type { Config } from '../../config.ts'
import { AppError } from '../../errors.ts'
import type { Services } from '../../services/index.ts'
import type { Ctx } from '../../services/context.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { sha256 } from '../../auth/tokens.ts'
import { accountSettingsInput, deleteAccountInput, searchIndexingInput, sessionIdParam } from '../schemas/account.ts'
import { clearSessionCookie } from '../session-cookie.ts'
import { zipStream } from '../zip-stream.ts'

/** Streams a member's data export as a zip download (the API and the settings page both answer with this). */
export async function sendDataExport(services: Services, ctx: Ctx, res: Response) {
  const { fileName, files } = await services.dataExport.files(ctx)
  res.status(200)
  res.set({
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9_.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  })
  try {
    await pipeline(zipStream(files, new Date()), res)
  } catch (err) {
    // Headers are gone: the download ends unfinished (a broken zip), and the log says why.
    services.dataExport.endedEarly(ctx, err)
    res.destroy()
  }
}

/** A member's own account: deleting it, downloading its data, under /api/v1. */
export function accountRouter(services: Services, config: Config) {
  return (limits: RateLimits): Router => {
    const r = Router()
    const { accountDeletion } = services

    // The password is asked again: the login limit stops guessing through this door.
    r.delete('/me', limits.login, async (req, res) => {
      const input = deleteAccountInput.parse(req.body ?? {})
      const result = await accountDeletion.deleteAccount(req.ctx, input)
      clearSessionCookie(res, config)
      res.json({ deleted: true, mode: result.mode })
    })

    const current = (token: string | undefined) => (token ? sha256(token) : undefined)
    r.get('/me/sessions', async (req, res) => {
      res.json({ sessions: await services.sessions.list(req.ctx, current(req.sessionToken)) })
    })
    r.delete('/me/sessions/:id', async (req, res) => {
      const { current: wasCurrent } = await services.sessions.signOut(req.ctx, current(req.sessionToken), sessionIdParam.parse(req.params.id))
      if (wasCurrent) clearSessionCookie(res, config)
      res.status(204).end()
    })
    r.post('/me/sessions/sign-out-others', async (req, res) => {
      res.json(await services.sessions.signOutOthers(req.ctx, current(req.sessionToken)))
    })
    r.get('/me/account-settings', async (req, res) => {
      res.json({ settings: await services.sessions.settings(req.ctx) })
    })
    r.put('/me/account-settings', async (req, res) => {
      res.json({ settings: await services.sessions.updateSettings(req.ctx, accountSettingsInput.parse(req.body ?? {})) })
    })

    r.get('/members/:handle', async (req, res) => {
      res.json({ profile: await services.profiles.get(req.ctx, String(req.params.handle)) })
    })

    r.put('/communities/:slug/search-indexing', async (req, res) => {
      const input = searchIndexingInput.parse(req.body ?? {})
      res.json(await services.searchIndexing.set(req.ctx, String(req.params.slug), input.indexable))
    })

    r.get('/me/export', limits.dataExport, async (req, res) => {
      if (!req.ctx.actor) throw new AppError(401, 'not_signed_in', 'Sign in to do this.')
      await sendDataExport(services, req.ctx, res)
    })
    return r
  }
}

const { body: b, ok, csrf } = openapi

registerPaths({
  '/me': {
    delete: {
      summary:
        'Delete your account (password required). mode "erase" empties the text of all your ' +
        'posts (placeholders stay); "keep" leaves them under "a former member". Handle, ' +
        'e-mail, sessions, preferences and notifications go at once; the rest finishes in the background.',
      security: csrf,
      requestBody: b(deleteAccountInput),
      responses: {
        200: ok('{deleted, mode}; the session cookie is cleared'),
        400: ok('Invalid input or wrong password'),
        401: ok('Not signed in'),
        429: ok('Rate limited'),
      },
    },
  },
  '/me/sessions': {
    get: {
      summary: 'Your signed-in sessions: {id, device ("Firefox on Linux"; no address is kept), createdAt, lastUsedAt, current}',
      responses: { 200: ok('{sessions}'), 401: ok('Not signed in') },
    },
  },
  '/me/sessions/{id}': {
    delete: {
      summary: 'Sign one session out (the cookie is cleared when it is the one asking)',
      security: csrf,
      parameters: [openapi.path('id')],
      responses: { 204: { description: 'Signed out' }, 404: ok('No such session of yours') },
    },
  },
  '/me/sessions/sign-out-others': {
    post: { summary: 'Sign out every session but this one', security: csrf, responses: { 200: ok('{ended}'), 401: ok('Not signed in') } },
  },
  '/me/account-settings': {
    get: { summary: 'Your idle timeout (minutes, or null) and who can see your profile', responses: { 200: ok('{settings}') } },
    put: {
      summary:
        'Set the idle timeout (null, 15, 60, 480, 1440 or 10080 minutes: a session unused that long ends) and profile visibility (everyone, members, nobody)',
      security: csrf,
      requestBody: b(accountSettingsInput),
      responses: { 200: ok('{settings}'), 400: ok('Invalid input') },
    },
  },
  '/members/{handle}': {
    get: {
      summary:
        "A member's profile: {handle, joinedAt, badge?, communities [{slug, name, " +
        'badge?}], recentPosts [{id, threadId, threadTitle, community, createdAt}], ' +
        'visibility, isOwn}. Communities and posts only where you can read; 404 when the ' +
        'member shows it to nobody (or only to members and you are signed out), or has deleted their account',
      security: [],
      parameters: [openapi.path('handle')],
      responses: { 200: ok('{profile}'), 404: ok('Not found or not shown') },
    },
  },
  '/communities/{slug}/search-indexing': {
    put: {
      summary:
        "Let search engines list a public community's threads, or keep them out (the " +
        'default: every thread and community page says noindex). Leads and admins; audited',
      security: csrf,
      parameters: [openapi.path('slug')],
      requestBody: b(searchIndexingInput),
      responses: { 200: ok('{searchIndexing}'), 400: ok('Invalid input'), 403: ok('Not a lead'), 409: ok('The community is not public (not_public)') },
    },
  },
  '/me/export': {
    get: {
      summary:
        'Download everything the forum holds about you as a zip: account.json, memberships.json, ' +
        'posts.json (with every revision), reports.json (the reports you made), check-ins.json, ' +
        'notifications.json, sessions.json, and posts/<id>.md. Streamed; rate limited (5 an hour).',
      responses: {
        200: { description: 'The zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        401: ok('Not signed in'),
        429: ok('Rate limited'),
      },
    },
  },
})
