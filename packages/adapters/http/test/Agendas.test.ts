/**
 * An improvement agenda over HTTP, from the findings to the follow-up and
 * the public agenda of a track, and how its core errors come out.
 */
import type * as HttpMethod from "@effect/platform/HttpMethod"
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Agenda, AgendaAction, AgendaStorage, Outbox } from "@pleegzorg/core"
import { Api } from "@pleegzorg/http"
import {
  call,
  type CallOptions,
  closedSurvey,
  dayFromNow,
  openTrack,
  organiser,
  type Reply,
  refusesWithoutTheRightToken,
  TestServer
} from "./fixtures.js"

// -----------------------------------------------------------------------------
// data
// -----------------------------------------------------------------------------

const samenwerking = "Samenwerking tussen pleegouders en ouders"
const overbelasting = "Overbelasting van pleegouders voorkomen"
const eigenKinderen = "Impact op eigen kinderen"

const sessionNote = { _tag: "SessionNote", text: "Vier pleegouders noemden dit in sessie 2." }

const themes = (evidence: ReadonlyArray<unknown> = [sessionNote]) => [
  {
    name: samenwerking,
    statements: [
      { kind: "GoesWell", text: "Pleegouders en ouders zoeken elkaar vaker op.", evidence: [] },
      { kind: "CouldBeBetter", text: "Afspraken over contact worden te laat gemaakt.", evidence }
    ]
  },
  { name: overbelasting, statements: [{ kind: "CouldBeBetter", text: "Pleegouders staan er vaak alleen voor.", evidence: [] }] },
  { name: eigenKinderen, statements: [{ kind: "CouldBeBetter", text: "Eigen kinderen worden weinig gehoord.", evidence: [] }] }
]

const TEAMLEIDER = "teamleider@pleegzorg.example"
const BELEID = "beleid@nijmegen.example"

const startgesprek = {
  title: "Startgesprek met praktische afspraken bij elke plaatsing",
  description: "Pleegouders, ouders, pleegzorgwerker en jeugdbeschermer maken aan het begin samen afspraken.",
  theme: samenwerking,
  owner: {
    organisation: "Pleegzorgaanbieder",
    role: "teamleider pleegzorg",
    contact: { name: "Marleen Bos", email: TEAMLEIDER, language: "nl" }
  },
  groups: ["FosterParent", "Parent", "CareWorker"],
  start: "2030-06-01",
  due: "2030-12-31",
  success: "Bij 9 van de 10 nieuwe plaatsingen is er binnen zes weken een startgesprek geweest."
}
const samenwerkingsafspraak = {
  ...startgesprek,
  title: "Samenwerkingsafspraak op papier",
  description: "De rollen van ouders, pleegouders, pleegzorgwerker en jeugdbeschermer staan op papier.",
  due: "2030-09-30"
}
const eenOpEen = {
  ...startgesprek,
  title: "Een-op-een tijd met eigen kinderen",
  theme: eigenKinderen,
  owner: { organisation: "Gemeente Nijmegen", role: "beleidsmaker jeugd", contact: { email: BELEID, language: "en" } },
  groups: ["OwnChild", "CareWorker"],
  due: "2031-03-31"
}

const unknownAgenda = `agd_${"0".repeat(20)}`
const unknownAction = `act_${"0".repeat(20)}`

// -----------------------------------------------------------------------------
// helpers
// -----------------------------------------------------------------------------

/** Every agenda as stored (read past the API), to check that a refused request wrote nothing. */
const storedAgendas = Effect.gen(function*() {
  const agendas = yield* (yield* AgendaStorage.AgendaRepository).list()
  return agendas.map((agenda) => Schema.encodeSync(Agenda.Agenda)(agenda))
})

/** The agenda events that went out by mail since the last look, taken out of the outbox. */
const agendaMail = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({
    now: DateTime.unsafeMake(Date.now() + 1000 * 24 * 60 * 60 * 1000),
    limit: 10_000,
    lease: Duration.seconds(1)
  })
  yield* Effect.forEach(entries, (entry) => outbox.complete(entry.event.id))
  return entries.map((entry) => entry.event).filter((event) =>
    ["AgendaAdopted", "ActionDueSoon", "ActionOverdue", "ReviewDueSoon"].includes(event._tag)
  )
})

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

/** An open track with an empty agenda. */
const newAgenda = Effect.gen(function*() {
  const trackId = yield* openTrack
  const created = yield* organiser("POST", `/tracks/${trackId}/agenda`, { body: {} })
  expect(created.status, created.text).toBe(201)
  return { trackId, agendaId: created.body.id as string }
})

/** An agenda with its themes and one action in the draft (due a week from now). */
const draftAgenda = Effect.gen(function*() {
  const { agendaId, trackId } = yield* newAgenda
  expectOk(yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: themes() }))
  const added = yield* organiser("POST", `/agendas/${agendaId}/actions`, {
    body: { ...startgesprek, start: dayFromNow(-30), due: dayFromNow(7) }
  })
  const actionId = expectOk(added).draft.actions[0].id as string
  return { trackId, agendaId, actionId }
})

/** The same, adopted today. */
const adoptedAgenda = Effect.gen(function*() {
  const agenda = yield* draftAgenda
  expectOk(yield* organiser("POST", `/agendas/${agenda.agendaId}/adoptions`, { body: {} }))
  return agenda
})

/** No URL in the page that points elsewhere: no script, style, image, font or link to fetch. */
const expectSelfContained = (html: string) => {
  expect(html).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:|\/\/)/i)
  expect(html).not.toMatch(/<link\b/i)
  expect(html).not.toMatch(/@import/i)
  expect(html).not.toMatch(/url\(\s*["']?\s*(?!data:)/i)
  expect(html).not.toMatch(/<script/i)
}

const expectNoContacts = (text: string) => {
  for (const secret of [TEAMLEIDER, BELEID, "Marleen Bos", "@pleegzorg.example", "@nijmegen.example"]) {
    expect(text).not.toContain(secret)
  }
}

// -----------------------------------------------------------------------------
// the public contract
// -----------------------------------------------------------------------------

describe("the public agenda contract", () => {
  it("drops an owner's contact even if one were handed to it", () => {
    const action = Schema.decodeUnknownSync(AgendaAction.Action)({
      ...startgesprek,
      id: `act_${"a".repeat(20)}`,
      status: { _tag: "Proposed" },
      notes: []
    })
    // an action never holds a contact: the agenda keeps them apart
    expect(JSON.stringify(action)).not.toContain(TEAMLEIDER)
    const shown = Schema.encodeSync(Api.PublicAction)(action)
    expect(shown.owner).toEqual({ organisation: "Pleegzorgaanbieder", role: "teamleider pleegzorg" })
    expectNoContacts(JSON.stringify(shown))
  })
})

// -----------------------------------------------------------------------------
// the whole flow
// -----------------------------------------------------------------------------

describe("an improvement agenda from findings to follow-up", () => {
  it.live("create, findings with evidence, actions, adopt, status, note, review, overviews, reminders, public agenda and exports", () =>
    Effect.gen(function*() {
      // The track had a survey: its start report is a release the findings may cite.
      const surveyId = yield* closedSurvey(6)
      const trackId: string = (yield* organiser("GET", `/surveys/${surveyId}`)).body.trackId
      const report = expectOk(yield* organiser("GET", `/surveys/${surveyId}/report`))
      const releaseId: string = report.releaseId
      const csv = "indicator,region,period,value,unit,source,invented\npleegkinderen,JZ32,2023,410,kinderen,Voorbeeldbron,ja\n"
      expectOk(yield* organiser("POST", "/regional-figures", { raw: csv, contentType: "text/csv" }))

      // Before there is an agenda, the public gets 404.
      expectError(yield* call("GET", `/tracks/${trackId}/agenda`), 404, "NotFound", "AgendaNotFound")

      // The organiser creates the agenda: an empty draft, reviews after 3, 6 and 12 months.
      const created = expectOk(yield* organiser("POST", `/tracks/${trackId}/agenda`, { body: {} }), 201)
      expect(created).toMatchObject({
        trackId,
        region: "JZ32",
        draft: { themes: [], actions: [] },
        versions: [],
        moments: [3, 6, 12],
        reviews: []
      })
      expect(created.id).toMatch(/^agd_[0-9a-z]{20}$/)
      const agendaId: string = created.id
      expectError(yield* organiser("POST", `/tracks/${trackId}/agenda`, { body: {} }), 409, "Conflict", "AgendaStateConflict")

      // Not adopted yet: the public sees that, not the draft.
      const early = yield* call("GET", `/tracks/${trackId}/agenda`)
      expectError(early, 409, "Conflict", "AgendaStateConflict")
      expect(early.body.text.en).toContain("not been adopted yet")

      // What may be cited: the shown figures of the release, and the regional figure. Nothing suppressed.
      const citable = expectOk(yield* organiser("GET", `/agendas/${agendaId}/citable`))
      expect(citable.figures).toEqual([{ indicator: "pleegkinderen", area: "JZ32", period: "2023" }])
      expect(citable.releases.map((r: any) => r.releaseId)).toEqual([releaseId])
      const release = citable.releases[0]
      // Exactly the figures that the start report shows, and none that it hides.
      const shownIn = (cells: ReadonlyArray<any>, field: string) =>
        cells.filter((c) => c[field]._tag === "Shown").map((c) => c.key).sort()
      expect(release.respondents.map((c: any) => c.cell).sort()).toEqual(shownIn(report.release.cells, "respondents"))
      expect(release.respondents).toContainEqual({ cell: "all", label: { nl: "Iedereen", en: "Everyone" }, value: 6 })
      for (const q of report.release.questions) {
        const listed = release.questions.find((c: any) => c.question === q.id)
        expect(listed?.cells.map((c: any) => c.cell).sort() ?? [], q.id).toEqual(shownIn(q.cells, "figure"))
      }
      // The six families' own group is hidden in the report, so it cannot be cited either.
      expect(report.release.cells.find((c: any) => c.key === "group:Families").respondents._tag).toBe("Suppressed")
      expect(JSON.stringify(citable)).not.toContain("group:Families")
      expect(JSON.stringify(citable)).not.toContain("Suppressed")
      const gaatGoed = release.questions.find((q: any) => q.question === "gaat-goed")
      expect(gaatGoed.cells.find((c: any) => c.cell === "all").figure).toMatchObject({ _tag: "Likert", answered: 6 })

      // The findings of session 2, each piece of evidence pointing at something published.
      const evidence = [
        sessionNote,
        { _tag: "SurveyResult", releaseId, question: "gaat-goed", cell: "all" },
        { _tag: "SurveyResult", releaseId, question: "", cell: "all" },
        { _tag: "RegionalFigure", indicator: "pleegkinderen", area: "JZ32", period: "2023" }
      ]
      const withThemes = expectOk(yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: themes(evidence) }))
      expect(withThemes.draft.themes.map((t: any) => t.name)).toEqual([samenwerking, overbelasting, eigenKinderen])
      expect(withThemes.draft.themes[0].statements[1].evidence).toEqual(evidence)

      // Three actions, each with an owner (and where mail goes).
      const ids: Array<string> = []
      for (const action of [startgesprek, samenwerkingsafspraak, eenOpEen]) {
        const added = expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions`, { body: action }))
        const last = added.draft.actions.at(-1)
        const { contact, ...owner } = action.owner as { contact?: unknown; organisation: string; role: string }
        expect(last).toMatchObject({ title: action.title, status: { _tag: "Proposed" }, notes: [], owner })
        // where mail goes is kept beside the action, for the organiser only
        expect(added.contacts[last.id]).toEqual(contact)
        ids.push(last.id)
      }
      const [a1, a2, a3] = ids as [string, string, string]

      // The organiser's view has everything, the contacts too.
      const full = expectOk(yield* organiser("GET", `/agendas/${agendaId}`))
      expect(full.draft.actions).toHaveLength(3)
      expect(JSON.stringify(full)).toContain(TEAMLEIDER)

      // Adopted as version 1: each owner with a contact gets one mail with their actions.
      yield* agendaMail
      const adopted = expectOk(yield* organiser("POST", `/agendas/${agendaId}/adoptions`, { body: { on: "2030-05-20" } }))
      expect(adopted.versions.map((v: any) => [v.number, v.adoptedOn, v.change])).toEqual([[1, "2030-05-20", null]])
      const mailed = yield* agendaMail
      expect(mailed.map((e) => [e._tag, e.recipient.email]).sort()).toEqual([
        ["AgendaAdopted", BELEID],
        ["AgendaAdopted", TEAMLEIDER]
      ])

      // How the actions go: agreed, then in progress, with a note.
      const agreed = expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions/${a1}/status`, {
        body: { status: { _tag: "Agreed" }, on: "2030-06-01" }
      }))
      expect(agreed.progress[a1].status).toEqual({ _tag: "Agreed", on: "2030-06-01" })
      expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions/${a1}/status`, {
        body: { status: { _tag: "InProgress" }, on: "2030-06-15" }
      }))
      const noted = expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions/${a1}/notes`, {
        body: { text: "Eerste tien startgesprekken gehouden.", on: "2030-07-01" }
      }))
      expect(noted.progress[a1]).toEqual({
        status: { _tag: "InProgress", since: "2030-06-15" },
        notes: [{ on: "2030-07-01", text: "Eerste tien startgesprekken gehouden." }]
      })

      // The review after 3 months.
      const reviewed = expectOk(yield* organiser("POST", `/agendas/${agendaId}/reviews`, {
        body: { moment: 3, on: "2030-08-25", notes: [{ action: a1, text: "Loopt goed." }] }
      }))
      expect(reviewed.reviews).toEqual([{ moment: 3, on: "2030-08-25", notes: [{ action: a1, text: "Loopt goed." }] }])


      // The public reads the adopted agenda without a token, and without anyone's contact.
      const shown = yield* call("GET", `/tracks/${trackId}/agenda`)
      expect(shown.status, shown.text).toBe(200)
      expect(Object.keys(shown.body).sort()).toEqual(
        ["agendaId", "inForce", "moments", "region", "regionName", "reviews", "trackId", "version", "versions"]
      )
      expect(shown.body).toMatchObject({ agendaId, trackId, region: "JZ32", regionName: "Rijk van Nijmegen", inForce: true })
      expect(shown.body.version.number).toBe(1)
      expect(shown.body.version.content.actions.map((a: any) => a.owner)).toEqual([
        { organisation: "Pleegzorgaanbieder", role: "teamleider pleegzorg" },
        { organisation: "Pleegzorgaanbieder", role: "teamleider pleegzorg" },
        { organisation: "Gemeente Nijmegen", role: "beleidsmaker jeugd" }
      ])
      // The version in force shows the actions as they stand now.
      expect(shown.body.version.content.actions[0].status).toEqual({ _tag: "InProgress", since: "2030-06-15" })
      expectNoContacts(shown.text)
      for (const hidden of ["contact", "draft", "notified", "progress"]) expect(shown.text).not.toContain(`"${hidden}"`)

      // A change, adopted as version 2 with what changed and why.
      const changedTitle = "Startgesprek binnen zes weken na elke plaatsing"
      expectOk(yield* organiser("PATCH", `/agendas/${agendaId}/actions/${a1}`, { body: { title: changedTitle } }))
      const second = expectOk(yield* organiser("POST", `/agendas/${agendaId}/adoptions`, {
        body: { on: "2030-09-01", change: { what: "Termijn in de titel", why: "Afgesproken bij de evaluatie" } }
      }))
      expect(second.versions.map((v: any) => v.number)).toEqual([1, 2])
      expect(second.versions[1].change).toEqual({ what: "Termijn in de titel", why: "Afgesproken bij de evaluatie" })

      // The version in force is 2; version 1 stays readable as it was adopted.
      const latest = expectOk(yield* call("GET", `/tracks/${trackId}/agenda`))
      expect([latest.version.number, latest.inForce, latest.version.content.actions[0].title]).toEqual([2, true, changedTitle])
      expect(latest.versions.map((v: any) => [v.number, v.adoptedOn])).toEqual([[1, "2030-05-20"], [2, "2030-09-01"]])
      const first = expectOk(yield* call("GET", `/tracks/${trackId}/agenda?version=1`))
      expect([first.version.number, first.inForce]).toEqual([1, false])
      expect(first.version.content.actions[0]).toMatchObject({ title: startgesprek.title, status: { _tag: "Proposed" } })
      expectError(yield* call("GET", `/tracks/${trackId}/agenda?version=3`), 409, "Conflict", "AgendaStateConflict")
      const zero = yield* call("GET", `/tracks/${trackId}/agenda?version=0`)
      expectError(zero, 400, "BadRequest", "InvalidInput")
      expect(zero.body.issues[0].path).toBe("version")

      // Where the agenda stands on 1 October 2030: one action late, the review after 6 months next.
      const overview = expectOk(yield* organiser("GET", `/agendas/${agendaId}/overview?today=2030-10-01`))
      // the region's agenda in force: this one, the same overview
      expect(expectOk(yield* organiser("GET", `/regions/JZ32/agenda-overview?today=2030-10-01`))).toEqual(overview)
      expectError(yield* organiser("GET", `/regions/JZ01/agenda-overview`), 409, "Conflict", "AgendaStateConflict")
      expectError(yield* call("GET", `/regions/JZ32/agenda-overview`), 401, "Unauthorized", "MissingToken")
      expect(overview).toEqual({
        agendaId,
        trackId,
        region: "JZ32",
        regionName: "Rijk van Nijmegen",
        version: 2,
        adoptedOn: "2030-09-01",
        today: "2030-10-01",
        overview: {
          byStatus: { Proposed: 2, Agreed: 0, InProgress: 1, Done: 0, Dropped: 0 },
          overdue: [a2],
          missedReviews: [],
          nextReview: { moment: 6, due: "2030-11-20" }
        },
        reviews: [
          { moment: 3, due: "2030-08-20", heldOn: "2030-08-25" },
          { moment: 6, due: "2030-11-20", heldOn: null },
          { moment: 12, due: "2031-05-20", heldOn: null }
        ]
      })
      expect(a3).toMatch(/^act_/)

      // The national overview: every region, and the themes that recur.
      const national = expectOk(yield* organiser("GET", "/agendas/overview?today=2030-10-01"))
      expect(national.today).toBe("2030-10-01")
      expect(national.regions).toHaveLength(42)
      expect(national.regions.find((r: any) => r.region === "JZ32")).toEqual({
        region: "JZ32",
        regionName: "Rijk van Nijmegen",
        adopted: true,
        versions: 2,
        actions: 3,
        done: 0,
        overdue: 1,
        missedReviews: 0
      })
      expect(national.regions.filter((r: any) => r.adopted)).toHaveLength(1)
      expect(national.themes).toHaveLength(3)
      expect(national.themes).toContainEqual({ theme: samenwerking, regions: 1 })
      const nationalCsv = yield* organiser("GET", "/agendas/overview.csv?today=2030-10-01")
      expect(nationalCsv.status).toBe(200)
      expect(nationalCsv.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(nationalCsv.headers["content-disposition"]).toBe("attachment; filename=\"verbeteragenda-landelijk-2030-10-01.csv\"")
      const rows = nationalCsv.text.split("\r\n")
      expect(rows[0]).toBe("region,region_name,adopted,versions,actions,done,overdue,missed_reviews")
      expect(rows).toContain("JZ32,Rijk van Nijmegen,yes,2,3,0,1,0")

      // The daily reminders: one action due in 11 days, one overdue; each told once.
      yield* agendaMail
      const reminded = expectOk(yield* organiser("POST", "/agendas/reminders", { body: { today: "2030-12-20" } }))
      expect(reminded).toEqual({ dueSoon: 1, overdue: 1, reviews: 0 })
      expect((yield* agendaMail).map((e) => [e._tag, e.recipient.email]).sort()).toEqual([
        ["ActionDueSoon", TEAMLEIDER],
        ["ActionOverdue", TEAMLEIDER]
      ])
      expect(expectOk(yield* organiser("POST", "/agendas/reminders", { body: { today: "2030-12-20" } })))
        .toEqual({ dueSoon: 0, overdue: 0, reviews: 0 })

      // The page the mails link to: <publicUrl>/tracks/<trackId>/agenda.html, public and self-contained.
      const html = yield* call("GET", `/tracks/${trackId}/agenda.html`)
      expect(html.status, html.text).toBe(200)
      expect(html.headers["content-type"]).toBe("text/html; charset=utf-8")
      expect(html.headers["content-language"]).toBe("nl")
      expect(html.headers["content-security-policy"]).toContain("default-src 'none'")
      expect(html.headers["content-security-policy"]).not.toContain("script-src")
      expect(html.headers["x-frame-options"]).toBe("DENY")
      expect(html.headers["content-disposition"]).toBe(`inline; filename="verbeteragenda-JZ32-v2-nl.html"`)
      expect(html.text).toMatch(/^<!DOCTYPE html>/i)
      expect(html.text).toContain("<html lang=\"nl\"")
      expect(html.text).toContain("<svg")
      expect(html.text).toContain(changedTitle)
      expect(html.text).toContain("Rijk van Nijmegen")
      expectSelfContained(html.text)
      expectNoContacts(html.text)
      const english = yield* call("GET", `/tracks/${trackId}/agenda.html?lang=en`)
      expect(english.status).toBe(200)
      expect(english.headers["content-language"]).toBe("en")
      expect(english.text).toContain("<html lang=\"en\"")
      expectNoContacts(english.text)
      const earlier = yield* call("GET", `/tracks/${trackId}/agenda.html?version=1`)
      expect(earlier.status).toBe(200)
      expect(earlier.text).toContain(startgesprek.title)
      expect(earlier.text).not.toContain(changedTitle)
      // A link that picked up a tracking parameter on its way still works.
      expect((yield* call("GET", `/tracks/${trackId}/agenda.html?lang=en&utm_source=mail`)).status).toBe(200)
      expectError(yield* call("GET", `/tracks/${trackId}/agenda.html?lang=de`), 400, "BadRequest", "InvalidInput")

      // Markdown and CSV.
      const markdown = yield* call("GET", `/tracks/${trackId}/agenda.md?lang=en`)
      expect(markdown.status).toBe(200)
      expect(markdown.headers["content-type"]).toBe("text/markdown; charset=utf-8")
      expect(markdown.text).toMatch(/^# /)
      expect(markdown.text).toContain(eenOpEen.title)
      expectNoContacts(markdown.text)
      const table = yield* call("GET", `/tracks/${trackId}/agenda.csv`)
      expect(table.status).toBe(200)
      expect(table.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(table.headers["content-disposition"]).toBe(`attachment; filename="verbeteragenda-JZ32-v2.csv"`)
      const lines = table.text.split("\r\n")
      expect(lines[0]).toBe(
        "region,region_name,version,adopted_on,theme,action,owner_organisation,owner_role,groups,start,due,status,status_date,overdue,last_progress_note,success"
      )
      expect(lines.filter((line) => line !== "")).toHaveLength(4)
      expect(lines[1]).toContain(`JZ32,Rijk van Nijmegen,2,2030-09-01,${samenwerking},${changedTitle},Pleegzorgaanbieder`)
      expectNoContacts(table.text)
      const firstCsv = yield* call("GET", `/tracks/${trackId}/agenda.csv?version=1`)
      expect(firstCsv.headers["content-disposition"]).toBe(`attachment; filename="verbeteragenda-JZ32-v1.csv"`)
      expect(firstCsv.text).toContain(startgesprek.title)
      for (const path of ["agenda.html", "agenda.md", "agenda.csv"]) {
        const none = yield* call("GET", `/tracks/${trackId}/${path}?version=7`)
        expectError(none, 409, "Conflict", "AgendaStateConflict")
        expect(none.body.text.en).toMatch(/version 7/i)
      }

      // An owner's address is corrected, and another erased, without a new version.
      const corrected = expectOk(yield* organiser("PUT", `/agendas/${agendaId}/actions/${a1}/contact`, {
        body: { contact: { email: "nieuw.adres@pleegzorg.example", language: "nl" } }
      }))
      expect(corrected.contacts[a1]).toEqual({ email: "nieuw.adres@pleegzorg.example", language: "nl" })
      const erased = expectOk(yield* organiser("PUT", `/agendas/${agendaId}/actions/${a3}/contact`, { body: { contact: null } }))
      expect([erased.contacts[a3], erased.versions]).toEqual([undefined, corrected.versions])
      expect(corrected.versions.length).toBeGreaterThan(0)
      expectError(
        yield* organiser("PUT", `/agendas/${agendaId}/actions/act_${"0".repeat(20)}/contact`, { body: { contact: null } }),
        404,
        "NotFound",
        "ActionNotFound"
      )
    }).pipe(Effect.provide(TestServer)))

  it.live("an agenda that is not adopted, or a track without one, has no public page or export", () =>
    Effect.gen(function*() {
      const { trackId } = yield* draftAgenda
      for (const path of ["agenda", "agenda.html", "agenda.md", "agenda.csv"]) {
        const early = yield* call("GET", `/tracks/${trackId}/${path}`)
        expectError(early, 409, "Conflict", "AgendaStateConflict")
        expect(early.body.text.nl).toContain("nog niet vastgesteld")
        expectNoContacts(early.text)
      }
      const bare = yield* openTrack
      for (const path of ["agenda", "agenda.html", "agenda.md", "agenda.csv"]) {
        expectError(yield* call("GET", `/tracks/${bare}/${path}`), 404, "NotFound", "AgendaNotFound")
      }
      const malformed = yield* call("GET", "/tracks/trk_123/agenda.html")
      expectError(malformed, 400, "BadRequest", "InvalidInput")
      expect(malformed.body.issues[0].path).toBe("trackId")
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// client mistakes: the right status, in Dutch and English, and nothing written
// -----------------------------------------------------------------------------

describe("agenda errors as HTTP", () => {
  /** Runs `attempt` and checks that no agenda changed and no mail went out. */
  const writesNothing = <A, E, R>(attempt: Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      yield* agendaMail
      const before = yield* storedAgendas
      const result = yield* attempt
      expect(yield* storedAgendas).toEqual(before)
      expect(yield* agendaMail).toEqual([])
      return result
    })

  it.live("an unknown agenda or action is 404; a malformed id is 400", () =>
    Effect.gen(function*() {
      const { agendaId } = yield* adoptedAgenda
      yield* writesNothing(Effect.gen(function*() {
        const onAgenda: ReadonlyArray<readonly [HttpMethod.HttpMethod, string, CallOptions]> = [
          ["GET", "", {}],
          ["PUT", "/themes", { body: themes() }],
          ["POST", "/actions", { body: startgesprek }],
          ["POST", "/adoptions", { body: {} }],
          ["POST", "/reviews", { body: { moment: 3, notes: [] } }],
          ["GET", "/overview", {}],
          ["GET", "/citable", {}],
          ["PATCH", `/actions/${unknownAction}`, { body: { title: "Anders" } }],
          ["DELETE", `/actions/${unknownAction}`, {}]
        ]
        for (const [method, path, options] of onAgenda) {
          const reply = yield* organiser(method, `/agendas/${unknownAgenda}${path}`, options)
          expectError(reply, 404, "NotFound", "AgendaNotFound")
          expect(reply.body.text).toEqual({
            nl: "Deze verbeteragenda bestaat niet.",
            en: "This improvement agenda does not exist."
          })
        }
        const onAction: ReadonlyArray<readonly [HttpMethod.HttpMethod, string, CallOptions]> = [
          ["PATCH", "", { body: { title: "Anders" } }],
          ["DELETE", "", {}],
          ["POST", "/status", { body: { status: { _tag: "Agreed" } } }],
          ["POST", "/notes", { body: { text: "Een notitie." } }]
        ]
        for (const [method, path, options] of onAction) {
          const reply = yield* organiser(method, `/agendas/${agendaId}/actions/${unknownAction}${path}`, options)
          expectError(reply, 404, "NotFound", "ActionNotFound")
          expect(reply.body.text.en).toBe("This action is not on the improvement agenda.")
        }
        const review = yield* organiser("POST", `/agendas/${agendaId}/reviews`, {
          body: { moment: 3, notes: [{ action: unknownAction, text: "Loopt." }] }
        })
        expectError(review, 404, "NotFound", "ActionNotFound")
        const track = yield* organiser("POST", `/tracks/trk_${"0".repeat(20)}/agenda`, { body: {} })
        expectError(track, 404, "NotFound", "TrackNotFound")
        const malformed = yield* organiser("GET", "/agendas/agd_123")
        expectError(malformed, 400, "BadRequest", "InvalidInput")
        expect(malformed.body.issues[0]).toMatchObject({ path: "agendaId", text: { en: "This is not a valid agenda id." } })
        const action = yield* organiser("DELETE", `/agendas/${agendaId}/actions/123`)
        expectError(action, 400, "BadRequest", "InvalidInput")
        expect(action.body.issues[0]).toMatchObject({ path: "actionId", text: { en: "This is not a valid action id." } })
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("a status change the current status does not allow is 409; done without a note is 400", () =>
    Effect.gen(function*() {
      const { actionId, agendaId } = yield* adoptedAgenda
      yield* writesNothing(Effect.gen(function*() {
        const done = yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
          body: { status: { _tag: "Done", note: "Klaar." } }
        })
        expectError(done, 409, "Conflict", "InvalidActionTransition")
        expect(done.body.text).toEqual({ nl: "Alleen een lopende actie kan klaar zijn.", en: "Only an action in progress can be done." })
        const started = yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
          body: { status: { _tag: "InProgress" } }
        })
        expectError(started, 409, "Conflict", "InvalidActionTransition")
        expect(started.body.text.en).toContain("once its owner has agreed")
        const blank = yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
          body: { status: { _tag: "Dropped", reason: "   " } }
        })
        expectError(blank, 400, "BadRequest", "InvalidInput")
        expect(blank.body.issues[0]).toMatchObject({
          path: "status.reason",
          text: { nl: "Zeg waarom de actie stopt.", en: "Say why the action is dropped." }
        })
        const unknown = yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
          body: { status: { _tag: "Finished" } }
        })
        expectError(unknown, 400, "BadRequest", "InvalidInput")
      }))
      // Agreed, then dropped: a dropped action cannot be dropped again.
      expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, { body: { status: { _tag: "Agreed" } } }))
      expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
        body: { status: { _tag: "Dropped", reason: "Geen geld." } }
      }))
      const again = yield* writesNothing(organiser("POST", `/agendas/${agendaId}/actions/${actionId}/status`, {
        body: { status: { _tag: "Dropped", reason: "Nog steeds geen geld." } }
      }))
      expectError(again, 409, "Conflict", "InvalidActionTransition")
    }).pipe(Effect.provide(TestServer)))

  it.live("an action due before it starts is 422; a theme that is not on the agenda is 400", () =>
    Effect.gen(function*() {
      const { actionId, agendaId } = yield* draftAgenda
      yield* writesNothing(Effect.gen(function*() {
        const added = yield* organiser("POST", `/agendas/${agendaId}/actions`, {
          body: { ...startgesprek, start: "2030-06-01", due: "2030-05-01" }
        })
        expectError(added, 422, "Unprocessable", "InvalidActionDates")
        expect(added.body.problems).toEqual([{
          nl: "De einddatum (2030-05-01) ligt voor de startdatum (2030-06-01).",
          en: "The due date (2030-05-01) is before the start date (2030-06-01)."
        }])
        const patched = yield* organiser("PATCH", `/agendas/${agendaId}/actions/${actionId}`, { body: { due: "2000-01-01" } })
        expectError(patched, 422, "Unprocessable", "InvalidActionDates")
        const theme = yield* organiser("POST", `/agendas/${agendaId}/actions`, { body: { ...startgesprek, theme: "Geld" } })
        expectError(theme, 400, "BadRequest", "InvalidInput")
        expect(theme.body.issues[0].path).toBe("theme")
        expect(theme.body.issues[0].text.en).toContain("The theme \"Geld\" is not on the agenda")
        const date = yield* organiser("POST", `/agendas/${agendaId}/actions`, { body: { ...startgesprek, due: "2030-02-30" } })
        expectError(date, 400, "BadRequest", "InvalidInput")
        expect(date.body.issues[0].path).toBe("due")
        // Leaving out a theme that an action belongs to: 409, move the action first.
        const orphan = yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: themes().slice(1) })
        expectError(orphan, 409, "Conflict", "AgendaStateConflict")
        expect(orphan.body.text.en).toContain("Move or remove them first")
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("evidence that points at a figure that was not published is 422", () =>
    Effect.gen(function*() {
      const surveyId = yield* closedSurvey(6)
      const trackId: string = (yield* organiser("GET", `/surveys/${surveyId}`)).body.trackId
      const report = expectOk(yield* organiser("GET", `/surveys/${surveyId}/report`))
      const releaseId: string = report.releaseId
      const figure = (cell: string) =>
        report.release.questions.find((q: any) => q.id === "gaat-goed").cells.find((c: any) => c.key === cell).figure
      // Six foster families answered, but their group's figure is hidden in the report.
      expect(figure("group:Families")._tag).toBe("Suppressed")
      expect(figure("all")._tag).toBe("Shown")
      const agendaId: string = expectOk(yield* organiser("POST", `/tracks/${trackId}/agenda`, { body: {} }), 201).id
      // What is shown may be cited.
      expectOk(yield* organiser("PUT", `/agendas/${agendaId}/themes`, {
        body: themes([{ _tag: "SurveyResult", releaseId, question: "gaat-goed", cell: "all" }])
      }))
      yield* writesNothing(Effect.gen(function*() {
        const cases = [
          [{ _tag: "SurveyResult", releaseId, question: "gaat-goed", cell: "group:Families" }, "This figure was not published"],
          [{ _tag: "SurveyResult", releaseId, question: "", cell: "group:Families" }, "This figure was not published"],
          // No one answered this question: not even the figure of everyone is shown.
          [{ _tag: "SurveyResult", releaseId, question: "samenwerking-ouders", cell: "all" }, "This figure was not published"],
          [{ _tag: "SurveyResult", releaseId, question: "gaat-goed", cell: "group:Nobody" }, "This figure was not published"],
          [{ _tag: "SurveyResult", releaseId: "rel_unknown", question: "gaat-goed", cell: "group:FosterFamily" }, "does not exist"],
          [{ _tag: "RegionalFigure", indicator: "pleegkinderen", area: "JZ32", period: "1999" }, "There is no regional figure"]
        ] as const
        for (const [evidence, says] of cases) {
          const reply = yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: themes([evidence]) })
          expectError(reply, 422, "Unprocessable", "EvidenceNotPublished")
          expect(reply.body.problems).toHaveLength(1)
          expect(reply.body.text.en).toContain(says)
        }
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("an agenda that cannot be adopted is 422 with every problem", () =>
    Effect.gen(function*() {
      const { agendaId } = yield* newAgenda
      const empty = yield* writesNothing(organiser("POST", `/agendas/${agendaId}/adoptions`, { body: {} }))
      expectError(empty, 422, "Unprocessable", "NotAdoptable")
      expect(empty.body.problems).toEqual([{ nl: "Een agenda heeft minstens één actie.", en: "An agenda has at least one action." }])
      expect(empty.body.text.en).toContain("cannot be adopted as it is")

      expectOk(yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: themes() }))
      expectOk(yield* organiser("POST", `/agendas/${agendaId}/actions`, { body: startgesprek }))
      expectOk(yield* organiser("POST", `/agendas/${agendaId}/adoptions`, { body: { on: "2030-05-20" } }))
      // A second version needs a change note and a change.
      const same = yield* writesNothing(organiser("POST", `/agendas/${agendaId}/adoptions`, { body: { on: "2030-06-01" } }))
      expectError(same, 422, "Unprocessable", "NotAdoptable")
      expect(same.body.problems.map((p: any) => p.en)).toEqual([
        "For a new version, write down what changes and why.",
        "Nothing has changed since the previous version."
      ])
    }).pipe(Effect.provide(TestServer)))

  it.live("reviews that do not fit the agenda are 409 or 400", () =>
    Effect.gen(function*() {
      const draft = yield* draftAgenda
      const early = yield* writesNothing(organiser("POST", `/agendas/${draft.agendaId}/reviews`, { body: { moment: 3, notes: [] } }))
      expectError(early, 409, "Conflict", "AgendaStateConflict")
      expect(early.body.text.en).toBe("A review can only be held once the agenda is adopted.")
      const overview = yield* organiser("GET", `/agendas/${draft.agendaId}/overview`)
      expectError(overview, 409, "Conflict", "AgendaStateConflict")

      const { agendaId } = yield* adoptedAgenda
      yield* writesNothing(Effect.gen(function*() {
        const moment = yield* organiser("POST", `/agendas/${agendaId}/reviews`, { body: { moment: 4, notes: [] } })
        expectError(moment, 409, "Conflict", "AgendaStateConflict")
        expect(moment.body.text.en).toContain("not after 4")
        const before = yield* organiser("POST", `/agendas/${agendaId}/reviews`, { body: { moment: 3, on: "2000-01-01", notes: [] } })
        expectError(before, 400, "BadRequest", "InvalidInput")
        expect(before.body.issues[0].path).toBe("on")
      }))
    }).pipe(Effect.provide(TestServer)))

  it.live("a body that is not JSON, has unknown fields or wrong types is 400; reminders out of range are 400", () =>
    Effect.gen(function*() {
      const { actionId, agendaId } = yield* draftAgenda
      yield* writesNothing(Effect.gen(function*() {
        const json = yield* organiser("PUT", `/agendas/${agendaId}/themes`, { raw: "[{\"name\": \"Samen" })
        expectError(json, 400, "BadRequest", "MalformedJson")
        const extra = yield* organiser("POST", `/agendas/${agendaId}/actions`, { body: { ...startgesprek, priority: "hoog" } })
        expectError(extra, 400, "BadRequest", "InvalidInput")
        expect(extra.body.issues.map((i: any) => i.path)).toEqual(["priority"])
        expect(extra.body.issues[0].text).toEqual({ nl: "Dit veld hoort hier niet.", en: "This field is not expected here." })
        const nested = yield* organiser("PUT", `/agendas/${agendaId}/themes`, {
          body: [{ name: samenwerking, statements: [{ kind: "Fine", text: "", evidence: [], extra: 1 }] }]
        })
        expectError(nested, 400, "BadRequest", "InvalidInput")
        expect(nested.body.issues.map((i: any) => i.path).sort()).toEqual(
          ["0.statements.0.extra", "0.statements.0.kind", "0.statements.0.text"]
        )
        const type = yield* organiser("PATCH", `/agendas/${agendaId}/actions/${actionId}`, { body: { groups: "FosterParent" } })
        expectError(type, 400, "BadRequest", "InvalidInput")
        expect(type.body.issues[0].path).toBe("groups")
        const missing = yield* organiser("POST", `/agendas/${agendaId}/actions/${actionId}/notes`, { body: {} })
        expectError(missing, 400, "BadRequest", "InvalidInput")
        expect(missing.body.issues[0]).toMatchObject({ path: "text", text: { en: "This field is missing." } })
        const twice = yield* organiser("PUT", `/agendas/${agendaId}/themes`, { body: [themes()[0], themes()[0]] })
        expectError(twice, 400, "BadRequest", "InvalidInput")
        expect(twice.body.issues[0].text.en).toContain("appears twice")
        const empty = yield* organiser("POST", `/agendas/${agendaId}/adoptions`, { raw: "" })
        expectError(empty, 400, "BadRequest", "InvalidInput")
        const form = yield* organiser("POST", `/agendas/${agendaId}/adoptions`, {
          raw: "on=2030-01-01",
          contentType: "application/x-www-form-urlencoded"
        })
        expectError(form, 415, "UnsupportedMediaType", "UnsupportedMediaType")
        const days = yield* organiser("POST", "/agendas/reminders", { body: { dueWithinDays: 400 } })
        expectError(days, 400, "BadRequest", "InvalidInput")
        expect(days.body.issues[0].text.en).toContain("from 0 to 365")
        const today = yield* organiser("GET", `/agendas/overview?today=morgen`)
        expectError(today, 400, "BadRequest", "InvalidInput")
        expect(today.body.issues[0].path).toBe("today")
      }))
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// the organiser role
// -----------------------------------------------------------------------------

/** The agenda (or track) an organiser endpoint of the agendas group acts on. */
const agendaIn = {
  track: Effect.map(openTrack, (trackId) => ({ trackId, agendaId: "", actionId: "" })),
  draft: draftAgenda,
  adopted: adoptedAgenda
}

interface AgendaCase {
  readonly method: HttpMethod.HttpMethod
  readonly setup: keyof typeof agendaIn
  readonly path: string
  readonly options?: CallOptions
  readonly status: number
  readonly contentType?: string
}

const at = (path: string, s: { readonly trackId: string; readonly agendaId: string; readonly actionId: string }) =>
  path.replace(":trackId", s.trackId).replace(":agendaId", s.agendaId).replace(":actionId", s.actionId)

const agendaCases: ReadonlyArray<AgendaCase> = [
  { method: "POST", setup: "track", path: "/tracks/:trackId/agenda", options: { body: {} }, status: 201 },
  { method: "GET", setup: "draft", path: "/agendas/:agendaId", status: 200 },
  { method: "PUT", setup: "draft", path: "/agendas/:agendaId/themes", options: { body: themes().slice(0, 1) }, status: 200 },
  { method: "POST", setup: "draft", path: "/agendas/:agendaId/actions", options: { body: samenwerkingsafspraak }, status: 200 },
  {
    method: "PATCH",
    setup: "draft",
    path: "/agendas/:agendaId/actions/:actionId",
    options: { body: { title: "Anders" } },
    status: 200
  },
  { method: "DELETE", setup: "draft", path: "/agendas/:agendaId/actions/:actionId", status: 200 },
  { method: "POST", setup: "draft", path: "/agendas/:agendaId/adoptions", options: { body: {} }, status: 200 },
  {
    method: "POST",
    setup: "adopted",
    path: "/agendas/:agendaId/actions/:actionId/status",
    options: { body: { status: { _tag: "Agreed" } } },
    status: 200
  },
  {
    method: "POST",
    setup: "adopted",
    path: "/agendas/:agendaId/actions/:actionId/notes",
    options: { body: { text: "Gestart." } },
    status: 200
  },
  { method: "POST", setup: "adopted", path: "/agendas/:agendaId/reviews", options: { body: { moment: 3, notes: [] } }, status: 200 },
  { method: "GET", setup: "adopted", path: "/agendas/:agendaId/overview", status: 200 },
  { method: "GET", setup: "draft", path: "/agendas/:agendaId/citable", status: 200 },
  { method: "GET", setup: "adopted", path: "/agendas/overview", status: 200 },
  { method: "GET", setup: "adopted", path: "/agendas/overview.csv", status: 200, contentType: "text/csv" },
  // The adopted action is due in a week: a refused call must not send (or record) the reminder.
  { method: "POST", setup: "adopted", path: "/agendas/reminders", options: { body: {} }, status: 200 }
]

describe("agenda organiser endpoints", () => {
  for (const c of agendaCases) {
    describe(`${c.method} ${c.path}`, () => {
      refusesWithoutTheRightToken((token, headers) =>
        Effect.gen(function*() {
          const s = yield* agendaIn[c.setup]
          yield* agendaMail
          const before = { agendas: yield* storedAgendas, mail: [] }
          const reply = yield* call(c.method, at(c.path, s), {
            ...c.options,
            ...(token === undefined ? {} : { token }),
            ...(headers === undefined ? {} : { headers })
          })
          return { reply, before, after: { agendas: yield* storedAgendas, mail: yield* agendaMail } }
        }))

      it.live(`works with the right token (${c.status})`, () =>
        Effect.gen(function*() {
          const s = yield* agendaIn[c.setup]
          const reply = yield* organiser(c.method, at(c.path, s), c.options)
          expect(reply.status, reply.text).toBe(c.status)
          expect(reply.headers["content-type"]).toContain(c.contentType ?? "application/json")
        }).pipe(Effect.provide(TestServer)))
    })
  }

  it.live("the reminders that a refused call did not send go out with the token", () =>
    Effect.gen(function*() {
      yield* adoptedAgenda
      yield* agendaMail
      expect((yield* call("POST", "/agendas/reminders", { body: {} })).status).toBe(401)
      const sent = expectOk(yield* organiser("POST", "/agendas/reminders", { body: {} }))
      expect(sent).toEqual({ dueSoon: 1, overdue: 0, reviews: 0 })
      expect((yield* agendaMail).map((e) => e._tag)).toEqual(["ActionDueSoon"])
    }).pipe(Effect.provide(TestServer)))
})
