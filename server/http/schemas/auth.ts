import { z } from 'zod'

export const handleField = z
  .string({ message: 'is required' })
  .min(3, 'must be 3 to 30 characters')
  .max(30, 'must be 3 to 30 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, _ and -')

export const registerInput = z.object({
  handle: handleField,
  password: z.string({ message: 'is required' }).min(10, 'must be at least 10 characters').max(1000, 'must be at most 1,000 characters'),
  // Blank (spaces included) means no email: the form field left empty, as the message says.
  email: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(254).email('must be an email address, or leave it empty').optional(),
  ),
})

export const loginInput = z.object({
  handle: z.string({ message: 'is required' }).min(1, 'is required').max(100),
  password: z.string({ message: 'is required' }).min(1, 'is required').max(1000),
})
