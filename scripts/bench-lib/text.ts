// The bench dataset's words: deterministic randomness and the bodies and titles members write.

// ---------- deterministic randomness ----------
export function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
export type Rng = () => number
export const gauss = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

// ---------- text ----------
const OPENERS = [
  'I have been reading here for a while and finally want to say something.',
  'Thank you all for being here, it means more than I can say.',
  'This is my first post, so please bear with me.',
  'I do not really know where else to put this.',
  'Reading your post made me feel a little less alone tonight.',
  'I wanted to come back and give an update.',
  'Sorry this is long, I needed to get it out.',
  'I keep typing and deleting this, so here goes.',
]
const TOPIC: Record<string, string[]> = {
  grief: [
    'It has been eight months since my mum died and the second half of the year feels harder than the first.',
    'Everyone says it gets easier, but the quiet in the house in the evenings is the worst part.',
    'I found his handwriting on a shopping list today and had to sit down on the kitchen floor.',
    'The first anniversary is coming up and I do not know whether to mark it or hide from it.',
    'My friends were wonderful in the first weeks, and now nobody mentions her name at all.',
    'I still pick up my phone to text her when something funny happens.',
    'Our dog keeps waiting by the door at the time he used to come home.',
    'Sorting through the wardrobe took me three attempts, and I kept one jumper that still smells like him.',
    'Grief comes in waves for me: a good week, then a song in a shop knocks me flat.',
    'People tell me she would want me to be happy, and I know that, but it does not help on a Tuesday night.',
    'We lost our baby at twenty weeks and I feel like I am not allowed to grieve as much as others.',
    'My brother died of an overdose last spring and I still feel angry and guilty at the same time.',
  ],
  recovery: [
    'Today is day 94 for me, and the evenings are still the hardest part.',
    'I relapsed at the weekend after eleven months and I feel like I have thrown everything away.',
    'My sponsor told me to write down three things each night that went okay, and it is slowly helping.',
    'The cravings are less constant now, but when they hit they hit hard.',
    'I went to my first SMART meeting online last night and nobody made me feel judged.',
    'Family events are tough: everyone drinks and I end up leaving early.',
    'Gambling apps were my thing, so I finally asked my bank to block the transactions.',
    'My partner is trying to understand, but they still check my phone and it hurts.',
    'Cooking proper meals has become part of my routine, which sounds silly but keeps me busy.',
    'I used to drink every night to get to sleep, so learning to sleep without it has been rough.',
    'Methadone is keeping me stable and I am tired of people saying it is not real recovery.',
    'One year sober tomorrow. I never thought I would write that sentence.',
  ],
  disability: [
    'My new wheelchair finally arrived after a seven month wait and I cried in the hallway.',
    'Fatigue is the part nobody sees: I look fine and then I need two days in bed.',
    'The assessment form asks the same question five ways and I never know how to answer it.',
    'I had to explain my condition to a new doctor again and it wore me out for the whole day.',
    'Pacing is helping a little, but it means saying no to things I really want to do.',
    'Does anyone have tips for talking to an employer about reasonable adjustments?',
    'My hearing aids make crowded cafes bearable, but I still miss half the conversation.',
    'The lift at the station has been broken for three weeks, so I cannot get to work.',
    'Some days the pain is a four and some days it is a nine, and people only see the fours.',
    'I am learning to use a screen reader and it is slow going but it is freeing.',
    'My friends have started planning things at places I can actually get into, and it means the world.',
    'Chronic illness has changed who I thought I would be at thirty.',
  ],
  caregiving: [
    'I care for my dad, who has dementia, and today he did not recognise me for the first time.',
    'Respite care is booked for next week and I feel guilty for how much I am looking forward to it.',
    'My son is autistic and school meetings leave me drained every single time.',
    'I have not had a full night of sleep in about two years.',
    'Does anyone else feel invisible at the doctor, as if they only talk to you when they need something?',
    'Mum moved in with us in March and our whole routine has changed around her needs.',
    'I love my husband, and some days I resent the illness so much it scares me.',
    'The carers allowance forms took an entire weekend and I still think I got something wrong.',
    'My siblings live far away and offer advice, but never actual help.',
    'Tonight I sat in the car for ten minutes before going back in, just to breathe.',
    'We finally got a care package that covers mornings, and it has given me an hour to myself.',
    'Watching someone you love change slowly is its own kind of grief.',
  ],
}
const REPLIES = [
  'I am so sorry you are going through this.',
  'Thank you for sharing this, I recognise so much of it.',
  'Sending you strength tonight.',
  'You are not alone in this, even when it feels that way.',
  'What you are feeling makes complete sense.',
  'It took me a long time to learn that, and I am still learning it.',
  'Be gentle with yourself this week.',
  'I had a very similar experience and it did ease with time, slowly.',
  'Is there anyone nearby you can lean on for the next few days?',
  'I hope today is a little kinder to you.',
  'That sounds exhausting. You are doing more than you give yourself credit for.',
  'Please keep posting, we are here to listen.',
]
const CLOSERS = [
  'Thanks for reading.',
  'I just needed to say it somewhere.',
  'Any thoughts welcome.',
  'Hope everyone is doing okay today.',
  'Take care of yourselves.',
]
const LIST_ITEMS = [
  'a short walk in the morning',
  'writing things down before bed',
  'calling one friend a week',
  'keeping a simple routine',
  'asking for help before things get bad',
  'eating something proper at lunch',
  'a support group on Thursdays',
  'turning off the news',
]
export const TITLES: Record<string, string[]> = {
  grief: [
    'The first anniversary is coming',
    'Missing my mum tonight',
    'How do you handle the quiet?',
    'Six months on',
    'Losing my dad',
    'When friends stop asking',
    'Birthdays without her',
    'Sorting his things',
  ],
  recovery: [
    'Day 30 today',
    'Relapsed after a long streak',
    'Getting through weekends',
    'Family parties and staying sober',
    'One year tomorrow',
    'Cravings at night',
    'Starting again',
    'Telling my partner',
  ],
  disability: [
    'New wheelchair finally here',
    'Fatigue nobody sees',
    'Talking to my employer',
    'Assessment forms',
    'Pacing and saying no',
    'Bad pain week',
    'Learning a screen reader',
    'Access at work',
  ],
  caregiving: [
    'Dad did not recognise me',
    'Respite guilt',
    'No sleep for two years',
    'Caring for mum at home',
    'Siblings who do not help',
    'School meetings again',
    'An hour to myself',
    'Invisible at appointments',
  ],
}

/** Lengths follow forum reality: a few sentences usually, now and then a long outpouring. */
export function makeBody(r: Rng, community: string, isReply: boolean): string {
  const sentences = Math.max(1, Math.min(40, Math.round(Math.exp(1.5 + 0.7 * gauss(r)))))
  const bank = TOPIC[community]!
  const paras: string[] = []
  let para: string[] = []
  if (isReply) para.push(pick(r, REPLIES))
  else if (r() < 0.4) para.push(pick(r, OPENERS))
  for (let i = 0; i < sentences; i++) {
    let s = isReply && r() < 0.4 ? pick(r, REPLIES) : pick(r, bank)
    if (r() < 0.08) s = s.replace(/(\w+)([.?!])$/, '*$1*$2')
    para.push(s)
    if (para.length >= 2 + Math.floor(r() * 4)) {
      paras.push(para.join(' '))
      para = []
    }
  }
  if (para.length) paras.push(para.join(' '))
  if (r() < 0.12)
    paras.splice(1, 0, ['Things that have helped me:', '', ...Array.from({ length: 2 + Math.floor(r() * 4) }, () => `- ${pick(r, LIST_ITEMS)}`)].join('\n'))
  if (isReply && r() < 0.06) paras.unshift(`> ${pick(r, bank)}`)
  if (r() < 0.03) paras.push('There is more about this at [the NHS pages](https://www.nhs.uk/mental-health/) if it helps.')
  if (!isReply && r() < 0.5) paras.push(pick(r, CLOSERS))
  return paras.join('\n\n')
}
