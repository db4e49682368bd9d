// Global setup for the projects whose tests need PostgreSQL. It looks for the
// server once per run and hands the tests a connection URL and a prefix for
// the schemas they create, or null: then those tests do not run, and one line
// says how to enable them. With PLEEGZORG_REQUIRE_POSTGRES=1 (CI sets it) a
// missing server fails the run instead. Afterwards every schema with this
// run's prefix is dropped, also those of a test that crashed.
import Pg from "pg"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    readonly postgres: { readonly url: string; readonly schemaPrefix: string } | null
  }
}

const url = process.env["PLEEGZORG_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test"
const required = ["1", "true", "yes"].includes((process.env["PLEEGZORG_REQUIRE_POSTGRES"] ?? "").toLowerCase())
const where = url.replace(/\/\/[^@/]*@/, "//")

const withClient = async <A>(f: (client: Pg.Client) => Promise<A>): Promise<A> => {
  const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on("error", () => {})
  await client.connect()
  try {
    return await f(client)
  } finally {
    await client.end()
  }
}

export default async function setup(project: TestProject) {
  try {
    await withClient((client) => client.query("SELECT 1"))
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "no answer"
    if (required) {
      throw new Error(
        `PostgreSQL is required (PLEEGZORG_REQUIRE_POSTGRES is set) but ${where} cannot be used (${code})`
      )
    }
    console.warn(
      `[${project.name}] PostgreSQL tests skipped: nothing usable at ${where} (${code}). ` +
        "Start PostgreSQL there (trust auth, database test) or set PLEEGZORG_TEST_DATABASE_URL."
    )
    project.provide("postgres", null)
    return
  }
  const schemaPrefix = `pleegzorg_test_${Date.now().toString(36)}_${process.pid}_${project.name.replace(/\W/g, "")}`
  project.provide("postgres", { url, schemaPrefix })
  return async () => {
    await withClient(async (client) => {
      const found = await client.query<{ nspname: string }>(
        "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)",
        [schemaPrefix]
      )
      for (const row of found.rows) await client.query(`DROP SCHEMA ${row.nspname} CASCADE`)
    })
  }
}
