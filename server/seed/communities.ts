import type { Kysely } from 'kysely'
import { findCommunityBySlug, insertCommunity, insertGuidelines, replaceCrisisResources } from '../db/communities.ts'
import type { DB } from '../db/schema.ts'
import { insertRules } from '../db/moderation.ts'
import { renderMarkdown } from '../render/markdown.ts'
import { PUBLISHED_CRISIS_RESOURCES } from './crisis-resources.ts'

interface SeedCommunity {
  slug: string
  name: string
  description: string
  /** Categories this community does not want a warning for on every post. */
  settings: Record<string, unknown>
  guidelines: string
}

const COMMON = `
## Always

- **This is peer support, not a crisis service.** If you might act on thoughts of ending your life, or you are in danger now, contact a crisis line \
(listed on every page under "Crisis support") or your local emergency number.
- **Stay pseudonymous.** Do not share your own or anyone else's phone number, address, email or other contact details, and do not ask others to move \
to private chat. Moderators will hold posts that do.
- **Use content warnings** when you write about suicide, self-harm, substance use, eating disorders, abuse, violence or the details of a death. \
Readers choose what they see.
- **No selling, no recruiting.** No links to paid programmes, clinics, products or schemes.
- **Moderators are volunteers.** They may hide or remove posts, lock threads or pause someone's posting to keep this place safe. Use "Report" if \
something worries you.
`

export const SEED_COMMUNITIES: SeedCommunity[] = [
  {
    slug: 'grief',
    name: 'Grief and loss',
    description: 'For anyone living with the death of someone they love: recent or long ago, expected or sudden, including loss to suicide.',
    settings: { warningCategories: ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence'] },
    guidelines: `# Guidelines for Grief and loss

Grief has no timetable and no right way to be done. Here you can talk about the person you lost, the day they died, the anniversaries and the ordinary Tuesdays.

- **Every loss counts.** Partners, parents, children, friends, pets, pregnancies, people who died by suicide: no comparing, no ranking.
- **Listen before advising.** Ask what someone wants: comfort, company or ideas. Avoid "everything happens for a reason" and "at least…".
- **Describe a death with care.** Talking about how someone died is welcome; put the details behind a content warning.
- **Faith and no faith are both welcome.** Share what helps you without telling others what to believe.
${COMMON}`,
  },
  {
    slug: 'recovery',
    name: 'Addiction recovery',
    description: 'Recovery from alcohol, drugs, gambling and other addictions, in whatever form it takes for you, and support for the people beside you.',
    settings: {},
    guidelines: `# Guidelines for Addiction recovery

Whether you are on day one, day one thousand or starting again, you belong here. Families and friends of people who use are welcome too.

- **All paths to recovery are respected.** Twelve-step, SMART, medication-assisted treatment, harm reduction, moderation: no preaching one path over another.
- **A relapse is not a failure.** Meet it with support, not judgement.
- **No "war stories" for their own sake.** Talk about use when it helps you or others; put the details behind a content warning and never glamorise it.
- **No sourcing, dosing or how-to.** No information on getting, using or combining substances. Naloxone and overdose-response information from public \
health sources is welcome.
- **No medical advice.** Share your experience, and point to a doctor or pharmacist for decisions about medication or withdrawal.
${COMMON}`,
  },
  {
    slug: 'disability',
    name: 'Living with disability and chronic illness',
    description: 'For disabled people and people with chronic illness: the practical, the political and the everyday, from benefits forms to bad pain days.',
    settings: {},
    guidelines: `# Guidelines for Living with disability and chronic illness

This is a space run on the principle "nothing about us without us". You are the expert on your own body and life.

- **Believe people about their own experience.** No one has to prove their condition, diagnosis or pain to belong here.
- **No cures, no miracle products.** Do not push treatments, diets or supplements. Ask before you offer advice.
- **Accessibility is everyone's job.** Describe images you link to, avoid walls of text where you can, and be patient with typos and voice-typing.
- **Respect identity language.** Some of us say "disabled person", some "person with a disability": follow how people describe themselves.
${COMMON}`,
  },
  {
    slug: 'caregiving',
    name: 'Caregiving',
    description:
      'For unpaid carers of a partner, parent, child or friend: the exhaustion, the love, the paperwork and the guilt, shared with people who get it.',
    settings: {},
    guidelines: `# Guidelines for Caregiving

Caring for someone can be isolating, and the hard feelings that come with it (resentment, grief, anger, numbness) are normal. You can say them here.

- **No judging another carer's choices.** Care homes, respite, leaving work, staying at work: each family decides what works for them.
- **Protect the person you care for.** Share what you need to, and leave out names, diagnoses-plus-locations and other details that could identify them.
- **If someone is at risk of harm**, including you, say so: moderators can point you to help. Abuse of or by a person you care for is not something \
you have to carry alone.
- **Rest is not selfish.** Encourage each other to take breaks and ask for help.
${COMMON}`,
  },
]

/** Every community starts with these rules (leads edit them); moderators cite them when removing a post. */
export const SEED_RULES = [
  { title: 'Be kind and respectful', body: 'No insults, mockery, harassment or hostility towards anyone, here or elsewhere.' },
  {
    title: 'Stay pseudonymous',
    body: "Do not share your own or anyone else's contact details or identifying information, or ask others to move to private contact.",
  },
  { title: 'No selling or recruiting', body: 'No advertising, paid programmes, clinics, products, fundraising or schemes.' },
  { title: 'No medical instructions', body: 'Share experience, not dosing, sourcing or treatment instructions; point people to professionals.' },
  {
    title: 'Use content warnings',
    body: 'Put details of suicide, self-harm, substance use, eating disorders, abuse, violence or a death behind a content warning.',
  },
]

const TOPIC_FOR: Record<string, string> = { grief: 'grief', recovery: 'recovery', disability: 'crisis', caregiving: 'crisis' }

export function seedResourcesFor(slug: string) {
  const topic = TOPIC_FOR[slug]
  return PUBLISHED_CRISIS_RESOURCES.filter((r) => r.topics.includes('crisis') || r.topics.includes(topic)).map((r) => ({
    name: r.name,
    contact: r.contact,
    url: r.url,
    region: r.region,
    hours: r.hours,
  }))
}

/** Seeds the four demo communities if they are missing; safe to run again. */
export async function seedCommunities(db: Kysely<DB>, now: number): Promise<string[]> {
  const created: string[] = []
  for (const c of SEED_COMMUNITIES) {
    await db.transaction().execute(async (trx) => {
      if (await findCommunityBySlug(trx, c.slug)) return
      const row = await insertCommunity(trx, {
        slug: c.slug,
        name: c.name,
        description: c.description,
        visibility: 'public',
        settings: JSON.stringify(c.settings),
        created_at: now,
      })
      await insertGuidelines(trx, {
        community_id: row.id,
        version: 1,
        markdown: c.guidelines,
        html: renderMarkdown(c.guidelines),
        created_by: null,
        created_at: now,
      })
      await replaceCrisisResources(trx, row.id, seedResourcesFor(c.slug))
      await insertRules(trx, row.id, SEED_RULES)
      created.push(c.slug)
    })
  }
  return created
}
