import { z } from 'zod'

export const handleField = z
  .string({ message: 'is required' })
  .min(3, 'must be 3 to 30 characters')
  .max(30, 'must be 3 to 30 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, _ and -')

export const registerInput = z.object({
  handle: handleField,
  password: z.string({ message: 'is required' }).min(10, 'must be at least 10 characters').max(1000, 'must be at most 1,000 characters'),
  email: z
    .string()
    .trim()
    .max(254)
    .email('must be an email address, or leave it empty')
    .optional()
    .or(z.literal('').transform(() => undefined)),
})

export const loginInput = z.object({
  handle: z.string({ message: 'is required' }).min(1, 'is required').max(100),
  password: z.string({ message: 'is required' }).min(1, 'is required').max(1000),
})
