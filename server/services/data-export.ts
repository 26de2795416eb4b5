import {
  exportAccount,
  exportCheckInsPage,
  exportMemberships,
  exportNotificationsPage,
  exportPostsPage,
  exportReportsPage,
  exportRevisions,
  exportChoices,
  exportSessions,
  exportWellbeing,
} from '../db/export.ts'
import { parseEmailPrefs } from '../mail/preferences.ts'
import { iso } from '../time.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { parseReadingPrefs } from './preferences.ts'

/** One file of the export: its text whole, or in pieces read one page at a time as the zip is written. */
export interface ExportFile {
  name: string
  content: string | AsyncIterable<string>
}

/** Rows per page: a page of posts with every revision is what the export holds in memory at once. */
export const EXPORT_PAGE = 200

const json = (v: unknown) => JSON.stringify(v, null, 2)
const parse = (s: string) => {
  try {
    return JSON.parse(s) as unknown
  } catch {
    return s
  }
}

/** A JSON array written page by page: `[`, the rows of each page, `]`. */
async function* jsonArray<T>(pages: AsyncIterable<T[]>): AsyncIterable<string> {
  let first = true
  yield '[\n'
  for await (const page of pages) {
    if (page.length === 0) continue
    yield (first ? '' : ',\n') + page.map((row) => json(row)).join(',\n')
    first = false
  }
  yield '\n]\n'
}

/** Keyset pages of anything with an ascending id. */
async function* pagesAfter<R extends { id: number }>(read: (afterId: number) => Promise<R[]>): AsyncIterable<R[]> {
  let after = 0
  for (;;) {
    const rows = await read(after)
    if (rows.length === 0) return
    yield rows
    if (rows.length < EXPORT_PAGE) return
    after = rows.at(-1)!.id
  }
}

const README = `This is everything Alongside holds about your account, as it was when you downloaded it.

account.json        your account and your preferences (reading, e-mail, sessions, profile)
memberships.json    the communities you joined, with your role in each
posts.json          every post you wrote (deleted, hidden and held ones too), each with every revision
posts/*.md          the same posts as Markdown files, one per post, every revision in order
reports.json        the reports you made (reports others made are theirs, and are not here)
check-ins.json      your conversations with moderators
notifications.json  your notifications
sessions.json       the devices signed in to your account (no addresses are kept)
wellbeing-check-ins.json  your wellbeing check-ins (WHO-5 raw 0-25, loneliness 3-9, hope 0-10): seen by you alone
choices.json        members you blocked, threads you follow or muted, communities you muted, posts that helped you
`

/**
 * A member's data export: everything the forum holds about them, as files for a zip. Each list
 * is read in keyset pages while the zip is written, so memory holds one page, whatever the size
 * of the account. Reports others made about the member are theirs and are left out.
 */
export function createDataExportService(deps: ServiceDeps) {
  const { db, clock, logger } = deps
  return {
    /** A download cut short (the member went away, or a read failed): logged with ids only. */
    endedEarly(ctx: Ctx, err: unknown) {
      logger.warn({ requestId: ctx.requestId, userId: ctx.actor?.id, err: { message: (err as Error).message } }, 'data export ended early')
    },

    async files(ctx: Ctx): Promise<{ fileName: string; files: AsyncIterable<ExportFile> }> {
      const actor = requireActor(ctx.actor)
      const userId = actor.id
      const account = await exportAccount(db, userId)
      if (!account) throw new Error('account vanished')
      const stamp = iso(clock.now())!.slice(0, 10)
      async function* postPages() {
        for await (const page of pagesAfter((after) => exportPostsPage(db, userId, after, EXPORT_PAGE))) {
          const revisions = await exportRevisions(
            db,
            page.map((p) => p.id),
          )
          const byPost = new Map<number, { revision: number; body: string; createdAt: string | null }[]>()
          for (const r of revisions) {
            const list = byPost.get(r.post_id) ?? []
            list.push({ revision: r.revision, body: r.body, createdAt: iso(r.created_at) })
            byPost.set(r.post_id, list)
          }
          yield page.map((p) => ({
            id: p.id,
            community: p.community,
            threadId: p.thread_id,
            ...(p.first_post_id === p.id ? { threadTitle: p.title } : {}),
            replyToId: p.reply_to_id,
            status: p.status,
            contentWarnings: parse(p.content_warnings),
            yourWarnings: parse(p.author_warnings),
            createdAt: iso(p.created_at),
            editedAt: iso(p.edited_at),
            deletedAt: iso(p.deleted_at),
            body: p.body,
            revisions: byPost.get(p.id) ?? [],
          }))
        }
      }
      async function* markdownFiles(): AsyncIterable<ExportFile> {
        for await (const page of postPages()) {
          for (const p of page) {
            const head = [
              `# ${p.threadTitle ?? `Post ${p.id}`}`,
              '',
              `- community: ${p.community}`,
              `- thread: ${p.threadId}`,
              `- written: ${p.createdAt}`,
              `- status: ${p.status}`,
              '',
            ].join('\n')
            const revs = p.revisions.length > 0 ? p.revisions : [{ revision: 1, body: p.body, createdAt: p.createdAt }]
            const body = revs.map((r) => `## Revision ${r.revision} (${r.createdAt})\n\n${r.body}\n`).join('\n')
            yield { name: `posts/${p.id}.md`, content: `${head}\n${body}` }
          }
        }
      }
      async function* notificationPages() {
        let before: number | undefined
        for (;;) {
          const rows = await exportNotificationsPage(db, userId, before, EXPORT_PAGE)
          if (rows.length === 0) return
          yield rows.map((n) => ({ id: n.id, kind: n.kind, data: parse(n.data), createdAt: iso(n.created_at), readAt: iso(n.read_at) }))
          if (rows.length < EXPORT_PAGE) return
          before = rows.at(-1)!.id
        }
      }
      async function* all(): AsyncIterable<ExportFile> {
        yield { name: 'README.txt', content: README }
        yield {
          name: 'account.json',
          content: json({
            id: account!.id,
            handle: account!.handle,
            email: account!.email,
            emailVerifiedAt: iso(account!.email_verified_at),
            isAdmin: account!.is_admin === 1,
            suspendedUntil: iso(account!.suspended_until),
            postCount: account!.post_count,
            createdAt: iso(account!.created_at),
            preferences: {
              reading: parseReadingPrefs(account!.reading_prefs),
              email: parseEmailPrefs(account!.email_prefs),
              idleTimeoutMinutes: account!.idle_timeout_minutes,
              profileVisibility: account!.profile_visibility,
              timeZone: account!.time_zone ?? 'UTC',
            },
            exportedAt: iso(clock.now()),
          }),
        }
        const memberships = await exportMemberships(db, userId)
        yield {
          name: 'memberships.json',
          content: json(
            memberships.map((m) => ({
              community: m.slug,
              name: m.name,
              role: m.role,
              acceptedGuidelinesVersion: m.accepted_guidelines_version,
              silencedUntil: iso(m.silenced_until),
              joinedAt: iso(m.joined_at),
            })),
          ),
        }
        yield { name: 'posts.json', content: jsonArray(postPages()) }
        yield {
          name: 'reports.json',
          content: jsonArray(
            (async function* () {
              for await (const page of pagesAfter((after) => exportReportsPage(db, userId, after, EXPORT_PAGE)))
                yield page.map((r) => ({
                  id: r.id,
                  postId: r.post_id,
                  reason: r.reason,
                  ruleId: r.rule_id,
                  note: r.note,
                  postAsReported: r.snapshot_body,
                  outcome: r.outcome,
                  createdAt: iso(r.created_at),
                }))
            })(),
          ),
        }
        yield {
          name: 'check-ins.json',
          content: jsonArray(
            (async function* () {
              for await (const page of pagesAfter((after) => exportCheckInsPage(db, userId, after, EXPORT_PAGE)))
                yield page.map((m) => ({
                  id: m.id,
                  conversation: m.item_id,
                  community: m.community,
                  from: m.from_moderator ? (m.signed ? m.sender_handle : 'A moderator') : 'you',
                  body: m.body,
                  createdAt: iso(m.created_at),
                }))
            })(),
          ),
        }
        yield { name: 'notifications.json', content: jsonArray(notificationPages()) }
        const wellbeing = await exportWellbeing(db, userId)
        yield {
          name: 'wellbeing-check-ins.json',
          content: json({
            enrolment: wellbeing.enrolment
              ? {
                  community: wellbeing.enrolment.slug,
                  everyDays: wellbeing.enrolment.interval_days,
                  paused: wellbeing.enrolment.paused === 1,
                  remindByEmail: wellbeing.enrolment.remind_by_email === 1,
                  consentedAt: iso(wellbeing.enrolment.consented_at),
                  nextDueAt: iso(wellbeing.enrolment.next_due_at),
                }
              : null,
            answers: wellbeing.answers.map((a) => ({
              community: a.slug,
              who5Raw: a.wellbeing,
              loneliness3Item: a.loneliness,
              hope: a.hope,
              createdAt: iso(a.created_at),
            })),
          }),
        }
        const choices = await exportChoices(db, userId)
        yield {
          name: 'choices.json',
          content: json({
            blocked: choices.blocked.map((b) => ({ handle: b.handle, since: iso(b.created_at) })),
            threads: choices.watches.map((w) => ({ threadId: w.thread_id, level: w.level, since: iso(w.updated_at) })),
            mutedCommunities: choices.mutes.map((m) => ({ community: m.slug, since: iso(m.created_at) })),
            helpedMe: choices.helpful.map((h) => ({ postId: h.post_id, at: iso(h.created_at) })),
          }),
        }
        const sessions = await exportSessions(db, userId)
        yield {
          name: 'sessions.json',
          content: json(
            sessions.map((s) => ({ device: s.device, createdAt: iso(s.created_at), lastUsedAt: iso(s.last_used_at), expiresAt: iso(s.expires_at) })),
          ),
        }
        yield* markdownFiles()
      }
      return { fileName: `alongside-${account.handle}-${stamp}.zip`, files: all() }
    },
  }
}

export type DataExportService = ReturnType<typeof createDataExportService>
