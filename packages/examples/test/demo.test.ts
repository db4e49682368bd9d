import { describe, expect, inject, it } from "@effect/vitest"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"
import Pg from "pg"

const root = Path.resolve(Path.dirname(Url.fileURLToPath(import.meta.url)), "..")
const builds = ["../core/dist/index.js", "../adapters/sqlite/dist/index.js", "../adapters/email/dist/index.js"]
  .map((path) => Path.resolve(root, path))

// The scripts import the packages as a user would, from their builds.
const run = (script: string, env: Record<string, string> = {}) => {
  if (!builds.every((path) => Fs.existsSync(path))) {
    throw new Error("run `pnpm build` first: the examples use the built packages")
  }
  return ChildProcess.execFileSync(Path.join(root, "node_modules/.bin/tsx"), [script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env }
  })
}

describe("examples", () => {
  it("pnpm demo runs the Nijmegen pilot end to end on SQLite, with mail to a local SMTP server", () => {
    const out = run("src/demo.ts", { DATABASE_URL: "", PGHOST: "" })
    // the real dates of the pilot, in Amsterdam time
    expect(out).toContain("1. Kennismaken / Getting acquainted: 17 november 2022, 16:00–18:30")
    expect(out).toContain("2. Bespreken hoe het gaat / How foster care is going: 9 februari 2023, 16:00–20:30")
    expect(out).toContain("3. Samen verbeterplan / Improvement plan together: 23 maart 2023, 16:00–20:30")
    // the 13-year-old is refused with the reason; the full group gets a waitlist
    expect(out).toMatch(/✗ Noor \(pleegkinderen[^\n]*geweigerd \/ refused\n\s+De eerste bijeenkomst is op 17 november 2022\. Dan ben je 13 jaar\./)
    expect(out).toContain("… Ingrid Bos (ouders / (birth) parents): wachtlijst, plek 1 / waitlist, position 1")
    // the withdrawal with the code from the mail promotes her, and she is told
    expect(out).toMatch(/✉ {2}Peter Willems: "Je aanmelding is ingetrokken[^\n]*\n\s+✉ {2}Ingrid Bos: "Er is een plek voor je[^\n]*\(3 afspraken/)
    // West Brabant Oost from the same template, with tentative sessions
    expect(out).toContain("2. eind maart 2023 (datum volgt) / late March 2023 (date to follow)")
    expect(out).toContain("3. begin mei 2023 (datum volgt) / early May 2023 (date to follow)")
    expect(out).toContain("Herinneringen voor bijeenkomst 1 / Reminders for session 1: 11")
    expect(out).toMatch(/Totaal \/ total\s+10\s+9\s+11/)
    expect(out).toContain("aanmeldingen / registrations: Confirmed 12, Withdrawn 1")
    expect(out).toContain("mails nog te versturen / mails still to send: 0")
    expect(out).toContain("mails aangekomen / mails arrived: 155")
    // the survey before session 2: invitations, a reminder, answers, free texts blacked out, the report on file
    expect(out).toContain("Uitgenodigd / Invited: 65 (Pleeggezinnen 38, Ouders 9, Hulpverleners 14, Beleidsmakers 4)")
    expect(out).toContain("te weinig beleidsmakers uitgenodigd om apart te tonen")
    expect(out).toMatch(/Herinnering gestuurd \/ Reminder sent: \d+/)
    expect(out).toContain("Mijn pleegzoon [naam] wacht al maanden op een plek bij de GGZ. Bel me gerust op [telefoon].")
    expect(out).not.toContain("06-12345678")
    const report = /Startrapport \/ Start report: (\S+)/.exec(out)?.[1]
    expect(report).toBeDefined()
    const html = Fs.readFileSync(report!, "utf8")
    expect(html).toContain("Wie deden mee")
    expect(html).toContain("<svg")
    expect(html).toContain("verzonnen voorbeeld")
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i)
    expect(Fs.readFileSync(report!.replace(/\.html$/, ".md"), "utf8")).toContain("# Vragenlijst over pleegzorg in Rijk van Nijmegen")
    // findings of session 2, the agenda adopted in session 3, and its first year
    expect(out).toContain("Bevindingen vastgelegd / Findings recorded: 3 thema's / themes")
    expect(out).toMatch(/Verwijzing naar een verborgen cijfer geweigerd[^\n]*\n\s+Dit cijfer is niet gepubliceerd/)
    expect(out).toContain("Verbeteragenda vastgesteld / Improvement agenda adopted: versie 1, 2023-03-23, 5 acties / actions")
    expect(out).toContain("Reminders to owners, 9 June: 0 bijna zover / due soon, 0 te laat / overdue, 3 evaluatie / review")
    expect(out).toContain("Reminders to owners, 2 November: 0 bijna zover / due soon, 1 te laat / overdue, 0 evaluatie / review")
    expect(out).toContain("afgesproken 1, loopt 3, klaar 1, gestopt 0; te laat / overdue 1")
    const agenda = /Verbeteragenda \/ Improvement agenda: (\S+)/.exec(out)?.[1]
    expect(agenda).toBeDefined()
    const agendaHtml = Fs.readFileSync(agenda!, "utf8")
    expect(agendaHtml).toContain("Startgesprek met praktische afspraken bij elke nieuwe plaatsing")
    expect(agendaHtml).toContain("<svg")
    expect(agendaHtml).not.toMatch(/(src|href)\s*=\s*["']?https?:/i)
    // owners' addresses are for the mails only
    expect(agendaHtml).not.toMatch(/[\w.-]+@[\w-]+\.example/)
    expect(Fs.readFileSync(agenda!.replace(/\.html$/, ".csv"), "utf8").split("\n")[0]).toContain("region,region_name,version")
    // a small matching round in the two pilot regions, each pair explained
    expect(out).toContain("Koppelronde / Matching run (gewichten / weights standaard-2026-11): 5 voorstellen / proposals, 0 zonder mentor / without a mentor")
    expect(out).toMatch(/Sanne Bakker → Joke Hendriks \(1,00\)\n\s+zelfde gemeente \(\+0,35\), ervaring met langdurende pleegzorg \(\+0,25\)/)
    expect(out).toMatch(/Yasmina Haddad → Fatima Bouzid \(0,71\)\n\s+afstand 10,4 km \(\+0,23\), ervaring met crisispleegzorg/)
    expect(out).toContain("Henk Willems zegt nee / says no: Ruud en Ellen Vos gaat naar / goes to Joke Hendriks")
    expect(out).toContain("Rijk van Nijmegen: 3 aspiranten / prospects, 1 gekoppeld / matched, 2 voorgesteld / proposed, 0 wachtend / waiting")
    expect(out).toContain("✉  1× \"Je mentor is Joke Hendriks\"")
    expect(out).not.toContain("2009-06-10") // birth dates are used, never shown
    // nor personal codes (43 characters of base64url; not the dashes under a heading)
    expect(out).not.toMatch(/\b(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]{43}\b/)
  })

  it("the README's quick start runs and prints what the README says", () => {
    const out = run("src/quickstart.ts")
    expect(out.split("\n").slice(0, 2)).toEqual(["JZ32 Rijk van Nijmegen", "Region"])
    expect(out).toContain("Dan ben je 13 jaar. Je kunt meedoen als je 14 jaar of ouder bent.")
  })
})

const postgres = inject("postgres")

describe.runIf(postgres !== null)("examples on PostgreSQL", () => {
  it("pnpm demo with DATABASE_URL set runs the same pilot on PostgreSQL, in a schema it removes afterwards", async () => {
    const out = run("src/demo.ts", { DATABASE_URL: postgres!.url })
    const schema = out.match(/schema (pleegzorg_demo_[a-z0-9]+)/)?.[1]
    expect(schema).toBeDefined()
    expect(out).toContain("Database: PostgreSQL 127.0.0.1:5432/test")
    expect(out).toContain("aanmeldingen / registrations: Confirmed 12, Withdrawn 1")
    expect(out).toContain("mails aangekomen / mails arrived: 155")
    expect(out).toContain("Startrapport / Start report:")
    expect(out).toMatch(/Totaal \/ total\s+10\s+9\s+11/)
    const db = new Pg.Client({ connectionString: postgres!.url })
    await db.connect()
    const left = await db.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])
    await db.end()
    expect(left.rowCount).toBe(0)
  })
})
