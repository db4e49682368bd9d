import { describe } from "@effect/vitest"
import { PostgresStorage } from "@pleegzorg/postgres"
// The adapter's own promises beyond core's contract are one suite for every
// SQL backend; it lives with the SQL.
import * as Behaviour from "../../sql/test/behaviour.js"
import * as Support from "./support.js"

describe.runIf(Support.available)("postgres", () => {
  Behaviour.run("postgres, fresh schema", PostgresStorage.layer(Support.freshSchema()))
})
