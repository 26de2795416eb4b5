import { z } from 'zod'
import { emailPrefsSchema } from '../../mail/preferences.ts'
import { rotaSchema } from '../../mail/rota.ts'

const email = z.string({ message: 'is required' }).trim().max(254).email('must be an email address')
const newPassword = z.string({ message: 'is required' }).min(10, 'must be at least 10 characters').max(1000, 'must be at most 1,000 characters')
const token = z.string({ message: 'is required' }).min(10, 'is not a valid link').max(200, 'is not a valid link')

// Any non-empty text gets the same answer (whether an account has it is not told); an empty field is a mistake to point out.
export const passwordResetInput = z.object({ email: z.string({ message: 'is required' }).trim().min(1, 'is required').max(254) })
export const passwordResetConfirmInput = z.object({ token, password: newPassword })
export const verifyEmailInput = z.object({ token })
export const changePasswordInput = z.object({ currentPassword: z.string({ message: 'is required' }).min(1, 'is required').max(1000), newPassword })
export const changeEmailInput = z.object({ email, currentPassword: z.string({ message: 'is required' }).min(1, 'is required').max(1000) })
export const emailPrefsInput = emailPrefsSchema

export const dutyInput = z.object({
  onDuty: z.boolean({ message: 'must be true or false' }),
  alertEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), email.nullable().optional()),
  rota: rotaSchema.nullable().optional(),
})
