/**
 * The improvement agenda of the Nijmegen pilot in the demo: the findings of
 * session 2 on three themes, the agenda adopted in session 3 with its
 * actions, owners and dates, then a year of follow-up (statuses, a progress
 * note, reminders to owners, the review after three months), written to
 * HTML, Markdown and CSV. Wiring and printing only.
 *
 * The organisations are types of organisation, the addresses made up.
 */
import { Agenda, AgendaExport, Agendas, type CalendarDate, type Surveys, type Track } from "@pleegzorg/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Fs from "node:fs"
import * as Path from "node:path"

const samenwerking = "Samenwerking tussen pleegouders en ouders"
const overbelasting = "Overbelasting van pleegouders voorkomen"
const eigenKinderen = "Impact op eigen kinderen"

const aanbieder = {
  organisation: "Pleegzorgaanbieder regio Nijmegen",
  role: "teamleider pleegzorg",
  contact: { name: "Teamleider pleegzorg", email: "teamleider@pleegzorg-nijmegen.example", language: "nl" as const }
}
const jeugdbescherming = {
  organisation: "Gecertificeerde instelling (jeugdbescherming)",
  role: "teamleider jeugdbescherming",
  contact: { email: "jeugdbescherming@gi-gelderland.example", language: "nl" as const }
}
const gemeente = {
  organisation: "Gemeente Nijmegen, namens de regio",
  role: "beleidsmaker jeugd",
  contact: { email: "beleid.jeugd@nijmegen.example", language: "en" as const }
}
const pleegouders = { organisation: "Groep pleegouders Rijk van Nijmegen", role: "trekker" }

// Session 2: what goes well and what could be better, with evidence.
const findings = (report: Surveys.StartReportData) => {
  const cooperation = report.release.questions.find((q) => q.id === "samenwerking-ouders")
  const shown = cooperation?.cells.find((c) => c.key.startsWith("group:") && c.figure._tag === "Shown")
  const surveyEvidence = cooperation === undefined || shown === undefined
    ? []
    : [{ _tag: "SurveyResult" as const, releaseId: report.releaseId, question: cooperation.id, cell: shown.key }]
  return [
    {
      name: samenwerking,
      statements: [
        {
          kind: "GoesWell" as const,
          text: "Waar pleegouders en ouders elkaar kennen, lopen bezoeken rustiger.",
          evidence: [{ _tag: "SessionNote" as const, text: "Meerdere pleegouders en twee ouders vertelden dit in sessie 2." }]
        },
        {
          kind: "CouldBeBetter" as const,
          text: "Afspraken over contact en rollen worden pas gemaakt als er al spanning is.",
          evidence: surveyEvidence
        }
      ]
    },
    {
      name: overbelasting,
      statements: [
        {
          kind: "CouldBeBetter" as const,
          text: "Pleegouders stoppen vaak omdat ze er alleen voor staan, niet om het pleegkind.",
          evidence: [{ _tag: "RegionalFigure" as const, indicator: "gestopte-pleegouders", area: "JZ32", period: "2022" }]
        },
        { kind: "GoesWell" as const, text: "Pleegouders steunen elkaar in de bestaande koffieochtenden.", evidence: [] }
      ]
    },
    {
      name: eigenKinderen,
      statements: [
        {
          kind: "CouldBeBetter" as const,
          text: "Eigen kinderen van pleegouders worden weinig gehoord; niemand vraagt hoe het met hen gaat.",
          evidence: [{ _tag: "SessionNote" as const, text: "Een eigen kind van 17 vertelde dit zelf in sessie 2." }]
        }
      ]
    }
  ]
}

// Session 3: the concrete actions.
const actions = [
  {
    title: "Startgesprek met praktische afspraken bij elke nieuwe plaatsing",
    description:
      "Pleegouders, ouders, pleegzorgwerker en jeugdbeschermer maken in de eerste zes weken samen afspraken over bezoek, school, zorg en wie wat beslist.",
    theme: samenwerking,
    owner: aanbieder,
    groups: ["FosterParent", "Parent", "CareWorker"] as const,
    start: "2023-04-01",
    due: "2023-12-31",
    success: "Bij 9 van de 10 nieuwe plaatsingen is binnen zes weken een startgesprek geweest."
  },
  {
    title: "Samenwerkingsafspraak op papier over de rollen",
    description: "Een vaste afspraak over de rollen van ouders, pleegouders, pleegzorgwerker en jeugdbeschermer, die iedereen krijgt.",
    theme: samenwerking,
    owner: jeugdbescherming,
    groups: ["Parent", "FosterParent", "CareWorker"] as const,
    start: "2023-04-01",
    due: "2023-10-31",
    success: "De afspraak is vastgesteld en wordt bij elke nieuwe plaatsing uitgereikt."
  },
  {
    title: "Respijtzorg en een vast aanspreekpunt bij overbelasting",
    description: "Pleegouders kunnen zonder wachttijd respijtzorg krijgen en weten wie ze bellen als het te veel wordt.",
    theme: overbelasting,
    owner: gemeente,
    groups: ["FosterParent", "PolicyMaker"] as const,
    start: "2023-05-01",
    due: "2024-03-31",
    success: "Respijtzorg is binnen twee weken geregeld; minder pleegouders stoppen dan in 2022."
  },
  {
    title: "Lotgenotengroep voor pleegouders",
    description: "Elke maand een avond voor pleegouders, door pleegouders.",
    theme: overbelasting,
    owner: pleegouders,
    groups: ["FosterParent"] as const,
    start: "2023-04-01",
    due: "2023-09-30",
    success: "Er zijn zes avonden geweest met gemiddeld tien pleegouders."
  },
  {
    title: "Een-op-een tijd van de pleegzorgwerker met eigen kinderen",
    description: "De pleegzorgwerker spreekt eigen kinderen van pleegouders apart, over hoe het met hén gaat.",
    theme: eigenKinderen,
    owner: aanbieder,
    groups: ["OwnChild", "CareWorker"] as const,
    start: "2023-05-01",
    due: "2023-12-31",
    success: "Elk eigen kind van 8 jaar of ouder heeft twee keer per jaar een eigen gesprek gehad."
  }
]

const count = (n: { readonly dueSoon: number; readonly overdue: number; readonly reviews: number }) =>
  `${n.dueSoon} bijna zover / due soon, ${n.overdue} te laat / overdue, ${n.reviews} evaluatie / review`

/** After session 2: the findings, on an agenda of the track. */
export const recordFindings = (
  track: Track.Track,
  report: Surveys.StartReportData
): Effect.Effect<Agenda.Agenda, unknown, Agendas.Agendas> =>
  Effect.gen(function*() {
    const agendas = yield* Agendas.Agendas
    const agenda = yield* agendas.create({ trackId: track.id })
    const saved = yield* agendas.setThemes(agenda.id, findings(report))
    yield* Console.log(`Bevindingen vastgelegd / Findings recorded: ${saved.draft.themes.length} thema's / themes`)
    for (const theme of saved.draft.themes) {
      const well = theme.statements.filter((s) => s.kind === "GoesWell").length
      const better = theme.statements.length - well
      const evidence = theme.statements.flatMap((s) => s.evidence.map((e) => e._tag)).join(", ") || "–"
      yield* Console.log(`  ${theme.name}: ${well} gaat goed / goes well, ${better} kan beter / could be better (onderbouwing / evidence: ${evidence})`)
    }
    // Evidence that points at a figure that was not published is refused.
    const hidden = [
      ...report.release.cells.filter((c) => c.respondents._tag === "Suppressed").map((c) => ({ question: "", cell: c.key })),
      ...report.release.questions.flatMap((q) =>
        q.cells.filter((c) => c.figure._tag === "Suppressed").map((c) => ({ question: q.id, cell: c.key }))
      )
    ][0]
    if (hidden !== undefined) {
      const refused = yield* Effect.flip(agendas.setThemes(agenda.id, [{
        name: samenwerking,
        statements: [{ kind: "CouldBeBetter", text: "Test", evidence: [{ _tag: "SurveyResult", releaseId: report.releaseId, ...hidden }] }]
      }]))
      yield* Console.log(`  Verwijzing naar een verborgen cijfer geweigerd / Reference to a hidden figure refused (${hidden.question || "respondenten"}, ${hidden.cell}):`)
      yield* Console.log(`    ${refused.message}`)
    }
    return saved
  })

/** Session 3 and the year after: actions, adoption, follow-up, export. */
export const adoptAndFollowUp = <E, R>(options: {
  readonly agenda: Agenda.Agenda
  readonly clock: { readonly setTo: (iso: string) => Effect.Effect<void> }
  readonly deliver: (options: { readonly brief: true }) => Effect.Effect<unknown, E, R>
  readonly directory: string
}): Effect.Effect<void, unknown, R | Agendas.Agendas> =>
  Effect.gen(function*() {
    const agendas = yield* Agendas.Agendas
    const id = options.agenda.id
    for (const action of actions) yield* agendas.addAction(id, action)
    yield* options.clock.setTo("2023-03-23T20:15:00+01:00")
    const adopted = yield* agendas.adopt(id)
    const version = Option.getOrThrow(Agenda.current(adopted))
    yield* Console.log(`Verbeteragenda vastgesteld / Improvement agenda adopted: versie ${version.number}, ${version.adoptedOn}, ${version.content.actions.length} acties / actions`)
    for (const action of version.content.actions) {
      yield* Console.log(`  • ${action.title} — ${action.owner.organisation} (${action.owner.role}), ${action.start} t/m ${action.due}`)
    }
    yield* options.deliver({ brief: true })

    // The owners agree, and work starts.
    yield* options.clock.setTo("2023-04-03T10:00:00+02:00")
    const [startgesprek, afspraak, respijt, lotgenoten, eigen] = version.content.actions
    for (const action of [startgesprek!, afspraak!, respijt!, lotgenoten!, eigen!]) {
      yield* agendas.changeStatus(id, action.id, { status: { _tag: "Agreed" } })
    }
    for (const action of [startgesprek!, afspraak!, lotgenoten!]) {
      yield* agendas.changeStatus(id, action.id, { status: { _tag: "InProgress" } })
    }
    yield* options.clock.setTo("2023-05-15T10:00:00+02:00")
    yield* agendas.changeStatus(id, eigen!.id, { status: { _tag: "InProgress" } })
    yield* agendas.addNote(id, startgesprek!.id, { text: "De eerste acht startgesprekken zijn gehouden; ouders waren bij zeven." })

    // The daily job: two weeks before the review after three months.
    yield* options.clock.setTo("2023-06-09T07:00:00+02:00")
    const june = yield* agendas.remind()
    yield* Console.log(`Herinneringen aan eigenaren, 9 juni / Reminders to owners, 9 June: ${count(june)}`)
    yield* options.deliver({ brief: true })
    yield* options.clock.setTo("2023-06-22T15:00:00+02:00")
    yield* agendas.recordReview(id, {
      moment: 3,
      notes: [
        { action: startgesprek!.id, text: "Loopt goed; pleegouders noemen het startgesprek waardevol." },
        { action: respijt!.id, text: "Nog niet gestart: eerst budget in de regio nodig." }
      ]
    })
    yield* Console.log("Evaluatie na 3 maanden vastgelegd / Review after 3 months recorded")
    yield* options.clock.setTo("2023-10-02T10:00:00+02:00")
    yield* agendas.changeStatus(id, lotgenoten!.id, {
      status: { _tag: "Done", note: "Zes avonden gehouden, gemiddeld twaalf pleegouders; de groep gaat zelf door." }
    })
    yield* options.clock.setTo("2023-10-20T07:00:00+02:00")
    const october = yield* agendas.remind()
    yield* Console.log(`Herinneringen aan eigenaren, 20 oktober / Reminders to owners, 20 October: ${count(october)}`)
    yield* options.deliver({ brief: true })
    yield* options.clock.setTo("2023-11-02T07:00:00+01:00")
    const november = yield* agendas.remind()
    yield* Console.log(`Herinneringen aan eigenaren, 2 november / Reminders to owners, 2 November: ${count(november)}`)
    yield* options.deliver({ brief: true })

    const view = yield* agendas.overview(id)
    const byStatus = view.overview.byStatus
    yield* Console.log(
      `Stand op ${view.today} / Standing on ${view.today}: afgesproken ${byStatus.Agreed}, loopt ${byStatus.InProgress}, klaar ${byStatus.Done}, gestopt ${byStatus.Dropped}; te laat / overdue ${view.overview.overdue.length}; volgende evaluatie / next review ${
        Option.match(view.overview.nextReview, { onNone: () => "–", onSome: (r) => `${r.moment} mnd / months, ${r.due}` })
      }`
    )

    const final = yield* agendas.get(id)
    const input = { agenda: final, regionName: view.regionName, today: view.today as CalendarDate.CalendarDate }
    const html = Path.join(options.directory, "verbeteragenda.html")
    const markdown = Path.join(options.directory, "verbeteragenda.md")
    const csv = Path.join(options.directory, "verbeteragenda.csv")
    const write = (path: string, made: Either.Either<string, unknown>) =>
      Either.match(made, { onLeft: (e) => Effect.die(e), onRight: (text) => Effect.sync(() => Fs.writeFileSync(path, text)) })
    yield* write(html, AgendaExport.toHtml(input, "nl"))
    yield* write(markdown, AgendaExport.toMarkdown(input, "nl"))
    yield* write(csv, AgendaExport.toCsv(input))
    yield* Console.log(`\nVerbeteragenda / Improvement agenda: ${html}`)
    yield* Console.log(`  (ook als Markdown en CSV / also as Markdown and CSV: ${markdown}, ${csv})`)
  })
