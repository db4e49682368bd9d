/**
 * Every endpoint with every role: public endpoints answer without a token;
 * organiser endpoints refuse a missing, a wrong and a non-Bearer token with
 * 401 (JSON, Dutch and English) and store nothing, and work with the right
 * token.
 */
import type * as HttpMethod from "@effect/platform/HttpMethod"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  call,
  type CallOptions,
  closedSurvey,
  createTrack,
  dayFromNow,
  draftSurvey,
  fosterChild,
  fosterParent,
  fromTemplate,
  invitedSurvey,
  invitees,
  openSurvey,
  openTrack,
  organiser,
  registered,
  stored,
  refusesWithoutTheRightToken,
  storedSurveys,
  TestServer,
  TestTime,
  TOKEN,
  tokenFor,
  WRONG_TOKEN
} from "./fixtures.js"

/** An open track with a confirmed foster parent and a 14-year-old waiting for consent. */
const scenario = Effect.gen(function*() {
  const trackId = yield* openTrack
  const adult = yield* registered(trackId, fosterParent())
  const minor = yield* registered(trackId, fosterChild(14))
  expect(minor.status._tag).toBe("AwaitingConsent")
  return { trackId, adult: adult.id, minor: minor.id }
})

type Scenario = Effect.Effect.Success<typeof scenario>

interface Case {
  readonly name: string
  readonly method: HttpMethod.HttpMethod
  readonly path: (s: Scenario) => string
  readonly body?: unknown
  /** Runs before the call with the right token. */
  readonly before?: Effect.Effect<void, never, TestTime>
  readonly status: number
}

const consent = { givenBy: "Mieke de Vries", relationship: "parent", givenOn: dayFromNow(0) }

const organiserCases: ReadonlyArray<Case> = [
  { name: "POST /tracks", method: "POST", path: () => "/tracks", body: createTrack, status: 201 },
  { name: "POST /tracks/from-template", method: "POST", path: () => "/tracks/from-template", body: fromTemplate, status: 201 },
  {
    name: "POST /tracks/:trackId/status",
    method: "POST",
    path: (s) => `/tracks/${s.trackId}/status`,
    body: { _tag: "RegistrationClosed" },
    status: 200
  },
  {
    name: "PUT /tracks/:trackId/sessions/:number",
    method: "PUT",
    path: (s) => `/tracks/${s.trackId}/sessions/2`,
    body: { date: dayFromNow(380), startTime: "17:00", endTime: "21:00" },
    status: 200
  },
  { name: "GET /tracks/:trackId/registrations", method: "GET", path: (s) => `/tracks/${s.trackId}/registrations`, status: 200 },
  { name: "GET /tracks/:trackId/composition", method: "GET", path: (s) => `/tracks/${s.trackId}/composition`, status: 200 },
  {
    name: "POST /registrations/:registrationId/withdrawal",
    method: "POST",
    path: (s) => `/registrations/${s.adult}/withdrawal`,
    status: 200
  },
  {
    name: "POST /registrations/:registrationId/consent",
    method: "POST",
    path: (s) => `/registrations/${s.minor}/consent`,
    body: consent,
    status: 200
  },
  {
    name: "PUT /tracks/:trackId/sessions/:number/attendance/:registrationId",
    method: "PUT",
    path: (s) => `/tracks/${s.trackId}/sessions/1/attendance/${s.adult}`,
    body: { present: true },
    // Session 1 must have started: move the server's clock past it.
    before: Effect.flatMap(TestTime, (time) => time.travel("366 days")),
    status: 200
  },
  { name: "GET /tracks/:trackId/attendance", method: "GET", path: (s) => `/tracks/${s.trackId}/attendance`, status: 200 }
]

describe("organiser endpoints", () => {
  for (const c of organiserCases) {
    describe(c.name, () => {
      refusesWithoutTheRightToken((token, headers) =>
        Effect.gen(function*() {
          const s = yield* scenario
          const before = yield* stored
          const reply = yield* call(c.method, c.path(s), {
            ...(c.body === undefined ? {} : { body: c.body }),
            ...(token === undefined ? {} : { token }),
            ...(headers === undefined ? {} : { headers })
          })
          return { reply, before, after: yield* stored }
        }))

      it.live(`works with the right token (${c.status})`, () =>
        Effect.gen(function*() {
          const s = yield* scenario
          if (c.before !== undefined) yield* c.before
          const reply = yield* organiser(c.method, c.path(s), c.body === undefined ? {} : { body: c.body })
          expect(reply.status, reply.text).toBe(c.status)
          expect(reply.headers["content-type"]).toContain("application/json")
        }).pipe(Effect.provide(TestServer)))
    })
  }
})

/** The survey (or track) an organiser endpoint of the surveys group acts on. */
const surveyIn = {
  track: Effect.map(openTrack, (trackId) => ({ trackId, surveyId: "" })),
  draft: Effect.map(draftSurvey, (surveyId) => ({ trackId: "", surveyId })),
  open: Effect.map(openSurvey, (surveyId) => ({ trackId: "", surveyId })),
  invited: Effect.map(invitedSurvey(2), ({ surveyId }) => ({ trackId: "", surveyId })),
  closed: Effect.map(closedSurvey(6), (surveyId) => ({ trackId: "", surveyId }))
}

interface SurveyCase {
  readonly name: string
  readonly method: HttpMethod.HttpMethod
  readonly setup: keyof typeof surveyIn
  readonly path: (s: { readonly trackId: string; readonly surveyId: string }) => string
  readonly options?: CallOptions
  readonly status: number
  readonly contentType?: string
}

const figuresCsv = "indicator,region,period,value,unit,source,invented\npleeggezinnen,JZ32,2023,120,gezinnen,Voorbeeld,ja\n"

const surveyCases: ReadonlyArray<SurveyCase> = [
  { name: "POST /tracks/:trackId/surveys", method: "POST", setup: "track", path: (s) => `/tracks/${s.trackId}/surveys`, options: { body: {} }, status: 201 },
  { name: "GET /surveys/:surveyId", method: "GET", setup: "draft", path: (s) => `/surveys/${s.surveyId}`, status: 200 },
  {
    name: "PATCH /surveys/:surveyId",
    method: "PATCH",
    setup: "draft",
    path: (s) => `/surveys/${s.surveyId}`,
    options: { body: { title: { nl: "Vragen", en: "Questions" } } },
    status: 200
  },
  { name: "POST /surveys/:surveyId/open", method: "POST", setup: "draft", path: (s) => `/surveys/${s.surveyId}/open`, status: 200 },
  { name: "POST /surveys/:surveyId/close", method: "POST", setup: "invited", path: (s) => `/surveys/${s.surveyId}/close`, status: 200 },
  {
    name: "POST /surveys/:surveyId/invitations",
    method: "POST",
    setup: "open",
    path: (s) => `/surveys/${s.surveyId}/invitations`,
    options: { body: { invitees: invitees(2, "Parent") } },
    status: 200
  },
  { name: "POST /surveys/:surveyId/reminders", method: "POST", setup: "invited", path: (s) => `/surveys/${s.surveyId}/reminders`, status: 200 },
  {
    name: "PUT /surveys/:surveyId/open-answers",
    method: "PUT",
    setup: "closed",
    path: (s) => `/surveys/${s.surveyId}/open-answers`,
    options: { body: [] },
    status: 200
  },
  { name: "GET /surveys/:surveyId/report", method: "GET", setup: "closed", path: (s) => `/surveys/${s.surveyId}/report`, status: 200 },
  {
    name: "GET /surveys/:surveyId/report.md",
    method: "GET",
    setup: "closed",
    path: (s) => `/surveys/${s.surveyId}/report.md`,
    status: 200,
    contentType: "text/markdown"
  },
  {
    name: "GET /surveys/:surveyId/report.html",
    method: "GET",
    setup: "closed",
    path: (s) => `/surveys/${s.surveyId}/report.html`,
    status: 200,
    contentType: "text/html"
  },
  {
    name: "GET /surveys/:surveyId/report.csv",
    method: "GET",
    setup: "closed",
    path: (s) => `/surveys/${s.surveyId}/report.csv`,
    status: 200,
    contentType: "text/csv"
  },
  {
    name: "POST /regional-figures",
    method: "POST",
    setup: "track",
    path: () => "/regional-figures",
    options: { raw: figuresCsv, contentType: "text/csv" },
    status: 200
  }
]

describe("survey organiser endpoints", () => {
  for (const c of surveyCases) {
    describe(c.name, () => {
      refusesWithoutTheRightToken((token, headers) =>
        Effect.gen(function*() {
          const s = yield* surveyIn[c.setup]
          const before = { tracks: yield* stored, surveys: yield* storedSurveys }
          const reply = yield* call(c.method, c.path(s), {
            ...c.options,
            ...(token === undefined ? {} : { token }),
            ...(headers === undefined ? {} : { headers })
          })
          return { reply, before, after: { tracks: yield* stored, surveys: yield* storedSurveys } }
        }))

      it.live(`works with the right token (${c.status})`, () =>
        Effect.gen(function*() {
          const s = yield* surveyIn[c.setup]
          const reply = yield* organiser(c.method, c.path(s), c.options)
          expect(reply.status, reply.text).toBe(c.status)
          expect(reply.headers["content-type"]).toContain(c.contentType ?? "application/json")
        }).pipe(Effect.provide(TestServer)))
    })
  }
})

describe("public endpoints", () => {
  it.live("GET /regions lists the 42 regions with their labels and municipality counts", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/regions")
      expect(reply.status).toBe(200)
      expect(reply.body).toHaveLength(42)
      expect(reply.body.find((r: any) => r.code === "JZ32")).toEqual({
        code: "JZ32",
        name: "Rijk van Nijmegen",
        label: "Rijk van Nijmegen",
        municipalityCount: 7
      })
      expect(reply.body.reduce((n: number, r: any) => n + r.municipalityCount, 0)).toBe(342)
    }).pipe(Effect.provide(TestServer)))

  it.live("GET /regions/:code gives a region with its municipalities, in any case", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/regions/jz32")
      expect(reply.status).toBe(200)
      expect(reply.body.code).toBe("JZ32")
      expect(reply.body.municipalities.map((m: any) => m.code)).toContain("GM0268")
      const missing = yield* call("GET", "/regions/JZ40")
      expect(missing.status).toBe(404)
      expect(missing.body).toMatchObject({ _tag: "NotFound", code: "RegionNotFound" })
      expect(missing.body.text.nl).toContain("JZ40")
      const malformed = yield* call("GET", "/regions/XX")
      expect(malformed.status).toBe(400)
      expect(malformed.body.code).toBe("InvalidInput")
    }).pipe(Effect.provide(TestServer)))

  it.live("GET /municipalities/:code/region gives the region of a municipality", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/municipalities/GM0944/region")
      expect(reply.status).toBe(200)
      expect(reply.body.municipality.name).toBe("Mook en Middelaar")
      expect(reply.body.region.code).toBe("JZ32")
      const missing = yield* call("GET", "/municipalities/GM9999/region")
      expect(missing.status).toBe(404)
      expect(missing.body.code).toBe("MunicipalityNotFound")
      const malformed = yield* call("GET", "/municipalities/Nijmegen/region")
      expect(malformed.status).toBe(400)
    }).pipe(Effect.provide(TestServer)))

  it.live("GET /tracks/:trackId shows a published track without registrations or bookkeeping", () =>
    Effect.gen(function*() {
      const { trackId } = yield* scenario
      const reply = yield* call("GET", `/tracks/${trackId}`)
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: trackId, region: "JZ32", regionName: "Rijk van Nijmegen", status: "Open" })
      expect(reply.body.registrationOpen).toBe(true)
      expect(Object.keys(reply.body).sort()).toEqual(
        ["composition", "id", "introduction", "phase", "region", "regionName", "registrationOpen", "sessions", "status", "title"]
      )
      expect(reply.text).not.toContain("anna@example.nl")
    }).pipe(Effect.provide(TestServer)))

  it.live("GET /tracks/:trackId and GET /regions/:code/tracks hide drafts from the public", () =>
    Effect.gen(function*() {
      const draft = yield* organiser("POST", "/tracks/from-template", { body: fromTemplate })
      expect(draft.status).toBe(201)
      const hidden = yield* call("GET", `/tracks/${draft.body.id}`)
      expect(hidden.status).toBe(404)
      expect(hidden.body.code).toBe("TrackNotFound")
      const { trackId } = yield* scenario
      const list = yield* call("GET", "/regions/JZ32/tracks")
      expect(list.status).toBe(200)
      expect(list.body.map((t: any) => t.id)).toEqual([trackId])
      const empty = yield* call("GET", "/regions/JZ01/tracks")
      expect(empty.body).toEqual([])
    }).pipe(Effect.provide(TestServer)))

  it.live("POST /tracks/:trackId/registrations signs up without a token (202)", () =>
    Effect.gen(function*() {
      const trackId = yield* openTrack
      const reply = yield* call("POST", `/tracks/${trackId}/registrations`, { body: fosterParent() })
      expect(reply.status).toBe(202)
      expect(reply.body._tag).toBe("SignUpReceived")
      const list = yield* organiser("GET", `/tracks/${trackId}/registrations`)
      expect(list.body.map((r: { status: { _tag: string } }) => r.status._tag)).toEqual(["Confirmed"])
      // What the person gets back holds no personal data.
      expect(reply.text).not.toContain("anna@example.nl")
      expect(reply.text).not.toContain("Anna")
    }).pipe(Effect.provide(TestServer)))

  it.live("POST /withdrawals withdraws with the personal token, without an organiser token", () =>
    Effect.gen(function*() {
      const { adult } = yield* scenario
      const token = yield* tokenFor("anna@example.nl")
      const reply = yield* call("POST", "/withdrawals", { body: { token } })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: adult, status: { _tag: "Withdrawn", by: "person" } })
      const again = yield* call("POST", "/withdrawals", { body: { token } })
      expect(again.status).toBe(409)
      expect(again.body.code).toBe("RegistrationStateConflict")
    }).pipe(Effect.provide(TestServer)))

  it.live("POST /survey/questionnaire and POST /survey/answers work without an organiser token", () =>
    Effect.gen(function*() {
      const { codes } = yield* invitedSurvey(1)
      const token = codes[0]!
      const form = yield* call("POST", "/survey/questionnaire", { body: { token } })
      expect(form.status, form.text).toBe(200)
      expect(form.body.questionnaire.audience).toBe("FosterFamily")
      // An organiser token does not stand in for the invitation's code.
      const organiserOnly = yield* call("POST", "/survey/questionnaire", { body: {}, token: TOKEN })
      expect(organiserOnly.status).toBe(400)
      expect(organiserOnly.body.issues[0].path).toBe("token")
      const answered = yield* call("POST", "/survey/answers", { body: { token, answers: { "gaat-goed": 4 } } })
      expect(answered.status, answered.text).toBe(200)
      expect(answered.text).not.toContain(token)
    }).pipe(Effect.provide(TestServer)))

  it.live("a public endpoint ignores an organiser token it does not need", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/regions", { token: WRONG_TOKEN })
      expect(reply.status).toBe(200)
    }).pipe(Effect.provide(TestServer)))
})
