import type { NextFunction, Request, Response } from 'express'
import { hmac, randomToken, safeEqual } from '../../auth/tokens.ts'
import { AppError } from '../../errors.ts'

export const ANON_CSRF_COOKIE = 'alongside_csrf'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

function tokenFrom(req: Request): string | undefined {
  const header = req.get('x-csrf-token')
  if (header) return header
  const field = (req.body as Record<string, unknown> | undefined)?._csrf
  return typeof field === 'string' ? field : undefined
}

/**
 * A request with nothing in it: no transfer encoding and no (or a zero) length. It gives a handler
 * no input an attacker could have chosen.
 */
function hasNoBody(req: Request): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0)
}

/**
 * Signed-out API calls carry no token, yet log in and register set the session cookie. A page on
 * another site can post a form (urlencoded, multipart or text/plain) to them and sign the visitor
 * into an account of its choosing; it cannot send application/json without a CORS preflight, which
 * this server never grants. So a signed-out API state change must be JSON, or carry no body at all.
 */
function signedOutApiRefusal(req: Request): AppError | undefined {
  if (req.is('application/json') || hasNoBody(req)) return undefined
  return new AppError(403, 'csrf_failed', 'API requests must send a JSON body with the header Content-Type: application/json.')
}

/**
 * Every state change made with a session cookie must carry that session's token (synchroniser
 * token). Pages used before sign-in (register, log in) use a signed double-submit cookie instead,
 * so a third-party site cannot log a visitor into an account of its choosing.
 */
export function csrfProtection(secret: string, secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.ctx.actor) {
      let seed = req.cookies?.[ANON_CSRF_COOKIE]
      if (typeof seed !== 'string' || seed.length < 16 || seed.length > 100) {
        seed = randomToken(18)
        if (!req.isApi) res.cookie(ANON_CSRF_COOKIE, seed, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' })
      }
      req.anonCsrf = hmac(secret, seed)
    }
    if (SAFE.has(req.method)) return next()
    // RFC 8058 one-click unsubscribe: the mail client posts with no cookie and no form token. The
    // random token in the path is the only authority the request carries, so a forged post gains nothing.
    if (!req.isApi && req.path.startsWith('/unsubscribe/')) return next()
    const sent = tokenFrom(req)
    const pass = () => {
      req.csrfPassed = true
      next()
    }
    if (req.ctx.actor) {
      if (sent && req.sessionCsrf && safeEqual(sent, req.sessionCsrf)) return pass()
      return next(new AppError(403, 'csrf_failed', 'This request is missing its security token. Reload the page and try again.'))
    }
    if (req.isApi) {
      const refusal = signedOutApiRefusal(req)
      return refusal ? next(refusal) : pass()
    }
    if (sent && req.anonCsrf && safeEqual(sent, req.anonCsrf)) return pass()
    return next(new AppError(403, 'csrf_failed', 'This form has expired. Reload the page and try again.'))
  }
}

/**
 * Whether the words in a failed form may be shown back to whoever sent it. A form whose token
 * passed came from this session's own page. One whose token failed may be an expired page (the
 * member's words must not be lost) or another site's form posting text of its choosing, to be
 * shown on our origin as if we said it: only a browser's own word that the form was sent from one
 * of our pages (Sec-Fetch-Site, else Origin, which no page can forge) tells them apart.
 */
export function typedByThisVisitor(req: Request): boolean {
  if (req.csrfPassed) return true
  const site = req.get('sec-fetch-site')
  if (site !== undefined) return site === 'same-origin'
  const origin = req.get('origin')
  if (!origin || origin === 'null') return false
  try {
    return new URL(origin).host === req.get('host')
  } catch {
    return false
  }
}

export const csrfTokenFor = (req: Request) => req.sessionCsrf ?? req.anonCsrf ?? ''
