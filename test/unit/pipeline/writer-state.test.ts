// Issue #15, the writer's state over the topic: rule-level shapes found by cross-validation on the
// training posts (tools/data/train), each written here in fresh words.
import { describe, expect, it } from 'vitest'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'
import { detectContact } from '../../../workers/pipeline/detectors/contact.ts'
import { detectWarnings } from '../../../workers/pipeline/detectors/warnings.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { scan } from '../../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../../workers/pipeline/types.ts'

const level = (text: string) => detectCrisis(normalise(text)).level
const kinds = (text: string) => detectContact(normalise(text)).map((f) => f.kind)
const warns = (text: string) => detectWarnings(normalise(text))

describe('crisis rules: whose danger, and when', () => {
  it('reads blows to the writer’s own body, now and escalating, as urgent; someone else’s blow is not self-harm', () => {
    expect(level('been hitting my thighs with the hairbrush for ages, they are black and blue and i still want to do it harder')).toBe('urgent')
    expect(level('My stepdad hit my face again last night and there was blood on the pillow.')).not.toBe('urgent')
  })

  it('reads a self-injury from last week as a check-in, not an emergency, and a teenage one as history', () => {
    expect(level('Last Thursday I cut my arm with a kitchen knife, the first time since college.')).toBe('concern')
    expect(level('When I was a teenager I burned my arm with a lighter, my mum never knew.')).toBe('none')
  })

  it('leaves the helper asking about someone else’s thoughts, and a feared urge, short of urgent', () => {
    expect(level("My partner told me on Sunday he's been having suicidal thoughts again. What do I say to him tonight?")).toBe('none')
    expect(level('I took the blade out of the sharpener and held it. I did not cut. But I am afraid I will do it.')).not.toBe('urgent')
  })

  it('does not read histories and house moves as overdoses or goodbyes', () => {
    expect(level('I had bulimia from 15 to about 21 and I have been well since.')).toBe('none')
    expect(level('I had migraines for 9 years and tried everything: beta blockers, acupuncture, codeine.')).toBe('none')
    expect(level('Saying goodbye to my old wheelchair tonight, the new one came!')).toBe('none')
    expect(level("He says the depot injection is poisoning him, so he won't have it.")).toBe('none')
  })

  it('still reads a weapon picked up for someone as urgent', () => {
    expect(level("I know where he drinks. My cousin got me a pistol, I picked it up this morning. Friday night I'll be waiting for him.")).toBe('urgent')
  })
})

describe('contact: private details written to slip past a filter, and published places', () => {
  it('finds a number with the letter O for zero, a username, and a number given for WhatsApp', () => {
    expect(kinds('text me on 07OO 9OO 512, the Os are zeros')).toContain('phone')
    expect(kinds('signal only, username is northside_supplies')).toContain('handle')
    expect(kinds('ring the clinic freephone 0808 157 0000 or WhatsApp +44 7700 900777 and ask for Marco')).toContain('phone')
  })

  it('asks to meet in person', () => {
    expect(kinds("Come and find me by the bandstand, I'll have a yellow umbrella.")).toContain('request')
  })

  it('leaves a public venue’s address alone, not a member’s own', () => {
    expect(kinds('The carers café meets every Wednesday at the Quaker Meeting House, 7 Bridge Street, 10 till 12.')).toEqual([])
    expect(kinds("Pop round for a cuppa, I'm at 22 Ash Grove, the house with the green door.")).toContain('address')
  })

  it('counts a member’s number inside a quoted reply as shared on the page', () => {
    const text = '> @Dee wrote: ring me any night, 07700 900318, I mean it\n\nThank you Dee, I did ring and it helped so much.'
    expect(scan({ text, settings: defaultSafetySettings() }).contact.found).toBe(true)
  })
})

describe('violence warnings: people hurt by people, not self-harm or hyperbole', () => {
  it('warns of assaults told in members’ own words', () => {
    expect(warns('Two lads followed me home and one of them kicked me in the ribs while I was down.')).toContain('violence')
    expect(warns('He pulled out a knife and held it to my face.')).toContain('violence')
  })

  it('does not warn of violence for a blade used on oneself, a strong feeling, or a game', () => {
    expect(warns('I got the craft knife out and cut my arm again.')).not.toContain('violence')
    expect(warns("I swear one of these days I'm going to strangle somebody at that call centre.")).not.toContain('violence')
    expect(warns('It hit me hard on the Monday after the funeral. My grandson beat me at chess though.')).not.toContain('violence')
  })
})
