import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'

const level = (text: string) => detectCrisis(normalise(text)).level

describe('crisis: urgent', () => {
  it.each([
    ['explicit intent with a time', "I'm going to kill myself tonight."],
    ['slang', 'kms tonight'],
    ['misspelled', 'i am going to comit suiside after my shift'],
    ['zero-width evasion', 'I am going to ki\u200Bll my\u200Bself tonight'],
    ['Cyrillic evasion', "Tonight I'm going to kіll mуѕеlf."],
    ['leetspeak evasion', 'g0nna k1ll mys3lf t0night'],
    ['overdose already taken', 'Took an overdose about an hour ago. Feeling sleepy.'],
    ['pills taken', 'took all my pills 20 mins ago, the whole lot'],
    ['self-harm in progress', 'cutting right now and i cant stop'],
    ['at a dangerous place', 'standing on the bridge now. sorry everyone'],
    ['goodbye with no keyword', "I've written letters to everyone and my sister will take the cat. This is my last post, thank you all for everything."],
    ['vague intent with a day and affairs in order', "I've made up my mind. Friday is when I'll do it. I've put everything in order."],
    ['stockpiled means and a plan to take them', "I've been saving my tablets for weeks and I'll take them on Sunday."],
    ['credible threat to someone else', "I'm going to kill him when he gets home, I'm not joking. I've got the hammer."],
    ['fire against a person', "I've got a can of petrol in my bag and tonight I'm pouring it through his letterbox."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it('cites evidence quoted from the original text', () => {
    const original = "Tonight I'm going to kіll mуѕеlf. Sorry everyone."
    const { evidence } = detectCrisis(normalise(original))
    expect(evidence.length).toBeGreaterThan(0)
    for (const e of evidence) expect(original.slice(e.start, e.end)).toBe(e.phrase)
    expect(evidence.map((e) => e.phrase)).toContain('kіll mуѕеlf')
  })
})

describe('crisis: concern', () => {
  it.each([
    ['wish not to wake up, no plan', "I wish I could go to sleep and not wake up. I'm not going to do anything, I haven't got a plan."],
    ['better off without me', 'Everyone would be better off without me.'],
    ['sees no point', "I don't see the point any more. Nothing is ever going to change."],
    ['feels suicidal, says safe', "I've been feeling suicidal lately but I'm not going to act on it."],
    ['two strands of hopelessness', "What's the point. I've stopped hoping and nothing I do makes a difference."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('concern')
  })

  it('keeps "no plan" passive ideation at concern even with a day named', () => {
    expect(level("Some nights I hope I don't wake up tomorrow. I'm not going to do anything.")).toBe('concern')
  })
})

describe('crisis: false-alarm traps from LABELING.md', () => {
  it.each([
    ['bereaved telling of a suicide', 'My brother died by suicide in 2019. I still miss him every day.'],
    ['someone else took their own life', 'My friend found her dad last week, he had taken his own life.'],
    ['past ideation in a recovery story', 'Three years ago I wanted to die every day. Today I am ok and I run the Tuesday meeting.'],
    ['past attempt', 'Four years ago tonight I tried to kill myself. Today I picked my kids up from school.'],
    ['negation', "I'm not suicidal, just exhausted."],
    ['fire told as the past, by someone else', 'The fire brigade said he had poured petrol through her letterbox in 1998.'],
    ['fuel for the mower', "Got a can of petrol for the mower and I'm pouring it into the tank tomorrow."],
    ['negated intent', "For the record I'm not going to kill myself, I'm just furious with the council."],
    ['idiom: killing me', 'This paperwork is killing me.'],
    ['idiom: died laughing', 'I nearly died laughing at the form.'],
    ['idiom: death of me', 'This grant application will be the death of me.'],
    ['idiom: want it all to end', 'I just want it all to end. Not like that! I mean the probate.'],
    ['idiom: could kill her', 'I could kill her, honestly. Not literally, I am reporting it tomorrow.'],
    ['joking hyperbole', "If I have to sit through one more speech I'll kill myself lol. Kidding."],
    ['film', 'The film keeps framing suicide as the brave option and I am sick of that trope.'],
    ['asking how to help someone else', 'How do you ask someone if they are thinking about suicide? My friend has gone quiet.'],
    ['someone else says they want to die', "Mum keeps saying 'I want to die' when I help her wash. The nurse says it's the dementia."],
    ['ordinary plans for tonight', "I'm going to his favourite chippy tonight instead of sitting at home."],
    ['leaving the forum', "I'm leaving the forum for a while. Thank you all for everything, goodbye for now!"],
    ['excited plans', 'Going to do it! Signed up for the 5k on Saturday. My sister will look after the dog.'],
    ['family dinner', "Tonight I'm going to be with my family for dinner. Wish me luck!"],
    ['idiom: die of embarrassment', 'I want to die of embarrassment, I called my boss mum.'],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('none')
  })

  it('ignores crisis words in a quoted reply', () => {
    expect(level("> I'm going to kill myself tonight\n\nPlease ring someone if you mean that. Pacing helped me.")).toBe('none')
  })

  it("still reads the replier's own words under a quote", () => {
    expect(level("> how is everyone?\n\nHonestly I'm going to kill myself tonight.")).toBe('urgent')
  })
})

// Families added so the detector generalises beyond the phrases it was tuned on. Every
// example is hand-written for this file; none is copied from a corpus or probe set.
describe('crisis: overdose as verb + quantity + drug', () => {
  it.each([
    ['named drug, big quantity', 'I have swallowed three packets of ibuprofen. Please dont ring anyone.'],
    ['a whole strip, with recency', 'necked a full strip of my sertraline about twenty minutes ago and my hands are going numb'],
    ['a week of sleeping pills on purpose', 'Took a whole week of my zopiclone on purpose. Things are going fuzzy.'],
    ["a count of someone else's pills", "i've had 30 of my mums co-codamol, can't feel my legs"],
    ['no drug named, but recency and effects', 'shot the whole bag an hour ago, way more than usual, everything is slow'],
    ['a handful, for a purpose', 'Downed a handful of my quetiapine with vodka to make it stop.'],
    ["a month's supply", "I've taken a month's supply of my lithium. The room is spinning."],
    ['US drug name', 'swallowed 40 tablets of acetaminophen'],
    ['street drugs, fractions', 'just done a whole 8th of ket and a load of xans, cant feel my face'],
    ['a blister pack', 'popped a whole blister pack of my citalopram. getting sleepy'],
    ['overdosed, first person, recent', 'overdosed on my meds 10 mins ago'],
    ['too many, with effects', "i've taken too many pills, everything's blurry"],
    ['drink then a count', 'Ive downed a bottle of vodka and 20 of my tablets. bye'],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it.each([
    ['a normal dose', 'Took two paracetamol for my headache and it finally eased.'],
    ['a normal dose with a digit', 'took 2 paracetamol and went back to bed'],
    ['routine medication', 'I took my sertraline at 8 like always, feeling a bit sleepy.'],
    ['food', 'Ate the whole bag of crisps ten minutes ago, no regrets.'],
    ['recovery story', 'Five years ago I swallowed two boxes of paracetamol. Today I volunteer at the crisis line.'],
    ['negated', "I haven't taken a whole box of anything, I'm just tired."],
    ['asked hypothetically', 'If someone has taken two boxes of paracetamol, how long before the liver is damaged? Asking for my nursing course.'],
    ['exercise, not drugs', 'did 20 push-ups an hour ago and my arms are going numb lol'],
    ['someone else, carried somewhere', "My husband took a whole month of his blood pressure tablets to his mum's by mistake, so we had to drive over."],
    ['someone else taking their meds', 'Dad took all his meds this morning without a fight for once!'],
    ['time off, not pills', 'Took a whole week off work to sort the house. Exhausted but it is done.'],
  ])('not an overdose: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })
})

describe('crisis: self-harm just done, many verb forms', () => {
  it.each([
    ['sharpener blade, texting style', "sliced my thigh with a pencil sharpener blade 20 mins ago, it won't stop"],
    ['lighter, again tonight', 'I burned my forearm with a lighter again tonight. It stings so much.'],
    ['carved, blood on a towel', 'carved into my arm earlier, there is blood on the towel'],
    ['scratched with glass', 'just scratched my wrists till they bled with a broken bit of glass'],
    ['hit myself', 'Hit myself over and over tonight until it hurts to move.'],
    ['burnt myself with a cigarette', 'i just burnt myself with a cigarette 3 times'],
    ['no "I", bleeding', 'cut my arms up bad tonight. theres blood on the sheets'],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it.each([
    ['gardening accident', 'Cut my arm on a bramble while gardening, bleeding a bit but fine.'],
    ['kitchen accident', 'Burnt my arm on the oven tray again, ouch.'],
    ['kettle accident', 'Burnt myself on the kettle this morning making tea, nothing serious.'],
    ['recovery story', 'Two years ago I cut my legs most nights. Now I am 500 days free.'],
    ['cut off from people', 'I cut myself off from everyone after he died. Slowly reconnecting now.'],
  ])('not self-harm now: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })

  // Issue #15 and the training posts written from the guide: an urge to self-harm told as now, even
  // resisted ("I haven't done it"), is a concern: a moderator checks in within hours.
  it.each([
    ['an urge resisted', 'I had the urge to cut my arm tonight but I held the ice cube instead and rang a friend.'],
    ['a thought, not acted on', "I had the thought of cutting again last night. I haven't done it."],
  ])('concern, not urgent: %s', (_name, text) => {
    expect(level(text)).toBe('concern')
  })
})

describe('crisis: at a dangerous place now', () => {
  it.each([
    ['ledge of a car park roof', "I'm standing on the ledge of the car park roof. Nobody has noticed."],
    ['wrong side of the railings', 'sat on the wrong side of the railings on the bridge rn'],
    ['edge of a platform with distress', "Standing at the edge of the platform. Can't do this any more."],
    ['pier with a farewell', "I'm on the pier, the tide is in. I'm so tired of everything. Sorry."],
    ['parked by water with a wish', 'Parked up by the reservoir tonight. I just want it to be over for good.'],
    ['flyover right now', 'sitting on the flyover right now, I cant go on'],
    ['fragment, roof', "On the roof of my building. It's quiet up here. Sorry to everyone."],
    ['level crossing and a time', 'waiting at the level crossing for the last train tonight'],
    ['walking to a bridge, do not look for me', 'walking to the bridge now. dont look for me'],
    ['multi storey, spaced', "I'm going to jump. I'm on the top of the multi storey."],
    ['came to a quarry, had enough', "Came up to the quarry. It's a long way down. I've had enough."],
    ['stones in pockets by a river', "The canal is dark tonight and I've stuffed my pockets with rocks."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it.each([
    ['a walk with the dog', 'We went for a walk along the cliffs with the dog yesterday, lovely day.'],
    ['a commute', "Standing on the platform, my train is delayed again, anyone else's commute awful?"],
    ['edge of the bed', 'Sitting on the edge of my bed trying to get the energy to shower.'],
    ['a visit to the ashes', 'I sat by the river where we scattered his ashes and told him about my week.'],
    ['feeding ducks', "I'm at the river with my grandkids feeding the ducks."],
    ['visiting a ward', "I'm on the top floor of the hospital visiting Dad, the view is lovely."],
    ['anatomy', 'On the bridge of my nose I have a scar from the crash in 2010.'],
    ['someone else threatens it', "My partner keeps saying he'll jump off the bridge if I leave. How do I get him help?"],
  ])('not a crisis place: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })
})

describe('crisis: goodbyes and final arrangements', () => {
  it.each([
    ['rehoming cats and a day', "Can anyone find a home for my two cats? I won't be here after Friday. Thank you all for everything."],
    ['tell someone sorry, a note', 'Please tell my brother I am sorry. I have left a note on the kitchen table. This is goodbye.'],
    ['who has the kids, letters', 'My parents will have the kids from now on. I have written to each of them. Thank you for being my people.'],
    [
      'things given away, contract cancelled',
      "Gave my guitar to my neighbour's lad today and cancelled my phone contract. I won't be around for the next bill. Just wanted someone to know.",
    ],
    ['a will on the table', 'The dog is going to my neighbour. My will is on the table. Thank you all.'],
    ['goodbye, sorry, it is time', "Goodbye everyone. I'm sorry for everything. It's time."],
    ['someone to feed the cat, not coming back', "Please make sure someone feeds my cat. I won't be coming back."],
    ['a decision, a day, affairs in order', "I've decided. Tomorrow while the kids are at school. Everything is in order."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it.each([
    ['rehoming for a new job', 'Rehoming our lurcher as my new job means long hours. He is great with cats.'],
    ['off travelling', 'Signing off for a while, off travelling round Vietnam! Thank you all for everything, see you soon.'],
    ['custody arrangements', 'Who will have the kids at Christmas is the big argument this year. Any tips for co-parenting?'],
    ['a pet after a move into care', 'We had to find a home for the dog when Dad went into the care home. Tell me it gets easier?'],
    ['a last post on one thread', 'This is my last post on this thread, I think I have said everything I need to. Thanks everyone for the advice!'],
    ['missing one chat', "Won't be around for the Thursday chat this week, hospital appointment. Thanks everyone."],
    ['a will sorted as admin', 'Finally sorted my will and the power of attorney, such a relief. Thank you all for the advice!'],
    ['a donation', 'Gave my old wheelchair to the charity shop today, the new one is amazing. Thanks all for the advice!'],
  ])('not a goodbye: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })
})

describe('crisis: slang and methods with future or present framing', () => {
  it.each([
    ['unalive with no object', 'gonna unalive tonight, done with all of it'],
    ['sewerslide with a plan', 'thinking of sewerslide this weekend, got it planned'],
    ['off myself', "i'm going to off myself after everyone's asleep"],
    ['ctb tomorrow', 'ctb tomorrow. sorry everyone.'],
    ['step in front of the next one', "I'm at the train station, going to step in front of the next one"],
    ['car exhaust', "I'm writing this from the car. The hose is on the exhaust. I'm sorry mum."],
    ['sealed room', 'Bought the charcoal and taped the windows. Tonight.'],
    ['stockpile and a time', "I've got 60 of my mum's morphine and I'm taking them after she goes to bed."],
    ['a wish, a decision and a time', "my son doesn't deserve a mum like me. he'll be better off with his dad. I've made my choice and it's tonight."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it('reads "kms" after a laugh as hyperbole', () => {
    expect(level('lmao this quiz is so hard kms')).toBe('none')
  })
})

describe('crisis: threats with a weapon or a plan', () => {
  it.each([
    [
      'borrowed bat, waiting for him',
      "My neighbour hurt my dog. I've got my brother's baseball bat in the car and I'm waiting for him to get home. I'm going to batter him.",
    ],
    ['sharpened knife, implied threat', "I've sharpened the kitchen knife and I know where he lives. He won't be hurting anyone again."],
    ['hidden knife and a time', "I'm going to stab my stepdad when he comes in tonight, the knife is under my pillow."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('urgent')
  })

  it.each([
    ['idiom', 'My dad is going to kill me when he sees the car, lol.'],
    ['a licence, a sport', "Got my dad's rifle licence transferred to me, going clay shooting next week."],
  ])('not a threat: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })
})

describe('crisis: passive ideation and hopelessness in wider wordings', () => {
  it.each([
    ['not the worst thing', "Honestly it wouldn't be the worst thing if I didn't wake up. I'm not going to do anything."],
    ['they would manage without me', "They'd all manage fine without me. I'm not planning anything."],
    ['no future worth having', "I can't imagine a future worth having. I'm safe, just sad."],
    ['indifferent to the body giving out', "I don't care if my body gives out at this point."],
    ['cannot see it getting better, why bother', "Can't see this ever getting better. Why do I even bother any more."],
    ['better off with someone else', 'Most days I think my kids would be better off with someone else as their mum.'],
    ['hoping an illness returns', 'Part of me hopes the cancer comes back so this can all be over.'],
    ['what is the point of going on', 'What is the point of going on.'],
    ['thinks of a method, will not act', "Some days I think about just driving into a tree. I won't, I just think it."],
    ['would not mind an accident', "Honestly, if I got hit by a car tomorrow I wouldn't mind."],
  ])('%s', (_name, text) => {
    expect(level(text)).toBe('concern')
  })

  it.each([
    ['grief: no future without her', "I can't imagine a future without her in it. Eighteen months on and the grief still surprises me."],
    ['a house move', "It wouldn't be the worst thing if we moved closer to my sister."],
    ['cake idiom', "I'm eating this whole cake and I don't care if it kills me."],
    ['waking up for the carer', "If I don't wake up in time for the carer I get a fine, so alarms everywhere!"],
    ['a scan worry', "If my scan comes back bad I don't know how I'll tell the kids. Anyone been through it?"],
  ])('not ideation: %s', (_name, text) => {
    expect(level(text)).toBe('none')
  })
})
