import type { Ctx } from '../services/context.ts'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      ctx: Ctx
      /** The session's CSRF token, when signed in. */
      sessionCsrf?: string
      sessionToken?: string
      /** The anonymous double-submit token for forms used before sign-in. */
      anonCsrf?: string
      /** Set once the request's CSRF token (or, signed out, its lack of a body an attacker chose) has passed. */
      csrfPassed?: boolean
      isApi: boolean
    }
  }
}

export {}
