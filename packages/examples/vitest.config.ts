import { defineProject, mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.js"

// The PostgreSQL tests (two servers on one database, the demo on PostgreSQL)
// use the same look-up of the server as @pleegzorg/postgres.
export default mergeConfig(
  shared,
  defineProject({ test: { name: "examples", globalSetup: ["../adapters/postgres/test/globalSetup.ts"] } })
)
