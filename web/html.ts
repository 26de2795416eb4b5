/**
 * Auto-escaping HTML templates. Every interpolated value is escaped unless it is already a
 * SafeHtml (built by `html` itself, or wrapped with `raw()` for the stored, sanitized post HTML).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[]

function render(v: Interpolation): string {
  if (v === null || v === undefined || v === false || v === true) return ''
  if (v instanceof SafeHtml) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  return escapeHtml(String(v))
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!
  return new SafeHtml(out)
}

/** Only for HTML that is already safe: the sanitized HTML stored beside a post's Markdown. */
export const raw = (s: string) => new SafeHtml(s)

/** An attribute that is present or absent, e.g. html`<input ${attr('checked', on)}>`. */
export const attr = (name: string, on: boolean) => (on ? raw(` ${name}`) : raw(''))
