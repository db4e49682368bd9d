import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Migrations, SqlStorage } from "@pleegzorg/sql"

// A bare in-memory SQLite client: no name transforms (the storage must not
// depend on them), foreign keys on, and the migrations run with the generic
// migrator of @effect/sql, the way every driver would.
const client = SqliteClient.layer({ filename: ":memory:" })

const setup = Layer.effectDiscard(Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`PRAGMA foreign_keys = ON`
  yield* Migrator.make({})({ loader: Migrator.fromRecord(Migrations.all), table: Migrations.table })
}))

/** Every storage port and the client, over a fresh in-memory database. */
export const layer = SqlStorage.layer.pipe(Layer.provideMerge(setup), Layer.provideMerge(client), Layer.orDie)
