import * as Crypto from "node:crypto"
/**
 * The OpenAPI document, the docs page, and the typed client derived from
 * the contract, against a real server.
 */
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { Agenda, CalendarDate, type DomainEvent, MentorMatch, MentorProfile, Outbox } from "@pleegzorg/core"
import { Api, ApiError, Client } from "@pleegzorg/http"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpServer from "@effect/platform/HttpServer"
import { call, fosterChild, fosterParent, fromTemplate, surveyCodes, TestServer, TOKEN } from "./fixtures.js"

/** Where the test server listens, as a client elsewhere would reach it. */
const baseUrl = HttpServer.addressWith((address) =>
  Effect.succeed(address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : "")
)

// The client's payload type is a union per group (the platform distributes
// over union payloads): a decoded sign-up must be narrowed to one group.
const signUp = (body: unknown) =>
  Schema.decodeUnknownSync(Api.RegisterBody)(body) as Extract<Api.RegisterBody, { readonly group: "FosterParent" }>

describe("GET /openapi.json", () => {
  it.live("is a JSON document with a title, every path, and the organiser security", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/openapi.json")
      expect(reply.status).toBe(200)
      expect(reply.headers["content-type"]).toContain("application/json")
      const doc = JSON.parse(reply.text)
      expect(doc.openapi).toMatch(/^3\./)
      expect(doc.info.title).toBe("Het goede gesprek over pleegzorg")
      expect(doc.info.description).toContain("Bearer")
      expect(Object.keys(doc.paths).sort()).toEqual([
        "/agendas/overview",
        "/agendas/overview.csv",
        "/agendas/reminders",
        "/agendas/{agendaId}",
        "/agendas/{agendaId}/actions",
        "/agendas/{agendaId}/actions/{actionId}",
        "/agendas/{agendaId}/actions/{actionId}/contact",
        "/agendas/{agendaId}/actions/{actionId}/notes",
        "/agendas/{agendaId}/actions/{actionId}/status",
        "/agendas/{agendaId}/adoptions",
        "/agendas/{agendaId}/citable",
        "/agendas/{agendaId}/overview",
        "/agendas/{agendaId}/reviews",
        "/agendas/{agendaId}/themes",
        "/mentoring/matches/{matchId}/accept",
        "/mentoring/matches/{matchId}/decline",
        "/mentoring/matches/{matchId}/end",
        "/mentoring/matches/{matchId}/end-by-organiser",
        "/mentoring/matches/{matchId}/view",
        "/mentoring/mentors",
        "/mentoring/mentors/{mentorId}",
        "/mentoring/mentors/{mentorId}/pause",
        "/mentoring/mentors/{mentorId}/resume",
        "/mentoring/prospects",
        "/mentoring/prospects/{prospectId}",
        "/mentoring/prospects/{prospectId}/matches",
        "/mentoring/prospects/{prospectId}/suggestions",
        "/mentoring/regions/{code}/report",
        "/mentoring/runs",
        "/municipalities/{code}/region",
        "/regional-figures",
        "/regions",
        "/regions/{code}",
        "/regions/{code}/agenda-overview",
        "/regions/{code}/tracks",
        "/registrations/{registrationId}/consent",
        "/registrations/{registrationId}/withdrawal",
        "/survey/answers",
        "/survey/questionnaire",
        "/surveys/{surveyId}",
        "/surveys/{surveyId}/close",
        "/surveys/{surveyId}/invitations",
        "/surveys/{surveyId}/open",
        "/surveys/{surveyId}/open-answers",
        "/surveys/{surveyId}/reminders",
        "/surveys/{surveyId}/report",
        "/surveys/{surveyId}/report.csv",
        "/surveys/{surveyId}/report.html",
        "/surveys/{surveyId}/report.md",
        "/tracks",
        "/tracks/from-template",
        "/tracks/{trackId}",
        "/tracks/{trackId}/agenda",
        "/tracks/{trackId}/agenda.csv",
        "/tracks/{trackId}/agenda.html",
        "/tracks/{trackId}/agenda.md",
        "/tracks/{trackId}/attendance",
        "/tracks/{trackId}/composition",
        "/tracks/{trackId}/registrations",
        "/tracks/{trackId}/sessions/{number}",
        "/tracks/{trackId}/sessions/{number}/attendance/{registrationId}",
        "/tracks/{trackId}/status",
        "/tracks/{trackId}/surveys",
        "/withdrawals"
      ])
      expect(doc.components.securitySchemes.organiser).toMatchObject({ type: "http", scheme: "bearer" })
      const register = doc.paths["/tracks/{trackId}/registrations"]
      expect(register.post.security).toEqual([])
      expect(Object.keys(register.post.responses)).toEqual(expect.arrayContaining(["202", "400", "409", "413", "422"]))
      expect(register.get.security).toEqual([{ organiser: [] }])
      expect(Object.keys(register.get.responses)).toContain("401")
      expect(doc.paths["/tracks/{trackId}/attendance"].get.security).toEqual([{ organiser: [] }])
      // surveys: answering is public, with the code in the body or a header and never in the address
      const answers = doc.paths["/survey/answers"].post
      expect(answers.security).toEqual([])
      expect(Object.keys(answers.responses)).toEqual(expect.arrayContaining(["200", "400", "404", "409", "422"]))
      expect(answers.parameters.map((p: any) => [p.name, p.in])).toEqual([["x-invitation-token", "header"]])
      expect(doc.paths["/survey/questionnaire"].post.parameters.map((p: any) => p.in)).toEqual(["header"])
      expect(doc.paths["/surveys/{surveyId}/report"].get.security).toEqual([{ organiser: [] }])
      expect(Object.keys(doc.paths["/surveys/{surveyId}/report.md"].get.responses["200"].content)).toEqual(["text/markdown"])
      expect(doc.paths["/surveys/{surveyId}/report.html"].get.parameters.map((p: any) => [p.name, p.in, p.required]))
        .toEqual([["surveyId", "path", true], ["lang", "query", false]])
      expect(Object.keys(doc.paths["/surveys/{surveyId}/report.html"].get.responses["200"].content)).toEqual(["text/html"])
      expect(Object.keys(doc.paths["/surveys/{surveyId}/report.csv"].get.responses["200"].content)).toEqual(["text/csv"])
      expect(Object.keys(doc.paths["/regional-figures"].post.requestBody.content)).toEqual(["text/csv"])
      expect(doc.paths["/regional-figures"].post.security).toEqual([{ organiser: [] }])
      // agendas: shaping and following up for organisers, the adopted agenda public
      const agenda = doc.paths["/tracks/{trackId}/agenda"]
      expect(agenda.post.security).toEqual([{ organiser: [] }])
      expect(Object.keys(agenda.post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "404", "409"]))
      expect(agenda.get.security).toEqual([])
      expect(Object.keys(agenda.get.responses)).toEqual(expect.arrayContaining(["200", "404", "409"]))
      expect(Object.keys(agenda.get.responses)).not.toContain("401")
      for (const path of ["/tracks/{trackId}/agenda.html", "/tracks/{trackId}/agenda.md", "/tracks/{trackId}/agenda.csv"]) {
        expect(doc.paths[path].get.security, path).toEqual([])
      }
      expect(Object.keys(doc.paths["/tracks/{trackId}/agenda.html"].get.responses["200"].content)).toEqual(["text/html"])
      expect(doc.paths["/tracks/{trackId}/agenda.html"].get.parameters.map((p: any) => [p.name, p.in]))
        .toEqual([["trackId", "path"], ["lang", "query"], ["version", "query"]])
      for (const [path, method] of [
        ["/agendas/{agendaId}", "get"],
        ["/agendas/{agendaId}/themes", "put"],
        ["/agendas/{agendaId}/actions", "post"],
        ["/agendas/{agendaId}/actions/{actionId}", "patch"],
        ["/agendas/{agendaId}/actions/{actionId}", "delete"],
        ["/agendas/{agendaId}/adoptions", "post"],
        ["/agendas/{agendaId}/actions/{actionId}/status", "post"],
        ["/agendas/{agendaId}/actions/{actionId}/notes", "post"],
        ["/agendas/{agendaId}/reviews", "post"],
        ["/agendas/{agendaId}/overview", "get"],
        ["/agendas/{agendaId}/citable", "get"],
        ["/agendas/overview", "get"],
        ["/agendas/overview.csv", "get"],
        ["/agendas/reminders", "post"]
      ] as const) {
        expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([{ organiser: [] }])
        expect(Object.keys(doc.paths[path][method].responses), `${method} ${path}`).toContain("401")
      }
      expect(Object.keys(doc.paths["/agendas/{agendaId}/adoptions"].post.responses)).toContain("422")
      expect(Object.keys(doc.paths["/agendas/{agendaId}/actions/{actionId}/status"].post.responses)).toContain("409")
      // mentoring: profiles, runs, suggestions and reports for organisers; answering with the code from the mail public
      for (const [path, method] of [
        ["/mentoring/prospects", "post"],
        ["/mentoring/prospects/{prospectId}", "get"],
        ["/mentoring/prospects/{prospectId}", "patch"],
        ["/mentoring/prospects/{prospectId}", "delete"],
        ["/mentoring/prospects/{prospectId}/suggestions", "get"],
        ["/mentoring/prospects/{prospectId}/matches", "get"],
        ["/mentoring/mentors", "post"],
        ["/mentoring/mentors/{mentorId}", "get"],
        ["/mentoring/mentors/{mentorId}", "patch"],
        ["/mentoring/mentors/{mentorId}", "delete"],
        ["/mentoring/mentors/{mentorId}/pause", "post"],
        ["/mentoring/mentors/{mentorId}/resume", "post"],
        ["/mentoring/runs", "post"],
        ["/mentoring/runs", "get"],
        ["/mentoring/regions/{code}/report", "get"],
        ["/mentoring/matches/{matchId}/end-by-organiser", "post"]
      ] as const) {
        expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([{ organiser: [] }])
        expect(Object.keys(doc.paths[path][method].responses), `${method} ${path}`).toContain("401")
      }
      expect(Object.keys(doc.paths["/mentoring/prospects"].post.responses)).toEqual(expect.arrayContaining(["201", "400", "404"]))
      expect(Object.keys(doc.paths["/mentoring/prospects/{prospectId}"].delete.responses)).toContain("204")
      expect(doc.paths["/mentoring/prospects/{prospectId}"].delete.description).toContain("Erases the profile")
      expect(Object.keys(doc.paths["/mentoring/runs"].post.responses)).toContain("409")
      for (const action of ["view", "accept", "decline", "end"]) {
        const endpoint = doc.paths[`/mentoring/matches/{matchId}/${action}`].post
        expect(endpoint.security, action).toEqual([])
        expect(Object.keys(endpoint.responses), action).toEqual(expect.arrayContaining(["200", "400", "403", "404"]))
        expect(Object.keys(endpoint.responses), action).not.toContain("401")
        // the code travels in the body or a header, never in the address
        expect(endpoint.parameters.map((p: any) => [p.name, p.in]), action).toEqual([["matchId", "path"], ["x-match-code", "header"]])
      }
      // no schema of the document has a field for the hash of a code
      expect(JSON.stringify(doc)).not.toContain("TokenHash")
    }).pipe(Effect.provide(TestServer)))
})

describe("GET /docs", () => {
  it.live("is an HTML page that needs nothing from another site", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/docs")
      expect(reply.status).toBe(200)
      expect(reply.headers["content-type"]).toContain("text/html")
      expect(reply.text).toContain("<title>Het goede gesprek over pleegzorg</title>")
      expect(reply.text).toContain("api-reference")
      expect(reply.text).not.toMatch(/<script[^>]+src=/)
    }).pipe(Effect.provide(TestServer)))
})

describe("GET /afmelden", () => {
  it.live("is the page behind the mail's withdraw link: it asks before it withdraws, and keeps the code out of logs", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/afmelden")
      expect(reply.status).toBe(200)
      expect(reply.headers["content-type"]).toContain("text/html")
      expect(reply.headers["cache-control"]).toBe("no-store")
      expect(reply.headers["referrer-policy"]).toBe("no-referrer")
      expect(reply.text).toContain("Wil je je afmelden voor alle drie de bijeenkomsten?")
      // only the page's own script and style may run, and it may talk only to this server
      const csp = reply.headers["content-security-policy"] ?? ""
      const inline = /<script>([\s\S]*?)<\/script>/.exec(reply.text)![1]!
      const digest = Crypto.createHash("sha256").update(inline, "utf8").digest("base64")
      expect(csp).toContain(`script-src 'sha256-${digest}'`)
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain("connect-src 'self'")
      // the code comes from the part after "#", and only a button press sends it
      expect(reply.text).toContain("location.hash")
      expect(reply.text).toContain("addEventListener(\"submit\"")
      expect(reply.text).toContain("fetch(endpoint")
      // without a name the field is never sent in a URL, even when scripts are off
      expect(reply.text).not.toMatch(/<input[^>]*\bname=/)
      expect(reply.headers["x-frame-options"]).toBe("DENY")
      expect(reply.text).not.toMatch(/<script[^>]+src=/)
      // the script is valid JavaScript, and finds POST /withdrawals next to the page
      const script = reply.text.slice(reply.text.indexOf("<script>") + 8, reply.text.indexOf("</script>"))
      expect(() => new Function(script)).not.toThrow()
      const endpoint = /location\.pathname\.replace.*"withdrawals"/.exec(script)![0]
      const resolve = (pathname: string) => new Function("location", `return ${endpoint}`)({ pathname })
      expect(["/afmelden", "/afmelden/", "/api/afmelden"].map(resolve)).toEqual(["/withdrawals", "/withdrawals", "/api/withdrawals"])
    }).pipe(Effect.provide(TestServer)))
})

describe("the typed client", () => {
  it.live("calls public endpoints without a token and decodes the answers", () =>
    Effect.gen(function*() {
      const client = yield* Client.makeClient({ baseUrl: yield* baseUrl })
      const regions = yield* client.regions.listRegions()
      expect(regions).toHaveLength(42)
      expect(regions[0]).toBeInstanceOf(Api.RegionSummary)
      const region = yield* client.regions.getRegion({ path: { code: "JZ32" } })
      expect(region.municipalities.map((m) => m.name)).toContain("Nijmegen")
      const missing = yield* Effect.either(client.regions.getRegion({ path: { code: "JZ40" } }))
      expect(Either.isLeft(missing)).toBe(true)
      if (Either.isLeft(missing)) {
        expect(missing.left).toBeInstanceOf(ApiError.NotFound)
        expect(missing.left._tag === "NotFound" && missing.left.code).toBe("RegionNotFound")
      }
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(TestServer)))

  it.live("calls organiser endpoints with the token, and gets a typed 401 without it", () =>
    Effect.gen(function*() {
      const url = yield* baseUrl
      const payload = Schema.decodeUnknownSync(Api.CreateFromTemplateBody)(fromTemplate)
      const anonymous = yield* Client.makeClient({ baseUrl: url })
      const refused = yield* Effect.flip(anonymous.tracks.createFromTemplate({ payload }))
      expect(refused).toBeInstanceOf(ApiError.Unauthorized)
      expect(refused._tag === "Unauthorized" && refused.code).toBe("MissingToken")

      const organiser = yield* Client.makeClient({ baseUrl: url, organiserToken: Redacted.make(TOKEN) })
      const track = yield* organiser.tracks.createFromTemplate({ payload })
      expect(track.status._tag).toBe("Draft")
      const opened = yield* organiser.tracks.changeStatus({ path: { trackId: track.id }, payload: { _tag: "Open" } })
      expect(opened.status._tag).toBe("Open")

      const outcome = yield* anonymous.registrations.register({
        path: { trackId: track.id },
        payload: signUp(fosterParent())
      })
      expect(outcome._tag).toBe("SignUpReceived")
      const list = yield* organiser.registrations.listRegistrations({ path: { trackId: track.id } })
      expect(list.map((r) => [r.email, r.status._tag])).toEqual([["anna@example.nl", "Confirmed"]])
      const twice = yield* anonymous.registrations.register({
        path: { trackId: track.id },
        payload: signUp(fosterParent())
      })
      expect(twice).toEqual(outcome)
      const tooYoung = yield* Effect.flip(anonymous.registrations.register({
        path: { trackId: track.id },
        payload: signUp(fosterChild(13))
      }))
      expect(tooYoung).toBeInstanceOf(ApiError.RegistrationRefused)
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(TestServer)))

  it.live("runs a survey: the organiser prepares and invites, the public answers with the code, typed errors", () =>
    Effect.gen(function*() {
      const url = yield* baseUrl
      const organiser = yield* Client.makeClient({ baseUrl: url, organiserToken: Redacted.make(TOKEN) })
      const anonymous = yield* Client.makeClient({ baseUrl: url })
      const track = yield* organiser.tracks.createFromTemplate({
        payload: Schema.decodeUnknownSync(Api.CreateFromTemplateBody)(fromTemplate)
      })
      const draft = yield* organiser.surveys.createSurvey({ path: { trackId: track.id }, payload: {} })
      expect(draft.status._tag).toBe("Draft")
      const refused = yield* Effect.flip(anonymous.surveys.openSurvey({ path: { surveyId: draft.id } }))
      expect(refused).toBeInstanceOf(ApiError.Unauthorized)
      yield* organiser.surveys.openSurvey({ path: { surveyId: draft.id } })
      const invitees = Schema.decodeUnknownSync(Api.InviteBody)({
        invitees: [{ email: "gezin@example.org", audience: "FosterFamily", municipality: "GM0268" }]
      })
      const sent = yield* organiser.surveys.invite({ path: { surveyId: draft.id }, payload: invitees })
      expect(sent).toBeInstanceOf(Api.InvitationsSent)
      expect(sent.invited).toBe(1)
      const token = Schema.decodeUnknownSync(Api.QuestionnaireBody)({ token: (yield* surveyCodes).get("gezin@example.org") }).token

      const form = yield* anonymous.surveys.questionnaire({ payload: { token }, headers: {} })
      expect(form).toBeInstanceOf(Api.QuestionnaireView)
      expect(form.questionnaire.audience).toBe("FosterFamily")
      const wrong = yield* Effect.flip(anonymous.surveys.answer({ payload: { token, answers: { "gaat-goed": 0 } }, headers: {} }))
      expect(wrong).toBeInstanceOf(ApiError.AnswersRefused)
      expect(wrong._tag === "AnswersRefused" && wrong.problems.map((p) => p.question)).toEqual(["gaat-goed"])
      const thanks = yield* anonymous.surveys.answer({ payload: { answers: { "gaat-goed": 4 } }, headers: { "x-invitation-token": token } })
      expect(thanks.thanks.en).toContain("Thank you")
      const twice = yield* Effect.flip(anonymous.surveys.answer({ payload: { token, answers: {} }, headers: {} }))
      expect(twice._tag === "Conflict" && twice.code).toBe("AlreadyAnswered")

      yield* organiser.surveys.closeSurvey({ path: { surveyId: draft.id } })
      const report = yield* organiser.surveys.report({ path: { surveyId: draft.id } })
      expect(report.survey.id).toBe(draft.id)
      expect(report.release.cells[0]!.responseRate).toBeDefined()
      const markdown = yield* organiser.surveys.reportMarkdown({ path: { surveyId: draft.id }, urlParams: { lang: "en" } })
      expect(markdown).toContain("# Survey on foster care in Rijk van Nijmegen")
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(TestServer)))

  it.live("runs an agenda: the organiser shapes and adopts it, the public reads it, typed errors", () =>
    Effect.gen(function*() {
      const url = yield* baseUrl
      const organiser = yield* Client.makeClient({ baseUrl: url, organiserToken: Redacted.make(TOKEN) })
      const anonymous = yield* Client.makeClient({ baseUrl: url })
      const track = yield* organiser.tracks.createFromTemplate({
        payload: Schema.decodeUnknownSync(Api.CreateFromTemplateBody)(fromTemplate)
      })
      const created = yield* organiser.agendas.createAgenda({ path: { trackId: track.id }, payload: {} })
      expect(created).toBeInstanceOf(Agenda.Agenda)
      const refused = yield* Effect.flip(anonymous.agendas.getAgenda({ path: { agendaId: created.id } }))
      expect(refused).toBeInstanceOf(ApiError.Unauthorized)
      // the public cannot tell a draft track from one that does not exist
      const hidden = yield* Effect.flip(anonymous.agendas.publicAgenda({ path: { trackId: track.id }, urlParams: {} }))
      expect(hidden._tag === "NotFound" && hidden.code).toBe("TrackNotFound")
      yield* organiser.tracks.changeStatus({ path: { trackId: track.id }, payload: { _tag: "Open" } })
      const early = yield* Effect.flip(anonymous.agendas.publicAgenda({ path: { trackId: track.id }, urlParams: {} }))
      expect(early._tag === "Conflict" && early.code).toBe("AgendaStateConflict")

      const theme = "Samenwerking"
      yield* organiser.agendas.setAgendaThemes({
        path: { agendaId: created.id },
        payload: Schema.decodeUnknownSync(Api.AgendaThemesBody)([{ name: theme, statements: [] }])
      })
      const action = Schema.decodeUnknownSync(Api.ActionBody)({
        title: "Startgesprek",
        theme,
        owner: { organisation: "Pleegzorgaanbieder", role: "teamleider", contact: { email: "team@example.org", language: "nl" } },
        start: "2030-06-01",
        due: "2030-05-01",
        success: "Bij elke plaatsing"
      })
      const dates = yield* Effect.flip(organiser.agendas.addAgendaAction({ path: { agendaId: created.id }, payload: action }))
      expect(dates).toBeInstanceOf(ApiError.Unprocessable)
      expect(dates._tag === "Unprocessable" && dates.code).toBe("InvalidActionDates")
      const added = yield* organiser.agendas.addAgendaAction({
        path: { agendaId: created.id },
        payload: { ...action, due: Schema.decodeUnknownSync(CalendarDate.CalendarDate)("2030-12-31") }
      })
      const actionId = added.draft.actions[0]!.id
      yield* organiser.agendas.adoptAgenda({ path: { agendaId: created.id }, payload: {} })
      const status = yield* Effect.flip(organiser.agendas.changeActionStatus({
        path: { agendaId: created.id, actionId },
        payload: { status: { _tag: "InProgress" } }
      }))
      expect(status._tag === "Conflict" && status.code).toBe("InvalidActionTransition")

      const shown = yield* anonymous.agendas.publicAgenda({ path: { trackId: track.id }, urlParams: {} })
      expect(shown.version.number).toBe(1)
      expect(Option.isNone(shown.version.change)).toBe(true)
      expect(shown.version.content.actions[0]!.owner).toEqual({ organisation: "Pleegzorgaanbieder", role: "teamleider" })
      const overview = yield* organiser.agendas.agendaOverview({ path: { agendaId: created.id }, urlParams: {} })
      expect(overview.overview.byStatus.Proposed).toBe(1)
      expect(overview.reviews.every((r) => Option.isNone(r.heldOn))).toBe(true)
      const html = yield* anonymous.agendas.publicAgendaHtml({ path: { trackId: track.id }, urlParams: { lang: "en" } })
      expect(html).toContain("<svg")
      expect(html).not.toContain("team@example.org")
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(TestServer)))

  it.live("runs mentoring: the organiser enters profiles and runs, the mentor views and accepts with the code, typed errors", () =>
    Effect.gen(function*() {
      const url = yield* baseUrl
      const organiser = yield* Client.makeClient({ baseUrl: url, organiserToken: Redacted.make(TOKEN) })
      const anonymous = yield* Client.makeClient({ baseUrl: url })
      const contact = { name: "Sanne Bakker", email: "sanne@example.org", language: "nl" }
      const prospect = yield* organiser.mentoring.createProspect({
        payload: Schema.decodeUnknownSync(Api.ProspectBody)({
          municipality: "GM0268",
          kinds: ["LongTerm"],
          family: "Single",
          languages: ["nl"],
          availability: ["Evenings"],
          contact
        })
      })
      expect(prospect).toBeInstanceOf(MentorProfile.Prospect)
      expect(prospect.questions).toBe("")
      const refused = yield* Effect.flip(anonymous.mentoring.getProspect({ path: { prospectId: prospect.id } }))
      expect(refused).toBeInstanceOf(ApiError.Unauthorized)
      const none = yield* organiser.mentoring.prospectSuggestions({ path: { prospectId: prospect.id } })
      expect([Option.isNone(none.pick), none.reason]).toEqual([true, "NoMentorWithinReach"])
      const mentor = yield* organiser.mentoring.createMentor({
        payload: Schema.decodeUnknownSync(Api.MentorBody)({
          municipality: "GM0268",
          experience: [{ kind: "LongTerm", years: 3 }],
          family: "Single",
          languages: ["nl"],
          availability: ["Evenings"],
          capacity: 1,
          contact: { ...contact, name: "Joke Hendriks", email: "joke@example.org" }
        })
      })
      const run = yield* organiser.mentoring.runMatching({ payload: {} })
      expect(run.proposed.map((m) => [m.prospectId, m.mentorId])).toEqual([[prospect.id, mentor.id]])
      expect(Object.keys(run.proposed[0]!)).not.toContain("mentorTokenHash")

      const outbox = yield* Outbox.Outbox
      const entries = yield* outbox.claim({ now: DateTime.unsafeMake("2200-01-01T00:00:00Z"), limit: 100, lease: Duration.seconds(1) })
      const proposal = entries.map((e) => e.event).find((e): e is DomainEvent.MentorProposed => e._tag === "MentorProposed")!
      const matchId = Schema.decodeUnknownSync(MentorMatch.MatchId)(proposal.matchId)
      const view = yield* anonymous.mentoring.viewMatch({ path: { matchId }, payload: {}, headers: { "x-match-code": proposal.token } })
      expect([view.role, view.status, Option.map(view.prospect, (p) => p.family)]).toEqual(["mentor", "Proposed", Option.some("Single")])
      const wrong = yield* Effect.flip(anonymous.mentoring.acceptMatch({ path: { matchId }, payload: { code: "A".repeat(43) }, headers: {} }))
      expect(wrong).toBeInstanceOf(ApiError.Forbidden)
      const accepted = yield* anonymous.mentoring.acceptMatch({ path: { matchId }, payload: { code: proposal.token }, headers: {} })
      expect(accepted).toBeInstanceOf(Api.MatchAnswered)
      expect(accepted.status).toBe("Active")
      const report = yield* organiser.mentoring.mentoringReport({ path: { code: "JZ32" } })
      expect([report.matched, Option.isSome(report.score)]).toEqual([1, true])
      const ended = yield* organiser.mentoring.endMatchByOrganiser({ path: { matchId }, payload: {} })
      expect([ended.ended, Option.isNone(ended.next)]).toEqual([matchId, true])
      const again = yield* Effect.flip(organiser.mentoring.endMatchByOrganiser({ path: { matchId }, payload: {} }))
      expect(again._tag === "Conflict" && again.code).toBe("MatchStateConflict")
      yield* organiser.mentoring.removeProspect({ path: { prospectId: prospect.id } })
      const gone = yield* Effect.flip(organiser.mentoring.getProspect({ path: { prospectId: prospect.id } }))
      expect(gone._tag === "NotFound" && gone.code).toBe("ProspectNotFound")
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(TestServer)))
})
