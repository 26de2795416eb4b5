import { readFileSync } from 'node:fs'
import path from 'node:path'
import { loadSafetyModels, type SafetyModelFile, type SafetyModels } from './linear/stack.ts'

/** The file a model folder holds (what `alongside safety train` writes). */
export const MODEL_FILE = 'linear.json'

/**
 * A deployment's own models (SAFETY_MODEL_DIR), built by `alongside safety train` from its
 * moderators' decisions. Read once at start-up; a missing or malformed folder is an error there,
 * never a silent fall back to other models.
 */
export function loadModelDir(dir: string): SafetyModels {
  const file = path.join(dir, MODEL_FILE)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`SAFETY_MODEL_DIR: cannot read ${file}: ${(err as Error).message}`)
  }
  try {
    return loadSafetyModels(json as SafetyModelFile)
  } catch (err) {
    throw new Error(`SAFETY_MODEL_DIR: ${file} is not a safety model folder: ${(err as Error).message}`)
  }
}
