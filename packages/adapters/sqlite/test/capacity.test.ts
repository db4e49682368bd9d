import * as Path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { DomainEvent, Registrations, Storage } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Support from "./support.js"

const directory = Support.tempDirectory()
afterAll(() => directory.remove())

const twentyFosterParents = Fixtures.onlyGroup("FosterParent", 20)

// Rows as the database holds them, read with SQL, not through the repositories.
const StoredRegistration = Schema.Struct({
  id: Schema.String,
  sequence: Schema.Int,
  email: Schema.String,
  status: Schema.Literal("Confirmed", "Waitlisted", "AwaitingConsent", "Withdrawn")
})
const StoredEvent = Schema.Struct({ event: DomainEvent.DomainEventFromJson })

describe("capacity on a SQLite file", () => {
  it.effect("200 people sign up at once for 20 seats: 20 confirmed, 180 waitlisted in arrival order, 200 messages", () =>
    Effect.gen(function*() {
      const track = yield* Fixtures.track({ composition: twentyFosterParents })
      yield* (yield* Storage.TrackRepository).insert(track)

      const registrations = yield* Registrations.Registrations
      const outcomes = yield* Effect.forEach(
        Arr.range(1, 200),
        (i) => registrations.register(Fixtures.signUp(track.id, i)),
        { concurrency: "unbounded" }
      )
      expect(outcomes.filter((o) => o._tag === "Accepted")).toHaveLength(200)

      const sql = yield* SqlClient.SqlClient
      const stored = yield* Schema.decodeUnknown(Schema.Array(StoredRegistration))(
        yield* sql`SELECT id, sequence, email, status FROM registrations WHERE track_id = ${track.id} ORDER BY sequence`
      )
      expect(stored).toHaveLength(200)
      expect(stored.map((r) => r.sequence)).toEqual(Arr.range(1, 200))
      expect(new Set(stored.map((r) => r.email)).size).toBe(200)
      const confirmed = stored.filter((r) => r.status === "Confirmed")
      const waitlisted = stored.filter((r) => r.status === "Waitlisted")
      expect(confirmed.map((r) => r.sequence)).toEqual(Arr.range(1, 20))
      expect(waitlisted.map((r) => r.sequence)).toEqual(Arr.range(21, 200))

      // One message per registration, appended in the order the seats were
      // decided: the n-th message is for the n-th registration, and the
      // waitlisted hear their place in line.
      const events = (yield* Schema.decodeUnknown(Schema.Array(StoredEvent))(
        yield* sql`SELECT event FROM outbox ORDER BY seq`
      )).map((row) => row.event)
      expect(events).toHaveLength(200)
      expect(events.map((e) => ("registrationId" in e.recipient ? e.recipient.registrationId : null))).toEqual(stored.map((r) => r.id))
      expect(events.slice(0, 20).every((e) => e._tag === "RegistrationConfirmed")).toBe(true)
      expect(events.slice(20).map((e) => e._tag === "RegistrationWaitlisted" ? e.position : -1)).toEqual(Arr.range(1, 180))
    }).pipe(Effect.provide(Support.services(SqliteStorage.layer({ filename: Path.join(directory.path, "capacity.db") })))),
    { timeout: 120_000 })
})
