import { z } from 'zod'
import { WARNING_CATEGORIES } from './pipeline/types.ts'

/** Queue names: one per stage. Tests pass their own prefix, never their own names. */
export const SCAN_QUEUE = 'safety-scan'
export const VERDICT_QUEUE = 'safety-verdict'

// BullMQ job ids: no ':' (Redis key separator) and never all digits.
export const scanJobId = (postId: number, revision: number, attempt = 1) =>
  attempt <= 1 ? `post-${postId}-r${revision}` : `post-${postId}-r${revision}-resend${attempt}`

const warning = z.enum(WARNING_CATEGORIES)

export const watchedWordSchema = z.object({
  id: z.number().int(),
  phrase: z.string(),
  wholeWord: z.boolean(),
  regex: z.boolean(),
  action: z.enum(['flag', 'hold', 'warn', 'block']),
  category: warning.optional(),
  message: z.string().optional(),
})

/** Everything a detector needs: workers never open the database. */
export const scanJobSchema = z.object({
  postId: z.number().int().positive(),
  revision: z.number().int().positive(),
  communityId: z.number().int().positive(),
  text: z.string(),
  settings: z.object({
    warningCategories: z.array(warning),
    spamHoldThreshold: z.number().min(0).max(1),
    linksMinAccountDays: z.number().int().min(0),
    watchedWords: z.array(watchedWordSchema),
  }),
  author: z.object({
    accountAgeDays: z.number().min(0),
    postCount: z.number().int().min(0),
    recentTexts: z.array(z.string()).optional(),
  }),
  enqueuedAt: z.number(),
})
export type ScanJob = z.infer<typeof scanJobSchema>

const evidence = z.object({ phrase: z.string(), start: z.number(), end: z.number(), reason: z.string() })

export const verdictSchema = z.object({
  crisis: z.object({ level: z.enum(['none', 'concern', 'urgent']), evidence: z.array(evidence) }),
  warnings: z.array(warning),
  spam: z.object({ score: z.number(), isSpam: z.boolean(), hold: z.boolean(), reasons: z.array(z.string()) }),
  contact: z.object({ found: z.boolean(), findings: z.array(z.object({ kind: z.enum(['phone', 'email', 'handle', 'address', 'request']), evidence })) }),
  rules: z.array(
    z.object({ wordId: z.number(), action: z.enum(['flag', 'hold', 'warn', 'block']), category: warning.optional(), message: z.string().optional(), evidence }),
  ),
  linksBlocked: z.boolean(),
  failed: z.array(z.object({ stage: z.enum(['normalise', 'crisis', 'warnings', 'spam', 'contact', 'rules', 'model']), message: z.string() })).optional(),
})

export const verdictJobSchema = z.object({
  postId: z.number().int().positive(),
  revision: z.number().int().positive(),
  verdict: verdictSchema,
  enqueuedAt: z.number(),
  scannedAt: z.number(),
})
export type VerdictJob = z.infer<typeof verdictJobSchema>
