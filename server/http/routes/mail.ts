import { Router } from 'express'
import { sha256 } from '../../auth/tokens.ts'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { idParam } from '../schemas/common.ts'
import {
  changeEmailInput,
  changePasswordInput,
  dutyInput,
  emailPrefsInput,
  passwordResetConfirmInput,
  passwordResetInput,
  verifyEmailInput,
} from '../schemas/mail.ts'

/** Accounts by e-mail, members' mail preferences, moderators' duty and who an item alerted, under /api/v1. */
export function mailRouter(services: Services) {
  return (limits: RateLimits): Router => {
    const r = Router()
    const { accountMail, duty } = services

    // 202 whatever the address: whether an account has it is not for the caller to learn.
    r.post('/auth/password-reset', limits.passwordReset, async (req, res) => {
      await accountMail.requestPasswordReset(passwordResetInput.parse(req.body ?? {}).email)
      res.status(202).json({ message: 'If an account has this address, a link to reset its password is on its way. It works for 30 minutes.' })
    })
    r.post('/auth/password-reset/confirm', limits.passwordReset, async (req, res) => {
      const input = passwordResetConfirmInput.parse(req.body ?? {})
      await accountMail.confirmPasswordReset(input.token, input.password)
      res.status(204).end()
    })
    r.post('/auth/verify-email', limits.login, async (req, res) => {
      res.json(await accountMail.confirmEmail(verifyEmailInput.parse(req.body ?? {}).token))
    })

    r.get('/me/email', async (req, res) => {
      res.json(await accountMail.emailStatus(req.ctx))
    })
    r.put('/me/email', limits.passwordReset, async (req, res) => {
      res.status(202).json(await accountMail.changeEmail(req.ctx, changeEmailInput.parse(req.body ?? {})))
    })
    r.post('/me/email/verification', limits.passwordReset, async (req, res) => {
      await accountMail.requestVerification(req.ctx)
      res.status(202).json({ message: 'A confirmation link is on its way.' })
    })
    r.post('/me/password', limits.login, async (req, res) => {
      res.json(await accountMail.changePassword(req.ctx, req.sessionToken ? sha256(req.sessionToken) : undefined, changePasswordInput.parse(req.body ?? {})))
    })
    r.get('/me/email-preferences', async (req, res) => {
      res.json({ preferences: await accountMail.getPreferences(req.ctx) })
    })
    r.put('/me/email-preferences', async (req, res) => {
      res.json({ preferences: await accountMail.setPreferences(req.ctx, emailPrefsInput.parse(req.body ?? {})) })
    })

    r.get('/me/duty', async (req, res) => {
      res.json({ duty: await duty.get(req.ctx) })
    })
    r.put('/me/duty', async (req, res) => {
      res.json({ duty: await duty.set(req.ctx, dutyInput.parse(req.body ?? {})) })
    })
    r.get('/moderation/items/:id/alerts', async (req, res) => {
      res.json(await duty.alertsForItem(req.ctx, idParam.parse(req.params.id)))
    })
    return r
  }
}

const { body: b, ok, csrf } = openapi
const accepted = (d: string) => ({ description: d, content: { 'application/json': { schema: { type: 'object' } } } })

registerPaths({
  '/auth/password-reset': {
    post: {
      summary: 'Ask for a password reset link by e-mail (links to /reset/<token>, 30 minutes, single use). 202 whatever the address; rate limited per address.',
      security: [],
      requestBody: b(passwordResetInput),
      responses: { 202: accepted('Accepted'), 400: ok('Invalid input'), 429: ok('Rate limited') },
    },
  },
  '/auth/password-reset/confirm': {
    post: {
      summary: 'Set a new password with a reset token; every session of the account ends',
      security: [],
      requestBody: b(passwordResetConfirmInput),
      responses: { 204: { description: 'Password changed' }, 400: ok('Invalid input, or the link expired or was used (code invalid_token)') },
    },
  },
  '/auth/verify-email': {
    post: {
      summary: 'Confirm an address from its e-mailed link (account, new account address, or alert address)',
      security: [],
      requestBody: b(verifyEmailInput),
      responses: { 200: ok('{purpose}'), 400: ok('Expired or used (invalid_token)') },
    },
  },
  '/me/email': {
    get: { summary: 'Your address, whether it is verified, and your mail preferences', responses: { 200: ok() } },
    put: {
      summary: 'Change your address (current password required): confirmed from the new address, the old one is told',
      security: csrf,
      requestBody: b(changeEmailInput),
      responses: { 202: accepted('{pending}'), 400: ok('Invalid input or wrong password') },
    },
  },
  '/me/email/verification': { post: { summary: 'Send a confirmation link to your current address', security: csrf, responses: { 202: accepted('Sent') } } },
  '/me/password': {
    post: {
      summary: 'Change your password (current password required); your other sessions end',
      security: csrf,
      requestBody: b(changePasswordInput),
      responses: { 200: ok('{endedSessions}'), 400: ok('Invalid input or wrong password') },
    },
  },
  '/me/email-preferences': {
    get: { summary: 'Your mail preferences (all off by default)', responses: { 200: ok('{preferences}') } },
    put: {
      summary: 'Opt in or out of mail: replies, check-ins, a daily or weekly digest, quiet hours',
      security: csrf,
      requestBody: b(emailPrefsInput),
      responses: { 200: ok('{preferences}'), 400: ok('Invalid input') },
    },
  },
  '/me/duty': {
    get: { summary: 'Your duty for urgent alerts (moderators, leads, admins)', responses: { 200: ok('{duty}'), 403: ok('Not staff') } },
    put: {
      summary: 'Go on or off duty, with an optional weekly rota in your time zone and an alert address (confirmed by e-mail before use)',
      security: csrf,
      requestBody: b(dutyInput),
      responses: { 200: ok('{duty}'), 400: ok('Invalid input'), 403: ok('Not staff') },
    },
  },
  '/moderation/items/{id}/alerts': {
    get: {
      summary: 'Who was alerted about a review item (e-mail, hook) and when',
      parameters: [openapi.path('id', 'integer')],
      responses: { 200: ok('{alerts}'), 403: ok('Not a moderator of its community') },
    },
  },
})
