import { describe, expect, it } from "@effect/vitest"
import {
  Entropy,
  Geography,
  MemoryStorage,
  Outbox,
  Registration,
  Registrations,
  Seating,
  StakeholderGroup,
  Storage,
  Track,
  Tracks,
  TrackTemplate
} from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as TestContext from "effect/TestContext"

const services = Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerSeeded(11)),
  Layer.provideMerge(Geography.Geography.Default)
)

const place = { name: "Nijmegen" }
const quota = (minimum: number, maximum: number) => ({ minimum, maximum })
const template = TrackTemplate.goedeGesprek

const openTrack = (composition: Track.Composition | typeof template.composition = template.composition) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const track = yield* tracks.createFromTemplate({
      template: "goede-gesprek",
      region: "JZ32",
      phase: "pilot",
      composition,
      sessions: [{ date: "2022-11-17", place }, { date: "2023-02-09", place }, { date: "2023-03-23", place }]
    })
    return yield* tracks.changeStatus(track.id, { _tag: "Open" })
  })

const adult = (trackId: Track.TrackId, i: number, group = "FosterParent", extra: Record<string, unknown> = {}) => ({
  trackId,
  name: `Persoon ${i}`,
  email: `persoon${i}@example.org`,
  group,
  municipality: "GM0268",
  availableForAllSessions: true,
  ...extra
})

const child = (trackId: Track.TrackId, i: number, birthDate: string, extra: Record<string, unknown> = {}) =>
  adult(trackId, i, "FosterChild", { birthDate, ...extra })

const statuses = (trackId: Track.TrackId) =>
  Effect.map(
    Effect.flatMap(Storage.RegistrationRepository, (repo) => repo.listByTrack(trackId)),
    (all) => all.map((r) => `${r.name}:${r.status._tag}`)
  )

const drain = Effect.flatMap(Outbox.Outbox, (outbox) =>
  Effect.tap(
    outbox.claim({ now: DateTime.unsafeMake("2100-01-01T00:00:00Z"), limit: 1000, lease: Duration.minutes(1) }),
    (entries) => Effect.forEach(entries, (e) => outbox.complete(e.event.id))
  ))

const at = (iso: string) => TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake(iso)))

describe("Registrations", () => {
  it.effect("refuses a 13-year-old with the reason, and stores nothing", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      // 13 on 17 November 2022, turns 14 a day later
      const outcome = yield* registrations.register(child(track.id, 1, "2008-11-18"))
      expect(outcome._tag).toBe("Refused")
      if (outcome._tag !== "Refused") return
      expect(outcome.reasons.map((r) => r._tag)).toEqual(["BelowMinimumAge"])
      expect(Registration.explainRefusal(outcome.reasons[0], outcome.checkedFor).nl).toBe(
        "De eerste bijeenkomst is op 17 november 2022. Dan ben je 13 jaar. Je kunt meedoen als je 14 jaar of ouder bent."
      )
      expect(yield* statuses(track.id)).toEqual([])
      expect((yield* drain).length).toBe(0)
    }).pipe(Effect.provide(services)))

  it.effect("gives every reason at once: outside the region and not available for all sessions", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      const outcome = yield* registrations.register(
        adult(track.id, 1, "CareWorker", { municipality: "GM0758", availableForAllSessions: false })
      )
      expect(outcome._tag === "Refused" && outcome.reasons.map((r) => r._tag)).toEqual([
        "NotAvailableForAllSessions",
        "OutsideRegion"
      ])
    }).pipe(Effect.provide(services)))

  it.effect("an under-16 waits for consent without holding a seat; the recorded consent confirms", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      const outcome = yield* registrations.register(child(track.id, 1, "2007-06-01"))
      expect(outcome._tag === "Accepted" && outcome.registration.status._tag).toBe("AwaitingConsent")
      if (outcome._tag !== "Accepted") return
      expect((yield* drain).map((e) => e.event._tag)).toEqual(["ConsentRequested"])
      expect((yield* registrations.composition(track.id)).confirmed).toBe(0)
      yield* at("2022-10-05T10:00:00Z")
      const confirmed = yield* registrations.recordConsent(outcome.registration.id, {
        givenBy: "Marja Jansen",
        relationship: "guardian",
        givenOn: "2022-10-01"
      })
      expect(confirmed.status._tag).toBe("Confirmed")
      expect((yield* drain).map((e) => e.event._tag)).toEqual(["RegistrationPromoted"])
      const again = yield* Effect.flip(registrations.recordConsent(outcome.registration.id, {
        givenBy: "Marja Jansen",
        relationship: "guardian",
        givenOn: "2022-10-01"
      }))
      expect(again._tag).toBe("RegistrationStateConflict")
      const [details] = yield* registrations.list(track.id)
      expect(details?.consent._tag === "Some" && details.consent.value.givenBy).toBe("Marja Jansen")
    }).pipe(Effect.provide(services)))

  it.effect("consent dated in the future is refused, in the sign-up and when recorded", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      yield* at("2022-10-01T10:00:00Z")
      const early = yield* Effect.flip(registrations.register(child(track.id, 1, "2007-06-01", {
        consent: { givenBy: "Piet Jansen", relationship: "parent", givenOn: "2022-10-02" }
      })))
      expect(early._tag === "InvalidInput" && early.issues[0].path).toBe("consent.givenOn")
      expect(yield* statuses(track.id)).toEqual([])
      const outcome = yield* registrations.register(child(track.id, 1, "2007-06-01"))
      if (outcome._tag !== "Accepted") return expect.fail("not accepted")
      const later = yield* Effect.flip(registrations.recordConsent(outcome.registration.id, {
        givenBy: "Piet Jansen",
        relationship: "parent",
        givenOn: "2022-12-01"
      }))
      expect(later._tag).toBe("InvalidInput")
      expect(yield* statuses(track.id)).toEqual(["Persoon 1:AwaitingConsent"])
    }).pipe(Effect.provide(services)))

  it.effect("whoever gets consent while the group is full joins the end of its waitlist", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack({
        ...template.composition,
        groups: { ...template.composition.groups, FosterChild: quota(0, 1) }
      })
      const young = yield* registrations.register(child(track.id, 1, "2007-06-01"))
      yield* registrations.register(child(track.id, 2, "2005-06-01"))
      yield* registrations.register(child(track.id, 3, "2005-07-01"))
      if (young._tag !== "Accepted") return expect.fail("not accepted")
      const seated = yield* registrations.recordConsent(young.registration.id, {
        givenBy: "Piet Jansen",
        relationship: "parent",
        givenOn: "1970-01-01"
      })
      expect([seated.status._tag, seated.waitlistPosition]).toEqual(["Waitlisted", 2])
      const listed = yield* registrations.list(track.id)
      expect(listed.map((r) => [r.name, r.status._tag, r.waitlistPosition])).toEqual([
        ["Persoon 2", "Confirmed", undefined],
        ["Persoon 3", "Waitlisted", 1],
        ["Persoon 1", "Waitlisted", 2]
      ])
    }).pipe(Effect.provide(services)))

  it.effect("an under-16 with consent in the sign-up is confirmed at once; a 16-year-old needs none", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      yield* at("2022-10-05T10:00:00Z")
      const withConsent = yield* registrations.register(child(track.id, 1, "2007-06-01", {
        consent: { givenBy: "Piet Jansen", relationship: "parent", givenOn: "2022-10-02" }
      }))
      expect(withConsent._tag === "Accepted" && withConsent.registration.status._tag).toBe("Confirmed")
      const sixteen = yield* registrations.register(child(track.id, 2, "2006-11-17"))
      expect(sixteen._tag === "Accepted" && sixteen.registration.parentalConsentRequired).toBe(false)
    }).pipe(Effect.provide(services)))

  it.effect("waitlists per group, first come first served, and promotes the first of the same group", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack({
        ...template.composition,
        groups: { ...template.composition.groups, Parent: quota(1, 2) }
      })
      for (const i of [1, 2, 3, 4]) yield* registrations.register(adult(track.id, i, "Parent"))
      yield* registrations.register(adult(track.id, 5, "FosterParent"))
      expect(yield* statuses(track.id)).toEqual([
        "Persoon 1:Confirmed",
        "Persoon 2:Confirmed",
        "Persoon 3:Waitlisted",
        "Persoon 4:Waitlisted",
        "Persoon 5:Confirmed"
      ])
      const listed = yield* registrations.list(track.id)
      expect(listed.map((r) => r.waitlistPosition)).toEqual([undefined, undefined, 1, 2, undefined])
      const tokens = (yield* drain).flatMap((e) => ("token" in e.event && e.event.token ? [e.event.token] : []))
      yield* registrations.withdraw(tokens[1]!)
      expect(yield* statuses(track.id)).toEqual([
        "Persoon 1:Confirmed",
        "Persoon 2:Withdrawn",
        "Persoon 3:Confirmed",
        "Persoon 4:Waitlisted",
        "Persoon 5:Confirmed"
      ])
      expect((yield* drain).map((e) => [e.event._tag, e.event.recipient.name])).toEqual([
        ["RegistrationWithdrawn", "Persoon 2"],
        ["RegistrationPromoted", "Persoon 3"]
      ])
      const twice = yield* Effect.flip(registrations.withdraw(tokens[1]!))
      expect(twice._tag).toBe("RegistrationStateConflict")
    }).pipe(Effect.provide(services)))

  it.effect("when the track as a whole is full, a freed seat goes to the earliest waiting person with room", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack({
        groups: {
          FosterParent: quota(0, 2),
          FosterChild: quota(0, 0),
          OwnChild: quota(0, 0),
          Parent: quota(0, 2),
          CareWorker: quota(0, 2),
          PolicyMaker: quota(0, 0)
        },
        maximum: 2
      })
      const first = yield* registrations.register(adult(track.id, 1, "FosterParent"))
      yield* registrations.register(adult(track.id, 2, "CareWorker"))
      yield* registrations.register(adult(track.id, 3, "Parent"))
      yield* registrations.register(adult(track.id, 4, "CareWorker"))
      if (first._tag !== "Accepted") return expect.fail("not accepted")
      yield* registrations.withdrawByOrganiser(first.registration.id)
      expect(yield* statuses(track.id)).toEqual([
        "Persoon 1:Withdrawn",
        "Persoon 2:Confirmed",
        "Persoon 3:Confirmed",
        "Persoon 4:Waitlisted"
      ])
    }).pipe(Effect.provide(services)))

  it.effect("a second sign-up with the same email, in any case and spacing, stores nothing and tells the address", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      yield* registrations.register(adult(track.id, 1))
      yield* drain
      const again = yield* registrations.register(adult(track.id, 2, "CareWorker", { email: "  Persoon1@Example.org " }))
      // the caller learns nothing about the registration; its owner is told
      expect(again).toEqual(new Registration.AlreadyRegistered({ trackId: track.id }))
      expect(yield* statuses(track.id)).toEqual(["Persoon 1:Confirmed"])
      expect((yield* drain).map((e) => [e.event._tag, e.event.recipient.name, "status" in e.event && e.event.status]))
        .toEqual([["RegistrationRepeated", "Persoon 1", "Confirmed"]])
      // at most one such message a day, however often someone tries
      for (let i = 0; i < 3; i++) yield* registrations.register(adult(track.id, 3, "CareWorker", { email: "persoon1@example.org" }))
      expect((yield* drain).length).toBe(0)
      yield* TestClock.adjust("25 hours")
      yield* registrations.register(adult(track.id, 4, "CareWorker", { email: "persoon1@example.org" }))
      expect((yield* drain).map((e) => e.event._tag)).toEqual(["RegistrationRepeated"])
    }).pipe(Effect.provide(services)))

  it.effect("no new registrations in a draft track or once session 1 has started", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const tracks = yield* Tracks.Tracks
      const draft = yield* tracks.createFromTemplate({
        template: "goede-gesprek",
        region: "JZ32",
        phase: "pilot",
        sessions: [{ date: "2022-11-17", place }, { date: "2023-02-09", place }, { date: "2023-03-23", place }]
      })
      const notOpen = yield* Effect.flip(registrations.register(adult(draft.id, 1)))
      expect(notOpen._tag === "RegistrationNotOpen" && notOpen.firstSessionStarted).toBe(false)
      const track = yield* openTrack()
      yield* at("2022-11-17T15:00:00Z")
      const started = yield* Effect.flip(registrations.register(adult(track.id, 2)))
      expect(started._tag === "RegistrationNotOpen" && started.firstSessionStarted).toBe(true)
      expect(started.message).toContain("al begonnen")
    }).pipe(Effect.provide(services)))

  it.effect("a seat freed after session 1 has started is not given away", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack({
        ...template.composition,
        groups: { ...template.composition.groups, PolicyMaker: quota(0, 1) }
      })
      const first = yield* registrations.register(adult(track.id, 1, "PolicyMaker"))
      yield* registrations.register(adult(track.id, 2, "PolicyMaker"))
      yield* at("2022-11-17T16:00:00Z")
      if (first._tag !== "Accepted") return expect.fail("not accepted")
      yield* registrations.withdrawByOrganiser(first.registration.id)
      expect(yield* statuses(track.id)).toEqual(["Persoon 1:Withdrawn", "Persoon 2:Waitlisted"])
    }).pipe(Effect.provide(services)))

  it.effect("withdrawing with a malformed or unknown code is refused", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      expect((yield* Effect.flip(registrations.withdraw("kort")))._tag).toBe("InvalidInput")
      expect((yield* Effect.flip(registrations.withdraw("A".repeat(43))))._tag).toBe("RegistrationNotFound")
    }).pipe(Effect.provide(services)))

  it.effect("shows which minimums are not met", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack()
      for (const i of [1, 2, 3]) yield* registrations.register(adult(track.id, i, "FosterParent"))
      yield* registrations.register(adult(track.id, 4, "CareWorker"))
      const overview = yield* registrations.composition(track.id)
      expect(overview.unmetMinimums).toEqual(["FosterChild", "Parent", "CareWorker", "PolicyMaker"])
      expect(overview.groups.find((g) => g.group === "CareWorker")?.shortOfMinimum).toBe(1)
      expect(overview.confirmed).toBe(4)
    }).pipe(Effect.provide(services)))

  it.effect("records attendance per session once it has started, for confirmed people only", () =>
    Effect.gen(function*() {
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack({
        ...template.composition,
        groups: { ...template.composition.groups, PolicyMaker: quota(0, 1) }
      })
      const ids: Array<Registration.RegistrationId> = []
      for (const [i, group] of [[1, "FosterParent"], [2, "CareWorker"], [3, "PolicyMaker"], [4, "PolicyMaker"]] as const) {
        const outcome = yield* registrations.register(adult(track.id, i, group))
        if (outcome._tag === "Accepted") ids.push(outcome.registration.id)
      }
      const early = yield* Effect.flip(
        registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[0], present: true })
      )
      expect(early._tag === "AttendanceRefused" && early.problem.nl).toBe("Bijeenkomst 1 is nog niet begonnen.")
      yield* at("2022-11-17T15:05:00Z")
      yield* registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[0], present: true })
      yield* registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[1], present: false })
      yield* registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[1], present: true })
      const waiting = yield* Effect.flip(
        registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[3], present: true })
      )
      expect(waiting._tag).toBe("AttendanceRefused")
      const overview = yield* registrations.attendanceOverview(track.id)
      const first = overview.sessions[0]
      expect(first.present).toBe(2)
      expect(first.groups.find((g) => g.group === "PolicyMaker")).toMatchObject({ confirmed: 1, present: 0, notRecorded: 1 })
      expect(first.groups.find((g) => g.group === "CareWorker")).toMatchObject({ confirmed: 1, present: 1, absent: 0 })
      expect(overview.sessions[1].present).toBe(0)
      // withdrawing later does not erase having been there
      yield* registrations.withdrawByOrganiser(ids[1]!)
      const after = yield* registrations.attendanceOverview(track.id)
      expect(after.sessions[0].groups.find((g) => g.group === "CareWorker")).toMatchObject({ confirmed: 1, present: 1 })
      expect(after.sessions[1].groups.find((g) => g.group === "CareWorker")).toMatchObject({ confirmed: 0 })
      yield* registrations.recordAttendance({ trackId: track.id, session: 1, registrationId: ids[1], present: false })
      expect((yield* registrations.attendanceOverview(track.id)).sessions[0].present).toBe(1)
    }).pipe(Effect.provide(services)))
})

// -----------------------------------------------------------------------------
// invariant: capacity is never exceeded, and nobody waits while their group has room
// -----------------------------------------------------------------------------

const Op = Schema.Union(
  Schema.TaggedStruct("Register", { group: Schema.Literal("FosterParent", "Parent", "CareWorker", "PolicyMaker") }),
  // a foster child: 14 (needs consent) or 17
  Schema.TaggedStruct("RegisterChild", { young: Schema.Boolean }),
  Schema.TaggedStruct("Withdraw", { pick: Schema.Int.pipe(Schema.between(0, 40)) }),
  Schema.TaggedStruct("Consent", { pick: Schema.Int.pipe(Schema.between(0, 40)) })
)
const Ops = Schema.Array(Op).pipe(Schema.maxItems(40))
const Quotas = Schema.Struct({
  FosterParent: Schema.Int.pipe(Schema.between(0, 4)),
  FosterChild: Schema.Int.pipe(Schema.between(0, 4)),
  Parent: Schema.Int.pipe(Schema.between(0, 4)),
  CareWorker: Schema.Int.pipe(Schema.between(0, 4)),
  PolicyMaker: Schema.Int.pipe(Schema.between(0, 4)),
  maximum: Schema.Int.pipe(Schema.between(1, 10))
})

describe("seating invariant", () => {
  it("holds for any sequence of sign-ups and withdrawals", async () => {
    await FastCheck.assert(
      FastCheck.asyncProperty(Arbitrary.make(Quotas), Arbitrary.make(Ops), async (quotas, ops) => {
        const program = Effect.gen(function*() {
          const registrations = yield* Registrations.Registrations
          const track = yield* openTrack({
            groups: {
              FosterParent: quota(0, quotas.FosterParent),
              FosterChild: quota(0, quotas.FosterChild),
              OwnChild: quota(0, 0),
              Parent: quota(0, quotas.Parent),
              CareWorker: quota(0, quotas.CareWorker),
              PolicyMaker: quota(0, quotas.PolicyMaker)
            },
            maximum: quotas.maximum
          })
          const ids: Array<Registration.RegistrationId> = []
          let n = 0
          for (const op of ops) {
            if (op._tag === "Register" || op._tag === "RegisterChild") {
              const outcome = yield* registrations.register(
                op._tag === "Register"
                  ? adult(track.id, ++n, op.group)
                  : child(track.id, ++n, op.young ? "2008-01-01" : "2005-01-01")
              )
              if (outcome._tag === "Accepted") ids.push(outcome.registration.id)
            } else if (ids.length > 0 && op._tag === "Withdraw") {
              yield* Effect.ignore(registrations.withdrawByOrganiser(ids[op.pick % ids.length]!))
            } else if (ids.length > 0) {
              yield* Effect.ignore(registrations.recordConsent(ids[op.pick % ids.length]!, {
                givenBy: "Ouder",
                relationship: "parent",
                givenOn: "1970-01-01"
              }))
            }
            const all = yield* Effect.flatMap(Storage.RegistrationRepository, (repo) => repo.listByTrack(track.id))
            const confirmed = all.filter((r) => r.status._tag === "Confirmed")
            expect(confirmed.length).toBeLessThanOrEqual(quotas.maximum)
            for (const { group } of StakeholderGroup.all) {
              expect(confirmed.filter((r) => r.group === group).length)
                .toBeLessThanOrEqual(track.composition.groups[group].maximum)
            }
            for (const waiting of all.filter((r) => r.status._tag === "Waitlisted")) {
              expect(Seating.hasRoom(track, all, waiting.group)).toBe(false)
              // first come, first served: nobody who came later in the same group has a seat
              expect(confirmed.some((r) => r.group === waiting.group && r.sequence > waiting.sequence)).toBe(false)
            }
          }
        })
        // TestContext: the clock starts in 1970, well before the sessions of 2022
        await Effect.runPromise(program.pipe(Effect.provide(services), Effect.provide(TestContext.TestContext)))
      }),
      { numRuns: 60 }
    )
  })
})
