/** Writes web/static/site.css from web/styles/*.css (scripts/build-css.mjs). */
export function buildCss(): void
