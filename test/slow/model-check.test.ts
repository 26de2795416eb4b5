// The slow tier: each check retrains a committed model from the repo's data (20-40 s each) and
// fails if the committed JSON differs. Run by `npm run test:all` and `npm run test:slow`.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const check = (script: string) => execFileSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, '--check'], { cwd: root, encoding: 'utf8' })

describe('the committed models are the ones the training scripts make from the repo data', () => {
  it('crisis (flag and urgency)', () => {
    expect(check('train-crisis-model.ts')).toContain('up to date')
  }, 120_000)

  it('spam', () => {
    expect(check('train-spam-model.ts')).toContain('up to date')
  }, 120_000)

  it('content warnings', () => {
    expect(check('train-warnings-model.ts')).toContain('up to date')
  }, 120_000)

  it('the linear stage (crisis, warnings, spam, contact)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tools/train-safety.ts', '--check'], { cwd: root, encoding: 'utf8' })
    expect(out).toContain('up to date')
  }, 300_000)
})
