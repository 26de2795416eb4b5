import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectContact } from '../../../workers/pipeline/detectors/contact.ts'

const kinds = (text: string, spam = false) => detectContact(normalise(text), { spam }).map((f) => f.kind)

describe('contact', () => {
  it('finds a private phone number', () => {
    expect(kinds('If you want to talk, my number is 07700 900461.')).toContain('phone')
    expect(kinds('Text me on 555-0186 any evening.')).toEqual(expect.arrayContaining(['phone', 'request']))
  })

  it.each([
    ['Samaritans', 'Samaritans are on 116 123, day or night.'],
    ['988', 'In the US you can call or text 988.'],
    ['SAMHSA', 'The national helpline is 1-800-662-4357 and it is free.'],
    ['Shout', 'Text SHOUT to 85258.'],
    ['Lifeline AU', 'Lifeline is 13 11 14 if you are in Australia.'],
    ['a charity line', 'Dementia UK have a free helpline, 0800 888 6678.'],
  ])('does not treat a published helpline as contact: %s', (_name, text) => {
    expect(kinds(text)).toEqual([])
  })

  it('treats a business number in a spam post as contact', () => {
    expect(kinds('Call our admissions line now: (800) 555-0147.', true)).toContain('phone')
  })

  it('leaves dates, prices and doses alone', () => {
    expect(kinds('On 14/03/2024 I paid £4,200 for 800mg tablets, 3,000 people came.')).toEqual([])
  })

  it('finds emails, including spelled-out ones', () => {
    expect(kinds('email me at wheelsandwords.k@example.com')).toContain('email')
    expect(kinds('reach me: sam.jones at gmail dot com')).toContain('email')
  })

  it('finds messaging handles', () => {
    expect(kinds("I'm on Telegram as @carer_in_kent")).toContain('handle')
    expect(kinds('My handle is spoonie_sam#2041, add me')).toContain('handle')
  })

  it('finds requests to move to private contact', () => {
    expect(kinds('Add me on WhatsApp and we can check in every night.')).toContain('request')
    expect(kinds('DM me and we can swap numbers.')).toContain('request')
  })

  it('does not mistake a story about texting for a request', () => {
    expect(kinds('My sponsor texted me at 6am to check in.')).toEqual([])
    expect(kinds('She used to text me every night.')).toEqual([])
  })

  it('finds a home address', () => {
    expect(kinds('Coffee morning at my house: 27 Larchmere Close, Little Ashby.')).toContain('address')
  })

  it('ignores contact details inside a quoted reply', () => {
    expect(kinds('> text me on 07700 900461\n\nPlease be careful sharing numbers here.')).toEqual([])
  })

  it('reads "DM me" in an ad as a request for private contact, and a number in an ad counts', () => {
    expect(kinds('DM me for the price list, spaces are limited.', true)).toContain('request')
    expect(kinds("DM me tonight, I'm up anyway.", false)).toContain('request')
    expect(kinds('Call 07700 900123 for our price list.', true)).toContain('phone')
  })

  it.each([
    ['a toll-free number with a leading 1-', 'Call 1-888-555-0192 now, our advisors are waiting.'],
    ['a bracketed area code after a 1', 'Call our team on 1 (877) 555-0100 today.'],
    ['dots', 'Text 555.234.7788 for the price list.'],
  ])('finds a business number in an ad: %s', (_name, text) => {
    expect(kinds(text, true)).toContain('phone')
  })

  it.each([
    ['+44 (0)', 'text me on +44 (0) 7700 900461'],
    ['1 (555)', 'my number is 1 (555) 234-5678'],
    ['digits spaced one by one', 'ring me on 0 7 7 0 0  9 0 0 4 6 1'],
    ['digits spelled out', 'my number is oh seven seven double oh nine double oh four six one'],
    ['digits half spelled', 'text me, 07700 nine zero zero four six one'],
  ])('finds a private number however it is written: %s', (_name, text) => {
    expect(kinds(text)).toContain('phone')
  })

  it('does not read counting or a list of steps as a spelled number', () => {
    expect(kinds('In 2019 I went through steps one two three four five six seven with my sponsor.')).toEqual([])
  })

  it.each([
    ['"<handle> on Signal"', "Bad night. I'm greyheron.22 on Signal if anyone's awake and wants to message."],
    ['"add me, <handle>" where a platform is named', "The book club is moving to Discord. Add me, latteandlupus, and I'll send you the invite link."],
    ['"on Telegram as <handle>"', "I'm on Telegram as sunflower_kate, evenings mostly."],
    ['"<handle> on snap"', 'anyone up for sober buddies, sober_dave88 on snap'],
    ['"my Discord is <handle>"', 'My discord is quietfern if you want to join the server.'],
    ['a handle after "Snapchat:"', 'Snapchat: lil.wheelz99'],
  ])('finds a messaging handle: %s', (_name, text) => {
    expect(kinds(text)).toContain('handle')
  })

  it.each([
    "I'm usually on Discord in the evenings, it's where the book club lives.",
    'Signal is great for privacy, the charity uses it for its volunteers.',
    "I'm stuck in line at the pharmacy again.",
    'Add me to the list of people who hated that film, the Discord lot loved it.',
  ])('does not take a plain word for a handle: %s', (text) => {
    expect(kinds(text).filter((k) => k === 'handle')).toEqual([])
  })

  it('does not read a web address spelled with "dot" as an email', () => {
    expect(kinds('Grab yours at neurocalm-gummies dot com and use code SPOON15.')).toEqual([])
    expect(kinds('Visit us at brightsteps-coaching dot com for more.')).toEqual([])
    expect(kinds('email me at sam at mymail dot com')).toContain('email')
    expect(kinds('jo.wright.78 at gmail dot com')).toContain('email')
  })

  it('finds other ways of moving off the forum', () => {
    expect(kinds('We could swap numbers if you like, easier than here.')).toContain('request')
    expect(kinds("Let's take this to DMs.")).toContain('request')
    expect(kinds('hit me up on snap')).toContain('request')
    expect(kinds('Please message me privately, I would rather not say more here.')).toContain('request')
    expect(kinds('My DMs are always open if anyone needs to talk.')).toContain('request')
    expect(kinds("Give me a ring sometime, I'm around most evenings.")).toContain('request')
    expect(kinds('shoot me a message if you want the details')).toContain('request')
    expect(kinds('he used to give me a ring every Sunday')).toEqual([])
  })

  it('does not mistake a figure of speech or advice for a request', () => {
    expect(kinds('honestly if a bus hit me on the way to the chemist i would be relieved')).toEqual([])
    expect(kinds('Call me crazy but the meetings are starting to help.')).toEqual([])
    expect(kinds("Please don't swap numbers with people you have just met on here.")).toEqual([])
    expect(kinds('If anything worries you, message the mods and they will sort it.')).toEqual([])
  })

  it('does not read leetspeak as a postcode', () => {
    expect(kinds('t0m0rr0w m0rn1ng im g01ng up the mult1st0rey, n0 p01nt h4ng1ng ar0und')).toEqual([])
    expect(kinds('Send the forms to 7 Mill Lane, Hebden Bridge, HX7 8AB.')).toContain('address')
  })

  // The training posts' writers and the issue read "DM me the word X" in an ad as contact: the seller
  // takes the buyer into private messages.
  it('in an ad, counts a request that moves the talk into private messages, the product pitch too', () => {
    expect(kinds("DM me and I'll send you the program.", true)).toContain('request')
    expect(kinds('DM me the word HEAL for a free discovery call.', true)).toContain('request')
    expect(kinds('Message me privately for a reading, small donation only.', true)).toContain('request')
    expect(kinds("DM me and I'll get you a bed this week.", true)).toContain('request')
  })

  it('reads addresses and handles written to slip past a filter', () => {
    expect(kinds('Mine is greta.holm.uk at proton mail dot com. Take care.')).toContain('email')
    expect(kinds('Write to me: sam_k (at) proton mail dot com')).toContain('email')
    expect(kinds('snap me at sober.sam22 and we can check in daily')).toContain('handle')
    expect(kinds('dont message on here they watch it. tele is @essexmedsdirect')).toContain('handle')
    expect(kinds("I watched the tele at my mum's and snapped at my brother.")).toEqual([])
  })

  it('still leaves published lines alone when quoted from a resource', () => {
    expect(kinds('From the leaflet: "Samaritans 116 123, Shout text 85258, NHS 111." Worth keeping by the phone.')).toEqual([])
    expect(kinds('The hospice advice line is 0300 123 4567 if you need them, and the ward is on 0161 555 0100 during visiting.')).toEqual([])
  })

  it.each([
    ['a hospital switchboard', "St Mary's Hospital switchboard is 020 7946 0123, ask for the palliative team."],
    ['a GP surgery', 'Ring the GP surgery on 01632 960123 as soon as they open at 8.'],
    ['the council', "The council's adult social care number is 0113 222 4401."],
    ['a charity on a non-geographic number', "The Alzheimer's Society Dementia Connect line is 0333 150 3456."],
    ['a carers centre', 'Our local carers centre is on 01632 960999, they run a Tuesday group.'],
  ])("does not treat an organisation's published number as contact: %s", (_name, text) => {
    expect(kinds(text)).toEqual([])
  })

  it("still finds a member's own number given beside an organisation's name", () => {
    expect(kinds("I'm at the hospital till 5, ring me on 01632 960123 after that.")).toContain('phone')
    expect(kinds('Any women in Cork want to meet before the meeting? Ring me on 087 123 4567.')).toContain('phone')
  })
})
