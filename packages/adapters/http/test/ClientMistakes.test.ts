/**
 * Client mistakes are 4xx with a JSON body that names the problem, never a
 * 500, and nothing is stored.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import {
  call,
  type CallOptions,
  createTrack,
  draftSurvey,
  fosterChild,
  fosterParent,
  invitedSurvey,
  invitees,
  openTrack,
  organiser,
  type Reply,
  stored,
  storedSurveys,
  TestServer
} from "./fixtures.js"

const register = (trackId: string) => `/tracks/${trackId}/registrations`

/** A track with one confirmed registration, and what is stored. */
const setup = Effect.gen(function*() {
  const trackId = yield* openTrack
  const first = yield* call("POST", register(trackId), { body: fosterParent() })
  expect(first.status).toBe(202)
  const listed = yield* organiser("GET", register(trackId))
  return { trackId, listed: listed.body, before: yield* stored }
})

/** The reply is a 4xx JSON error, and neither the list nor the store changed. */
const expectRefused = (reply: Reply, status: number, trackId: string, listed: unknown, before: unknown) =>
  Effect.gen(function*() {
    expect(reply.status, reply.text).toBe(status)
    expect(reply.headers["content-type"]).toContain("application/json")
    expect(typeof reply.body.code).toBe("string")
    expect(reply.body.text.nl.length).toBeGreaterThan(0)
    expect(reply.body.text.en.length).toBeGreaterThan(0)
    expect((yield* organiser("GET", register(trackId))).body).toEqual(listed)
    expect(yield* stored).toEqual(before)
  })

const issuePaths = (reply: Reply): Array<string> => reply.body.issues.map((i: any) => i.path)

describe("mistakes in the registration body", () => {
  const cases: ReadonlyArray<{
    readonly name: string
    readonly options: CallOptions
    readonly status: number
    readonly check?: (reply: Reply) => void
  }> = [
    {
      name: "malformed JSON",
      options: { raw: "{\"name\": \"Anna\", " },
      status: 400,
      check: (reply) => expect(reply.body).toMatchObject({ _tag: "BadRequest", code: "MalformedJson" })
    },
    {
      name: "wrong types",
      options: { body: { ...fosterParent(), availableForAllSessions: "yes", email: 42 } },
      status: 400,
      check: (reply) => {
        expect(reply.body.code).toBe("InvalidInput")
        expect(issuePaths(reply).sort()).toEqual(["availableForAllSessions", "email"])
        const issue = reply.body.issues.find((i: any) => i.path === "email")
        expect(issue.text.nl).toContain("Verwacht")
        expect(issue.text.en).toContain("Expected")
      }
    },
    {
      name: "an unknown field",
      options: { body: { ...fosterParent(), favouriteColour: "blue" } },
      status: 400,
      check: (reply) => {
        expect(reply.body.issues).toEqual([{
          path: "favouriteColour",
          message: "Dit veld hoort hier niet. / This field is not expected here.",
          text: { nl: "Dit veld hoort hier niet.", en: "This field is not expected here." }
        }])
      }
    },
    {
      name: "a consent in a public sign-up (only the organiser records consent)",
      options: {
        body: {
          ...fosterChild(15),
          consent: { givenBy: "ik zelf", relationship: "parent", givenOn: "2020-01-01" }
        }
      },
      status: 400,
      check: (reply) => {
        expect(reply.body.issues.map((i: { path: string }) => i.path)).toEqual(["consent"])
      }
    },
    {
      name: "a trackId in the body (it belongs in the path)",
      options: { body: { ...fosterParent(), trackId: `trk_${"0".repeat(20)}` } },
      status: 400,
      check: (reply) => expect(issuePaths(reply)).toEqual(["trackId"])
    },
    {
      name: "a birth date for an adult",
      options: { body: { ...fosterParent(), birthDate: "1980-01-01" } },
      status: 400,
      check: (reply) => expect(issuePaths(reply)).toEqual(["birthDate"])
    },
    {
      name: "a missing field",
      options: { body: { ...fosterChild(15), birthDate: undefined } },
      status: 400,
      check: (reply) => {
        expect(issuePaths(reply)).toEqual(["birthDate"])
        expect(reply.body.issues[0].text.en).toContain("birth date is missing")
      }
    },
    {
      name: "an unknown group",
      options: { body: { ...fosterParent(), email: "anna-at-example", group: "Neighbour" } },
      status: 400,
      // An unknown group matches no kind of applicant, so that is what is reported.
      check: (reply) => expect(issuePaths(reply)).toEqual(["group"])
    },
    {
      name: "a prototype key",
      options: { raw: JSON.stringify(fosterParent()).replace("{", "{\"__proto__\":{\"admin\":true},") },
      status: 400,
      check: (reply) => expect(issuePaths(reply)).toEqual(["__proto__"])
    },
    {
      name: "an array instead of an object",
      options: { body: [fosterParent()] },
      status: 400
    },
    {
      name: "an empty body",
      options: { raw: "" },
      status: 400
    },
    {
      name: "plain text",
      options: { raw: "Anna de Vries", contentType: "text/plain" },
      status: 415,
      check: (reply) => expect(reply.body).toMatchObject({ _tag: "UnsupportedMediaType" })
    },
    {
      name: "a form (what curl -d sends by default)",
      options: { raw: JSON.stringify(fosterParent()), contentType: "application/x-www-form-urlencoded" },
      status: 415,
      check: (reply) => expect(reply.body.text.en).toContain("Content-Type: application/json")
    },
    {
      name: "JSON with a charset",
      options: { raw: JSON.stringify({ ...fosterParent(), extra: 1 }), contentType: "application/json; charset=utf-8" },
      status: 400,
      check: (reply) => expect(issuePaths(reply)).toEqual(["extra"])
    },
    {
      name: "a body above 64 KiB",
      options: { body: { ...fosterParent(), name: "A".repeat(70 * 1024) } },
      status: 413,
      check: (reply) => expect(reply.body).toMatchObject({ _tag: "PayloadTooLarge", limit: 65536 })
    }
  ]

  for (const c of cases) {
    it.live(`${c.name}: ${c.status}`, () =>
      Effect.gen(function*() {
        const { before, listed, trackId } = yield* setup
        const reply = yield* call("POST", register(trackId), c.options)
        yield* expectRefused(reply, c.status, trackId, listed, before)
        c.check?.(reply)
      }).pipe(Effect.provide(TestServer)))
  }

  it.live("a body above 64 KiB sent without a length (chunked): 413, not a cut connection", () =>
    Effect.gen(function*() {
      const { before, listed, trackId } = yield* setup
      const client = yield* HttpClient.HttpClient
      const chunk = new TextEncoder().encode(" ".repeat(8 * 1024))
      const response = yield* client.execute(
        HttpClientRequest.post(register(trackId)).pipe(
          HttpClientRequest.bodyStream(Stream.make(...Array.from({ length: 20 }, () => chunk)), { contentType: "application/json" })
        )
      )
      const text = yield* response.text
      yield* expectRefused(
        { status: response.status, headers: response.headers, text, body: JSON.parse(text) },
        413,
        trackId,
        listed,
        before
      )
    }).pipe(Effect.provide(TestServer)))

  it.live("a small body sent without a length (chunked) is read as usual", () =>
    Effect.gen(function*() {
      const { trackId } = yield* setup
      const client = yield* HttpClient.HttpClient
      const bytes = new TextEncoder().encode(JSON.stringify(fosterParent("chunked@example.nl")))
      const response = yield* client.execute(
        HttpClientRequest.post(register(trackId)).pipe(
          HttpClientRequest.bodyStream(Stream.make(bytes.slice(0, 10), bytes.slice(10)), { contentType: "application/json" })
        )
      )
      expect(response.headers["content-length"]).toBeDefined()
      expect(response.status).toBe(202)
      const bad = yield* client.execute(
        HttpClientRequest.post(register(trackId)).pipe(
          HttpClientRequest.bodyStream(Stream.make(bytes.slice(0, 10)), { contentType: "application/json" })
        )
      )
      expect(bad.status).toBe(400)
      expect((yield* bad.json as Effect.Effect<any>).code).toBe("MalformedJson")
    }).pipe(Effect.provide(TestServer)))
})

describe("mistakes in paths", () => {
  const cases: ReadonlyArray<{
    readonly name: string
    readonly path: (trackId: string, registrationId: string) => string
    readonly method: "GET" | "POST" | "PUT"
    readonly body?: unknown
    readonly organiser?: boolean
    readonly status: number
    readonly issue?: string
  }> = [
    { name: "a track id that is not one", method: "POST", path: () => "/tracks/abc/registrations", body: fosterParent(), status: 400, issue: "trackId" },
    { name: "a track id in upper case", method: "GET", path: (t) => `/tracks/${t.toUpperCase()}`, status: 400, issue: "trackId" },
    { name: "an unknown track", method: "GET", path: () => `/tracks/trk_${"0".repeat(20)}`, status: 404 },
    {
      name: "session 4",
      method: "PUT",
      path: (t) => `/tracks/${t}/sessions/4`,
      body: { period: "mei 2099" },
      organiser: true,
      status: 400,
      issue: "number"
    },
    {
      name: "a registration id that is not one",
      method: "POST",
      path: () => "/registrations/reg_123/withdrawal",
      organiser: true,
      status: 400,
      issue: "registrationId"
    },
    {
      name: "an attendance path with a bad session and a bad id",
      method: "PUT",
      path: (t) => `/tracks/${t}/sessions/0/attendance/nope`,
      body: { present: true },
      organiser: true,
      status: 400,
      issue: "registrationId"
    },
    { name: "an endpoint that does not exist", method: "GET", path: () => "/tracks", status: 404 },
    { name: "a method an endpoint does not have", method: "PUT", path: () => "/regions", body: {}, status: 404 }
  ]

  for (const c of cases) {
    it.live(`${c.name}: ${c.status}`, () =>
      Effect.gen(function*() {
        const { before, listed, trackId } = yield* setup
        const registrationId = (listed as Array<{ id: string }>)[0]!.id
        const send = c.organiser === true ? organiser : call
        const reply = yield* send(c.method, c.path(trackId, registrationId), c.body === undefined ? {} : { body: c.body })
        yield* expectRefused(reply, c.status, trackId, listed, before)
        if (c.issue !== undefined) {
          expect(reply.body.code).toBe("InvalidInput")
          expect(issuePaths(reply)).toContain(c.issue)
        }
      }).pipe(Effect.provide(TestServer)))
  }
})

describe("mistakes in organiser bodies", () => {
  it.live("wrong types and unknown fields when creating a track: 400 with every issue, no track", () =>
    Effect.gen(function*() {
      const { before, listed, trackId } = yield* setup
      const reply = yield* organiser("POST", "/tracks", {
        body: {
          ...createTrack,
          phase: "launch",
          composition: { ...createTrack.composition, maximum: "24" },
          colour: "blue"
        }
      })
      yield* expectRefused(reply, 400, trackId, listed, before)
      expect(issuePaths(reply).sort()).toEqual(["colour", "composition.maximum", "phase"])
      expect(reply.body.issues.find((i: any) => i.path === "phase").text).toEqual({
        nl: "Verwacht \"pilot\" | \"rollout\", maar kreeg \"launch\".",
        en: "Expected \"pilot\" | \"rollout\", got \"launch\"."
      })
    }).pipe(Effect.provide(TestServer)))

  it.live("an unknown status and malformed JSON on a status change: 400, the track unchanged", () =>
    Effect.gen(function*() {
      const { before, listed, trackId } = yield* setup
      const unknown = yield* organiser("POST", `/tracks/${trackId}/status`, { body: { _tag: "Paused" } })
      yield* expectRefused(unknown, 400, trackId, listed, before)
      const malformed = yield* organiser("POST", `/tracks/${trackId}/status`, { raw: "{_tag: Open}" })
      yield* expectRefused(malformed, 400, trackId, listed, before)
      expect(malformed.body.code).toBe("MalformedJson")
    }).pipe(Effect.provide(TestServer)))

  it.live("a session time without an offset: 400 naming the field", () =>
    Effect.gen(function*() {
      const { before, listed, trackId } = yield* setup
      const reply = yield* organiser("PUT", `/tracks/${trackId}/sessions/2`, {
        body: { start: "2099-03-01T16:00", end: "2099-03-01T18:00" }
      })
      yield* expectRefused(reply, 400, trackId, listed, before)
      expect(reply.text).toContain("tijdzone")
    }).pipe(Effect.provide(TestServer)))

  it.live("attendance with a string instead of a boolean: 400", () =>
    Effect.gen(function*() {
      const { before, listed, trackId } = yield* setup
      const registrationId = (listed as Array<{ id: string }>)[0]!.id
      const reply = yield* organiser("PUT", `/tracks/${trackId}/sessions/1/attendance/${registrationId}`, {
        body: { present: "yes" }
      })
      yield* expectRefused(reply, 400, trackId, listed, before)
      expect(issuePaths(reply)).toEqual(["present"])
    }).pipe(Effect.provide(TestServer)))
})

/** The reply is a 4xx JSON error naming its problem, and nothing of the surveys changed. */
const expectRefusedSurvey = (reply: Reply, status: number, before: unknown) =>
  Effect.gen(function*() {
    expect(reply.status, reply.text).toBe(status)
    expect(reply.headers["content-type"]).toContain("application/json")
    expect(typeof reply.body.code).toBe("string")
    expect(reply.body.text.nl.length).toBeGreaterThan(0)
    expect(reply.body.text.en.length).toBeGreaterThan(0)
    expect(yield* storedSurveys).toEqual(before)
  })

describe("mistakes in answering a survey", () => {
  const cases: ReadonlyArray<{
    readonly name: string
    readonly path: "/survey/questionnaire" | "/survey/answers"
    /** A query parameter that carries the code as well. */
    readonly query?: string
    readonly options: (token: string) => CallOptions
    readonly status: number
    readonly issue?: string
    readonly check?: (reply: Reply) => void
  }> = [
    {
      name: "the code in the query instead of the body",
      path: "/survey/questionnaire",
      query: "token",
      options: () => ({ body: {} }),
      status: 400,
      issue: "token"
    },
    {
      name: "the code in the query beside the body (the query is refused, not read)",
      path: "/survey/answers",
      query: "code",
      options: (token) => ({ body: { token, answers: { "gaat-goed": 3 } } }),
      status: 400,
      issue: "code",
      check: (reply) => expect(reply.body.issues[0].text.en).toContain("Never put the code in the address")
    },
    {
      name: "no code at all",
      path: "/survey/answers",
      options: () => ({ body: { answers: { "gaat-goed": 3 } } }),
      status: 400,
      issue: "token",
      check: (reply) => expect(reply.body.issues[0].text.en).toContain("code from your invitation is missing")
    },
    {
      name: "a code that cannot be one",
      path: "/survey/questionnaire",
      options: () => ({ body: { token: "not-a-code" } }),
      status: 400,
      issue: "token",
      check: (reply) => expect(reply.body.issues[0].text.en).toContain("Use the link in your invitation")
    },
    {
      name: "a header code that cannot be one",
      path: "/survey/questionnaire",
      options: () => ({ body: {}, headers: { "x-invitation-token": "nope" } }),
      status: 400,
      issue: "x-invitation-token"
    },
    {
      name: "two different codes, in the body and the header",
      path: "/survey/answers",
      options: (token) => ({ body: { token, answers: {} }, headers: { "x-invitation-token": "B".repeat(43) } }),
      status: 400,
      issue: "token"
    },
    {
      name: "malformed JSON",
      path: "/survey/answers",
      options: (token) => ({ raw: `{"token": "${token}", "answers": {` }),
      status: 400,
      check: (reply) => expect(reply.body.code).toBe("MalformedJson")
    },
    {
      name: "no answers",
      path: "/survey/answers",
      options: (token) => ({ body: { token } }),
      status: 400,
      issue: "answers"
    },
    {
      name: "answers that are not an object",
      path: "/survey/answers",
      options: (token) => ({ body: { token, answers: "4" } }),
      status: 400,
      issue: "answers"
    },
    {
      name: "an unknown field",
      path: "/survey/answers",
      options: (token) => ({ body: { token, answers: { "gaat-goed": 3 }, email: "gezin0@example.org" } }),
      status: 400,
      issue: "email"
    },
    {
      name: "a form instead of JSON",
      path: "/survey/answers",
      options: (token) => ({ raw: `token=${token}`, contentType: "application/x-www-form-urlencoded" }),
      status: 415
    },
    {
      name: "a body above 64 KiB",
      path: "/survey/answers",
      options: (token) => ({ body: { token, answers: { "wat-kan-beter": "x".repeat(70 * 1024) } } }),
      status: 413
    }
  ]

  for (const c of cases) {
    it.live(`${c.name}: ${c.status}, nothing stored, the code still works`, () =>
      Effect.gen(function*() {
        const { codes } = yield* invitedSurvey(1)
        const token = codes[0]!
        const before = yield* storedSurveys
        const query = c.query === undefined ? "" : `?${c.query}=${token}`
        const reply = yield* call("POST", `${c.path}${query}`, c.options(token))
        yield* expectRefusedSurvey(reply, c.status, before)
        if (c.issue !== undefined) {
          expect(reply.body.code).toBe("InvalidInput")
          expect(reply.body.issues.map((i: any) => i.path)).toEqual([c.issue])
        }
        c.check?.(reply)
        // Nothing was used up: the invitation still answers.
        const answered = yield* call("POST", "/survey/answers", { body: { token, answers: { "gaat-goed": 3 } } })
        expect(answered.status, answered.text).toBe(200)
      }).pipe(Effect.provide(TestServer)))
  }

  it.live("the questionnaire cannot be fetched with GET (the code would be in the address): 404", () =>
    Effect.gen(function*() {
      const { codes } = yield* invitedSurvey(1)
      const reply = yield* call("GET", `/survey/questionnaire?token=${codes[0]!}`)
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe("RouteNotFound")
      const answers = yield* call("GET", `/survey/answers?token=${codes[0]!}`)
      expect(answers.status).toBe(404)
    }).pipe(Effect.provide(TestServer)))
})

describe("mistakes in organiser survey requests", () => {
  it.live("creating: unknown fields and a trackId in the body are 400 with every issue; no survey", () =>
    Effect.gen(function*() {
      const trackId = yield* openTrack
      const before = yield* storedSurveys
      const reply = yield* organiser("POST", `/tracks/${trackId}/surveys`, {
        body: { trackId, colour: "blue", title: { nl: "Vragen" } }
      })
      yield* expectRefusedSurvey(reply, 400, before)
      expect(issuePaths(reply).sort()).toEqual(["colour", "title.en", "trackId"])
    }).pipe(Effect.provide(TestServer)))

  it.live("inviting nobody, a bad address, an unknown audience or an unknown field: 400 naming each", () =>
    Effect.gen(function*() {
      const { surveyId } = yield* invitedSurvey(1)
      const before = yield* storedSurveys
      const empty = yield* organiser("POST", `/surveys/${surveyId}/invitations`, { body: { invitees: [] } })
      yield* expectRefusedSurvey(empty, 400, before)
      expect(empty.body.issues).toEqual([{
        path: "invitees",
        message: "Noem minstens één persoon. / Name at least one person.",
        text: { nl: "Noem minstens één persoon.", en: "Name at least one person." }
      }])
      const [good] = invitees(1, "Parent")
      const bad = yield* organiser("POST", `/surveys/${surveyId}/invitations`, {
        body: {
          invitees: [
            good,
            { ...good, email: "not-an-address" },
            { ...good, email: "b@example.org", audience: "Neighbour" },
            { ...good, email: "c@example.org", phone: "0612345678" }
          ]
        }
      })
      yield* expectRefusedSurvey(bad, 400, before)
      expect(issuePaths(bad).sort()).toEqual(["invitees.1.email", "invitees.2.audience", "invitees.3.phone"])
    }).pipe(Effect.provide(TestServer)))

  it.live("review decisions with an unknown field or a wrong type: 400", () =>
    Effect.gen(function*() {
      const surveyId = yield* draftSurvey
      const before = yield* storedSurveys
      const reply = yield* organiser("PUT", `/surveys/${surveyId}/open-answers`, {
        body: [{ group: "FosterFamily", question: "wat-kan-beter", position: "1", approved: true, note: "ok" }]
      })
      yield* expectRefusedSurvey(reply, 400, before)
      expect(issuePaths(reply).sort()).toEqual(["0.note", "0.position"])
      const object = yield* organiser("PUT", `/surveys/${surveyId}/open-answers`, { body: { decisions: [] } })
      yield* expectRefusedSurvey(object, 400, before)
    }).pipe(Effect.provide(TestServer)))

  it.live("regional figures must be CSV (415 otherwise) and at most 64 KiB (413)", () =>
    Effect.gen(function*() {
      const before = yield* storedSurveys
      const csv = "indicator,region,period,value,unit,source,invented\npleegkinderen,JZ32,2023,410,kinderen,Bron,nee\n"
      for (const contentType of ["application/json", "text/plain", "application/x-www-form-urlencoded"]) {
        const reply = yield* organiser("POST", "/regional-figures", { raw: csv, contentType })
        yield* expectRefusedSurvey(reply, 415, before)
        expect(reply.body.text.en).toContain("Content-Type: text/csv")
      }
      const json = yield* organiser("POST", "/regional-figures", { body: { figures: [] } })
      yield* expectRefusedSurvey(json, 415, before)
      const large = yield* organiser("POST", "/regional-figures", {
        raw: csv + "pleegkinderen,JZ32,2023,410,kinderen,Bron,nee\n".repeat(1500),
        contentType: "text/csv"
      })
      yield* expectRefusedSurvey(large, 413, before)
      // CSV sent to a JSON endpoint is still refused.
      const surveyId = yield* draftSurvey
      const wrong = yield* organiser("PATCH", `/surveys/${surveyId}`, { raw: "title\nVragen\n", contentType: "text/csv" })
      expect(wrong.status).toBe(415)
      expect(wrong.body.text.en).toContain("Content-Type: application/json")
    }).pipe(Effect.provide(TestServer)))

  it.live("a report in a language that is not offered, or with an unknown parameter: 400", () =>
    Effect.gen(function*() {
      const surveyId = yield* draftSurvey
      const before = yield* storedSurveys
      const language = yield* organiser("GET", `/surveys/${surveyId}/report.html?lang=fr`)
      yield* expectRefusedSurvey(language, 400, before)
      expect(issuePaths(language)).toEqual(["lang"])
      const unknown = yield* organiser("GET", `/surveys/${surveyId}/report.md?colour=blue`)
      yield* expectRefusedSurvey(unknown, 400, before)
      expect(issuePaths(unknown)).toEqual(["colour"])
    }).pipe(Effect.provide(TestServer)))
})
