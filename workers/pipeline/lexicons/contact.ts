// Contact lexicon. Published numbers of helplines and public services are not private
// contact details: listing them keeps "ring Samaritans on 116 123" from alarming moderators.

/** Digits only. Short codes and national helplines in the UK, US, Ireland, Australia, NZ, Canada. */
export const PUBLIC_NUMBERS = new Set([
  '988', '911', '999', '112', '111', '101', '000', '116123', '116111', '116006', '116117',
  '741741', '85258', '1737', '131114', '1300224636', '1800551800', '1300659467', '0800543354',
  '18006624357', '8006624357', '18002738255', '8002738255', '18007997233', '8007997233',
  '18006564673', '8006564673', '18009855990', '18009506264', '18664886400', '8662733532',
  '08457909090', '08001111', '0800111', '08088025544', '08000684141', '03001233393',
  '08088084994', '08001412344', '08088020110', '08002000247', '08088010331', '03002225900',
  '08081682000', '03000303311', '08009177650', '08000588098', '08452447555', '116111',
  '08004700666', '0300123333', '08000323333', '08088088333', '08088002222', '18002738255',
  '1800273825', '18669002254',
])

// Words that say the number belongs to a public line, not a person.
export const HELPLINE_CONTEXT = /\b(?:helpline|help line|lifeline|hotline|crisis (?:line|team|number)|advice line|support line|text line|textline|samaritans|shout|mind|nhs|childline|befrienders|crisis text|suicide (?:and crisis )?(?:line|prevention)|frank|drinkline|al-anon|charity|free(?:phone)?|(?:call|ring|text|phone|dial)[^.!?\n]{0,30}\bline\b|national [a-z ]{0,30}(?:line|service|helpline)|(?:24|twenty-four)[/ ](?:7|hour))\b/

export const PHONE = /(?<![\w£$€.,/:-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]?\d{2,5}){0,3}(?![\w/%:]|[.,]\d)/g

export const EMAIL = /\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/g
// "sam dot jones at gmail dot com": written to dodge filters, so certainly meant as contact.
export const SPELLED_EMAIL = /\b[a-z0-9._-]+ ?(?:\(at\)|\[at\]) ?[a-z0-9-]+ ?(?:\(dot\)|\[dot\]|\s+dot\s+|\.)\s?(?:com|net|org|co\.uk|co uk|uk|io|me)\b|\b[a-z0-9._-]+ at (?:gmail|googlemail|hotmail|outlook|yahoo|icloud|proton|protonmail|live|aol|btinternet|[a-z0-9-]+ ?(?:\(dot\)|\[dot\]| dot )) ?(?:(?:\(dot\)|\[dot\]| dot |\.) ?)?(?:com|net|org|co\.uk|co uk|uk|io|me)\b/g

const PLATFORMS = '(?:whatsapp|whats app|telegram|snapchat|snap|discord|instagram|insta|ig|kik|signal|wickr|skype|facebook|fb|messenger|wechat|tiktok|twitter|x|threads|reddit|line|viber|session)'

export const HANDLE_PATTERNS: RegExp[] = [
  // "@carer_in_kent" right after a platform name: "on Telegram as @carer_in_kent"
  new RegExp(`\\b${PLATFORMS}\\b[^.!?\\n]{0,30}?@[a-z0-9_.]{3,}`, 'g'),
  new RegExp(`@[a-z0-9_.]{3,}[^.!?\\n]{0,20}\\b(?:on|via) ${PLATFORMS}\\b`, 'g'),
  // Discord tags and "my handle/username is ..."
  /\b[a-z0-9_.]{2,32}#\d{4}\b/g,
  /\bmy (?:handle|username|user name|snap|insta|ig|discord|telegram|kik|signal|whatsapp)(?: name)? (?:is|'s)\s+@?[a-z0-9_.]{3,}/g,
  new RegExp(`\\b(?:${PLATFORMS}|snapchat|kik)\\s*[:\\-]\\s*@?[a-z0-9_.]{3,}`, 'g'),
  new RegExp(`\\b(?:find|add|follow|message|msg|dm|hit) me (?:up )?on ${PLATFORMS}\\b[^.!?\\n]{0,10}@?[a-z0-9_.]*`, 'g'),
]

// Asking to leave the forum for private channels. Checked against a "who says it" filter in
// detectors/contact.ts so "my sister texted me" is not a request.
export const REQUEST_PATTERNS: RegExp[] = [
  /\b(?:text|txt|dm|pm|inbox|whatsapp|ring|call|email|e-mail|message|msg) me\b(?! (?:back )?(?:when|if|after|every|about|saying|to say|that)\b)/g,
  /\bmessage me (?:privately|directly|on|off)\b|\bdrop me (?:a|an) (?:line|message|dm|pm|text|email)\b/g,
  new RegExp(`\\b(?:add|find|follow|reach|contact|hit) me (?:up )?(?:on|at|via|as|privately|directly)\\b(?! (?:here|this (?:forum|site))\\b)`, 'g'),
  /\b(?:send|give|pm|dm|text) (?:me )?(?:your|ur) (?:number|digits|email|address|snap|insta|whatsapp|handle)\b/g,
  /\b(?:i'?ll|i will|can|could) (?:send|give|dm|pm|text) (?:you )?(?:my|me your) (?:number|digits|email|address)\b/g,
  /\bmy (?:number|mobile|phone number|cell|email|address)(?:'s| is)\b/g,
  new RegExp(`\\b(?:talk|chat|speak|move this|continue this) (?:on|over|via) ${PLATFORMS}\\b|\\b(?:off|outside) (?:the forum|this forum|here)\\b(?= to (?:talk|chat))`, 'g'),
]

// Someone else did the texting/calling: describes, does not ask.
export const REPORTED_BEFORE = /\b(?:he|she|they|it|mum|mom|dad|sister|brother|friend|nobody|no one|someone would|would|used to|never|doesn'?t|didn'?t|won'?t|don'?t|to|will|'ll|keeps?|always|wouldn'?t|who|ex|boss|nurse|doctor|gp|sponsor|husband|wife|partner|son|daughter)\s+(?:\w+\s+)?$/

const STREET = '(?:road|rd|street|st|close|lane|ln|avenue|ave|drive|dr|way|crescent|cres|court|ct|place|pl|terrace|gardens|grove|boulevard|blvd|mews|square|sq|row|hill|park|walk|view|rise)'
export const ADDRESS_PATTERNS: RegExp[] = [
  new RegExp(`\\b\\d{1,4}[a-z]? [a-z][a-z'-]+(?: [a-z][a-z'-]+)? ${STREET}\\b`, 'g'),
  /\b(?:gir 0aa|[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})\b/g,
  /\bmy (?:home )?address is\b|\b(?:i live|we live|come round|come over) (?:at|to) (?:number )?\d+/g,
]
