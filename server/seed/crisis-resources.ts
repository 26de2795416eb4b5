// From shared/crisis-resources.json (reviewed 2026-11-22): published lines only. Never add a number from memory.
export const CRISIS_RESOURCES_REVIEWED_ON = '2026-11-22'

export interface SeedResource {
  region: string
  name: string
  contact: string
  url: string
  hours: string
  topics: string[]
}

export const PUBLISHED_CRISIS_RESOURCES: SeedResource[] = [
  {
    region: 'US',
    name: '988 Suicide & Crisis Lifeline',
    contact: 'Call or text 988',
    url: 'https://988lifeline.org',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'US',
    name: 'Crisis Text Line',
    contact: 'Text HOME to 741741',
    url: 'https://www.crisistextline.org',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'US',
    name: 'SAMHSA National Helpline',
    contact: '1-800-662-4357',
    url: 'https://www.samhsa.gov/find-help/national-helpline',
    hours: '24/7',
    topics: ['recovery'],
  },
  {
    region: 'CA',
    name: '9-8-8 Suicide Crisis Helpline',
    contact: 'Call or text 988',
    url: 'https://988.ca',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'UK/IE',
    name: 'Samaritans',
    contact: '116 123',
    url: 'https://www.samaritans.org',
    hours: '24/7',
    topics: ['crisis', 'grief'],
  },
  {
    region: 'UK',
    name: 'Shout',
    contact: 'Text SHOUT to 85258',
    url: 'https://giveusashout.org',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'AU',
    name: 'Lifeline',
    contact: '13 11 14',
    url: 'https://www.lifeline.org.au',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'NZ',
    name: 'Need to talk?',
    contact: 'Call or text 1737',
    url: 'https://1737.org.nz',
    hours: '24/7',
    topics: ['crisis'],
  },
  {
    region: 'International',
    name: 'Find A Helpline',
    contact: 'Directory of lines by country',
    url: 'https://findahelpline.com',
    hours: 'online',
    topics: ['crisis'],
  },
]
