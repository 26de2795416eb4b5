import unhomoglyph from 'unhomoglyph'
import { HOMOGLYPHS } from '../../workers/pipeline/lexicons/homoglyphs.ts'

/**
 * What a handle looks like, for telling look-alikes apart: `Iead1` and `lead1`, `B0B` and `bob`, a
 * Cyrillic `а` and a Latin `a`, `lead-1` and `lead_1` all have one skeleton. Unicode's confusables
 * (the unhomoglyph table) are applied to the handle as typed, since case is part of the look (a
 * capital I looks like a small l, a small i does not), then again once lower-cased; separators go.
 *
 * Stored as user.handle_skeleton (migration 0012 filled it for accounts that existed before, with
 * the same steps: change one, change both and add a migration that fills the column again).
 */
export function handleSkeleton(handle: string): string {
  const folded = unhomoglyph(handle.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, ''))
  return unhomoglyph(folded.toLowerCase()).replace(/[\s_.-]+/g, '')
}

/** Words that pass for staff or the site, alone or glued together ("alongside-team", "mod_team", "lead1"). */
const RESERVED = [
  'alongside',
  'admin',
  'admins',
  'administrator',
  'moderator',
  'moderators',
  'mod',
  'mods',
  'staff',
  'lead',
  'leads',
  'support',
  'team',
  'official',
  'deleted',
  'unknown',
  'formermember',
  'system',
  'sysop',
  'root',
  'owner',
  'safety',
  'trust',
  'help',
  'helpdesk',
  'anonymous',
  'peersupporter',
  'supporter',
  'crisis',
  'security',
]
/** Words that only make a handle reserved beside a reserved one ("the_real_admin", "deleted_user"). */
const FILLER = [
  'the',
  'real',
  'site',
  'forum',
  'account',
  'user',
  'member',
  'bot',
  'desk',
  'crew',
  'service',
  'services',
  'line',
  'peer',
  'and',
  'of',
  'from',
  'at',
  'here',
  'app',
]
/** Words that pass for staff wherever they stand in a handle ("sam_the_mod", "ModSam", "official-jo"). */
const STAFF_WORDS = new Set(['alongside', 'admin', 'admins', 'administrator', 'moderator', 'moderators', 'mod', 'mods', 'staff', 'official', 'sysop'])
/** Found anywhere in the letters: nobody innocent glues these into a handle. */
const INSIDE = /alongside|moderator|administrator|^admin/

const alt = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|')
// A handle is at most 30 characters, so this alternation cannot run long.
const GLUED = new RegExp(`^(?:${alt(FILLER)}|${alt(RESERVED)})*(?:${alt(RESERVED)})(?:${alt(FILLER)}|${alt(RESERVED)})*$`)

const LEET: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' }
/** Letters that read as an i or an l, depending on the font: both readings are tried. */
const I_OR_L = /[Il|]/g

/**
 * The words of a handle as a reader takes them in: split at separators and at a small-to-capital
 * change ("ModSam"); look-alike letters read as the letters they imitate; digits read either as
 * letters (m0d, 1ead) or as a number beside the word (lead1, mod_2).
 */
function readings(handle: string): string[][] {
  const plain = handle.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '')
  const words = plain.split(/[\s_.-]+|(?<=\p{Ll})(?=\p{Lu})/u).filter(Boolean)
  const out: string[][] = []
  for (const iOrL of ['i', 'l']) {
    for (const digitsAreLetters of [true, false]) {
      out.push(
        words
          .map((w) =>
            [...w.replace(I_OR_L, iOrL).toLowerCase()]
              .map((c) => HOMOGLYPHS[c] ?? (c === '1' ? (digitsAreLetters ? iOrL : '') : digitsAreLetters ? (LEET[c] ?? c) : c))
              .join('')
              .replace(/[^a-z]/g, ''),
          )
          .filter(Boolean),
      )
    }
  }
  return out
}

/** True when a handle could be taken for staff, for the site itself, or for a removed account. */
export function isReservedHandle(handle: string): boolean {
  return readings(handle).some((words) => {
    const glued = words.join('')
    return GLUED.test(glued) || INSIDE.test(glued) || words.some((w) => STAFF_WORDS.has(w))
  })
}
