/**
 * `pnpm demo`: the Rijk van Nijmegen pilot of het goede gesprek over
 * pleegzorg end to end, on an embedded SQLite file (or on PostgreSQL, in a
 * schema of its own that it removes afterwards, when `DATABASE_URL` is set), with mail to a local
 * SMTP server that the demo starts. Then West Brabant Oost from the same
 * template. Wiring and printing only: every decision comes from
 * @pleegzorg/core.
 *
 * The pilot took place in 2022–2023, so the demo runs on a clock that it
 * moves through those months itself.
 */
import { SqlClient } from "@effect/sql"
import {
  type Agenda,
  Agendas,
  Entropy,
  Geography,
  type LocalizedText,
  Mentoring,
  Registration,
  Registrations,
  StakeholderGroup,
  Surveys,
  Track,
  Tracks
} from "@pleegzorg/core"
import { Dispatcher, Mailer } from "@pleegzorg/email"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Database from "./Database.js"
import * as DemoAgenda from "./DemoAgenda.js"
import * as DemoMatching from "./DemoMatching.js"
import * as DemoSurvey from "./DemoSurvey.js"
import * as MailSink from "./MailSink.js"
import * as ScenarioClock from "./ScenarioClock.js"

const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-demo-"))
const databaseFile = Path.join(directory, "pleegzorg.sqlite")

// Made-up people. Birth dates are used for the age check and not kept.
const people = [
  { name: "Marieke Jansen", group: "FosterParent", municipality: "GM0296" },
  { name: "Henk de Boer", group: "FosterParent", municipality: "GM0268" },
  { name: "Yvonne Peters", group: "FosterParent", municipality: "GM1945" },
  { name: "Sem", group: "FosterChild", municipality: "GM0268", birthDate: "2007-03-02" },
  { name: "Lotte", group: "FosterChild", municipality: "GM0209", birthDate: "2006-05-14" },
  { name: "Noor", group: "FosterChild", municipality: "GM0209", birthDate: "2009-06-10" },
  { name: "Daan", group: "OwnChild", municipality: "GM0252", birthDate: "2005-01-20" },
  { name: "Fatima El Amrani", group: "Parent", municipality: "GM0225" },
  { name: "Peter Willems", group: "Parent", municipality: "GM0268" },
  { name: "Ingrid Bos", group: "Parent", municipality: "GM0296" },
  { name: "Jeroen Smit", group: "CareWorker", municipality: "GM0268" },
  { name: "Sandra Mulder", group: "CareWorker", municipality: "GM0202" },
  { name: "Esther van Dijk", group: "CareWorker", municipality: "GM0944" },
  { name: "Anouk Visser", group: "PolicyMaker", municipality: "GM0268" },
  { name: "Kees Bakker", group: "FosterParent", municipality: "GM0296", availableForAllSessions: false }
] as const

const emailOf = (name: string) =>
  `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").trim().replace(/ +/g, ".")}@voorbeeld.nl`

const place = { name: "Wijkcentrum De Klif", address: "Hatertseweg 10, Nijmegen" }

const both = (text: LocalizedText.LocalizedText) => `${text.nl}\n    ${text.en}`
const heading = (nl: string, en: string) => Console.log(`\n${nl} / ${en}\n${"-".repeat(nl.length + en.length + 3)}`)
const groupLabel = (group: StakeholderGroup.StakeholderGroup) => {
  const info = StakeholderGroup.describe(group)
  return `${info.label.nl} / ${info.label.en}`
}

const program = (
  sink: Effect.Effect.Success<ReturnType<typeof MailSink.start>>,
  clock: ReturnType<typeof ScenarioClock.make>,
  database: Database.Database
) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const registrations = yield* Registrations.Registrations
    let shown = 0

    // Sends what the outbox holds and shows what arrived at the SMTP server.
    const deliver = (options?: { readonly brief: true }) => Effect.gen(function*() {
      const result = yield* Dispatcher.dispatchOnce()
      const arrived = sink.received.slice(shown)
      shown = sink.received.length
      if (options?.brief) {
        const subjects = new Map<string, number>()
        for (const { parsed } of arrived) subjects.set(parsed.subject ?? "", (subjects.get(parsed.subject ?? "") ?? 0) + 1)
        for (const [subject, n] of subjects) yield* Console.log(`  ✉  ${n}× "${subject}"`)
        return result
      }
      for (const { parsed } of arrived) {
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to
        const ics = parsed.attachments.find((a) => a.filename?.endsWith(".ics"))
        const events = ics === undefined ? 0 : ics.content.toString("utf8").split("BEGIN:VEVENT").length - 1
        const appointments = events === 1 ? "1 afspraak / appointment" : `${events} afspraken / appointments`
        yield* Console.log(
          `  ✉  ${to?.value[0]?.name ?? "?"}: "${parsed.subject}"${ics === undefined ? "" : ` + ${ics.filename} (${appointments})`}`
        )
      }
      return result
    })

    const codeFrom = (name: string) => {
      const mail = sink.received.find(({ parsed }) => {
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to
        return to?.value[0]?.name === name && parsed.attachments.length > 0
      })
      return /\n {4}([A-Za-z0-9_-]{43})\n/.exec(mail?.parsed.text ?? "")?.[1] ?? ""
    }

    // -------------------------------------------------------------------------
    yield* clock.setTo("2022-09-15T10:00:00+02:00")
    yield* heading("1. Het traject in Rijk van Nijmegen", "1. The Rijk van Nijmegen track")
    const draft = yield* tracks.createFromTemplate({
      template: "goede-gesprek",
      region: "JZ32",
      phase: "pilot",
      sessions: [
        { date: "2022-11-17", place },
        { date: "2023-02-09", place },
        { date: "2023-03-23", place }
      ],
      // the template's composition, with room for only two parents (to show the waitlist)
      composition: {
        groups: {
          FosterParent: { minimum: 3, maximum: 8 },
          FosterChild: { minimum: 2, maximum: 4 },
          OwnChild: { minimum: 0, maximum: 3 },
          Parent: { minimum: 1, maximum: 2 },
          CareWorker: { minimum: 2, maximum: 5 },
          PolicyMaker: { minimum: 1, maximum: 3 }
        },
        maximum: 24
      }
    })
    const track = yield* tracks.changeStatus(draft.id, { _tag: "Open" })
    yield* Console.log(`${track.title.nl} / ${track.title.en} — ${Track.statusLabel(track.status._tag).nl} / ${Track.statusLabel(track.status._tag).en}`)
    for (const session of track.sessions) {
      const title = Track.sessionTitle(session.number)
      yield* Console.log(
        `  ${session.number}. ${title.nl} / ${title.en}: ${Track.formatTiming(session.timing, "nl")}, ${session.place.name}`
      )
    }

    // -------------------------------------------------------------------------
    yield* clock.setTo("2022-10-03T09:00:00+02:00")
    yield* heading("2. Aanmelden voor alle drie de bijeenkomsten", "2. Signing up for all three sessions")
    for (const person of people) {
      const outcome = yield* registrations.register({
        trackId: track.id,
        email: emailOf(person.name),
        availableForAllSessions: true,
        ...person
      })
      const label = `${person.name} (${groupLabel(person.group)})`
      if (outcome._tag === "Refused") {
        yield* Console.log(`  ✗ ${label}: geweigerd / refused`)
        for (const reason of outcome.reasons) {
          yield* Console.log(`    ${both(Registration.explainRefusal(reason, outcome.checkedFor))}`)
        }
      } else if (outcome._tag === "AlreadyRegistered") {
        yield* Console.log(`  = ${label}: al aangemeld / already signed up`)
      } else {
        const status = outcome.registration.status._tag
        const text = status === "Confirmed"
          ? "bevestigd / confirmed"
          : status === "Waitlisted"
          ? `wachtlijst, plek ${outcome.registration.waitlistPosition} / waitlist, position ${outcome.registration.waitlistPosition}`
          : "wacht op toestemming van ouder of voogd / awaiting a parent's or guardian's consent"
        yield* Console.log(`  ${status === "Confirmed" ? "✓" : "…"} ${label}: ${text}`)
      }
    }
    const twice = yield* registrations.register({
      trackId: track.id,
      name: "Marieke Jansen",
      email: "  Marieke.Jansen@Voorbeeld.nl ",
      group: "FosterParent",
      municipality: "GM0296",
      availableForAllSessions: true
    })
    yield* Console.log(
      `  = Marieke Jansen, nog een keer / once more: ${twice._tag === "AlreadyRegistered" ? "al aangemeld, er verandert niets; het adres krijgt een mail / already signed up, nothing changes; the address gets a mail" : twice._tag}`
    )

    yield* Console.log("\nMail die aankwam / Mail that arrived:")
    yield* deliver()
    const sample = sink.received.find(({ parsed }) => parsed.subject?.startsWith("Je aanmelding is bevestigd"))
    yield* Console.log("\nZo ziet een bevestiging eruit (de persoonlijke code is hier verborgen) / A confirmation (the personal code hidden here):\n")
    yield* Console.log(
      (sample?.parsed.text ?? "").replace(/[A-Za-z0-9_-]{43}/g, "•".repeat(12)).trimEnd().split("\n").map((line) => `    │ ${line}`).join("\n")
    )

    // -------------------------------------------------------------------------
    yield* clock.setTo("2022-10-10T14:00:00+02:00")
    yield* heading("3. Afmelden, doorschuiven en toestemming", "3. Withdrawal, promotion and consent")
    yield* Console.log("Peter Willems meldt zich af met de code uit zijn mail / withdraws with the code from his mail.")
    yield* registrations.withdraw(codeFrom("Peter Willems"))
    const sem = (yield* registrations.list(track.id)).find((r) => r.name === "Sem")!
    yield* Console.log("De voogd van Sem geeft toestemming; de organisatie legt dat vast / Sem's guardian consents; the organiser records it.")
    yield* registrations.recordConsent(sem.id, { givenBy: "Anne Verbeek", relationship: "guardian", givenOn: "2022-10-07" })
    yield* deliver()

    const composition = yield* registrations.composition(track.id)
    yield* Console.log("\nSamenstelling / Composition (bevestigd, min–max, wachtlijst / confirmed, min–max, waiting):")
    for (const g of composition.groups) {
      const mark = g.shortOfMinimum > 0 ? `  ← ${g.shortOfMinimum} te weinig / short` : ""
      yield* Console.log(
        `  ${StakeholderGroup.describe(g.group).label.nl.padEnd(38)} ${String(g.confirmed).padStart(2)}   ${g.minimum}–${g.maximum}   ${g.waitlisted}${mark}`
      )
    }
    yield* Console.log(`  Totaal / total: ${composition.confirmed} van / of ${composition.maximum}`)

    // -------------------------------------------------------------------------
    yield* clock.setTo("2022-10-20T11:00:00+02:00")
    yield* heading("4. West Brabant Oost, uit hetzelfde sjabloon", "4. West Brabant Oost, from the same template")
    const wbo = yield* tracks.createFromTemplate({
      template: "goede-gesprek",
      region: "JZ34",
      phase: "pilot",
      sessions: [
        { date: "2023-01-24", place: { name: "Breda" } },
        { period: "eind maart 2023", place: { name: "Breda" } },
        { period: "begin mei 2023", place: { name: "Breda" } }
      ]
    })
    for (const session of wbo.sessions) {
      yield* Console.log(`  ${session.number}. ${Track.formatTiming(session.timing, "nl")} / ${Track.formatTiming(session.timing, "en")}`)
    }
    yield* tracks.changeStatus(wbo.id, { _tag: "Open" })
    yield* Console.log("  Aanmelden is open, terwijl 2 en 3 nog voorlopig zijn / Registration is open while 2 and 3 are tentative.")
    yield* tracks.changeStatus(wbo.id, { _tag: "RegistrationClosed" })
    const notYet = yield* Effect.flip(tracks.changeStatus(wbo.id, { _tag: "Running" }))
    yield* Console.log(`  Starten kan nog niet / Cannot run yet: ${notYet.message}`)
    yield* tracks.changeStatus(wbo.id, { _tag: "Open" })
    yield* registrations.register({
      trackId: wbo.id,
      name: "Bram Hendriks",
      email: "bram.hendriks@voorbeeld.nl",
      group: "FosterParent",
      municipality: "GM0758",
      availableForAllSessions: true
    })
    yield* tracks.reschedule(wbo.id, 2, { date: "2023-03-28", startTime: "16:00", endTime: "20:30" })
    yield* Console.log(`  Bijeenkomst 2 staat nu vast / Session 2 is now fixed: ${Track.formatTiming((yield* tracks.get(wbo.id)).sessions[1].timing, "nl")}`)
    yield* deliver()

    // -------------------------------------------------------------------------
    yield* heading("5. De bijeenkomsten in Nijmegen", "5. The sessions in Nijmegen")
    yield* clock.setTo("2022-11-01T09:00:00+01:00")
    yield* tracks.changeStatus(track.id, { _tag: "RegistrationClosed" })
    yield* tracks.changeStatus(track.id, { _tag: "Running" })
    const absent: Record<number, ReadonlyArray<string>> = { 1: ["Daan"], 2: ["Lotte", "Anouk Visser"], 3: [] }
    let report: Surveys.StartReportData | undefined
    let agenda: Agenda.Agenda | undefined
    const confirmed = (yield* registrations.list(track.id)).filter((r) => r.status._tag === "Confirmed")
    for (const [number, reminderAt, during] of [
      [1, "2022-11-15T09:00:00+01:00", "2022-11-17T16:10:00+01:00"],
      [2, "2023-02-07T09:00:00+01:00", "2023-02-09T16:10:00+01:00"],
      [3, "2023-03-21T09:00:00+01:00", "2023-03-23T16:10:00+01:00"]
    ] as const) {
      yield* clock.setTo(reminderAt)
      const queued = yield* tracks.queueDueReminders()
      yield* Console.log(`Herinneringen voor bijeenkomst ${number} / Reminders for session ${number}: ${queued}`)
      yield* deliver({ brief: true })
      yield* clock.setTo(during)
      for (const r of confirmed) {
        yield* registrations.recordAttendance({
          trackId: track.id,
          session: number,
          registrationId: r.id,
          present: !absent[number]!.includes(r.name)
        })
      }
      if (number === 1) {
        yield* heading("Vragenlijst voor bijeenkomst 2", "Survey before session 2")
        report = yield* DemoSurvey.run({ track, clock, deliver, directory })
        yield* Console.log("")
      }
      if (number === 2 && report !== undefined) {
        yield* heading("Bevindingen van bijeenkomst 2", "Findings of session 2")
        agenda = yield* DemoAgenda.recordFindings(track, report)
        yield* Console.log("")
      }
    }
    yield* clock.setTo("2023-03-23T21:00:00+01:00")
    const completed = yield* tracks.changeStatus(track.id, { _tag: "Completed" })

    // -------------------------------------------------------------------------
    if (agenda !== undefined) {
      yield* heading("6. De verbeteragenda en het jaar erna", "6. The improvement agenda and the year after")
      yield* DemoAgenda.adoptAndFollowUp({ agenda, clock, deliver, directory })
    }

    // -------------------------------------------------------------------------
    yield* heading("7. Een ervaren pleegouder om het aan te vragen", "7. An experienced foster parent to ask")
    yield* DemoMatching.run({ clock, deliver })

    // -------------------------------------------------------------------------
    yield* heading("8. Samenvatting", "8. Summary")
    const overview = yield* registrations.attendanceOverview(track.id)
    yield* Console.log(
      `${completed.title.nl}, Rijk van Nijmegen: ${Track.statusLabel(completed.status._tag).nl} / ${Track.statusLabel(completed.status._tag).en}`
    )
    yield* Console.log("\nAanwezig per bijeenkomst / Present per session:      1     2     3")
    for (const { group } of StakeholderGroup.all) {
      const cells = overview.sessions.map((s) => {
        const g = s.groups.find((x) => x.group === group)!
        return `${g.present}/${g.confirmed}`.padStart(6)
      })
      yield* Console.log(`  ${StakeholderGroup.describe(group).label.nl.padEnd(48)}${cells.join("")}`)
    }
    yield* Console.log(`  ${"Totaal / total".padEnd(48)}${overview.sessions.map((s) => String(s.present).padStart(6)).join("")}`)

    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ status: string; n: number }>`SELECT status, COUNT(*) AS n FROM registrations GROUP BY status ORDER BY status`
    const waiting = yield* sql<{ n: number }>`SELECT COUNT(*) AS n FROM outbox`
    yield* Console.log(`\nIn de database / In the database (${database.description}):`)
    yield* Console.log(`  aanmeldingen / registrations: ${rows.map((r) => `${r.status} ${r.n}`).join(", ")}`)
    yield* Console.log(`  mails nog te versturen / mails still to send: ${waiting[0]?.n ?? 0}`)
    yield* Console.log(`  mails aangekomen / mails arrived: ${sink.received.length}`)
    yield* Console.log(
      "\nGeen geboortedatum bewaard, geen persoonlijke code in de database (alleen een hash). / No birth date kept, no personal code in the database (only a hash)."
    )
  })

const main = Effect.gen(function*() {
  const sink = yield* MailSink.start()
  const clock = ScenarioClock.make("2022-09-15T10:00:00+02:00")
  // On PostgreSQL the demo works in a schema of its own and drops it at the
  // end, so that it never mixes with (or removes) anyone else's data.
  const database = yield* Database.choose({ sqliteFile: databaseFile, schema: `pleegzorg_demo_${Date.now().toString(36)}` })
  const storage = database.kind === "postgres" ? Layer.scopedContext(Effect.gen(function*() {
    const context = yield* Layer.build(database.layer)
    yield* Effect.addFinalizer(() =>
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DROP SCHEMA ${database.schema} CASCADE`)).pipe(
        Effect.provide(context),
        Effect.orDie
      ))
    return context
  })) : database.layer
  const services = Layer.merge(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(
    Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default)),
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )
  const mailer = Mailer.layerSmtpWith({ host: "127.0.0.1", port: sink.port, from: "\"Het goede gesprek\" <noreply@pleegzorg.example>" })
  yield* Console.log(`Lokale mailserver / local mail server: 127.0.0.1:${sink.port}`)
  yield* Console.log(`Database: ${database.description}${database.kind === "postgres" ? " (verwijderd na afloop / removed at the end)" : ""}`)
  yield* program(sink, clock, database).pipe(
    Effect.provide(Layer.merge(services, mailer)),
    Effect.withClock(clock.clock),
    // the dispatcher logs counts; the demo prints what arrived instead
    Logger.withMinimumLogLevel(LogLevel.Warning)
  )
})

Effect.runPromise(Effect.scoped(main)).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
