import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'
import { detectWarnings } from '../../../workers/pipeline/detectors/warnings.ts'

const level = (text: string) => detectCrisis(normalise(text)).level
const warn = (text: string) => {
  const n = normalise(text)
  return detectWarnings(n, detectCrisis(n))
}

describe('crisis families: urgent', () => {
  it.each([
    ['whole supply of a named drug, stated as a plan', "I've got a box of tramadol here. I'm swallowing all of them once the house is quiet."],
    ['texting-style plan with a hoard', 'kept back 30 of my codeine. taking them at 3am when it is quiet.'],
    ['hoarded patches', 'I have been saving my morphine patches since spring and on Friday I am putting all of them on.'],
    ['sleeping tablets taken with effects', 'Swallowed all my sleeping tablets ten minutes ago and everything is going fuzzy.'],
    ['edging to the platform edge', 'At the station and I keep edging closer to the platform edge.'],
    ['lying in wait with a weapon and a day', "Got my brother's baseball bat in the boot and on Friday I'm waiting for the landlord outside his office."],
    ['revenge threat with a weapon', "That neighbour is going to pay for what he did. I've got a hammer in my bag."],
    ['place by water, a time and a farewell', "Heading down the canal tonight. Won't be on here after tonight, thanks for everything."],
  ])('%s', (_label, text) => {
    expect(level(text)).toBe('urgent')
  })
})

describe('crisis families: not urgent', () => {
  it.each([
    ['goodbye to a house', "Tonight's the night we hand back the keys. Saying goodbye to our old flat after twelve years."],
    [
      'leaving the forum for good reasons',
      "My last post for the group. I've started volunteering and feel ready to step back from the forum. Look after each other.",
    ],
    ['taking the kids somewhere', "I'm taking all of them to the seaside on Saturday, wish me luck."],
    ['a hyperbolic payback without a weapon', "The council is going to pay for this mess, I'm writing to my MP."],
  ])('%s', (_label, text) => {
    expect(level(text)).not.toBe('urgent')
  })
})

describe('warning families', () => {
  it.each([
    ['wishing not to have woken', 'Some days I wish I had never woken from the operation.', 'suicide'],
    ['someone else does not want to be here', "My brother says he doesn't want to be alive any more.", 'suicide'],
    ['relieved if it ended', 'Part of me would be glad if it all just ended.', 'suicide'],
    ['imagined crash while driving', 'On the motorway I keep thinking about just letting go of the wheel.', 'suicide'],
    ['blade on skin', 'I used a razor on my thigh again last night.', 'self_harm'],
    ['cravings described', 'Cravings have been relentless all week and I could almost taste the wine.', 'substance_use'],
    ['restriction', 'My son has been restricting since Christmas and the GP is not worried.', 'eating_disorder'],
    ['what someone did to a child', 'Nobody believed me about what my stepdad did to me.', 'abuse'],
    ['coercive control', 'He controlled and isolated my mother for decades.', 'abuse'],
    ['financial and elder abuse', 'The lodger has been helping himself to her savings and locking her in the bedroom.', 'abuse'],
    ['a collapse described', 'She collapsed on the kitchen floor while making tea.', 'death'],
    ['the last breaths', 'Her breathing slowed through the night, then there was that rattle.', 'death'],
  ])('%s', (_label, text, category) => {
    expect(warn(text)).toContain(category)
  })

  it.each([
    ['kitchenware', 'Bought a new bread knife for the kitchen.', 'violence'],
    ['restricting access', 'The council keeps restricting access to the car park.', 'eating_disorder'],
    ['a razor blade with self-harm is not violence', "I keep a razor blade in my bag and tonight I'm going to use it on my wrists.", 'violence'],
  ])('no warning: %s', (_label, text, category) => {
    expect(warn(text)).not.toContain(category)
  })
})
