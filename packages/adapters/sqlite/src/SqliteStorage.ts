/**
 * SQLite storage for `@pleegzorg/core`: one database file, opened with
 * `@effect/sql-sqlite-node` (better-sqlite3), brought up to date with the
 * migrations of `@pleegzorg/sql`, and every storage port on top.
 *
 * The connection runs in WAL mode with a busy timeout, foreign keys on, and
 * `secure_delete` on (deleted and overwritten rows are zeroed in the file, so
 * that delivered mails, erased contacts and removed matching profiles do not
 * linger in free space).
 * It is one connection: transactions take turns on it, which is what keeps
 * concurrent registrations from overselling a track. Use one process per
 * database file; for several application servers on one database use
 * PostgreSQL.
 *
 * @since 0.2.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqliteMigrator from "@effect/sql-sqlite-node/SqliteMigrator"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as String from "effect/String"
import { Storage } from "@pleegzorg/core"
import { Migrations, SqlStorage } from "@pleegzorg/sql"

/**
 * Where the database is, and how long a statement waits for a lock another
 * process holds before it fails (default 5 seconds).
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** A file path; it is created if it does not exist. `":memory:"` for a database that lives as long as the layer. */
  readonly filename: string
  readonly busyTimeout?: Duration.DurationInput | undefined
}

/**
 * What the layers provide: every storage port of core, and the client, for
 * queries of your own, backups (`SqliteClient.backup`) and exports.
 *
 * @since 0.2.0
 * @category models
 */
export type Services = SqlStorage.Ports | SqlClient.SqlClient | SqliteClient.SqliteClient

const operation = "SqliteStorage.layer"

// better-sqlite3 throws when it cannot open the file (a directory that does
// not exist, no permission); its message names the problem, not the data.
const client = (filename: string) =>
  SqliteClient.layer({
    filename,
    transformQueryNames: String.camelToSnake,
    transformResultNames: String.snakeToCamel
  }).pipe(
    Layer.catchAllCause((cause): Layer.Layer<unknown, ConfigError.ConfigError | Storage.StorageError> =>
      Option.match(Cause.dieOption(cause), {
        onNone: () => Layer.failCause(cause),
        onSome: (defect) =>
          Layer.fail(
            new Storage.StorageError({
              operation,
              reason: `the database file cannot be opened: ${defect instanceof Error ? defect.message : "unknown reason"}`
            })
          )
      })
    )
  )

// One connection, so a PRAGMA set once holds for the life of the layer. The
// client itself switches on WAL. `secure_delete` overwrites deleted rows with
// zeros: a delivered outbox row held a personal token and an address, an
// erased contact its name and address, and a removed prospect or mentor their
// name, address and questions; without it their bytes stay in the file's free
// space until the page is reused.
const pragmas = (busyTimeout: Duration.DurationInput) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql.unsafe(`PRAGMA busy_timeout = ${Math.round(Duration.toMillis(busyTimeout))}`)
    yield* sql`PRAGMA foreign_keys = ON`
    yield* sql`PRAGMA secure_delete = ON`
  }))

const migrations = SqliteMigrator.layer({
  loader: SqliteMigrator.fromRecord(Migrations.all),
  table: Migrations.table
}).pipe(Layer.provide(NodeContext.layer))

/**
 * Opens (or creates) the database file, migrates it, and provides every
 * storage port. The file is closed when the layer is released.
 *
 * @example
 * ```ts
 * import { SqliteStorage } from "@pleegzorg/sqlite"
 *
 * const storage = SqliteStorage.layer({ filename: "pleegzorg.db" })
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, Storage.StorageError> =>
  SqlStorage.layer.pipe(
    Layer.provideMerge(migrations),
    Layer.provideMerge(pragmas(options.busyTimeout ?? Duration.seconds(5))),
    Layer.provideMerge(client(options.filename)),
    SqlStorage.openingErrors(operation)
  )

/**
 * A database in memory, gone when the layer is released: for tests and
 * demos that want the SQL code path without a file.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemory = (): Layer.Layer<Services, Storage.StorageError> => layer({ filename: ":memory:" })

/**
 * The options from the environment: `PLEEGZORG_SQLITE_FILE` (the file, required)
 * and `PLEEGZORG_SQLITE_BUSY_TIMEOUT` (a duration such as `10 seconds`, default 5 seconds).
 *
 * @since 0.2.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  filename: Config.nonEmptyString("PLEEGZORG_SQLITE_FILE"),
  busyTimeout: Config.duration("PLEEGZORG_SQLITE_BUSY_TIMEOUT").pipe(Config.withDefault(Duration.seconds(5)))
})

/**
 * {@link layer} with its options read from configuration ({@link config} by default).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<Services, Storage.StorageError | ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(options, layer))
