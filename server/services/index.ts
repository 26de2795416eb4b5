import { createAuthService } from './auth.ts'
import { createCommunityService } from './communities.ts'
import type { ServiceDeps } from './context.ts'
import { createForumService } from './forum.ts'
import { createNotificationService } from './notifications.ts'

export function createServices(deps: ServiceDeps) {
  return {
    auth: createAuthService(deps),
    communities: createCommunityService(deps),
    forum: createForumService(deps),
    notifications: createNotificationService(deps),
  }
}

export type Services = ReturnType<typeof createServices>
