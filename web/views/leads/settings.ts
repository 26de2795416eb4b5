import { VISIBILITIES, WARNING_CATEGORIES, type WarningCategory } from '../../../server/services/community-settings.ts'
import { html } from '../../html.ts'
import { csrfField, WARNING_LABELS, type FormError, type PageCtx } from '../layout.ts'
import { checkbox, input, leadLayout, selectField, summary, VISIBILITY_LABELS, type Ref } from './shared.ts'

export type SettingsValues = Record<string, string> & { warningCategories?: never }

const NUMBER_FIELDS: { name: string; label: string; hint: string; min: number; max: number; step: number }[] = [
  {
    name: 'spamHoldThreshold',
    label: 'Spam hold threshold',
    hint: 'From 0 to 1. Posts the spam check scores at or above this are held for review. Lower holds more.',
    min: 0,
    max: 1,
    step: 0.05,
  },
  {
    name: 'newMemberHoldPosts',
    label: 'Hold a new member’s first posts',
    hint: 'How many of a member’s first posts here wait for review. 0 turns this off.',
    min: 0,
    max: 100,
    step: 1,
  },
  { name: 'newMemberHoldDays', label: 'Hold posts from accounts younger than (days)', hint: '0 turns this off.', min: 0, max: 365, step: 1 },
  {
    name: 'linksMinAccountDays',
    label: 'Allow links from accounts older than (days)',
    hint: 'Links from younger accounts go to review. 0 allows links from everyone.',
    min: 0,
    max: 365,
    step: 1,
  },
  {
    name: 'reportHideThreshold',
    label: 'Hide a post after this many reports',
    hint: 'The post is hidden until a moderator looks at it.',
    min: 1,
    max: 100,
    step: 1,
  },
  {
    name: 'crisisEscalationMinutes',
    label: 'Crisis escalation limit (minutes)',
    hint: 'An urgent item nobody claims within this time alerts the leads and admins.',
    min: 1,
    max: 1440,
    step: 1,
  },
  {
    name: 'breakAfterUrgentItems',
    label: 'Suggest a break after this many urgent items in a shift',
    hint: 'A moderator who has closed this many urgent items in 8 hours is offered a break and a debrief with a lead.',
    min: 1,
    max: 50,
    step: 1,
  },
]
export const SETTINGS_LABELS: Record<string, string> = {
  warningCategories: 'Content warning categories',
  visibility: 'Who can read',
  ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, f.label])),
}

export function leadSettingsPage(
  pc: PageCtx,
  c: Ref,
  v: { warningCategories: WarningCategory[]; numbers: Record<string, string>; visibility: string },
  err?: FormError,
) {
  const main = html`<h1>Safety settings</h1>
<p class="lede">How ${c.name} keeps members safe. Changes apply to the next post.</p>
${summary(err, SETTINGS_LABELS)}
<form method="post" action="/c/${c.slug}/lead/settings" class="stack">
${csrfField(pc)}
<fieldset id="f-warningCategories">
<legend>Content warning categories</legend>
<p class="hint">The warnings writers can add, and the pipeline suggests, in this community.</p>
<input type="hidden" name="warningCategories" value="">
<div class="checks">${WARNING_CATEGORIES.map((w) =>
    checkbox({
      name: 'warningCategories',
      id: `wc\
-${w}`,
      value: w,
      label: WARNING_LABELS[w],
      checked: v.warningCategories.includes(w),
    }),
  )}</div>
</fieldset>
${NUMBER_FIELDS.map((f) =>
  input({
    name: f.name,
    label: f.label,
    hint: f.hint,
    type: 'number',
    value: v.numbers[f.name],
    err,
    required: true,
    cls: 'narrow',
    extra: html` min="${f.min}" max="${f.max}" step="${f.step}" inputmode="${f.step < 1 ? 'decimal' : 'numeric'}"`,
  }),
)}
${selectField({
  name: 'visibility',
  label: 'Who can read',
  value: v.visibility,
  err,
  options: VISIBILITIES.map((x) => [x, VISIBILITY_LABELS[x]]),
  hint: 'Crisis resources are always public, whatever you choose.',
})}
<div class="buttons"><button type="submit">Save settings</button></div>
</form>`
  return leadLayout(pc, c, { title: `Safety settings: ${c.name}`, section: '/settings', main, err })
}
