// What this adapter promises beyond core's storage contract, as a suite that
// runs against any SqlClient layer (the package's tests use SQLite in memory).
import { describe, expect, layer } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { DomainEvent, Entropy, Outbox, Registration, Storage, Track } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import type { SqlStorage } from "@pleegzorg/sql"

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")

const drain = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  for (;;) {
    const batch = yield* outbox.claim({ now: far, limit: 500, lease: Duration.minutes(1) })
    if (batch.length === 0) return
    yield* Effect.forEach(batch, (entry) => outbox.complete(entry.event.id))
  }
})

const withdrawnEvent = (track: Track.Track, registration: Registration.Registration) =>
  Effect.map(Entropy.makeId("evt"), (id) =>
    new DomainEvent.RegistrationWithdrawn({
      id: id as DomainEvent.EventId,
      occurredAt: DateTime.unsafeMake("2030-02-01T10:00:00Z"),
      recipient: new DomainEvent.Recipient({
        registrationId: registration.id,
        name: registration.name,
        email: registration.email,
        language: registration.language,
        group: registration.group
      }),
      track: new DomainEvent.TrackSummary({
        id: track.id,
        title: track.title,
        regionName: "Rijk van Nijmegen",
        sessions: track.sessions
      }),
      by: "person"
    }))

/** Runs the suite against a layer with the storage ports and the client. */
export const run = <E>(name: string, storage: Layer.Layer<SqlStorage.Ports | SqlClient.SqlClient, E>): void => {
  const services = storage.pipe(Layer.provideMerge(Entropy.layerCrypto))

  layer(services, { timeout: Duration.minutes(1) })(`sql storage: ${name}`, (it) => {
    describe("tracks", () => {
      it.effect("an update made on an outdated copy is refused, and the newer one stays", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.TrackRepository
          const track = yield* Fixtures.track()
          yield* repo.insert(track)
          const closed = new Track.Track({
            ...track,
            status: new Track.RegistrationClosed({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z") }),
            version: 2
          })
          const cancelled = new Track.Track({
            ...track,
            status: new Track.Cancelled({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z"), reason: "Geen zaal" }),
            version: 2
          })
          yield* repo.update(closed)
          const refused = yield* Effect.flip(repo.update(cancelled))
          expect(refused._tag).toBe("StorageError")
          expect(refused.operation).toBe("TrackRepository.update")
          expect(yield* repo.get(track.id)).toEqual(Option.some(closed))
        }))

      it.effect("an update of a track that was never stored is refused", () =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track()
          const error = yield* Effect.flip((yield* Storage.TrackRepository).update(track))
          expect(error.operation).toBe("TrackRepository.update")
          expect(yield* (yield* Storage.TrackRepository).get(track.id)).toEqual(Option.none())
        }))
    })

    describe("registrations", () => {
      it.effect("a second active registration with the same email is refused by the database, without personal data in the error", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* Storage.TrackRepository).insert(track)
          const first = yield* Fixtures.registration(track, { sequence: 1, email: "jan.jansen@example.org" })
          const second = yield* Fixtures.registration(track, { sequence: 2, email: "jan.jansen@example.org" })
          yield* repo.insert(first.registration)
          const error = yield* Effect.flip(repo.insert(second.registration))
          expect(error._tag).toBe("StorageError")
          expect(error.message).toMatch(/^RegistrationRepository\.insert: .*unique/)
          expect(error.message).not.toContain("jan.jansen")
          expect(error.message).not.toContain(second.registration.name)
          expect((yield* repo.listByTrack(track.id)).map((r) => r.id)).toEqual([first.registration.id])
        }))

      it.effect("a registration for a track that is not stored is refused", () =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track()
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          const error = yield* Effect.flip((yield* Storage.RegistrationRepository).insert(registration))
          expect(error.message).toMatch(/^RegistrationRepository\.insert: .*refers to does not exist/)
          expect(yield* (yield* Storage.RegistrationRepository).get(registration.id)).toEqual(Option.none())
        }))

      it.effect("a stored row that does not fit the model is a StorageError naming the column, not the value", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* Storage.TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          yield* repo.insert(registration)
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE registrations SET email = ${"geen adres van Piet"} WHERE id = ${registration.id}`
          const error = yield* Effect.flip(repo.get(registration.id))
          expect(error.message).toMatch(/^RegistrationRepository\.get: .* at email$/)
          expect(error.message).not.toContain("Piet")
        }))
    })

    describe("outbox", () => {
      it.effect("dispatchers claiming at the same time never get the same entry", () =>
        Effect.gen(function*() {
          yield* drain
          const outbox = yield* Outbox.Outbox
          const track = yield* Fixtures.track()
          const events = yield* Effect.forEach(Arr.range(1, 40), (sequence) =>
            Effect.flatMap(
              Fixtures.registration(track, { sequence }),
              ({ registration }) => withdrawnEvent(track, registration)
            ))
          yield* outbox.append(events)
          const now = DateTime.unsafeMake("2030-02-01T10:00:00Z")
          const claims = yield* Effect.forEach(
            Arr.range(1, 6),
            () => outbox.claim({ now: DateTime.addDuration(now, Duration.hours(1)), limit: 10, lease: Duration.minutes(5) }),
            { concurrency: "unbounded" }
          )
          const claimed = claims.flatMap((batch) => batch.map((entry) => entry.event.id))
          expect(claimed).toHaveLength(40)
          expect(new Set(claimed)).toEqual(new Set(events.map((e) => e.id)))
        }))
    })

    describe("transactions", () => {
      it.effect("a failure caught inside a transaction undoes only the writes of the inner one", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Storage.Transactor
          const repo = yield* Storage.TrackRepository
          const outer = yield* Fixtures.track()
          const inner = yield* Fixtures.track()
          yield* withTransaction(Effect.gen(function*() {
            yield* repo.insert(outer)
            const exit = yield* Effect.exit(withTransaction(Effect.zipRight(repo.insert(inner), Effect.fail("undo"))))
            expect(exit._tag).toBe("Failure")
          }))
          expect(Option.isSome(yield* repo.get(outer.id))).toBe(true)
          expect(yield* repo.get(inner.id)).toEqual(Option.none())
        }))
    })
  })
}
