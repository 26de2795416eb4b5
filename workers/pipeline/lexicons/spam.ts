// Spam lexicon: promotional language, commercial link shapes and the reassuring
// counter-signs of a member sharing a free resource. Weights are in score units
// (0.5 = spam); detectors/spam.ts adds them up.

export interface SpamPattern {
  re: RegExp
  weight: number
  reason: string
}

const p = (source: string, weight: number, reason: string): SpamPattern => ({ re: new RegExp(source, 'g'), weight, reason })

export const PROMO_PATTERNS: SpamPattern[] = [
  p(
    `\\bno (?:prescription|rx|script)\\b|\\bwithout (?:a )?(?:prescription|rx|script)\\b|\\bprescription not (?:needed|required)\\b`,
    0.5,
    'medicines offered without prescription',
  ),
  p(
    `\\b(?:ship(?:ped|ping)?|deliver(?:ed|y)?) (?:discreet(?:ly)?|worldwide|overnight)\\b|\\bdiscreet (?:packaging|shipping|delivery)\\b`,
    0.35,
    'discreet shipping',
  ),
  p(
    `\\b(?:cheap|cheapest|discount(?:ed)?|best) (?:pain )?(?:meds|pills|prices?|rates|deals?|insurance|quotes?)\\b|\\bbest prices? guaranteed\\b`,
    0.3,
    'price promotion',
  ),
  p(`\\b(?:bitcoin|btc|crypto(?:currency)?|ethereum|eth|nft|blockchain|forex|trading signals|mining)\\b`, 0.3, 'crypto or trading'),
  p(
    `\\b(?:passive income|guaranteed returns?|\\d+% (?:guaranteed|returns?)|make money (?:from|at) home|` +
      `from home|financial freedom|side hustle|no experience needed|investment manager|join my team|` +
      `be your own boss|business opportunity|six[- ]figure (?:income|business)|residual income|` +
      `earn (?:extra (?:cash|money|income)|while you sleep)|own a [a-z]+ franchise|` +
      `franchise opportunit(?:y|ies)|(?:little|small|home|online) business (?:opportunity|i think you|` +
      `you'?d be)|(?:turn|turned) (?:your|my) (?:pain|grief|story|experience) into (?:income|a business|` +
      `profit))\\b`,
    0.35,
    'money scheme',
  ),
  p(
    `\\b(?:luxury (?:detox|rehab|retreat)|(?:our|a leading|a luxury|a private|premier|` +
      `top[- ]rated) (?:treatment|rehab|recovery|detox) (?:center|centre|facility|clinic)|` +
      `residential programs?|admissions? (?:line|team|counsel+ors?|advisors?|specialists?|available)|` +
      `insurance accepted|most insurance|beds? available|24/7 admissions|(?:30|60|` +
      `90)[/-]day (?:residential|programs?)|(?:treatment|placement|intake|recovery) (?:advisors?|advisers?|` +
      `specialists?|coordinators?|navigators?|consultants?)|same[- ]day (?:admissions?|intake|placement|` +
      `beds?)|(?:now )?accepting (?:new )?(?:residents|clients|patients|admissions))\\b`,
    0.3,
    'treatment-centre marketing',
  ),
  // A "helpline" that takes insurance or books admissions is a treatment centre's sales line, not a public service.
  p(
    `^(?=[^]*\\b(?:helpline|hotline|help line|advice line)\\b)(?=[^]*\\b(?:insurance (?:accepted|` +
      `verified|verification)|(?:verify|check) (?:your )?insurance|most (?:major )?insurance|` +
      `same[- ]day (?:admissions?|intake|placement)|admissions? (?:available|team|line|advisors?|` +
      `counsel+ors?)|(?:treatment|placement|intake) (?:advisors?|advisers?|specialists?|coordinators?)|` +
      `our (?:facility|facilities|centres?|centers?|clinics?|program(?:me)?s?|rehab))\\b)`,
    0.3,
    'for-profit helpline',
  ),
  p(
    `\\binsurance (?:accepted|verified|verification|covers? (?:everything|it all|the (?:full|` +
      `whole) (?:cost|stay)))\\b|\\b(?:verify|check) your insurance\\b|\\b(?:they|we|` +
      `insurance) (?:even )?(?:pays?|covers?) (?:for )?(?:your |the )?(?:flights?|travel|airfare)\\b`,
    0.2,
    'insurance pitch',
  ),
  // Body brokering: a stranger offering to place someone in a rehab.
  p(
    `\\b(?:i|we) can (?:personally |directly )?(?:refer|place|connect|get) you (?:in(?:to)?|to|with|` +
      `a bed|a place|a spot)\\b|\\b(?:get|find|secure) you a (?:bed|spot|place|room)\\b|\\b(?:i|` +
      `we) (?:work with|partner with|refer (?:people|clients) to) (?:a|an|some|several) (?:amazing |great |` +
      `top |luxury )?(?:centres?|centers?|rehabs?|facilities|clinics|programs?)\\b`,
    0.35,
    'referral offer',
  ),
  p(
    `\\b(?:call|ring|phone) (?:our|us|now|today)\\b[^.!?\\n]{0,40}\\b(?:now|today|line)\\b|` +
      `\\bcall now\\b|\\bshop now\\b|\\border (?:now|today|at)\\b|\\bbook (?:now|your|` +
      `a)\\b[^.!?\\n]{0,25}\\b(?:call|session|consultation|spot|place)\\b|\\bsign up (?:now|today|here)\\b|` +
      `\\bjoin (?:now|today|\\d[\\d,]*\\+?)\\b|\\bemail \\S+@\\S+ today\\b|\\b(?:call|ring|` +
      `dial) (?:us )?(?:on |at )?[+(]?\\d[\\d\\s().-]{6,}\\d (?:now|today)\\b`,
    0.3,
    'call to action',
  ),
  p(
    `\\b(?:free (?:assessment|consultation|quote|estimate|trial|info pack|case review|home visit|` +
      `hearing tests?|sample)s?|(?:check|see) if you (?:qualify|are eligible)|(?:counsel+ors|advisors|` +
      `specialists|experts|agents|team) (?:are )?standing by|get (?:a|your) (?:free )?quote|` +
      `quotes? in (?:\\d+|sixty|thirty) (?:seconds|minutes)|(?:taking|accepting) (?:on )?new (?:clients|` +
      `patients|bookings)|(?:spaces|openings|slots) (?:available|open) (?:now|this (?:week|month))|` +
      `speak to (?:a|an|one of our) (?:treatment |admissions |insurance )?(?:advisor|adviser|specialist|` +
      `consultant)s? (?:now|today))\\b`,
    0.3,
    'sales offer',
  ),
  p(
    `\\b(?:limited (?:time|stock|spaces|places|offer)|spaces (?:are )?limited|doors close|early[- ]bird|` +
      `only \\d+ (?:spots|places|spaces) left|while stocks last|act fast|don'?t miss out|` +
      `beds available today)\\b`,
    0.35,
    'urgency',
  ),
  p(
    `\\b(?:use|with) (?:my |the )?(?:code|coupon|promo code|discount code)\\b|\\bcode [a-z]+\\d+\\b|` +
      `\\b\\d{1,2}% off\\b|\\bup to \\d{1,2}% off\\b|\\bfree (?:delivery|shipping|trial)\\b|` +
      `\\bmega sale\\b|\\bsale\\b|\\bat checkout\\b|\\b(?:free spins|sign[- ]?up bonus|deposit bonus|` +
      `bonus code)\\b`,
    0.35,
    'discount or sale',
  ),
  p(`(?:[$£€]\\s?\\d[\\d,.]*(?:\\/(?:min|month|week|session))?|\\d[\\d,.]* ?(?:usd|gbp|eur|eth|btc)\\b)`, 0.2, 'prices'),
  // A price list: "private rooms from $250/wk", "from just $9", "starting at £29".
  p(
    `\\b(?:(?:rooms?|places?|beds?|sessions?|readings?|packages?|prices?|plans?|programmes?|` +
      `programs?) (?:start )?from|from (?:just|only)|starting (?:at|from)|starts at|as (?:low|` +
      `little) as)\\s?[$£€]\\s?\\d`,
    0.2,
    'price list',
  ),
  p(
    `\\b(?:tell them \\w+ sent you|mention this (?:forum|post|group)|link in (?:my )?(?:bio|profile)|` +
      `check (?:them|it|us) out at|visit (?:our|us|my) (?:website|site|page)|` +
      `for more information (?:about [^.]{0,40})?please visit|dm me for|message me for|pm me for|` +
      `more details)\\b`,
    0.35,
    'referral or profile link',
  ),
  p(
    `\\b(?:affiliate|aff_|ref=|utm_|\\?ref\\b|referral (?:code|link)|sponsored)\\b|[?&](?:aff|affid|` +
      `aff_id|affiliate|ref|refid|partner|partner_id|tag|via|coupon|promo|clickid)=`,
    0.4,
    'affiliate link',
  ),
  p(
    `\\b(?:life coach|certified (?:holistic |life |grief )?(?:coach|healer|practitioner)|healing coach|` +
      `discovery call|webinar|masterclass|membership|blueprint|protocol|program(?:me)?|method|mastery|` +
      `cohort)\\b`,
    0.2,
    'coaching product',
  ),
  p(
    `\\b(?:doctors don'?t want you to know|one weird trick|\\d+x faster|reversed my|cured my|` +
      `100% (?:guaranteed|natural|effective)|life[- ]changing|changed everything|miracle)\\b`,
    0.3,
    'miracle claims',
  ),
  p(
    `\\b(?:gifted )?(?:mediums?|psychics?|spirit readings?|tarot readings?)\\b|\\bspell ?casters?\\b|` +
      `\\b(?:love|healing) spells?\\b|\\bbring back (?:your )?(?:lost )?(?:lover|ex|partner)\\b|` +
      `\\b(?:herbal|native|spiritual) (?:doctor|healer)\\b`,
    0.25,
    'paid spiritual service',
  ),
  p(
    `\\b(?:our (?:expert )?team|our (?:clients|services|website|programs?|prices?|gifted)|we (?:ship|offer|help|deliver|win|guarantee)|wins? \\d+% of)\\b`,
    0.3,
    'business voice',
  ),
  // A business speaking ("try our app", "our audiologists", "we accept Medicaid"): weaker, as members
  // also say "our GP" or "we accept help"; with the model's opinion it decides.
  p(
    `\\b(?:try|download|visit|call|contact|join|book with|order from) our\\b|` +
      `\\bour (?:[a-z]+ )?(?:audiologists|psychiatrists|therapists|counsell?ors|clinicians|specialists|` +
      `experts|advisors|advisers|consultants|lawyers|solicitors|legal team|attorneys|coaches|practitioners|` +
      `products|app|facility|facilities|store|shop|range)\\b|\\bwe (?:accept (?:most |all |` +
      `major )?(?:insurance|insurances|medicaid|medicare|self-pay|payment|cards|referrals)|` +
      `provide (?:professional|expert|specialist|private|affordable|luxury|bespoke|24/7)|speciali[sz]e in|` +
      `are (?:recruiting|hiring)|can get you (?:a|into|seen)|have (?:beds|spaces|rooms|` +
      `openings) (?:available|open))\\b`,
    0.2,
    'speaks as a business',
  ),
  p(
    `\\bno win,? (?:small|no) fee\\b|\\b\\d+% of your (?:backpay|back pay|award|compensation|claim)\\b|` +
      `\\b(?:may|might|could) be (?:entitled|owed|eligible) (?:to|for) (?:compensation|a (?:refund|payout|` +
      `claim|settlement)|thousands|money)\\b|\\bfree case (?:review|evaluation|assessment)\\b|` +
      `\\b(?:recovered|won|secured) (?:millions|over \\S+) for\\b`,
    0.3,
    'claims-company pitch',
  ),
  p(`(?<![/\\d])\\b(?:\\d+ best \\w+|best \\w+ of 20\\d\\d|\\(reviewed\\)|read our (?:full )?(?:guide|review))\\b`, 0.35, 'listicle or review bait'),
  p(
    `\\b(?:they'?re|it'?s) (?:private|paid) but (?:so |totally |really )?worth it\\b|\\bpayment plan\\b|` +
      `\\b(?:off|free) (?:the |your )?first month\\b|\\bfirst \\d+ minutes\\b|\\bper (?:minute|session)\\b|` +
      `\\b(?:small |a )?donations? only\\b|\\bfor a small (?:donation|fee|love offering)\\b`,
    0.25,
    'paid service pitch',
  ),
  p(`\\b(?:herbal|detox) (?:tea|cleanse|supplement)s?\\b|\\bflushed everything out\\b`, 0.3, 'supplement pitch'),
  p(
    `\\b(?:(?:car|life|pet|travel|funeral|over[- ]50s?) insurance|funeral plans?|loans?|casino|betting|` +
      `essay writing|seo services|web design|followers|mobility scooter (?:sale|deals))\\b`,
    0.25,
    'off-topic commercial',
  ),
  p(`\\bgoogle ['"][^'"]{3,60}['"]`, 0.25, 'search-term drop'),
  // "DM me the word HEAL", "DM me and I'll send you the program": the product is handed over in private.
  p(
    `\\b(?:dm|pm|message|inbox|email|text) me\\b[^.!?\\n]{0,40}?\\b(?:the word|and i'?ll (?:send|share|` +
      `give)(?: you)? (?:the|my) (?:program(?:me)?|link|course|guide|plan|system|method)|for (?:a |the |` +
      `my )?(?:free )?(?:program(?:me)?|discovery|course|plan|prices?|price list|reading|session|` +
      `consultation|rates|menu))\\b`,
    0.35,
    'DM for the product',
  ),
  // "Comment YES and I'll send you my free training": the lead magnet.
  p(`\\bcomment (?:yes|below|\\S+) (?:and|&) i'?ll (?:send|dm|message)\\b|\\bmy free (?:training|masterclass|e-?book|webinar)\\b`, 0.3, 'lead magnet'),
  p(
    `\\bmy (?:signature|proven|own|unique|exclusive|\\d+[- ]step|[a-z]+-[a-z]+|[a-z]+) (?:framework|system|program(?:me)?|method|protocol|formula)\\b`,
    0.3,
    'branded method',
  ),
  p(
    `\\b(?:beat|beaten|quit|kicked|cured|overcame|overcome|rebuild|rebuilt|heal|healed|fixed|` +
      `transform(?:ed)?|reset|rewire[ds]?)\\b[^.!?\\n]{0,50}?\\b(?:in|within) (?:just |only )?\\d+ (?:days|` +
      `weeks)\\b|\\blose \\d+ ?(?:kg|kilos?|lbs?|pounds|stone)\\b[^.!?\\n]{0,20}?\\bin (?:just |` +
      `only )?\\d+ (?:days|weeks)\\b`,
    0.3,
    'results in a set time',
  ),
  p(
    `\\bmods? (?:won'?t|wont|don'?t|dont) let me (?:post|share|put)\\b|\\bcan'?t (?:post|share) (?:the )?links? (?:here|on here)\\b`,
    0.3,
    'dodging moderation',
  ),
]

// Marks of a member sharing free help rather than selling.
export const BENIGN_PATTERNS: SpamPattern[] = [
  p(
    `\\b(?:free|for free) (?:helpline|advice line|advice|support|online chat|kits?|service|guide|` +
      `meetings?)\\b|\\b(?:are|is|were|was) free\\b|\\bhelped me for free\\b`,
    -0.25,
    'free resource',
  ),
  p(`\\bno affiliation\\b|\\bnot affiliated\\b|\\bnot sponsored\\b|\\bnot an ad\\b`, -0.3, 'discloses no affiliation'),
  p(
    `\\b(?:helpline|samaritans|citizens advice|nhs|charity|non-?profit|council|al-?anon|aa meetings?|na meetings?|support group|peer group|gp|library)\\b`,
    -0.15,
    'public or charity service',
  ),
]

// Domains a member may link to freely: charities, public bodies, health services.
export const TRUSTED_SUFFIXES = [
  'gov',
  'gov.uk',
  'nhs.uk',
  'ac.uk',
  'edu',
  'org',
  'org.uk',
  'org.au',
  'gov.au',
  'govt.nz',
  'org.nz',
  'gc.ca',
  'nih.gov',
  'who.int',
  'int',
]

export const TRUSTED_DOMAINS = new Set([
  'samaritans.org',
  'mind.org.uk',
  'carersuk.org',
  'cruse.org.uk',
  'citizensadvice.org.uk',
  'al-anon.org',
  'aa.org',
  'na.org',
  'alcoholics-anonymous.org.uk',
  'ukna.org',
  'nhs.uk',
  'gov.uk',
  '988lifeline.org',
  'samhsa.gov',
  'beateatingdisorders.org.uk',
  'nationaleatingdisorders.org',
  'refuge.org.uk',
  'womensaid.org.uk',
  'shout.uk',
  'giveusashout.org',
  'papyrus-uk.org',
  'wikipedia.org',
  'youtube.com',
  'bbc.co.uk',
  'bbc.com',
  'theguardian.com',
  'scope.org.uk',
  'ageuk.org.uk',
  'alzheimers.org.uk',
  'dementiauk.org',
  'macmillan.org.uk',
  'mariecurie.org.uk',
  'sueryder.org',
  'theclinic.org',
  'talkingtofrank.com',
  'adfam.org.uk',
  'smartrecovery.org',
  'crisistextline.org',
  'lifeline.org.au',
  'beyondblue.org.au',
  'findahelpline.com',
  'mencap.org.uk',
])

// Fuzzy-link TLDs linkify-it does not know by default but spammers love.
export const EXTRA_TLDS = [
  'xyz',
  'shop',
  'io',
  'es',
  'online',
  'site',
  'store',
  'club',
  'top',
  'info',
  'biz',
  'me',
  'co',
  'app',
  'ly',
  'health',
  'care',
  'life',
  'live',
  'click',
  'link',
  'fun',
  'win',
  'bid',
  'vip',
  'pro',
  'rehab',
  'clinic',
  'pharmacy',
  'ca',
  'de',
  'fr',
  'ie',
  'au',
  'nz',
  'in',
  'us',
  'uk',
]

export const COMMERCIAL_DOMAIN_WORDS = new RegExp(
  '(?:meds|rx|pharm|pills|cheap|best|buy|deal|discount|sale|shop|store|offer|review|compare|quote|' +
    'insur|loan|crypto|coin|signal|trade|invest|profit|cash|money|rehab|recovery|retreat|detox|clinic|' +
    'treatment|homecare|coach|method|mastery|blueprint|protocol|reading|spirit|medium|memorial|flower|' +
    'funeral|scoot|stairlift|advocat|claim)',
)

export const SPAMMY_TLDS = new Set(['xyz', 'shop', 'top', 'click', 'win', 'bid', 'vip', 'online', 'site', 'store', 'club', 'io', 'fun', 'link'])

// Free mailbox providers: an address there is a person, elsewhere usually a business.
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'live.co.uk',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'btinternet.com',
  'example.com',
])
