import type { NextFunction, Request, Response } from 'express'
import { ZodError } from 'zod'
import { AppError } from '../../errors.ts'
import type { Logger } from '../../logger.ts'

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> }
}

/** A zod failure as "path: message" pairs a person can act on. */
export function fromZod(err: ZodError): AppError {
  const fields: Record<string, string> = {}
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_'
    fields[key] ??= issue.message
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => (k === '_' ? v : `${k}: ${v}`))
    .join('; ')
  return new AppError(400, 'invalid_input', `Please check what you entered. ${summary}`, fields)
}

export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err
  if (err instanceof ZodError) return fromZod(err)
  const e = err as { type?: string; status?: number; statusCode?: number }
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'invalid_json', 'The request body is not valid JSON.')
  if (e?.type === 'entity.too.large') return new AppError(413, 'too_large', 'That is too long to send in one go. Shorten it and try again.')
  const status = e?.status ?? e?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError(status, 'bad_request', 'The request could not be understood.')
  return undefined
}

export type HtmlErrorRenderer = (req: Request, res: Response, err: AppError) => void

export function errorHandler(logger: Logger, renderHtml?: HtmlErrorRenderer) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let appErr = toAppError(err)
    if (!appErr) {
      logger.error({ err, requestId: req.ctx?.requestId, method: req.method, path: req.route?.path ?? 'unmatched' }, 'unhandled error')
      appErr = new AppError(
        500,
        'internal_error',
        `Something went wrong on our side. Nothing you sent was lost; try again in a moment. (Reference ${req.ctx?.requestId ?? 'unknown'})`,
      )
    }
    if (res.headersSent) return
    if (appErr.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60')
    if (req.isApi || req.originalUrl.startsWith('/api/') || !renderHtml) {
      const body: ErrorBody = { error: { code: appErr.code, message: appErr.message, ...(appErr.fields ? { fields: appErr.fields } : {}) } }
      res.status(appErr.status).json(body)
      return
    }
    renderHtml(req, res, appErr)
  }
}
