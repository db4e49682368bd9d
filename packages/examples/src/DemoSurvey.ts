/**
 * The survey part of `pnpm demo`: before session 2 the Nijmegen pilot sends
 * a survey to foster families, parents, care workers and policy makers,
 * people answer (simulated, the same every run), the survey closes, the
 * organiser reads the free texts, and the start report is written to files.
 * Wiring and made-up answers only: every decision comes from
 * @pleegzorg/core.
 */
import { Outbox, RegionalFigures, StartReport, Survey, Surveys, type Track } from "@pleegzorg/core"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"

const here = Path.dirname(Url.fileURLToPath(import.meta.url))

// A small deterministic generator, so the demo prints the same every run.
const generator = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Who is invited: made-up addresses, spread over the region's municipalities.
const municipalities = ["GM0268", "GM0252", "GM0209", "GM0296", "GM0225", "GM1945", "GM0944"]
const invitees = [
  ...Array.from({ length: 38 }, (_, i) => ({ audience: "FosterFamily" as const, email: `pleeggezin${i + 1}@voorbeeld.nl` })),
  ...Array.from({ length: 9 }, (_, i) => ({ audience: "Parent" as const, email: `ouder${i + 1}@voorbeeld.nl` })),
  ...Array.from({ length: 14 }, (_, i) => ({ audience: "CareWorker" as const, email: `hulpverlener${i + 1}@voorbeeld.nl` })),
  ...Array.from({ length: 4 }, (_, i) => ({ audience: "PolicyMaker" as const, email: `beleid${i + 1}@voorbeeld.nl` }))
].map((person, i) => ({ ...person, municipality: municipalities[i % municipalities.length]! }))

// How each audience tends to answer (a Likert mean per question), roughly
// what the pilots heard: cooperation with parents and overload stand out.
const tendencies: Record<Survey.Audience, Readonly<Record<string, number>>> = {
  FosterFamily: { "gaat-goed": 3.4, "samenwerking-ouders": 2.8, "overbelasting": 4.1, "eigen-kinderen": 2.4, "steun-pleegzorg": 3.3 },
  Parent: { "gaat-goed": 2.9, "samenwerking-ouders": 2.5, "steun-pleegzorg": 2.7 },
  CareWorker: { "gaat-goed": 3.5, "samenwerking-ouders": 3.0, "overbelasting": 4.3, "eigen-kinderen": 2.6, "steun-pleegzorg": 3.6, "tijd-en-geld": 2.1 },
  PolicyMaker: { "gaat-goed": 3.8, "samenwerking-ouders": 3.2, "overbelasting": 3.7, "eigen-kinderen": 3.0, "steun-pleegzorg": 3.7, "tijd-en-geld": 2.8 }
}

const wellTexts = [
  "De pleegzorgwerker is goed bereikbaar en denkt mee.",
  "De trainingen voor pleegouders zijn nuttig.",
  "Onze pleegdochter voelt zich thuis bij ons, dat is het mooiste.",
  "Het contact met andere pleegouders in de buurt helpt veel.",
  "Er wordt goed geluisterd als er iets misgaat."
]
const betterTexts = [
  "Meer aandacht voor onze eigen kinderen. Die vallen er vaak een beetje buiten.",
  "Een goed startgesprek met de ouders aan het begin van een plaatsing, met duidelijke afspraken.",
  "Minder wisselingen van pleegzorgwerker. Wij hadden er drie in een jaar.",
  "Ouders willen eerlijk gehoord worden, ook als het moeilijk is.",
  "Mijn pleegzoon Daan wacht al maanden op een plek bij de GGZ. Bel me gerust op 06-12345678.",
  "Wie doet wat? Schrijf de rollen van ouders, pleegouders en hulpverleners op papier.",
  "Af en toe een weekend rust zou veel schelen.",
  "Meer tijd voor huisbezoeken; nu is alles gehaast."
]

const likertAround = (random: () => number, mean: number) => {
  const value = Math.round(mean + (random() + random() + random() - 1.5) * 1.4)
  return Math.min(5, Math.max(1, value))
}

const answersFor = (random: () => number, audience: Survey.Audience, form: Survey.Questionnaire) => {
  const answers: Record<string, unknown> = {}
  for (const question of form.questions) {
    if (random() < 0.06) continue // now and then a question is skipped
    switch (question._tag) {
      case "Likert":
        answers[question.id] = likertAround(random, tendencies[audience][question.id] ?? 3)
        break
      case "Number":
        answers[question.id] = Math.min(question.max, Math.floor(random() * 14))
        break
      case "MultipleChoice":
        answers[question.id] = question.options.map((_, i) => i).filter(() => random() < 0.35)
        break
      case "SingleChoice":
        answers[question.id] = Math.floor(random() * question.options.length)
        break
      case "FreeText": {
        const pool = question.id === "wat-gaat-goed" ? wellTexts : betterTexts
        if (random() < 0.4) answers[question.id] = pool[Math.floor(random() * pool.length)]
        break
      }
    }
  }
  return answers
}

export const run = <E, R>(options: {
  readonly track: Track.Track
  readonly clock: { readonly setTo: (iso: string) => Effect.Effect<void> }
  readonly deliver: (options: { readonly brief: true }) => Effect.Effect<unknown, E, R>
  readonly directory: string
}): Effect.Effect<Surveys.StartReportData, unknown, R | Surveys.Surveys | Outbox.Outbox> =>
  Effect.gen(function*() {
    const surveys = yield* Surveys.Surveys
    const outbox = yield* Outbox.Outbox

    yield* options.clock.setTo("2022-11-28T09:00:00+01:00")
    const csv = Fs.readFileSync(Path.join(here, "..", "data", "regional-figures.csv"), "utf8")
    const figures = yield* Either.match(RegionalFigures.fromCsv(csv), { onLeft: Effect.die, onRight: Effect.succeed })
    yield* surveys.importFigures(figures)
    yield* Console.log(`Regionale cijfers ingelezen / Regional figures imported: ${figures.length} (data/regional-figures.csv)`)

    const survey = yield* surveys.create({ trackId: options.track.id })
    yield* surveys.open(survey.id)
    const invited = yield* surveys.invite(survey.id, invitees)
    yield* Console.log(`Uitgenodigd / Invited: ${invited.invited} (${invitees.map((i) => i.audience).filter((a, i, all) => all.indexOf(a) === i).map((a) => `${Survey.audienceLabel(a).nl} ${invitees.filter((i) => i.audience === a).length}`).join(", ")})`)
    // Say which audiences are shown together, and why.
    for (const pooled of ["Professionals", "Families"] as const) {
      const members = Survey.audiences.filter((a) => invited.groups[a] === pooled)
      if (members.length === 0) continue
      const few = members.filter((a) => invitees.filter((i) => i.audience === a).length < 5)
      yield* Console.log(
        `  ${members.map((a) => Survey.audienceLabel(a).nl.toLowerCase()).join(" en ")} samen als "${Survey.groupLabel(pooled).nl}": te weinig ${
          few.map((a) => Survey.audienceLabel(a).nl.toLowerCase()).join(" en ")
        } uitgenodigd om apart te tonen`
      )
      yield* Console.log(
        `    / ${members.map((a) => Survey.audienceLabel(a).en.toLowerCase()).join(" and ")} shown together: too few ${
          few.map((a) => Survey.audienceLabel(a).en.toLowerCase()).join(" and ")
        } invited to show them apart`
      )
    }

    // The tokens are only in the mails; the demo takes them from the outbox
    // as a mail program would hand them to the person, before delivering.
    const tokens = new Map<string, string>()
    const peek = Effect.gen(function*() {
      // A lease of zero reserves nothing: the dispatcher then sends them.
      const entries = yield* outbox.claim({ now: yield* DateTime.now, limit: 10_000, lease: Duration.zero })
      for (const { event } of entries) {
        if (event._tag === "SurveyInvited" || event._tag === "SurveyReminded") tokens.set(event.recipient.email, event.token)
      }
    })
    yield* peek
    yield* options.deliver({ brief: true })

    const random = generator(2022)
    const answerOne = (person: (typeof invitees)[number]) =>
      Effect.gen(function*() {
        const token = tokens.get(person.email)!
        const { questionnaire } = yield* surveys.questionnaire(token)
        yield* surveys.answer(token, answersFor(random, person.audience, questionnaire))
      })
    // About 70 % answer; some only after the reminder.
    const first = invitees.filter(() => random() < 0.6)
    yield* options.clock.setTo("2022-12-05T20:00:00+01:00")
    yield* Effect.forEach(first, answerOne, { discard: true })
    yield* options.clock.setTo("2022-12-12T09:00:00+01:00")
    const reminded = yield* surveys.remind(survey.id)
    yield* Console.log(`Herinnering gestuurd / Reminder sent: ${reminded}`)
    yield* peek
    yield* options.deliver({ brief: true })
    const late = invitees.filter((p) => !first.includes(p) && random() < 0.3)
    yield* options.clock.setTo("2022-12-15T21:00:00+01:00")
    yield* Effect.forEach(late, answerOne, { discard: true })
    yield* Console.log(`Ingevuld / Answered: ${first.length + late.length} van / of ${invitees.length}`)

    yield* options.clock.setTo("2023-01-09T09:00:00+01:00")
    const closed = yield* surveys.close(survey.id)
    const redacted = closed.openAnswers.filter((i) => i.redactions.length > 0)
    yield* Console.log(
      `Gesloten / Closed. Open antwoorden te lezen / Free texts to review: ${closed.openAnswers.length}, waarvan ${redacted.length} met weggelakte persoonsgegevens / with personal data blacked out`
    )
    for (const item of redacted) yield* Console.log(`  bijvoorbeeld / for example: "${item.text}"`)
    // The organiser approves every text after reading it.
    yield* surveys.reviewOpenAnswers(
      survey.id,
      closed.openAnswers.map((i) => ({ group: i.group, question: i.question, position: i.position, approved: true }))
    )

    const report = yield* surveys.report(survey.id)
    yield* Console.log("\nWie deden mee / Who took part:")
    for (const cell of report.release.cells.filter((c) => c.breakdown === 1 && c.key.startsWith("group:"))) {
      const count = cell.respondents._tag === "Shown" ? `${cell.respondents.value} antwoorden / respondents` : `niet getoond / not shown`
      const rate = cell.responseRate?._tag === "Shown" ? `, respons / response ${cell.responseRate.value}%` : ""
      yield* Console.log(`  ${cell.label.nl.padEnd(48)}${count}${rate}`)
      if (cell.respondents._tag === "Suppressed") yield* Console.log(`    ${cell.respondents.reason.text.nl}`)
    }
    const question = report.release.questions.find((q) => q.id === "samenwerking-ouders")!
    yield* Console.log(`\n"${question.label.nl}"`)
    for (const cell of question.cells.filter((c) => c.key === "all" || c.key.startsWith("group:"))) {
      const label = report.release.cells.find((c) => c.key === cell.key)!.label.nl
      yield* Console.log(
        `  ${label.padEnd(48)}${cell.figure._tag === "Shown" ? StartReport.describeFigure(cell.figure.value, "nl") : "– niet getoond / not shown"}`
      )
    }

    const markdown = Path.join(options.directory, "startrapport.md")
    const html = Path.join(options.directory, "startrapport.html")
    Fs.writeFileSync(markdown, StartReport.toMarkdown(report, "nl"))
    Fs.writeFileSync(html, StartReport.toHtml(report, "nl"))
    yield* Console.log(`\nStartrapport / Start report: ${html}`)
    yield* Console.log(`  (ook als Markdown / also as Markdown: ${markdown})`)
    return report
  })
