import { Kysely, sql } from 'kysely'
import { dropPgTrigger, isPostgres, pgTrigger } from './postgres.ts'

// Outcomes (issue #20): members' opt-in wellbeing check-ins, and the indexes behind the lead's
// connection and supporter-load figures. A check-in holds only the three scores, never the item
// answers; it is the member's alone, and withdrawing deletes every row (cascade on the account too).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outcome_enrolment (
    user_id integer primary key references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    interval_days integer not null check (interval_days in (14, 28)),
    paused integer not null default 0,
    remind_by_email integer not null default 0,
    consented_at integer not null,
    next_due_at integer not null,
    reminded_at integer,
    updated_at integer not null
  )`.execute(db)
  // The hourly reminder sweep reads only members who asked for mail and are due.
  await sql`create index outcome_enrolment_mail_due_idx on outcome_enrolment (next_due_at) where paused = 0 and remind_by_email = 1`.execute(db)

  await sql`create table outcome_check_in (
    id integer primary key autoincrement,
    user_id integer not null references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    created_at integer not null,
    wellbeing integer not null check (wellbeing between 0 and 25),
    loneliness integer not null check (loneliness between 3 and 9),
    hope integer not null check (hope between 0 and 10)
  )`.execute(db)
  // The member's own trend.
  await sql`create index outcome_check_in_user_idx on outcome_check_in (user_id, created_at)`.execute(db)

  // What leads' aggregates read: one row per member, community and calendar quarter (UTC) with the
  // count and the first and last check-in's scores, kept by triggers on every insert and delete.
  // Grouping 100,000 check-ins per request cost about 200 ms of CPU; reading these rows, a few ms.
  await sql`create table outcome_member_quarter (
    community_id integer not null,
    quarter_start integer not null,
    user_id integer not null references user(id) on delete cascade,
    n integer not null,
    first_wellbeing integer not null,
    first_loneliness integer not null,
    first_hope integer not null,
    last_wellbeing integer not null,
    last_loneliness integer not null,
    last_hope integer not null,
    primary key (community_id, quarter_start, user_id)
  ) without rowid`.execute(db)
  if (isPostgres(db)) await postgresQuarterTriggers(db)
  else
    for (const [event, row] of [
      ['insert', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql.raw(`create trigger outcome_member_quarter_${event} after ${event} on outcome_check_in begin ${recompute(row)} end`).execute(db)
    }

  // And from those, per community and quarter, how many members have each score (their last in the
  // quarter) and each change (last minus first, members with two or more): the scores are small
  // whole numbers, so a lead's figures read a few hundred rows by primary key, whatever the volume.
  await sql`create table outcome_histogram (
    community_id integer not null,
    quarter_start integer not null,
    k text not null,
    v integer not null,
    n integer not null,
    primary key (community_id, quarter_start, k, v)
  ) without rowid`.execute(db)
  if (isPostgres(db)) await postgresHistogramTriggers(db)
  else
    for (const [event, row, step] of [
      ['insert', 'new', '+ 1'],
      ['delete', 'old', '- 1'],
    ] as const) {
      const bump = (k: string, v: string) =>
        `insert into outcome_histogram (community_id, quarter_start, k, v, n) values (${row}.community_id, ${row}.quarter_start, '${k}', ${v}, \
${step === '+ 1' ? 1 : -1})
        on conflict (community_id, quarter_start, k, v) do update set n = n ${step};`
      const changes = `${bump('change_wellbeing', `${row}.last_wellbeing - ${row}.first_wellbeing`)}
      ${bump('change_loneliness', `${row}.last_loneliness - ${row}.first_loneliness`)}
      ${bump('change_hope', `${row}.last_hope - ${row}.first_hope`)}`
      await sql
        .raw(
          `create trigger outcome_histogram_${event} after ${event} on outcome_member_quarter begin
        ${bump('wellbeing', `${row}.last_wellbeing`)} ${bump('loneliness', `${row}.last_loneliness`)} ${bump('hope', `${row}.last_hope`)}
        end`,
        )
        .execute(db)
      await sql
        .raw(`create trigger outcome_histogram_${event}_change after ${event} on outcome_member_quarter when ${row}.n >= 2 begin ${changes} end`)
        .execute(db)
    }

  await sql`create table debrief_request (
    id integer primary key autoincrement,
    community_id integer not null references community(id) on delete cascade,
    moderator_id integer not null references user(id) on delete cascade,
    note text,
    created_at integer not null
  )`.execute(db)
  await sql`create index debrief_request_community_idx on debrief_request (community_id, created_at)`.execute(db)

  // Crisis items a moderator closed: per community for the leads, per moderator for the break prompt.
  await sql`create index review_item_resolved_idx on review_item (community_id, resolved_at) where resolved_at is not null`.execute(db)
  await sql`create index review_item_resolver_idx on review_item (resolved_by, resolved_at) where resolved_by is not null`.execute(db)
  // New members per community and join date (first-reply and returning cohorts).
  await sql`create index membership_community_joined_idx on membership (community_id, joined_at)`.execute(db)
}

/** Rebuilds the one summary row the changed check-in belongs to (none when its quarter is now empty). */
function recompute(row: 'new' | 'old') {
  const t = `${row}.created_at / 1000`
  const q = `(cast(strftime('%s', datetime(${t}, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', ${t}, 'unixepoch') as integer) - 1) % 3) \
|| ' months')) as integer) * 1000)`
  const qEnd = `(cast(strftime('%s', datetime(${q} / 1000, 'unixepoch', '+3 months')) as integer) * 1000)`
  const inQuarter = `user_id = ${row}.user_id and community_id = ${row}.community_id and created_at >= ${q} and created_at < ${qEnd}`
  return `delete from outcome_member_quarter where community_id = ${row}.community_id and quarter_start = ${q} and user_id = ${row}.user_id;
    insert into outcome_member_quarter
    select ${row}.community_id, ${q}, ${row}.user_id, s.n, f.wellbeing, f.loneliness, f.hope, l.wellbeing, l.loneliness, l.hope
    from (select count(*) as n from outcome_check_in where ${inQuarter}) s,
      (select wellbeing, loneliness, hope from outcome_check_in where ${inQuarter} order by created_at, id limit 1) f,
      (select wellbeing, loneliness, hope from outcome_check_in where ${inQuarter} order by created_at desc, id desc limit 1) l;`
}

/**
 * The same summaries on PostgreSQL. outcome_quarter_start(ms) is the start of the calendar quarter
 * (UTC) of a time in milliseconds, as the strftime() arithmetic above computes it.
 */
async function postgresQuarterTriggers(db: Kysely<any>) {
  await sql`create function outcome_quarter_start(ms bigint) returns bigint language sql immutable as
    $$ select (extract(epoch from date_trunc('quarter', to_timestamp(ms / 1000) at time zone 'UTC')) * 1000)::bigint $$`.execute(db)
  for (const [event, row] of [
    ['insert', 'new'],
    ['delete', 'old'],
  ] as const) {
    const q = `outcome_quarter_start(${row}.created_at)`
    const qEnd = `(extract(epoch from (date_trunc('quarter', to_timestamp(${row}.created_at / 1000) at time zone 'UTC') + interval '3 months')) * 1000)::bigint`
    const inQuarter = `user_id = ${row}.user_id and community_id = ${row}.community_id and created_at >= ${q} and created_at < ${qEnd}`
    await pgTrigger(
      db,
      `outcome_member_quarter_${event}`,
      'outcome_check_in',
      `after ${event}`,
      `delete from outcome_member_quarter where community_id = ${row}.community_id and quarter_start = ${q} and user_id = ${row}.user_id;
      insert into outcome_member_quarter
      select ${row}.community_id, ${q}, ${row}.user_id, s.n, f.wellbeing, f.loneliness, f.hope, l.wellbeing, l.loneliness, l.hope
      from (select count(*) as n from outcome_check_in where ${inQuarter}) s,
        (select wellbeing, loneliness, hope from outcome_check_in where ${inQuarter} order by created_at, id limit 1) f,
        (select wellbeing, loneliness, hope from outcome_check_in where ${inQuarter} order by created_at desc, id desc limit 1) l;
      return null;`,
    )
  }
}

async function postgresHistogramTriggers(db: Kysely<any>) {
  for (const [event, row, step] of [
    ['insert', 'new', 1],
    ['delete', 'old', -1],
  ] as const) {
    const bump = (k: string, v: string) =>
      `insert into outcome_histogram (community_id, quarter_start, k, v, n) values (${row}.community_id, ${row}.quarter_start, '${k}', ${v}, ${step})
        on conflict (community_id, quarter_start, k, v) do update set n = outcome_histogram.n + ${step};`
    await pgTrigger(
      db,
      `outcome_histogram_${event}`,
      'outcome_member_quarter',
      `after ${event}`,
      `${bump('wellbeing', `${row}.last_wellbeing`)} ${bump('loneliness', `${row}.last_loneliness`)} ${bump('hope', `${row}.last_hope`)}
      if ${row}.n >= 2 then
        ${bump('change_wellbeing', `${row}.last_wellbeing - ${row}.first_wellbeing`)}
        ${bump('change_loneliness', `${row}.last_loneliness - ${row}.first_loneliness`)}
        ${bump('change_hope', `${row}.last_hope - ${row}.first_hope`)}
      end if;
      return null;`,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index membership_community_joined_idx`.execute(db)
  await sql`drop index review_item_resolver_idx`.execute(db)
  await sql`drop index review_item_resolved_idx`.execute(db)
  await sql`drop table debrief_request`.execute(db)
  await sql`drop table outcome_histogram`.execute(db)
  await sql`drop table outcome_member_quarter`.execute(db)
  await sql`drop table outcome_check_in`.execute(db)
  await sql`drop table outcome_enrolment`.execute(db)
  if (isPostgres(db)) {
    for (const event of ['insert', 'delete']) {
      await dropPgTrigger(db, `outcome_member_quarter_${event}`)
      await dropPgTrigger(db, `outcome_histogram_${event}`)
    }
    await sql`drop function outcome_quarter_start(bigint)`.execute(db)
  }
}
