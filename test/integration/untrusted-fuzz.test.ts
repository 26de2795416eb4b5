// Fuzzing the two places where a sender chooses the cost of the work: the Markdown renderer and
// lead-written patterns. Random and adversarial inputs; every one must end within its budget as a
// result or a 4xx for the writer, never another error, and the event loop must never stall.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors.ts'
import { createLogger } from '../../server/logger.ts'
import { createUntrustedWork } from '../../server/offload/index.ts'
import type { WatchedWord } from '../../workers/pipeline/types.ts'

// The bound is 1 s for any other visitor; half of it leaves room for a busy machine, and a
// render or pattern on the event loop (what this guards against) took 12-17 s.
const STALL_LIMIT_MS = 500

const work = createUntrustedWork(createLogger('silent'))
afterAll(() => work.close())

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!

const MD_PIECES = [
  '*',
  '**',
  '_',
  '__',
  '~~',
  '`',
  '```\n',
  '>',
  '> ',
  '- ',
  '1. ',
  '  ',
  '\n',
  '\n\n',
  '[',
  ']',
  '(',
  ')',
  '![',
  '<',
  '&',
  '#',
  '|',
  '\\',
  'a',
  'word ',
  'é',
  '😀',
  'http://x.y/',
  '---\n',
]

function randomMarkdown(r: () => number): string {
  const parts: string[] = []
  const target = Math.floor(r() * 20_000)
  let len = 0
  while (len < target) {
    // Repeat a short motif many times (the shape of every known blow-up), or add random pieces.
    const motif = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, MD_PIECES)).join('')
    const times = r() < 0.3 ? 1 + Math.floor(r() * 3_000) : 1
    const chunk = motif.repeat(Math.min(times, Math.ceil((target - len) / motif.length)))
    parts.push(chunk)
    len += chunk.length
  }
  return parts.join('').slice(0, 20_000)
}

async function measured<T>(f: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  const value = await f()
  h.disable()
  return { value, stallMs: h.max / 1e6 }
}

describe('the Markdown renderer under fuzzing', () => {
  it('answers every input with HTML or a 400 for the writer, and never stalls the event loop', async () => {
    const r = rng(20261205)
    const outcomes = { rendered: 0, refused: 0 }
    let worstStall = 0
    for (let i = 0; i < 150; i++) {
      const source = randomMarkdown(r)
      const { value, stallMs } = await measured(() =>
        work.render(source).then(
          (html) => ({ ok: true as const, html }),
          (err: unknown) => ({ ok: false as const, err }),
        ),
      )
      worstStall = Math.max(worstStall, stallMs)
      if (value.ok) {
        outcomes.rendered++
        expect(value.html).not.toMatch(/<script|<img|onerror=/i)
      } else {
        outcomes.refused++
        expect(value.err, `input #${i}`).toBeInstanceOf(AppError)
        expect((value.err as AppError).status).toBe(400)
      }
    }
    expect(outcomes.rendered).toBeGreaterThan(0)
    expect(worstStall).toBeLessThan(STALL_LIMIT_MS)
  }, 120_000)
})

const RE_PIECES = ['a', 'b', '.', '*', '+', '?', '{0,9}', '{1,50}', '{2,}', '(', ')', '(?:', '|', '[a-z]', '[^x]', '\\s', '\\w', '\\d', '^', '$', '\\b', 'é']

describe('watched-word patterns under fuzzing', () => {
  it('vets every pattern with an answer, and runs every accepted one over adversarial posts without stalling the event loop', async () => {
    const r = rng(1205)
    const posts = ['a'.repeat(20_000), 'ab '.repeat(6_000), 'aaaa1 '.repeat(3_000), 'é'.repeat(20_000)]
    let accepted = 0
    let worstStall = 0
    for (let i = 0; i < 80; i++) {
      const pattern = Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(r, RE_PIECES)).join('')
      const { value: vetted, stallMs } = await measured(() =>
        work.vetPattern({ pattern, wholeWord: r() < 0.5 }, []).then(
          () => true,
          (err: unknown) => {
            expect(err, pattern).toBeInstanceOf(AppError)
            expect((err as AppError).status, pattern).toBe(400)
            return false
          },
        ),
      )
      worstStall = Math.max(worstStall, stallMs)
      if (!vetted) continue
      accepted++
      const word: WatchedWord = { id: i, phrase: pattern, wholeWord: false, regex: true, action: 'block', message: 'no' }
      const { value: hit, stallMs: matchStall } = await measured(() => work.firstHit([pick(r, posts)], [word]))
      worstStall = Math.max(worstStall, matchStall)
      // A hit, no hit, or a check that did not finish (which the write path holds for a moderator).
      expect(hit === null || hit === 'unchecked' || typeof hit.evidence.start === 'number').toBe(true)
    }
    expect(accepted).toBeGreaterThan(10)
    expect(worstStall).toBeLessThan(STALL_LIMIT_MS)
  }, 120_000)
})
