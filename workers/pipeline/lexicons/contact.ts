// Contact lexicon. Published numbers of helplines and public services are not private
// contact details: listing them keeps "ring Samaritans on 116 123" from alarming moderators.

/** Digits only. Short codes and national helplines in the UK, US, Ireland, Australia, NZ, Canada. */
export const PUBLIC_NUMBERS = new Set([
  '988',
  '911',
  '999',
  '112',
  '111',
  '101',
  '000',
  '116123',
  '116111',
  '116006',
  '116117',
  '741741',
  '85258',
  '1737',
  '131114',
  '1300224636',
  '1800551800',
  '1300659467',
  '0800543354',
  '18006624357',
  '8006624357',
  '18002738255',
  '8002738255',
  '18007997233',
  '8007997233',
  '18006564673',
  '8006564673',
  '18009855990',
  '18009506264',
  '18664886400',
  '8662733532',
  '08457909090',
  '08001111',
  '0800111',
  '08088025544',
  '08000684141',
  '03001233393',
  '08088084994',
  '08001412344',
  '08088020110',
  '08002000247',
  '08088010331',
  '03002225900',
  '08081682000',
  '03000303311',
  '08009177650',
  '08000588098',
  '08452447555',
  '116111',
  '08004700666',
  '0300123333',
  '08000323333',
  '08088088333',
  '08088002222',
  '18002738255',
  '1800273825',
  '18669002254',
])

// Words that say the number belongs to a public line, not a person.
export const HELPLINE_CONTEXT = new RegExp(
  '\\b(?:helpline|help line|lifeline|hotline|crisis (?:line|team|number)|advice line|support line|' +
    'text line|textline|samaritans|shout|mind|nhs|childline|befrienders|crisis text|' +
    'suicide (?:and crisis )?(?:line|prevention)|frank|drinkline|al-anon|charity|free(?:phone)?|(?:call|' +
    'ring|text|phone|dial)[^.!?\\n]{0,30}\\bline\\b|national [a-z ]{0,30}(?:line|service|helpline)|(?:24|' +
    'twenty-four)[/ ](?:7|hour))\\b',
)

// Words that say the number in the same sentence belongs to an organisation (a hospital ward, a GP
// surgery, the council, a charity's office): published, not a member's own. A member's own number
// is introduced as theirs (PERSONAL_CUE), which wins.
export const ORGANISATION_CONTEXT = new RegExp(
  '\\b(?:hospitals?|switchboard|wards?|surgery|gp|clinic|practice|council|social (?:care|services|' +
    'work(?:er)?s?)|pals|hospice|society|trust|foundation|association|charity|charities|centre|center|' +
    'service|services|office|department|reception|appointments?|university|school|college|pharmacy|' +
    'chemist|police|non-emergency|dvla|dwp|jobcentre|citizens advice|helpdesk|their (?:number|phone|line|' +
    'office)|the number for|infoline|info line|connect line|line is|(?:is|are) open)\\b',
)
export const PERSONAL_CUE = /\b(?:me|my|mine|i'?m|im|i am|i'?ll|i will|us)\b[^.!?\n]{0,25}$/
// Numbers organisations use and people do not: UK freephone, non-geographic 03 and (eleven digits) 084/087, US/CA/AU toll-free.
export const ORGANISATION_PREFIX = /^(?:0800|0808|03\d\d|08[47]\d{9}$|1800|1300|800|888|877|866|855|844|833|1888|1877|1866|1855|1844|1833)/

// "+44 (0) 7700 900461", "1 (888) 555-0192", "1-888-555-0192", "555.123.4567": an optional country
// code (a bare leading 1 only before a bracketed area code), an optional bracketed trunk or area code,
// then up to four groups.
export const PHONE = /(?<![\w£$€.,/:-])(?:(?:\+\d{1,3}|1(?= ?\())[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]?\d{2,5}){0,3}(?![\w/%:]|[.,]\d)/g

// Digits spaced one by one ("0 7 7 0 0  9 0 0 4 6 1") or spelled out ("oh seven seven double oh ..."):
// written only to slip past a filter, so meant as a number to call.
export const SPACED_DIGITS = /(?<![\w.,])\+? ?\d(?:[ .-]{1,2}\d){8,14}(?![\w])/g
const DIGIT_WORD = '(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|triple|\\d{1,5})'
export const SPELLED_DIGITS = new RegExp(`\\b${DIGIT_WORD}(?:[\\s,.-]+${DIGIT_WORD}){6,20}\\b`, 'g')
export const DIGIT_WORD_HINT = /\b(?:zero|oh|nought|double|triple|seven|eight|nine)\b/
export const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
}

export const EMAIL = /\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/g
// "sam dot jones at gmail dot com": written to dodge filters, so certainly meant as contact.
export const SPELLED_EMAIL = new RegExp(
  '\\bat (?:gmail|googlemail|hotmail|outlook|yahoo|icloud|proton ?mail|protonmail|btinternet|' +
    'aol) dot (?:com|co|net|org)\\b|\\b[a-z0-9._-]+ ?(?:\\(at\\)|\\[at\\]|\\{at\\}|' +
    '<at>) ?[a-z0-9-]+(?: ?mail)? ?(?:\\(dot\\)|\\[dot\\]|\\{dot\\}|\\s+dot\\s+|\\.)\\s?(?:com|net|org|' +
    'co\\.uk|co uk|uk|io|me|ch)\\b|\\b[a-z0-9._-]+ at (?:(?:gmail|googlemail|hotmail|outlook|yahoo|' +
    'icloud|proton|protonmail|live|aol|btinternet)(?: ?mail)?|[a-z0-9-]+ ?(?:\\(dot\\)|\\[dot\\]|' +
    ' dot )) ?(?:(?:\\(dot\\)|\\[dot\\]| dot |\\.) ?)?(?:com|net|org|co\\.uk|co uk|uk|io|me|ch)\\b',
  'g',
)

const PLATFORMS =
  '(?:whatsapp|whats app|telegram|snapchat|snap|discord|instagram|insta|ig|kik|signal|wickr|skype|' +
  'facebook|fb|messenger|wechat|tiktok|twitter|x|threads|reddit|line|viber|session)'

// A handle is a single token: letters, digits, "_" and "." ("greyheron.22", "sober_sarah92",
// "latteandlupus"). Plain words caught by the looser shapes below ("I'm usually on Discord",
// "add me, please") are dropped by NOT_A_HANDLE in detectors/contact.ts.
const H = '@?[a-z0-9_.]{3,32}'

export const HANDLE_PATTERNS: RegExp[] = [
  // "@carer_in_kent" right after a platform name: "on Telegram as @carer_in_kent"
  new RegExp(`\\b${PLATFORMS}\\b[^.!?\\n]{0,30}?@[a-z0-9_.]{3,}`, 'g'),
  new RegExp(`@[a-z0-9_.]{3,}[^.!?\\n]{0,20}\\b(?:on|via) ${PLATFORMS}\\b`, 'g'),
  // Discord tags and "my handle/username is ..."
  /\b[a-z0-9_.]{2,32}#\d{4}\b/g,
  new RegExp(
    `\\bmy (?:handle|username|user name|snap|insta|ig|discord|telegram|kik|signal|whatsapp|${PLATFORMS})(?: name| handle| username| id)? (?:is|'s)\\s+${H}`,
    'g',
  ),
  new RegExp(`\\b(?:${PLATFORMS}|snapchat|kik)(?: name| handle| username| id)?\\s*[:\\-]\\s*${H}`, 'g'),
  new RegExp(`\\b(?:find|add|follow|message|msg|dm|hit) me (?:up )?on ${PLATFORMS}\\b[^.!?\\n]{0,10}@?[a-z0-9_.]*`, 'g'),
  // "tele is @essexmedsdirect", "tele: @x" (Telegram by its short name, with an @ handle after it)
  /\btele(?:gram)?(?: is| at| on|:)? ?@[a-z0-9_.]{3,}/g,
]

// Platforms whose names are not everyday words ("line", "session", "threads", "x" are).
const APPS = '(?:whatsapp|whats app|telegram|snapchat|snap|discord|instagram|insta|kik|signal|wickr|skype|facebook|messenger|wechat|tiktok|twitter|viber)'

// Looser shapes whose captured token (group 1) must look like a handle, not a word: see isHandle()
// in detectors/contact.ts.
export const HANDLE_NAMED: RegExp[] = [
  // "I'm greyheron.22 on Signal", "look me up, sober_dave88 on snap", "I'm latteandlupus on Discord"
  new RegExp(`\\b(?:i'?m|im|i am|it'?s|its|called|search(?: for)?|look (?:me )?up|find me as)\\s+(${H})\\s+(?:on|over on) ${APPS}\\b`, 'g'),
  new RegExp(`(?<![\\w@.])([a-z][a-z0-9]*[._][a-z0-9._]*[a-z0-9]|[a-z]+\\d+[a-z0-9]*)\\s+(?:on|over on) ${APPS}\\b`, 'g'),
  // "I'm on Discord as latteandlupus"
  new RegExp(`\\b(?:on|use|using) ${APPS} (?:as|under)\\s+(${H})`, 'g'),
  // "Add me, latteandlupus, and I'll send the invite": a name straight after "add me" in a post that names a platform
  /\b(?:add|find|follow) me[,:\s-]\s*(@?[a-z0-9_.]{4,32})\b/g,
  // "username is eastside_supplier", "my reddit username is u/bendy_gut_diaries"
  /\b(?:username|user name|handle|user ?id)(?: is|:| -)\s*(?:u\/)?(@?[a-z0-9_.]{3,32})/g,
  // "snap me at sober.sam22", "snap me: relief.connect44", "telegram me @nightowl_supplies"
  new RegExp(`\\b(?:${APPS}|tele) me(?: at| on|:|-)?\\s*(@?[a-z0-9_.]{3,32})`, 'g'),
]

/** Words that fill a handle's slot in the looser shapes. */
export const NOT_A_HANDLE = new Set([
  'me',
  'you',
  'him',
  'her',
  'them',
  'us',
  'it',
  'there',
  'here',
  'now',
  'then',
  'too',
  'also',
  'still',
  'just',
  'only',
  'not',
  'always',
  'often',
  'usually',
  'mostly',
  'never',
  'sometimes',
  'rarely',
  'active',
  'available',
  'online',
  'offline',
  'around',
  'free',
  'quiet',
  'back',
  'busy',
  'new',
  'well',
  'much',
  'long',
  'soon',
  'usual',
  'possible',
  'normal',
  'anyone',
  'everyone',
  'someone',
  'anybody',
  'everybody',
  'somebody',
  'please',
  'pls',
  'thanks',
  'thank',
  'guys',
  'all',
  'everything',
  'anything',
  'something',
  'nothing',
  'friends',
  'friend',
  'mates',
  'back',
  'again',
  'instead',
  'either',
  'though',
  'anyway',
  'today',
  'tonight',
  'tomorrow',
  'daily',
  'weekly',
  'everyday',
  'constantly',
  'permanently',
  'alright',
  'okay',
  'fine',
  'good',
  'happy',
  'glad',
  'sure',
  'going',
  'there',
  'more',
  'most',
  'less',
  'the',
  'and',
  'but',
  'with',
  'for',
  'from',
  'this',
  'that',
  'these',
  'those',
  'what',
  'who',
  'which',
  'when',
  'where',
  'why',
  'how',
  'yes',
  'yeah',
  'nope',
  'maybe',
  'lol',
  'haha',
  'sober',
  'clean',
  'dry',
  'here',
  'away',
  'off',
  'out',
  'about',
  'like',
  'really',
  'very',
  'same',
  'other',
  'group',
  'server',
  'chat',
  'channel',
  'page',
  'account',
  'profile',
  'number',
  'name',
  'handle',
  'username',
  'link',
  'invite',
  'details',
  'forum',
  'site',
  'app',
  'phone',
  'mobile',
  'email',
  'messages',
  'message',
  'voice',
  'video',
  'whatsapp',
  'telegram',
  'discord',
  'signal',
  'snapchat',
  'snap',
  'instagram',
  'insta',
  'facebook',
  'messenger',
  'twitter',
  'tiktok',
  'reddit',
  'skype',
  'viber',
  'kik',
  'line',
  'session',
  'threads',
  'wechat',
  'wickr',
  'fb',
  'ig',
  'x',
  'whenever',
  'anytime',
  'sometime',
  'later',
  'first',
  'your',
  'our',
  'their',
  'his',
  'its',
  'my',
  'one',
  'two',
  'pretty',
  'basically',
  'literally',
  'actually',
  'probably',
  'definitely',
  'mainly',
  'mostly',
  'only',
  'even',
  'very',
])

// Asking to leave the forum for private channels. Checked against a "who says it" filter in
// detectors/contact.ts so "my sister texted me" is not a request.
export const REQUEST_PATTERNS: RegExp[] = [
  /\b(?:text|txt|dm|pm|inbox|whatsapp|ring|call|email|e-mail|message|msg) me\b(?! (?:back )?(?:when|if|after|every|about|saying|to say|that)\b)/g,
  new RegExp(
    '\\bmessage me (?:privately|directly|on|off)\\b|\\b(?:drop|shoot|send|flick) me (?:a|an) (?:line|' +
      'message|dm|pm|text|email|e-mail|whatsapp)\\b|\\bgive me (?:a|an) (?:call|ring|bell|text|buzz)\\b|' +
      '\\b(?:ping|write|write to) me (?:on|at|via|privately)\\b|\\bmy (?:dms|pms|inbox|messages) (?:are|' +
      'is) (?:always )?open\\b',
    'g',
  ),
  new RegExp(
    `\\b(?:add|find|follow|reach|contact) me (?:up )?(?:on|at|via|as|privately|directly)\\b(?! (?:here|` +
      `this (?:forum|site))\\b)|\\bhit me up\\b|\\bhit me on ${PLATFORMS}\\b`,
    'g',
  ),
  // Meeting in person: "come and find me, I'll be in the orange coat", "come round for a cuppa".
  new RegExp(
    '\\bcome (?:and|&|to) (?:find|meet|sit with|join) me\\b|\\b(?:come|pop) (?:round|over|' +
      'by) (?:to mine |to ours |to my (?:house|flat|place) )?(?:for a (?:cuppa|coffee|tea|brew|chat)|' +
      'any (?:day|time|weekday|afternoon|evening|morning))\\b',
    'g',
  ),
  /\b(?:send|give|pm|dm|text) (?:me )?(?:your|ur) (?:number|digits|email|address|snap|insta|whatsapp|handle)\b/g,
  /\b(?:i'?ll|i will|can|could) (?:send|give|dm|pm|text) (?:you )?(?:my|me your) (?:number|digits|email|address)\b/g,
  /\bmy (?:number|mobile|phone number|cell|email|address)(?:'s| is)\b/g,
  new RegExp(
    `\\b(?:talk|chat|speak|move this|continue this) (?:on|over|via) ${PLATFORMS}\\b|\\b(?:off|outside) (?:the forum|this forum|here)\\b(?= to (?:talk|chat))`,
    'g',
  ),
  // "we could swap numbers", "let's take this to DMs", "move this to WhatsApp"
  new RegExp(
    `\\b(?:swap|exchange|trade) (?:numbers|digits|emails|e-mails|contact details|contacts|socials|snaps|` +
      `handles|usernames)\\b|\\b(?:move|take|continue) (?:this|it|the chat|things|the conversation) (?:to|` +
      `into|over to|onto) (?:dms?|pms?|private(?: messages?)?|${PLATFORMS})\\b`,
    'g',
  ),
]

// "call me crazy", "call me old-fashioned": a figure of speech, not a request.
export const NOT_A_REQUEST_AFTER =
  /^\s*(?:crazy|old[- ]fashioned|naive|paranoid|mad|silly|stupid|weird|cynical|selfish|biased|soft|sentimental|lucky|a |an |by |names|out|back)/

// Someone else did the texting/calling: describes, does not ask.
export const REPORTED_BEFORE = new RegExp(
  '\\b(?:he|she|they|it|mum|mom|dad|sister|brother|friend|nobody|no one|someone would|would|used to|' +
    "never|doesn'?t|didn'?t|won'?t|don'?t|to|will|'ll|keeps?|always|wouldn'?t|who|ex|boss|nurse|" +
    'doctor|gp|sponsor|husband|wife|partner|son|daughter)\\s+(?:\\w+\\s+)?$',
)

const STREET =
  '(?:road|rd|street|st|close|lane|ln|avenue|ave|drive|dr|way|crescent|cres|court|ct|place|pl|terrace|' +
  'gardens|grove|boulevard|blvd|mews|square|sq|row|hill|park|walk|view|rise)'
export const ADDRESS_PATTERNS: RegExp[] = [
  new RegExp(`\\b\\d{1,4}[a-z]? [a-z][a-z'-]+(?: [a-z][a-z'-]+)? ${STREET}\\b`, 'g'),
  // A UK postcode written with its space ("LL13 7PQ"): without it, leetspeak ("g01ng", "p01nt") looks like one.
  /\b(?:gir 0aa|[a-z]{1,2}\d[a-z\d]? \d[abd-hjlnp-uw-z]{2})\b/g,
  /\bmy (?:home )?address is\b|\b(?:i live|we live|come round|come over) (?:at|to) (?:number )?\d+/g,
]
