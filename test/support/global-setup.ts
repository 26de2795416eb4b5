// Runs once before all test files. Redis and Chromium are started by the tests that need them
// (test/support/redis.ts, test/support/browser.ts); nothing here may hide a missing dependency.
import { buildCss } from '../../scripts/build-css.mjs'

export default function setup() {
  process.env.TZ = 'UTC'
  // /static/site.css is built from web/styles/: pages under test load today's styles.
  buildCss()
}
