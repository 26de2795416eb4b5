import { AppError } from '../errors.ts'

// Cursors are opaque to clients: base64url JSON, validated on the way back in.
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** A cursor guard: an object whose `keys` all hold whole numbers. */
export const hasInts = <K extends string>(v: unknown, ...keys: K[]): v is Record<K, number> =>
  typeof v === 'object' && v !== null && keys.every((k) => isInt((v as Record<string, unknown>)[k]))

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined || cursor === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (!check(value)) {
    throw new AppError(400, 'invalid_cursor', 'The page cursor is not valid. Start again from the first page.', { cursor: 'not a cursor this server issued' })
  }
  return value
}

export const isInt = (v: unknown): v is number => Number.isSafeInteger(v)
