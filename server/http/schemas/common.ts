import { z } from 'zod'
import { WARNING_CATEGORIES } from '../../services/community-settings.ts'

export const idParam = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').max(Number.MAX_SAFE_INTEGER)

export const pageQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  cursor: z.string().max(500).optional(),
})

const nonBlank = (s: string) => s.trim().length > 0

export const titleField = z.string({ message: 'is required' }).max(200, 'must be at most 200 characters').refine(nonBlank, { message: 'cannot be blank' })
export const bodyField = z.string({ message: 'is required' }).max(20_000, 'must be at most 20,000 characters').refine(nonBlank, { message: 'cannot be blank' })
export const warningsField = z.array(z.enum(WARNING_CATEGORIES, { message: `must be one of: ${WARNING_CATEGORIES.join(', ')}` })).max(7)
