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

  it('still reads the replier\'s own words under a quote', () => {
    expect(level("> how is everyone?\n\nHonestly I'm going to kill myself tonight.")).toBe('urgent')
  })
})
