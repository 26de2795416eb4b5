import type { Router } from 'express'
import { AppError } from '../../server/errors.ts'
import {
  changeEmailInput,
  changePasswordInput,
  dutyInput,
  emailPrefsInput,
  passwordResetConfirmInput,
  passwordResetInput,
} from '../../server/http/schemas/mail.ts'
import { sha256 } from '../../server/auth/tokens.ts'
import { formError, requireSignIn, soft, str, list, type WebKit } from './kit.ts'
import { confirmLinkPage, emailSettingsPage, forgotPasswordPage, messagePage, resetPasswordPage, type EmailSettingsView } from '../views/mail.ts'

const TOPIC_WORDS = {
  replies: 'reply e-mails',
  check_ins: 'e-mails about moderators’ messages',
  digest: 'summary e-mails',
  alerts: 'urgent alert e-mails (you are now off duty)',
} as const

/** Password reset, address confirmation, one-click unsubscribe, and the e-mail and account settings page. */
export function mountMailPages(r: Router, { services, limits, pageCtx, send, setFlash }: WebKit) {
  const { accountMail, duty } = services

  r.get('/forgot-password', async (req, res) => {
    send(res, 200, forgotPasswordPage(await pageCtx(req, res), {}))
  })
  r.post('/forgot-password', soft(limits.passwordReset), async (req, res) => {
    const values = { email: str(req.body?.email) }
    try {
      if (res.locals.limited) throw res.locals.limited
      await accountMail.requestPasswordReset(passwordResetInput.parse(values).email)
      send(
        res,
        200,
        messagePage(
          await pageCtx(req, res),
          'Check your e-mail',
          'If an account has this address, a link to reset its password is on its way. It works for 30 minutes.',
          { href: '/login', label: 'Back to log in' },
        ),
      )
    } catch (e) {
      const f = formError(e)
      send(res, f.status, forgotPasswordPage(await pageCtx(req, res), values, f.err))
    }
  })

  r.get('/reset/:token', async (req, res) => {
    const token = String(req.params.token)
    if (!(await accountMail.resetTokenValid(token))) {
      return send(
        res,
        400,
        messagePage(await pageCtx(req, res), 'This link has expired', 'Reset links work once, for 30 minutes. Ask for a new one.', {
          href: '/forgot-password',
          label: 'Ask for a new link',
        }),
      )
    }
    send(res, 200, resetPasswordPage(await pageCtx(req, res), token))
  })
  r.post('/reset/:token', soft(limits.passwordReset), async (req, res) => {
    const token = String(req.params.token)
    try {
      if (res.locals.limited) throw res.locals.limited
      const input = passwordResetConfirmInput.parse({ token, password: str(req.body?.password) })
      await accountMail.confirmPasswordReset(input.token, input.password)
      setFlash(res, 'password_reset')
      res.redirect(303, '/login')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, resetPasswordPage(await pageCtx(req, res), token, f.err))
    }
  })

  r.get('/verify-email/:token', async (req, res) => {
    send(
      res,
      200,
      confirmLinkPage(await pageCtx(req, res), {
        title: 'Confirm your e-mail address',
        text: 'Press the button to confirm that this address is yours.',
        action: `/verify-email/${String(req.params.token)}`,
        button: 'Confirm address',
      }),
    )
  })
  r.post('/verify-email/:token', soft(limits.login), async (req, res) => {
    try {
      if (res.locals.limited) throw res.locals.limited
      await accountMail.confirmEmail(String(req.params.token))
      send(
        res,
        200,
        messagePage(await pageCtx(req, res), 'Address confirmed', 'Thank you: this address is confirmed.', {
          href: '/settings/email',
          label: 'E-mail settings',
        }),
      )
    } catch (e) {
      const f = formError(e)
      send(res, f.status, messagePage(await pageCtx(req, res), 'This link has expired', f.err.message, { href: '/settings/email', label: 'E-mail settings' }))
    }
  })

  // RFC 8058: a mail client POSTs here with no cookie and no form token; the token in the path is the whole authority.
  r.get('/unsubscribe/:token', async (req, res) => {
    const topic = await accountMail.unsubscribeTopic(String(req.params.token))
    if (!topic)
      return send(
        res,
        404,
        messagePage(
          await pageCtx(req, res),
          'Link not recognised',
          'This unsubscribe link is not known. You can change what we send on the e-mail settings page.',
          { href: '/settings/email', label: 'E-mail settings' },
        ),
      )
    send(
      res,
      200,
      confirmLinkPage(await pageCtx(req, res), {
        title: 'Stop these e-mails',
        text: `Press the button to stop ${TOPIC_WORDS[topic]}. No sign-in needed.`,
        action: `/unsubscribe/${String(req.params.token)}`,
        button: 'Unsubscribe',
        oneClick: true,
      }),
    )
  })
  r.post('/unsubscribe/:token', async (req, res) => {
    try {
      const { topic } = await accountMail.unsubscribe(String(req.params.token))
      send(
        res,
        200,
        messagePage(await pageCtx(req, res), 'Unsubscribed', `You will get no more ${TOPIC_WORDS[topic]}. You can turn them back on in your e-mail settings.`, {
          href: '/settings/email',
          label: 'E-mail settings',
        }),
      )
    } catch (e) {
      const f = formError(e)
      send(res, f.status, messagePage(await pageCtx(req, res), 'Link not recognised', f.err.message))
    }
  })

  async function settingsView(req: Parameters<Parameters<Router['get']>[1]>[0]): Promise<EmailSettingsView> {
    const status = await accountMail.emailStatus(req.ctx)
    let d
    try {
      d = await duty.get(req.ctx)
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 403) throw e
    }
    return { ...status, duty: d }
  }
  async function rerender(
    req: Parameters<Parameters<Router['get']>[1]>[0],
    res: Parameters<Parameters<Router['get']>[1]>[1],
    e: unknown,
    values: Record<string, string> = {},
  ) {
    const f = formError(e)
    send(res, f.status, emailSettingsPage(await pageCtx(req, res), await settingsView(req), f.err, values))
  }

  r.get('/settings/email', requireSignIn, async (req, res) => {
    send(res, 200, emailSettingsPage(await pageCtx(req, res), await settingsView(req)))
  })
  r.post('/settings/email/address', requireSignIn, soft(limits.passwordReset), async (req, res) => {
    const values = { email: str(req.body?.email) }
    try {
      if (res.locals.limited) throw res.locals.limited
      await accountMail.changeEmail(req.ctx, changeEmailInput.parse({ email: values.email, currentPassword: str(req.body?.currentPassword) }))
      setFlash(res, 'email_link_sent')
      res.redirect(303, '/settings/email')
    } catch (e) {
      await rerender(req, res, e, values)
    }
  })
  r.post('/settings/email/verify', requireSignIn, soft(limits.passwordReset), async (req, res) => {
    try {
      if (res.locals.limited) throw res.locals.limited
      await accountMail.requestVerification(req.ctx)
      setFlash(res, 'email_link_sent')
      res.redirect(303, '/settings/email')
    } catch (e) {
      await rerender(req, res, e)
    }
  })
  r.post('/settings/email/preferences', requireSignIn, async (req, res) => {
    // The ticked boxes come back on an error page too: "nothing you typed has been lost".
    const values = {
      quietStart: str(req.body?.quietStart).trim(),
      quietEnd: str(req.body?.quietEnd).trim(),
      quietZone: str(req.body?.quietZone).trim(),
      replies: str(req.body?.replies),
      checkIns: str(req.body?.checkIns),
      digest: str(req.body?.digest),
    }
    try {
      const quiet =
        values.quietStart || values.quietEnd || values.quietZone
          ? { start: values.quietStart, end: values.quietEnd, timeZone: values.quietZone || 'UTC' }
          : null
      const prefs = emailPrefsInput.safeParse({
        replies: str(req.body?.replies) === 'on',
        checkIns: str(req.body?.checkIns) === 'on',
        digest: str(req.body?.digest) || 'off',
        quietHours: quiet,
      })
      if (!prefs.success)
        throw new AppError(400, 'invalid_input', 'Check the quiet hours: use HH:MM and a time zone such as Europe/London.', {
          quietHours: 'need HH:MM times and a time zone',
        })
      await accountMail.setPreferences(req.ctx, prefs.data)
      setFlash(res, 'mail_prefs_saved')
      res.redirect(303, '/settings/email')
    } catch (e) {
      await rerender(req, res, e, values)
    }
  })
  r.post('/settings/password', requireSignIn, soft(limits.login), async (req, res) => {
    try {
      if (res.locals.limited) throw res.locals.limited
      const input = changePasswordInput.parse({ currentPassword: str(req.body?.currentPassword), newPassword: str(req.body?.newPassword) })
      await accountMail.changePassword(req.ctx, req.sessionToken ? sha256(req.sessionToken) : undefined, input)
      setFlash(res, 'password_changed')
      res.redirect(303, '/settings/email')
    } catch (e) {
      await rerender(req, res, e)
    }
  })
  r.post('/settings/duty', requireSignIn, async (req, res) => {
    const values = {
      alertEmail: str(req.body?.alertEmail),
      rotaStart: str(req.body?.rotaStart).trim(),
      rotaEnd: str(req.body?.rotaEnd).trim(),
      rotaZone: str(req.body?.rotaZone).trim(),
      onDuty: str(req.body?.onDuty),
      rotaDays: list(req.body?.rotaDays).join(','),
    }
    try {
      const days = list(req.body?.rotaDays)
      const rota = days.length > 0 ? { timeZone: values.rotaZone || 'UTC', slots: [{ days, start: values.rotaStart, end: values.rotaEnd }] } : null
      const parsed = dutyInput.safeParse({ onDuty: str(req.body?.onDuty) === 'on', alertEmail: values.alertEmail, rota })
      if (!parsed.success) {
        const where: Record<string, string> =
          parsed.error.issues[0]?.path[0] === 'alertEmail'
            ? { alertEmail: 'must be an email address, or leave it empty' }
            : { rota: 'needs HH:MM times and a time zone such as Europe/London' }
        throw new AppError(400, 'invalid_input', 'Check the duty form.', where)
      }
      await duty.set(req.ctx, parsed.data)
      setFlash(res, 'duty_saved')
      res.redirect(303, '/settings/email')
    } catch (e) {
      await rerender(req, res, e, values)
    }
  })
}
