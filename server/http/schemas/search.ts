import { z } from 'zod'
import { MAX_QUERY_CHARS } from '../../services/search-query.ts'

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'must be a real date' })
// A form left blank sends "": the same as not sent.
const blankIsUnset = (v: unknown) => (v === '' ? undefined : v)

/** GET /search and GET /api/v1/search. Bounded: a query of 200 characters, pages of at most 50. */
export const searchQuery = z.object({
  q: z
    .string({ message: 'is required' })
    .max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`)
    .refine((s) => s.trim().length > 0, { message: 'cannot be blank' }),
  community: z.preprocess(blankIsUnset, z.string().max(64, 'must be at most 64 characters').optional()),
  author: z.preprocess(blankIsUnset, z.string().max(64, 'must be at most 64 characters').optional()),
  thread: z.preprocess(blankIsUnset, z.coerce.number().int('must be a whole number').positive('must be positive').max(Number.MAX_SAFE_INTEGER).optional()),
  from: z.preprocess(blankIsUnset, day.optional()),
  to: z.preprocess(blankIsUnset, day.optional()),
  cursor: z.preprocess(blankIsUnset, z.string().max(500).optional()),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
})
export type SearchQuery = z.infer<typeof searchQuery>

/** GET /api/v1/moderation/search: reports or audit entries, by handle, rule or words. */
export const staffSearchQuery = z.object({
  q: z
    .string({ message: 'is required' })
    .max(100, 'must be at most 100 characters')
    .refine((s) => s.trim().length > 0, { message: 'cannot be blank' }),
  kind: z.enum(['reports', 'audit'], { message: 'must be reports or audit' }).default('reports'),
  community: z.preprocess(blankIsUnset, z.string().max(64, 'must be at most 64 characters').optional()),
  cursor: z.preprocess(blankIsUnset, z.string().max(500).optional()),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
})
