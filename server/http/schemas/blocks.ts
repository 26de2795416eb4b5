import { z } from 'zod'

/** A member's handle in a path (the shape registration allows). */
export const handleParam = z.string().regex(/^[A-Za-z0-9_-]{3,30}$/, 'must be a member handle (3 to 30 letters, digits, _ or -)')
