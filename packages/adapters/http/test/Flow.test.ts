/**
 * The life of a track over HTTP, and how every core error comes out.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  birthDateFor,
  call,
  createTrack,
  dayFromNow,
  firstDay,
  fosterChild,
  fosterParent,
  fromTemplate,
  openTrack,
  organiser,
  place,
  registered,
  stored,
  TestServer,
  TestTime
} from "./fixtures.js"

describe("a track from template to attendance", () => {
  it.live("create, open, register, refuse, list, withdraw, reschedule, attendance", () =>
    Effect.gen(function*() {
      // The organiser creates a draft from the template and opens it.
      const created = yield* organiser("POST", "/tracks/from-template", { body: fromTemplate })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ region: "JZ32", status: { _tag: "Draft" }, version: 1 })
      expect(created.body.sessions[0].timing.start).toMatch(new RegExp(`^${firstDay}T1[45]:00:00`))
      const trackId: string = created.body.id
      const opened = yield* organiser("POST", `/tracks/${trackId}/status`, { body: { _tag: "Open" } })
      expect(opened.status).toBe(200)
      expect(opened.body.status._tag).toBe("Open")
      const shown = yield* call("GET", `/tracks/${trackId}`)
      expect(shown.body).toMatchObject({ status: "Open", registrationOpen: true })

      // The public registers: received; the outcome goes by mail.
      const first = yield* call("POST", `/tracks/${trackId}/registrations`, { body: fosterParent() })
      expect(first.status).toBe(202)
      expect(first.body).toMatchObject({ _tag: "SignUpReceived", trackId })
      expect(first.body.text.nl).toContain("Je krijgt zo een mail")

      // The same address again, however it is typed: the very same answer, so
      // that nobody learns with someone else's address whether they take part.
      const duplicate = yield* call("POST", `/tracks/${trackId}/registrations`, {
        body: { ...fosterParent(" ANNA@Example.nl "), name: "Anna" }
      })
      expect([duplicate.status, duplicate.body]).toEqual([first.status, first.body])
      // A form that would be refused is refused the same way for an address that is signed up
      // and for one that is not: the refusal does not give the registration away either.
      const probe = (email: string) =>
        call("POST", `/tracks/${trackId}/registrations`, { body: { ...fosterParent(email), availableForAllSessions: false } })
      const known = yield* probe("anna@example.nl")
      const stranger = yield* probe("nobody@example.nl")
      expect(known.status).toBe(422)
      expect([known.status, known.body]).toEqual([stranger.status, stranger.body])

      // A 13-year-old foster child: 422 with the reason and its explanation.
      const young = yield* call("POST", `/tracks/${trackId}/registrations`, { body: fosterChild(13) })
      expect(young.status).toBe(422)
      expect(young.body).toMatchObject({ _tag: "RegistrationRefused", code: "RegistrationRefused", checkedFor: firstDay })
      expect(young.body.reasons).toHaveLength(1)
      expect(young.body.reasons[0].reason).toEqual({
        _tag: "BelowMinimumAge",
        group: "FosterChild",
        minimumAge: 14,
        age: 13
      })
      expect(young.body.reasons[0].explanation.nl).toContain("Dan ben je 13 jaar")
      expect(young.body.reasons[0].explanation.en).toContain("You will be 13 then")
      expect(young.text).not.toContain(birthDateFor(13))

      // The organiser sees one registration, with the person's details, and the composition.
      const list = yield* organiser("GET", `/tracks/${trackId}/registrations`)
      expect(list.status).toBe(200)
      expect(list.body).toHaveLength(1)
      expect(list.body[0]).toMatchObject({
        sequence: 1,
        name: "Anna de Vries",
        email: "anna@example.nl",
        status: { _tag: "Confirmed" }
      })
      expect(list.text).not.toContain("tokenHash")
      const composition = yield* organiser("GET", `/tracks/${trackId}/composition`)
      expect(composition.status).toBe(200)
      expect(composition.body).toMatchObject({ trackId, confirmed: 1, maximum: 24 })
      expect(composition.body.groups.find((g: any) => g.group === "FosterParent")).toMatchObject({
        confirmed: 1,
        minimum: 3,
        shortOfMinimum: 2
      })
      expect(composition.body.unmetMinimums).toContain("FosterParent")

      // Withdrawing with a token that is not one: 404 when well formed, 400 when not.
      const unknown = yield* call("POST", "/withdrawals", { body: { token: "A".repeat(43) } })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toMatchObject({ _tag: "NotFound", code: "RegistrationNotFound" })
      const malformed = yield* call("POST", "/withdrawals", { body: { token: "not-a-token" } })
      expect(malformed.status).toBe(400)
      expect(malformed.body.issues).toHaveLength(1)
      expect(malformed.body.issues[0].path).toBe("token")
      expect(malformed.body.issues[0].text.nl).toContain("bevestigingsmail")
      expect(malformed.body.issues[0].text.en).toContain("confirmation mail")

      // Rescheduling session 2: 200 with the new time.
      const newDay = dayFromNow(381)
      const moved = yield* organiser("PUT", `/tracks/${trackId}/sessions/2`, {
        body: { date: newDay, startTime: "17:00", endTime: "21:00", place: { name: "Stadhuis" } }
      })
      expect(moved.status).toBe(200)
      expect(moved.body.sessions[1].timing.start).toMatch(new RegExp(`^${newDay}T1[56]:00:00`))
      expect(moved.body.sessions[1].place.name).toBe("Stadhuis")
      expect(moved.body.version).toBe(3)

      // Attendance before session 1 has started: 409.
      const early = yield* organiser(
        "PUT",
        `/tracks/${trackId}/sessions/1/attendance/${list.body[0].id}`,
        { body: { present: true } }
      )
      expect(early.status).toBe(409)
      expect(early.body).toMatchObject({ _tag: "Conflict", code: "AttendanceRefused" })
      expect(early.body.text.en).toContain("has not started")

      // Nothing of the refused requests was stored.
      const after = yield* stored
      expect(after.registrations[trackId]).toEqual([`${list.body[0].id}:Confirmed`])
    }).pipe(Effect.provide(TestServer)))

  it.live("under-16s wait for consent; the organiser records it and they get a seat", () =>
    Effect.gen(function*() {
      const trackId = yield* openTrack
      const minor = yield* registered(trackId, fosterChild(15))
      expect(minor.status._tag).toBe("AwaitingConsent")
      const consent = { givenBy: "Mieke de Vries", relationship: "guardian", givenOn: dayFromNow(0) }
      const recorded = yield* organiser("POST", `/registrations/${minor.id}/consent`, { body: consent })
      expect(recorded.status).toBe(200)
      expect(recorded.body.status._tag).toBe("Confirmed")
      const again = yield* organiser("POST", `/registrations/${minor.id}/consent`, { body: consent })
      expect(again.status).toBe(409)
      expect(again.body.code).toBe("RegistrationStateConflict")
      const withdrawn = yield* organiser("POST", `/registrations/${minor.id}/withdrawal`)
      expect(withdrawn.status).toBe(200)
      expect(withdrawn.body.status).toMatchObject({ _tag: "Withdrawn", by: "organiser" })
      const twice = yield* organiser("POST", `/registrations/${minor.id}/withdrawal`)
      expect(twice.status).toBe(409)
      const missing = yield* organiser("POST", `/registrations/reg_${"0".repeat(20)}/withdrawal`)
      expect(missing.status).toBe(404)
      expect(missing.body.code).toBe("RegistrationNotFound")
    }).pipe(Effect.provide(TestServer)))

  it.live("once session 1 has started: no more registrations, attendance is kept", () =>
    Effect.gen(function*() {
      const trackId = yield* openTrack
      const person = yield* registered(trackId, fosterParent())
      const time = yield* TestTime
      yield* time.travel("366 days")
      const late = yield* call("POST", `/tracks/${trackId}/registrations`, { body: fosterParent("late@example.nl") })
      expect(late.status).toBe(409)
      expect(late.body.code).toBe("RegistrationNotOpen")
      const shown = yield* call("GET", `/tracks/${trackId}`)
      expect(shown.body.registrationOpen).toBe(false)
      const marked = yield* organiser("PUT", `/tracks/${trackId}/sessions/1/attendance/${person.id}`, {
        body: { present: true }
      })
      expect(marked.status).toBe(200)
      expect(marked.body).toMatchObject({ trackId, registrationId: person.id, session: 1, present: true })
      const overview = yield* organiser("GET", `/tracks/${trackId}/attendance`)
      expect(overview.status).toBe(200)
      expect(overview.body.sessions[0].present).toBe(1)
      expect(overview.body.sessions[1].present).toBe(0)
      const other = yield* organiser("PUT", `/tracks/${trackId}/sessions/1/attendance/reg_${"1".repeat(20)}`, {
        body: { present: true }
      })
      expect(other.status).toBe(404)
    }).pipe(Effect.provide(TestServer)))
})

describe("core errors as HTTP", () => {
  it.live("someone outside the region who is also too young gets every reason (422)", () =>
    Effect.gen(function*() {
      const trackId = yield* openTrack
      const reply = yield* call("POST", `/tracks/${trackId}/registrations`, {
        body: { ...fosterChild(12), municipality: "GM0363", availableForAllSessions: false }
      })
      expect(reply.status).toBe(422)
      expect(reply.body.reasons.map((r: any) => r.reason._tag)).toEqual([
        "NotAvailableForAllSessions",
        "OutsideRegion",
        "BelowMinimumAge"
      ])
      for (const r of reply.body.reasons) {
        expect(r.explanation.nl.length).toBeGreaterThan(10)
        expect(r.explanation.en.length).toBeGreaterThan(10)
      }
      expect(reply.body.reasons[1].explanation.nl).toContain("Amsterdam")
      expect((yield* stored).registrations[trackId]).toEqual([])
    }).pipe(Effect.provide(TestServer)))

  it.live("registering for a draft or an unknown track", () =>
    Effect.gen(function*() {
      const draft = yield* organiser("POST", "/tracks", { body: createTrack })
      expect(draft.status).toBe(201)
      // A draft is not public: registering for it answers exactly as for a track that does not exist.
      const closed = yield* call("POST", `/tracks/${draft.body.id}/registrations`, { body: fosterParent() })
      const unknown = yield* call("POST", `/tracks/trk_${"0".repeat(20)}/registrations`, { body: fosterParent() })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toMatchObject({ code: "TrackNotFound", text: { en: "This track does not exist." } })
      expect([closed.status, closed.body]).toEqual([unknown.status, unknown.body])
      const municipality = yield* call("POST", `/tracks/${draft.body.id}/registrations`, {
        body: { ...fosterParent(), municipality: "GM9999" }
      })
      // Registration is not open, which is checked first.
      expect(municipality.status).toBe(404)
      // A closed track that the public can see says so.
      const open = yield* organiser("POST", `/tracks/${draft.body.id}/status`, { body: { _tag: "Open" } })
      expect(open.status).toBe(200)
      yield* organiser("POST", `/tracks/${draft.body.id}/status`, { body: { _tag: "RegistrationClosed" } })
      const notOpen = yield* call("POST", `/tracks/${draft.body.id}/registrations`, { body: fosterParent() })
      expect([notOpen.status, notOpen.body.code]).toEqual([409, "RegistrationNotOpen"])
    }).pipe(Effect.provide(TestServer)))

  it.live("a status change the lifecycle does not allow is 409", () =>
    Effect.gen(function*() {
      const draft = yield* organiser("POST", "/tracks/from-template", { body: fromTemplate })
      const reply = yield* organiser("POST", `/tracks/${draft.body.id}/status`, { body: { _tag: "Completed" } })
      expect(reply.status).toBe(409)
      expect(reply.body).toMatchObject({ _tag: "Conflict", code: "InvalidTransition" })
      expect(reply.body.text.nl).toContain("Daarom kan het niet")
      const cancelled = yield* organiser("POST", `/tracks/${draft.body.id}/status`, {
        body: { _tag: "Cancelled", reason: "Te weinig aanmeldingen" }
      })
      expect(cancelled.status).toBe(200)
      const reschedule = yield* organiser("PUT", `/tracks/${draft.body.id}/sessions/1`, {
        body: { date: dayFromNow(366) }
      })
      expect(reschedule.status).toBe(400)
      const moved = yield* organiser("PUT", `/tracks/${draft.body.id}/sessions/1`, {
        body: { date: dayFromNow(366), startTime: "16:00", endTime: "18:00" }
      })
      expect(moved.status).toBe(409)
      expect(moved.body.code).toBe("InvalidTransition")
    }).pipe(Effect.provide(TestServer)))

  it.live("sessions out of order and an impossible composition are 422 with every problem", () =>
    Effect.gen(function*() {
      const before = yield* stored
      const schedule = yield* organiser("POST", "/tracks", {
        body: {
          ...createTrack,
          sessions: [
            { date: dayFromNow(380), startTime: "16:00", endTime: "18:30", place },
            { date: dayFromNow(370), startTime: "16:00", endTime: "18:30", place },
            { period: "eind maart 2099", place }
          ]
        }
      })
      expect(schedule.status).toBe(422)
      expect(schedule.body).toMatchObject({ _tag: "Unprocessable", code: "InvalidSchedule" })
      expect(schedule.body.problems.length).toBeGreaterThan(0)
      expect(schedule.body.problems[0].en).toContain("Session 2")
      const composition = yield* organiser("POST", "/tracks", {
        body: {
          ...createTrack,
          composition: { ...createTrack.composition, groups: { ...createTrack.composition.groups, Parent: { minimum: 5, maximum: 2 } } }
        }
      })
      expect(composition.status).toBe(422)
      expect(composition.body.code).toBe("InvalidComposition")
      const region = yield* organiser("POST", "/tracks", { body: { ...createTrack, region: "JZ40" } })
      expect(region.status).toBe(404)
      expect(region.body.code).toBe("RegionNotFound")
      const template = yield* organiser("POST", "/tracks/from-template", {
        body: { ...fromTemplate, template: { track: `trk_${"9".repeat(20)}` } }
      })
      expect(template.status).toBe(404)
      expect(template.body.code).toBe("TrackNotFound")
      expect(yield* stored).toEqual(before)
    }).pipe(Effect.provide(TestServer)))

  it.live("a track made from another track carries its times over", () =>
    Effect.gen(function*() {
      const source = yield* organiser("POST", "/tracks", { body: createTrack })
      const copy = yield* organiser("POST", "/tracks/from-template", {
        body: { ...fromTemplate, region: "JZ34", template: { track: source.body.id } }
      })
      expect(copy.status).toBe(201)
      expect(copy.body.region).toBe("JZ34")
      expect(copy.body.composition.groups.FosterParent).toEqual({ minimum: 1, maximum: 8 })
    }).pipe(Effect.provide(TestServer)))
})
