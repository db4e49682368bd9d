import { inject } from "@effect/vitest"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Entropy, Geography, Registrations, Tracks } from "@pleegzorg/core"
import { PostgresStorage } from "@pleegzorg/postgres"

/** The server the global setup found, or null: then the PostgreSQL tests do not run. */
export const server = inject("postgres")

/** Whether the PostgreSQL tests run (see the global setup for when they do not). */
export const available = server !== null

let schemas = 0

/**
 * Options for a schema of its own in the test database; the global setup
 * drops it after the run. (Without a server the options are never used: the
 * suites that would build the layer do not run.)
 */
export const freshSchema = (options: Omit<PostgresStorage.Options, "url" | "schema"> = {}): PostgresStorage.Options => {
  schemas += 1
  return server === null
    ? options
    : { ...options, url: Redacted.make(server.url), schema: `${server.schemaPrefix}_${process.pid}_${schemas}` }
}

/** The services of core over a storage, wired as the storage contract does. */
export const services = <E>(storage: Layer.Layer<PostgresStorage.Services, E>) =>
  Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )


