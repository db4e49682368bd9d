/**
 * Which storage the examples run on: PostgreSQL when a connection is
 * configured (`DATABASE_URL`, or `PGHOST` and the other PG variables; see
 * `PostgresStorage.configOption`), otherwise an embedded SQLite file.
 * Wiring only.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type { Storage } from "@pleegzorg/core"
import { PostgresStorage } from "@pleegzorg/postgres"
import type { SqlStorage } from "@pleegzorg/sql"
import { SqliteStorage } from "@pleegzorg/sqlite"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

export interface Database {
  readonly kind: "postgres" | "sqlite"
  readonly layer: Layer.Layer<SqlStorage.Ports | SqlClient.SqlClient, Storage.StorageError>
  /** Where the data is, without the password. */
  readonly description: string
  /** The PostgreSQL schema in use, if any was chosen. */
  readonly schema: string | undefined
}

const describePostgres = (options: PostgresStorage.Options): string => {
  const url = options.url === undefined ? undefined : new URL(Redacted.value(options.url))
  const host = options.host ?? url?.hostname ?? "localhost"
  const port = options.port ?? (url?.port ? Number(url.port) : 5432)
  const database = options.database ?? url?.pathname.replace(/^\//, "") ?? ""
  return `PostgreSQL ${host}:${port}/${database}${options.schema === undefined ? "" : `, schema ${options.schema}`}`
}

/**
 * PostgreSQL if configured, else SQLite in `sqliteFile`. `schema` overrides
 * `PLEEGZORG_PG_SCHEMA` (the demo uses a schema of its own).
 */
export const choose = (options: {
  readonly sqliteFile: string
  readonly schema?: string | undefined
}): Effect.Effect<Database, ConfigError.ConfigError> =>
  Effect.map(PostgresStorage.configOption, Option.match({
    onNone: (): Database => ({
      kind: "sqlite",
      layer: SqliteStorage.layer({ filename: options.sqliteFile }),
      description: `SQLite ${options.sqliteFile}`,
      schema: undefined
    }),
    onSome: (configured): Database => {
      const chosen = options.schema === undefined ? configured : { ...configured, schema: options.schema }
      return {
        kind: "postgres",
        layer: PostgresStorage.layer(chosen),
        description: describePostgres(chosen),
        schema: chosen.schema
      }
    }
  }))
