// Crisis lexicon. Every pattern runs on the leet-folded, lower-cased view of the writer's
// own words (blockquotes and reported speech removed), with apostrophes normalised to "'".
// Patterns are grouped by what they tell a moderator; detectors/crisis.ts decides how the
// groups combine. Keep entries general: these must work on posts nobody has seen yet.

export interface LexiconEntry {
  re: RegExp
  reason: string
}

const entry = (source: string, reason: string): LexiconEntry => ({ re: new RegExp(source, 'g'), reason })

// "I want to die of embarrassment" is an idiom, not a wish.
const NOT_IDIOM_DIE = '(?! (?:of|from) (?:embarrassment|shame|boredom|laughter|laughing|cringe|jealousy|envy)| laughing)'
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)'
const KIN = "(?:dad|mum|mom|mam|mummy|daddy|nan|gran|grandad|grandma|grandpa|husband|wife|partner|son|daughter|brother|sister|boyfriend|girlfriend|fianc[eé]e?|baby|him|her|them|[a-z]+)"
export const PILLS = '(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|co-?codamol|insulin|sleeping pills|antidepressants|opioids|oxy|oxycodone|tramadol|codeine|morphine)'
/** Street and prescription drugs taken in overdoses; with "enough" or "all" they are a means. */
export const DRUGS = '(?:heroin|fentanyl|fent|smack|gear|methadone|xanax|xans|benzos|diazepam|valium|ketamine|ket|coke|cocaine|crack|meth|pills|tablets|oxy|oxycodone|opiates|opioids|morphine|insulin)'

/**
 * Ways of saying "end my own life". On their own they are not a crisis (the writer may be
 * negating, remembering or asking); detectors/crisis.ts reads the words around them.
 */
export const SELF_END = new RegExp(
  [
    "\\bk+i+l+(?:l+)?(?:ing)? ?(?:my ?-?self|myslef|mysefl|meself|mysef)\\b",
    "\\bend(?:ing)? (?:my (?:own )?life|it all|my own life|everything)\\b",
    "\\btak(?:e|ing) my (?:own )?life\\b",
    "\\bcomm?it+(?:ing)? su[iy]?[cs]{1,2}[iy]?de?\\b",
    "\\bunaliv(?:e|ing) (?:my ?self|me)\\b",
    "\\bkms\\b",
    "\\bctb\\b",
    "\\bcatch the bus\\b(?= (?:tonight|tomorrow|this|on|soon|now))",
    "\\bsewer ?slide\\b",
    "\\bhang(?:ing)? my ?self\\b",
    "\\b(?:off|top|do) my ?self(?: in)?\\b",
    "\\b(?:jump|jumping|throw my ?self|step) (?:off|from|in front of) (?:a|the|that) (?:bridge|building|train|roof|cliff|car park|multi-?storey|lorry|bus)\\b",
    "\\boverdose\\b(?= (?:tonight|tomorrow|this|on|when|after|and))",
    "\\bnot (?:be )?(?:here|alive) (?:by|after|tomorrow|next)\\b",
    "\\b(?:drive|crash|steer) (?:my car |the car |myself )?(?:into|off) (?:a|the) (?:river|sea|wall|tree|bridge|cliff|lorry|canal|quarry|reservoir)\\b",
    "\\bwalk (?:into|out into) the (?:sea|river|water)\\b|\\bdrown my ?self\\b|\\bgas my ?self\\b|\\bshoot my ?self\\b|\\bslit my (?:wrists|throat)\\b",
    "\\b(?:step|throw my ?self|jump|lie down) (?:in front of|under) (?:a|the) (?:train|lorry|bus|truck)\\b",
  ].join('|'),
  'g',
)

/** Words before SELF_END that make it an intention. */
export const INTENT_BEFORE =
  /(?:going to|goin to|gonna|gunna|about to|ready to|planning (?:to|on)|plan to|intend to|decided (?:to|that)|decide to|\bwill\b|'ll\b|\bill\b|time to|finally|tonight i'?m|i'?m (?:going|gonna)|i am (?:going|gonna)|i'?m (?=k|end|tak|unal|hang|jump)|i am (?=k|end|tak|unal)|make sure i)/

/** Words before SELF_END that make it a wish or thought: ideation, not (yet) a plan. */
export const IDEATION_BEFORE =
  /(?:want to|wanna|wish i could|feel like|feeling like|thinking (?:about|of)|think about|thought about|keep thinking|tempted to|urge to|could easily|should just|might as well|just want to|need to|i could)/

/** Words before SELF_END that make it history or someone else's question. */
export const PAST_BEFORE =
  /(?:tried to|try to|attempted to|was going to|were going to|nearly|almost|wanted to|used to|had planned to|planned to|would have|i'?d have|how to stop|stopped me from|didn'?t|did not)\s*$/

/** Just did it: an overdose taken, injuries made, standing at the edge. */
export const ACUTE: LexiconEntry[] = [
  entry(`\\b(?:i'?ve |i have |i |just |i just |ive )?(?:took|taken|swallowed|downed|necked) (?:(?:about|around|like|over|nearly|at least|maybe) )?(?:an? )?(?:(?:massive|big|huge|large|proper|serious) )?(?:overdose|od\\b|(?:all|most|loads|the rest) (?:of )?(?:my |the |his |her |mum'?s |dad'?s |mums |dads )?${PILLS}|the (?:whole|entire) (?:lot|box|bottle|packet|pack|strip)|everything (?:in|i had|i could)|\\d+ (?:of )?(?:my |the )?${PILLS}|a (?:whole|full) (?:box|bottle|packet|pack))`, 'overdose taken'),
  entry(`\\b(?:taking|swallowing|downing) (?:everything|all (?:of )?(?:my|the|his|her|mum'?s|dad'?s|mums|dads)|the (?:whole|lot)|every (?:pill|tablet))[^.!?\\n]{0,40}\\bnow\\b`, 'taking an overdose now'),
  entry(`\\b(?:cutting|burning|hurting|hitting|scratching) (?:myself|my \\w+)?[^.!?\\n]{0,25}?\\b(?:right now|now|as i (?:type|write))\\b`, 'self-harming now'),
  entry(`\\bi(?:'?ve| have|ve)? just (?:cut|burned|burnt|stabbed|scalded|sliced) (?:myself|my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin|hand|hands))\\b`, 'just self-harmed'),
  entry(`\\bi(?:'?ve| have|ve)? (?:just )?(?:cut|burned|burnt|hurt|stabbed|scratched|scalded) (?:myself|my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin|hand|hands))[^.!?\\n]{0,40}\\b(?:again|just now|tonight|today|deep|deeper|bleeding|an hour ago|minutes ago)\\b`, 'just self-harmed'),
  entry(`\\b(?:standing|sitting|stood|sat) (?:on|at) (?:the|a|top of the) (?:bridge|ledge|edge|roof|cliff|platform|tracks|railway|car park roof)\\b`, 'at a dangerous place'),
  entry(`\\b(?:shot up|injected|used|took|swallowed|drank|snorted|smoked|did) (?:everything|all(?: of it)?|the (?:whole )?lot)(?: i had| i'?d got| i could find)?\\b[^.!?\\n]{0,40}\\b(?:ago|just now|way more|too much|more than (?:usual|normal|ever))\\b`, 'overdose taken'),
  entry(`\\bbleeding (?:a lot|heavily|badly|won'?t stop|and (?:it )?won'?t stop|everywhere)\\b|\\b(?:a lot of|so much|lots of) blood\\b|\\b(?:won'?t|will not|can'?t get it to|doesn'?t|does not) stop bleeding\\b`, 'bleeding'),
  // Texting style drops the "I": "cut myself really deep tonight".
  entry(`(?:^|[.!?\\n] *)(?:just |i just )?(?:cut|burned|burnt|stabbed|sliced) (?:myself|my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin))\\b[^.!?\\n]{0,40}\\b(?:deep|deeper|bleeding|tonight|again|just now|an hour ago|minutes ago)\\b`, 'just self-harmed'),
  entry(`\\b(?:at|on|up) (?:the|a) (?:bridge|multi-?storey(?: car park)?|cliff(?: edge)?|edge|roof|rooftop|tracks|railway(?: line)?|top floor|ledge)\\b[^\\n]{0,25}?\\b(?:right now|now)\\b`, 'at a dangerous place'),
]

/** Explicit intent phrasings that SELF_END does not cover. */
export const INTENT: LexiconEntry[] = [
  entry(`\\b(?:going to|gonna|i'?ll|i will|about to|planning to) (?:take|swallow|use|drink|inject|down|do|shoot|smoke) (?:all|everything|the (?:whole|lot|rest)|every|it all|all of it)\\b[^.!?\\n]{0,40}\\b(?:at once|in one go|so (?:that )?i (?:don'?t|won'?t|never) wake|and (?:not|never) wake|to (?:end|die))`, 'plans an overdose'),
  entry(`\\b(?:this time|tonight|tomorrow) (?:it'?ll|it will|i'?ll|i will) (?:work|be the end|be over)\\b`, 'says it will be over'),
]

/** A wish or thought of dying that is more than passive: wants to die, feels suicidal. */
export const IDEATION: LexiconEntry[] = [
  entry(`\\bi(?:'?m| am|'?ve been|ve been| have been)? (?:(?:feeling|feel|so|really|very|quite|pretty|actually|a bit|kind of|kinda|properly|seriously|just|been) )*suicidal\\b`, 'feels suicidal'),
  entry(`\\b(?:having|getting|been having|keep having) (?:\\w+ )?suicidal (?:thoughts|feelings|urges)\\b`, 'suicidal thoughts'),
  entry(`\\bsuicidal (?:thoughts|feelings|urges) (?:are )?(?:back|again|won'?t stop)\\b`, 'suicidal thoughts back'),
  entry(`\\bi(?:'?m| am|'?ve been| have been| keep| can'?t stop)? (?:\\w+ )?(?:thinking|thought) (?:about|of) (?:suicide|dying|killing myself|ending it)\\b`, 'thinking of suicide'),
  entry(`\\b(?:so|make sure|making sure|to be sure) (?:that )?i (?:don'?t|won'?t|never|do not|will not) (?:wake up|have to wake up)\\b`, 'wants not to wake up'),
  entry(`\\b(?:i|i really|i just|part of me) (?:want|wants|wanna) to die\\b${NOT_IDIOM_DIE}`, 'wants to die'),
  entry(`\\bi wanna die\\b${NOT_IDIOM_DIE}`, 'wants to die'),
  entry(`\\bready to die\\b`, 'ready to die'),
  entry(`\\b(?:i (?:want|need) (?:it|this) to (?:be over|stop)) (?:for good|forever|permanently)\\b`, 'wants it over for good'),
]

/** Passive ideation: wishing not to exist, believing others are better off. */
export const PASSIVE: LexiconEntry[] = [
  entry(`\\b(?:wish|wishing|hope|hoping|pray|praying) (?:i could |to )?(?:just )?(?:go to sleep|sleep|fall asleep|close my eyes|go to bed) and (?:not|never) wake(?: up)?\\b`, 'wishes not to wake up'),
  entry(`\\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:just )?(?:don'?t|do not|never|won'?t|wouldn'?t|didn'?t) wake(?: up)?\\b`, 'hopes not to wake up'),
  entry(`\\bwak(?:e|ing) up (?:every (?:morning|day) )?wishing i (?:hadn'?t|didn'?t|had not|did not|wasn'?t)\\b`, 'wishes they had not woken'),
  entry(`\\bwish(?:ing)? i (?:could )?(?:just )?(?:disappear|vanish|not exist|stop existing|was dead|were dead|was never born|had never been born|wasn'?t here|weren'?t here|wasn'?t alive|had died|'?d died|could die|would die|was gone|were gone)\\b`, 'wishes to not exist'),
  entry(`\\b(?:want|wanted|like|wanting) to (?:just )?(?:disappear|not exist|stop existing|cease to exist|be dead|be gone for good)\\b`, 'wants to not exist'),
  entry(`\\b(?:don'?t|do not|dont) (?:really )?want to (?:be here|exist|live|be alive|wake up|go on|keep living|carry on)(?: any ?more| tomorrow)?\\b`, 'does not want to be here'),
  entry(`\\bnot (?:want|wanting) to be (?:here|alive) any ?more\\b`, 'does not want to be here'),
  entry(`\\b(?:better off|easier|happier|a relief) (?:for (?:everyone|them|everybody|my \\w+) )?(?:without me|if i (?:was|were|'?d|had|wasn'?t|weren'?t) (?:dead|gone|died|not here|never born|here|around|alive))\\b`, 'others better off without them'),
  entry(`\\b(?:everyone|everybody|they|my (?:family|kids|children|partner|husband|wife)|the kids) (?:would|'?d) be better off\\b(?! (?:with|if (?:they|we|he|she)))`, 'others better off'),
  entry(`\\b(?:it'?d|it would) be easier for everyone\\b`, 'easier for everyone'),
  entry(`\\b(?:would|'?d) (?:rather|sooner) be dead\\b|\\bbetter off dead\\b`, 'rather be dead'),
  entry(`\\b(?:nobody|no one|no-one|noone) would (?:even )?(?:notice|care|miss me)(?: if i (?:died|was gone|disappeared|wasn'?t here))?\\b`, 'nobody would notice their death'),
  entry(`\\b(?:hope|hoping|wish|wishing|pray|praying) i die\\b`, 'hopes to die'),
  entry(`\\b(?:relief|easier|nice|peaceful) to (?:just )?(?:stop existing|die|not wake up|be gone|not be here|not exist)\\b`, 'would be a relief to stop existing'),
  entry(`\\b(?:think|thinking|thought) (?:a lot |so much |constantly |all the time )?about not being (?:here|alive|around)\\b`, 'thinks about not being here'),
  entry(`\\bwish(?:ing|ed)? (?:the paramedics|they|someone|you|the doctors|the ambulance|he|she) (?:hadn'?t|had not|didn'?t|did not) (?:brought|bring|saved|save|found|find|revived|revive|resuscitated) me\\b`, 'wishes they had not been saved'),
  entry(`\\b(?:just )?want to be with (?:${KIN}) (?:again|now)\\b`, 'wants to be with the dead'),
  entry(`\\bnot being here any ?more\\b`, 'not being here any more'),
]

/** Deep hopelessness that on its own warrants a check-in. */
export const HOPELESS_STRONG: LexiconEntry[] = [
  entry(`\\b(?:don'?t|dont|do not|can'?t|cant|cannot|no longer|struggle to|fail to) see (?:the|any) point(?: (?:in|of) (?:anything|any of (?:it|this)|it all|life|living|going on|carrying on|being (?:here|alive)|trying|existing|me|anything any ?more))?(?= *(?:[.!?,;\\n]|any ?more|now|$|and|but|so|in anything|of anything|in any|of any|in it|of it|in life|of life|in living|of living|in going|of going|in carrying|in trying))`, 'sees no point'),
  entry(`\\bwhat'?s the point (?:of|in) (?:anything|any of (?:it|this)|it all|life|living|going on|carrying on|me|trying|being here|existing|even trying)\\b`, 'asks what the point is'),
  entry(`\\b(?:can'?t|cant|cannot|don'?t|dont) see (?:any|a) (?:future|way out|way forward|light at the end|reason to)\\b`, 'sees no future'),
  entry(`\\b(?:can'?t|cant|cannot) see (?:any|a) way (?:this|it|things|my life) (?:works?|gets?|ends?|will|could|is going to)\\b`, 'sees no way through'),
  entry(`\\bno (?:version of (?:the|my) )?future (?:where|for me|in which)\\b|\\bthere'?s no (?:future|way out|hope) (?:for me|left|of this|from this)\\b|\\bthere'?s no way out\\b`, 'no future'),
  entry(`\\bnot living,? (?:i'?m )?just existing\\b`, 'just existing'),
  entry(`\\b(?:sick|tired) of (?:existing|living|being alive|being here|life)\\b`, 'tired of existing'),
  entry(`\\b(?:don'?t|dont|do not) know how to keep (?:going|living|doing this)\\b`, 'cannot keep going'),
  entry(`\\b(?:can'?t|cant|cannot) (?:go on|keep going|carry on)(?: (?:like this|any ?more|living))?\\b`, 'cannot go on'),
  entry(`\\b(?:given|gave) up on (?:life|everything|living|myself)\\b`, 'has given up'),
  entry(`\\bno reason (?:to|for me to) (?:live|go on|keep going|be here|get up)\\b`, 'no reason to live'),
]

/** Hopelessness that is common in hard-but-safe venting; two distinct ones are a concern. */
export const HOPELESS_WEAK: LexiconEntry[] = [
  entry(`\\bstopped (?:hoping|believing|expecting|caring)\\b`, 'stopped hoping'),
  entry(`\\bnothing(?:'s| is)? (?:ever |really )?(?:going to|gonna|ever going to|will ever|will) (?:get|feel|be|change|work out)\\b`, 'nothing will change'),
  entry(`\\b(?:won'?t|will never|never going to|isn'?t going to|is not going to) (?:ever )?(?:get|feel) (?:any )?(?:better|easier|right)\\b`, 'will never get better'),
  entry(`\\bwhy bother\\b`, 'why bother'),
  entry(`\\bnothing i do (?:changes|matters|helps|makes a difference)\\b`, 'nothing they do matters'),
  entry(`\\bnone of it matters\\b|\\bnothing matters\\b`, 'nothing matters'),
  entry(`\\b(?:it'?s|its) (?:getting|only getting) worse\\b`, 'getting worse'),
  entry(`\\b(?:can'?t|cant|cannot) (?:do|take|cope with) (?:this|it) any ?more\\b`, 'cannot take it any more'),
  entry(`\\b(?:can'?t|cant|cannot) feel anything\\b|\\bfeel(?: so)? empty\\b|\\bemptier\\b|\\bfeel like a ghost\\b|\\bnumb to everything\\b`, 'feels empty'),
  entry(`\\bnothing to look forward to\\b|\\bnothing left (?:for me|to live for)\\b`, 'nothing to look forward to'),
  entry(`\\b(?:i'?m|i am|feel like) (?:just )?(?:a|such a) (?:burden|weight|waste of space|burdon)\\b|\\bweight round everyone'?s neck\\b`, 'feels a burden'),
  entry(`\\bnobody(?: is| 's)? (?:coming|going) to help\\b|\\bno one cares\\b|\\bnobody cares\\b`, 'nobody will help'),
  entry(`\\bwhat'?s (?:even |really )?the point\\b`, 'what is the point'),
  entry(`\\b(?:every day|tomorrow|each day)(?: is| will be) (?:just )?the same\\b|\\bso will every day\\b`, 'every day the same'),
  entry(`\\b(?:just )?don'?t believe (?:it|that|them|anything) any ?more\\b`, 'no longer believes it gets better'),
  entry(`\\b(?:completely|totally|so|utterly) hopeless\\b|\\bfeel hopeless\\b`, 'hopeless'),
  entry(`\\bhow (?:much|many) (?:longer|more) can i\\b`, 'cannot last'),
]

/** A method or means at hand. */
export const MEANS: LexiconEntry[] = [
  entry(`\\b(?:got|have|i'?ve|ive) (?:it |everything |them |things )?(?:all )?(?:set up|sorted|ready|planned(?: out)?|lined up|worked out|in place)\\b`, 'has it all set up'),
  entry(`\\beverything i need\\b|\\b(?:got|have|bought|collected) (?:what|all) i need\\b|\\bwhat i need (?:put by|ready|sorted)\\b`, 'has what they need'),
  entry(`\\benough (?:put by|saved|stored|stockpiled|${PILLS}|${DRUGS}|to make sure|to do it|to finish)\\b`, 'has enough put by'),
  entry(`\\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|counted|counting|collected|collecting|lined)(?: up| out)? (?:my |the |all my |all the |enough |some |his |her )?(?:\\w+ )?${PILLS}\\b`, 'stockpiled pills'),
  entry(`\\b(?:all|the whole|a) (?:of )?(?:his |her |my |the |mum'?s |dad'?s )?(?:\\w+ )?${PILLS}\\b[^.!?\\n]{0,30}\\b(?:in front of me|next to me|on the (?:desk|table|side|bed)|lined up|ready)\\b`, 'pills ready'),
  entry(`\\b(?:the |my )?plan is (?:sorted|set|ready|in place|made|done)\\b`, 'has a plan'),
  entry(`\\b${PILLS} (?:are )?(?:all )?(?:lined up|counted out|counted|ready|in front of me|on the (?:desk|table|side|bed))\\b`, 'pills ready'),
  entry(`\\b\\d{3,5} ?mg\\b|\\b\\d{2,3} (?:pills|tablets|paracetamol)\\b`, 'a dose'),
  entry(`\\b(?:a|the|bought a|got a|tied a) (?:rope|noose|ligature)\\b`, 'a rope'),
  entry(`\\b(?:razor ?blades?|a blade|the blade)\\b`, 'a blade'),
  entry(`\\b(?:it'?s|its|it is|got it|everything'?s) all planned\\b|\\ball planned out\\b|\\bi (?:have|'?ve got|ve got|got) a plan\\b|\\bmade a plan\\b|\\bknow (?:exactly )?how i'?(?:m going to|ll|d) do it\\b|\\bknow exactly how\\b`, 'has a plan'),
  entry(`\\b(?:bought|scored|picked up|got) (?:a|another) bag\\b`, 'bought drugs'),
  entry(`\\b(?:use|take|swallow|drink|inject|do|shoot|smoke) (?:it )?(?:all|the lot|everything|the whole (?:lot|bag|bottle|box))(?: of it)? (?:at once|in one go)\\b`, 'all at once'),
  entry(`\\b(?:the|a) (?:bridge|cliff|railway line|train tracks|multi-?storey)\\b(?= (?:tonight|tomorrow|later|at|this|when|after|now))`, 'a place'),
  entry(`\\bbooked (?:the|a) (?:hotel|room)\\b[^.!?\\n]{0,60}\\b(?:end|die|it)\\b`, 'booked somewhere to die'),
]

/** Soon: a time, a day, an event after which they will act. */
export const TIME: LexiconEntry[] = [
  entry(`\\b(?:tonight|tonite|tonigh|2nite|2night|tonght|tomorrow|tmrw|tomoz|tomorow)\\b`, 'tonight or tomorrow'),
  entry(`\\bthis (?:weekend|evening|afternoon|morning|week)\\b|\\b(?:this|next|on) ${WEEKDAY}\\b|\\b${WEEKDAY} (?:is (?:when|the day)|night)\\b|\\b${WEEKDAY}\\b`, 'a day'),
  entry(`\\bat \\d{1,2}(?::\\d\\d)? ?(?:am|pm|o'?clock|tonight)?\\b`, 'a time'),
  entry(`\\bafter (?:my|the) (?:shift|appointment|funeral|meeting|kids go)\\b|\\bwhen (?:my|the|everyone|mum|dad|mom|he|she|they)\\b[^.!?\\n]{0,25}\\b(?:leaves?|goes out|is asleep|are asleep|go(?:es)? to (?:sleep|bed)|gone)\\b|\\bonce (?:he|she|they|the house|everyone|mum|dad|mom|it)\\b[^.!?\\n]{0,30}\\b(?:settled|empty|gone|asleep|sorted|done|over)\\b|\\bafter (?:mum|dad|mom|everyone|he|she|they) (?:goes|has gone|go|have gone|is) (?:to (?:sleep|bed)|asleep|out)\\b`, 'after an event'),
  entry(`\\bright now\\b|\\bin (?:an|a few|\\d+|one|two) (?:hours?|minutes?|mins?)\\b|\\bbefore (?:morning|the weekend|the end of the (?:day|week))\\b|\\bby (?:tomorrow|the morning|the weekend|${WEEKDAY})\\b|\\bon the \\d{1,2}(?:st|nd|rd|th)\\b`, 'soon'),
]

/** Saying goodbye, putting affairs in order, giving away pets and things. */
export const GOODBYE: LexiconEntry[] = [
  entry(`\\b(?:written|wrote|writing|left|leaving|finished) (?:my |a |the |some |all my |all the )?(?:notes?|letters?|goodbyes?)\\b`, 'has written notes or letters'),
  entry(`\\b(?:letters?|notes?) (?:are|is) (?:written|done|ready|finished)\\b`, 'has written notes or letters'),
  entry(`\\b(?:written|wrote|i'?ve left) (?:letters? |notes? )?(?:to|for) (?:my|everyone|each|all|the)\\b`, 'has written to family'),
  entry(`\\b(?:said|saying|say) (?:my )?goodbyes?\\b|\\b(?:wanted|want|came|come) to say (?:bye|goodbye)\\b|\\bthis is (?:goodbye|bye)\\b`, 'said goodbyes'),
  entry(`\\b(?:give|gave|giving|given|arranged for|asked|told)\\b[^.!?\\n]{0,40}\\b(?:to )?(?:take|have|look after|feed|check on|adopt|care for|mind)\\b (?:my |the |our )?(?:cat|cats|dog|dogs|pets?|kids|children|guitar|rabbit|bird|fish|hamster|plants)\\b`, 'arranged care for pets or people'),
  entry(`\\b(?:give|gave|giving|given|gave away|giving away) (?:away )?(?:my|all my) (?:cat|dog|pets?|guitar|things|stuff|belongings|possessions|clothes|books)\\b|\\bgave my \\w+ to\\b`, 'given things away'),
  entry(`\\b(?:the |my )?(?:cat|cats|dog|dogs|pets?|kids)(?:'s| is| are)? (?:going|gone) (?:to (?:my|a|the|live with)|with)\\b`, 'arranged care for pets or people'),
  entry(`\\bpaid (?:off|back) (?:what i owe|my debts|everything|everyone)\\b|\\b(?:cleared|settled) (?:all )?my debts\\b`, 'put affairs in order'),
  entry(`\\bthis (?:place|forum|group|site|community) (?:has )?meant (?:a lot|so much|everything)\\b|\\bthanks? (?:you )?for being my (?:people|family|friends)\\b|\\blove to (?:everyone|you all|all of you)\\b`, 'farewell thanks'),
  entry(`\\bsomeone (?:knows|to know) to check on\\b|\\bso (?:someone|somebody) (?:knows|finds)\\b`, 'asks someone to check on things'),
  entry(`\\b(?:put|putting|got|getting|sorted) (?:everything|things|my affairs|my things|it all|my stuff) in order\\b|\\bsorted (?:out )?(?:my|the) (?:will|affairs|funeral)\\b|\\bthe will, the passwords\\b|\\bmy passwords\\b`, 'put affairs in order'),
  entry(`\\bthis (?:is|will be) (?:my|the) (?:last|final) (?:post|message|time (?:i post|you hear))\\b|\\bmy (?:last|final) (?:post|message|words)\\b`, 'a last post'),
  entry(`\\b(?:thank you|thanks) (?:all |everyone |so much |to (?:everyone|you all|all of you|the few of you)[^.!?\\n]{0,40})?for (?:everything|all of it|all you(?:'ve| have) done|listening to me|being there|being kind|(?:the|your|all the|all your) (?:kindness|support|love|friendship|chats))\\b|\\bthank you to the few\\b`, 'thanks everyone for everything'),
  entry(`(?:^|[.!?\\n] *)(?:goodbye|bye|farewell)(?: (?:everyone|all|all of you|forever|friends|guys))?[.! x]*$|\\b(?:goodbye|farewell) (?:everyone|all|forever|friends|guys)\\b`, 'says goodbye'),
  entry(`\\b(?:please )?don'?t be sad (?:for me|when)\\b|\\bdon'?t (?:try (?:to|and)|bother trying to) (?:talk me out|stop me|find me|save me)\\b|\\bnot looking to be talked out\\b|\\bdon'?t bother reporting\\b`, 'asks not to be stopped'),
  entry(`\\b(?:you'?ve|you have) been kinder than\\b|\\bkinder than i deserved\\b`, 'thanks as if leaving'),
  entry(`\\bsorry (?:everyone|for everything|dad|mum|mom|to everyone|for being a (?:burden|burdon))\\b`, 'apologises as if leaving'),
  entry(`\\bat peace with (?:it|this|my decision|that)\\b|\\bmade (?:my )?peace with (?:it|this|everything)\\b|\\bthis is what i want\\b`, 'at peace with a decision'),
  entry(`\\b(?:i'?ve|i have|ive) (?:made up my mind|decided)\\b(?! (?:to|on|what|which|whether|against|not)\\b)|\\bmy mind is made up\\b`, 'has decided'),
  entry(`\\b(?:cancelled|canceled) (?:all )?(?:my )?(?:appointments|plans)\\b`, 'cancelled appointments'),
  entry(`\\bwon'?t be (?:here|around) (?:tomorrow|much longer|any ?more|by)\\b|\\bdidn'?t want to (?:disappear|go) without (?:telling|saying)\\b|\\b(?:won'?t|will not|wont) be (?:posting|on here|online|logging on|checking in) (?:again|any ?more)\\b`, 'will not be here'),
  entry(`\\b(?:the |my )?(?:kids|children|cat|cats|dog|dogs|pets?|boys|girls|son|daughter)(?:'ll| will| are to) (?:go|be going) (?:to|with) (?:my|their|his|her|a|the)\\b`, 'arranged care for pets or people'),
  entry(`\\b(?:the |my )?(?:will|affairs|paperwork|finances|funeral) (?:is|are) (?:all )?(?:sorted|done|in order|written|arranged|paid for)\\b`, 'put affairs in order'),
  entry(`\\b(?:i )?just wanted (?:someone|somebody|you all|people) to know\\b`, 'wanted someone to know'),
  entry(`\\btell (?:my|them|him|her) (?:\\w+ )?(?:i love|i'?m sorry|that i love|sorry)\\b|\\blook after each other\\b|\\bplease look after (?:my|the)\\b`, 'leaves last messages'),
  entry(`\\bi don'?t care what happens to me\\b`, 'does not care what happens to them'),
]

/** Vague but ominous: "I'm going to do it", "tonight I'm going to be with Dad". */
export const VAGUE_INTENT: LexiconEntry[] = [
  entry(`\\b(?:going to|gonna|i'?ll|i will|ready to|decided to|about to) (?:do it|go through with it|finally do it|end it|finish it|make sure (?:this time|it works))\\b(?! (?:with|for|at the|in the))(?! ?!)`, 'says they will do it'),
  entry(`\\b(?:going to|gonna|i'?ll|i will|ready to|about to) (?:be with|join) (?:${KIN})\\b(?! (?:for|at|in|and|to|while|because|over|around|family|friends)\\b)`, 'says they will join the dead'),
  entry(`\\b(?:i'?ll|i will|going to|gonna) (?:take|swallow|use|do) (?:them|it|the lot|all of them|those)\\b(?= (?:on|at|tonight|tomorrow|this|next|when|after|once))`, 'says they will take them'),
  entry(`\\bto make sure this time\\b|\\bmake sure (?:it works )?this time\\b`, 'make sure this time'),
  entry(`\\b(?:${WEEKDAY}|tonight|tomorrow) is (?:the day|when)\\b|\\b(?:tonight|today|tomorrow)(?:'s| is) the (?:night|day)\\b`, 'has chosen a day'),
  entry(`\\b(?:i )?(?:don'?t|dont|do not) want to be here tomorrow\\b`, 'does not want to be here tomorrow'),
]

/** Credible threat to someone else. */
export const THREAT: LexiconEntry[] = [
  entry(`\\b(?:going to|gonna|i'?ll|i will|about to|i'?m going to) (?:kill|murder|stab|shoot|batter|strangle|hurt|glass|smash) (?:him|her|them|that (?:man|woman|guy|bastard|bitch|dealer|\\w+)|my (?:stepdad|step-dad|dad|mum|mom|husband|wife|partner|ex|boss|neighbour|brother|sister|son|daughter|landlord|carer)|the (?:guy|man|woman|dealer|carer|nurse|bastard))\\b`, 'threatens to kill someone'),
]

export const WEAPON: LexiconEntry[] = [
  entry(`\\b(?:with|got|have|grabbed|holding|took|taking|bring|bringing|sharpened|got out|put|hid|hidden|keep|kept|bought|loaded) (?:a|the|my|his|dad'?s) (?:hammer|machete|knife|knives|gun|bat|axe|crowbar|baseball bat|shotgun|rifle|pistol)\\b`, 'has a weapon'),
]

export const THREAT_SERIOUS: LexiconEntry[] = [
  entry(`\\bnot (?:exaggerating|joking|kidding)\\b|\\bi mean it\\b|\\bi'?m (?:deadly )?serious\\b|\\bwon'?t be walking away\\b|\\bwaiting for (?:him|her|them) to (?:come|get) (?:back|home)\\b|\\bgoing round (?:there|to his|to hers|to theirs)\\b|\\bdon'?t bother reporting\\b|\\bi don'?t care what happens to me\\b|\\bknow where (?:he|she|they) (?:lives?|parks?|works?)\\b|\\bi swear\\b|\\bwhile (?:he|she|they)(?:'s|'re| is| are)? (?:asleep|sleeping|sleeps?)\\b`, 'means it'),
]

/** "I'm not going to do anything": keeps passive ideation at concern rather than urgent. */
export const NO_PLAN: LexiconEntry[] = [
  entry(`\\b(?:not|never|won'?t|n'?t|wont|wouldn'?t) (?:going to |gonna |ever )?[^.!?\\n]{0,20}\\b(?:do|doing) (?:anything|owt|something)(?: (?:stupid|daft|silly|to myself))?\\b`, 'says they will not act'),
  entry(`\\b(?:haven'?t|don'?t|do not|have not|havent|dont) (?:got|have) (?:a|any) plans?\\b|\\bno plans? to\\b|\\bnot planning (?:anything|to)\\b`, 'has no plan'),
  entry(`\\b(?:wouldn'?t|would never|won'?t|not going to|not gonna|never) (?:act|acting) on (?:it|them)\\b`, 'will not act on it'),
  entry(`\\b(?:not|never) (?:going to |gonna )?(?:hurt|harm) myself\\b|\\bi'?d never do anything\\b|\\bi'?m safe\\b|\\bi am safe\\b`, 'says they are safe'),
]
