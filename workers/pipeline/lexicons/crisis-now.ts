// The writer's own danger, now: general shapes of what a person in crisis says about themself
// (a dose just taken, an injury just done, a plan with a place or a way, a goodbye, a threat with a
// weapon at hand), written for issue #15 from the labelling guide and the blind-written training
// posts (tools/data/train). Each is a shape (who + verb + quantity or place), never one post's sentence;
// the context filters in detectors/crisis.ts (negation, past, hypothetical, someone else) still apply.
import type { LexiconEntry } from './crisis.ts'
import { DRUGS, PILLS } from './crisis.ts'

const entry = (source: string, reason: string): LexiconEntry => ({ re: new RegExp(source, 'g'), reason })

const SUPPLY =
  `(?:all|the whole|a whole|the rest|every|everything|both|double|way more|more than|(?:\\d{2,}|twenty|` +
  `thirty|forty|fifty|sixty|a hundred)\\b|whole (?:boxes|bottles|packets|strips|lot))`
const TAKE_PAST = `(?:taken|took|swallowed|downed|necked|shot up|injected|stuck|put on|tek|had)`
/** TAKE_PAST without "had": "I had anorexia from 16 to 22", "I had back pain for 7 years" are histories. */
const TOOK = `(?:taken|took|swallowed|downed|necked|shot up|injected|stuck|put on|tek)`
const TAKE_NOW = `(?:take|swallow|down|neck|shoot|inject|stick|put on|cook up)`
const WAY_SELF =
  `(?:jump|step off|go over|go off|go through (?:it|the (?:fence|barrier|railings))|drive (?:off|into|` +
  `over)|hang myself|not wake up|end it|end my life|do it|finish it|take (?:them|it|the lot) all|` +
  `take all of (?:them|it)|take them|cut (?:myself|my \\w+|deep|until|till|as soon)|overdose|` +
  `sit with the engine running|let the engine run)`

/** A dose just taken, said in the first person with a quantity: an overdose taken (acute). */
export const OVERDOSE_NOW: LexiconEntry[] = [
  entry(
    `\\b(?:i'?ve|i have|i|ive|mi) (?:just |now |already )?${TOOK}\\b(?![^.!?\\n]{0,45}?\\b(?:for (?:\\d+|` +
      `a few|many|several|two|three|four|five|ten) (?:years|months|weeks)|` +
      `tried)\\b)[^.!?\\n]{0,45}?\\b(?:${SUPPLY}|${PILLS}|${DRUGS}|patches)\\b[^.!?\\n]{0,75}?\\b(?:${SUPPLY}` +
      `|${PILLS}|${DRUGS}|patches|of (?:it|them)|boxes|bottles?|packets?|ago|on purpose)\\b`,
    'overdose taken',
  ),
  entry(
    `\\b(?:i'?ve|i have|i|ive) (?:just )?${TAKE_PAST} (?:\\w+'?s |my |his |her |all (?:my|his|her|` +
      `of (?:my|his|her)) )?(?:\\w+ )?(?:${PILLS}|${DRUGS}|patches)\\b[.,]? (?:all of (?:it|them)|` +
      `the whole (?:lot|box|bottle|packet)|every (?:one|last one)|whole (?:boxes|bottles|packets))\\b`,
    'overdose taken',
  ),
  entry(
    `\\b(?:it'?s done|i'?ve done it)\\b(?=[^]{0,160}\\b(?:${PILLS}|${DRUGS}|took|taken|the lot|feel (?:it|heavy|sleepy|warm|sick|weird))\\b)`,
    'overdose taken',
  ),
]

/** Self-injury just done, in the writer's own words: a way, a body part, and blood, a blister or "just". */
export const SELF_INJURY_NOW: LexiconEntry[] = [
  entry(
    // Not someone else's blow ("he hit my face"): the writer's own act.
    `(?<!\\b(?:he|she|they|someone|somebody|dad|father|stepdad|stepfather|uncle|mum|mom|husband|wife|` +
      `partner|brother|sister|son|daughter|boyfriend|girlfriend|ex|carer|nurse|man|guy|` +
      `bloke) (?:\\w+ )?)\\b(?:i'?ve |i have |i )?(?:just )?(?:cut|slashed|sliced|burnt|burned|held (?:the|` +
      `a|my) (?:lighter|lit cigarette|cigarette|flame|iron)(?: \\w+)? (?:to|on|against)|pressed (?:the|a|` +
      `my) (?:iron|lighter|cigarette)(?: \\w+)? (?:on|to|against)|hit|banged|bashed|smashed|` +
      `punched) (?:both |into )?(?:my (?:head|wrists?|arms?|legs?|thighs?|skin|stomach|hands?|fists?|face)|` +
      `myself)\\b(?! (?:off|out|short|some slack|free|` +
      `loose))(?=[^.!?]{0,80}(?:[.!?][^.!?]{0,80})?\\b(?:blood|bleed\\w*|bled|blister\\w*|won'?t stop|` +
      `dizzy|again and again|over and over|just|now|tonight|white and shiny|till it|until it)\\b)`,
    'just self-harmed',
  ),
]

/** A plan with a way and a time or a place, said as the writer's own: intent. */
export const PLAN_NOW: LexiconEntry[] = [
  entry(
    `\\b(?:i'?m|im|i am|i'?ll|ill|i will) (?:going to|gonna|gunna|about to|planning to|` +
      `finally going to)\\b[^.!?\\n]{0,70}?\\b${WAY_SELF}\\b(?! (?:back|down|out|off|my hair|the grass|` +
      `the cord|ties|corners|it out|of the))`,
    'states intent to end their life',
  ),
  entry(
    `\\b(?:tonight|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|` +
      `this (?:weekend|evening)|after (?:the|my) \\w+ leaves?)\\b[^.!?\\n]{0,40}\\b(?:i'?m|im|` +
      `i am) (?:going to|gonna) (?:${TAKE_NOW} (?:them|it|the lot|all|every)|jump|step off|cut|hang|` +
      `drive)\\b`,
    'states intent to end their life',
  ),
]

/** At a dangerous place now, said in the first person ("I'm at the bridge", "sitting in the car by the river"). */
export const PLACE_NOW: LexiconEntry[] = [
  entry(
    `\\b(?:i'?m|im|i am) (?:\\w+ ){0,4}?(?:at|on|by|near|above|over) the (?:top of the |edge of the |` +
      `bridge over the )?(?:bridge|cliffs?|cliff edge|edge|tracks|railway|viaduct|quarry|river|canal|` +
      `multi[- ]?storey|roof|motorway bridge|pier|harbour wall)\\b`,
    'near a drop or water',
  ),
]

/** Goodbyes that name no method: last messages to the group and the people in it. */
export const GOODBYE_NOW: LexiconEntry[] = [
  entry(
    `\\b(?:don'?t|dont|do not|please don'?t) (?:blame yourselves|be sad|be angry with me|feel bad|` +
      `feel guilty)\\b|\\b(?:tell|let) (?:the |my )?(?:\\w+ ){0,3}?(?:i said (?:bye|goodbye|thanks)|` +
      `it wasn'?t (?:their|your|his|her) fault|i'?m sorry|i loved (?:them|him|her|you))\\b`,
    'leaves last messages',
  ),
  // A farewell to the group itself ("bye guys luv u all"), not to a person leaving a room.
  entry(`\\b(?:bye|goodbye|love (?:you|u|ya)|luv (?:you|u|ya)) (?:guys|all|everyone|everybody|all of you|u all|you all)\\b`, 'says goodbye to the group'),
  entry(
    `\\b(?:sorry it ends like this|this is (?:my|the) last (?:post|message|time)|by the time (?:you|anyone) reads? this|if anyone (?:sees|reads) this)\\b`,
    'a last post',
  ),
]

/** A threat to someone else, made concrete: what will happen to them, or a weapon ready. */
export const THREAT_NOW: LexiconEntry[] = [
  entry(
    `\\b(?:i'?m|im|i am) (?:going to |gonna )?(?:stabbing|shooting|killing|burning|torching) (?:him|her|` +
      `them|both of them|the lot of them)\\b|\\bwhen i'?m (?:finished|done) with (?:him|her|them|his \\w+|` +
      `her \\w+)\\b|\\b(?:he|she|they)(?:'ll| will)? (?:know|find out) (?:exactly )?what it (?:is|` +
      `feels like) to\\b|\\b(?:he|she|they)(?:'s|'re| is| are) going to know (?:exactly )?what (?:he|she|` +
      `they)(?:'s|'ve)? done\\b`,
    'threatens to kill someone',
  ),
  entry(
    `\\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|im gonna) be (?:waiting|sat|sitting|` +
      `parked) (?:for (?:him|her|them)|(?:by|outside|at|near) (?:his|her|their|that) (?:car|house|door|` +
      `flat|work))\\b`,
    'lies in wait for someone',
  ),
  entry(
    `\\b(?:keeps?|kept|got|have|put|taking|took|brought|carrying|bought|filled|picked up)(?: me|` +
      ` myself)? (?:a|the|my|his|her|dad'?s|my \\w+'?s|\\w+'?s) (?:\\w+ )?(?:shotgun|gun|handgun|pistol|` +
      `revolver|rifle|knife|kitchen knife|hammer|claw hammer|machete|cricket bat|baseball bat|bat|axe|` +
      `crowbar|jerry can|petrol can)\\b`,
    'has a weapon',
  ),
  entry(
    `\\b(?:i'?m|im|i am) (?:(?:totally|completely|very|so) )?calm(?: about it)?\\b|` +
      `\\bnot being dramatic\\b|\\bhad (?:\\w+ ){1,2}(?:months|years|weeks) to think\\b|` +
      `\\bit'?s (?:just )?what (?:has|needs) to happen\\b`,
    'means it',
  ),
]
