import { z } from 'zod'

/**
 * The three measures of a wellbeing check-in (issue #20; sources and scoring in docs/outcomes.md).
 * Pure: the questions, how answers become scores, and which scores the measures' authors flag.
 */

/** WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998), free to use. Over the last two weeks. */
export const WHO5_ITEMS = [
  'I have felt cheerful and in good spirits',
  'I have felt calm and relaxed',
  'I have felt active and vigorous',
  'I woke up feeling fresh and rested',
  'My daily life has been filled with things that interest me',
] as const
export const WHO5_CHOICES = [
  'At no time',
  'Some of the time',
  'Less than half of the time',
  'More than half of the time',
  'Most of the time',
  'All of the time',
] as const

/** The three-item loneliness scale (Hughes, Waite, Hawkley and Cacioppo, 2004). */
export const LONELINESS_ITEMS = [
  'How often do you feel that you lack companionship?',
  'How often do you feel left out?',
  'How often do you feel isolated from others?',
] as const
export const LONELINESS_CHOICES = ['Hardly ever', 'Some of the time', 'Often'] as const

/** One hope question, 0 to 10 (written for Alongside; not a validated scale on its own). */
export const HOPE_QUESTION = 'How hopeful do you feel about your future?'
export const HOPE_ENDS = { low: 'Not at all hopeful', high: 'Completely hopeful' } as const

const answer = (max: number) => z.coerce.number().int().min(0).max(max)
/** The form's answers: who5_1..5 each 0-5, lonely_1..3 each 1-3, hope 0-10. Every question must be answered. */
export const checkInAnswers = z.object({
  who5_1: answer(5),
  who5_2: answer(5),
  who5_3: answer(5),
  who5_4: answer(5),
  who5_5: answer(5),
  lonely_1: z.coerce.number().int().min(1).max(3),
  lonely_2: z.coerce.number().int().min(1).max(3),
  lonely_3: z.coerce.number().int().min(1).max(3),
  hope: answer(10),
})
export type CheckInAnswers = z.infer<typeof checkInAnswers>

export interface Scores {
  /** WHO-5 raw score, 0-25. */
  wellbeing: number
  /** Three-item loneliness score, 3-9 (higher is lonelier). */
  loneliness: number
  /** 0-10. */
  hope: number
}

export function score(a: CheckInAnswers): Scores {
  return {
    wellbeing: a.who5_1 + a.who5_2 + a.who5_3 + a.who5_4 + a.who5_5,
    loneliness: a.lonely_1 + a.lonely_2 + a.lonely_3,
    hope: a.hope,
  }
}

/** The WHO-5 percentage score: raw x 4, 0-100. */
export const who5Percent = (raw: number) => raw * 4

/**
 * How the measures' authors read a score: WHO-5 at or below 50 (percent) is poor wellbeing, and at
 * or below 28 a screen for depression is recommended; loneliness of 6 or more is commonly read as
 * lonely. Only for the member's own page: never stored as a flag, never sent anywhere.
 */
export function reading(s: Scores): { wellbeing: 'ok' | 'low' | 'very_low'; lonely: boolean } {
  const pct = who5Percent(s.wellbeing)
  return { wellbeing: pct <= 28 ? 'very_low' : pct <= 50 ? 'low' : 'ok', lonely: s.loneliness >= 6 }
}

export const INTERVALS = [14, 28] as const
