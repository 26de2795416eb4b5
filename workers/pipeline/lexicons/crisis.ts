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
const KIN =
  '(?:dad|mum|mom|mam|mummy|daddy|nan|gran|grandad|grandma|grandpa|husband|wife|partner|son|daughter|' +
  'brother|sister|boyfriend|girlfriend|fianc[eé]e?|baby|him|her|them|[a-z]+)'
/** Referenced by MEANS before MEDS is declared: a short form of the drug lexicon. */
const MEDS_REF =
  '(?:pills|tablets|tabs|meds|medication|painkillers|morphine|oxycodone|oxy|tramadol|codeine|' +
  'co-?codamol|paracetamol|insulin|diazepam|xanax|zopiclone|sleeping pills|sertraline|amitriptyline|' +
  'citalopram|quetiapine|fentanyl|heroin|methadone|propranolol)'
export const PILLS =
  '(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|co-?codamol|insulin|' +
  'sleeping (?:pills|tablets)|antidepressants|opioids|oxy|oxycodone|tramadol|codeine|morphine)'
/** Street and prescription drugs taken in overdoses; with "enough" or "all" they are a means. */
export const DRUGS =
  '(?:heroin|fentanyl|fent|smack|gear|methadone|xanax|xans|benzos|diazepam|valium|ketamine|ket|coke|' +
  'cocaine|crack|meth|pills|tablets|oxy|oxycodone|opiates|opioids|morphine|insulin)'

/**
 * Ways of saying "end my own life". On their own they are not a crisis (the writer may be
 * negating, remembering or asking); detectors/crisis.ts reads the words around them.
 */
export const SELF_END = new RegExp(
  [
    '\\bk+i+l+(?:l+)?(?:ing)? ?(?:my ?-?self|myslef|mysefl|meself|mysef)\\b',
    '\\bend(?:ing)? (?:my (?:own )?life|it all|my own life|everything)\\b',
    '\\btak(?:e|ing) my (?:own )?life\\b',
    '\\bcomm?it+(?:ing)? su[iy]?[cs]{1,2}[iy]?de?\\b',
    '\\bunaliv(?:e|ing) (?:my ?self|me)\\b',
    '\\b(?:gonna|going to|gunna|want to|wanna|will|about to|planning to|plan to|ready to) unaliv(?:e|ing)\\b(?! (?:him|her|them|you|someone|people|the))',
    '\\bkms\\b',
    '\\bctb\\b',
    '\\bcatch the bus\\b(?= (?:tonight|tomorrow|this|on|soon|now))',
    '\\bsewer ?slide\\b',
    '\\bhang(?:ing)? my ?self\\b',
    '\\b(?:off|top|do) my ?self(?: in)?\\b',
    '\\b(?:jump|jumping|throw my ?self|step) (?:off|from|in front of) (?:a|the|that) (?:bridge|building|' +
      'train|roof|cliff|car park|multi[- ]?storey|lorry|bus)\\b',
    '\\boverdose\\b(?= (?:tonight|tomorrow|this|on|when|after|and))',
    '\\bnot (?:be )?(?:here|alive) (?:by|after|tomorrow|next)\\b',
    '\\b(?:drive|driving|crash|crashing|steer|steering) (?:my car |the car |myself )?(?:into|off|' +
      'over) (?:a|the) (?:river|sea|wall|tree|bridge|cliff|lorry|canal|quarry|reservoir|edge)\\b',
    '\\bun4?aliv(?:e|ing) (?:my ?self|me)\\b|\\bsewer ?slid(?:e|ing)\\b|\\bsewerslide\\b',
    '\\bwalk (?:into|out into) the (?:sea|river|water)\\b|\\bdrown my ?self\\b|\\bgas my ?self\\b|\\bshoot my ?self\\b|\\bslit my (?:wrists|throat)\\b',
    '\\b(?:step|throw my ?self|jump|lie down|walk) (?:out )?(?:in front of|under) (?:a|the|the next|next) (?:one|train|lorry|bus|truck|car)\\b',
  ].join('|'),
  'g',
)

/** Words before SELF_END that make it an intention. */
export const INTENT_BEFORE = new RegExp(
  '(?:going to|goin to|gonna|gunna|about to|ready to|planning (?:to|on)|plan to|intend to|' +
    "decided (?:to|that)|decide to|\\bwill\\b|'ll\\b|\\bill\\b|time to|finally|tonight i'?m|" +
    "i'?m (?:going|gonna)|i am (?:going|gonna)|i'?m (?=k|end|tak|unal|hang|jump)|i am (?=k|end|tak|" +
    'unal)|make sure i)',
)

/** Words before SELF_END that make it a wish or thought: ideation, not (yet) a plan. */
export const IDEATION_BEFORE = new RegExp(
  '(?:want to|wanna|wish i could|feel like|feeling like|thinking (?:about|of)|think about|' +
    'thought about|keep thinking|tempted to|urge to|could easily|should just|might as well|just want to|' +
    'need to|i could)',
)

/** Words before SELF_END that make it history or someone else's question. */
export const PAST_BEFORE = new RegExp(
  '(?:tried to|try to|attempted to|was going to|were going to|nearly|almost|wanted to|used to|' +
    "had planned to|planned to|would have|i'?d have|how to stop|stopped me from|didn'?t|did not)\\s*$",
)

/** Just did it: an overdose taken, injuries made, standing at the edge. */
export const ACUTE: LexiconEntry[] = [
  entry(
    `\\b(?:i'?ve |i have |i |just |i just |ive )?(?:took|taken|swallowed|downed|necked) (?:(?:about|` +
      `around|like|over|nearly|at least|maybe) )?(?:an? )?(?:(?:massive|big|huge|large|proper|` +
      `serious) )?(?:overdose|od\\b|(?:all|most|loads|the rest) (?:of )?(?:my |the |his |her |mum'?s |` +
      `dad'?s |mums |dads )?${PILLS}|the (?:whole|entire) (?:lot|box|bottle|packet|pack|strip)|` +
      `everything (?:in|i had|i could)|(?:[3-9]|\\d{2,}) (?:of )?(?:my |the )?${PILLS}|a (?:whole|` +
      `full) (?:box|bottle|packet|pack))`,
    'overdose taken',
  ),
  entry(
    `\\b(?:taking|swallowing|downing) (?:everything|all (?:of )?(?:my|the|his|her|mum'?s|dad'?s|mums|` +
      `dads)|the (?:whole|lot)|every (?:pill|tablet))[^.!?\\n]{0,40}\\bnow\\b`,
    'taking an overdose now',
  ),
  entry(`\\b(?:cutting|burning|hurting|hitting|scratching) (?:myself|my \\w+)?[^.!?\\n]{0,25}?\\b(?:right now|now|as i (?:type|write))\\b`, 'self-harming now'),
  entry(
    `\\bi(?:'?ve| have|ve)? just (?:cut|burned|burnt|stabbed|scalded|sliced) (?:myself|my (?:arm|arms|` +
      `wrist|wrists|leg|legs|thigh|thighs|stomach|skin|hand|hands))\\b`,
    'just self-harmed',
  ),
  entry(
    `\\bi(?:'?ve| have|ve)? (?:just )?(?:cut|burned|burnt|hurt|stabbed|scratched|scalded) (?:myself|` +
      `my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin|hand|` +
      `hands))[^.!?\\n]{0,40}\\b(?:again|just now|tonight|today|deep|deeper|bleeding|an hour ago|` +
      `minutes ago)\\b`,
    'just self-harmed',
  ),
  entry(`\\b(?:standing|sitting|stood|sat) (?:on|at) (?:the|a|top of the) (?:ledge|roof|tracks|railway|car park roof)\\b`, 'at a dangerous place'),
  // Edging towards a drop or a train: "keep stepping closer to the yellow line".
  entry(
    `\\b(?:stepping|stepped|step|edging|edged|inching|leaning|moving|moved|creeping) (?:a bit |a little |` +
      `even )?(?:closer|nearer|further out|over) (?:to |towards |past )?(?:the )?(?:yellow line|` +
      `platform edge|edge of the platform|edge|tracks|drop|railings?)\\b`,
    'at a dangerous place',
  ),
  entry(
    `\\b(?:shot up|injected|used|took|swallowed|drank|snorted|smoked|did) (?:everything|all(?: of it)?|` +
      `the (?:whole )?lot)(?: i had| i'?d got| i could find)?\\b[^.!?\\n]{0,40}\\b(?:ago|just now|way more|` +
      `too much|more than (?:usual|normal|ever))\\b`,
    'overdose taken',
  ),
  entry(
    `\\bbleeding (?:a lot|heavily|badly|won'?t stop|and (?:it )?won'?t stop|everywhere)\\b|` +
      `\\b(?:a lot of|so much|lots of) blood\\b|\\b(?:won'?t|will not|can'?t get it to|doesn'?t|` +
      `does not) stop bleeding\\b`,
    'bleeding',
  ),
  // Texting style drops the "I": "cut myself really deep tonight".
  entry(
    `(?:^|[.!?\\n] *)(?:just |i just )?(?:cut|burned|burnt|stabbed|sliced) (?:myself|my (?:arm|arms|` +
      `wrist|wrists|leg|legs|thigh|thighs|stomach|skin))\\b[^.!?\\n]{0,40}\\b(?:deep|deeper|bleeding|` +
      `tonight|again|just now|an hour ago|minutes ago)\\b`,
    'just self-harmed',
  ),
  entry(
    `\\b(?:at|on|up) (?:the|a) (?:bridge|multi[- ]?storey(?: car park)?|cliff(?: edge)?|edge|roof|` +
      `rooftop|tracks|railway(?: line)?|top floor|ledge)\\b[^\\n]{0,25}?\\b(?:right now|now)\\b`,
    'at a dangerous place',
  ),
]

// "Overdosed on my meds ten minutes ago": first person, with a drug or a recent time.
ACUTE.push(
  entry(
    `\\b(?:overdosed|od'?d|oded)(?<=(?:^|[.!?\n] *|\\bi'?ve |\\bi have |\\bi |\\bive )(?:just |actually |` +
      `accidentally )?(?:overdosed|od'?d|oded)) (?:on (?:my |the |some |all my |all the |his |her |mum'?s |` +
      `dad'?s )?(?:[\\w'-]+ )?(?:${PILLS}|${DRUGS}|meds|[a-z]+(?:ine|ol|am|pam|lam|done|pine|pril|zole))|` +
      `(?:about |like |around )?(?:\\d+|an?|half an?|a few|ten|twenty) (?:mins?|minutes?|hours?|hrs?) ago|` +
      `just now|tonight|again)\\b`,
    'overdose taken',
  ),
)

/** Explicit intent phrasings that SELF_END does not cover. */
export const INTENT: LexiconEntry[] = [
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|about to|planning to) (?:take|swallow|use|drink|inject|down|do|` +
      `shoot|smoke) (?:all|everything|the (?:whole|lot|rest)|every|it all|` +
      `all of it)\\b[^.!?\\n]{0,40}\\b(?:at once|in one go|so (?:that )?i (?:don'?t|won'?t|never) wake|` +
      `and (?:not|never) wake|to (?:end|die))`,
    'plans an overdose',
  ),
  entry(`\\b(?:this time|tonight|tomorrow) (?:it'?ll|it will|i'?ll|i will) (?:work|be the end|be over)\\b`, 'says it will be over'),
  // The word itself (also disguised: s*icide, su1c1de, unalive, sewer slide) with a time, as a
  // plan: "s*icide tonight", "unalive tomorrow".
  entry(
    `\\b(?:s[u*@]{0,2}[i*1!]{0,2}c[i*1!]de|unaliv(?:e|ing)|sewer ?slide|ctb|` +
      `kms)\\b[^.!?\\n]{0,12}?\\b(?:tonight|tonite|tomorrow|today|this (?:weekend|evening)|at (?:midnight|` +
      `\\d))\\b`,
    'states intent to end their life',
  ),
  // Using a whole supply of a drug, said as a plan: "I'm injecting all of them", "putting every one of them on".
  entry(
    `\\b(?:i'?m|im|i am|i'?ll|i will|gonna|going to) (?:inject|take|swallow|put on|use|neck|down|` +
      `injecting|taking|swallowing|putting|using|necking|downing) (?:all|every (?:single )?one|` +
      `each one) of (?:them|it|those|my \\w+)(?: (?:on|at once|in one go))?\\b(?! (?:to|back|out|in|into|` +
      `with|for|off|away|round|home|swimming|shopping)\\b)(?<=\\b(?:${PILLS}|${DRUGS}|pens|patches|vials|` +
      `ampoules)\\b[^]*)`,
    'plans an overdose',
  ),
]

/** A wish or thought of dying that is more than passive: wants to die, feels suicidal. */
export const IDEATION: LexiconEntry[] = [
  entry(
    `\\bi(?:'?m| am|'?ve been|ve been| have been)? (?:(?:feeling|feel|so|really|very|quite|pretty|` +
      `actually|a bit|kind of|kinda|properly|seriously|just|been) )*suicidal\\b`,
    'feels suicidal',
  ),
  entry(`\\b(?:having|getting|been having|keep having) (?:\\w+ )?suicidal (?:thoughts|feelings|urges)\\b`, 'suicidal thoughts'),
  entry(`\\bsuicidal (?:thoughts|feelings|urges) (?:are )?(?:back|again|won'?t stop)\\b`, 'suicidal thoughts back'),
  entry(
    `\\bi(?:'?m| am|'?ve been| have been| keep| can'?t stop)? (?:\\w+ )?(?:thinking|thought) (?:about|of) (?:suicide|dying|killing myself|ending it)\\b`,
    'thinking of suicide',
  ),
  entry(
    `\\b(?:so|make sure|making sure|to be sure) (?:that )?i (?:don'?t|won'?t|never|do not|will not) (?:wake up|have to wake up)\\b`,
    'wants not to wake up',
  ),
  entry(`\\b(?:i|i really|i just|part of me) (?:want|wants|wanna) to die\\b${NOT_IDIOM_DIE}`, 'wants to die'),
  entry(`\\bi wanna die\\b${NOT_IDIOM_DIE}`, 'wants to die'),
  entry(`\\bready to die\\b`, 'ready to die'),
  entry(
    `\\b(?:think|thinking|thought) (?:about|of) (?:just )?(?:driving|crashing|jumping|stepping|walking|` +
      `throwing myself|swerving) (?:my car )?(?:into|off|in front of|out in front of|under)\\b`,
    'thinks of a method',
  ),
  entry(`\\b(?:i (?:want|need) (?:it|this) to (?:be over|stop)) (?:for good|forever|permanently)\\b`, 'wants it over for good'),
]

/** Passive ideation: wishing not to exist, believing others are better off. */
export const PASSIVE: LexiconEntry[] = [
  entry(
    `\\b(?:wish|wishing|hope|hoping|pray|praying) (?:i could |to )?(?:just )?(?:go to sleep|sleep|` +
      `fall asleep|close my eyes|go to bed) and (?:not|never) wake(?: up)?\\b`,
    'wishes not to wake up',
  ),
  entry(
    `\\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:just )?(?:don'?t|do not|never|won'?t|wouldn'?t|didn'?t) wake(?: up)?\\b`,
    'hopes not to wake up',
  ),
  entry(`\\bwak(?:e|ing) up (?:every (?:morning|day) )?wishing i (?:hadn'?t|didn'?t|had not|did not|wasn'?t)\\b`, 'wishes they had not woken'),
  entry(
    `\\bwish(?:ing)? i (?:could )?(?:just )?(?:disappear|vanish|not exist|stop existing|was dead|` +
      `were dead|was never born|had never been born|wasn'?t here|weren'?t here|wasn'?t alive|had died|` +
      `'?d died|could die|would die|was gone|were gone)\\b`,
    'wishes to not exist',
  ),
  entry(`\\b(?:want|wanted|like|wanting) to (?:just )?(?:disappear|not exist|stop existing|cease to exist|be dead|be gone for good)\\b`, 'wants to not exist'),
  entry(
    `\\b(?:don'?t|do not|dont) (?:really )?want to (?:be here|exist|live|be alive|wake up|go on|keep living|carry on)(?: any ?more| tomorrow)?\\b`,
    'does not want to be here',
  ),
  entry(`\\bnot (?:want|wanting) to be (?:here|alive) any ?more\\b`, 'does not want to be here'),
  entry(
    `\\b(?:better off|easier|happier|a relief) (?:for (?:everyone|them|everybody|` +
      `my \\w+) )?(?:without me|if i (?:was|were|'?d|had|wasn'?t|weren'?t) (?:dead|gone|died|not here|` +
      `never born|here|around|alive))\\b`,
    'others better off without them',
  ),
  entry(
    `\\b(?:everyone|everybody|they|my (?:family|kids|children|partner|husband|wife)|the kids) (?:would|` +
      `'?d) be better off\\b(?! (?:with|if (?:they|we|he|she)))`,
    'others better off',
  ),
  entry(`\\b(?:it'?d|it would) be easier for everyone\\b`, 'easier for everyone'),
  entry(`\\b(?:would|'?d) (?:rather|sooner) be dead\\b|\\bbetter off dead\\b`, 'rather be dead'),
  entry(`\\b(?:would|'?d) prefer (?:to be|being) dead\\b|\\bprefer to be dead than\\b`, 'rather be dead'),
  entry(
    `\\bwish (?:the|my|that|it|that last|the last) (?:\\w+ ){0,4}?(?:had|would have|'d have) (?:worked|` +
      `finished (?:me|it)|killed me)\\b|\\b(?:should(?:'ve| have)|wish i'?d) stayed (?:dead|gone|under)\\b`,
    'wishes an attempt had worked',
  ),
  entry(
    `\\bask(?:ing)? (?:god|the lord|jesus|allah) (?:fi |to )?(?:tek|take|call) me\\b|\\b(?:god|lord|` +
      `allah),? (?:please |just )?(?:take|call) me (?:home|too|now|away)\\b`,
    'asks to be taken',
  ),
  entry(
    `\\b(?:nobody|no one|no-one|noone) would (?:even )?(?:notice|care|miss me)(?: if i (?:died|was gone|disappeared|wasn'?t here))?\\b`,
    'nobody would notice their death',
  ),
  entry(`\\b(?:hope|hoping|wish|wishing|pray|praying) i die\\b`, 'hopes to die'),
  entry(
    `\\b(?:relief|easier|nice|peaceful) to (?:just )?(?:stop existing|die|not wake up|be gone|not be here|not exist)\\b`,
    'would be a relief to stop existing',
  ),
  entry(`\\b(?:think|thinking|thought) (?:a lot |so much |constantly |all the time )?about not being (?:here|alive|around)\\b`, 'thinks about not being here'),
  entry(
    `\\bwish(?:ing|ed)? (?:the paramedics|they|someone|you|the doctors|the ambulance|he|she) (?:hadn'?t|` +
      `had not|didn'?t|did not) (?:brought|bring|saved|save|found|find|revived|revive|resuscitated) me\\b`,
    'wishes they had not been saved',
  ),
  entry(`\\b(?:just )?want to be with (?:${KIN}) (?:again|now)\\b`, 'wants to be with the dead'),
  entry(`\\bnot being here any ?more\\b`, 'not being here any more'),
  entry(
    `\\b(?:can'?t|cant|cannot) (?:imagine|picture|see myself) (?:wanting to |ever wanting to )?(?:be|being|stay|staying|still being) (?:alive|here)\\b`,
    'does not want to be here',
  ),
  // Wider passive-ideation wordings.
  entry(
    `\\bif i (?:just )?(?:didn'?t|did not|never|wouldn'?t) wake(?: up)?\\b(?! (?:in time|by|at|early|` +
      `before|for|on time|when))|\\bnot wak(?:e|ing) up (?:one (?:of these )?(?:days|mornings)|` +
      `tomorrow)\\b`,
    'would not mind not waking',
  ),
  entry(
    `\\b(?:wouldn'?t|would not|wouldnt|won'?t|will not) be (?:the worst thing|so bad|a bad thing|` +
      `that bad|such a bad thing) (?:if (?:i|a bus|a car|a lorry|a train|something|the plane|it all|` +
      `my heart)\\b[^.!?\\n]{0,40}\\b(?:died|die|dead|didn'?t stop|hit me|got hit|never woke|didn'?t wake|` +
      `ended|gone|crash\\w*|stopped|over)\\b|to (?:die|not wake|just not wake|be gone|` +
      `go to sleep forever))`,
    'would not mind dying',
  ),
  entry(
    `\\bif i (?:\\w+ ){0,4}?(?:died|od'?d|overdosed|didn'?t wake up|never woke up|got hit|crashed|` +
      `was gone|were gone|got sick|got cancer|died in my sleep)\\b[^.!?\\n]{0,40}\\b(?:wouldn'?t|would not|` +
      `wouldnt|don'?t|dont) (?:even |really )?(?:be (?:that |too |very |all that )?(?:bothered|upset|sad|` +
      `sorry)|mind|care)\\b|\\b(?:wouldn'?t|would not|wouldnt) (?:even |really )?(?:mind|` +
      `care) if i (?:died|didn'?t wake|never woke|was gone|got hit|crashed)\\b`,
    'would not mind dying',
  ),
  entry(
    `\\b(?:don'?t|do not|dont) (?:even )?care (?:if|whether) (?:i|my heart|my body|it) (?:die|dies|live or die|wake up|gives? out|stops?)\\b`,
    'indifferent to dying',
  ),
  entry(
    `\\b(?:hop(?:e|es|ing)|wish(?:es|ing)?|pray(?:s|ing)?) (?:that )?(?:the |my |it'?s |this )?(?:cancer|` +
      `tumou?r|illness|disease|heart (?:condition|thing)) (?:comes? back|returns?|spreads?|wins?|takes? me|` +
      `gets? me|finishes me)\\b`,
    'hopes to die of illness or accident',
  ),
  entry(
    `\\b(?:would|'d) (?:all )?be better off with (?:someone|somebody|anyone) else\\b|\\b(?:he|she|they|` +
      `the kids|my kids|the children)(?:'ll|'d| will| would) (?:all )?be better off with (?:his|her|` +
      `their) (?:dad|mum|mom|father|mother|gran|nan|grandparents)\\b|\\b(?:would|` +
      `'d) be better off with a (?:different|new|better) (?:mum|mom|dad|wife|husband|partner|parent|` +
      `daughter|son)\\b`,
    'others better off without them',
  ),
  entry(
    `\\b(?:hoping|hope|wishing|wish|praying|pray) (?:that )?(?:the |my )?(?:biopsy|scan|results?|tests?|` +
      `lump|tumou?r|diagnosis) (?:comes?|come|is|are|shows?|turns? out|will be) (?:back )?(?:bad|positive|` +
      `terminal|malignant|cancer)\\b|\\b(?:hoping|hope|wish|wishing|praying) (?:i|something|a bus|` +
      `a car) (?:get|gets|got|would|will) (?:hit|run over|ill|cancer|struck)\\b`,
    'hopes to die of illness or accident',
  ),
  entry(
    `\\b(?:would|'d|could) (?:all )?(?:get on|manage|cope|do|be|get by) (?:just )?(?:fine|better|ok|okay|` +
      `alright|happier) without me\\b|\\b(?:would|'d) have (?:their|her|his|my \\w+'?s) li(?:fe|` +
      `ves) back if i\\b|\\b(?:would|'d) be (?:free|happier|better) if i (?:was|were|wasn'?t|` +
      `weren'?t) (?:gone|dead|here|around)\\b`,
    'others better off without them',
  ),
]

/** Deep hopelessness that on its own warrants a check-in. */
export const HOPELESS_STRONG: LexiconEntry[] = [
  entry(
    `\\b(?:don'?t|dont|do not|can'?t|cant|cannot|no longer|struggle to|fail to) see (?:the|` +
      `any) point(?: (?:in|of) (?:anything|any of (?:it|this)|it all|life|living|going on|carrying on|` +
      `being (?:here|alive)|trying|existing|me|anything any ?more))?(?= *(?:[.!?,;\\n]|any ?more|now|$|and|` +
      `but|so|in anything|of anything|in any|of any|in it|of it|in life|of life|in living|of living|` +
      `in going|of going|in carrying|in trying))`,
    'sees no point',
  ),
  entry(
    `\\bwhat(?:'?s| is) (?:even )?the point (?:of|in) (?:anything|any of (?:it|this)|it all|life|living|` +
      `going on|carrying on|me|trying|being here|existing|even trying)\\b`,
    'asks what the point is',
  ),
  entry(
    `\\bwhat(?:'?s| is) (?:even )?the (?:use|point|meaning|purpose) (?:of|in) (?:my life|my living|` +
      `me living|me being (?:here|alive)|living|life) (?:now|any ?more|still)\\b|\\bwhat(?:'?s|` +
      ` is) the use of my life\\b|\\bmy life (?:has|is of) no (?:use|purpose|meaning) (?:now|any ?more)\\b|` +
      `\\bno use (?:in )?(?:me )?(?:living|being alive) (?:now|any ?more)\\b`,
    'asks what the point is',
  ),
  // A thought or urge to self-harm, told as now (a past or negated one is filtered out): a concern.
  entry(
    `\\b(?:thought|thoughts|urge|urges|thinking|craving|itch) (?:of|about|to) (?:cut|cutting|burn|` +
      `burning|hurt|hurting|harm|harming) (?:myself|again|my (?:arms?|legs?|wrists?|skin))\\b|` +
      `\\b(?:thought|thoughts|urge|urges|thinking) (?:of|about) cutting\\b`,
    'thinks of self-harm',
  ),
  entry(`\\b(?:can'?t|cant|cannot|don'?t|dont) see (?:any|a) (?:future|way out|way forward|light at the end|reason to)\\b`, 'sees no future'),
  entry(`\\b(?:can'?t|cant|cannot) see (?:any|a) way (?:this|it|things|my life) (?:works?|gets?|ends?|will|could|is going to)\\b`, 'sees no way through'),
  entry(
    `\\bno (?:version of (?:the|my) )?future (?:where|for me|in which)\\b|\\bthere'?s no (?:future|` +
      `way out|hope) (?:for me|left|of this|from this)\\b|\\bthere'?s no way out\\b`,
    'no future',
  ),
  entry(`\\bnot living,? (?:i'?m )?just existing\\b`, 'just existing'),
  entry(`\\b(?:sick|tired) of (?:existing|living|being alive|being here|life)\\b`, 'tired of existing'),
  entry(`\\b(?:don'?t|dont|do not) know how to keep (?:going|living|doing this)\\b`, 'cannot keep going'),
  entry(`\\b(?:can'?t|cant|cannot) (?:go on|keep going|carry on)(?: (?:like this|any ?more|living))?\\b`, 'cannot go on'),
  entry(`\\b(?:given|gave) up on (?:life|everything|living|myself)\\b`, 'has given up'),
  entry(
    `\\bno reason (?:to|fi|for me to) (?:live|go on|keep going|be here|get up)\\b|\\b(?:can'?t|cant|` +
      `cannot|don'?t|dont) see (?:much|any|a|the) reason (?:to|for me to) (?:get up|live|go on|carry on|` +
      `keep going|be here)\\b`,
    'no reason to live',
  ),
  entry(
    `\\b(?:can'?t|cant|cannot|don'?t|dont) (?:picture|imagine|see) (?:a|any) (?:future|life|` +
      `tomorrow)(?: (?:i'?d|i would|worth|for me|that))?\\b(?! (?:without|with|where (?:he|she|they)|` +
      `in which (?:he|she|they)))`,
    'sees no future',
  ),
]

/** Hopelessness that is common in hard-but-safe venting; two distinct ones are a concern. */
export const HOPELESS_WEAK: LexiconEntry[] = [
  entry(`\\bstopped (?:hoping|believing|expecting|caring)\\b`, 'stopped hoping'),
  entry(`\\b(?:i'?ve|i have|ive) had enough\\b(?! (?:to eat|of (?:this|the|that|your|his|her|their|my) (?!life\\b)))`, 'has had enough'),
  entry(`\\bnothing(?:'s| is)? (?:ever |really )?(?:going to|gonna|ever going to|will ever|will) (?:get|feel|be|change|work out)\\b`, 'nothing will change'),
  entry(
    `\\b(?:won'?t|will never|never going to|isn'?t going to|is not going to) (?:ever )?(?:get|feel) (?:any )?(?:better|easier|right)\\b`,
    'will never get better',
  ),
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
  entry(
    `\\b(?:can'?t|cant|cannot) (?:see|picture|imagine) (?:this|it|things) (?:ever )?(?:ending|getting better|changing|improving|stopping)\\b`,
    'cannot see it end',
  ),
  entry(`\\b(?:(?:don'?t|dont|do not) (?:even |really )?know )?why (?:do |should )?i (?:even )?bother(?: (?:trying|any ?more))?\\b`, 'why bother'),
  entry(`\\b(?:i'?m|i am|im) (?:a|such a) lost cause\\b|\\bno hope (?:for|left for) me\\b`, 'a lost cause'),
  entry(
    `\\b(?:i'?m|i am|im) (?:just )?in (?:the|every(?:one|body)'?s) way\\b|\\bin the way of every(?:one|` +
      `body)\\b|\\b(?:just )?a (?:sad |useless )?weight on (?:all of )?(?:them|everyone|my family)\\b`,
    'feels a burden',
  ),
  entry(
    `\\b(?:just )?feel (?:so |completely |totally )?numb\\b|\\binside there'?s nothing\\b|\\bso tired of (?:it all|everything|all of it)\\b`,
    'feels empty',
  ),
]

/** A method or means at hand. */
export const MEANS: LexiconEntry[] = [
  entry(
    `\\b(?:got|have|i'?ve|ive) (?:it |everything |them |things )?(?:all )?(?:set up|sorted|ready|planned(?: out)?|lined up|worked out|in place)\\b`,
    'has it all set up',
  ),
  entry(
    `\\beverything(?:'s| is) (?:all )?(?:ready|set up|in place)\\b(?! for (?:the|his|her|their|our|a|tomorrow|christmas|the party|school)\\b)`,
    'has it all set up',
  ),
  entry(
    `\\beverything i need\\b(?! to)|\\b(?:got|have|bought|collected) (?:what|all) i need\\b|\\bwhat i need (?:put by|ready|sorted)\\b`,
    'has what they need',
  ),
  entry(`\\benough (?:put by|saved|stored|stockpiled|${PILLS}|${DRUGS}|to make sure|to do it|to finish)\\b`, 'has enough put by'),
  entry(
    `\\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|counted|counting|collected|collecting|` +
      `lined)(?: up| out)? (?:my |the |all my |all the |enough |some |his |her )?(?:\\w+ )?(?:${PILLS}|` +
      `(?:fentanyl |morphine |buprenorphine |insulin )?(?:patches|pens))\\b`,
    'stockpiled pills',
  ),
  entry(
    `\\b(?:all|the whole|a) (?:of )?(?:his |her |my |the |mum'?s |` +
      `dad'?s )?(?:\\w+ )?${PILLS}\\b[^.!?\\n]{0,30}\\b(?:in front of me|next to me|on the (?:desk|table|` +
      `side|bed)|lined up|ready)\\b`,
    'pills ready',
  ),
  entry(`\\b(?:the |my )?plan is (?:sorted|set|ready|in place|made|done)\\b`, 'has a plan'),
  entry(
    `\\b(?:got|have|has|saved|kept|hidden|hid)(?: (?:back|aside|by|away))? (?:\\d{2,}|twenty|thirty|` +
      `forty|fifty|a hundred|loads|dozens) (?:of )?(?:my |his |her |the |mum'?s |dad'?s |mums |` +
      `dads )?(?:[\\w'-]+ )?${MEDS_REF}\\b`,
    'stockpiled pills',
  ),
  entry(`\\b${PILLS} (?:are )?(?:all )?(?:lined up|counted out|counted|ready|in front of me|on the (?:desk|table|side|bed))\\b`, 'pills ready'),
  entry(`\\b\\d{3,5} ?mg\\b|\\b\\d{2,3} (?:pills|tablets|paracetamol)\\b`, 'a dose'),
  entry(`\\b(?:a|the|bought a|got a|tied a) (?:rope|noose|ligature)\\b`, 'a rope'),
  entry(`\\b(?:razor ?blades?|a blade|the blade|in the (?:bath|tub) with (?:a|the|my) (?:razor|knife|stanley knife))\\b`, 'a blade'),
  entry(
    `\\b(?:it'?s|its|it is|got it|everything'?s) all planned\\b|\\ball planned out\\b|\\bi (?:have|` +
      `'?ve got|ve got|got) a plan\\b|\\bmade a plan\\b|\\bknow (?:exactly )?how i'?(?:m going to|ll|` +
      `d) do it\\b|\\bknow exactly how\\b`,
    'has a plan',
  ),
  entry(`\\b(?:bought|scored|picked up|got) (?:a|another) bag\\b`, 'bought drugs'),
  entry(
    `\\b(?:use|take|swallow|drink|inject|do|shoot|smoke) (?:it )?(?:all|the lot|everything|` +
      `the whole (?:lot|bag|bottle|box))(?: of it)? (?:at once|in one go)\\b`,
    'all at once',
  ),
  entry(`\\b(?:the|a) (?:bridge|cliff|railway line|train tracks|multi[- ]?storey)\\b(?= (?:tonight|tomorrow|later|at|this|when|after|now))`, 'a place'),
  entry(`\\bbooked (?:the|a) (?:hotel|room)\\b[^.!?\\n]{0,60}\\b(?:end|die|it)\\b`, 'booked somewhere to die'),
  entry(
    `\\b(?:filled|fill|filling|put|putting|stuffed|loaded) (?:my |his |her )?(?:coat |` +
      `jacket )?pockets (?:with|full of) (?:stones|rocks|bricks)\\b|\\bpockets full of (?:stones|rocks)\\b`,
    'weighted pockets',
  ),
  entry(`\\b(?:picked|chosen|found) the (?:tree|bridge)\\b`, 'has a plan'),
  entry(
    `\\b(?:taped|sealed|blocked) (?:up )?(?:the |all the |my )?(?:windows|doors?|vents|room|car|` +
      `gaps)\\b[^\\n]{0,60}\\b(?:charcoal|exhaust|gas|bbq|barbecue|hose)\\b|\\b(?:charcoal|exhaust|gas|bbq|` +
      `barbecue|hose)\\b[^\\n]{0,60}\\b(?:taped|sealed) (?:up )?(?:the |all the |my )?(?:windows|doors?|` +
      `vents|room|car|gaps)\\b|\\bhose(?:pipe)?(?: is| 's|'s)?(?: (?:attached|taped|fixed|on|in))? (?:to|` +
      `into|on|from|in) the exhaust\\b|\\bexit bag\\b`,
    'a method',
  ),
]

/** Soon: a time, a day, an event after which they will act. */
export const TIME: LexiconEntry[] = [
  entry(`\\b(?:tonight|tonite|tonigh|2nite|2night|tonght|tomorrow|tmrw|tomoz|tomorow)\\b`, 'tonight or tomorrow'),
  entry(
    `\\bthis (?:weekend|evening|afternoon|morning|week)\\b|\\b(?:this|next|on) ${WEEKDAY}\\b|\\b${WEEKDAY} (?:is (?:when|the day)|night)\\b|\\b${WEEKDAY}\\b`,
    'a day',
  ),
  entry(`\\bat \\d{1,2}(?::\\d\\d)? ?(?:am|pm|o'?clock|tonight)?\\b`, 'a time'),
  entry(
    `\\bafter (?:my|the) (?:shift|appointment|funeral|meeting|kids go)\\b|\\bwhen (?:my|the|everyone|mum|` +
      `dad|mom|he|she|they)\\b[^.!?\\n]{0,25}\\b(?:leaves?|goes out|is asleep|are asleep|` +
      `go(?:es)? to (?:sleep|bed)|gone)\\b|\\bonce (?:he|she|they|the house|everyone|mum|dad|mom|` +
      `it)\\b[^.!?\\n]{0,30}\\b(?:settled|empty|gone|asleep|sorted|done|over)\\b|\\bafter (?:mum|dad|mom|` +
      `everyone|he|she|they) (?:goes|has gone|go|have gone|is) (?:to (?:sleep|bed)|asleep|out)\\b`,
    'after an event',
  ),
  entry(
    `\\bright now\\b|\\bin (?:an|a few|\\d+|one|two) (?:hours?|minutes?|mins?)\\b|\\bbefore (?:morning|` +
      `the weekend|the end of the (?:day|week))\\b|\\bby (?:tomorrow|the morning|the weekend|` +
      `${WEEKDAY})\\b|\\bon the \\d{1,2}(?:st|nd|rd|th)\\b`,
    'soon',
  ),
]

/** Saying goodbye, putting affairs in order, giving away pets and things. */
export const GOODBYE: LexiconEntry[] = [
  entry(
    `\\b(?:written|wrote|writing|left|leaving|finished) (?:my |a |the |some |all my |all the )?(?:notes?|letters?|goodbyes?)\\b`,
    'has written notes or letters',
  ),
  entry(`\\b(?:letters?|notes?) (?:are|is) (?:written|done|ready|finished)\\b`, 'has written notes or letters'),
  entry(`\\b(?:written|wrote|i'?ve left) (?:letters? |notes? )?(?:to|for) (?:my|everyone|each|all|the)\\b`, 'has written to family'),
  entry(
    `\\b(?:said|saying|say) (?:my )?goodbyes?\\b(?! to (?:the|our|my|his|her|their|this|that) (?:(?:old|` +
      `trusty|beloved) [\\w'-]+|(?:[\\w'-]+ ){0,3}?(?:crutch(?:es)?|wheelchair|walker|cast|boot|sling|` +
      `stick|house|home|flat|bungalow|car|job|office|school|street|town|city|village|garden|shop|ward|area|` +
      `neighbourhood|country|place|room|dog|cat|horse)\\b))|\\b(?:wanted|want|came|come) to say (?:bye|` +
      `goodbye)\\b|\\bthis is (?:goodbye|bye)\\b`,
    'said goodbyes',
  ),
  entry(
    `\\b(?:give|gave|giving|given|arranged for|asked|told)\\b[^.!?\\n]{0,40}\\b(?:to )?(?:take|have|` +
      `look after|feed|check on|adopt|care for|mind)\\b (?:my |the |our )?(?:cat|cats|dog|dogs|pets?|kids|` +
      `children|guitar|rabbit|bird|fish|hamster|plants)\\b`,
    'arranged care for pets or people',
  ),
  entry(
    `\\b(?:give|gave|giving|given|gave away|giving away) (?:away )?(?:my|all my) (?:cat|dog|pets?|guitar|` +
      `things|stuff|belongings|possessions|clothes|books)\\b|\\bgave my \\w+ to\\b`,
    'given things away',
  ),
  entry(
    `\\b(?:the |my )?(?:cat|cats|dog|dogs|pets?|kids)(?:'s| is| are)? (?:going|gone) (?:to (?:my|a|the|live with)|with)\\b`,
    'arranged care for pets or people',
  ),
  entry(`\\bpaid (?:off|back) (?:what i owe|my debts|everything|everyone)\\b|\\b(?:cleared|settled) (?:all )?my debts\\b`, 'put affairs in order'),
  entry(
    `\\bthis (?:place|forum|group|site|community) (?:has )?meant (?:a lot|so much|everything)\\b|` +
      `\\bthanks? (?:you )?for being my (?:people|family|friends)\\b|\\blove to (?:everyone|you all|` +
      `all of you)\\b`,
    'farewell thanks',
  ),
  entry(`\\bsomeone (?:knows|to know) to check on\\b|\\bso (?:someone|somebody) (?:knows|finds)\\b`, 'asks someone to check on things'),
  entry(
    `\\b(?:put|putting|got|getting|sorted) (?:everything|things|my affairs|my things|it all|` +
      `my stuff) in order\\b|\\bsorted (?:out )?(?:my|the) (?:will|affairs|funeral)\\b|` +
      `\\bthe will, the passwords\\b|\\bmy passwords\\b`,
    'put affairs in order',
  ),
  entry(
    `\\bthis (?:is|will be) (?:my|the) (?:last|final) (?:post|message|time (?:i post|you hear))\\b|` +
      `\\bmy (?:last|final) (?:post|message|words)\\b(?! (?:on|in) (?:this|the|that) (?:thread|topic|` +
      `subject)| for (?:a while|now|today|tonight|a bit|the (?:day|week|year)))`,
    'a last post',
  ),
  entry(
    `\\b(?:thank you|thanks) (?:all |everyone |so much |to (?:everyone|you all|all of you|` +
      `the few of you)[^.!?\\n]{0,40})?for (?:everything|all of it|all you(?:'ve| have) done|` +
      `listening to me|being there|being kind|(?:the|your|all the|all your) (?:kindness|support|love|` +
      `friendship|chats))\\b|\\bthank you to the few\\b`,
    'thanks everyone for everything',
  ),
  entry(
    `(?:^|[.!?\\n] *)(?:goodbye|bye|farewell)(?: (?:everyone|all|all of you|forever|friends|` +
      `guys))?[.! x]*$|\\b(?:goodbye|farewell) (?:everyone|all|forever|friends|guys)\\b`,
    'says goodbye',
  ),
  entry(
    `\\b(?:please )?don'?t be sad (?:for me|when)\\b|\\bdon'?t (?:try (?:to|and)|` +
      `bother trying to) (?:talk me out|stop me|find me|save me)\\b|\\bnot looking to be talked out\\b|` +
      `\\b(?:don'?t|dont|please don'?t) (?:come )?(?:look|looking|search|come) (?:for|after) me\\b|` +
      `\\b(?:don'?t|dont) (?:try to )?find me\\b|\\bdon'?t bother reporting\\b`,
    'asks not to be stopped',
  ),
  entry(`\\b(?:you'?ve|you have) been kinder than\\b|\\bkinder than i deserved\\b`, 'thanks as if leaving'),
  entry(`\\bsorry (?:everyone|for everything|dad|mum|mom|to everyone|for being a (?:burden|burdon))\\b`, 'apologises as if leaving'),
  entry(
    `\\bat peace with (?:it|this|my decision|that)\\b|\\bmade (?:my )?peace with (?:it|this|everything)\\b|\\bthis is what i want\\b`,
    'at peace with a decision',
  ),
  entry(
    `\\b(?:i'?ve|i have|ive) (?:made up my mind|decided)\\b(?! (?:to|on|what|which|whether|against|` +
      `not)\\b)|\\bmy mind is made up\\b|\\bmade (?:my|the) (?:choice|decision)\\b(?! (?:to|about|on|of|` +
      `for|that|yet))`,
    'has decided',
  ),
  entry(`\\b(?:cancelled|canceled) (?:all )?(?:my )?(?:appointments|plans)\\b`, 'cancelled appointments'),
  entry(
    `\\bwon'?t be (?:here|around) (?:tomorrow|much longer|any ?more|by)\\b|` +
      `\\bdidn'?t want to (?:disappear|go) without (?:telling|saying)\\b|\\b(?:won'?t|will not|` +
      `wont) be (?:posting|on here|online|logging on|checking in) (?:again|any ?more|after (?:that|this|` +
      `tonight|today))\\b`,
    'will not be here',
  ),
  entry(
    `\\b(?:the |my )?(?:kids|children|cat|cats|dog|dogs|pets?|boys|girls|son|daughter)(?:'ll| will|` +
      ` are to) (?:go|be going) (?:to|with) (?:my|their|his|her|a|the)\\b`,
    'arranged care for pets or people',
  ),
  entry(
    `\\b(?:the |my )?(?:will|affairs|paperwork|finances|funeral) (?:is|are) (?:all )?(?:sorted|done|in order|written|arranged|paid for)\\b`,
    'put affairs in order',
  ),
  entry(`\\b(?:i )?just wanted (?:someone|somebody|you all|people) to know\\b`, 'wanted someone to know'),
  entry(
    `\\btell (?:my|them|him|her) (?:\\w+ )?(?:i love|i'?m sorry|that i love|sorry)\\b|\\blook after each other\\b|\\bplease look after (?:my|the)\\b`,
    'leaves last messages',
  ),
  entry(`\\bi don'?t care what happens to me\\b`, 'does not care what happens to them'),
  entry(`(?:^|[.!?\\n] *)(?:it'?s|it is) time(?: now)?(?= *(?:[.!?\\n]|$))`, 'says it is time'),
  entry(`\\bmake sure (?:someone|somebody|you|they|he|she) (?:feeds|looks after|takes|walks|checks on|gets) (?:my|the)\\b`, 'arranged care for pets or people'),
  // Wider goodbye and final-arrangement wordings.
  entry(
    `\\b(?:won'?t|will not|wont|not going to|not gonna) be (?:here|around|alive) (?:after (?:that|` +
      `tonight|today|this|then|\\w+day)|past (?:tonight|today|\\w+day|the weekend)|by (?:then|` +
      `the (?:weekend|morning)|\\w+day|tomorrow))\\b`,
    'will not be here',
  ),
  entry(`\\b(?:won'?t|will not|wont) be (?:here|around) (?:for (?:it|that|them)|when (?:it|that|they))\\b`, 'will not be around for it'),
  entry(
    `\\b(?:not|never) (?:driving|coming|going|walking|getting) (?:back )?home (?:this time|tonight|again|` +
      `after this)\\b|\\bnot coming back (?:this time|from this)\\b|\\bwon'?t be coming (?:back|home)\\b`,
    'will not be here',
  ),
  entry(
    `\\b(?:won'?t|will not|wont) (?:be )?need(?:ing)? (?:the|a|my) return(?: ticket| journey| half)?\\b|` +
      `\\bone[- ]way ticket\\b(?=[^]{0,120}\\b(?:cliffs?|bridge|sea|coast|end|for good|last)\\b)`,
    'will not be here',
  ),
  entry(
    `\\b(?:rehom(?:e|ing)|re-?home|find(?:ing)? (?:a )?(?:new |good |forever )?home for|(?:room|a home|` +
      `space|someone|somebody|anyone) (?:for|to take|to have|to adopt|to look after)) (?:my |our |a |an |` +
      `the |her |him |them )?(?:[\\w'-]+ ){0,3}?(?:cat|cats|kitten|dog|dogs|puppy|greyhound|lurcher|` +
      `spaniel|terrier|labrador|collie|pets?|rabbits?|budgie|parrot|birds?|hamster|guinea pigs?|tortoise|` +
      `horse|pony|snake|fish)\\b`,
    'arranged care for pets or people',
  ),
  entry(
    `\\b(?:will|'ll|is going to|are going to|is having|are having|is taking|are taking|can have|` +
      `can take) (?:have |take |look after |raise |keep )?(?:the|my|our) (?:two |three |little |youngest |` +
      `eldest )?(?:kids|children|boys|girls|little ones|cat|cats|dog|dogs|pets?)(?: (?:from now on|` +
      `for good|permanently|after (?:this|i'?m gone|tonight)))\\b|\\bwho (?:will|would|'?ll) (?:have|take|` +
      `look after|raise|get) (?:the|my|our) (?:kids|children|boys|girls|cat|dog|pets?)\\b|\\b(?:the|` +
      `my) (?:kids|children|boys|girls) (?:are|will be) (?:going to|staying with|living with|with) (?:my|` +
      `their|his|her) \\w+ (?:from now on|permanently|for good|after)\\b`,
    'arranged care for pets or people',
  ),
  entry(
    `\\bgave (?:away )?(?:my|all my) (?:[\\w'-]+ ){0,4}?to (?:my|a|the|his|her|their|some)\\b|\\bgiven (?:away )?(?:my|all my) (?:[\\w'-]+ ){0,3}?to\\b`,
    'gave belongings away',
  ),
  entry(
    `\\b(?:cancelled|canceled|cancelling|canceling) (?:all )?(?:my |` +
      `the )?(?:[\\w'-]+ ){0,3}?(?:appointments?|plans|subscriptions?|tenancy|` +
      `bookings?)\\b(?= [^.!?\\n]{0,40}\\b(?:won'?t|wont|will not|not be|no point|need)\\b)`,
    'cancelled appointments',
  ),
  entry(`\\beverything else is (?:sorted|done|in order|arranged|taken care of)\\b`, 'things sorted'),
  entry(
    `\\beverything(?:'s| is) (?:now )?(?:in order|taken care of)\\b(?! for (?:the|his|her|their|mum|dad|` +
      `my|our|a)\\b)|\\b(?:all|everything) (?:is )?(?:sorted|in order) for (?:after|when i'?m gone)\\b|` +
      `\\b(?:my|the) will(?: is|'s) (?:on|in|under|with) (?:the|my|a)\\b`,
    'put affairs in order',
  ),
  entry(
    `(?<!(?:should i|how do i|how can i|want to|wanted to|need to|going to|gonna|can i|could i|will|i'll|` +
      `did i|never got to|get to|chance to|to) )\\btell (?:my |our )?(?:\\w+ ){0,2}?(?:i'?m sorry|` +
      `i am sorry|sorry|i love (?:him|her|them|you)|i loved)\\b`,
    'leaves last messages',
  ),
  entry(`\\b(?:left|wrote|written|writing) (?:a )?(?:letters?|notes?) (?:for|to) (?:each|every|all|my|the|everyone)\\b`, 'has written notes or letters'),
  entry(
    `\\b(?:u|you) (?:were|have been|'?ve been|all were) (?:so )?(?:good|kind|lovely) to me\\b|` +
      `\\bsorry to (?:whoever|whomever|anyone who) (?:reads|finds) this\\b`,
    'farewell thanks',
  ),
  entry(
    `\\b(?:i'?m|im|i am) done now\\b|\\bi'?m (?:finally )?(?:calm|at peace) (?:now|for the first time)\\b|\\bfeel calm for the first time\\b`,
    'at peace with a decision',
  ),
  entry(
    `\\b(?:just )?(?:needed|wanted|want) to (?:tell someone|write (?:it|something)(?: down)?(?: to (?:someone|somebody))?|say it somewhere)\\b`,
    'wanted someone to know',
  ),
]

/** Vague but ominous: "I'm going to do it", "tonight I'm going to be with Dad". */
export const VAGUE_INTENT: LexiconEntry[] = [
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|ready to|decided to|about to) (?:do it|go through with it|` +
      `finally do it|end it|finish it|make sure (?:this time|it works))\\b(?! (?:with|for|at the|` +
      `in the))(?! ?!)`,
    'says they will do it',
  ),
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|ready to|about to) (?:be with|join) (?:${KIN})\\b(?! (?:for|at|in|and|to|while|because|over|around|family|friends)\\b)`,
    'says they will join the dead',
  ),
  entry(
    `\\b(?:i'?ll|i will|going to|gonna|i'?m taking|i am taking|i'?m swallowing) (?:take |swallow |use |` +
      `do )?(?:them|it|the lot|all of them|those)\\b(?= (?:on|at|tonight|tomorrow|this|next|when|after|` +
      `once))`,
    'says they will take them',
  ),
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|about to|ready to) jump\\b(?! (?:in|on|into|at|the|through|ship|` +
      `up|out of|for|back|over|to|from|straight|right|around|ahead|at))`,
    'says they will jump',
  ),
  entry(
    `(?:^|[.!?\\n] *)(?:taking|doing|using|injecting|swallowing|necking) (?:them|it|the lot|all of them|` +
      `them all)(?= (?:on|at|tonight|tomorrow|this|next|when|after|once)\\b)`,
    'says they will take them',
  ),
  entry(`\\bto make sure this time\\b|\\bmake sure (?:it works )?this time\\b`, 'make sure this time'),
  entry(`\\b(?:${WEEKDAY}|tonight|tomorrow) is (?:the day|when)\\b|\\b(?:tonight|today|tomorrow)(?:'s| is) the (?:night|day)\\b`, 'has chosen a day'),
  entry(`\\b(?:i )?(?:don'?t|dont|do not) want to be here tomorrow\\b`, 'does not want to be here tomorrow'),
]

/** Credible threat to someone else. */
export const THREAT: LexiconEntry[] = [
  entry(
    `\\b(?:is|are|'s|'re) (?:going to|gonna) (?:find out what (?:that|it) feels like|pay for (?:it|this|` +
      `that|what (?:he|she|they) did))\\b|\\b(?:he|she|they)(?:'ll| will) pay for (?:it|this|that|` +
      `what (?:he|she|they) did)\\b`,
    'threatens revenge',
  ),
  entry(
    `\\b(?:he|she|they)(?:'ll| will)? (?:won'?t|will not|wont) be (?:walking|talking|breathing|` +
      `getting up|laughing|smiling|going) (?:anywhere )?(?:after|again|ever again)\\b`,
    'threatens to kill someone',
  ),
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|about to|i'?m going to) (?:kill|murder|stab|shoot|batter|strangle|` +
      `hurt|glass|smash) (?:him|her|them|that (?:man|woman|guy|bastard|bitch|dealer|\\w+)|my (?:stepdad|` +
      `step-dad|dad|mum|mom|husband|wife|partner|ex|boss|neighbour|brother|sister|son|daughter|landlord|` +
      `carer)|the (?:guy|man|woman|dealer|carer|nurse|bastard))\\b`,
    'threatens to kill someone',
  ),
  entry(
    `\\b(?:he|she|they|him|her|that \\w+)(?:'ll| will)? (?:won'?t|will not|` +
      `wont) be (?:\\w+ing) (?:at )?(?:anyone|anybody|anything|us|me|my \\w+|people)? ?(?:ever )?again\\b|` +
      `\\b(?:make sure|making sure) (?:he|she|they) (?:never|can'?t|won'?t) (?:\\w+ ){0,3}?again\\b`,
    'threatens to kill someone',
  ),
  entry(
    `\\b(?:going to|gonna|i'?ll|i will|about to|i'?m going to|want to|wanna) (?:kill|murder|stab|shoot|` +
      `batter|strangle|hurt|glass|smash|do|deal with|end) (?:that |the )?(?:\\w+ )?(?:bastard|bitch|prick|` +
      `scum|cunt|him in|her in|them in)\\b`,
    'threatens to kill someone',
  ),
]

/**
 * A concrete way to kill someone in the writer's care or home (a pillow, their own medication, an
 * overdose given): a carer's calm statement of it is a credible threat, urgent by the guide, even
 * with no word of violence. Idioms ("I could kill him") never name a method.
 */
export const THREAT_METHOD: LexiconEntry[] = [
  entry(
    `\\b(?:put|putting|hold|holding|press|pressing)(?: a| the)? (?:pillow|cushion|bag|plastic bag) over (?:his|her|their) (?:face|head|mouth)\\b`,
    'plans a way to kill someone',
  ),
  entry(
    `(?<!\\b(?:it'?s|it is|that'?s|is|are|was|were|they'?re|says?|thinks?|believes?) )\\b(?:smother|` +
      `smothering|suffocate|suffocating|strangle|strangling|poison|poisoning) (?:him|her|them|my (?:mum|` +
      `mom|mother|dad|father|husband|wife|partner|son|daughter|nan|gran))\\b`,
    'plans a way to kill someone',
  ),
  entry(
    `\\b(?:give|giving|gave) (?:him|her|them) (?:all|the whole|the rest|every one|everything|double|` +
      `a double dose|too much) (?:of )?(?:(?:his|her|their) )?(?:morphine|insulin|oxycodone|fentanyl|` +
      `tablets|pills|meds|medication|dose|doses|patches|liquid morphine|oramorph)\\b|\\b(?:overdose|` +
      `od) (?:him|her|them)\\b`,
    'plans a way to kill someone',
  ),
  entry(`\\bend (?:it|this) for (?:both of us|us both|the two of us|him and me|her and me)\\b|\\btake (?:him|her) with me\\b`, 'plans a way to kill someone'),
  entry(`\\b(?:put|putting|get|getting|wrap|wrapping) my hands (?:round|around) (?:his|her|their) (?:throat|neck)\\b`, 'plans a way to kill someone'),
  entry(
    `\\b(?:bought|got|buying|getting|have) (?:some |the |a (?:box|packet|bottle|tin) of )?(?:rat poison|` +
      `weedkiller|weed killer|antifreeze|poison)\\b(?=[^]{0,200}\\b(?:his|her|their) (?:soup|porridge|tea|` +
      `coffee|food|drink|dinner|meal|meals|tablets|medication|pills|juice|stew|breakfast|supper)\\b)`,
    'plans a way to kill someone',
  ),
  // Fire or acid against a person or their home: petrol through a letterbox kills whoever sleeps there.
  entry(
    [
      `\\b(?:pour|pouring|douse|dousing|splash|splashing|throw|throwing|chuck|chucking) `,
      `(?:it|petrol|gasoline|lighter fluid|paraffin|acid|the (?:petrol|acid|lot))(?: all)? `,
      `(?:over|on|in|into|through) (?:him|her|them|his|her|their)\\b`,
      `|\\b(?:set|setting) fire to (?:his|her|their) (?:house|flat|home|place|front door|door|letterbox|letter box)\\b`,
    ].join(''),
    'plans a way to kill someone',
  ),
]

export const WEAPON: LexiconEntry[] = [
  entry(
    `\\b(?:with|got|have|grabbed|holding|took|taking|bring|bringing|sharpened|got out|put|hid|hidden|` +
      `keep|kept|bought|loaded) (?:a|the|my|his|dad'?s) (?:hammer|machete|knife|knives|gun|bat|axe|crowbar|` +
      `baseball bat|shotgun|rifle|pistol)\\b`,
    'has a weapon',
  ),
  entry(
    `\\b(?:knife|gun|shotgun|rifle|hammer|machete|axe|blade|bat)(?: is|'s) (?:under|in|ready|hidden|` +
      `loaded|sharp|by)\\b|\\b(?:had|got|have|taken|took|cleaned|loaded|sharpened|bought|hid|hidden|kept|` +
      `keep|brought|bring|grabbed|holding|fetched|got out|taken down|got down)(?: (?:out|down|up))? (?:a|` +
      `the|my|his|her|dad'?s|my \\w+'?s|\\w+'?s) (?:\\w+ )?(?:hammer|machete|knife|knives|gun|shotgun|` +
      `rifle|air rifle|pistol|bat|axe|crowbar|baseball bat|crossbow|(?<!razor )blade|cleaver|tyre iron|` +
      `tire iron|iron bar|wrench|poker|spanner)\\b`,
    'has a weapon',
  ),
]

export const THREAT_SERIOUS: LexiconEntry[] = [
  entry(
    `\\bnot (?:exaggerating|joking|kidding)\\b|\\bi mean it\\b|\\bi'?m (?:deadly )?serious\\b|` +
      `\\bwon'?t be walking away\\b|\\bwaiting for (?:him|her|them) to (?:come|get) (?:back|home)\\b|` +
      `\\b(?:waiting|wait) for (?:him|her|them|that (?:\\w+)|the (?:lad|man|guy|woman|kid|boy|girl|bloke|` +
      `landlord|neighbour|boss|manager|foreman|teacher|carer|dealer|ex)) (?:at|outside|by|after|near|` +
      `round)\\b|\\bknow (?:which way|what time|when) (?:he|she|they) (?:walks?|leaves?|gets?|goes|` +
      `comes)\\b|\\bgoing round (?:there|to his|to hers|to theirs)\\b|\\bdon'?t bother reporting\\b|` +
      `\\bi don'?t care what happens to me\\b|\\bknow where (?:he|she|they) (?:lives?|parks?|works?)\\b|` +
      `\\bwhile (?:he|she|they)(?:'s|'re| is| are)? (?:asleep|sleeping|sleeps?)\\b`,
    'means it',
  ),
  entry(
    `\\b(?:i'?m |i am |im )?going (?:over|round|across) (?:there|to (?:his|hers|theirs|their house|` +
      `his house|her house))\\b|\\bthe (?:second|minute|moment) (?:he|she|they) (?:walks?|comes?|gets?|` +
      `steps?)\\b|\\bdon'?t care if i (?:go down|go to (?:jail|prison)|get caught|get locked up)\\b`,
    'means it',
  ),
]

/** "I'm not going to do anything": keeps passive ideation at concern rather than urgent. */
export const NO_PLAN: LexiconEntry[] = [
  entry(
    `\\b(?:not|never|won'?t|n'?t|wont|wouldn'?t) (?:going to |gonna |ever )?[^.!?\\n]{0,20}\\b(?:do|` +
      `doing) (?:anything|owt|something)(?: (?:stupid|daft|silly|to myself))?\\b`,
    'says they will not act',
  ),
  entry(
    `\\b(?:haven'?t|don'?t|do not|have not|havent|dont) (?:got|have) (?:a|any) plans?\\b|\\bno plans? to\\b|\\bnot planning (?:anything|to)\\b`,
    'has no plan',
  ),
  entry(`\\b(?:wouldn'?t|would never|won'?t|not going to|not gonna|never) (?:act|acting) on (?:it|them)\\b`, 'will not act on it'),
  entry(`\\b(?:not|never) (?:going to |gonna )?(?:hurt|harm) myself\\b|\\bi'?d never do anything\\b|\\bi'?m safe\\b|\\bi am safe\\b`, 'says they are safe'),
  entry(
    `\\bi'?d never (?:\\w+ )?(?:do|step|act|go through|jump|take)\\b|\\b(?:not|never) (?:trying|` +
      `going) to (?:die|kill myself|hurt myself)\\b|\\bnot in (?:any )?danger\\b|\\bnot planning on\\b|` +
      `\\bi'?m not there\\b`,
    'says they will not act',
  ),
]

// ---------------------------------------------------------------------------------------
// Families added for generalisation: wordings the phrase lists above did not anticipate.
// Each is a general shape (verb + quantity + drug, posture + dangerous place, ...), never
// one post's sentence.

/** Any medication or drug a person might overdose on: prescription, over the counter, street. */
export const MEDS = `(?:${[
  'pills',
  'pill',
  'tablets',
  'tabs',
  'caps',
  'capsules',
  'meds',
  'medication',
  'medications',
  'medicine',
  'painkillers',
  'pain killers',
  'antidepressants',
  'anti-?depressants',
  'sleeping (?:pills|tablets)',
  'sleepers',
  'opioids',
  'opiates',
  'benzos?',
  'paracetamol',
  'acetaminophen',
  'tylenol',
  'panadol',
  'ibuprofen',
  'nurofen',
  'advil',
  'aspirin',
  'naproxen',
  'co-?codamol',
  'codeine',
  'dihydrocodeine',
  'tramadol',
  'morphine',
  'oxy',
  'oxycodone',
  'oxycontin',
  'oxys',
  'percocet',
  'vicodin',
  'hydrocodone',
  'fentanyl',
  'fent',
  'methadone',
  'buprenorphine',
  'subutex',
  'suboxone',
  'heroin',
  'smack',
  'gear',
  'amitriptyline',
  'nortriptyline',
  'sertraline',
  'citalopram',
  'escitalopram',
  'fluoxetine',
  'prozac',
  'paroxetine',
  'mirtazapine',
  'venlafaxine',
  'duloxetine',
  'trazodone',
  'quetiapine',
  'seroquel',
  'olanzapine',
  'lithium',
  'lamotrigine',
  'pregabalin',
  'lyrica',
  'gabapentin',
  'propranolol',
  'zopiclone',
  'zolpidem',
  'ambien',
  'temazepam',
  'diazepam',
  'valium',
  'lorazepam',
  'ativan',
  'clonazepam',
  'klonopin',
  'alprazolam',
  'xanax',
  'xans',
  'bars',
  'nytol',
  'promethazine',
  'insulin',
  'metformin',
  'warfarin',
  'ketamine',
  'ket',
  'coke',
  'cocaine',
  'crack',
  'meth',
  'mdma',
  'pingers',
  'spice',
  'ghb',
  'gbl',
  'downers',
].join('|')})`

const BODY =
  '(?:arm|arms|forearm|forearms|wrist|wrists|leg|legs|thigh|thighs|stomach|tummy|belly|skin|hip|hips|' +
  'ankle|ankles|shoulder|shoulders|chest|side|calf|calves|upper arm)'
const NUM = '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|a couple of|a few|several|loads of|a load of|a bunch of)'
const CONTAINER = '(?:boxes|box|packets|packet|packs|pack|strips|strip|bottles|bottle|blister packs|sheets|tubs|bags|scripts|prescriptions)'
/** Enough single pills to be an overdose, not a normal dose ("took two paracetamol"). */
const BIG_NUM = '(?:\\d{2,}|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|dozens of|loads of|a load of|a bunch of|loads|a load)'
/** A quantity big enough to be an overdose when swallowed at once. */
const QTY =
  `(?:(?:about|around|like|over|nearly|at least|maybe|probably|roughly|almost|` +
  `more than) )?(?:${NUM} (?:whole |full )?${CONTAINER}|(?:a |an |the )?(?:whole |full )?(?:8th|eighth|` +
  `quarter|half|ounce|oz|gram|teenth|half g)|${BIG_NUM}(?: (?:of )?(?:pills|tablets|tabs|caps|capsules|` +
  `grams|g))?|(?:a |the |my )?(?:whole|entire|full) (?:month|week|fortnight|blister (?:pack|packet|` +
  `strip)|box|bottle|packet|pack|strip|bag|lot|supply|prescription|script|tub|sheet|stash|batch|` +
  `thing)(?:'?s)?(?: (?:worth|supply))?|a (?:month|week|fortnight)'?s (?:worth|supply)|(?:a |` +
  `two )?handfuls?|everything i had|every (?:pill|tablet) i had|the rest of (?:my|the|it)|` +
  `(?:way )?too (?:many|much)(?: of)?)`

/**
 * Swallowing or using a quantity of a drug. crisis.ts counts it when a drug is named with a
 * big quantity, or when the post adds recency, purpose or bodily effects (INGEST_CONTEXT).
 */
export const INGEST = new RegExp(
  `\\b(?:took|taken|swallowed|downed|necked|did|done|used|shot|injected|had|snorted|smoked|popped|` +
    `dropped|chucked down|washed down)(?: (?:back|down|up))?(?:(?: [\\w'-]+){1,6}? (?:and|with|plus|` +
    `then))? (?:${QTY})(?:(?: of| o)?(?: (?:my|the|his|her|mum'?s|dad'?s|their|them|it|` +
    `those))?(?: [\\w'-]+){0,3}? (${MEDS}))?\\b`,
  'g',
)

/** Recency, purpose or the body failing: what turns "took a lot" into an overdose just taken. */
/** After "the whole bag": food and the like are not an overdose. */
export const INGEST_HARMLESS = new RegExp(
  "^(?: of)?(?: (?:my|the|his|her|them|it))?(?: [\\w'-]+){0,2}? (?:crisps|sweets|chocolates?|biscuits|" +
    'popcorn|cake|pizza|water|tea|coffee|food|dinner|wine gums|haribo|shopping|washing|paperwork|forms?|' +
    "jobs|work|homework|exercises|physio|course)\\b|^(?: of)?(?: [\\w'-]+){0,3}? off (?:the|a) (?:wall|" +
    'walls|door|floor|frame|shelf|shelves)\\b',
)
export const INGEST_CONTEXT = new RegExp(
  [
    `\\b(?:\\d+|a few|ten|twenty|half an?|an|a couple of|couple of|few) (?:mins?|minutes?|hours?|` +
      `hrs?) ago\\b|\\bjust now\\b|\\bit'?s been (?:about |like |around |nearly )?(?:\\d+|half an?|an|` +
      `a few|ten|twenty|forty) (?:mins?|minutes?|hours?|hrs?)\\b`,
    `\\bon purpose\\b|\\bdeliberately\\b|\\bto make (?:it|everything|the pain|this|the noise|` +
      `the thoughts) stop\\b|\\bfor good\\b|\\bso (?:that )?i (?:don'?t|won'?t|never) wake\\b|` +
      `\\bway more than (?:i|usual|normal)\\b`,
    `\\b(?:going|gone|getting|goes|feels?|feeling|everything'?s|everything is) (?:all |really |so )?(?:heavy|numb|slow|fuzzy|blurry|dark|floaty|distant)\\b`,
    `\\broom(?:'s| is)? (?:starting to |started to |beginning to |begun to )?(?:spin|spinning|tilt|` +
      `tilting|moving|swaying|sway)\\b|\\bcan'?t feel my\\b|\\bcan'?t (?:keep my eyes open|stay awake|` +
      `stand up|see straight)\\b|\\bheart (?:is )?(?:racing|pounding|going mad)\\b|\\b(?:feel|feeling|` +
      `getting|going|so|really|very) (?:so |really |very )?(?:drowsy|sleepy|woozy|dizzy)\\b|` +
      `\\bdon'?t feel anything yet\\b`,
  ].join('|'),
)

/** Just hurt themselves: verb + body part, with an instrument, an injury or a time nearby. */
export const SELF_INJURY = new RegExp(
  `(?:^|\\b)(?:cut|cuts|sliced|slashed|carved|burnt|burned|scalded|scratched|scraped|stabbed|` +
    `gouged) (?:into )?(?:myself|my (?:\\w+ )?${BODY})\\b|\\b(?:hit|hitting|punched|punching|banged|` +
    `banging|bashed|bashing|smashed|smashing|slapped|slapping) (?:myself|my (?:own )?(?:legs?|thighs?|` +
    `arms?|stomach|belly|head|face|ribs|chest|knees?|wrists?|hands?|fists?))\\b`,
  'g',
)
export const SELF_INJURY_EVIDENCE = new RegExp(
  '\\b(?:razor|razors|blade|blades|lighter|glass|knife|scissors|compass|sharpener|bleed\\w*|blood|' +
    'bloody|hurts|hurting|stings|stinging|towel|stitches|plasters?|bandages?|\\d+ times|(?:\\d+|few|ten|' +
    'twenty) mins?|minutes? ago|ago|just now|tonight|again|deep|deeper|on purpose|instead|to (?:feel|' +
    "make|stop|punish)|bruis\\w*|black and (?:blue|purple)|harder|(?:can'?t|cant|couldn'?t|" +
    "don'?t know how to|dont know how to) stop)\\b",
)
export const SELF_INJURY_ACCIDENT = new RegExp(
  '\\b(?:eczema|itch\\w*|rash|psoriasis|brambles?|thorns?|shaving|cooking|chopping|accident|' +
    'accidentally|gardening|fell|tripped|surgery|operation|crash|collision|on the road|tanker|lorry|' +
    'knocked (?:off|down)|brick wall|against (?:a|the) wall (?:with|over|about|trying))\\b|\\b(?:on|' +
    'against|off) (?:the|a|my) (?:\\w+ )?(?:oven|iron|kettle|pan|tray|hob|stove|door|table|radiator|' +
    'fence|gate|car|bike|corner)\\b',
)

/** Dangerous places. Strong: being there is the danger. Weak: only with distress or a time. */
const STRONG_SPOT =
  `(?:railings?|ledge|parapet|wrong side of the (?:railings?|barrier|fence)|(?:edge|side) of (?:the|` +
  `a) (?:cliff|roof|bridge|platform|quarry|building|car park|multi[- ]?storey|drop|tower|flyover)|` +
  `cliff edge|(?:train |railway )?tracks|railway line|roof|rooftop|(?:the )?top of (?:the|` +
  `a) (?:\\w+ )?(?:multi[- ]?storey|car park|building|tower|block|cliff|quarry)|top (?:deck|floor|` +
  `level|storey) of (?:the|a) (?:\\w+ )?(?:multi[- ]?storey|car park|building|tower|hospital|flats|` +
  `block))`
const WEAK_SPOT =
  `(?:level crossing|bridge|footbridge|flyover|overpass|viaduct|cliffs?|pier|jetty|river|riverbank|` +
  `canal|motorway|dual carriageway|reservoir|quarry|headland|lookout|platform|sea|seafront|` +
  `water'?s edge|the water|dam|multi[- ]?storey|top floor|car park roof)`
const POSTURE = `(?:sitting|sat|standing|stood|perched|parked|walking|walkin|lying|laying|leaning|climbed|climbing|balancing|hanging|waiting|i'?m|im|i am|here)`
export const PLACE_STRONG = new RegExp(
  `\\b${POSTURE}(?: (?:right|out|up|down|back|over|here|now|still|just))* (?:on|at|by|over|along|down|` +
    `onto|up|in|near|beside|off|across|on top of)(?: (?:the|a|this|that|top of the|the top of the|` +
    `the edge of the|right at the))?(?: [\\w'-]+){0,3}? ${STRONG_SPOT}\\b|(?:^|[.!?\\n] *)(?:i'?m |` +
    `im )?(?:up )?on (?:the|a) (?:roof|rooftop|ledge|parapet|railings?|tracks|railway line)\\b|(?:^|` +
    `[.!?\\n] *)(?:on |up on )?(?:the )?top (?:deck|floor|level|storey) of (?:the|` +
    `a) (?:\\w+ )?(?:multi[- ]?storey|car park|building|tower)\\b`,
  'g',
)
export const PLACE_WEAK = new RegExp(
  `\\b(?:came|come|went|drove|driven|walked|walking|heading|headed|driving|going|goin|got|made it|` +
    `climbed|climbing) (?:up |out |down |over )?(?:to|onto) (?:the|a) (?:[\\w'-]+ ){0,2}?${WEAK_SPOT}\\b|` +
    `\\b(?:going|goin|heading|headed|off|went) (?:down|up|out) (?:the|` +
    `a) (?:[\\w'-]+ ){0,2}?${WEAK_SPOT}\\b|(?:^|[.!?\\n] *)(?:i'?m |im )?(?:on|at|by|under) (?:the|` +
    `a) (?:[\\w'-]+ )?${WEAK_SPOT}(?= *(?:[.!?,\\n]|$|now|right now|again|tonight))|\\b(?:it'?s|` +
    `its) (?:a )?(?:long way|really high|so high|high up|a big drop|a long drop) (?:down|up here)?\\b|` +
    `\\b${POSTURE}(?: (?:right|out|up|down|back|over|here|now|still|just))* (?:on|at|by|over|under|` +
    `beside|near|in|down|along|across|off)(?: (?:the|a|this|that|` +
    `top of the))?(?: [\\w'-]+){0,2}? ${WEAK_SPOT}\\b`,
  'g',
)
/** The place is in a story: yesterday, last week, a walk with the dog. */
export const PLACE_PAST = new RegExp(
  '\\b(?:yesterday|last (?:night|week|month|year|time)|ago|used to|when i was|on holiday|' +
    'walking the dog|with the dog|with the kids|for a walk|lovely|beautiful|the view|watching the|ducks|' +
    'picnic|fishing|gutters?|fixing|repairs?|cleaning|at work|my shift|commut\\w*|(?:train|bus) (?:is |' +
    'was )?(?:late|delayed|cancelled)|traffic|stuck|queue|barriers? (?:are|were|went|came) down)\\b',
)

/** An ordinary, temporary or happy leaving: a farewell here is not a goodbye to life. */
export const LEAVING_BENIGN = new RegExp(
  '\\b(?:for a (?:while|bit|few (?:weeks|months|days))|for now|moving (?:to|house|in with|abroad|away|' +
    'back)|(?:a|my) new job|on holiday|going travelling|see you (?:all )?(?:soon|in a (?:few|bit|couple|' +
    "week|month)|next (?:week|month)|when i'?m back)|back (?:soon|in a (?:few|couple)|next (?:week|" +
    'month))|taking a break|off to (?:uni|university|college)|step(?:ping)? (?:back|away) from (?:the |' +
    'this )?(?:forum|group|site|board|community|posting)|started (?:volunteering|a new job|' +
    'work(?:ing)? again|uni|college))\\b',
)

/** Cheap gates: a family's patterns only run when the post has one of its anchor words. */
export const PLACE_GATE = new RegExp(
  '\\b(?:railings?|ledge|parapet|edge|side|tracks|railway|roof|rooftop|top|bridge|footbridge|flyover|' +
    'overpass|viaduct|cliffs?|pier|jetty|river|riverbank|canal|motorway|carriageway|reservoir|quarry|' +
    "headland|lookout|platform|sea|seafront|water'?s?|dam|multi|crossing|car park|long way|high|drop|" +
    'barrier|fence)\\b',
)
export const INGEST_GATE = new RegExp(
  '\\d|\\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|' +
    "hundred|couple|few|several|loads?|bunch|dozens|whole|entire|full|month'?s?|week'?s?|" +
    "fortnight'?s?|handfuls?|everything|every|rest|too|8th|eighth|quarter|half|ounce|oz|gram|teenth)\\b",
)
export const WEAPON_GATE = /\b(?:hammer|machete|knife|knives|gun|bat|axe|crowbar|shotgun|rifle|pistol|crossbow|blade|cleaver|iron|wrench|poker|spanner)\b/
