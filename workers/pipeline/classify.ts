import { defaultSafetySettings, type CrisisLevel, type SafetySettings, type WarningCategory } from './types.ts'
import { scan, type ScanOptions } from './scan.ts'

export interface ClassifyRecord {
  id: string
  text: string
  community: string
  author?: { accountAgeDays: number; postCount: number }
}

export interface Classification {
  id: string
  crisis: CrisisLevel
  warnings: WarningCategory[]
  spam: boolean
  contact: boolean
}

/**
 * The contract of `npx alongside safety classify`: one record in, one line out, through
 * exactly the scan() the workers run. The default settings enable every warning category,
 * which is what evaluation expects whatever the record's community.
 */
export function classify(record: ClassifyRecord, settings: SafetySettings = defaultSafetySettings(), opts: ScanOptions = {}): Classification {
  const verdict = scan({ text: record.text, settings, ...(record.author ? { author: record.author } : {}) }, opts)
  return {
    id: record.id,
    crisis: verdict.crisis.level,
    warnings: verdict.warnings,
    spam: verdict.spam.isSpam,
    contact: verdict.contact.found,
  }
}
