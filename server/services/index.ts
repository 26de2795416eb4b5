import { createAuthService } from './auth.ts'
import { createCommunityService } from './communities.ts'
import type { ServiceDeps } from './context.ts'
import { createForumService } from './forum.ts'
import { createNotificationService } from './notifications.ts'
import { createPrecheckService } from './precheck.ts'
import { createPreferenceService } from './preferences.ts'

export function createServices(deps: ServiceDeps) {
  const communities = createCommunityService(deps)
  return {
    auth: createAuthService(deps),
    communities,
    forum: createForumService(deps),
    notifications: createNotificationService(deps),
    preferences: createPreferenceService(deps),
    precheck: createPrecheckService(deps, (slug) => communities.crisisResources(slug)),
  }
}

export type Services = ReturnType<typeof createServices>
