import { describe, expect, it } from 'vitest'
import type { Logger } from '../../server/logger.ts'
import { communitySettings, parseSettings } from '../../server/services/community-settings.ts'

function recorder() {
  const errors: { obj: Record<string, unknown>; msg: string }[] = []
  const logger = { error: (obj: Record<string, unknown>, msg: string) => errors.push({ obj, msg }) } as unknown as Logger
  return { errors, logger }
}

describe('community settings read from the database', () => {
  it('reads valid settings as they are, and says nothing', () => {
    const { errors, logger } = recorder()
    const s = parseSettings(JSON.stringify({ newMemberHoldPosts: 3, warningCategories: ['death'] }), { communityId: 1, logger })
    expect(s.newMemberHoldPosts).toBe(3)
    expect(s.warningCategories).toEqual(['death'])
    expect(errors).toEqual([])
  })

  it('text that is not JSON is logged with the community id, and reads as the defaults', () => {
    const { errors, logger } = recorder()
    expect(parseSettings('{not json', { communityId: 42, logger })).toEqual(communitySettings.parse({}))
    expect(errors).toHaveLength(1)
    expect(errors[0]!.obj).toMatchObject({ alert: 'corrupt_settings', communityId: 42 })
  })

  it('a broken field falls back alone: what the lead set that still reads keeps applying', () => {
    const { errors, logger } = recorder()
    const s = parseSettings(JSON.stringify({ newMemberHoldPosts: 5, crisisEscalationMinutes: 'soon' }), { communityId: 7, logger })
    expect(s.newMemberHoldPosts).toBe(5)
    expect(s.crisisEscalationMinutes).toBe(10)
    expect(errors[0]!.obj).toMatchObject({ communityId: 7, fields: ['crisisEscalationMinutes'] })
  })

  it('reports each corrupt text once, not on every read', () => {
    const { errors, logger } = recorder()
    for (let i = 0; i < 3; i++) parseSettings('[1, 2', { communityId: 9, logger })
    expect(errors).toHaveLength(1)
  })
})
