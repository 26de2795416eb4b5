// The work a task thread does (server/offload/task-thread.ts): pure functions of their input,
// so tests can call them directly and the thread only adds the budget.
import { renderMarkdown } from '../render/markdown.ts'
import { checkRegexSafety, detectWatchedWords, type RegexCheck } from '../../workers/pipeline/detectors/watched-words.ts'
import { normalise } from '../../workers/pipeline/normalise.ts'
import type { RuleHit, WatchedWord } from '../../workers/pipeline/types.ts'

export interface PatternSpec {
  pattern: string
  wholeWord: boolean
}
export interface DryRunPost {
  id: number
  threadId: number
  text: string
}
export interface DryRunResult {
  matched: number
  examples: { postId: number; threadId: number; excerpt: string; match: string }[]
}

export const tasks = {
  render: (source: string): string => renderMarkdown(source),
  /** The pattern's own check, and the program size of the community's other (runnable) patterns. */
  vetPattern: (input: { pattern: PatternSpec; others: PatternSpec[] }): { check: RegexCheck; othersSize: number } => {
    let othersSize = 0
    for (const o of input.others) {
      const c = checkRegexSafety(o.pattern, o.wholeWord)
      if (c.ok) othersSize += c.size
    }
    return { check: checkRegexSafety(input.pattern.pattern, input.pattern.wholeWord), othersSize }
  },
  /** The first watched word found in any of the texts, in the order given. */
  firstHit: (input: { texts: string[]; words: WatchedWord[] }): RuleHit | null => {
    for (const text of input.texts) {
      const hit = detectWatchedWords(normalise(text), input.words)[0]
      if (hit) return hit
    }
    return null
  },
  dryRun: (input: { posts: DryRunPost[]; word: WatchedWord }): DryRunResult => {
    const examples: DryRunResult['examples'] = []
    let matched = 0
    for (const p of input.posts) {
      const hit = detectWatchedWords(normalise(p.text), [input.word])[0]
      if (!hit) continue
      matched++
      if (examples.length < 5) {
        const start = Math.max(0, hit.evidence.start - 60)
        const end = hit.evidence.end + 60
        const excerpt = (start > 0 ? '…' : '') + p.text.slice(start, end) + (end < p.text.length ? '…' : '')
        examples.push({ postId: p.id, threadId: p.threadId, excerpt, match: hit.evidence.phrase })
      }
    }
    return { matched, examples }
  },
}

export type Tasks = typeof tasks
export type TaskName = keyof Tasks
export type TaskInput<T extends TaskName> = Parameters<Tasks[T]>[0]
export type TaskOutput<T extends TaskName> = ReturnType<Tasks[T]>
