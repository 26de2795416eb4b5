import { z } from 'zod'
import { REPORT_REASONS, RESOLVE_ACTIONS } from '../../services/moderation.ts'
import { idParam, warningsField } from './common.ts'

export const reportInput = z.object({
  // Said to people on the report page: "Reason: choose why you are reporting it" (the API's field names the values).
  reason: z.enum(REPORT_REASONS, { message: `choose why you are reporting it (one of: ${REPORT_REASONS.join(', ')})` }),
  ruleId: idParam.optional(),
  note: z.string().max(1000, 'must be at most 1,000 characters').optional(),
})

export const queueQuery = z.object({
  community: z.string().max(100).optional(),
  reason: z.string().max(50).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const resolveInput = z.object({
  action: z.enum(RESOLVE_ACTIONS, { message: `must be one of: ${RESOLVE_ACTIONS.join(', ')}` }),
  ruleId: idParam.optional(),
  note: z.string().max(1000).optional(),
  warnings: warningsField.optional(),
  until: z.string().max(40).optional(),
  message: z.string().max(5000).optional(),
  sign: z.boolean().optional(),
  /** The item's version as last read: the action is refused (409 item_changed) if it has moved since. */
  version: z.number().int().min(0).optional(),
  /** With approve, hide or remove on an item the pipeline raised: was its flag right, and if not, what was. */
  feedback: z
    .object({
      right: z.boolean(),
      crisis: z.enum(['none', 'concern', 'urgent']).optional(),
      warnings: warningsField.optional(),
      spam: z.boolean().optional(),
      contact: z.boolean().optional(),
    })
    .optional(),
})

export const bulkInput = z.object({
  itemIds: z.array(idParam).min(1, 'choose at least one item').max(100),
  action: z.enum(['approve', 'remove']),
  ruleId: idParam.optional(),
})

export const auditQuery = z.object({
  community: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const checkInReplyInput = z.object({
  body: z
    .string()
    .max(5000)
    .refine((s) => s.trim().length > 0, { message: 'cannot be blank' }),
})

export const suspendInput = z.object({
  until: z.string().max(40).nullable(),
  reason: z.string().min(1, 'is required').max(1000),
})
