/**
 * Mentor matching over HTTP: the organiser enters prospective foster
 * parents and mentors, runs the matching; the mentor answers with the code
 * from the proposal mail, either side ends with the code from the
 * introduction mail; and how the core errors come out.
 */
import type * as HttpMethod from "@effect/platform/HttpMethod"
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type DomainEvent, MatchingStorage, MentorMatch, MentorProfile, Outbox } from "@pleegzorg/core"
import { Api } from "@pleegzorg/http"
import { createHash } from "node:crypto"
import {
  call,
  type CallOptions,
  organiser,
  type Reply,
  refusesWithoutTheRightToken,
  TestServer
} from "./fixtures.js"
import { expectSelfContainedPage, scriptOf } from "./page.js"

// -----------------------------------------------------------------------------
// data
// -----------------------------------------------------------------------------

const contact = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.org`,
  language: "nl"
})

const prospect = (name: string, municipality: string, more: Record<string, unknown> = {}) => ({
  municipality,
  kinds: ["LongTerm"],
  family: "CoupleWithChildren",
  languages: ["nl"],
  availability: ["Evenings"],
  questions: `Vraag van ${name}: hoe gaat het met de eigen kinderen?`,
  contact: contact(name),
  ...more
})

const mentor = (name: string, municipality: string, capacity: number, more: Record<string, unknown> = {}) => ({
  municipality,
  experience: [{ kind: "LongTerm", years: 8 }],
  family: "CoupleWithChildren",
  languages: ["nl"],
  availability: ["Evenings"],
  capacity,
  contact: contact(name),
  ...more
})

// Around Nijmegen: four prospects, two mentors with three places between them.
const PROSPECTS = [
  prospect("Sanne Bakker", "GM0268"), // Nijmegen
  prospect("Ali Yilmaz", "GM0252"), // Heumen
  prospect("Eva de Wit", "GM0209"), // Beuningen
  prospect("Tom Peters", "GM0296") // Wijchen
]
const JOKE = mentor("Joke Hendriks", "GM0268", 2) // Nijmegen
const KARIN = mentor("Karin Smit", "GM0202", 1) // Arnhem

/** Everything personal in the profiles: none of it may reach a mentor before they accept. */
const PERSONAL = /Sanne|Ali|Eva|Tom|Joke|Karin|example\.org|Vraag van|GM0\d{3}/

const unknownProspect = `asp_${"0".repeat(20)}`
const unknownMentor = `mnt_${"0".repeat(20)}`
const unknownMatch = `mch_${"0".repeat(20)}`
const wellFormedCode = "A".repeat(43)

// -----------------------------------------------------------------------------
// helpers
// -----------------------------------------------------------------------------

/** Every key of a JSON value, at any depth. */
const keysOf = (value: unknown): Array<string> =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : typeof value === "object" && value !== null
    ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
    : []

/** A reply that is a JSON error with `status`, `_tag` and `code`, in Dutch and English. */
const expectError = (reply: Reply, status: number, tag: string, code: string) => {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers["content-type"]).toContain("application/json")
  expect(reply.body).toMatchObject({ _tag: tag, code })
  expect(reply.body.text.nl.length).toBeGreaterThan(5)
  expect(reply.body.text.en.length).toBeGreaterThan(5)
  expect(reply.body.text.nl).not.toBe(reply.body.text.en)
  expect(reply.body.message).toBe(`${reply.body.text.nl} / ${reply.body.text.en}`)
}

const expectOk = (reply: Reply, status = 200) => {
  expect(reply.status, reply.text).toBe(status)
  return reply.body
}

/** The mentoring mails that went out since the last look, taken out of the outbox. */
const mentoringMail = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({
    now: DateTime.unsafeMake(Date.now() + 1000 * 24 * 60 * 60 * 1000),
    limit: 10_000,
    lease: Duration.seconds(1)
  })
  yield* Effect.forEach(entries, (entry) => outbox.complete(entry.event.id))
  return entries.map((entry) => entry.event).filter((
    event
  ): event is DomainEvent.MentorProposed | DomainEvent.MatchIntroduced | DomainEvent.MatchEnded =>
    event._tag === "MentorProposed" || event._tag === "MatchIntroduced" || event._tag === "MatchEnded"
  )
})

const proposalsIn = (mail: ReadonlyArray<DomainEvent.DomainEvent>) =>
  mail.filter((e): e is DomainEvent.MentorProposed => e._tag === "MentorProposed")
const introductionsIn = (mail: ReadonlyArray<DomainEvent.DomainEvent>) =>
  mail.filter((e): e is DomainEvent.MatchIntroduced => e._tag === "MatchIntroduced")

/** Every profile, match and run as stored (read past the API), to check that a refused request wrote nothing. */
const storedMentoring = Effect.gen(function*() {
  const prospects = yield* (yield* MatchingStorage.ProspectRepository).list()
  const mentors = yield* (yield* MatchingStorage.MentorRepository).list()
  const matches = yield* (yield* MatchingStorage.MatchRepository).list()
  const runs = yield* (yield* MatchingStorage.MatchingRunRepository).list(1000)
  return {
    prospects: prospects.map((p) => Schema.encodeSync(MentorProfile.Prospect)(p)),
    mentors: mentors.map((m) => Schema.encodeSync(MentorProfile.Mentor)(m)),
    matches: matches.map((m) => Schema.encodeSync(MentorMatch.Match)(m)),
    runs: runs.map((r) => Schema.encodeSync(MentorMatch.Run)(r))
  }
})

/** Runs `attempt` and checks that it stored nothing and mailed no one. */
const writesNothing = <A, E, R>(attempt: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    yield* mentoringMail
    const before = yield* storedMentoring
    const result = yield* attempt
    expect(yield* storedMentoring).toEqual(before)
    expect(yield* mentoringMail).toEqual([])
    return result
  })

/** Four prospects and two mentors around Nijmegen, entered by the organiser. */
const pilot = Effect.gen(function*() {
  const prospects: Array<string> = []
  for (const body of PROSPECTS) prospects.push(expectOk(yield* organiser("POST", "/mentoring/prospects", { body }), 201).id)
  const joke: string = expectOk(yield* organiser("POST", "/mentoring/mentors", { body: JOKE }), 201).id
  const karin: string = expectOk(yield* organiser("POST", "/mentoring/mentors", { body: KARIN }), 201).id
  return { prospects, joke, karin }
})

/** The pilot, a run, and the first proposal accepted by its mentor. */
const activeMatch = Effect.gen(function*() {
  const s = yield* pilot
  expectOk(yield* organiser("POST", "/mentoring/runs", { body: {} }))
  const [first] = proposalsIn(yield* mentoringMail)
  expectOk(yield* call("POST", `/mentoring/matches/${first!.matchId}/accept`, { body: { code: first!.token } }))
  yield* mentoringMail
  return { ...s, matchId: first!.matchId as string }
})

// -----------------------------------------------------------------------------
// the contract
// -----------------------------------------------------------------------------

describe("the match contract", () => {
  it("drops the hashes of the codes even if they were handed to it", () => {
    const match = Schema.decodeUnknownSync(MentorMatch.Match)({
      id: `mch_${"a".repeat(20)}`,
      prospectId: `asp_${"a".repeat(20)}`,
      mentorId: `mnt_${"a".repeat(20)}`,
      score: 0.9,
      km: 4.4,
      explanation: { nl: "afstand 4,4 km", en: "distance 4.4 km" },
      weights: {
        version: "standaard-2026-11",
        distance: { _tag: "Weight", weight: 0.35 },
        kinds: { _tag: "Weight", weight: 0.25 },
        family: { _tag: "Weight", weight: 0.15 },
        language: { _tag: "Weight", weight: 0.15 },
        availability: { _tag: "Weight", weight: 0.1 },
        decayKm: 25,
        reachKm: 50,
        candidates: 50
      },
      runId: null,
      status: { _tag: "Active", since: "2026-11-22T10:00:00.000Z" },
      mentorTokenHash: "1234abcd".repeat(8),
      prospectTokenHash: "9876fedc".repeat(8),
      version: 2
    })
    const shown = Schema.encodeSync(Api.Match)(match)
    expect(keysOf(shown).filter((key) => /hash/i.test(key))).toEqual([])
    expect(JSON.stringify(shown)).not.toMatch(/1234abcd|9876fedc/)
    expect(shown.status).toEqual({ _tag: "Active", since: "2026-11-22T10:00:00.000Z" })
  })
})

// -----------------------------------------------------------------------------
// the whole flow
// -----------------------------------------------------------------------------

describe("mentor matching from profiles to the end of a match", () => {
  it.live("profiles, suggestions, a run, view, accept, decline and re-proposal, end with feedback, report, erasure", () =>
    Effect.gen(function*() {
      // Every JSON answer of the flow is kept, to check that no code or hash of one ever leaves.
      const replies: Array<Reply> = []
      const keep = (reply: Reply) => {
        replies.push(reply)
        return reply
      }
      const asOrganiser = (method: HttpMethod.HttpMethod, path: string, options?: CallOptions) =>
        Effect.map(organiser(method, path, options), keep)
      const asPublic = (method: HttpMethod.HttpMethod, path: string, options?: CallOptions) =>
        Effect.map(call(method, path, options), keep)
      const codes: Array<string> = []

      // The organiser enters four prospects and two mentors, with their consent.
      const ids: Array<string> = []
      for (const body of PROSPECTS) {
        const created = expectOk(yield* asOrganiser("POST", "/mentoring/prospects", { body }), 201)
        expect(created).toMatchObject({ ...body, version: 1 })
        expect(created.id).toMatch(/^asp_[0-9a-z]{20}$/)
        ids.push(created.id)
      }
      const joke = expectOk(yield* asOrganiser("POST", "/mentoring/mentors", { body: JOKE }), 201)
      expect(joke).toMatchObject({ ...JOKE, active: true, version: 1 })
      const karin = expectOk(yield* asOrganiser("POST", "/mentoring/mentors", { body: KARIN }), 201)
      expect(expectOk(yield* asOrganiser("GET", `/mentoring/prospects/${ids[0]}`))).toMatchObject({ id: ids[0], ...PROSPECTS[0] })
      expect(expectOk(yield* asOrganiser("GET", `/mentoring/mentors/${karin.id}`))).toMatchObject({ id: karin.id, capacity: 1 })
      const patched = expectOk(yield* asOrganiser("PATCH", `/mentoring/prospects/${ids[3]}`, {
        body: { availability: ["Evenings", "Weekends"] }
      }))
      expect([patched.availability, patched.version, patched.municipality]).toEqual([["Evenings", "Weekends"], 2, "GM0296"])

      // Suggestions for Sanne in Nijmegen: Joke in Nijmegen first, Karin in Arnhem next, each explained.
      const suggested = expectOk(yield* asOrganiser("GET", `/mentoring/prospects/${ids[0]}/suggestions`))
      expect(suggested).toMatchObject({ prospectId: ids[0], reason: null, pick: { mentorId: joke.id, placesLeft: 2 } })
      expect(suggested.pick.explanation.nl).toContain("ervaring met langdurende pleegzorg (+0,25)")
      expect(suggested.pick.explanation.en).toContain("experience with long-term foster care (+0.25)")
      expect(suggested.alternatives.map((a: any) => a.mentorId)).toEqual([karin.id])
      expect(suggested.alternatives[0].km).toBeGreaterThan(suggested.pick.km)

      // The run: three places, four prospects. Three proposals, one waits because everyone who fits is full.
      yield* mentoringMail
      const run = expectOk(yield* asOrganiser("POST", "/mentoring/runs", { body: {} }))
      expect(run).toMatchObject({ weightsVersion: "standaard-2026-11", waiting: 4 })
      expect(run.proposed).toHaveLength(3)
      expect(run.unmatched).toHaveLength(1)
      expect(run.unmatched[0].reason).toBe("AllFull")
      expect(run.proposed.map((m: any) => m.mentorId).sort()).toEqual([joke.id, joke.id, karin.id].sort())
      expect(run.proposed.every((m: any) => m.status._tag === "Proposed" && m.runId === run.runId)).toBe(true)
      const runs = expectOk(yield* asOrganiser("GET", "/mentoring/runs"))
      expect(runs).toHaveLength(1)
      expect(runs[0]).toMatchObject({ id: run.runId, proposed: 3, unmatched: 1, weightsVersion: "standaard-2026-11" })
      expect(runs[0].finishedAt).not.toBeNull()

      // Each proposed mentor got a mail with a code; the proposals are the run's.
      const proposals = proposalsIn(yield* mentoringMail)
      expect(proposals.map((p) => p.matchId).sort()).toEqual(run.proposed.map((m: any) => m.id).sort())
      codes.push(...proposals.map((p) => p.token))
      const byMentor = (id: string) => run.proposed.filter((m: any) => m.mentorId === id).map((m: any) => m.id as string)
      const proposalOf = (matchId: string) => proposals.find((p) => p.matchId === matchId)!
      const [j1, j2] = byMentor(joke.id).map(proposalOf) as [DomainEvent.MentorProposed, DomainEvent.MentorProposed]
      const [k1] = byMentor(karin.id).map(proposalOf) as [DomainEvent.MentorProposed]
      expect(j1.recipient.email).toBe("joke.hendriks@example.org")

      // The mentor sees the proposal with the code from the mail: categories and the explanation, nothing personal.
      const viewed = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, { body: { code: j1.token } }))
      expect(viewed).toEqual({
        matchId: j1.matchId,
        role: "mentor",
        status: "Proposed",
        km: j1.km,
        explanation: j1.explanation,
        prospect: {
          regionName: "Rijk van Nijmegen",
          kinds: ["LongTerm"],
          family: "CoupleWithChildren",
          languages: ["nl"],
          availability: expect.any(Array)
        }
      })
      expect(JSON.stringify(viewed)).not.toMatch(PERSONAL)
      // The same with the code in the header.
      const header = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, {
        body: {},
        headers: { "x-match-code": j1.token }
      }))
      expect(header).toEqual(viewed)

      // Another mentor's code, or a made-up one: 403, and nothing changes.
      yield* writesNothing(Effect.gen(function*() {
        const other = yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/accept`, { body: { code: k1.token } })
        expectError(other, 403, "Forbidden", "NotYourMatch")
        expect(other.body.text.en).toContain("Use the link from your own mail")
        expectError(
          yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/decline`, { body: { code: wellFormedCode } }),
          403,
          "Forbidden",
          "NotYourMatch"
        )
        expectError(
          yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, { body: { code: k1.token } }),
          403,
          "Forbidden",
          "NotYourMatch"
        )
      }))

      // Joke accepts: both get a mail with the other's name and address and a new code; the old one stops working.
      const accepted = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/accept`, { body: { code: j1.token } }))
      expect(accepted).toMatchObject({ matchId: j1.matchId, status: "Active" })
      expect(accepted.text.nl).toContain("Jullie krijgen allebei een mail")
      expect(accepted.text.en).toContain("You will both get an email")
      const introductions = introductionsIn(yield* mentoringMail)
      expect(introductions.map((e) => [e.role, e.matchId])).toEqual(
        expect.arrayContaining([["mentor", j1.matchId], ["prospect", j1.matchId]])
      )
      expect(introductions).toHaveLength(2)
      const mentorCode = introductions.find((e) => e.role === "mentor")!.token
      const prospectCode = introductions.find((e) => e.role === "prospect")!.token
      codes.push(mentorCode, prospectCode)
      const acceptedProspect: string = run.proposed.find((m: any) => m.id === j1.matchId).prospectId

      // Accepting again is refused and changes nothing: the proposal is answered (409), with the
      // code from the introduction and with the proposal's own code, which stays the mentor's.
      yield* writesNothing(Effect.gen(function*() {
        const twice = yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/accept`, { body: { code: mentorCode } })
        expectError(twice, 409, "Conflict", "MatchStateConflict")
        expect(twice.body.text).toEqual({
          nl: "Dit voorstel is al beantwoord of is niet meer open.",
          en: "This proposal has already been answered or is no longer open."
        })
        expectError(
          yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/decline`, { body: { code: mentorCode } }),
          409,
          "Conflict",
          "MatchStateConflict"
        )
        expectError(
          yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/accept`, { body: { code: j1.token } }),
          409,
          "Conflict",
          "MatchStateConflict"
        )
      }))

      // Both sides see the active match with their own code.
      const seenByProspect = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, { body: { code: prospectCode } }))
      expect([seenByProspect.role, seenByProspect.status]).toEqual(["prospect", "Active"])
      const seenByMentor = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, { body: { code: mentorCode } }))
      expect([seenByMentor.role, seenByMentor.status]).toEqual(["mentor", "Active"])

      // Karin gets a second place; Joke declines her other proposal, which goes to Karin at once.
      expect(expectOk(yield* asOrganiser("PATCH", `/mentoring/mentors/${karin.id}`, { body: { capacity: 2 } })).capacity).toBe(2)
      const declinedProspect: string = run.proposed.find((m: any) => m.id === j2.matchId).prospectId
      const declined = expectOk(yield* asPublic("POST", `/mentoring/matches/${j2.matchId}/decline`, { body: { code: j2.token } }))
      expect(declined).toMatchObject({ matchId: j2.matchId, status: "Declined" })
      expect(declined.text.en).toContain("We will look for another mentor")
      expect(JSON.stringify(declined)).not.toContain(karin.id)
      const reproposed = proposalsIn(yield* mentoringMail)
      expect(reproposed.map((p) => p.recipient.email)).toEqual(["karin.smit@example.org"])
      codes.push(reproposed[0]!.token)
      const history = expectOk(yield* asOrganiser("GET", `/mentoring/prospects/${declinedProspect}/matches`))
      expect(history.map((m: any) => [m.mentorId, m.status._tag, m.status.by])).toEqual(
        expect.arrayContaining([[joke.id, "Declined", "mentor"], [karin.id, "Proposed", undefined]])
      )
      expect(history).toHaveLength(2)
      expect(history.find((m: any) => m.status._tag === "Proposed").runId).toBeNull()

      // The organiser cannot end a proposal (only a match that is going on): 409, nothing changes.
      yield* writesNothing(Effect.gen(function*() {
        expectError(
          yield* asOrganiser("POST", `/mentoring/matches/${reproposed[0]!.matchId}/end-by-organiser`, { body: {} }),
          409,
          "Conflict",
          "MatchStateConflict"
        )
      }))

      // The prospect ends the active match with the code from the introduction mail, with feedback.
      const feedback = "We hebben alles besproken, dank je wel!"
      const ended = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/end`, {
        body: { feedback },
        headers: { "x-match-code": prospectCode }
      }))
      expect(ended).toMatchObject({ matchId: j1.matchId, status: "Ended" })
      expect(ended.text.nl).toContain("We zoeken een nieuwe mentor voor je")
      const endMail = yield* mentoringMail
      expect(endMail.filter((e) => e._tag === "MatchEnded").map((e) => e.recipient.email).sort()).toEqual(
        ["joke.hendriks@example.org", PROSPECTS[ids.indexOf(acceptedProspect)]!.contact.email].sort()
      )
      // Only the organiser reads the feedback.
      const endedMatch = expectOk(yield* asOrganiser("GET", `/mentoring/prospects/${acceptedProspect}/matches`))
        .find((m: any) => m.id === j1.matchId)
      expect(endedMatch.status).toMatchObject({ _tag: "Ended", by: "prospect", feedback })
      const seenAfter = expectOk(yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/view`, { body: { code: mentorCode } }))
      expect(seenAfter.status).toBe("Ended")
      expect(JSON.stringify(seenAfter)).not.toContain(feedback)
      // Ending it twice: 409, nothing changes.
      yield* writesNothing(Effect.gen(function*() {
        expectError(
          yield* asPublic("POST", `/mentoring/matches/${j1.matchId}/end`, { body: { code: mentorCode } }),
          409,
          "Conflict",
          "MatchStateConflict"
        )
      }))

      // Karin accepts her first proposal; the organiser ends that match.
      expectOk(yield* asPublic("POST", `/mentoring/matches/${k1.matchId}/accept`, { body: { code: k1.token } }))
      codes.push(...introductionsIn(yield* mentoringMail).map((e) => e.token))
      const byOrganiser = expectOk(yield* asOrganiser("POST", `/mentoring/matches/${k1.matchId}/end-by-organiser`, {
        body: { feedback: "Verhuisd." }
      }))
      expect(byOrganiser.ended).toBe(k1.matchId)
      const organiserMail = yield* mentoringMail
      expect(organiserMail.filter((e) => e._tag === "MatchEnded")).toHaveLength(2)
      codes.push(...proposalsIn(organiserMail).map((e) => e.token))

      // The report of Rijk van Nijmegen: every prospect counted once, Karin (Arnhem) is in another region.
      const report = expectOk(yield* asOrganiser("GET", "/mentoring/regions/jz32/report"))
      expect(report).toMatchObject({ region: "JZ32", regionName: "Rijk van Nijmegen", prospects: 4 })
      const waiting = Object.values(report.waiting as Record<string, number>).reduce((a, b) => a + b, 0)
      expect(report.proposed + report.matched + waiting).toBe(4)
      expect(report.mentors).toMatchObject({ total: 1, paused: 0, places: 2 })
      expect(report.score === null || report.score.lowest <= report.score.mean).toBe(true)
      const arnhemRegion: string = expectOk(yield* asPublic("GET", "/municipalities/GM0202/region")).region.code
      expect(arnhemRegion).not.toBe("JZ32")
      const arnhem = expectOk(yield* asOrganiser("GET", `/mentoring/regions/${arnhemRegion}/report`))
      expect(arnhem).toMatchObject({ regionName: expect.any(String), prospects: 0, score: null, meanKm: null })
      expect(arnhem.mentors).toMatchObject({ total: 1, places: 2 })

      // A paused mentor keeps her matches and gets no new proposals; resumed, she is back.
      const paused = expectOk(yield* asOrganiser("POST", `/mentoring/mentors/${joke.id}/pause`))
      expect([paused.active, paused.version]).toEqual([false, 2])
      const afterPause = expectOk(yield* asOrganiser("GET", `/mentoring/prospects/${ids[0]}/suggestions`))
      expect([afterPause.pick?.mentorId, ...afterPause.alternatives.map((a: any) => a.mentorId)]).not.toContain(joke.id)
      expect(expectOk(yield* asOrganiser("POST", `/mentoring/mentors/${joke.id}/resume`)).active).toBe(true)

      // Erasure: the prospect's profile is gone, their matches can no longer be listed.
      const removed = yield* asOrganiser("DELETE", `/mentoring/prospects/${declinedProspect}`)
      expect([removed.status, removed.text]).toEqual([204, ""])
      expectError(yield* asOrganiser("GET", `/mentoring/prospects/${declinedProspect}`), 404, "NotFound", "ProspectNotFound")
      expectError(
        yield* asOrganiser("GET", `/mentoring/prospects/${declinedProspect}/matches`),
        404,
        "NotFound",
        "ProspectNotFound"
      )
      expect((yield* storedMentoring).prospects.map((p) => p.id)).not.toContain(declinedProspect)
      expect(JSON.stringify(yield* storedMentoring)).not.toContain(PROSPECTS[ids.indexOf(declinedProspect)]!.contact.email)
      const gone = yield* asOrganiser("DELETE", `/mentoring/mentors/${karin.id}`)
      expect(gone.status).toBe(204)
      expectError(yield* asOrganiser("GET", `/mentoring/mentors/${karin.id}`), 404, "NotFound", "MentorNotFound")

      // No answer of the whole flow held a hash of a code, or a code.
      const json = replies.filter((r) => r.body !== undefined)
      expect(json.length).toBeGreaterThan(30)
      for (const reply of json) {
        expect(keysOf(reply.body).filter((key) => key.includes("TokenHash")), reply.text).toEqual([])
        expect(keysOf(reply.body).filter((key) => /hash|token/i.test(key)), reply.text).toEqual([])
        for (const code of codes) {
          expect(reply.text).not.toContain(code)
          expect(reply.text).not.toContain(createHash("sha256").update(code).digest("hex"))
        }
      }
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// what the public and the organiser get wrong
// -----------------------------------------------------------------------------

describe("mentoring requests that are refused", () => {
  it.live("an unknown municipality is 404 MunicipalityNotFound, as for a sign-up; nothing is stored", () =>
    Effect.gen(function*() {
      const { joke, prospects } = yield* pilot
      yield* writesNothing(Effect.gen(function*() {
        for (
          const [path, body] of [
            ["/mentoring/prospects", prospect("Nina", "GM9999")],
            ["/mentoring/mentors", mentor("Piet", "GM9999", 1)]
          ] as const
        ) {
          const reply = yield* organiser("POST", path, { body })
          expectError(reply, 404, "NotFound", "MunicipalityNotFound")
          expect(reply.body.text).toEqual({ nl: "Er is geen gemeente \"GM9999\".", en: "There is no municipality \"GM9999\"." })
        }
        const moved = yield* organiser("PATCH", `/mentoring/prospects/${prospects[0]}`, { body: { municipality: "GM9999" } })
        expectError(moved, 404, "NotFound", "MunicipalityNotFound")
        expectError(
          yield* organiser("PATCH", `/mentoring/mentors/${joke}`, { body: { municipality: "GM9999" } }),
          404,
          "NotFound",
          "MunicipalityNotFound"
        )
        // Not a municipality code at all: 400, naming the field.
        const malformed = yield* organiser("POST", "/mentoring/prospects", { body: prospect("Nina", "Nijmegen") })
        expectError(malformed, 400, "BadRequest", "InvalidInput")
        expect(malformed.body.issues.map((i: any) => i.path)).toEqual(["municipality"])
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("a capacity of 4, no kinds, no experience, repeats, unknown fields and wrong types are 400 with every issue", () =>
    Effect.gen(function*() {
      const { joke, prospects } = yield* pilot
      yield* writesNothing(Effect.gen(function*() {
        const capacity = yield* organiser("POST", "/mentoring/mentors", { body: mentor("Piet", "GM0268", 4) })
        expectError(capacity, 400, "BadRequest", "InvalidInput")
        expect(capacity.body.issues).toEqual([{
          path: "capacity",
          message: "Een mentor neemt 1 tot 3 aspiranten tegelijk. / A mentor takes 1 to 3 prospects at a time.",
          text: { nl: "Een mentor neemt 1 tot 3 aspiranten tegelijk.", en: "A mentor takes 1 to 3 prospects at a time." }
        }])
        const kinds = yield* organiser("POST", "/mentoring/prospects", { body: prospect("Nina", "GM0268", { kinds: [] }) })
        expectError(kinds, 400, "BadRequest", "InvalidInput")
        expect(kinds.body.issues.map((i: any) => [i.path, i.text.nl])).toEqual([["kinds", "Kies minstens één vorm van pleegzorg."]])
        const experience = yield* organiser("POST", "/mentoring/mentors", { body: mentor("Piet", "GM0268", 1, { experience: [] }) })
        expectError(experience, 400, "BadRequest", "InvalidInput")
        expect(experience.body.issues[0].path).toBe("experience")
        const twice = yield* organiser("POST", "/mentoring/prospects", {
          body: prospect("Nina", "GM0268", { languages: ["nl", "nl"] })
        })
        expectError(twice, 400, "BadRequest", "InvalidInput")
        expect(twice.body.issues[0].text.en).toBe("Each language once.")
        const several = yield* organiser("POST", "/mentoring/prospects", {
          body: prospect("Nina", "GM0268", { family: "Big", availability: [], colour: "blauw" })
        })
        expectError(several, 400, "BadRequest", "InvalidInput")
        expect(several.body.issues.map((i: any) => i.path).sort()).toEqual(["availability", "colour", "family"])
        const patch = yield* organiser("PATCH", `/mentoring/mentors/${joke}`, { body: { capacity: 0 } })
        expectError(patch, 400, "BadRequest", "InvalidInput")
        expect(patch.body.issues[0].path).toBe("capacity")
        const unknownField = yield* organiser("PATCH", `/mentoring/prospects/${prospects[0]}`, { body: { name: "Nina" } })
        expectError(unknownField, 400, "BadRequest", "InvalidInput")
        expect(unknownField.body.issues[0].text.en).toBe("This field is not expected here.")
        const email = yield* organiser("POST", "/mentoring/prospects", {
          body: prospect("Nina", "GM0268", { contact: { name: "Nina", email: "geen-adres", language: "nl" } })
        })
        expectError(email, 400, "BadRequest", "InvalidInput")
        expect(email.body.issues[0].path).toBe("contact.email")
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("malformed JSON, an empty body and a form are refused (400, 415); nothing is stored", () =>
    Effect.gen(function*() {
      const { prospects } = yield* pilot
      yield* writesNothing(Effect.gen(function*() {
        expectError(yield* organiser("POST", "/mentoring/prospects", { raw: "{\"municipality\": \"GM0" }), 400, "BadRequest", "MalformedJson")
        expectError(yield* organiser("POST", "/mentoring/runs", { raw: "{weights}" }), 400, "BadRequest", "MalformedJson")
        expectError(
          yield* call("POST", `/mentoring/matches/${unknownMatch}/accept`, { raw: "{\"code\":" }),
          400,
          "BadRequest",
          "MalformedJson"
        )
        expectError(
          yield* organiser("PATCH", `/mentoring/prospects/${prospects[0]}`, { raw: "[" }),
          400,
          "BadRequest",
          "MalformedJson"
        )
        expectError(yield* organiser("POST", "/mentoring/runs", { raw: "" }), 400, "BadRequest", "InvalidInput")
        expectError(
          yield* organiser("POST", "/mentoring/runs", { raw: "weights=x", contentType: "application/x-www-form-urlencoded" }),
          415,
          "UnsupportedMediaType",
          "UnsupportedMediaType"
        )
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("weights that do not fit are 400 and start no run", () =>
    Effect.gen(function*() {
      yield* pilot
      yield* writesNothing(Effect.gen(function*() {
        const standard = {
          version: "eigen-1",
          distance: { _tag: "Weight", weight: 0.35 },
          kinds: { _tag: "Weight", weight: 0.25 },
          family: { _tag: "Weight", weight: 0.15 },
          language: { _tag: "Weight", weight: 0.15 },
          availability: { _tag: "Weight", weight: 0.1 },
          decayKm: 25,
          reachKm: 50,
          candidates: 50
        }
        const reach = yield* organiser("POST", "/mentoring/runs", { body: { weights: { ...standard, reachKm: -1 } } })
        expectError(reach, 400, "BadRequest", "InvalidInput")
        expect(reach.body.issues[0].path).toBe("weights.reachKm")
        const zero = { _tag: "Weight", weight: 0 }
        const allZero = yield* organiser("POST", "/mentoring/runs", {
          body: { weights: { ...standard, distance: zero, kinds: zero, family: zero, language: zero, availability: zero } }
        })
        expectError(allZero, 400, "BadRequest", "InvalidInput")
        expect(allZero.body.issues[0].text.en).toBe("Give at least one criterion a weight above 0.")
      }))
      // Weights that fit are used, and recorded with their version.
      const run = expectOk(yield* organiser("POST", "/mentoring/runs", {
        body: {
          weights: {
            version: "alleen-afstand",
            distance: { _tag: "Weight", weight: 1 },
            kinds: { _tag: "Must" },
            family: { _tag: "Weight", weight: 0 },
            language: { _tag: "Weight", weight: 0 },
            availability: { _tag: "Weight", weight: 0 },
            decayKm: 25,
            reachKm: 50,
            candidates: 50
          }
        }
      }))
      expect(run.weightsVersion).toBe("alleen-afstand")
      expect(run.proposed.every((m: any) => m.weights.version === "alleen-afstand")).toBe(true)
    }).pipe(Effect.provide(TestServer)))

  it.live("a run while another one is going on is 409 BatchRunning and proposes nothing", () =>
    Effect.gen(function*() {
      yield* pilot
      const now = yield* DateTime.now
      const runs = yield* MatchingStorage.MatchingRunRepository
      yield* runs.begin(
        new MentorMatch.Run({ id: "run_elsewhere", startedAt: now, finishedAt: null, weightsVersion: "x", proposed: 0, unmatched: 0 }),
        DateTime.subtract(now, { minutes: 30 })
      )
      const refused = yield* writesNothing(organiser("POST", "/mentoring/runs", { body: {} }))
      expectError(refused, 409, "Conflict", "BatchRunning")
      expect(refused.body.text.en).toBe("A matching run is already going on. Wait until it has finished.")
      expect((yield* storedMentoring).matches).toEqual([])
      // Once it has finished, a run goes ahead.
      yield* runs.finish(new MentorMatch.Run({
        id: "run_elsewhere",
        startedAt: now,
        finishedAt: yield* DateTime.now,
        weightsVersion: "x",
        proposed: 0,
        unmatched: 0
      }))
      expect(expectOk(yield* organiser("POST", "/mentoring/runs", { body: {} })).proposed).toHaveLength(3)
    }).pipe(Effect.provide(TestServer)))

  it.live("unknown ids are 404, malformed ids 400; nothing is stored", () =>
    Effect.gen(function*() {
      yield* activeMatch
      yield* writesNothing(Effect.gen(function*() {
        const organiserCalls: ReadonlyArray<readonly [HttpMethod.HttpMethod, string, CallOptions, string]> = [
          ["GET", `/mentoring/prospects/${unknownProspect}`, {}, "ProspectNotFound"],
          ["PATCH", `/mentoring/prospects/${unknownProspect}`, { body: { questions: "" } }, "ProspectNotFound"],
          ["DELETE", `/mentoring/prospects/${unknownProspect}`, {}, "ProspectNotFound"],
          ["GET", `/mentoring/prospects/${unknownProspect}/suggestions`, {}, "ProspectNotFound"],
          ["GET", `/mentoring/prospects/${unknownProspect}/matches`, {}, "ProspectNotFound"],
          ["GET", `/mentoring/mentors/${unknownMentor}`, {}, "MentorNotFound"],
          ["PATCH", `/mentoring/mentors/${unknownMentor}`, { body: { capacity: 2 } }, "MentorNotFound"],
          ["DELETE", `/mentoring/mentors/${unknownMentor}`, {}, "MentorNotFound"],
          ["POST", `/mentoring/mentors/${unknownMentor}/pause`, {}, "MentorNotFound"],
          ["POST", `/mentoring/mentors/${unknownMentor}/resume`, {}, "MentorNotFound"],
          ["POST", `/mentoring/matches/${unknownMatch}/end-by-organiser`, { body: {} }, "MatchNotFound"],
          ["GET", "/mentoring/regions/JZ99/report", {}, "RegionNotFound"]
        ]
        for (const [method, path, options, code] of organiserCalls) {
          expectError(yield* organiser(method, path, options), 404, "NotFound", code)
        }
        for (const action of ["view", "accept", "decline", "end"]) {
          expectError(
            yield* call("POST", `/mentoring/matches/${unknownMatch}/${action}`, { body: { code: wellFormedCode } }),
            404,
            "NotFound",
            "MatchNotFound"
          )
          const malformed = yield* call("POST", `/mentoring/matches/mch_1/${action}`, { body: { code: wellFormedCode } })
          expectError(malformed, 400, "BadRequest", "InvalidInput")
          expect(malformed.body.issues[0].path).toBe("matchId")
        }
        for (const path of ["/mentoring/prospects/asp_1", "/mentoring/mentors/42", "/mentoring/prospects/mnt_00000000000000000000"]) {
          expectError(yield* organiser("GET", path), 400, "BadRequest", "InvalidInput")
        }
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("the code goes in the body or X-Match-Code, never in the address; missing, malformed, two or too much feedback is 400", () =>
    Effect.gen(function*() {
      const { matchId } = yield* activeMatch
      const path = `/mentoring/matches/${matchId}`
      yield* writesNothing(Effect.gen(function*() {
        const missing = yield* call("POST", `${path}/view`, { body: {} })
        expectError(missing, 400, "BadRequest", "InvalidInput")
        expect(missing.body.issues[0]).toMatchObject({
          path: "code",
          text: { nl: "De code uit je mail ontbreekt. Gebruik de link uit je mail." }
        })
        const inAddress = yield* call("POST", `${path}/accept?code=${wellFormedCode}`, { body: { code: wellFormedCode } })
        expectError(inAddress, 400, "BadRequest", "InvalidInput")
        expect(inAddress.body.issues[0].path).toBe("code")
        expect(inAddress.body.issues[0].text.en).toContain("Never put the code in the address")
        expect(inAddress.body.issues[0].text.en).toContain("X-Match-Code")
        const malformed = yield* call("POST", `${path}/decline`, { body: { code: "kort" } })
        expectError(malformed, 400, "BadRequest", "InvalidInput")
        expect(malformed.body.issues[0].text.en).toBe("This code is not right. Use the link in your email.")
        const badHeader = yield* call("POST", `${path}/view`, { body: {}, headers: { "x-match-code": "kort" } })
        expectError(badHeader, 400, "BadRequest", "InvalidInput")
        expect(badHeader.body.issues[0].path).toBe("x-match-code")
        const two = yield* call("POST", `${path}/end`, {
          body: { code: wellFormedCode },
          headers: { "x-match-code": "B".repeat(43) }
        })
        expectError(two, 400, "BadRequest", "InvalidInput")
        expect(two.body.issues[0].text.en).toBe("Two different codes were sent. Send one.")
        const feedback = yield* call("POST", `${path}/end`, { body: { code: wellFormedCode, feedback: "x".repeat(2001) } })
        expectError(feedback, 400, "BadRequest", "InvalidInput")
        expect(feedback.body.issues[0]).toMatchObject({ path: "feedback", text: { en: "At most 2000 characters." } })
        const organiserFeedback = yield* organiser("POST", `${path}/end-by-organiser`, { body: { feedback: "x".repeat(2001) } })
        expectError(organiserFeedback, 400, "BadRequest", "InvalidInput")
        const extra = yield* call("POST", `${path}/view`, { body: { code: wellFormedCode, token: wellFormedCode } })
        expectError(extra, 400, "BadRequest", "InvalidInput")
        expect(extra.body.issues[0].path).toBe("token")
        // There is no GET that could carry the code in its address.
        expectError(yield* call("GET", `${path}/view`), 404, "NotFound", "RouteNotFound")
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("the public endpoints need no organiser token, and the organiser's token opens no match", () =>
    Effect.gen(function*() {
      const { matchId } = yield* activeMatch
      yield* writesNothing(Effect.gen(function*() {
        const reply = yield* organiser("POST", `/mentoring/matches/${matchId}/end`, { body: { code: wellFormedCode } })
        expectError(reply, 403, "Forbidden", "NotYourMatch")
        expect(reply.headers["www-authenticate"]).toBeUndefined()
      }))
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// the page behind the mail links
// -----------------------------------------------------------------------------

describe("GET /koppeling", () => {
  it.live("is a self-contained page in Dutch with English, served with a CSP that allows only its own script and style", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/koppeling")
      expectSelfContainedPage(reply)
      // Nothing from elsewhere: no script, style, image, font or link to fetch.
      expect(reply.text).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:|\/\/)/i)
      expect(reply.text).not.toMatch(/<script[^>]+src=/)
      expect(reply.text).not.toMatch(/<link\b/i)
      expect(reply.text).not.toMatch(/@import|url\(/i)
      expect(reply.text).not.toMatch(/https?:\/\//)
      // Dutch first, the buttons as promised, and the English next to it.
      expect(reply.text).toContain("<html lang=\"nl\">")
      for (const text of ["Ja, ik wil mentor zijn voor deze aspirant", "Nee, liever niet", "Koppeling beëindigen", "English"]) {
        expect(reply.text).toContain(text)
      }
      expect(reply.text).toContain("data-en=\"End the match\"")
      // Without a name no field is ever sent in a URL, even when scripts are off.
      expect(reply.text).not.toMatch(/<(input|textarea)[^>]*\bname=/)
      const script = scriptOf(reply.text)
      expect(() => new Function(script)).not.toThrow()
      // What comes from the server goes on the page as text, never as HTML.
      expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
      // The match and the code come from the part after "#", and leave the address bar at once.
      expect(script).toContain("location.hash")
      expect(script).toContain("history.replaceState(null, \"\", location.pathname + location.search)")
      // It finds POST /mentoring/matches/... next to the page, also behind a prefix or with a trailing slash.
      const base = /var base = (location\.pathname\.replace.*)$/m.exec(script)![1]!
      const resolve = (pathname: string) => new Function("location", `return ${base} + "mentoring/matches/"`)({ pathname })
      expect(["/koppeling", "/koppeling/", "/api/koppeling"].map(resolve))
        .toEqual(["/mentoring/matches/", "/mentoring/matches/", "/api/mentoring/matches/"])
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// the organiser role
// -----------------------------------------------------------------------------

interface Setup {
  readonly prospects: ReadonlyArray<string>
  readonly joke: string
  readonly karin: string
  readonly matchId: string
}

const setups = {
  pilot: Effect.map(pilot, (s): Setup => ({ ...s, matchId: "" })),
  active: Effect.map(activeMatch, (s): Setup => s)
}

interface MentoringCase {
  readonly method: HttpMethod.HttpMethod
  readonly setup: keyof typeof setups
  readonly path: string
  readonly options?: CallOptions
  readonly status: number
}

const at = (path: string, s: Setup) =>
  path.replace(":prospectId", s.prospects[0] ?? "").replace(":mentorId", s.joke).replace(":matchId", s.matchId)

const mentoringCases: ReadonlyArray<MentoringCase> = [
  { method: "POST", setup: "pilot", path: "/mentoring/prospects", options: { body: prospect("Nina", "GM0268") }, status: 201 },
  { method: "GET", setup: "pilot", path: "/mentoring/prospects/:prospectId", status: 200 },
  { method: "PATCH", setup: "pilot", path: "/mentoring/prospects/:prospectId", options: { body: { languages: ["nl", "en"] } }, status: 200 },
  { method: "DELETE", setup: "active", path: "/mentoring/prospects/:prospectId", status: 204 },
  { method: "GET", setup: "pilot", path: "/mentoring/prospects/:prospectId/suggestions", status: 200 },
  { method: "GET", setup: "active", path: "/mentoring/prospects/:prospectId/matches", status: 200 },
  { method: "POST", setup: "pilot", path: "/mentoring/mentors", options: { body: mentor("Wim", "GM0268", 1) }, status: 201 },
  { method: "GET", setup: "pilot", path: "/mentoring/mentors/:mentorId", status: 200 },
  { method: "PATCH", setup: "pilot", path: "/mentoring/mentors/:mentorId", options: { body: { capacity: 3 } }, status: 200 },
  { method: "DELETE", setup: "active", path: "/mentoring/mentors/:mentorId", status: 204 },
  { method: "POST", setup: "pilot", path: "/mentoring/mentors/:mentorId/pause", status: 200 },
  { method: "POST", setup: "pilot", path: "/mentoring/mentors/:mentorId/resume", status: 200 },
  { method: "POST", setup: "pilot", path: "/mentoring/runs", options: { body: {} }, status: 200 },
  { method: "GET", setup: "active", path: "/mentoring/runs", status: 200 },
  { method: "GET", setup: "active", path: "/mentoring/regions/JZ32/report", status: 200 },
  { method: "POST", setup: "active", path: "/mentoring/matches/:matchId/end-by-organiser", options: { body: {} }, status: 200 }
]

describe("mentoring organiser endpoints", () => {
  for (const c of mentoringCases) {
    describe(`${c.method} ${c.path}`, () => {
      refusesWithoutTheRightToken((token, headers) =>
        Effect.gen(function*() {
          const s = yield* setups[c.setup]
          yield* mentoringMail
          const before = { stored: yield* storedMentoring, mail: [] }
          const reply = yield* call(c.method, at(c.path, s), {
            ...c.options,
            ...(token === undefined ? {} : { token }),
            ...(headers === undefined ? {} : { headers })
          })
          return { reply, before, after: { stored: yield* storedMentoring, mail: yield* mentoringMail } }
        }))

      it.live(`works with the right token (${c.status})`, () =>
        Effect.gen(function*() {
          const s = yield* setups[c.setup]
          const reply = yield* organiser(c.method, at(c.path, s), c.options)
          expect(reply.status, reply.text).toBe(c.status)
          if (c.status === 204) expect(reply.text).toBe("")
          else expect(reply.headers["content-type"]).toContain("application/json")
        }).pipe(Effect.provide(TestServer)))
    })
  }
})
