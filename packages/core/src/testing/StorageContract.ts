/**
 * The contract every storage must pass: run it against your implementation
 * of the storage ports and the outbox, on a real database.
 *
 * @example
 * ```ts
 * // test/contract.test.ts of a storage adapter
 * import { StorageContract } from "@pleegzorg/core/testing"
 * StorageContract.run("my storage", MyStorage.layer)
 * ```
 *
 * The suite shares one instance of the layer between its tests and uses new
 * ids for everything it writes, so it can run against a database that
 * already holds data, except that it empties the outbox (it completes every
 * due entry and removes every given-up one) before the outbox tests: run it
 * on a database of its own.
 *
 * @since 0.2.0
 */
import { describe, expect, layer } from "@effect/vitest"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import * as TestClock from "effect/TestClock"
import { AttendanceRecord } from "../Attendance.js"
import { RegistrationConfirmed, type DomainEvent, type EventId, Recipient, TrackSummary } from "../DomainEvent.js"
import * as Entropy from "../Entropy.js"
import { Geography } from "../Geography.js"
import { Outbox } from "../Outbox.js"
import type { RegionCode } from "../Region.js"
import * as Registration from "../Registration.js"
import { Registrations } from "../Registrations.js"
import { AttendanceRepository, RegistrationRepository, TrackRepository, Transactor } from "../Storage.js"
import { Surveys } from "../Surveys.js"
import type * as SurveyStorage from "../SurveyStorage.js"
import * as Track from "../Track.js"
import { Tracks } from "../Tracks.js"
import * as Fixtures from "./fixtures.js"
import * as AgendaContract from "./agendaContract.js"
import * as MatchingContract from "./matchingContract.js"
import type * as MatchingStorage from "../MatchingStorage.js"
import * as SurveyContract from "./surveyContract.js"
import { AgendaRepository } from "../AgendaStorage.js"

/**
 * Everything a storage provides.
 *
 * @since 0.2.0
 * @category models
 */
export type Ports =
  | Transactor
  | TrackRepository
  | RegistrationRepository
  | AttendanceRepository
  | Outbox
  | SurveyStorage.SurveyRepository
  | SurveyStorage.InvitationRepository
  | SurveyStorage.AnswerRepository
  | SurveyStorage.ReleaseRepository
  | SurveyStorage.RegionalFigureRepository
  | AgendaRepository
  | MatchingStorage.ProspectRepository
  | MatchingStorage.MentorRepository
  | MatchingStorage.MatchRepository
  | MatchingStorage.MatchingRunRepository

const never = DateTime.unsafeMake("2100-01-01T00:00:00Z")
// Later than any lease a test takes, so that draining finds every entry.
const afterAllLeases = DateTime.unsafeMake("2200-01-01T00:00:00Z")

const drainOutbox = Effect.gen(function*() {
  const outbox = yield* Outbox
  for (;;) {
    const batch = yield* outbox.claim({ now: afterAllLeases, limit: 500, lease: Duration.minutes(1) })
    if (batch.length === 0) return
    yield* Effect.forEach(batch, (entry) => outbox.complete(entry.event.id))
  }
})

const confirmedEvent = (track: Track.Track, registration: Registration.Registration, token: string) =>
  Effect.gen(function*() {
    return new RegistrationConfirmed({
      id: (yield* Entropy.makeId("evt")) as EventId,
      occurredAt: DateTime.unsafeMake("2030-02-01T10:00:00Z"),
      recipient: new Recipient({
        registrationId: registration.id,
        name: registration.name,
        email: registration.email,
        language: registration.language,
        group: registration.group
      }),
      track: new TrackSummary({ id: track.id, title: track.title, regionName: "Rijk van Nijmegen", sessions: track.sessions }),
      token: token as Registration.PersonalToken
    })
  })

class Boom {
  readonly _tag = "Boom"
}

/**
 * Runs the contract against a layer that provides every storage port.
 *
 * @since 0.2.0
 * @category contract
 */
export const run = <E>(name: string, storage: Layer.Layer<Ports, E>): void => {
  const services = Layer.mergeAll(Tracks.Default, Registrations.Default, Surveys.Default).pipe(
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Default)
  )

  layer(services, { timeout: Duration.minutes(2) })(`storage contract: ${name}`, (it) => {
    describe("tracks", () => {
      it.effect("a track reads back as it was written, and an update replaces it", () =>
        Effect.gen(function*() {
          const repo = yield* TrackRepository
          const track = yield* Fixtures.track()
          yield* repo.insert(track)
          expect(yield* repo.get(track.id)).toEqual(Option.some(track))
          expect(yield* repo.getForUpdate(track.id)).toEqual(Option.some(track))
          const cancelled = new Track.Track({
            ...track,
            status: new Track.Cancelled({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z"), reason: "Te weinig aanmeldingen" }),
            version: 2
          })
          yield* repo.update(cancelled)
          expect(yield* repo.get(track.id)).toEqual(Option.some(cancelled))
        }))

      it.effect("an update on an outdated copy, or of a track never stored, is refused", () =>
        Effect.gen(function*() {
          const repo = yield* TrackRepository
          const track = yield* Fixtures.track()
          yield* repo.insert(track)
          const newer = new Track.Track({ ...track, remindersSent: [1], version: 2 })
          yield* repo.update(newer)
          const stale = new Track.Track({ ...track, remindersSent: [2], version: 2 })
          expect((yield* Effect.flip(repo.update(stale)))._tag).toBe("StorageError")
          expect(yield* repo.get(track.id)).toEqual(Option.some(newer))
          const never = yield* Fixtures.track()
          expect((yield* Effect.flip(repo.update(never)))._tag).toBe("StorageError")
          expect(yield* repo.get(never.id)).toEqual(Option.none())
          expect((yield* Effect.flip(repo.insert(track)))._tag).toBe("StorageError")
        }))

      it.effect("an unknown track is none", () =>
        Effect.gen(function*() {
          const repo = yield* TrackRepository
          const id = (yield* Entropy.makeId("trk")) as Track.TrackId
          expect(yield* repo.get(id)).toEqual(Option.none())
        }))

      it.effect("tracks are listed per region, and only the going ones as active", () =>
        Effect.gen(function*() {
          const repo = yield* TrackRepository
          // a region of its own for this test run is not available, so filter on the ids written here
          const open = yield* Fixtures.track({ region: "JZ01" as RegionCode })
          const draft = yield* Fixtures.track({ region: "JZ01" as RegionCode, status: new Track.Draft() })
          const other = yield* Fixtures.track({ region: "JZ02" as RegionCode })
          yield* Effect.forEach([open, draft, other], repo.insert)
          const inRegion = (yield* repo.listByRegion("JZ01" as RegionCode)).map((t) => t.id)
          expect(inRegion).toContain(open.id)
          expect(inRegion).toContain(draft.id)
          expect(inRegion).not.toContain(other.id)
          const active = (yield* repo.listActive()).map((t) => t.id)
          expect(active).toContain(open.id)
          expect(active).toContain(other.id)
          expect(active).not.toContain(draft.id)
        }))
    })

    describe("registrations", () => {
      it.effect("a registration reads back by id, by token hash and by email", () =>
        Effect.gen(function*() {
          const repo = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          yield* repo.insert(registration)
          expect(yield* repo.get(registration.id)).toEqual(Option.some(registration))
          expect(yield* repo.findByTokenHash(registration.tokenHash)).toEqual(Option.some(registration))
          expect(yield* repo.findActiveByEmail(track.id, registration.email)).toEqual(Option.some(registration))
          expect(yield* repo.findByTokenHash("0".repeat(64))).toEqual(Option.none())
        }))

      it.effect("a withdrawn registration no longer blocks its email, and its update is kept", () =>
        Effect.gen(function*() {
          const repo = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, { sequence: 1, email: "sam@example.org" })
          yield* repo.insert(registration)
          const withdrawn = new Registration.Registration({
            ...registration,
            status: new Registration.Withdrawn({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z"), by: "person" })
          })
          yield* repo.update(withdrawn)
          expect(yield* repo.get(registration.id)).toEqual(Option.some(withdrawn))
          expect(yield* repo.findActiveByEmail(track.id, registration.email)).toEqual(Option.none())
          const again = yield* Fixtures.registration(track, { sequence: 2, email: "sam@example.org" })
          yield* repo.insert(again.registration)
          expect(yield* repo.findActiveByEmail(track.id, registration.email)).toEqual(Option.some(again.registration))
        }))

      it.effect("a second active registration with the same email, or one for an unknown track, is refused", () =>
        Effect.gen(function*() {
          const repo = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* TrackRepository).insert(track)
          const first = yield* Fixtures.registration(track, { sequence: 1, email: "kim@example.org" })
          yield* repo.insert(first.registration)
          const second = yield* Fixtures.registration(track, { sequence: 2, email: "kim@example.org" })
          const refused = yield* Effect.flip(repo.insert(second.registration))
          expect(refused._tag).toBe("StorageError")
          expect(refused.message).not.toContain("kim@example.org")
          expect(yield* repo.get(second.registration.id)).toEqual(Option.none())
          const elsewhere = yield* Fixtures.registration(yield* Fixtures.track(), { sequence: 1 })
          expect((yield* Effect.flip(repo.insert(elsewhere.registration)))._tag).toBe("StorageError")
          expect((yield* Effect.flip(repo.update(elsewhere.registration)))._tag).toBe("StorageError")
        }))

      it.effect("registrations are listed in arrival order and sequences continue per track", () =>
        Effect.gen(function*() {
          const repo = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          const other = yield* Fixtures.track()
          yield* Effect.forEach([track, other], (yield* TrackRepository).insert)
          expect(yield* repo.nextSequence(track.id)).toBe(1)
          for (const sequence of [3, 1, 2]) {
            yield* repo.insert((yield* Fixtures.registration(track, { sequence })).registration)
          }
          yield* repo.insert((yield* Fixtures.registration(other, { sequence: 1 })).registration)
          yield* repo.insert((yield* Fixtures.registration(track, {
            sequence: 4,
            group: "Parent",
            status: new Registration.Waitlisted({ since: DateTime.unsafeMake("2030-02-02T12:00:00Z") })
          })).registration)
          expect((yield* repo.listByTrack(track.id)).map((r) => r.sequence)).toEqual([1, 2, 3, 4])
          const counts = (yield* repo.countsByTrack(track.id)).map((c) => `${c.group}/${c.status}=${c.count}`).sort()
          expect(counts).toEqual(["FosterParent/Confirmed=3", "Parent/Waitlisted=1"])
          expect(yield* repo.nextSequence(track.id)).toBe(5)
          expect(yield* repo.nextSequence(other.id)).toBe(2)
        }))

      it.effect("consent and waitlist status survive the round trip", () =>
        Effect.gen(function*() {
          const repo = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, {
            sequence: 1,
            group: "FosterChild",
            status: new Registration.Waitlisted({ since: DateTime.unsafeMake("2030-02-02T12:00:00Z") })
          })
          const withConsent = new Registration.Registration({
            ...registration,
            consent: Option.some(
              new Registration.Consent({ givenBy: "Anna de Vries", relationship: "guardian", givenOn: "2030-02-01" as never })
            )
          })
          yield* repo.insert(withConsent)
          expect(yield* repo.get(registration.id)).toEqual(Option.some(withConsent))
        }))
    })

    describe("attendance", () => {
      it.effect("a second record for the same person and session replaces the first", () =>
        Effect.gen(function*() {
          const repo = yield* AttendanceRepository
          const track = yield* Fixtures.track()
          yield* (yield* TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          yield* (yield* RegistrationRepository).insert(registration)
          const at = DateTime.unsafeMake("2030-11-17T16:00:00Z")
          const base = { trackId: track.id, registrationId: registration.id, recordedAt: at }
          yield* repo.record(new AttendanceRecord({ ...base, session: 1, present: false }))
          yield* repo.record(new AttendanceRecord({ ...base, session: 1, present: true }))
          yield* repo.record(new AttendanceRecord({ ...base, session: 2, present: false }))
          const records = Arr.sort(yield* repo.listByTrack(track.id), Order.mapInput(Order.number, (r: AttendanceRecord) => r.session))
          expect(records.map((r) => [r.session, r.present])).toEqual([[1, true], [2, false]])
        }))
    })

    describe("transactions", () => {
      it.effect("a failure inside a transaction leaves nothing behind", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Transactor
          const tracks = yield* TrackRepository
          const registrations = yield* RegistrationRepository
          const outbox = yield* Outbox
          const track = yield* Fixtures.track()
          const { registration, token } = yield* Fixtures.registration(track, { sequence: 1 })
          const event = yield* confirmedEvent(track, registration, token)
          const exit = yield* Effect.exit(withTransaction(Effect.gen(function*() {
            yield* tracks.insert(track)
            yield* registrations.insert(registration)
            yield* outbox.append([event])
            return yield* Effect.fail(new Boom())
          })))
          expect(Exit.isFailure(exit)).toBe(true)
          expect(yield* tracks.get(track.id)).toEqual(Option.none())
          expect(yield* registrations.get(registration.id)).toEqual(Option.none())
          expect(yield* outbox.get(event.id)).toEqual(Option.none())
        }))

      it.effect("a nested transaction's writes go when the outer one fails", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Transactor
          const tracks = yield* TrackRepository
          const track = yield* Fixtures.track()
          const exit = yield* Effect.exit(withTransaction(Effect.gen(function*() {
            yield* withTransaction(tracks.insert(track))
            return yield* Effect.fail(new Boom())
          })))
          expect(Exit.isFailure(exit)).toBe(true)
          expect(yield* tracks.get(track.id)).toEqual(Option.none())
        }))

      it.effect("a failed nested transaction undoes only its own writes (a savepoint)", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Transactor
          const tracks = yield* TrackRepository
          const kept = yield* Fixtures.track()
          const undone = yield* Fixtures.track()
          yield* withTransaction(Effect.gen(function*() {
            yield* tracks.insert(kept)
            yield* Effect.ignore(withTransaction(Effect.zipRight(tracks.insert(undone), Effect.fail(new Boom()))))
          }))
          expect(Option.isSome(yield* tracks.get(kept.id))).toBe(true)
          expect(yield* tracks.get(undone.id)).toEqual(Option.none())
        }))

      it.effect("a write made outside a transaction while it runs is kept when the transaction fails", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Transactor
          const tracks = yield* TrackRepository
          const inside = yield* Fixtures.track()
          const outside = yield* Fixtures.track()
          const started = yield* Deferred.make<void>()
          const go = yield* Deferred.make<void>()
          const failing = yield* Effect.fork(Effect.exit(withTransaction(Effect.gen(function*() {
            yield* tracks.insert(inside)
            yield* Deferred.succeed(started, undefined)
            yield* Deferred.await(go)
            return yield* Effect.fail(new Boom())
          }))))
          yield* Deferred.await(started)
          // another fiber writes meanwhile, for example the mail dispatcher
          const writer = yield* Effect.fork(tracks.insert(outside))
          yield* Effect.yieldNow()
          yield* Deferred.succeed(go, undefined)
          expect(Exit.isFailure(yield* Fiber.join(failing))).toBe(true)
          yield* Fiber.join(writer)
          expect(yield* tracks.get(inside.id)).toEqual(Option.none())
          expect(Option.isSome(yield* tracks.get(outside.id))).toBe(true)
        }))

      it.effect("a successful transaction keeps every write", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Transactor
          const tracks = yield* TrackRepository
          const registrations = yield* RegistrationRepository
          const track = yield* Fixtures.track()
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          yield* withTransaction(Effect.zipRight(tracks.insert(track), registrations.insert(registration)))
          expect(Option.isSome(yield* tracks.get(track.id))).toBe(true)
          expect(Option.isSome(yield* registrations.get(registration.id))).toBe(true)
        }))
    })

    describe("outbox", () => {
      const appendConfirmations = (count: number) =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track()
          const events: Array<DomainEvent> = []
          for (let i = 1; i <= count; i++) {
            const { registration, token } = yield* Fixtures.registration(track, { sequence: i })
            events.push(yield* confirmedEvent(track, registration, token))
          }
          yield* (yield* Outbox).append(events)
          return events
        })
      const now = DateTime.unsafeMake("2030-02-01T10:00:00Z")

      it.effect("entries come out in the order they went in, each event intact", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const outbox = yield* Outbox
          const events = yield* appendConfirmations(5)
          const claimed = yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(1) })
          expect(claimed.map((e) => e.event)).toEqual(events)
          expect(claimed.every((e) => e.attempts === 0 && Option.isNone(e.lastError))).toBe(true)
        }))

      it.effect("a leased entry is not claimed again until the lease ends", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const outbox = yield* Outbox
          yield* appendConfirmations(3)
          expect((yield* outbox.claim({ now, limit: 2, lease: Duration.minutes(1) })).length).toBe(2)
          expect((yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(1) })).length).toBe(1)
          expect((yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(1) })).length).toBe(0)
          const later = DateTime.addDuration(now, Duration.minutes(2))
          expect((yield* outbox.claim({ now: later, limit: 10, lease: Duration.minutes(1) })).length).toBe(3)
        }))

      it.effect("release ends the lease at once, without counting an attempt", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const outbox = yield* Outbox
          const [a] = yield* appendConfirmations(2)
          expect((yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(5) })).length).toBe(2)
          yield* outbox.release(a!.id)
          // only the released one is free again; the other stays leased
          const again = yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(5) })
          expect(again.map((e) => [e.event.id, e.attempts, Option.getOrNull(e.lastError)])).toEqual([[a!.id, 0, null]])
        }))

      it.effect("complete deletes, retryLater waits and counts, giveUp stops for good", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const outbox = yield* Outbox
          const [a, b, c] = yield* appendConfirmations(3)
          yield* outbox.claim({ now, limit: 10, lease: Duration.minutes(1) })
          yield* outbox.complete(a!.id)
          const retryAt = DateTime.addDuration(now, Duration.minutes(10))
          yield* outbox.retryLater(b!.id, retryAt, "ECONNREFUSED")
          yield* outbox.giveUp(c!.id, "SMTP 550")
          expect(yield* outbox.get(a!.id)).toEqual(Option.none())
          expect(yield* outbox.stats()).toEqual({ pending: 1, failing: 1, givenUp: 1 })
          expect((yield* outbox.claim({ now: DateTime.addDuration(now, Duration.minutes(5)), limit: 10, lease: Duration.minutes(1) })).length)
            .toBe(0)
          const retried = yield* outbox.claim({ now: retryAt, limit: 10, lease: Duration.minutes(1) })
          expect(retried.map((e) => [e.event.id, e.attempts, Option.getOrNull(e.lastError)])).toEqual([[b!.id, 1, "ECONNREFUSED"]])
          expect((yield* outbox.claim({ now: never, limit: 10, lease: Duration.minutes(1) })).map((e) => e.event.id))
            .not.toContain(c!.id)
          const gaveUp = yield* outbox.get(c!.id)
          expect(Option.map(gaveUp, (e) => Option.getOrNull(e.lastError))).toEqual(Option.some("SMTP 550"))
        }))

      it.effect("given-up entries are removed, with what they hold, once they are old enough", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const outbox = yield* Outbox
          // entries that earlier tests gave up on go first
          yield* outbox.removeGivenUp(afterAllLeases)
          const [kept, old] = yield* appendConfirmations(2)
          yield* TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake("2030-03-01T00:00:00Z")))
          yield* outbox.giveUp(old!.id, "SMTP 550")
          yield* TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake("2030-04-01T00:00:00Z")))
          const recent = (yield* appendConfirmations(1))[0]!
          yield* outbox.giveUp(recent.id, "SMTP 550")
          expect(Option.map(yield* outbox.get(old!.id), (e) => DateTime.formatIso(e.nextAttemptAt)))
            .toEqual(Option.some("2030-03-01T00:00:00.000Z"))
          expect(yield* outbox.removeGivenUp(DateTime.unsafeMake("2030-03-15T00:00:00Z"))).toBe(1)
          expect(yield* outbox.get(old!.id)).toEqual(Option.none())
          expect(Option.isSome(yield* outbox.get(recent.id))).toBe(true)
          expect(Option.isSome(yield* outbox.get(kept!.id))).toBe(true)
          expect(yield* outbox.removeGivenUp(DateTime.unsafeMake("2030-03-15T00:00:00Z"))).toBe(0)
        }))
    })

    describe("services on this storage", () => {
      const openTrack = (composition?: Track.Composition) =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track(composition === undefined ? {} : { composition })
          yield* (yield* TrackRepository).insert(track)
          return track
        })
      const onlyFosterParents = (seats: number) =>
        new Track.Composition({
          groups: {
            FosterParent: new Track.Quota({ minimum: 0, maximum: seats }),
            FosterChild: new Track.Quota({ minimum: 0, maximum: 0 }),
            OwnChild: new Track.Quota({ minimum: 0, maximum: 0 }),
            Parent: new Track.Quota({ minimum: 0, maximum: 0 }),
            CareWorker: new Track.Quota({ minimum: 0, maximum: 0 }),
            PolicyMaker: new Track.Quota({ minimum: 0, maximum: 0 })
          },
          maximum: seats
        })

      it.effect("concurrent registrations never oversell a group, and wait in arrival order", () =>
        Effect.gen(function*() {
          const registrations = yield* Registrations
          const track = yield* openTrack(onlyFosterParents(5))
          const outcomes = yield* Effect.forEach(
            Arr.range(1, 30),
            (i) => registrations.register(Fixtures.signUp(track.id, i)),
            { concurrency: "unbounded" }
          )
          expect(outcomes.every((o) => o._tag === "Accepted")).toBe(true)
          const stored = yield* (yield* RegistrationRepository).listByTrack(track.id)
          expect(stored.map((r) => r.sequence)).toEqual(Arr.range(1, 30))
          expect(stored.filter((r) => r.status._tag === "Confirmed").map((r) => r.sequence)).toEqual(Arr.range(1, 5))
          expect(stored.filter((r) => r.status._tag === "Waitlisted").map((r) => r.sequence)).toEqual(Arr.range(6, 30))
        }))

      it.effect("a withdrawal frees the seat for the first on the waitlist, with both messages in the outbox", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const registrations = yield* Registrations
          const outbox = yield* Outbox
          const track = yield* openTrack(onlyFosterParents(1))
          const first = yield* registrations.register(Fixtures.signUp(track.id, 1))
          yield* registrations.register(Fixtures.signUp(track.id, 2))
          yield* registrations.register(Fixtures.signUp(track.id, 3))
          const claimed = yield* outbox.claim({ now: never, limit: 10, lease: Duration.minutes(1) })
          expect(claimed.map((e) => e.event._tag)).toEqual(["RegistrationConfirmed", "RegistrationWaitlisted", "RegistrationWaitlisted"])
          const token = (claimed[0]!.event as RegistrationConfirmed).token
          yield* Effect.forEach(claimed, (e) => outbox.complete(e.event.id))
          yield* registrations.withdraw(token)
          const after = yield* (yield* RegistrationRepository).listByTrack(track.id)
          expect(after.map((r) => r.status._tag)).toEqual(["Withdrawn", "Confirmed", "Waitlisted"])
          expect(first._tag === "Accepted" && first.registration.id).toBe(after[0]!.id)
          const messages = yield* outbox.claim({ now: never, limit: 10, lease: Duration.minutes(1) })
          expect(messages.map((e) => [e.event._tag, e.event.recipient.email])).toEqual([
            ["RegistrationWithdrawn", "deelnemer1@example.org"],
            ["RegistrationPromoted", "deelnemer2@example.org"]
          ])
        }))

      it.effect("the same withdrawal sent four times at once succeeds once and sends one message", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const registrations = yield* Registrations
          const outbox = yield* Outbox
          const track = yield* openTrack(onlyFosterParents(1))
          yield* registrations.register(Fixtures.signUp(track.id, 1))
          yield* registrations.register(Fixtures.signUp(track.id, 2))
          const [confirmation] = yield* outbox.claim({ now: never, limit: 10, lease: Duration.minutes(1) })
          yield* drainOutbox
          const token = (confirmation!.event as RegistrationConfirmed).token
          const results = yield* Effect.forEach(
            Arr.range(1, 4),
            () => Effect.either(registrations.withdraw(token)),
            { concurrency: "unbounded" }
          )
          expect(results.filter((r) => r._tag === "Right").length).toBe(1)
          expect(results.flatMap((r) => (r._tag === "Left" ? [r.left._tag] : []))).toEqual([
            "RegistrationStateConflict",
            "RegistrationStateConflict",
            "RegistrationStateConflict"
          ])
          const messages = yield* outbox.claim({ now: never, limit: 10, lease: Duration.minutes(1) })
          expect(messages.map((e) => e.event._tag)).toEqual(["RegistrationWithdrawn", "RegistrationPromoted"])
        }))

      it.effect("a refused, failed or repeated registration writes no registration", () =>
        Effect.gen(function*() {
          yield* drainOutbox
          const registrations = yield* Registrations
          const track = yield* openTrack()
          const refused = yield* registrations.register(
            Fixtures.signUp(track.id, 1, { group: "FosterChild", birthDate: "2018-01-01" })
          )
          expect(refused._tag).toBe("Refused")
          const invalid = yield* Effect.flip(registrations.register(Fixtures.signUp(track.id, 2, { email: "geen adres" })))
          expect(invalid._tag).toBe("InvalidInput")
          yield* registrations.register(Fixtures.signUp(track.id, 3))
          const duplicate = yield* registrations.register(Fixtures.signUp(track.id, 3, { name: "Iemand anders" }))
          expect(duplicate._tag).toBe("AlreadyRegistered")
          const stored = yield* (yield* RegistrationRepository).listByTrack(track.id)
          expect(stored.map((r) => [r.email, r.name])).toEqual([["deelnemer3@example.org", "Deelnemer 3"]])
          // the confirmation, and a notice to the address that it was already signed up
          const messages = yield* (yield* Outbox).claim({ now: never, limit: 10, lease: Duration.minutes(1) })
          expect(messages.map((e) => [e.event._tag, e.event.recipient.name])).toEqual([
            ["RegistrationConfirmed", "Deelnemer 3"],
            ["RegistrationRepeated", "Deelnemer 3"]
          ])
        }))

      it.effect("tracks made by the service read back through the repository", () =>
        Effect.gen(function*() {
          // the clock is shared by the tests of the suite: set it before session 1
          yield* TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake("2029-06-01T00:00:00Z")))
          const tracks = yield* Tracks
          const created = yield* tracks.createFromTemplate({
            template: "goede-gesprek",
            region: "JZ34",
            phase: "rollout",
            sessions: [
              { date: "2030-01-24", place: { name: "Oosterhout" } },
              { period: "eind maart 2030", place: { name: "Oosterhout" } },
              { period: "begin mei 2030", place: { name: "Oosterhout" } }
            ]
          })
          const opened = yield* tracks.changeStatus(created.id, { _tag: "Open" })
          expect(yield* tracks.get(created.id)).toEqual(opened)
          yield* TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake("2030-01-01T00:00:00Z")))
          const fixed = yield* tracks.reschedule(created.id, 2, { date: "2030-03-26", startTime: "16:00", endTime: "20:30" })
          expect(yield* tracks.get(created.id)).toEqual(fixed)
        }))
    })

    SurveyContract.tests(it)
    AgendaContract.tests(it)
    MatchingContract.tests(it)
  })
}
