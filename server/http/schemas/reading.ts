import { z } from 'zod'
import { idParam } from './common.ts'

export const readStateInput = z.object({
  /** The newest post of the thread the member has been shown. */
  lastReadPostId: idParam,
})
