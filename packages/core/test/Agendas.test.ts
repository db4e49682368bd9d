import { describe, expect, it } from "@effect/vitest"
import {
  Agenda,
  Agendas,
  AgendaStorage,
  type CalendarDate,
  DomainEvent,
  Entropy,
  Geography,
  MemoryStorage,
  Outbox,
  RegionalFigures,
  Storage,
  Surveys
} from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"

const services = Agendas.Agendas.Default.pipe(
  Layer.provideMerge(Surveys.Surveys.Default),
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerCrypto),
  Layer.provideMerge(Geography.Geography.Default)
)

const day = (s: string) => s as CalendarDate.CalendarDate
const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")

// The events waiting in the outbox, taken out of it.
const mailed = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({ now: far, limit: 10_000, lease: Duration.minutes(1) })
  yield* Effect.forEach(entries, (e) => outbox.complete(e.event.id))
  return entries.map((e) => e.event)
})

const samenwerking = "Samenwerking tussen pleegouders en ouders"
const overbelasting = "Overbelasting van pleegouders voorkomen"
const eigenKinderen = "Impact op eigen kinderen"

const themes = [
  {
    name: samenwerking,
    statements: [
      { kind: "GoesWell" as const, text: "Pleegouders en ouders zoeken elkaar vaker op.", evidence: [] },
      {
        kind: "CouldBeBetter" as const,
        text: "Afspraken over contact worden te laat gemaakt.",
        evidence: [{ _tag: "SessionNote" as const, text: "Vier pleegouders noemden dit in sessie 2." }]
      }
    ]
  },
  { name: overbelasting, statements: [{ kind: "CouldBeBetter" as const, text: "Pleegouders staan er vaak alleen voor.", evidence: [] }] },
  { name: eigenKinderen, statements: [{ kind: "CouldBeBetter" as const, text: "Eigen kinderen worden weinig gehoord.", evidence: [] }] }
]

const contact = (email: string, language: "nl" | "en" = "nl") => ({ email, language })

const startgesprek = {
  title: "Startgesprek met praktische afspraken bij elke plaatsing",
  description: "Pleegouders, ouders, pleegzorgwerker en jeugdbeschermer maken aan het begin samen afspraken.",
  theme: samenwerking,
  owner: { organisation: "Pleegzorgaanbieder", role: "teamleider pleegzorg", contact: contact("teamleider@pleegzorg.example") },
  groups: ["FosterParent", "Parent", "CareWorker"] as const,
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
  owner: { organisation: "Gemeente Nijmegen", role: "beleidsmaker jeugd", contact: contact("beleid@nijmegen.example", "en") },
  groups: ["OwnChild", "CareWorker"] as const,
  due: "2031-03-31"
}

const newAgenda = Effect.gen(function*() {
  const track = yield* Fixtures.track()
  yield* (yield* Storage.TrackRepository).insert(track)
  const agendas = yield* Agendas.Agendas
  return yield* agendas.create({ trackId: track.id })
})

const adoptedAgenda = Effect.gen(function*() {
  const agendas = yield* Agendas.Agendas
  const created = yield* newAgenda
  yield* agendas.setThemes(created.id, themes)
  const a = yield* agendas.addAction(created.id, startgesprek)
  yield* agendas.addAction(created.id, samenwerkingsafspraak)
  yield* agendas.addAction(created.id, eenOpEen)
  yield* agendas.addAction(created.id, {
    ...startgesprek,
    title: "Lotgenotengroep voor pleegouders",
    theme: overbelasting,
    owner: { organisation: "Groep pleegouders Rijk van Nijmegen", role: "trekker" }
  })
  yield* mailed
  const adopted = yield* agendas.adopt(created.id, { on: "2030-05-20" })
  return { adopted, actions: a.draft.actions }
})

// The agenda as stored, and the outbox, must not change when a request is refused.
const unchanged = <A, E, R>(id: Agenda.AgendaId, attempt: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const repo = yield* AgendaStorage.AgendaRepository
    const before = yield* repo.get(id)
    yield* mailed
    const error = yield* Effect.flip(attempt)
    expect(yield* repo.get(id)).toEqual(before)
    expect(yield* mailed).toEqual([])
    return error
  })

describe("Agendas", () => {
  it.effect("findings, actions and adoption: version 1 stays as adopted, each owner with a contact gets one mail with their actions", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const { adopted } = yield* adoptedAgenda
      const version = Option.getOrThrow(Agenda.current(adopted))
      expect([version.number, version.adoptedOn, version.content.themes.length, version.content.actions.length]).toEqual([1, "2030-05-20", 3, 4])
      const events = (yield* mailed).filter((e): e is DomainEvent.AgendaAdopted => e._tag === "AgendaAdopted")
      expect(events.map((e) => [e.recipient.email, e.recipient.language, e.actions.map((a) => a.title)]).sort()).toEqual([
        ["beleid@nijmegen.example", "en", ["Een-op-een tijd met eigen kinderen"]],
        ["teamleider@pleegzorg.example", "nl", ["Startgesprek met praktische afspraken bij elke plaatsing", "Samenwerkingsafspraak op papier"]]
      ])
      expect(events[0]!.agenda).toMatchObject({ version: 1, adoptedOn: "2030-05-20", regionName: "Rijk van Nijmegen", trackId: adopted.trackId })

      // A later version needs what and why; the first stays readable as it was.
      const late = version.content.actions[1]!
      yield* agendas.updateAction(adopted.id, late.id, { due: "2031-01-31" })
      const refused = yield* Effect.flip(agendas.adopt(adopted.id, { on: "2030-09-01" }))
      expect(refused._tag).toBe("NotAdoptable")
      const second = yield* agendas.adopt(adopted.id, {
        on: "2030-09-01",
        change: { what: "Samenwerkingsafspraak later klaar.", why: "De jeugdbeschermers doen pas in januari mee." }
      })
      expect(second.versions.map((v) => [v.number, v.content.actions[1]!.due])).toEqual([[1, "2030-09-30"], [2, "2031-01-31"]])
      expect(Option.map(second.versions[1]!.change, (c) => c.why)).toEqual(Option.some("De jeugdbeschermers doen pas in januari mee."))
      expect((yield* mailed).filter((e) => e._tag === "AgendaAdopted")).toHaveLength(2)
    }).pipe(Effect.provide(services)))

  it.effect("an action goes proposed → agreed → in progress → done with dated notes; the version itself does not change", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const { adopted } = yield* adoptedAgenda
      const action = adopted.draft.actions[0]!
      yield* agendas.changeStatus(adopted.id, action.id, { status: { _tag: "Agreed" }, on: "2030-05-27" })
      yield* agendas.changeStatus(adopted.id, action.id, { status: { _tag: "InProgress" }, on: "2030-06-01" })
      yield* agendas.addNote(adopted.id, action.id, { text: "Eerste tien startgesprekken gehouden.", on: "2030-07-15" })
      const notYet = yield* unchanged(adopted.id, agendas.changeStatus(adopted.id, action.id, { status: { _tag: "Done", note: " " } }))
      expect(notYet._tag).toBe("InvalidActionTransition")
      const done = yield* agendas.changeStatus(adopted.id, action.id, {
        status: { _tag: "Done", note: "Bij 11 van de 12 plaatsingen een startgesprek." },
        on: "2030-12-20"
      })
      const live = Option.getOrThrow(Agenda.inForce(done)).actions[0]!
      expect(live.status).toMatchObject({ _tag: "Done", on: "2030-12-20" })
      expect(live.notes.map((n) => n.on)).toEqual(["2030-07-15"])
      expect(done.versions[0]!.content.actions[0]!.status._tag).toBe("Proposed")
    }).pipe(Effect.provide(services)))

  it.effect("bad input gets a typed error that names the problem, and nothing is written", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const { adopted } = yield* adoptedAgenda
      const action = adopted.draft.actions[0]!
      expect((yield* Effect.flip(agendas.get("agd_00000000000000000000")))._tag).toBe("AgendaNotFound")
      expect((yield* Effect.flip(agendas.create({ trackId: "trk_00000000000000000000" })))._tag).toBe("TrackNotFound")
      const twice = yield* unchanged(adopted.id, agendas.create({ trackId: adopted.trackId }))
      expect(twice.message).toContain("al een verbeteragenda")
      const unknown = yield* unchanged(adopted.id, agendas.changeStatus(adopted.id, "act_00000000000000000000", { status: { _tag: "Agreed" } }))
      expect(unknown._tag).toBe("ActionNotFound")
      const early = yield* unchanged(adopted.id, agendas.changeStatus(adopted.id, action.id, { status: { _tag: "InProgress" } }))
      expect(early).toMatchObject({ _tag: "InvalidActionTransition", from: "Proposed", to: "InProgress" })
      const dates = yield* unchanged(adopted.id, agendas.addAction(adopted.id, { ...startgesprek, start: "2030-06-01", due: "2030-05-01" }))
      expect(dates._tag).toBe("InvalidActionDates")
      expect(dates.message).toContain("2030-05-01")
      const patchDates = yield* unchanged(adopted.id, agendas.updateAction(adopted.id, action.id, { due: "2030-01-01" }))
      expect(patchDates._tag).toBe("InvalidActionDates")
      const theme = yield* unchanged(adopted.id, agendas.addAction(adopted.id, { ...startgesprek, theme: "Onbekend thema" }))
      expect(theme).toMatchObject({ _tag: "InvalidInput" })
      expect(theme.message).toContain("Onbekend thema")
      const orphan = yield* unchanged(adopted.id, agendas.setThemes(adopted.id, themes.slice(1)))
      expect(orphan.message).toContain("Startgesprek")
      const shape = yield* unchanged(adopted.id, agendas.addAction(adopted.id, { ...startgesprek, start: "31-12-2030" }))
      expect(shape._tag).toBe("InvalidInput")
      const review = yield* unchanged(adopted.id, agendas.recordReview(adopted.id, { moment: 4, notes: [] }))
      expect(review.message).toContain("niet na 4")
      // a review is about adopted actions: one only in the draft is not known to it
      const drafted = yield* agendas.addAction(adopted.id, { ...startgesprek, title: "Nog een concept" })
      const draftOnly = drafted.draft.actions.at(-1)!
      const onDraft = yield* unchanged(adopted.id, agendas.recordReview(adopted.id, { moment: 3, on: "2030-08-20", notes: [{ action: draftOnly.id, text: "?" }] }))
      expect(onDraft._tag).toBe("ActionNotFound")
      // a later version cannot be adopted before the one in force, and a change note has a limit
      yield* agendas.updateAction(adopted.id, draftOnly.id, { due: "2031-06-30" })
      const earlier = yield* unchanged(adopted.id, agendas.adopt(adopted.id, { on: "2030-05-01", change: { what: "x", why: "y" } }))
      expect(earlier.message).toContain("een nieuwe versie kan niet eerder zijn")
      const long = yield* unchanged(adopted.id, agendas.adopt(adopted.id, { on: "2030-09-01", change: { what: "x".repeat(2001), why: "y" } }))
      expect(long._tag).toBe("InvalidInput")
      const reviewAction = yield* unchanged(
        adopted.id,
        agendas.recordReview(adopted.id, { moment: 3, on: "2030-08-20", notes: [{ action: "act_00000000000000000000", text: "?" }] })
      )
      expect(reviewAction._tag).toBe("ActionNotFound")
    }).pipe(Effect.provide(services)))

  it.effect("evidence may point at a shown figure of the track's release or an imported regional figure; never at a suppressed cell", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const surveys = yield* Surveys.Surveys
      const agenda = yield* newAgenda
      const survey = yield* surveys.create({ trackId: agenda.trackId })
      yield* surveys.open(survey.id)
      const invitees = [
        ...Array.from({ length: 20 }, (_, i) => ({ email: `gezin${i}@example.org`, audience: "FosterFamily" as const })),
        ...Array.from({ length: 12 }, (_, i) => ({ email: `ouder${i}@example.org`, audience: "Parent" as const })),
        ...Array.from({ length: 12 }, (_, i) => ({ email: `werker${i}@example.org`, audience: "CareWorker" as const })),
        ...Array.from({ length: 12 }, (_, i) => ({ email: `beleid${i}@example.org`, audience: "PolicyMaker" as const }))
      ]
      yield* surveys.invite(survey.id, invitees)
      const invited = (yield* mailed).filter((e): e is DomainEvent.SurveyInvited => e._tag === "SurveyInvited")
      // 15 foster families and 12 care workers answer; 2 parents and no policy makers
      const answering = [
        ...invited.filter((e) => e.recipient.email.startsWith("gezin")).slice(0, 15),
        ...invited.filter((e) => e.recipient.email.startsWith("ouder")).slice(0, 2),
        ...invited.filter((e) => e.recipient.email.startsWith("werker")).slice(0, 12)
      ]
      for (const [i, e] of answering.entries()) yield* surveys.answer(e.token, { "gaat-goed": 1 + (i % 5), "samenwerking-ouders": 2 + (i % 3) })
      yield* surveys.close(survey.id)
      yield* surveys.importFigures(Either.getOrThrow(RegionalFigures.fromCsv(
        "indicator,region,period,value,unit,source,invented\npleegkinderen,JZ32,2023,410,kinderen,verzonnen voor de test,ja\n"
      )))
      const report = yield* surveys.report(survey.id)
      const shown = report.release.cells.find((c) => c.key === "group:FosterFamily")!
      const hidden = report.release.cells.find((c) => c.key === "group:Parent")!
      expect([shown.respondents._tag, hidden.respondents._tag]).toEqual(["Shown", "Suppressed"])

      const withEvidence = (evidence: ReadonlyArray<unknown>) => [
        { name: samenwerking, statements: [{ kind: "CouldBeBetter", text: "Samenwerking met ouders kan beter.", evidence }] }
      ]
      const cited = { _tag: "SurveyResult", releaseId: report.releaseId, question: "samenwerking-ouders", cell: "group:FosterFamily" }
      const figure = { _tag: "RegionalFigure", indicator: "pleegkinderen", area: "JZ32", period: "2023" }
      const saved = yield* agendas.setThemes(agenda.id, withEvidence([cited, figure]) as typeof Agendas.Themes.Encoded)
      expect(saved.draft.themes[0]!.statements[0]!.evidence.map((e) => e._tag)).toEqual(["SurveyResult", "RegionalFigure"])

      const refusals = [
        { ...cited, cell: "group:Parent" },
        { ...cited, question: "", cell: "group:Parent" },
        { ...cited, releaseId: "rel_00000000000000000000" },
        { ...figure, period: "2019" }
      ]
      for (const evidence of refusals) {
        const error = yield* unchanged(agenda.id, agendas.setThemes(agenda.id, withEvidence([evidence]) as typeof Agendas.Themes.Encoded))
        expect(error._tag).toBe("EvidenceNotPublished")
      }
      const suppressed = yield* Effect.flip(agendas.setThemes(agenda.id, withEvidence([refusals[0]]) as typeof Agendas.Themes.Encoded))
      expect(suppressed.message).toContain("niet gepubliceerd")
      const citable = yield* agendas.citable(agenda.id)
      expect([...citable.releases.keys()]).toEqual([report.releaseId])
      expect([...citable.figures]).toEqual(["pleegkinderen|JZ32|2023"])
    }).pipe(Effect.provide(services)))

  it.effect("reviews: after adoption only, once per moment; the overview shows status counts, overdue actions and missed reviews", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const draft = yield* newAgenda
      const before = yield* unchanged(draft.id, agendas.recordReview(draft.id, { moment: 3, notes: [] }))
      expect(before.message).toContain("vastgesteld")
      const { adopted } = yield* adoptedAgenda
      const action = adopted.draft.actions[0]!
      yield* agendas.recordReview(adopted.id, { moment: 3, on: "2030-08-22", notes: [{ action: action.id, text: "Loopt volgens plan." }] })
      const again = yield* unchanged(adopted.id, agendas.recordReview(adopted.id, { moment: 3, notes: [] }))
      expect(again.message).toContain("al vastgelegd")
      const view = yield* agendas.overview(adopted.id, day("2031-01-10"))
      expect(view.overview.byStatus).toEqual({ Proposed: 4, Agreed: 0, InProgress: 0, Done: 0, Dropped: 0 })
      // due 2030-09-30 and 2030-12-31 have passed
      expect(view.overview.overdue).toHaveLength(3)
      expect(view.overview.missedReviews).toEqual([6])
      expect(view.reviews.map((r) => [r.moment, r.due, Option.getOrNull(r.heldOn)])).toEqual([
        [3, "2030-08-20", "2030-08-22"],
        [6, "2030-11-20", null],
        [12, "2031-05-20", null]
      ])
      expect(Option.map(view.overview.nextReview, (r) => r.moment)).toEqual(Option.some(12))
      expect((yield* Effect.flip(agendas.overview(draft.id)))._tag).toBe("AgendaStateConflict")
      // the same for the region: its agenda in force
      const region = yield* agendas.regionOverview("JZ32", day("2031-01-10"))
      expect([region.agendaId, region.overview.overdue.length]).toEqual([adopted.id, 3])
      expect((yield* Effect.flip(agendas.regionOverview("JZ01")))._tag).toBe("AgendaStateConflict")
      expect((yield* Effect.flip(agendas.regionOverview("JZ99")))._tag).toBe("RegionNotFound")
    }).pipe(Effect.provide(services)))

  it.effect("reminders: a due date or review coming up and an overdue action are mailed once each, to owners with a contact", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const { adopted } = yield* adoptedAgenda
      yield* mailed
      // 2030-08-10: the review at 3 months (2030-08-20) is 10 days away; nothing is due within 14 days
      const first = yield* agendas.remind({ today: day("2030-08-10") })
      const reviewMails = (yield* mailed).filter((e): e is DomainEvent.ReviewDueSoon => e._tag === "ReviewDueSoon")
      expect(first).toEqual({ dueSoon: 0, overdue: 0, reviews: 2 })
      expect(reviewMails.map((e) => [e.recipient.email, e.moment, e.due, e.actions.length]).sort()).toEqual([
        ["beleid@nijmegen.example", 3, "2030-08-20", 1],
        ["teamleider@pleegzorg.example", 3, "2030-08-20", 2]
      ])
      expect(yield* agendas.remind({ today: day("2030-08-11") })).toEqual({ dueSoon: 0, overdue: 0, reviews: 0 })
      // 2030-09-20: the written agreement is due in 10 days
      expect(yield* agendas.remind({ today: day("2030-09-20") })).toEqual({ dueSoon: 1, overdue: 0, reviews: 0 })
      const due = (yield* mailed)[0] as DomainEvent.ActionDueSoon
      expect([due._tag, due.action.title, due.days]).toEqual(["ActionDueSoon", "Samenwerkingsafspraak op papier", 10])
      // 2030-10-01: overdue, told once; the action of the foster parents' group has no contact and gets nothing
      expect(yield* agendas.remind({ today: day("2030-10-01") })).toEqual({ dueSoon: 0, overdue: 1, reviews: 0 })
      expect(yield* agendas.remind({ today: day("2030-10-02") })).toEqual({ dueSoon: 0, overdue: 0, reviews: 0 })
      yield* mailed
      // done actions are not reminded of
      const action = adopted.draft.actions[1]!
      yield* agendas.changeStatus(adopted.id, action.id, { status: { _tag: "Dropped", reason: "Opgegaan in het startgesprek." } })
      expect((yield* agendas.remind({ today: day("2031-06-01") })).overdue).toBe(2)
      const invalid = yield* Effect.flip(agendas.remind({ dueWithinDays: -1 }))
      expect(invalid._tag).toBe("InvalidInput")
    }).pipe(Effect.provide(services)))

  it.effect("contacts are kept beside the versions: corrected or erased without a new version, and mail follows them", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      const { adopted } = yield* adoptedAgenda
      const action = adopted.draft.actions[0]!
      expect(JSON.stringify(adopted.versions)).not.toContain("teamleider@pleegzorg.example")
      yield* agendas.setContact(adopted.id, action.id, { contact: { email: "nieuw@pleegzorg.example", language: "en" } })
      const erased = yield* agendas.setContact(adopted.id, adopted.draft.actions[1]!.id, { contact: null })
      expect(erased.versions).toEqual(adopted.versions)
      yield* mailed
      // 2030-12-20: the first action is due in 11 days, told at its new address; the second is overdue, but its contact was erased
      const sent = yield* agendas.remind({ today: day("2030-12-20") })
      const mails = yield* mailed
      expect([sent.dueSoon, sent.overdue]).toEqual([1, 0])
      expect(mails.filter((e) => e._tag === "ActionDueSoon").map((e) => (e as DomainEvent.ActionDueSoon).recipient.email)).toEqual(["nieuw@pleegzorg.example"])
      expect((yield* Effect.flip(agendas.setContact(adopted.id, action.id, { contact: { email: "geen adres", language: "nl" } })))._tag).toBe("InvalidInput")
    }).pipe(Effect.provide(services)))

  it.effect("the national overview lists all 42 regions, which have an adopted agenda, and the themes that recur", () =>
    Effect.gen(function*() {
      const agendas = yield* Agendas.Agendas
      yield* TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake("2030-10-01T10:00:00Z")))
      yield* adoptedAgenda
      const track = yield* Fixtures.track({ region: "JZ41" as never })
      yield* (yield* Storage.TrackRepository).insert(track)
      const other = yield* agendas.create({ trackId: track.id })
      yield* agendas.setThemes(other.id, [{ name: "samenwerking tussen pleegouders en ouders", statements: [] }])
      yield* agendas.addAction(other.id, { ...startgesprek, theme: "samenwerking tussen pleegouders en ouders" })
      yield* agendas.adopt(other.id)
      const national = yield* agendas.national()
      expect(national.regions).toHaveLength(42)
      expect(national.regions.filter((r) => r.adopted).map((r) => [r.region, r.actions, r.overdue])).toEqual([
        ["JZ32", 4, 1],
        ["JZ41", 1, 0]
      ])
      expect(national.themes[0]).toEqual({ theme: samenwerking, regions: 2 })
      expect(Option.getOrThrow(Agenda.current(yield* agendas.get(other.id))).adoptedOn).toBe("2030-10-01")
    }).pipe(Effect.provide(services)))
})
