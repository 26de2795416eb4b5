import path from 'node:path'
import { fileURLToPath } from 'node:url'
import compression from 'compression'
import cookieParser from 'cookie-parser'
import express, { type Express, type RequestHandler, type Router } from 'express'
import helmet from 'helmet'
import type { Config } from './config.ts'
import { AppError } from './errors.ts'
import type { Logger } from './logger.ts'
import { compressSentBodies } from './http/middleware/compress.ts'
import { csrfProtection } from './http/middleware/csrf.ts'
import { errorHandler, type HtmlErrorRenderer } from './http/middleware/error-handler.ts'
import { createRateLimits, type LimitStores, type RateLimits } from './http/middleware/rate-limit.ts'
import { requestContext } from './http/middleware/request-context.ts'
import { refuseNul } from './http/middleware/no-nul.ts'
import { apiRouter } from './http/routes/api.ts'
import './http/types.ts'
import type { Services } from './services/index.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
export const STATIC_DIR = path.resolve(here, '../web/static')

export interface AppDeps {
  config: Config
  logger: Logger
  services: Services
  /** Extra API routers mounted under /api/v1 (moderation, leads…). */
  apiRouters?: ((limits: RateLimits) => Router)[]
  /** The server-rendered pages, mounted at /. */
  web?: { router: (limits: RateLimits) => Router; renderError: HtmlErrorRenderer }
  /** With Redis: the rate limits count there, shared by every server process (else in memory). */
  limitStores?: LimitStores
}

/**
 * Helmet's headers are the same on every response (no nonces, no per-request directives), so they
 * are taken from helmet itself once and set in one step, instead of through its dozen chained
 * middlewares on every request. A per-request directive (a CSP nonce) would need helmet back on
 * every request.
 */
export function fixedHeaders(helmetMiddleware: RequestHandler): RequestHandler {
  const headers: [string, string][] = []
  const removed: string[] = []
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  }
  let called = false
  helmetMiddleware({} as never, recorder as never, () => {
    called = true
  })
  if (!called) throw new Error('helmet did not finish synchronously: its headers cannot be fixed once')
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value)
    for (const name of removed) res.removeHeader(name)
    next()
  }
}

/**
 * Runs a body parser only on a request that has a body (as type-is decides: a length or a
 * transfer encoding). The parsers do nothing for the others, but running them on every GET still
 * cost about a tenth of a cached page: they give each request a new `body` property first.
 */
function withBody(parser: RequestHandler): RequestHandler {
  return (req, res, next) => (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined ? parser(req, res, next) : next())
}

/**
 * TRUST_PROXY as Express takes it: true/false, a hop count (a number, not the string "1", which
 * Express would read as an address and so trust no proxy at all), or addresses and subnets.
 */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true
  if (value === 'false') return false
  return /^\d+$/.test(value) ? Number(value) : value
}

export function createApp(deps: AppDeps): Express {
  const { config, logger, services } = deps
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxySetting(config.trustProxy))
  app.set('query parser', 'simple')
  // No ETag on dynamic responses: pages are per member and marked no-store, and hashing every body
  // cost more than any revalidation would save. Static files keep theirs (express.static).
  app.set('etag', false)

  app.use(
    fixedHeaders(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'none'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            imgSrc: ["'self'"],
            fontSrc: ["'self'"],
            connectSrc: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            baseUri: ["'none'"],
            objectSrc: ["'none'"],
            manifestSrc: ["'self'"],
          },
        },
        crossOriginEmbedderPolicy: false,
        strictTransportSecurity: config.cookieSecure,
        referrerPolicy: { policy: 'same-origin' },
      }),
    ),
  )
  // Pages and JSON are gzipped whole at res.send (middleware/compress.ts); static files, which are
  // streamed, through the compression middleware. Level 1: nearly the size of the default on JSON
  // and HTML, at a fraction of the CPU (gzip was about 40% of a thread page's cost at level 6).
  compressSentBodies(app)
  app.use('/static', compression({ level: 1 }), express.static(STATIC_DIR, { maxAge: config.env === 'production' ? '7d' : 0, index: false }))
  // Every answer from here on may depend on who asks: a page or JSON shaped by the session, or an
  // answer a guest gets that a member would not. None may be kept by a browser or a proxy (a
  // private check-in read back from the cache after sign-out), so none is stored; a route that
  // serves something truly public may say otherwise.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store')
    next()
  })
  app.use(cookieParser())
  app.use(withBody(express.json({ limit: '100kb' })))
  app.use(withBody(express.urlencoded({ extended: false, limit: '100kb' })))
  app.use(refuseNul())
  app.use(requestContext(services.auth))
  app.use(csrfProtection(config.sessionSecret, config.cookieSecure))

  const limits = createRateLimits(config, deps.limitStores)
  const api = apiRouter(services, config, limits)
  for (const extra of deps.apiRouters ?? []) api.use(extra(limits))
  api.use((_req, _res, next) => next(new AppError(404, 'not_found', 'There is no such API endpoint. See /api/v1/openapi.json.')))
  app.use('/api/v1', api)
  app.use('/api', (_req, _res, next) => next(new AppError(404, 'not_found', 'There is no such API endpoint. See /api/v1/openapi.json.')))

  if (deps.web) app.use(deps.web.router(limits))
  app.use((_req, _res, next) => next(new AppError(404, 'not_found', 'There is no page at this address.')))
  app.use(errorHandler(logger, deps.web?.renderError))
  return app
}
