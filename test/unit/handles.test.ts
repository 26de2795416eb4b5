// Issue 16, item 6: handles that pass for staff, the site or a removed account, and look-alikes.
import { Migrator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '../../migrations/index.ts'
import { openDatabase } from '../../server/db/database.ts'
import { handleSkeleton, isReservedHandle } from '../../server/services/handles.ts'
import { tempDbPath } from '../support/app.ts'

describe('reserved handles', () => {
  it.each([
    'Moderator',
    'admin',
    'Alongside',
    'alongside-team',
    'Iead1',
    'lead1',
    'LEAD',
    'Adm1n',
    'ADMlN',
    'm0derator',
    'MOD',
    'mod_2',
    'm0d',
    'staff',
    'Staff2',
    '5taff',
    'support',
    'support_team',
    'team',
    'Team-Lead',
    'official',
    '0fficial',
    'deleted',
    'deleted_user',
    'unknown',
    'unknown-user',
    'former-member',
    'FormerMember',
    'mod_team',
    'alongside_support',
    'AlongsideHelp',
    'sam_the_mod',
    'ModSam',
    'the_real_admin',
    'adminsam',
    'peer_supporter',
    'crisis_line',
    'sysop',
    'Аdmin', // a Cyrillic А
  ])('refuses %s', (handle) => {
    expect(isReservedHandle(handle)).toBe(true)
  })

  it.each([
    'badminton_fan',
    'leader',
    'modest_mouse',
    'steamboat',
    'supportive_sam',
    'need_support',
    'lead_singer',
    'teamwork',
    'sam',
    'ash_b',
    'river',
    'deletedscenes',
    'member_1234_5',
    'helpme',
    'trust_me',
    'staffordshire',
    'rootbeer',
    'modem',
    'rl_lead',
    'built_member',
  ])('accepts %s', (handle) => {
    expect(isReservedHandle(handle)).toBe(false)
  })
})

describe('handle skeletons', () => {
  it('gives look-alikes one skeleton', () => {
    expect(handleSkeleton('Iead1')).toBe(handleSkeleton('lead1'))
    expect(handleSkeleton('lead_1')).toBe(handleSkeleton('lead1'))
    expect(handleSkeleton('B0B')).toBe(handleSkeleton('bob'))
    expect(handleSkeleton('rnary')).toBe(handleSkeleton('mary'))
    expect(handleSkeleton('Аsh')).toBe(handleSkeleton('ash')) // a Cyrillic А
    expect(handleSkeleton('ASH')).toBe(handleSkeleton('ash'))
  })

  it('keeps different-looking handles apart', () => {
    expect(handleSkeleton('iead1')).not.toBe(handleSkeleton('lead1'))
    expect(handleSkeleton('ash')).not.toBe(handleSkeleton('asha'))
  })

  it('are filled by migration 0012 for accounts made before it, as registration computes them', async () => {
    const db = openDatabase(tempDbPath('skeleton'))
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      expect((await migrator.migrateTo('0011_audit_target')).error).toBeUndefined()
      const handles = ['Iead1', 'B0B', 'member_12_3', 'rnary']
      for (const h of handles) await sql`insert into user (handle, handle_key, password_hash, created_at) values (${h}, ${h.toLowerCase()}, 'x', 1)`.execute(db)
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const rows = await db.selectFrom('user').select(['handle', 'handle_skeleton']).orderBy('id').execute()
      expect(rows).toEqual(handles.map((h) => ({ handle: h, handle_skeleton: handleSkeleton(h) })))
    } finally {
      await db.destroy()
    }
  })
})
