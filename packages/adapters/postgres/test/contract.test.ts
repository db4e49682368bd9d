import { describe } from "@effect/vitest"
import { StorageContract } from "@pleegzorg/core/testing"
import { PostgresStorage } from "@pleegzorg/postgres"
import * as Support from "./support.js"

describe.runIf(Support.available)("postgres", () => {
  StorageContract.run("postgres, fresh schema", PostgresStorage.layer(Support.freshSchema()))
})
