import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001_accounts.ts'
import * as m0002 from './0002_communities.ts'
import * as m0003 from './0003_threads_posts.ts'
import * as m0004 from './0004_safety.ts'
import * as m0005 from './0005_moderation.ts'
import * as m0006 from './0006_leads.ts'
import * as m0007 from './0007_queue_counts.ts'
import * as m0008 from './0008_page_versions.ts'
import * as m0009 from './0009_open_counts.ts'
import * as m0010 from './0010_urgent_since.ts'
import * as m0011 from './0011_audit_target.ts'
import * as m0012 from './0012_hardening.ts'
import * as m0013 from './0013_safety_feedback.ts'
import * as m0014 from './0014_mail.ts'
import * as m0015 from './0015_search.ts'
import * as m0016 from './0016_member_rights.ts'
import * as m0017 from './0017_member_reading.ts'
import * as m0018 from './0018_outcomes.ts'
import * as m0019 from './0019_mail_sends.ts'

// A static provider: tsx and any bundler see the same list, in order.
const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_communities': m0002,
  '0003_threads_posts': m0003,
  '0004_safety': m0004,
  '0005_moderation': m0005,
  '0006_leads': m0006,
  '0007_queue_counts': m0007,
  '0008_page_versions': m0008,
  '0009_open_counts': m0009,
  '0010_urgent_since': m0010,
  '0011_audit_target': m0011,
  '0012_hardening': m0012,
  '0013_safety_feedback': m0013,
  '0014_mail': m0014,
  '0015_search': m0015,
  '0016_member_rights': m0016,
  '0017_member_reading': m0017,
  '0018_outcomes': m0018,
  '0019_mail_sends': m0019,
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations
  },
}
