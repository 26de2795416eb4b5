import { once } from 'node:events'
import readline from 'node:readline'
import { z } from 'zod'
import { classify } from '../../workers/pipeline/classify.ts'

const record = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  community: z.string().default(''),
  author: z.object({ accountAgeDays: z.number().min(0), postCount: z.number().int().min(0) }).optional(),
})

/**
 * `alongside safety classify`: JSON lines in, one verdict line out per input line, in order.
 * A bad line gets an {"id","error"} line in its place (so outputs stay aligned) and a non-zero exit.
 */
export async function classifyStream(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  let bad = 0
  let lineNo = 0
  // Waits when the reader is slower than the detectors: a pipe's buffer is finite, and lines
  // written past it would be lost when the process exits.
  const emit = async (value: unknown) => {
    if (!output.write(JSON.stringify(value) + '\n')) await once(output, 'drain')
  }
  for await (const line of rl) {
    lineNo++
    if (line.trim() === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      bad++
      await emit({ id: null, error: `line ${lineNo}: not valid JSON` })
      continue
    }
    const parsed = record.safeParse(json)
    if (!parsed.success) {
      bad++
      const id = (json as { id?: unknown })?.id ?? null
      await emit({ id, error: `line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'record'} ${i.message}`).join('; ')}` })
      continue
    }
    await emit(classify(parsed.data))
  }
  return bad > 0 ? 1 : 0
}
