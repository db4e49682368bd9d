/**
 * PostgreSQL storage for `@pleegzorg/core`: one database shared by several
 * application servers, opened with `@effect/sql-pg` (node-postgres), brought
 * up to date with the migrations of `@pleegzorg/sql`, and every storage port
 * on top.
 *
 * What keeps several servers correct is in the database: a sign-up locks its
 * track's row (`SELECT … FOR UPDATE`) so seats are decided one at a time per
 * track, whichever server takes the request; mail dispatchers claim outbox
 * rows with `FOR UPDATE SKIP LOCKED` and a lease, so each mail goes to one
 * dispatcher; a matching run begins under a lock of `matching_runs`, so one
 * server at a time runs the batch; and servers that start at the same moment
 * migrate one after the other (a transaction-scoped advisory lock).
 *
 * @since 0.3.0
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as String from "effect/String"
import type { ConnectionOptions } from "node:tls"
import Pg from "pg"
import { Storage } from "@pleegzorg/core"
import { Migrations, SqlStorage } from "@pleegzorg/sql"

/**
 * How to verify the server's TLS certificate:
 *
 * - `"off"`: no TLS (a database on the same machine or a private network);
 * - `"verify"`: TLS, and the certificate must be valid for the host;
 * - `"no-verify"`: TLS without checking the certificate (self-signed
 *   certificates of some managed databases; it protects against reading
 *   along, not against an impostor);
 * - or node's own `tls.ConnectionOptions`, for a CA of your own.
 *
 * @since 0.3.0
 * @category models
 */
export type Tls = "off" | "verify" | "no-verify" | ConnectionOptions

/**
 * Where the database is. Give a `url`
 * (`postgres://user:password@host:5432/database`), or the parts; parts
 * given beside a url override it.
 *
 * @since 0.3.0
 * @category models
 */
export interface Options {
  readonly url?: Redacted.Redacted | undefined
  readonly host?: string | undefined
  readonly port?: number | undefined
  readonly database?: string | undefined
  readonly username?: string | undefined
  readonly password?: Redacted.Redacted | undefined
  /** Default `"off"`, unless the url asks for TLS (`?sslmode=require`). */
  readonly tls?: Tls | undefined
  /** Connections this server keeps at most (default 10). */
  readonly poolSize?: number | undefined
  /**
   * The schema that holds the tables; it is created if it does not exist
   * and is the only schema on the search path. Default: the user's search
   * path (normally `public`). A schema per region or per test run keeps
   * them apart in one database.
   */
  readonly schema?: string | undefined
  /** How long connecting may take before it fails (default 5 seconds). */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /** Shown in `pg_stat_activity` (default `"pleegzorg"`). */
  readonly applicationName?: string | undefined
}

/**
 * What the layers provide: every storage port of core, and the client, for
 * queries of your own (`PgClient` also has `listen` and `notify`).
 *
 * @since 0.3.0
 * @category models
 */
export type Services = SqlStorage.Ports | SqlClient.SqlClient | PgClient.PgClient

const operation = "PostgresStorage.layer"

/**
 * Whether `name` can be used as a schema name as it is: lower-case letters,
 * digits and underscores, starting with a letter or underscore, at most 63
 * characters (PostgreSQL's limit). Anything else is refused rather than
 * quoted, so that the name in `search_path` and in SQL is the same.
 *
 * @since 0.3.0
 * @category validation
 */
export const isSchemaName = (name: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(name)

const ssl = (tls: Tls | undefined): boolean | ConnectionOptions | undefined => {
  switch (tls) {
    case undefined:
      return undefined
    case "off":
      return false
    case "verify":
      return true
    case "no-verify":
      return { rejectUnauthorized: false }
    default:
      return tls
  }
}

// The pool is made here rather than by PgClient.layer, because only a pool
// of our own can set the search path of every connection it opens.
const pool = (options: Options) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const tls = ssl(options.tls)
      const made = new Pg.Pool({
        ...(options.url === undefined ? {} : { connectionString: Redacted.value(options.url) }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.database === undefined ? {} : { database: options.database }),
        ...(options.username === undefined ? {} : { user: options.username }),
        ...(options.password === undefined ? {} : { password: Redacted.value(options.password) }),
        ...(tls === undefined ? {} : { ssl: tls }),
        ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: Duration.toMillis(options.connectTimeout ?? Duration.seconds(5)),
        idleTimeoutMillis: 30_000,
        application_name: options.applicationName ?? "pleegzorg"
      })
      // An idle connection that the server closes emits "error" on the pool;
      // without a listener node would end the process. The next query opens
      // a new connection.
      made.on("error", () => {})
      return made
    }),
    (made) => Effect.promise(() => made.end()).pipe(Effect.timeoutOption(Duration.seconds(5)))
  )

const client = (options: Options) =>
  PgClient.layerFromPool({
    acquire: pool(options),
    applicationName: options.applicationName ?? "pleegzorg",
    transformQueryNames: String.camelToSnake,
    transformResultNames: String.snakeToCamel
  })

// Any number, the same in every server: the key of the advisory lock under
// which servers migrate one at a time.
const migrationLock = 7_345_120_231

// The migrator of @effect/sql creates its table after a failed look-up, which
// two servers starting together can both do. Under one advisory lock the
// schema and that table are made once; the migrator then locks its table
// while it runs.
const migrations = (schema: string | undefined) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    yield* sql.withTransaction(Effect.gen(function*() {
      yield* sql`SELECT pg_advisory_xact_lock(${migrationLock})`
      if (schema !== undefined) yield* sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
      yield* sql.unsafe(`CREATE TABLE IF NOT EXISTS ${Migrations.table} (
        migration_id integer PRIMARY KEY,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        name text NOT NULL
      )`)
    }))
    yield* Migrator.make({})({ loader: Migrator.fromRecord(Migrations.all), table: Migrations.table })
  }))

const invalidSchema = (schema: string) =>
  Layer.fail(
    new Storage.StorageError({
      operation,
      reason:
        `the schema name "${schema}" is not allowed: use lower-case letters, digits and _, starting with a letter or _, at most 63 characters`
    })
  )

/**
 * Connects to the database, migrates it (in `schema` if given), and provides
 * every storage port. The connections are closed when the layer is released.
 *
 * A failure to connect or migrate is a `StorageError` that names the cause by
 * its code (`ECONNREFUSED`, `28P01` for a refused password, `3D000` for a
 * database that does not exist), never the password.
 *
 * @example
 * ```ts
 * import { PostgresStorage } from "@pleegzorg/postgres"
 * import { Redacted } from "effect"
 *
 * const storage = PostgresStorage.layer({
 *   url: Redacted.make("postgres://pleegzorg@db.internal:5432/pleegzorg"),
 *   tls: "verify",
 *   poolSize: 20
 * })
 * ```
 *
 * @since 0.3.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, Storage.StorageError> =>
  options.schema !== undefined && !isSchemaName(options.schema)
    ? invalidSchema(options.schema)
    : SqlStorage.layer.pipe(
      Layer.provideMerge(migrations(options.schema)),
      Layer.provideMerge(client(options)),
      SqlStorage.openingErrors(operation)
    )

const tlsConfig: Config.Config<Tls | undefined> = Config.literal("off", "verify", "no-verify")("PLEEGZORG_PG_TLS").pipe(
  Config.option,
  Config.map(Option.getOrUndefined)
)

const optional = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  Config.map(Config.option(config), Option.getOrUndefined)

// Set but empty (`DATABASE_URL=` in an env file) counts as not set.
const text = (name: string): Config.Config<string | undefined> =>
  Config.map(Config.option(Config.string(name)), (value) => Option.getOrUndefined(Option.filter(value, (s) => s.trim() !== "")))

/**
 * The options from the environment, or `None` when no database is
 * configured (neither `DATABASE_URL` nor `PGHOST` is set): a program can then
 * fall back to embedded SQLite.
 *
 * | variable | meaning |
 * |---|---|
 * | `DATABASE_URL` | `postgres://user:password@host:5432/database` |
 * | `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD` | the parts, as libpq reads them; they override the url |
 * | `PLEEGZORG_PG_TLS` | `off`, `verify` or `no-verify` (default: what the url says, else off) |
 * | `PLEEGZORG_PG_POOL_SIZE` | connections per server (default 10) |
 * | `PLEEGZORG_PG_SCHEMA` | the schema for the tables (default: the search path, normally `public`) |
 *
 * @since 0.3.0
 * @category config
 */
export const configOption: Config.Config<Option.Option<Options>> = Config.all({
  url: Config.map(text("DATABASE_URL"), (url) => url === undefined ? undefined : Redacted.make(url)),
  host: text("PGHOST"),
  port: optional(Config.port("PGPORT")),
  database: optional(Config.nonEmptyString("PGDATABASE")),
  username: optional(Config.nonEmptyString("PGUSER")),
  password: optional(Config.redacted("PGPASSWORD")),
  tls: tlsConfig,
  poolSize: optional(Config.integer("PLEEGZORG_PG_POOL_SIZE").pipe(
    Config.validate({ message: "must be between 1 and 1000", validation: (n) => n >= 1 && n <= 1000 })
  )),
  schema: optional(Config.nonEmptyString("PLEEGZORG_PG_SCHEMA").pipe(
    Config.validate({
      message: "must be lower-case letters, digits and _, starting with a letter or _",
      validation: isSchemaName
    })
  ))
}).pipe(Config.map((options) =>
  options.url === undefined && options.host === undefined ? Option.none() : Option.some(options)
))

/**
 * {@link configOption}, required: a missing `DATABASE_URL` and `PGHOST` is a
 * configuration error that says so.
 *
 * @since 0.3.0
 * @category config
 */
export const config: Config.Config<Options> = Config.mapOrFail(configOption, Option.match({
  onNone: () =>
    Either.left(ConfigError.MissingData(["DATABASE_URL"], "no database configured: set DATABASE_URL, or PGHOST and the other PG variables")),
  onSome: Either.right
}))

/**
 * {@link layer} with its options read from configuration ({@link config} by default).
 *
 * @since 0.3.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<Services, Storage.StorageError | ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(options, layer))
