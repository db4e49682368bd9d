import { describe, expect, it } from "@effect/vitest"
import { Entropy, Geography, MemoryStorage, Outbox, Registrations, Track, Tracks, TrackTemplate } from "@pleegzorg/core"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"

const services = Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerSeeded(7)),
  Layer.provideMerge(Geography.Geography.Default)
)

const place = { name: "Nijmegen", address: "Mariënburg 75" }

// The Rijk van Nijmegen pilot, with its real dates.
const pilot = {
  template: "goede-gesprek",
  region: "JZ32",
  phase: "pilot",
  sessions: [
    { date: "2022-11-17", place },
    { date: "2023-02-09", place },
    { date: "2023-03-23", place }
  ]
} as const

const westBrabantOost = {
  template: "goede-gesprek",
  region: "JZ34",
  phase: "pilot",
  sessions: [
    { date: "2023-01-24", place: { name: "Breda" } },
    { period: "eind maart 2023", place: { name: "Breda" } },
    { period: "begin mei 2023", place: { name: "Breda" } }
  ]
} as const

const at = (iso: string) => TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake(iso)))
const iso = (timing: Track.Timing) =>
  timing._tag === "Fixed" ? [DateTime.formatIso(timing.start), DateTime.formatIso(timing.end)] : timing.period.label.nl

describe("periods", () => {
  it("reads the periods an organiser writes", () => {
    const read = (text: string) => Either.map(Track.periodFromDutch(text), (p) => [p.from, p.to, p.label.en])
    expect(read("eind maart 2023")).toEqual(Either.right(["2023-03-21", "2023-03-31", "late March 2023"]))
    expect(read("begin mei 2023")).toEqual(Either.right(["2023-05-01", "2023-05-10", "early May 2023"]))
    expect(read("Half Februari 2024")).toEqual(Either.right(["2024-02-11", "2024-02-20", "mid February 2024"]))
    expect(read("eind februari 2024")).toEqual(Either.right(["2024-02-21", "2024-02-29", "late February 2024"]))
    expect(read("april 2023")).toEqual(Either.right(["2023-04-01", "2023-04-30", "April 2023"]))
    expect(Either.isLeft(read("ergens in het voorjaar"))).toBe(true)
  })
})

describe("Tracks", () => {
  it.effect("makes the pilot from the template at Amsterdam times", () =>
    Effect.gen(function*() {
      const track = yield* (yield* Tracks.Tracks).createFromTemplate(pilot)
      expect(track.status._tag).toBe("Draft")
      expect(track.sessions.map((s) => iso(s.timing))).toEqual([
        ["2022-11-17T15:00:00.000Z", "2022-11-17T17:30:00.000Z"],
        ["2023-02-09T15:00:00.000Z", "2023-02-09T19:30:00.000Z"],
        ["2023-03-23T15:00:00.000Z", "2023-03-23T19:30:00.000Z"]
      ])
      expect(Track.formatTiming(track.sessions[0].timing, "nl")).toBe("17 november 2022, 16:00–18:30")
    }).pipe(Effect.provide(services)))

  it.effect("opens a track with sessions 2 and 3 tentative, but will not run it", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const track = yield* tracks.createFromTemplate(westBrabantOost)
      expect(track.sessions.map((s) => iso(s.timing))).toEqual([
        ["2023-01-24T15:00:00.000Z", "2023-01-24T17:30:00.000Z"],
        "eind maart 2023",
        "begin mei 2023"
      ])
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      yield* tracks.changeStatus(track.id, { _tag: "RegistrationClosed" })
      const refused = yield* Effect.flip(tracks.changeStatus(track.id, { _tag: "Running" }))
      expect(refused._tag).toBe("InvalidTransition")
      expect(refused.message).toContain("bijeenkomst 2 en 3")
    }).pipe(Effect.provide(services)))

  it.effect("walks the lifecycle and refuses what does not follow", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const { id } = yield* tracks.createFromTemplate(pilot)
      const skip = yield* Effect.flip(tracks.changeStatus(id, { _tag: "Running" }))
      expect(skip._tag === "InvalidTransition" && [skip.from, skip.to]).toEqual(["Draft", "Running"])
      expect(skip.message).toBe(
        "Het traject is nu in voorbereiding. Daarom kan het niet starten. / The track is in preparation now, so it cannot start."
      )
      yield* tracks.changeStatus(id, { _tag: "Open" })
      yield* tracks.changeStatus(id, { _tag: "RegistrationClosed" })
      yield* tracks.changeStatus(id, { _tag: "Open" })
      yield* tracks.changeStatus(id, { _tag: "RegistrationClosed" })
      yield* tracks.changeStatus(id, { _tag: "Running" })
      yield* at("2023-03-23T18:00:00Z")
      const early = yield* Effect.flip(tracks.changeStatus(id, { _tag: "Completed" }))
      expect(early.message).toContain("bijeenkomst 3 is geweest")
      yield* at("2023-03-23T19:30:00Z")
      const done = yield* tracks.changeStatus(id, { _tag: "Completed" })
      expect(done.status._tag).toBe("Completed")
      const late = yield* Effect.flip(tracks.changeStatus(id, { _tag: "Cancelled", reason: "te laat" }))
      expect(late._tag).toBe("InvalidTransition")
    }).pipe(Effect.provide(services)))

  it.effect("cancels with a reason from any status before completed, only with one, and tells who signed up", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const { id } = yield* tracks.createFromTemplate(pilot)
      const noReason = yield* Effect.flip(tracks.changeStatus(id, { _tag: "Cancelled", reason: "  " }))
      expect(noReason._tag).toBe("InvalidInput")
      yield* tracks.changeStatus(id, { _tag: "Open" })
      const registrations = yield* Registrations.Registrations
      for (const i of [1, 2]) {
        yield* registrations.register({
          trackId: id,
          name: `Persoon ${i}`,
          email: `p${i}@example.org`,
          group: "FosterParent",
          municipality: "GM0268",
          availableForAllSessions: true
        })
      }
      const [, second] = yield* registrations.list(id)
      yield* registrations.withdrawByOrganiser(second!.id)
      const outbox = yield* Outbox.Outbox
      const lease = { now: DateTime.unsafeMake("2100-01-01T00:00:00Z"), limit: 10, lease: Duration.minutes(1) }
      yield* Effect.flatMap(outbox.claim(lease), Effect.forEach((e) => outbox.complete(e.event.id)))
      const cancelled = yield* tracks.changeStatus(id, { _tag: "Cancelled", reason: "Geen locatie" })
      expect(cancelled.status).toMatchObject({ _tag: "Cancelled", reason: "Geen locatie" })
      // told to the one still signed up, not to the one who withdrew
      expect((yield* outbox.claim(lease)).map((e) => [e.event._tag, e.event.recipient.email])).toEqual([
        ["TrackCancelled", "p1@example.org"]
      ])
      expect((yield* Effect.flip(tracks.changeStatus(id, { _tag: "Open" })))._tag).toBe("InvalidTransition")
    }).pipe(Effect.provide(services)))

  it.effect("refuses sessions out of order or overlapping, bad quotas and unknown regions", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const swapped = yield* Effect.flip(tracks.createFromTemplate({
        ...pilot,
        sessions: [pilot.sessions[1], pilot.sessions[0], pilot.sessions[2]]
      }))
      expect(swapped._tag).toBe("InvalidSchedule")
      const sameDay = yield* Effect.flip(tracks.createFromTemplate({
        ...pilot,
        sessions: [pilot.sessions[0], { date: "2022-11-17", startTime: "18:00", endTime: "19:00", place }, pilot.sessions[2]]
      }))
      expect(sameDay.message).toContain("Session 2 could start before session 1 has ended")
      const inPeriod = yield* Effect.flip(tracks.createFromTemplate({
        ...westBrabantOost,
        sessions: [westBrabantOost.sessions[0], westBrabantOost.sessions[1], { date: "2023-03-30", place }]
      }))
      expect(inPeriod._tag).toBe("InvalidSchedule")
      const quota = TrackTemplate.goedeGesprek.composition
      const badQuota = yield* Effect.flip(tracks.createFromTemplate({
        ...pilot,
        composition: { ...quota, groups: { ...quota.groups, FosterChild: { minimum: 5, maximum: 4 } } }
      }))
      expect(badQuota._tag === "InvalidComposition" && badQuota.problems[0].nl).toContain("pleegkinderen")
      const nowhere = yield* Effect.flip(tracks.createFromTemplate({ ...pilot, region: "JZ40" }))
      expect(nowhere._tag).toBe("RegionNotFound")
    }).pipe(Effect.provide(services)))

  it.effect("rolls out from an existing track: its times, composition and texts carry over", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const source = yield* tracks.create({
        region: "JZ32",
        phase: "pilot",
        title: { nl: "Praten over pleegzorg", en: "Talking about foster care" },
        introduction: { nl: "Welkom.", en: "Welcome." },
        composition: TrackTemplate.goedeGesprek.composition,
        sessions: [
          { date: "2030-09-01", startTime: "10:00", endTime: "12:00", place },
          { date: "2030-10-01", startTime: "10:00", endTime: "13:00", place },
          { date: "2030-11-01", startTime: "10:00", endTime: "13:00", place }
        ]
      })
      const copy = yield* tracks.createFromTemplate({
        template: { track: source.id },
        region: "JZ14",
        phase: "rollout",
        sessions: [{ date: "2031-02-01", place }, { date: "2031-03-01", place }, { period: "april 2031", place }]
      })
      expect(copy.title.nl).toBe("Praten over pleegzorg")
      expect(copy.region).toBe("JZ14")
      expect(Track.formatTiming(copy.sessions[1].timing, "en")).toBe("1 March 2031, 10:00–13:00")
      expect((yield* tracks.listByRegion("JZ14" as never)).map((t) => t.id)).toEqual([copy.id])
    }).pipe(Effect.provide(services)))

  it.effect("rescheduling tells every confirmed person and nobody else", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const registrations = yield* Registrations.Registrations
      const outbox = yield* Outbox.Outbox
      const track = yield* tracks.createFromTemplate({
        ...westBrabantOost,
        composition: {
          ...TrackTemplate.goedeGesprek.composition,
          groups: { ...TrackTemplate.goedeGesprek.composition.groups, PolicyMaker: { minimum: 0, maximum: 1 } }
        }
      })
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      for (const [i, group] of [[1, "PolicyMaker"], [2, "PolicyMaker"], [3, "CareWorker"]] as const) {
        yield* registrations.register({
          trackId: track.id,
          name: `Persoon ${i}`,
          email: `p${i}@example.org`,
          group,
          municipality: "GM0758",
          availableForAllSessions: true
        })
      }
      const before = yield* outbox.claim({ now: DateTime.unsafeMake("2100-01-01T00:00:00Z"), limit: 10, lease: Duration.minutes(1) })
      yield* Effect.forEach(before, (e) => outbox.complete(e.event.id))
      const fixed = yield* tracks.reschedule(track.id, 2, { date: "2023-03-28", startTime: "16:00", endTime: "20:30" })
      expect(Track.formatTiming(fixed.sessions[1].timing, "nl")).toBe("28 maart 2023, 16:00–20:30")
      const after = yield* outbox.claim({ now: DateTime.unsafeMake("2100-01-01T00:00:00Z"), limit: 10, lease: Duration.minutes(1) })
      expect(after.map((e) => [e.event._tag, e.event.recipient.email]).sort()).toEqual([
        ["SessionRescheduled", "p1@example.org"],
        ["SessionRescheduled", "p3@example.org"]
      ])
      const moveBack = yield* Effect.flip(
        tracks.reschedule(track.id, 3, { date: "2023-03-01", startTime: "16:00", endTime: "20:30" })
      )
      expect(moveBack._tag).toBe("InvalidSchedule")
      yield* at("2023-01-24T15:30:00Z")
      const started = yield* Effect.flip(
        tracks.reschedule(track.id, 1, { date: "2023-01-31", startTime: "16:00", endTime: "18:30" })
      )
      expect(started.message).toContain("al begonnen")
    }).pipe(Effect.provide(services)))

  it.effect("session 1 cannot move to an earlier day once young people have signed up", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const registrations = yield* Registrations.Registrations
      const track = yield* tracks.createFromTemplate(pilot)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      // later the same day, and a later day, are fine
      yield* tracks.reschedule(track.id, 1, { date: "2022-11-17", startTime: "17:00", endTime: "19:00" })
      yield* registrations.register({
        trackId: track.id,
        name: "Sem",
        email: "sem@example.org",
        group: "FosterChild",
        municipality: "GM0268",
        birthDate: "2006-11-18",
        availableForAllSessions: true
      })
      const earlier = yield* Effect.flip(
        tracks.reschedule(track.id, 1, { date: "2022-11-10", startTime: "16:00", endTime: "18:30" })
      )
      expect(earlier._tag === "InvalidSchedule" && earlier.problems[0].nl).toContain("jongeren")
      const later = yield* tracks.reschedule(track.id, 1, { date: "2022-11-24", startTime: "16:00", endTime: "18:30" })
      expect(Track.formatTiming(later.sessions[0].timing, "nl")).toBe("24 november 2022, 16:00–18:30")
    }).pipe(Effect.provide(services)))

  it.effect("queues one reminder per confirmed person a few days before each session", () =>
    Effect.gen(function*() {
      const tracks = yield* Tracks.Tracks
      const registrations = yield* Registrations.Registrations
      const outbox = yield* Outbox.Outbox
      const track = yield* tracks.createFromTemplate(pilot)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      for (const i of [1, 2]) {
        yield* registrations.register({
          trackId: track.id,
          name: `Persoon ${i}`,
          email: `p${i}@example.org`,
          group: "FosterParent",
          municipality: "GM0268",
          availableForAllSessions: true
        })
      }
      yield* at("2022-11-10T12:00:00Z")
      expect(yield* tracks.queueDueReminders()).toBe(0)
      yield* at("2022-11-14T16:00:00Z")
      expect(yield* tracks.queueDueReminders()).toBe(2)
      expect(yield* tracks.queueDueReminders()).toBe(0)
      const queued = yield* outbox.claim({ now: DateTime.unsafeMake("2100-01-01T00:00:00Z"), limit: 10, lease: Duration.minutes(1) })
      expect(queued.filter((e) => e.event._tag === "ReminderDue").map((e) => e.event.recipient.email).sort())
        .toEqual(["p1@example.org", "p2@example.org"])
    }).pipe(Effect.provide(services)))
})
