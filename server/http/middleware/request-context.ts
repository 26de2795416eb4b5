import type { NextFunction, Request, Response } from 'express'
import { randomToken } from '../../auth/tokens.ts'
import type { AuthService } from '../../services/auth.ts'

export const SESSION_COOKIE = 'alongside_session'

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/
// Request ids only need to be unique in the logs, not secret: a per-process random prefix and a
// counter, instead of fresh random bytes for every request.
const ID_PREFIX = randomToken(6)
let idCounter = 0

/** Request id, API-or-page, and the signed-in member (if any) for every request. */
export function requestContext(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : `${ID_PREFIX}-${(++idCounter).toString(36)}`
    res.setHeader('X-Request-Id', requestId)
    req.isApi = req.path.startsWith('/api/')
    req.ctx = { requestId }
    const token = req.cookies?.[SESSION_COOKIE]
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      try {
        const session = await auth.resolveSession(token)
        if (session) {
          req.ctx.actor = session.actor
          req.sessionCsrf = session.csrfToken
          req.sessionToken = token
        }
      } catch (err) {
        next(err)
        return
      }
    }
    next()
  }
}
