/**
 * The tables of the storage, as migrations for `@effect/sql`'s migrator.
 * Each driver package runs them with its own migrator and `fromRecord`:
 *
 * ```ts
 * SqliteMigrator.layer({ loader: SqliteMigrator.fromRecord(Migrations.all), table: Migrations.table })
 * ```
 *
 * The SQL is the same for SQLite and PostgreSQL except for how the outbox
 * numbers its rows (`sql.onDialectOrElse`).
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
 * Every migration, by `<id>_<name>`, for `Migrator.fromRecord`.
 *
 * @since 0.2.0
 * @category migrations
 */
export const all: Record<string, Effect.Effect<void, SqlError, SqlClient.SqlClient>> = {
  "0001_init": init
}
