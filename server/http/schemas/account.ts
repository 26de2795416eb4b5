import { z } from 'zod'

export const deleteAccountInput = z.object({
  password: z.string({ message: 'is required' }).min(1, 'is required').max(1000),
  mode: z.enum(['erase', 'keep'], { message: 'choose what happens to your posts' }),
})
