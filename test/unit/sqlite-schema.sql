-- index account_erasure_pending_idx on account_erasure
CREATE INDEX account_erasure_pending_idx on account_erasure (id) where done_at is null;

-- index audit_log_community_idx on audit_log
CREATE INDEX "audit_log_community_idx" on "audit_log" ("community_id", "id");

-- index audit_log_target_idx on audit_log
CREATE INDEX audit_log_target_idx on audit_log (target_type, target_id, action, created_at);

-- index check_in_item_idx on check_in_message
CREATE INDEX "check_in_item_idx" on "check_in_message" ("item_id", "id");

-- index check_in_member_idx on check_in_message
CREATE INDEX "check_in_member_idx" on "check_in_message" ("member_id", "id");

-- index community_mute_community_idx on community_mute
CREATE INDEX community_mute_community_idx on community_mute (community_id);

-- index community_rule_idx on community_rule
CREATE INDEX "community_rule_idx" on "community_rule" ("community_id", "position");

-- index crisis_resource_community_idx on crisis_resource
CREATE INDEX "crisis_resource_community_idx" on "crisis_resource" ("community_id", "position");

-- index debrief_request_community_idx on debrief_request
CREATE INDEX debrief_request_community_idx on debrief_request (community_id, created_at);

-- index helpful_mark_created_idx on helpful_mark
CREATE INDEX helpful_mark_created_idx on helpful_mark (created_at);

-- index helpful_mark_user_idx on helpful_mark
CREATE INDEX helpful_mark_user_idx on helpful_mark (user_id);

-- index mail_outbox_due_idx on mail_outbox
CREATE INDEX mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;

-- index mail_outbox_item_idx on mail_outbox
CREATE INDEX mail_outbox_item_idx on mail_outbox (review_item_id) where review_item_id is not null;

-- index mail_outbox_user_idx on mail_outbox
CREATE INDEX mail_outbox_user_idx on mail_outbox (user_id) where user_id is not null;

-- index member_block_blocked_idx on member_block
CREATE INDEX member_block_blocked_idx on member_block (blocked_id, blocker_id);

-- index membership_community_joined_idx on membership
CREATE INDEX membership_community_joined_idx on membership (community_id, joined_at);

-- index membership_user_idx on membership
CREATE INDEX "membership_user_idx" on "membership" ("user_id");

-- index notification_unread_idx on notification
CREATE INDEX notification_unread_idx on notification (user_id) where read_at is null;

-- index notification_user_idx on notification
CREATE INDEX "notification_user_idx" on "notification" ("user_id", "id" desc);

-- index outbox_pending_idx on outbox
CREATE INDEX outbox_pending_idx on outbox (sent_at, id) where done_at is null;

-- index outbox_post_rev_uq on outbox
CREATE UNIQUE INDEX "outbox_post_rev_uq" on "outbox" ("post_id", "revision");

-- index outcome_check_in_user_idx on outcome_check_in
CREATE INDEX outcome_check_in_user_idx on outcome_check_in (user_id, created_at);

-- index outcome_enrolment_mail_due_idx on outcome_enrolment
CREATE INDEX outcome_enrolment_mail_due_idx on outcome_enrolment (next_due_at) where paused = 0 and remind_by_email = 1;

-- index post_author_idx on post
CREATE INDEX "post_author_idx" on "post" ("author_id", "id");

-- index post_community_created_idx on post
CREATE INDEX "post_community_created_idx" on "post" ("community_id", "created_at");

-- index post_community_idx on post
CREATE INDEX "post_community_idx" on "post" ("community_id", "id");

-- index post_thread_idx on post
CREATE INDEX "post_thread_idx" on "post" ("thread_id", "id");

-- index report_item_idx on report
CREATE INDEX "report_item_idx" on "report" ("item_id");

-- index report_post_reporter_uq on report
CREATE UNIQUE INDEX "report_post_reporter_uq" on "report" ("post_id", "reporter_id");

-- index report_reporter_idx on report
CREATE INDEX report_reporter_idx on report (reporter_id, id);

-- index review_item_community_created_idx on review_item
CREATE INDEX "review_item_community_created_idx" on "review_item" ("community_id", "created_at");

-- index review_item_open_idx on review_item
CREATE INDEX review_item_open_idx on review_item (status, priority desc, created_at, id);

-- index review_item_open_post_uq on review_item
CREATE UNIQUE INDEX review_item_open_post_uq on review_item (post_id) where status = 'open';

-- index review_item_queue_idx on review_item
CREATE INDEX review_item_queue_idx on review_item (community_id, status, priority desc, created_at, id);

-- index review_item_resolved_idx on review_item
CREATE INDEX review_item_resolved_idx on review_item (community_id, resolved_at) where resolved_at is not null;

-- index review_item_resolver_idx on review_item
CREATE INDEX review_item_resolver_idx on review_item (resolved_by, resolved_at) where resolved_by is not null;

-- index review_item_status_reason_idx on review_item
CREATE INDEX review_item_status_reason_idx on review_item (status, community_id, reason);

-- index review_item_urgent_idx on review_item
CREATE INDEX review_item_urgent_idx on review_item (urgent_at) where status = 'open' and escalated_at is null and urgent_at is not null;

-- index review_signal_item_idx on review_signal
CREATE INDEX "review_signal_item_idx" on "review_signal" ("item_id", "id");

-- index safety_feedback_created_idx on safety_feedback
CREATE INDEX safety_feedback_created_idx on safety_feedback (created_at, id);

-- index session_user_idx on session
CREATE INDEX "session_user_idx" on "session" ("user_id");

-- index sqlite_autoindex_account_erasure_1 on account_erasure
(automatic);

-- index sqlite_autoindex_applied_verdict_1 on applied_verdict
(automatic);

-- index sqlite_autoindex_community_1 on community
(automatic);

-- index sqlite_autoindex_guidelines_version_1 on guidelines_version
(automatic);

-- index sqlite_autoindex_kysely_migration_1 on kysely_migration
(automatic);

-- index sqlite_autoindex_kysely_migration_lock_1 on kysely_migration_lock
(automatic);

-- index sqlite_autoindex_mail_outbox_1 on mail_outbox
(automatic);

-- index sqlite_autoindex_membership_1 on membership
(automatic);

-- index sqlite_autoindex_post_revision_1 on post_revision
(automatic);

-- index sqlite_autoindex_safety_feedback_1 on safety_feedback
(automatic);

-- index sqlite_autoindex_session_1 on session
(automatic);

-- index sqlite_autoindex_user_1 on user
(automatic);

-- index sqlite_autoindex_user_token_1 on user_token
(automatic);

-- index thread_author_idx on thread
CREATE INDEX thread_author_idx on thread (author_id, id);

-- index thread_community_activity_idx on thread
CREATE INDEX "thread_community_activity_idx" on "thread" ("community_id", "last_activity_at" desc, "id" desc);

-- index thread_read_thread_idx on thread_read
CREATE INDEX thread_read_thread_idx on thread_read (thread_id);

-- index thread_watch_thread_idx on thread_watch
CREATE INDEX thread_watch_thread_idx on thread_watch (thread_id, level);

-- index user_email_idx on user
CREATE INDEX user_email_idx on user (lower(email)) where email is not null;

-- index user_handle_skeleton_idx on user
CREATE INDEX user_handle_skeleton_idx on user (handle_skeleton);

-- index user_token_user_idx on user_token
CREATE INDEX user_token_user_idx on user_token (user_id, purpose);

-- index watched_word_community_idx on watched_word
CREATE INDEX "watched_word_community_idx" on "watched_word" ("community_id", "id");

-- table account_erasure on account_erasure
CREATE TABLE account_erasure (
    id integer primary key autoincrement,
    user_id integer not null unique references user(id),
    mode text not null check (mode in ('erase', 'keep')),
    old_handle text,
    phase text not null default 'posts' check (phase in ('posts', 'notifications', 'done')),
    cursor integer not null default 0,
    created_at integer not null,
    done_at integer
  );

-- table applied_verdict on applied_verdict
CREATE TABLE "applied_verdict" ("post_id" integer not null references "post" ("id") on delete cascade, "revision" integer not null, "crisis" text not null, "verdict" text not null, "applied_at" integer not null, constraint "applied_verdict_pk" primary key ("post_id", "revision"));

-- table audit_log on audit_log
CREATE TABLE "audit_log" ("id" integer primary key autoincrement, "community_id" integer references "community" ("id"), "actor_id" integer references "user" ("id"), "action" text not null, "target_type" text not null, "target_id" integer, "reason" text, "before" text, "after" text, "created_at" integer not null);

-- table check_in_message on check_in_message
CREATE TABLE "check_in_message" ("id" integer primary key autoincrement, "item_id" integer not null references "review_item" ("id"), "community_id" integer not null references "community" ("id"), "member_id" integer not null references "user" ("id"), "sender_id" integer not null references "user" ("id"), "from_moderator" integer not null, "signed" integer default 0 not null, "body" text not null, "created_at" integer not null);

-- table community on community
CREATE TABLE "community" ("id" integer primary key autoincrement, "slug" text not null unique, "name" text not null, "description" text not null, "visibility" text default 'public' not null, "guidelines_version" integer default 1 not null, "settings" text default '{}' not null, "member_count" integer default 0 not null, "thread_count" integer default 0 not null, "last_activity_at" integer, "created_at" integer not null, version integer not null default 0, roles_version integer not null default 0, indexable integer not null default 0);

-- table community_mute on community_mute
CREATE TABLE community_mute (
    user_id integer not null references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    created_at integer not null,
    primary key (user_id, community_id)
  ) without rowid;

-- table community_rule on community_rule
CREATE TABLE "community_rule" ("id" integer primary key autoincrement, "community_id" integer not null references "community" ("id") on delete cascade, "position" integer not null, "title" text not null, "body" text not null, "retired" integer default 0 not null);

-- table crisis_prompt on crisis_prompt
CREATE TABLE "crisis_prompt" ("user_id" integer primary key references "user" ("id") on delete cascade, "community_id" integer not null references "community" ("id"), "post_id" integer not null, "created_at" integer not null);

-- table crisis_resource on crisis_resource
CREATE TABLE "crisis_resource" ("id" integer primary key autoincrement, "community_id" integer not null references "community" ("id") on delete cascade, "position" integer not null, "name" text not null, "contact" text not null, "url" text, "region" text not null, "hours" text);

-- table debrief_request on debrief_request
CREATE TABLE debrief_request (
    id integer primary key autoincrement,
    community_id integer not null references community(id) on delete cascade,
    moderator_id integer not null references user(id) on delete cascade,
    note text,
    created_at integer not null
  );

-- table duty on duty
CREATE TABLE duty (
    user_id integer primary key references user(id) on delete cascade,
    on_duty integer not null default 0,
    alert_email text,
    alert_email_verified_at integer,
    rota text,
    updated_at integer not null
  );

-- table guidelines_version on guidelines_version
CREATE TABLE "guidelines_version" ("community_id" integer not null references "community" ("id") on delete cascade, "version" integer not null, "markdown" text not null, "html" text not null, "created_by" integer references "user" ("id"), "created_at" integer not null, constraint "guidelines_version_pk" primary key ("community_id", "version"));

-- table helpful_mark on helpful_mark
CREATE TABLE helpful_mark (
    post_id integer not null references post(id) on delete cascade,
    user_id integer not null references user(id) on delete cascade,
    created_at integer not null,
    primary key (post_id, user_id)
  ) without rowid;

-- table kysely_migration on kysely_migration
CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null);

-- table kysely_migration_lock on kysely_migration_lock
CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null);

-- table mail_outbox on mail_outbox
CREATE TABLE mail_outbox (
    id integer primary key autoincrement,
    kind text not null check (kind in ('email', 'webhook')),
    purpose text not null,
    dedupe_key text not null unique,
    user_id integer references user(id) on delete set null,
    review_item_id integer,
    to_address text,
    payload text,
    created_at integer not null,
    attempts integer not null default 0,
    next_attempt_at integer not null,
    dispatched_at integer,
    sent_at integer,
    last_error text
  , send_attempt text, in_doubt_sends integer not null default 0);

-- table member_block on member_block
CREATE TABLE member_block (
    blocker_id integer not null references user(id) on delete cascade,
    blocked_id integer not null references user(id) on delete cascade,
    created_at integer not null,
    primary key (blocker_id, blocked_id)
  ) without rowid;

-- table membership on membership
CREATE TABLE "membership" ("community_id" integer not null references "community" ("id") on delete cascade, "user_id" integer not null references "user" ("id") on delete cascade, "role" text default 'member' not null, "accepted_guidelines_version" integer not null, "silenced_until" integer, "joined_at" integer not null, constraint "membership_pk" primary key ("community_id", "user_id"));

-- table notification on notification
CREATE TABLE "notification" ("id" integer primary key autoincrement, "user_id" integer not null references "user" ("id") on delete cascade, "kind" text not null, "data" text default '{}' not null, "created_at" integer not null, "read_at" integer);

-- table outbox on outbox
CREATE TABLE "outbox" ("id" integer primary key autoincrement, "post_id" integer not null references "post" ("id") on delete cascade, "revision" integer not null, "created_at" integer not null, "sent_at" integer, "attempts" integer default 0 not null, "done_at" integer);

-- table outcome_check_in on outcome_check_in
CREATE TABLE outcome_check_in (
    id integer primary key autoincrement,
    user_id integer not null references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    created_at integer not null,
    wellbeing integer not null check (wellbeing between 0 and 25),
    loneliness integer not null check (loneliness between 3 and 9),
    hope integer not null check (hope between 0 and 10)
  );

-- table outcome_enrolment on outcome_enrolment
CREATE TABLE outcome_enrolment (
    user_id integer primary key references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    interval_days integer not null check (interval_days in (14, 28)),
    paused integer not null default 0,
    remind_by_email integer not null default 0,
    consented_at integer not null,
    next_due_at integer not null,
    reminded_at integer,
    updated_at integer not null
  );

-- table outcome_histogram on outcome_histogram
CREATE TABLE outcome_histogram (
    community_id integer not null,
    quarter_start integer not null,
    k text not null,
    v integer not null,
    n integer not null,
    primary key (community_id, quarter_start, k, v)
  ) without rowid;

-- table outcome_member_quarter on outcome_member_quarter
CREATE TABLE outcome_member_quarter (
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
  ) without rowid;

-- table post on post
CREATE TABLE "post" ("id" integer primary key autoincrement, "thread_id" integer not null references "thread" ("id"), "community_id" integer not null references "community" ("id"), "author_id" integer not null references "user" ("id"), "reply_to_id" integer, "body" text not null, "html" text not null, "revision" integer default 1 not null, "author_warnings" text default '[]' not null, "content_warnings" text default '[]' not null, "status" text default 'visible' not null, "scan_status" text default 'pending' not null, "created_at" integer not null, "edited_at" integer, "deleted_at" integer);

-- table post_fts on post_fts
CREATE VIRTUAL TABLE post_fts using fts5(
      title, body,
      content = 'post_search_source', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );

-- table post_fts_config on post_fts_config
CREATE TABLE 'post_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table post_fts_data on post_fts_data
CREATE TABLE 'post_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table post_fts_docsize on post_fts_docsize
CREATE TABLE 'post_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table post_fts_idx on post_fts_idx
CREATE TABLE 'post_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table post_revision on post_revision
CREATE TABLE "post_revision" ("post_id" integer not null references "post" ("id") on delete cascade, "revision" integer not null, "body" text not null, "html" text not null, "created_at" integer not null, constraint "post_revision_pk" primary key ("post_id", "revision"));

-- table report on report
CREATE TABLE "report" ("id" integer primary key autoincrement, "post_id" integer not null references "post" ("id") on delete cascade, "reporter_id" integer not null references "user" ("id") on delete cascade, "item_id" integer not null references "review_item" ("id"), "reason" text not null, "rule_id" integer references "community_rule" ("id"), "note" text, "snapshot_body" text not null, "snapshot_revision" integer not null, "outcome" text, "created_at" integer not null);

-- table review_item on review_item
CREATE TABLE "review_item" ("id" integer primary key autoincrement, "post_id" integer not null references "post" ("id") on delete cascade, "community_id" integer not null references "community" ("id"), "status" text default 'open' not null, "priority" integer not null, "reason" text not null, "created_at" integer not null, "updated_at" integer not null, "claimed_by" integer references "user" ("id"), "claimed_at" integer, "escalated_at" integer, "resolved_by" integer references "user" ("id"), "resolved_at" integer, "resolution" text, "version" integer default 1 not null, urgent_at integer);

-- table review_open_count on review_open_count
CREATE TABLE review_open_count (
    community_id integer not null,
    reason text not null,
    n integer not null,
    primary key (community_id, reason)
  ) without rowid;

-- table review_signal on review_signal
CREATE TABLE "review_signal" ("id" integer primary key autoincrement, "item_id" integer not null references "review_item" ("id") on delete cascade, "source" text not null, "kind" text not null, "reason" text not null, "evidence" text default '[]' not null, "revision" integer, "created_at" integer not null);

-- table safety_feedback on safety_feedback
CREATE TABLE safety_feedback (
    id integer primary key,
    item_id integer not null unique references review_item(id),
    post_id integer not null references post(id),
    revision integer not null,
    community_id integer not null references community(id),
    moderator_id integer not null references user(id),
    flag_right integer not null check (flag_right in (0, 1)),
    crisis text not null check (crisis in ('none', 'concern', 'urgent')),
    warnings text not null default '[]',
    spam integer not null check (spam in (0, 1)),
    contact integer not null check (contact in (0, 1)),
    created_at integer not null
  );

-- table session on session
CREATE TABLE "session" ("id" text primary key, "user_id" integer not null references "user" ("id") on delete cascade, "csrf_token" text not null, "created_at" integer not null, "expires_at" integer not null, last_used_at integer, device text);

-- table sqlite_sequence on sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);

-- table thread on thread
CREATE TABLE "thread" ("id" integer primary key autoincrement, "community_id" integer not null references "community" ("id"), "author_id" integer not null references "user" ("id"), "title" text not null, "first_post_id" integer, "reply_count" integer default 0 not null, "locked" integer default 0 not null, "status" text default 'visible' not null, "created_at" integer not null, "last_activity_at" integer not null, version integer not null default 0);

-- table thread_read on thread_read
CREATE TABLE thread_read (
    user_id integer not null references user(id) on delete cascade,
    thread_id integer not null references thread(id) on delete cascade,
    last_read_post_id integer not null,
    read_at integer not null,
    primary key (user_id, thread_id)
  ) without rowid;

-- table thread_watch on thread_watch
CREATE TABLE thread_watch (
    user_id integer not null references user(id) on delete cascade,
    thread_id integer not null references thread(id) on delete cascade,
    level text not null check (level in ('follow', 'mute')),
    updated_at integer not null,
    primary key (user_id, thread_id)
  ) without rowid;

-- table user on user
CREATE TABLE "user" ("id" integer primary key autoincrement, "handle" text not null, "handle_key" text not null unique, "password_hash" text not null, "email" text, "is_admin" integer default 0 not null, "suspended_until" integer, "post_count" integer default 0 not null, "reading_prefs" text default '{}' not null, "created_at" integer not null, handle_skeleton text not null default '', email_verified_at integer, email_prefs text not null default '{}', deleted_at integer, idle_timeout_minutes integer, profile_visibility text not null default 'members' check (profile_visibility in ('everyone', 'members', 'nobody')), time_zone text);

-- table user_token on user_token
CREATE TABLE user_token (
    id integer primary key autoincrement,
    user_id integer not null references user(id) on delete cascade,
    purpose text not null,
    token_hash text not null unique,
    email text,
    data text,
    created_at integer not null,
    expires_at integer,
    used_at integer
  );

-- table watched_word on watched_word
CREATE TABLE "watched_word" ("id" integer primary key autoincrement, "community_id" integer not null references "community" ("id") on delete cascade, "phrase" text not null, "whole_word" integer default 1 not null, "regex" integer default 0 not null, "action" text not null, "category" text, "message" text, "created_by" integer references "user" ("id"), "created_at" integer not null);

-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end;

-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end;

-- trigger community_update_moves_version on community
CREATE TRIGGER community_update_moves_version after update on community when new.version = old.version
    begin update community set version = version + 1 where id = new.id; end;

-- trigger membership_delete_moves_roles_version on membership
CREATE TRIGGER membership_delete_moves_roles_version after delete on membership when old.role != 'member'
    begin update community set roles_version = roles_version + 1 where id = old.community_id; end;

-- trigger membership_insert_moves_roles_version on membership
CREATE TRIGGER membership_insert_moves_roles_version after insert on membership when new.role != 'member'
    begin update community set roles_version = roles_version + 1 where id = new.community_id; end;

-- trigger membership_role_moves_roles_version on membership
CREATE TRIGGER membership_role_moves_roles_version after update of role on membership when old.role != new.role
    begin update community set roles_version = roles_version + 1 where id = new.community_id; end;

-- trigger outcome_histogram_delete on outcome_member_quarter
CREATE TRIGGER outcome_histogram_delete after delete on outcome_member_quarter begin
        insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'wellbeing', old.last_wellbeing, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1; insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'loneliness', old.last_loneliness, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1; insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'hope', old.last_hope, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1;
        end;

-- trigger outcome_histogram_delete_change on outcome_member_quarter
CREATE TRIGGER outcome_histogram_delete_change after delete on outcome_member_quarter when old.n >= 2 begin insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'change_wellbeing', old.last_wellbeing - old.first_wellbeing, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1;
      insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'change_loneliness', old.last_loneliness - old.first_loneliness, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1;
      insert into outcome_histogram (community_id, quarter_start, k, v, n) values (old.community_id, old.quarter_start, 'change_hope', old.last_hope - old.first_hope, -1)
        on conflict (community_id, quarter_start, k, v) do update set n = n - 1; end;

-- trigger outcome_histogram_insert on outcome_member_quarter
CREATE TRIGGER outcome_histogram_insert after insert on outcome_member_quarter begin
        insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'wellbeing', new.last_wellbeing, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1; insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'loneliness', new.last_loneliness, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1; insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'hope', new.last_hope, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1;
        end;

-- trigger outcome_histogram_insert_change on outcome_member_quarter
CREATE TRIGGER outcome_histogram_insert_change after insert on outcome_member_quarter when new.n >= 2 begin insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'change_wellbeing', new.last_wellbeing - new.first_wellbeing, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1;
      insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'change_loneliness', new.last_loneliness - new.first_loneliness, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1;
      insert into outcome_histogram (community_id, quarter_start, k, v, n) values (new.community_id, new.quarter_start, 'change_hope', new.last_hope - new.first_hope, 1)
        on conflict (community_id, quarter_start, k, v) do update set n = n + 1; end;

-- trigger outcome_member_quarter_delete on outcome_check_in
CREATE TRIGGER outcome_member_quarter_delete after delete on outcome_check_in begin delete from outcome_member_quarter where community_id = old.community_id and quarter_start = (cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and user_id = old.user_id;
    insert into outcome_member_quarter
    select old.community_id, (cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000), old.user_id, s.n, f.wellbeing, f.loneliness, f.hope, l.wellbeing, l.loneliness, l.hope
    from (select count(*) as n from outcome_check_in where user_id = old.user_id and community_id = old.community_id and created_at >= (cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000)) s,
      (select wellbeing, loneliness, hope from outcome_check_in where user_id = old.user_id and community_id = old.community_id and created_at >= (cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000) order by created_at, id limit 1) f,
      (select wellbeing, loneliness, hope from outcome_check_in where user_id = old.user_id and community_id = old.community_id and created_at >= (cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(old.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', old.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000) order by created_at desc, id desc limit 1) l; end;

-- trigger outcome_member_quarter_insert on outcome_check_in
CREATE TRIGGER outcome_member_quarter_insert after insert on outcome_check_in begin delete from outcome_member_quarter where community_id = new.community_id and quarter_start = (cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and user_id = new.user_id;
    insert into outcome_member_quarter
    select new.community_id, (cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000), new.user_id, s.n, f.wellbeing, f.loneliness, f.hope, l.wellbeing, l.loneliness, l.hope
    from (select count(*) as n from outcome_check_in where user_id = new.user_id and community_id = new.community_id and created_at >= (cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000)) s,
      (select wellbeing, loneliness, hope from outcome_check_in where user_id = new.user_id and community_id = new.community_id and created_at >= (cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000) order by created_at, id limit 1) f,
      (select wellbeing, loneliness, hope from outcome_check_in where user_id = new.user_id and community_id = new.community_id and created_at >= (cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) and created_at < (cast(strftime('%s', datetime((cast(strftime('%s', datetime(new.created_at / 1000, 'unixepoch', 'start of month', '-' || ((cast(strftime('%m', new.created_at / 1000, 'unixepoch') as integer) - 1) % 3) || ' months')) as integer) * 1000) / 1000, 'unixepoch', '+3 months')) as integer) * 1000) order by created_at desc, id desc limit 1) l; end;

-- trigger post_delete_moves_thread_version on post
CREATE TRIGGER post_delete_moves_thread_version after delete on post
      begin update thread set version = version + 1 where id = old.thread_id; end;

-- trigger post_deletion_is_final on post
CREATE TRIGGER post_deletion_is_final before update of status on post
    when old.status = 'deleted' and new.status != 'deleted'
    begin select raise(ignore); end;

-- trigger post_fts_insert on post
CREATE TRIGGER post_fts_insert after insert on post when new.status != 'deleted'
    begin
      insert into post_fts (rowid, title, body) select id, title, body from post_search_source where id = new.id;
    end;

-- trigger post_fts_row_delete on post
CREATE TRIGGER post_fts_row_delete after delete on post when old.status != 'deleted'
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', old.id, case when exists (select 1 from post f where f.thread_id = old.thread_id and f.id < old.id) then '' else t.title end, old.body
        from thread t where t.id = old.thread_id;
    end;

-- trigger post_fts_title on thread
CREATE TRIGGER post_fts_title after update of title on thread when old.title is not new.title
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', p.id, old.title, p.body from post p
        where p.id = (select min(id) from post where thread_id = new.id) and p.status != 'deleted';
      insert into post_fts (rowid, title, body)
        select id, title, body from post_search_source where id = (select min(id) from post where thread_id = new.id);
    end;

-- trigger post_fts_update on post
CREATE TRIGGER post_fts_update after update of body, status on post
    when old.status != 'deleted' and (old.body is not new.body or new.status = 'deleted')
    begin
      insert into post_fts (post_fts, rowid, title, body)
        select 'delete', old.id, case when old.id = (select min(f.id) from post f where f.thread_id = old.thread_id) then t.title else '' end, old.body from thread t where t.id = old.thread_id;
      insert into post_fts (rowid, title, body)
        select id, title, body from post_search_source where id = new.id;
    end;

-- trigger post_held_moves_reply_count on post
CREATE TRIGGER post_held_moves_reply_count after update of status on post
    when (old.status = 'held') != (new.status = 'held')
    begin
      update thread set
        reply_count = reply_count + case when first_post_id = new.id then 0 when new.status = 'held' then -1 else 1 end,
        last_activity_at = case
          when new.status = 'held' then coalesce((select max(p.created_at) from post p where p.thread_id = new.thread_id and (p.status != 'held' or p.id = thread.first_post_id)), created_at)
          when new.status = 'visible' then max(last_activity_at, new.created_at)
          else last_activity_at end
        where id = new.thread_id;
      update community set last_activity_at = max(coalesce(last_activity_at, 0), new.created_at)
        where id = new.community_id and new.status = 'visible';
    end;

-- trigger post_insert_moves_thread_version on post
CREATE TRIGGER post_insert_moves_thread_version after insert on post
      begin update thread set version = version + 1 where id = new.thread_id; end;

-- trigger post_update_moves_thread_version on post
CREATE TRIGGER post_update_moves_thread_version after update on post
      begin update thread set version = version + 1 where id = new.thread_id; end;

-- trigger review_item_delete_counts on review_item
CREATE TRIGGER review_item_delete_counts after delete on review_item begin
    update review_open_count set n = n - 1
      where old.status = 'open' and community_id = old.community_id and reason = old.reason; end;

-- trigger review_item_insert_counts on review_item
CREATE TRIGGER review_item_insert_counts after insert on review_item begin
    insert into review_open_count (community_id, reason, n)
      select new.community_id, new.reason, 1 where new.status = 'open'
      on conflict (community_id, reason) do update set n = n + 1; end;

-- trigger review_item_insert_urgent on review_item
CREATE TRIGGER review_item_insert_urgent after insert on review_item when new.priority >= 600 and new.urgent_at is null
    begin update review_item set urgent_at = new.updated_at where id = new.id; end;

-- trigger review_item_update_counts on review_item
CREATE TRIGGER review_item_update_counts after update of status, reason, community_id on review_item begin
    update review_open_count set n = n - 1
      where old.status = 'open' and community_id = old.community_id and reason = old.reason;
    insert into review_open_count (community_id, reason, n)
      select new.community_id, new.reason, 1 where new.status = 'open'
      on conflict (community_id, reason) do update set n = n + 1; end;

-- trigger review_item_update_urgent on review_item
CREATE TRIGGER review_item_update_urgent after update of priority on review_item when new.priority >= 600 and old.priority < 600 and new.urgent_at is null
    begin update review_item set urgent_at = new.updated_at where id = new.id; end;

-- trigger thread_delete_moves_community_version on thread
CREATE TRIGGER thread_delete_moves_community_version after delete on thread
      begin update community set version = version + 1 where id = old.community_id; end;

-- trigger thread_deletion_is_final on thread
CREATE TRIGGER thread_deletion_is_final before update of status on thread
    when old.status = 'deleted' and new.status != 'deleted'
    begin select raise(ignore); end;

-- trigger thread_insert_moves_community_version on thread
CREATE TRIGGER thread_insert_moves_community_version after insert on thread
      begin update community set version = version + 1 where id = new.community_id; end;

-- trigger thread_update_moves_community_version on thread
CREATE TRIGGER thread_update_moves_community_version after update on thread
      begin update community set version = version + 1 where id = new.community_id; end;

-- trigger thread_update_moves_version on thread
CREATE TRIGGER thread_update_moves_version after update on thread when new.version = old.version
    begin update thread set version = version + 1 where id = new.id; end;

-- trigger thread_withheld_moves_thread_count on thread
CREATE TRIGGER thread_withheld_moves_thread_count after update of status on thread
    when (old.status in ('held', 'hidden', 'removed')) != (new.status in ('held', 'hidden', 'removed'))
    begin
      update community set
        thread_count = thread_count + case when new.status in ('held', 'hidden', 'removed') then -1 else 1 end,
        last_activity_at = case when new.status in ('held', 'hidden', 'removed') then last_activity_at else max(coalesce(last_activity_at, 0), new.last_activity_at) end
        where id = new.community_id;
    end;

-- trigger user_staff_moves_roles_version on user
CREATE TRIGGER user_staff_moves_roles_version after update of is_admin, suspended_until on user
    when old.is_admin != new.is_admin or old.suspended_until is not new.suspended_until
    begin
      update community set roles_version = roles_version + 1
        where new.is_admin = 1 or old.is_admin = 1 or id in (select community_id from membership where user_id = new.id and role != 'member');
    end;

-- view post_search_source on post_search_source
CREATE VIEW post_search_source as
        select p.id as id, case when p.id = (select min(f.id) from post f where f.thread_id = p.thread_id) then t.title else '' end as title, p.body as body
        from post p join thread t on t.id = p.thread_id
        where p.status != 'deleted';
