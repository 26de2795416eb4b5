// One rule for every request, before any route's zod schema reads it: no text may hold the NUL
// character (U+0000). PostgreSQL's text cannot store one (a post holding it failed with a 500
// there), and no one types it: it is refused with a 400 that names the field, on SQLite too, so
// the two databases accept the same input. Other control characters (tabs, bidi marks, zero
// widths) are kept and read back as written, so this one is refused, not silently dropped.
import type { NextFunction, Request, Response } from 'express'
import { AppError } from '../../errors.ts'

export const NUL_MESSAGE = 'cannot contain the NUL character (U+0000)'

/** Limits the walk over a parsed body (bodies are at most 100 kB, so this is never reached in practice). */
const MAX_DEPTH = 20

/** The path of the first string holding U+0000 in a parsed body, query or cookie jar, if any. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key]
    const found = nulPath(v, [...path, key], depth + 1)
    if (found) return found
  }
  return undefined
}

export function refuseNul() {
  return (req: Request, _res: Response, next: NextFunction) => {
    // The address (path and query) arrives percent-encoded: a NUL there is %00.
    const inUrl = /%00/i.test(req.originalUrl)
    const path =
      nulPath(req.body) ??
      (inUrl ? (nulPath(req.query) ?? ['_']) : undefined) ??
      // A cookie is only ever one of ours; one holding NUL is refused rather than looked up.
      (nulPath(req.cookies) ? ['_'] : undefined)
    if (!path) return next()
    const key = path.join('.') || '_'
    const where = key === '_' ? `The request ${NUL_MESSAGE}.` : `${key}: ${NUL_MESSAGE}`
    next(new AppError(400, 'invalid_input', `Please check what you entered. ${where}`, { [key]: NUL_MESSAGE }))
  }
}
