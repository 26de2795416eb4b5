import { z } from 'zod'
import { idParam } from './common.ts'
import { WATCH_LEVELS } from '../../services/watch.ts'

export const readStateInput = z.object({
  /** The newest post of the thread the member has been shown. */
  lastReadPostId: idParam,
})

export const watchInput = z.object({
  level: z.enum(WATCH_LEVELS, { message: `must be one of: ${WATCH_LEVELS.join(', ')}` }),
})

export const communityMuteInput = z.object({
  muted: z.boolean({ message: 'must be true or false' }),
})
