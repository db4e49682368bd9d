/**
 * The tables of the storage, as migrations for `@effect/sql`'s migrator.
 * Each driver package runs them with its own migrator and `fromRecord`:
 *
 * ```ts
 * SqliteMigrator.layer({ loader: SqliteMigrator.fromRecord(Migrations.all), table: Migrations.table })
 * ```
 *
 * The SQL is the same for SQLite and PostgreSQL except for how the outbox
 * numbers its rows, for how answers are kept out of the order of answering,
 * and for the byte-wise order of some ids on PostgreSQL
 * (`sql.onDialectOrElse`; see `0002_surveys` and `0004_matching`).
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"

/**
 * The name of the table in which the migrator keeps which migrations ran.
 * It is not the migrator's default (`effect_sql_migrations`), so that an
 * application can keep its own migrations in the same database.
 *
 * @since 0.2.0
 * @category constants
 */
export const table = "pleegzorg_migrations"

/**
 * `0001_init`: tracks, registrations, attendance and the outbox.
 *
 * - `tracks`: the track as JSON in `data`, with `region`, `status`,
 *   `created_at` and `version` beside it for queries.
 * - `registrations`: a column per field; `sequence` is unique per track, the
 *   token hash is unique, and a partial unique index on
 *   `(track_id, email) WHERE status <> 'Withdrawn'` refuses a second active
 *   registration of the same address, whatever the code above it does.
 * - `attendance`: one row per registration and session.
 * - `outbox`: one row per event, `seq` in the order of appending
 *   (PostgreSQL: an identity column; elsewhere the adapter numbers rows in
 *   its write transaction).
 *
 * Instants are milliseconds since 1970 (UTC) in `BIGINT` columns and
 * booleans are 0 or 1, so that comparisons work the same everywhere.
 *
 * @since 0.2.0
 * @category migrations
 */
export const init: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()

  yield* sql`
    CREATE TABLE tracks (
      id TEXT PRIMARY KEY NOT NULL,
      region TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX tracks_region ON tracks (region, created_at)`
  yield* sql`CREATE INDEX tracks_status ON tracks (status, created_at)`

  yield* sql`
    CREATE TABLE registrations (
      id TEXT PRIMARY KEY NOT NULL,
      track_id TEXT NOT NULL REFERENCES tracks (id),
      sequence INTEGER NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      language TEXT NOT NULL,
      grp TEXT NOT NULL,
      municipality TEXT NOT NULL,
      eligibility TEXT NOT NULL,
      consent TEXT,
      status TEXT NOT NULL,
      status_detail TEXT NOT NULL,
      registered_at BIGINT NOT NULL,
      token_hash TEXT NOT NULL,
      CONSTRAINT registrations_token_hash UNIQUE (token_hash),
      CONSTRAINT registrations_sequence UNIQUE (track_id, sequence)
    )`
  // The unique (track_id, sequence) index also serves every look-up by track.
  yield* sql`
    CREATE UNIQUE INDEX registrations_active_email
    ON registrations (track_id, email)
    WHERE status <> 'Withdrawn'`

  yield* sql`
    CREATE TABLE attendance (
      registration_id TEXT NOT NULL REFERENCES registrations (id),
      session INTEGER NOT NULL,
      track_id TEXT NOT NULL REFERENCES tracks (id),
      present INTEGER NOT NULL,
      recorded_at BIGINT NOT NULL,
      PRIMARY KEY (registration_id, session)
    )`
  yield* sql`CREATE INDEX attendance_track ON attendance (track_id)`

  const seq = sql.onDialectOrElse({
    pg: () => sql.literal("BIGINT GENERATED ALWAYS AS IDENTITY"),
    orElse: () => sql.literal("BIGINT NOT NULL")
  })
  yield* sql`
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY NOT NULL,
      seq ${seq},
      event TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL,
      locked_until BIGINT NOT NULL DEFAULT 0,
      last_error TEXT,
      given_up INTEGER NOT NULL DEFAULT 0
    )`
  yield* sql`CREATE UNIQUE INDEX outbox_seq ON outbox (seq)`
})

/**
 * `0002_surveys`: surveys, their invitations and token hashes, the answers
 * and their counts, the release ledger and the regional figures.
 *
 * - `surveys`: the survey as JSON in `data`, with `track_id`, `region`,
 *   `status` and `version` beside it, as for `tracks`.
 * - `invitations`: who was invited (`name`, `email`, `language`; null once
 *   the survey closed), their `audience` and `municipality`, `used` (0/1,
 *   never a time) and the number of `reminders`.
 * - `invitation_tokens`: one row per token, `token_hash` (the key) and the
 *   invitation it opens. Tokens themselves are never stored, only their
 *   hashes, and only in this table.
 * - `answers`: `id` (random), `survey_id`, `grp`, `municipality` and the
 *   answers as JSON in `answer_values`; nothing else. No token, no hash, no
 *   invitation id and no time: no column leads from an answer to an
 *   invitation or to the moment it was given.
 * - `answer_counts`: per survey, group, municipality (`''` when not asked,
 *   so that the key has no null in it), question and value the number of
 *   answers `n`; kept up to date with every answer stored.
 * - `survey_releases`: the ledger entries of each survey as JSON, numbered
 *   by `position`.
 * - `regional_figures`: one figure per `(indicator, area, period)`.
 *
 * The reads of a report are served by indexes alone: `answers_survey` holds
 * `(survey_id, id, grp, municipality)`, what the release ledger reads of a
 * survey's answers, in the order of the random id; `invitations_audience`
 * holds `(survey_id, audience, used)`, what the response rates are counted
 * from. Neither has to visit the table, so a report's reads do not slow
 * down as the country's answers grow.
 *
 * The order in which rows are stored must not give away the order in which
 * people answered. On SQLite `answers` (and `answer_counts` and
 * `invitation_tokens`) are `WITHOUT ROWID` tables, stored in the order of
 * their key: for `answers` the random id. A PostgreSQL table is a heap that
 * keeps rows roughly in the order they were written (`ctid`), and each row's
 * `xmin` names the transaction that wrote it, so the answers' `xmin` follow
 * the order of answering, and an answer and the `used` flag of its
 * invitation are written by one transaction (the same `xmin`) while the
 * survey is open. Closing seals it (`AnswerRepository.seal`): answers are
 * rewritten in id order and invitations lose their addresses, all in the
 * closing transaction; `VACUUM` removes the old versions.
 * That residual is visible only to someone with direct access to the
 * database; the adapter never reads it and always reads `ORDER BY id`. On PostgreSQL the ids of
 * answers and invitations, and the indicator and period of a figure,
 * compare byte by byte (`COLLATE "C"`), so that they sort the same way in
 * every database, whatever its locale.
 *
 * @since 0.3.0
 * @category migrations
 */
export const surveys: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const withoutRowid = sql.onDialectOrElse({
    sqlite: () => sql.literal("WITHOUT ROWID"),
    orElse: () => sql.literal("")
  })
  const bytewise = sql.onDialectOrElse({
    pg: () => sql.literal(`COLLATE "C"`),
    orElse: () => sql.literal("")
  })

  yield* sql`
    CREATE TABLE surveys (
      id TEXT PRIMARY KEY NOT NULL,
      track_id TEXT NOT NULL REFERENCES tracks (id),
      region TEXT NOT NULL,
      status TEXT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX surveys_track ON surveys (track_id)`

  yield* sql`
    CREATE TABLE invitations (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      survey_id TEXT NOT NULL REFERENCES surveys (id),
      audience TEXT NOT NULL,
      municipality TEXT,
      name TEXT,
      email TEXT,
      language TEXT,
      used INTEGER NOT NULL,
      reminders INTEGER NOT NULL
    )`
  yield* sql`CREATE INDEX invitations_survey ON invitations (survey_id, id)`
  yield* sql`CREATE INDEX invitations_audience ON invitations (survey_id, audience, used)`

  yield* sql`
    CREATE TABLE invitation_tokens (
      token_hash TEXT PRIMARY KEY NOT NULL,
      invitation_id TEXT NOT NULL REFERENCES invitations (id)
    ) ${withoutRowid}`
  yield* sql`CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id)`

  yield* sql`
    CREATE TABLE answers (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      survey_id TEXT NOT NULL REFERENCES surveys (id),
      grp TEXT NOT NULL,
      municipality TEXT,
      answer_values TEXT NOT NULL
    ) ${withoutRowid}`
  yield* sql`CREATE INDEX answers_survey ON answers (survey_id, id, grp, municipality)`

  yield* sql`
    CREATE TABLE answer_counts (
      survey_id TEXT NOT NULL REFERENCES surveys (id),
      grp TEXT NOT NULL,
      municipality TEXT NOT NULL,
      question TEXT NOT NULL,
      value INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (survey_id, grp, municipality, question, value)
    ) ${withoutRowid}`

  yield* sql`
    CREATE TABLE survey_releases (
      survey_id TEXT NOT NULL REFERENCES surveys (id),
      position INTEGER NOT NULL,
      entry TEXT NOT NULL,
      PRIMARY KEY (survey_id, position)
    )`

  // DOUBLE PRECISION is an 8-byte float in PostgreSQL and has REAL affinity
  // in SQLite.
  yield* sql`
    CREATE TABLE regional_figures (
      indicator TEXT ${bytewise} NOT NULL,
      area TEXT NOT NULL,
      period TEXT ${bytewise} NOT NULL,
      value DOUBLE PRECISION NOT NULL,
      unit TEXT NOT NULL,
      source TEXT NOT NULL,
      invented INTEGER NOT NULL,
      PRIMARY KEY (indicator, area, period)
    )`
  yield* sql`CREATE INDEX regional_figures_area ON regional_figures (area, indicator, period)`
})

/**
 * `0003_agendas`: the improvement agendas, one per track.
 *
 * - `agendas`: the agenda as JSON in `document`, with `track_id` (unique: a
 *   track has at most one agenda), `region` and `version` beside it for
 *   queries, as for `tracks` and `surveys`.
 *
 * @since 0.3.0
 * @category migrations
 */
export const agendas: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()

  yield* sql`
    CREATE TABLE agendas (
      id TEXT PRIMARY KEY NOT NULL,
      track_id TEXT NOT NULL REFERENCES tracks (id),
      region TEXT NOT NULL,
      version INTEGER NOT NULL,
      document TEXT NOT NULL,
      CONSTRAINT agendas_track UNIQUE (track_id)
    )`
  yield* sql`CREATE INDEX agendas_region ON agendas (region, id)`
})

/**
 * `0004_matching`: mentor matching: prospects, mentors, their matches and
 * the batch runs.
 *
 * - `prospects`: the prospect as JSON in `data` (with the contact and the
 *   questions), `municipality` and `version` beside it.
 * - `mentors`: the mentor as JSON in `data`, `municipality`, `active` (0/1)
 *   and `version` beside it.
 * - `matches`: the match as JSON in `data`, with `prospect_id`,
 *   `mentor_id`, `status` (the status's name) and `version` beside it;
 *   indexed by `(prospect_id, id)` and `(mentor_id, id)`. There is no
 *   foreign key to `prospects` or `mentors`: removing a profile deletes its
 *   row, and its matches keep the bare id, which then points at nothing.
 * - `matching_runs`: one row per batch run, `started_at` and `finished_at`
 *   (null while it runs) in milliseconds since 1970, the run as JSON in
 *   `data`; indexed by `(started_at, id)`.
 *
 * A profile holds personal data (name, address, questions): removing it
 * deletes the row (on SQLite, with `secure_delete`, its bytes are
 * overwritten). On PostgreSQL the ids compare byte by byte (`COLLATE "C"`),
 * so that lists come out in the same order in every database.
 *
 * @since 0.4.0
 * @category migrations
 */
export const matching: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const bytewise = sql.onDialectOrElse({
    pg: () => sql.literal(`COLLATE "C"`),
    orElse: () => sql.literal("")
  })

  yield* sql`
    CREATE TABLE prospects (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      municipality TEXT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL
    )`

  yield* sql`
    CREATE TABLE mentors (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      municipality TEXT NOT NULL,
      active INTEGER NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL
    )`
  // Suggestions read the mentors of the municipalities within reach.
  yield* sql`CREATE INDEX mentors_municipality ON mentors (municipality, id)`

  yield* sql`
    CREATE TABLE matches (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      prospect_id TEXT NOT NULL,
      mentor_id TEXT NOT NULL,
      status TEXT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX matches_prospect ON matches (prospect_id, id)`
  yield* sql`CREATE INDEX matches_mentor ON matches (mentor_id, id)`

  yield* sql`
    CREATE TABLE matching_runs (
      id TEXT ${bytewise} PRIMARY KEY NOT NULL,
      started_at BIGINT NOT NULL,
      finished_at BIGINT,
      data TEXT NOT NULL
    )`
  yield* sql`CREATE INDEX matching_runs_started ON matching_runs (started_at, id)`
})

/**
 * Every migration, by `<id>_<name>`, for `Migrator.fromRecord`.
 *
 * @since 0.2.0
 * @category migrations
 */
export const all: Record<string, Effect.Effect<void, SqlError, SqlClient.SqlClient>> = {
  "0001_init": init,
  "0002_surveys": surveys,
  "0003_agendas": agendas,
  "0004_matching": matching
}
