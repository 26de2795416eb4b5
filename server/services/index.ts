import { createAccountDeletionService } from './account-deletion.ts'
import { createAccountMailService } from './account-mail.ts'
import { createDataExportService } from './data-export.ts'
import { createSessionService } from './sessions.ts'
import { createProfileService } from './profiles.ts'
import { createSearchIndexingService } from './search-indexing.ts'
import { createAuthService } from './auth.ts'
import { createBlockService } from './blocks.ts'
import { createDutyService } from './duty.ts'
import { createCommunityService } from './communities.ts'
import type { ServiceDeps } from './context.ts'
import { createForumService } from './forum.ts'
import { createCrisisSupportService } from './crisis-support.ts'
import { createHealthService } from './health.ts'
import { createLeadService } from './leads.ts'
import { createModerationService } from './moderation.ts'
import { createNotificationService } from './notifications.ts'
import { createPrecheckService } from './precheck.ts'
import { createPageHeaderService } from './page-header.ts'
import { createPreferenceService } from './preferences.ts'
import { createReadingService } from './reading.ts'
import { createWatchService } from './watch.ts'
import { createModeratorPageService } from './moderator-pages.ts'
import { createSiteAdminService } from './site-admin.ts'
import { createOutcomeService } from './outcomes.ts'
import { createOutcomeAggregateService } from './outcome-aggregates.ts'
import { createConnectionService } from './connection.ts'
import { createSupporterService } from './supporters.ts'
import { createSearchService } from './search.ts'
import { createStaffSearchService } from './staff-search.ts'

export function createServices(deps: ServiceDeps) {
  const communities = createCommunityService(deps)
  const moderation = createModerationService(deps)
  const crisisSupport = createCrisisSupportService(deps)
  const leads = createLeadService(deps)
  const forum = createForumService(deps, moderation)
  return {
    auth: createAuthService(deps),
    communities,
    moderation,
    leads,
    health: createHealthService(deps),
    crisisSupport,
    pageHeader: createPageHeaderService(deps, crisisSupport, leads),
    moderatorPages: createModeratorPageService(deps, moderation),
    forum,
    reading: createReadingService(deps, forum),
    blocks: createBlockService(deps),
    watch: createWatchService(deps, forum),
    notifications: createNotificationService(deps),
    preferences: createPreferenceService(deps),
    siteAdmin: createSiteAdminService(deps),
    search: createSearchService(deps),
    staffSearch: createStaffSearchService(deps),
    duty: createDutyService(deps),
    accountMail: createAccountMailService(deps),
    outcomes: createOutcomeService(deps, moderation),
    outcomeAggregates: createOutcomeAggregateService(deps),
    connection: createConnectionService(deps),
    supporters: createSupporterService(deps),
    accountDeletion: createAccountDeletionService(deps),
    dataExport: createDataExportService(deps),
    sessions: createSessionService(deps),
    profiles: createProfileService(deps),
    searchIndexing: createSearchIndexingService(deps),
    precheck: createPrecheckService(deps, (slug) => communities.crisisResources(slug)),
  }
}

export type Services = ReturnType<typeof createServices>
