import { z } from 'zod'
import { bodyField, idParam, titleField, warningsField } from './common.ts'

export const membershipInput = z.object({
  acceptedGuidelinesVersion: z.coerce.number({ message: 'is required' }).int().positive('must be the guidelines version you accepted'),
})

export const newThreadInput = z.object({
  title: titleField,
  body: bodyField,
  contentWarnings: warningsField.optional(),
  askForCheckIn: z.boolean().optional(),
})

export const replyInput = z.object({
  body: bodyField,
  replyToId: idParam.optional(),
  contentWarnings: warningsField.optional(),
  askForCheckIn: z.boolean().optional(),
})

export const editPostInput = z.object({
  body: bodyField,
  contentWarnings: warningsField.optional(),
  /** The revision the edit was made from: if the post has moved on since, 409 edit_conflict. */
  baseRevision: z.number().int().min(1).optional(),
})

export const markReadInput = z.object({
  ids: z.array(idParam).max(500).optional(),
})
