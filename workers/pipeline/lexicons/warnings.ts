// Content-warning lexicon, run on the leet-folded view of the whole post (quotes included:
// a reader sees quoted text too). `strong` phrases warn on their own; `weak` ones need a
// second distinct weak phrase, so a passing "I'm 90 days sober" or "the pub" does not.
import type { WarningCategory } from '../types.ts'
import { DRUGS, PILLS } from './crisis.ts'

export interface WarningLexicon {
  strong: RegExp[]
  weak: RegExp[]
  /** Count as strong only when no other category's strong phrase matched ("relapse" after an eating disorder). */
  ambiguous?: RegExp[]
  /** Phrases that look like the category but are not (idioms, risk talk). Blanked first. */
  ignore?: RegExp[]
}

const r = (s: string) => new RegExp(s, 'g')

/** What people take an overdose of: prescriptions, patches, pens and the usual street opioids. */
const DOSE = `(?:${PILLS}|methadone|fentanyl|oramorph|diazepam|pregabalin|gabapentin|pens?|patches|sleeping (?:pills|tablets))`
/**
 * Taking or hoarding a whole supply ("emptied both insulin pens", "put on all my patches at once",
 * "saving my methadone for two weeks", "took the morphine ... all of it"): an overdose as an attempt,
 * so both a suicide and a substance_use warning.
 */
const WHOLE_SUPPLY = [
  r(
    `\\b(?:emptied|injected|swallowed|took|taken|taking|take|downed|necked|put on|used) (?:all|both|` +
      `every|the whole|the rest)(?: of)?(?: (?:my|the|his|her|their))?(?: \\w+){0,2} ${DOSE}\\b`,
  ),
  r(
    `\\b(?:took|taken|taking|swallowed|injected|drank|saving|saved|stockpiling|stockpiled|hoarding|` +
      `hoarded) (?:up )?(?:all )?(?:the |my |his |` +
      `her )?(?:liquid )?${DOSE}\\b[^\\n]{0,60}?\\b(?:all of (?:it|them)|(?:it|them) all|at once|the lot|` +
      `for (?:\\w+ ){1,2}(?:weeks|months|days))\\b`,
  ),
]

/** What an overdose is hoarded from: prescriptions and the usual opioids (not "gear" or "coke", which mean other things too). */
const HOARD =
  `(?:pills|tablets|painkillers|paracetamol|co-?codamol|sleeping (?:pills|tablets)|opioids|oxys?|` +
  `oxycodone|tramadol|codeine|morphine|methadone|fentanyl|fent|heroin|diazepam|valium|xanax|xans|` +
  `benzos|zopiclone|pregabalin|gabapentin|insulin|patches)`

export const WARNING_LEXICON: Record<WarningCategory, WarningLexicon> = {
  suicide: {
    strong: [
      r(`\\bsu[iy]?[cs]{1,2}[iy]?d(?:e|es|al|ality)?\\b`),
      r(`\\bk+i+l+(?:l+)?(?:ed|ing|s)? ?(?:my|him|her|them|your|our)? ?-?(?:self|selves|selfs)\\b`),
      r(`\\b(?:take|took|taken|taking|takes) (?:my|his|her|their|your|our) (?:own )?li(?:fe|ves)\\b`),
      r(`\\b(?:going to|gonna|i'?ll|i will|want to|wanna|about to|decided to) end it(?: all)?\\b(?! (?:with|between|for (?:good|now) with))`),
      r(`\\bend(?:ed|ing|s)? (?:my|his|her|their) (?:own )?life\\b|\\bend it all\\b`),
      r(`\\b(?:kms|ctb|unalive|unalived|sewer ?slide)\\b`),
      r(
        `\\b(?:want|wanted|wanting|wants|wanna) to die\\b(?! (?:of|from) (?:embarrassment|shame|boredom|` +
          `laughter|laughing|cringe)| laughing)|\\bwish(?:ed|ing)? (?:i|she|he) (?:was|were) dead\\b`,
      ),
      r(
        `\\b(?:go to sleep|sleep|fall asleep) and (?:not|never) wake(?: up)?\\b|\\b(?:hope|hoping|wish|` +
          `wishing) i (?:just )?(?:don'?t|never|won'?t) wake\\b|\\bwishing i hadn'?t\\b`,
      ),
      r(`\\bbetter off (?:without me|dead|if i'?d? (?:died|was dead|were dead|wasn'?t here))\\b|\\bbetter off if i'?d died\\b`),
      r(
        `\\b(?:not want|don'?t want|dont want) to be (?:here|alive) any ?more\\b|` +
          `\\bnot being here any ?more\\b|\\bstop existing\\b|\\b(?:like|to|just|simply) not exist\\b|` +
          `\\brather be dead\\b`,
      ),
      r(`\\b(?:if|hoping|hope) i died\\b|\\bhoping i die\\b|\\bif i (?:die|died) tomorrow\\b`),
      r(`\\bhadn'?t brought me back\\b`),
      r(`\\b(?:nobody|no one|no-one) would (?:even )?(?:notice|care|miss me) if i (?:died|was gone|were gone|disappeared|wasn'?t here)\\b`),
      r(
        `\\b(?:says?|saying|thinks?|believes?|feels?) (?:that )?(?:everyone|we|they|the family|his family|` +
          `her family|the kids) (?:would|'d) be better off without (?:him|her|them)\\b`,
      ),
      r(`\\bhang(?:ed|ing)? (?:him|her|my|them)sel(?:f|ves)\\b`),
      // Passive death wishes: "they'd be relieved if I was gone", "my heart just stops in my sleep".
      r(
        `\\b(?:relieved|happier|better|fine|lighter|calmer|easier)\\b[^.!?\\n]{0,40}\\b(?:if|when|` +
          `once) i (?:just )?(?:was|were|'m|am|wasn'?t|weren'?t) (?:\\w+ )?(?:gone|dead|not here|not around|` +
          `in it|here|around)\\b`,
      ),
      r(
        `\\b(?:hope|hopes|hoping|pray|prayed|praying|wish|wishes|wishing) (?:that )?(?:i|` +
          `my heart) (?:just )?(?:wouldn'?t wake|don'?t wake|never wake|stops?|would stop|died|die|` +
          `was gone)\\b|\\b(?:wishes|wished|wish) the overdose (?:had )?worked\\b`,
      ),
      r(
        `\\b(?:lighter|happier|easier|calmer|better) without me\\b|\\brather be (?:with (?:him|her|them|` +
          `my \\w+) )?than (?:here|alive|living)\\b|\\b(?:don'?t|dont|didn'?t|do not) want to wake up\\b`,
      ),
      r(`\\b(?:won'?t|wont|not|to) (?:just )?let (?:me|him|her|them) die\\b`),
      // Wishing not to have woken or survived; "doesn't want to be here any more" said of anyone.
      r(
        `\\bwish(?:ed|ing)? (?:i|i'?d) (?:\\w+ )?(?:hadn'?t|had not|never|didn'?t|did not) (?:woken|wake|` +
          `survived|made it)\\b|\\b(?:doesn'?t|does not|didn'?t|did not|wouldn'?t) want to (?:be (?:here|` +
          `alive)|live|exist|wake up)(?: any ?more)?\\b`,
      ),
      // "relieved if it all just ended", "part of me doesn't want to (make it)".
      r(
        `\\b(?:relieved|a relief|glad|grateful|happier)\\b[^.!?\\n]{0,20}\\bif (?:it all|everything|my life|` +
          `it) (?:just )?(?:ended|ends|stopped|was over)\\b|` +
          `\\bnot going to make it\\b[^.!?\\n]{0,40}\\b(?:doesn'?t|don'?t) want to\\b`,
      ),
      // A method imagined while driving: "not turning the wheel", "swerving into the lorry".
      r(
        `\\b(?:think|thinking|thought) about (?:just )?(?:not turning the wheel|not braking|swerving|` +
          `driving (?:off|into)|letting go of the wheel|crashing the car)\\b`,
      ),
      ...WHOLE_SUPPLY,
    ],
    weak: [],
  },
  self_harm: {
    strong: [
      r(`\\bself[- ]?(?:harm|harming|harmed|injur(?:y|ies|e|ing)|mutilat\\w*)\\b|\\bsh (?:urges|relapse)\\b`),
      r(`\\b(?:cut|cuts|cutting|burn|burned|burnt|burning|hit|hitting|punch|punching|scratch|scratching) (?:myself|himself|herself|themselves)\\b`),
      r(`\\b(?:cut|cutting|burned|burnt|burning|scratched|scalded) (?:my|his|her|their) (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach)\\b`),
      r(`\\bcutting (?:right now|again|and i can'?t stop|is getting)\\b|\\burge to (?:cut|burn|hurt myself)\\b|\\bstarted cutting\\b|\\bstopped cutting\\b`),
      // Cutting too deep, hitting one's own head, injuring a fist on a wall.
      r(
        `\\bcut (?:way |much |far |a bit |too )?(?:deeper|too deep)\\b|\\b(?:bang|banged|banging|hit|hitting|` +
          `smash|smashed|smashing|slam|slammed|slamming) my (?:head|fists?) (?:on|against|into)\\b|\\b(?:punch|` +
          `punched|punching) (?:the |a )?(?:wall|walls|door|door frame|mirror)\\b[^.!?\\n]{0,30}\\b(?:till|` +
          `until) (?:my )?(?:knuckles|hands?|fists?)\\b`,
      ),
      r(
        `\\b(?:use|used|using|take|took|run|ran) (?:it|a blade|a razor|the blade|the razor|a knife) (?:on|` +
          `across|along) my (?:wrists?|arms?|legs?|thighs?|skin|stomach)\\b|\\b(?:little|small|shallow|fresh|` +
          `deep) cuts (?:on|like|before|again)\\b|\\b(?:not|like) the little cuts\\b`,
      ),
      r(`\\bself[- ]?harm scars\\b|\\b(?:my|her|his|the) scars (?:from|on my (?:arm|wrist|leg))\\b`),
    ],
    weak: [],
    // "Like banging my head against a brick wall" is frustration, not self-injury.
    ignore: [
      r(
        `\\b(?:bang|banging|bash|bashing|hit|hitting) (?:my|your|our|one'?s) heads? (?:against|off|on) (?:a|` +
          `the) (?:brick )?wall\\b(?=[^.!?\\n]{0,40}\\b(?:council|form|paperwork|trying|with (?:them|him|her|` +
          `the)|over|about)\\b)|\\bbrick wall\\b`,
      ),
    ],
  },
  substance_use: {
    strong: [
      r(`\\b(?:overdos(?:e|ed|es|ing)|od'd|o\\.d\\.)\\b`),
      r(
        `\\b(?:heroin|fentanyl|cocaine|coke|crack cocaine|meth|crystal meth|ketamine|mdma|ecstasy|` +
          `amphetamines?|benzos?|xanax|opiates?|oxys|oxy(?:codone|contin)?)\\b`,
      ),
      // Prescribed medicine misused: dependence, doses taken early, more than prescribed.
      r(
        `\\b(?:becoming|become|became|becomes|getting|got|gotten|am|i'?m|was) (?:\\w+ )?(?:dependent on|` +
          `dependent|addicted|hooked)\\b|\\btaking (?:the next (?:dose|one)|it|them|my (?:\\w+ )?(?:dose|doses|` +
          `tablets|pills)) early\\b|\\b(?:take|took|taking|takes|used|using) (?:(?!than)\\w+ ){0,3}?(?:more|` +
          `extra) than (?:prescribed|(?:i'?m|i am|i was|he was|she was|he'?s|she'?s|you'?re|` +
          `we'?re) (?:supposed|meant|allowed) to|the (?:doctor|gp|prescription|label|box) (?:says|said))\\b|` +
          `\\b(?:doctor|gp|pharmacy) shopping\\b`,
      ),
      r(
        `\\b(?:shooting up|shot up|snort(?:ed|ing)?|injecting|smoking (?:crack|weed|heroin)|nodding out|` +
          `nodded out|using again|drunk again|got drunk|blackout drunk|blacked out)\\b`,
      ),
      r(
        `\\b(?:drank|drinking|downed|necked) (?:a |half a |two |three |\\w+ )?(?:litre|liter|bottle|bottles|` +
          `pint|pints|cans|can|shots?|glasses) of\\b|\\bbottles? of (?:wine|vodka|whisky|whiskey|gin|rum|cider|` +
          `beer)\\b|\\blitre of\\b`,
      ),
      r(`\\b(?:vodka|whisky|whiskey|gin|rum|tequila|cider)\\b`),
      r(`\\b(?:drinking|using|drank) (?:every (?:night|day|morning)|again|heavily|all day|all night|so much)\\b`),
      r(`\\bcravings? (?:for (?:a |the )?(?:drink|booze|drugs|gear|a hit|a fix|a line|vodka|wine|beer)|to (?:drink|use)|are (?:bad|unbearable|back))\\b`),
      r(
        `\\bcravings? (?:were|was|are|is|have been|has been|got|get|getting) (?:so |really |` +
          `absolutely )?(?:brutal|bad|awful|horrendous|intense|strong|unbearable|back|hard|relentless|` +
          `through the roof)\\b|\\b(?:could|can) (?:practically |almost |still )?taste (?:it|the (?:wine|beer|` +
          `vodka|drink|booze|gin|champagne|prosecco))\\b`,
      ),
      r(`\\bscored (?:enough|some|more|a gram|an? (?:8th|eighth|teenth))\\b`),
      r(`\\b(?:bought|scored|picked up) (?:a|another) bag\\b|\\bon a bender\\b|\\bwith a bottle\\b|\\bdays on the sofa with\\b`),
      // Street names and spirits the lists above lack; "alcohol" itself (but not alcohol-free or hand gel).
      r(`\\b(?:fent|smack|skag|mephedrone|m-?cat|ghb|lsd|crack pipe|spice and|scotch|bourbon|brandy|sambuca|jager(?:meister|bombs?)?|absinthe|alcohol)\\b`),
      // Using or drinking as the writer's (or someone's) history: "when I was using", "started drinking at 13".
      r(
        `\\b(?:when|while|back when) (?:i|he|she|they|we|you) (?:was|were) (?:using|drinking|drunk|high)\\b|` +
          `\\b(?:start|started|starting|began|can'?t stop|cant stop|couldn'?t stop|could not stop|back to|` +
          `went back to|going back to|been|keeps?|kept) (?:using|drinking)\\b(?! (?:water|tea|coffee|juice|` +
          `milk|the (?:app|site|forum|water|tea)|it|them|this|that)\\b)`,
      ),
      r(
        `\\b(?:used|drank|got high|getting high|get high) (?:again|on purpose|last night|tonight|today|` +
          `yesterday|this morning|all weekend|at the weekend|over the weekend|(?:on )?(?:mon|tues|wednes|thurs|` +
          `fri|satur|sun)day|(?:on )?(?:sat|sun|fri) (?:night|morning|afternoon))\\b(?!')|\\b(?:popping|popped|` +
          `pop) (?:pills|tablets|benzos|xans|oxys)\\b`,
      ),
      // The things of using: dreams of it, cooking up, the needle, the spoon, the stash.
      r(
        `\\b(?:using|drinking) dreams?\\b|\\bcook(?:ing|ed)? up\\b(?= *(?:[.,;!?\\n]|$|and|in|on|at|with|` +
          `again)\\b)|\\bneedles? (?:still )?in (?:his|her|my|their|your) (?:arm|leg|hand|foot|neck|groin)\\b|` +
          `\\bburnt (?:spoon|foil)\\b|\\b(?:my|his|her|their|old) stash\\b|\\bstash (?:spots?|tin|box)\\b|` +
          `\\bmore than (?:my|his|her|their) tolerance\\b`,
      ),
      // Drink or drugs as the cause of a death or of harm done: "drank himself to death", "liver failure from drinking".
      r(
        `\\b(?:drank|drink|drinks|drinking|drunk) (?:him|her|my|them|your)sel(?:f|ves) (?:to death|into|` +
          `unconscious|stupid|to sleep|sick)\\b|\\b(?:from|because of|caused by|through) (?:his |her |their |` +
          `my |the )?(?:drinking|drink|alcohol|drug use)\\b`,
      ),
      // Being drunk or high, described: "got blind drunk", "off my face", "the drunk years".
      r(
        `\\b(?:blind|falling[- ]down|paralytic|blackout|so|totally|completely|get|got|getting|gets|gotten|` +
          `roaring) (?:drunk|hammered|stoned|trashed|off (?:my|his|her|their) (?:face|head|tits|nut))\\b|` +
          `\\b(?:get|got|getting|gets) (?:wasted|smashed|plastered|leathered|wrecked)\\b|\\bdrunk (?:years|` +
          `days|nights|phase|texts?|and high)\\b|\\b(?:binge|day|secret|heavy|problem) drink(?:ing|er)\\b|` +
          `\\bhiding (?:the )?(?:empties|bottles)\\b|(?<!fender )\\bbenders?\\b`,
      ),
      // A bottle being finished, or counted: "finish this bottle", "2nd bottle down", "next to a bottle of scotch".
      r(
        `\\b(?:finish|finished|finishing|drink|drank|drinking|downed|down|necked|emptied|polished off|` +
          `halfway through|half way through) (?:this|the|a|my|another|half a|half the|most of a|most of the|` +
          `the whole|the rest of the) bottle\\b(?! of (?:water|milk|squash|shampoo|juice|pop|calpol|medicine))|` +
          `\\b(?:\\d+(?:st|nd|rd|th)?|first|second|third|two|three|four) bottles? (?:down|in|gone)\\b|` +
          `\\bnext to (?:a|the|my) bottle\\b`,
      ),
      // Lines of cocaine, and mixing drink with pills.
      r(
        `\\b(?:did|doing|do|does|racked up|rack up|cut|snort(?:ed|ing)?|a few|two|three|couple of) (?:a |` +
          `some |the )?lines\\b|\\b(?:did|doing|do|does|racked up|snorted|snorting) a line\\b|\\ba line (?:in|` +
          `off|of coke|of something)\\b|\\b(?:alcohol|drink|booze|vodka|wine|gin) (?:and|with|` +
          `on top of) (?:\\w+ ){0,2}(?:${PILLS}|${DRUGS})\\b|\\b(?:${PILLS}|${DRUGS}) (?:and|with|` +
          `on top of) (?:\\w+ ){0,2}(?:alcohol|drink|booze)\\b`,
      ),
      // Hoarding or having "enough" of a drug for an overdose: "enough fent to drop a horse", "enough of her morphine".
      r(
        `\\benough (?:of )?(?:my |his |her |their |the |mum'?s |dad'?s )?(?:\\w+ )?${HOARD}\\b(?! to (?:last|` +
          `get (?:through|by)|cover)| for (?:the|a|my|his|her) (?:trip|holiday|week|weekend|month|journey))|` +
          `\\b(?:saved|saving|stockpil(?:ed|ing)|hoard(?:ed|ing)|collect(?:ed|ing)|kept back|keeping back|` +
          `put by|putting by) (?:up )?(?:(?!for\\b)\\w+ ){0,3}?(?:of )?(?:my |his |her |their |` +
          `the )?${HOARD}\\b(?! (?:from|at|for (?:him|her|them|mum|mom|dad|nan|gran))\\b)`,
      ),
      ...WHOLE_SUPPLY,
      r(`\\bown li(?:fe|ves) with (?:(?:his|her|their|my|a|an) )?(?:\\w+ )?${DOSE}`),
      r(
        `\\b(?:took|taking|swallowed|take) (?:all|everything|the whole lot|the lot) (?:of )?(?:my |in |` +
          `the )?(?:${PILLS}|dads? medicine|mums? medicine|medicine box)`,
      ),
    ],
    // Relapse words without a substance: they belong to whatever else the post is about.
    ambiguous: [
      r(`\\b(?:relaps(?:e|ed|ing|es))\\b`),
      r(
        `\\b(?:back to|starting again (?:from|at)) day (?:1|one)\\b|\\bday (?:1|one) again\\b|\\b(?:reset|` +
          `resetting|restart(?:ed|ing)?) (?:my|the) (?:count|clock|clean date|sober date|days|sobriety)\\b|` +
          `\\b(?:picked|picking) up again\\b`,
      ),
    ],
    weak: [
      r(
        `\\b(?:drinking|drunk|pints|shots|pills|stoned|weed|cannabis|booze|hangover|hungover|naloxone|narcan|` +
          `needles|dealer|dealing|high as|took too (?:much|many))\\b`,
      ),
      // Drink named without an amount, the places it is bought, and the words of a lapse or a craving:
      // two together describe drinking ("six pints ... had a slip"), one alone does not ("one last pint").
      r(
        `\\b(?:pint|wine|beer|beers|lager|ale|prosecco|champagne|cocktails?|alcoholic|alcoholism|` +
          `off-?licen[cs]e|offie|offy|bottles|the drink|a drink(?! of (?:water|squash|tea|coffee|juice|milk))|` +
          `a gram(?! of (?:flour|sugar|salt|yeast|butter|protein|fat))|gear|spice|my tolerance)\\b`,
      ),
      r(
        `\\b(?:had|have had|a|another|my) (?:little |small |big )?(?:slip|lapse)\\b(?! (?:on|in|of|at|down|` +
          `up|and fall|and fell))|\\bcravings?\\b|\\b(?:using|drinking) again\\b|\\bused (?:to use|heavily)\\b`,
      ),
    ],
    ignore: [
      r(`\\b(?:overdose|overdosing) risk\\b|\\brisk of (?:an )?overdos\\w*\\b|\\baccidental(?:ly)? overdos\\w*\\b`),
      r(
        `\\b(?:chocolate|sugar|sweets?|coffee|caffeine|carbs?) cravings?\\b|\\bcravings? for (?:chocolate|` +
          `sugar|sweets|coffee|carbs)\\b|\\bcraving for chocolate\\b`,
      ),
      r(`\\bcoke zero\\b|\\bdiet cokes?\\b|\\bspeed (?:limit|camera|bump)s?\\b|\\bcrack (?:on|of dawn)\\b`),
      r(`\\bdrinking (?:buddy|buddies|mates?|pals?|water|tea|coffee|fountain|straw|chocolate)\\b`),
      // Relapse denied, feared or talked about in general is not a relapse described.
      r(
        `\\bif (?:i|you|he|she|they) (?:ever |do )?relapse\\b|\\b(?:not|isn'?t|wasn'?t|no|without|` +
          `never) (?:a |another )?relapse\\b|\\brelapse (?:prevention|plan|signs?|triggers?)\\b`,
      ),
      // Prescribed medication as medication: "switched from oxycodone tablets to patches for my back".
      r(
        `\\b(?:prescribed|switched (?:from|to)|switching (?:from|to)|changed (?:from|to)|on (?:a |` +
          `my )?prescription for) (?:\\w+ ){0,2}?(?:oxy(?:codone|contin)?|benzos?|xanax|diazepam|valium|` +
          `tramadol|codeine|morphine|pregabalin|gabapentin|buprenorphine)\\b|\\b(?:alcohol|alcohol-free|` +
          `alcohol free)[- ](?:free|gel|wipes?|hand ?gel|swabs?|rub)\\b|\\b(?:rubbing|hand|no|zero|` +
          `without) alcohol\\b`,
      ),
    ],
  },
  eating_disorder: {
    strong: [
      r(`\\b(?:anorexi[ac]|bulimi[ac]|binge[- ]?eating|ednos|arfid|orthorexia|pro-?ana|pro-?mia|eating disorders?)\\b`),
      r(`\\b(?:purg(?:e|ed|ing)|(?:made|make|making) myself sick|throw(?:ing)? up after (?:eating|meals)|laxatives)\\b`),
      r(`\\beating (?:almost |next to |practically )?nothing\\b|\\b(?:barely|hardly) eating\\b|\\bfear of (?:food|eating|weight gain)\\b|\\bgoal weight\\b`),
      r(
        `\\b(?:starv(?:e|ed|ing) myself|restrict(?:ed|ing)? (?:my )?(?:food|calories|eating|intake)|` +
          `skipp(?:ed|ing) meals|counting calories|calorie counting|under \\d{3,4} calories|` +
          `\\d{3,4} (?:calories|kcal) a day)\\b`,
      ),
      r(
        `\\bweigh(?:ed|ing)? myself (?:\\w+ )?(?:times|every|again)\\b|\\bliving on (?:black coffee|water|` +
          `diet coke|an apple)\\b|\\bbinge(?:d|ing)? (?:and|then) (?:purg|sick)`,
      ),
      r(
        `\\b(?:started|been|is|was|keeps?|still|back to|stop|stopped) restricting\\b(?! (?:access|the|our|` +
          `his|her|my|their|visits?|screen|contact))|\\b(?:finding|found|hiding|hides|` +
          `hid) food (?:hidden )?(?:in|under|behind)\\b`,
      ),
      r(`\\b(?:binge|binged|bingeing|binging)\\b(?! (?:watch|watched|watching|on (?:netflix|tv|box ?sets?)|drink\\w*|drank))(?![- ]drink)`),
    ],
    // A weight number, not eating, forcing food: two of these together are disordered eating.
    weak: [
      r(`\\b(?:down to|weigh|weighed|weighing|dropped to|lost) (?:about |nearly |almost )?\\d+(?:\\.\\d+)? ?(?:kg|kgs|kilos?|lbs?|pounds|stone|st)\\b`),
      r(`\\b(?:haven'?t|havent|hadn'?t|not) (?:eaten|had (?:a )?(?:proper )?(?:meal|food)) (?:properly |anything |a thing |much )?(?:in|for|since)\\b`),
      r(
        `\\b(?:can'?t|cant|couldn'?t) (?:make|get) myself (?:to )?eat\\b|\\bfood (?:scares|terrifies) me\\b|` +
          `\\b(?:feel|felt) (?:fat|huge|disgusting) after (?:eating|every)\\b`,
      ),
    ],
  },
  abuse: {
    strong: [
      r(
        `\\b(?:abus(?:e|ed|er|ers|ive|ing)|rap(?:e|ed|ist)|sexually assault\\w*|sexual assault|molest\\w*|` +
          `grooming|groomed|incest|coercive control|domestic violence|safeguarding)\\b`,
      ),
      r(
        `\\b(?:ex|husband|partner|boyfriend|girlfriend|wife|stepdad|step-dad|stepfather|father|stepmum|he|` +
          `she)\\b (?:\\w+ ){0,2}(?:hits|hit|beats|beat|punched|punches|slapped|slaps|kicked|kicks|chokes?|` +
          `choked|strangled|locked) (?:me|my (?:mum|mom|mother|sister|brother|kids|son|daughter)|us)\\b`,
      ),
      r(
        `\\b(?:(?:mum|mom|mother|dad|father|nan|gran)'?s )(?:boyfriend|girlfriend|husband|wife|partner|` +
          `ex) (?:\\w+ ){0,2}(?:hits|hit|beats|beat|punched|punches|slapped|kicked|choked|strangled|knocked|` +
          `shoved) (?:her|him|me|us)\\b`,
      ),
      r(`\\b(?:hits|beats|slaps|chokes) (?:me|my (?:mum|mom|mother|kids|son|daughter)|us)\\b`),
      r(
        `\\b(?:carer|carers|nurse|staff|care worker|agency \\w+) (?:\\w+ )?(?:slapping|hitting|hurting|` +
          `pinching|shoving|rough handling|kicking|punching|slapped|hit|hurt|pinched|shoved)\\b`,
      ),
      r(`\\b(?:lays?|laid|puts?) (?:one more |a )?hands? on (?:me|my \\w+|her|him|us)\\b`),
      r(
        `\\bstealing from (?:my )?(?:dad|mum|mom|gran|nan|grandad|grandma|him|her|them)\\b|\\bleft (?:him|` +
          `her|them) in (?:wet|soiled|dirty)\\b|\\bneglect(?:ed|ing)? (?:him|her|them|my)\\b`,
      ),
      r(`\\btouched me\\b|\\bmade me (?:touch|do things)\\b`),
      // An adult coming into a child's room or bed at night, told without the words abuse or assault.
      r(
        `\\b(?:uncle|dad|father|stepdad|step-dad|stepfather|stepbrother|brother|cousin|grandad|grandfather|` +
          `teacher|coach|priest|neighbour|lodger|babysitter|boyfriend|he)\\b (?:\\w+ ){0,2}?(?:used to |would |` +
          `started to |kept )?(?:come|came|coming|creep|crept|creeping|climb|climbed|climbing|get|got|sneak|` +
          `sneaked|snuck) (?:in ?to|in) (?:my|our) (?:room|bedroom|bed)\\b(?=[^]{0,160}\\b(?:at night|night|` +
          `i was (?:\\w+ )?(?:\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|` +
          `fourteen|fifteen|little|a kid|a child|small)|when i was|never (?:said|told)|nobody knew|(?:mum|mom|` +
          `mother) (?:was|worked))\\b)`,
      ),
      // What someone did to a child; coercive control told as a family history; specialist services.
      r(
        `\\bwhat (?:my |his |her |our )?(?:\\w+ )?(?:uncle|dad|father|stepdad|step-dad|stepfather|brother|` +
          `cousin|grandad|grandfather|teacher|coach|priest|neighbour|babysitter|mum|mother|he|she) (?:did|` +
          `used to do) to (?:me|us|her|him)\\b`,
      ),
      r(
        `\\b(?:controlled|controlling|terrori[sz]ed|bullied|intimidated) (?:and (?:\\w+ )?)?(?:terrified|` +
          `frightened|scared|isolated|hit|beat|belittled)? ?(?:my|her|his) (?:mum|mom|mother|dad|father|wife|` +
          `husband|partner|sister|brother|kids|children)\\b|\\bwomen'?s aid\\b|\\bwomen'?s refuge\\b`,
      ),
      // Elder abuse: confining someone, taking their money, leaving them on the floor.
      r(
        `\\block(?:ing|ed|s)? (?:him|her|them|grandad|grandpa|grandma|nan|gran|mum|mom|dad|me|` +
          `my \\w+) in (?:his|her|their|my|the) (?:room|bedroom|house|flat)\\b|\\bhelp(?:ing|ed|s)? (?:him|her|` +
          `them)sel(?:f|ves) to (?:his|her|their|my|mum'?s|dad'?s) (?:pension|money|savings|benefits|bank|` +
          `cards?)\\b|\\bleft (?:him|her|them|mum|mom|dad|nan|gran|grandad|my \\w+) (?:lying )?on the floor\\b`,
      ),
    ],
    weak: [],
  },
  violence: {
    strong: [
      r(
        `\\b(?:stab(?:bed|bing)?|stabbed|shot (?:him|her|them|me|dead)|beat(?:en|ing)? (?:up|him|her|them|` +
          `to death)|punch(?:ed|ing)(?! (?:the |a |my |myself)?(?:wall|walls|door|door frame|pillow|bag|` +
          `punchbag|mirror|end of my|stump|legs?|thighs?|head)\\b)|strangl(?:e|ed|ing)|assault(?:ed)?|` +
          `attack(?:ed)? (?:me|him|her|them|with)|glassed|battered)\\b`,
      ),
      r(
        `\\b(?:with|got|have|grabbed|holding|took|bring|bringing|bought|buying|sharpened|loaded) (?:a|the|my|` +
          `his|her) (?:\\w+ )?(?:hammer|machete|knife|knives|gun|bat|axe|crowbar|baseball bat|shotgun|crossbow|` +
          `rifle|pistol|sword|blade)\\b`,
      ),
      r(`\\b(?:going to|gonna|i'?ll|i will) (?:stab|shoot|batter) (?:him|her|them|my \\w+|the \\w+|that \\w+)\\b`),
      r(
        `\\bblack eye\\b|\\bbroken (?:nose|jaw|ribs)\\b|\\bblood everywhere\\b|\\b(?:got|been|was|` +
          `were) (?:jumped|mugged|beaten up|glassed|stabbed|attacked)\\b|\\b(?:broke|broken|fractured|` +
          `cracked) (?:my|his|her|their) (?:nose|jaw|ribs?|cheekbone|skull|eye socket)\\b`,
      ),
      r(
        `\\b(?:hit|hits|hitting|beat|beats|beating|punched|punches|punching|slapped|slapping|kicked|kicks|` +
          `kicking|choked|choking|strangled|headbutted|shoved) (?:me|her|him|us|mum|mom|dad|nan|gran|my (?:mum|` +
          `mom|mother|dad|sister|brother|kids|son|daughter|wife|partner))\\b`,
      ),
      // Assaults told in the members' own words (the labelling guide: physical violence, assault,
      // weapons used on people, graphic injuries), chosen on the training posts.
      r(
        `\\b(?:(?:punched|kicked|stamped on|headbutted|stabbed|slashed|throttled|battered|beat up) (?:me|him|` +
          `her|us|them|(?:my|his|her|their) (?!way|time|prices?)\\w+|(?:a|the|this|that) (?:man|lad|guy|bloke|` +
          `woman|girl|boy|kid|driver)|\\w+ in the (?:face|head|chest|neck|back|stomach|ribs))|(?:been|got|was|` +
          `were) glassed|knocked (?:me|him|her|us) (?:out|down|about|around|unconscious)|threw (?:me|him|her|` +
          `us) (?:across|down|against|into|out)|pushed (?:me|him|her|us) (?:down the stairs|against|` +
          `into (?:the|a) (?:wall|door|wardrobe)|off)|grabbed (?:me|him|her|us) by (?:the |my |his |` +
          `her )?(?:hair|throat|neck|wrists?|arms?|collar)|had (?:me|him|her) by (?:the |both )?(?:throat|neck|` +
          `wrists?|hair))\\b`,
      ),
      r(
        `\\bpulled (?:out )?(?:a|the|his|her) (?:knife|gun|blade|machete)\\b|\\bheld (?:a|the) (?:knife|gun|` +
          `blade) (?:to|at|against|about)\\b|\\b(?:hit|struck|attacked) (?:me|him|her|them|` +
          `us) (?:over the head |in the (?:face|head) )?with (?:a|the) (?:bottle|knife|hammer|bat|brick|glass|` +
          `chair|iron)\\b`,
      ),
      r(
        `\\b(?:bomb|car bomb|roadside bomb|ied|mortar|shell|grenade) (?:went off|exploded|hit|fell|` +
          `landed)\\b|\\b(?:stood|stepped) on (?:a|an) (?:pressure plate|ied|mine|landmine)\\b|\\bshrapnel\\b|` +
          `\\bshot (?:dead|in the (?:head|chest|back|leg|stomach))\\b|\\b(?:fractured|cracked|broken) (?:skull|` +
          `cheekbone|eye socket)\\b|\\bsplit (?:my|his|her) (?:lip|chin|head|eyebrow) open\\b`,
      ),
    ],
    weak: [],
    ignore: [
      r(`\\b(?:bread|butter|cheese|palette|paring|steak|fish|vegetable|carving) knife\\b`),
      // Hyperbole about a relative with no weapon or way ("I swear I'm gonna kill him, he never helps"):
      // an idiom by the labelling guide. A threat made concrete is read by the crisis rules, which warn.
      r(
        `\\b(?:i swear|i could|honestly|literally|one (?:of these )?days?)\\b[^.!?\\n]{0,45}?\\b(?:kill|` +
          `murder|strangle|throttle|swing for) (?:him|her|them|that (?:man|woman|\\w+)|somebody|someone|` +
          `the \\w+)\\b(?![^.!?\\n]{0,80}\\b(?:knife|gun|pistol|hammer|tonight|pillow|poison)\\b)`,
      ),
      // A blade or knife the writer cuts themself with is self-harm, not violence to people.
      r(
        `\\b(?:razor |craft |kitchen |small |stanley )?(?:blade|knife)\\b(?=[^.!?\\n]{0,60}\\b(?:cut|cutting|` +
          `pressed it|my (?:arm|arms|leg|legs|wrist|wrists|skin|thigh|thighs)|self[- ]?harm)\\b)`,
      ),
      r(`\\b(?:cut|cutting|did) (?:my|myself)\\b[^.!?\\n]{0,40}?\\b(?:blade|knife|razor)\\b`),
      // "It hit me hard", "he beat me at chess", a lorry that hit him: not violence to a person.
      r(
        `\\b(?:it|that|this|reality|grief)(?:'s| has| had)? (?:\\w+ )?(?:hit|hits|hitting) (?:me|him|her|` +
          `us)\\b|\\bbeat (?:me|him|her|us) (?:at|in|to) \\w+|\\b(?:truck|car|lorry|bus|van|driver|bike|train|` +
          `motorbike|cyclist) (?:\\w+ ){0,3}?(?:hit|knocked) (?:me|him|her|them)\\b`,
      ),
      // The writer's blows to their own body are self-harm, not violence.
      r(
        `\\bi (?:keep |kept |have been |'?ve been |was |am |'?m |just |still )?(?:hit|hitting|punch\\w*|` +
          `bang\\w*|bash\\w*|slap\\w*) (?:myself|my (?:own )?(?:legs?|thighs?|arms?|stomach|belly|head|face|` +
          `chest|ribs))\\b`,
      ),
      r(`\\b(?:hit|hits|hitting|jabbed|shot) (?:me|him|her|them|us) (?:up )?with (?:naloxone|narcan|an? (?:epipen|epi-?pen|injection|jab|shot|dose|defib))\\b`),
    ],
  },
  death: {
    strong: [
      r(
        `\\b(?:died|dying|death) (?:of|from|after) (?:an? |his |her |the )?(?:overdose|heart attack|stroke|` +
          `cancer|sepsis|fall|crash|accident|injuries|hanging|drowning|suicide)\\b`,
      ),
      r(
        `\\b(?:found|finding) (?:my|her|his|their) (?:\\w+ )?(?:dad|mum|mom|father|mother|son|daughter|` +
          `brother|sister|husband|wife|partner|friend|boyfriend|girlfriend|nan|gran|grandad|` +
          `grandma)\\b(?! (?:a |an |the |some )?(?:job|flat|place|house|present|card|cards|book|letters?|` +
          `number|photos?|diary))|\\b(?:found|finding) (?:him|her|them)(?= *(?:[.,;!?\\n\\u2014-]|$| (?:in|on|` +
          `at|dead|hanging|collapsed|unresponsive|lying|slumped|face|that morning)\\b))|\\b(?:found|` +
          `finding) (?:the|his|her|their) body\\b`,
      ),
      r(`\\bwas found (?:dead|hanging|unresponsive|in (?:a|the|his|her))\\b|\\bfound (?:dead|hanging|unresponsive)\\b`),
      r(
        `\\b(?:found|finding) (?:mum|mom|dad|nan|gran|grandad|grandma)\\b(?= *(?:[.,;!?\\n]|$| (?:in|on|at|` +
          `dead|hanging|collapsed|lying|slumped|that)\\b))|\\b(?:was|were) already (?:cold|gone|dead)\\b|` +
          `\\b(?:she|he|they)'?d collapsed\\b|\\bcollapsed and died\\b`,
      ),
      r(`\\b(?:took|taken) (?:his|her|their) own life (?:in|at|on|with) (?:the|a|his|her|their)\\b`),
      // A fall or jump that killed someone, and the identification afterwards.
      r(
        `\\b(?:jumped|fell|threw (?:him|her|them)sel(?:f|ves)) (?:from|off) (?:the |a |an |his |` +
          `her )?(?:\\w+ )?(?:bridge|building|cliff|roof|car park|window|balcony|tower|flyover|viaduct)\\b|` +
          `\\bidentify (?:him|her|them|the body|his body|her body)\\b`,
      ),
      r(
        `\\b(?:collaps(?:ed|ing)|keeled over|dropped dead) (?:at|on|in|onto) (?:the )?(?:dinner table|` +
          `kitchen floor|bathroom floor|floor|table|street|pavement|pitch|bathroom)\\b|\\b(?:pathologist|` +
          `post-?mortem report)\\b|\\bevery wound\\b`,
      ),
      r(
        `\\b(?:his|her|their) breathing (?:changed|slowed|stopped)\\b|\\b(?:that|the) rattle\\b|` +
          `\\b(?:just )?stopped while i was holding (?:his|her|their) hand\\b`,
      ),
      r(
        `\\b(?:the )?last hours\\b|\\bbreathing (?:got|getting|became) (?:slower|shallower|rattly)\\b|` +
          `\\b(?:held|holding) (?:his|her|their) hand (?:until|till|to) the end\\b|\\bdeath rattle\\b|` +
          `\\bstopped breathing\\b`,
      ),
      r(
        `\\b(?:paramedics|the ambulance crew|they) (?:worked on|tried to (?:revive|resuscitate|save)) (?:him|` +
          `her|them)\\b|\\bpronounced dead\\b|\\b(?:post-?mortem|autopsy|coroner|inquest)\\b`,
      ),
      r(
        `\\b(?:killed|died) (?:instantly|in (?:a|the) (?:crash|accident|fire|collision))\\b|` +
          `\\bhanged (?:himself|herself|themselves)\\b|\\bhis body\\b|\\bher body\\b`,
      ),
    ],
    weak: [],
    ignore: [r(`\\bif i find (?:him|her|them)\\b|\\bfind (?:him|her|them) and\\b`)],
  },
}
