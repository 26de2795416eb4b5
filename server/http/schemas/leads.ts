import { z } from 'zod'
import { ROLES } from '../../services/authz.ts'
import { VISIBILITIES, WARNING_CATEGORIES, warningCategory } from '../../services/community-settings.ts'

export const guidelinesInput = z.object({
  markdown: z.string({ message: 'is required' }).min(20, 'must be at least 20 characters').max(50_000, 'must be at most 50,000 characters'),
})

const rule = z.object({
  /** A rule kept from before (GET /rules gives its id): it keeps its id wherever it moves. */
  id: z.number().int().positive().optional(),
  title: z.string({ message: 'is required' }).trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  body: z.string().max(2000, 'must be at most 2,000 characters').default(''),
})
export const rulesInput = z.array(rule).max(30, 'at most 30 rules')

export const settingsPatch = z
  .object({
    warningCategories: z.array(z.enum(WARNING_CATEGORIES, { message: `must be one of: ${WARNING_CATEGORIES.join(', ')}` })),
    spamHoldThreshold: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
    newMemberHoldPosts: z.number().int().min(0).max(100),
    newMemberHoldDays: z.number().int().min(0).max(365),
    linksMinAccountDays: z.number().int().min(0).max(365),
    reportHideThreshold: z.number().int().min(1).max(100),
    crisisEscalationMinutes: z.number().int().min(1).max(1440),
    breakAfterUrgentItems: z.number().int().min(1).max(50),
    visibility: z.enum(VISIBILITIES, { message: `must be one of: ${VISIBILITIES.join(', ')}` }),
  })
  .partial()
  .strict()

export const watchedWordInput = z.object({
  phrase: z.string({ message: 'is required' }).min(1, 'is required').max(200, 'must be at most 200 characters'),
  wholeWord: z.boolean().optional(),
  regex: z.boolean().optional(),
  action: z.enum(['flag', 'hold', 'warn', 'block'], { message: 'must be one of: flag, hold, warn, block' }),
  category: warningCategory.optional(),
  message: z.string().max(500).optional(),
})

export const crisisResourcesInput = z
  .array(
    z.object({
      name: z.string().trim().min(1, 'is required').max(120),
      contact: z.string().trim().min(1, 'is required').max(120),
      url: z
        .string()
        .url('must be a web address starting with https://')
        .max(300)
        .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
        .nullable()
        .optional(),
      region: z.string().trim().min(1, 'is required').max(60),
      hours: z.string().max(60).nullable().optional(),
    }),
  )
  .min(1, 'keep at least one crisis line: members in crisis are shown this list')
  .max(30)

export const roleInput = z.object({ role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }) })
