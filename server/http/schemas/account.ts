import { z } from 'zod'
import { IDLE_TIMEOUTS, PROFILE_VISIBILITIES } from '../../services/sessions.ts'

export const deleteAccountInput = z.object({
  password: z.string({ message: 'is required' }).min(1, 'is required').max(1000),
  mode: z.enum(['erase', 'keep'], { message: 'choose what happens to your posts' }),
})

export const sessionIdParam = z.string().regex(/^[0-9a-f]{24}$/, 'is not a session id')

export const accountSettingsInput = z
  .object({
    idleTimeoutMinutes: z
      .union([z.null(), z.number().int()])
      .refine((v) => v === null || (IDLE_TIMEOUTS as readonly number[]).includes(v), `must be null or one of ${IDLE_TIMEOUTS.join(', ')}`)
      .optional(),
    profileVisibility: z.enum(PROFILE_VISIBILITIES).optional(),
  })
  .strict()

export const searchIndexingInput = z.object({ indexable: z.boolean({ message: 'must be true or false' }) }).strict()
