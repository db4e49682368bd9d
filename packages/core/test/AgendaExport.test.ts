import { describe, expect, it } from "@effect/vitest"
import { Agenda, AgendaAction, AgendaExport, AgendaFinding, AgendaFollowUp, type CalendarDate, type Region, type Registration, type Track } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"

const day = (s: string) => s as CalendarDate.CalendarDate
const actionId = (n: number) => `act_${String(n).padStart(20, "0")}` as AgendaAction.ActionId

// RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes
// ("") and line breaks; records end in CRLF.
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = false
      else field += c
    } else if (c === "\"") quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else field += c
  }
  if (field !== "" || row.length > 0) rows.push([...row, field])
  return rows
}

/** The rows of a CSV as records by column name. */
const records = (text: string) => {
  const [header, ...rows] = parseCsv(text)
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]])))
}

const together = new AgendaFinding.Theme({
  name: "Samenwerking tussen pleegouders en ouders",
  statements: [
    new AgendaFinding.Statement({
      kind: "GoesWell",
      text: "Hulpverleners vinden de samenwerking goed.",
      evidence: [new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "samenwerking", cell: "group:CareWorker" })]
    }),
    new AgendaFinding.Statement({
      kind: "CouldBeBetter",
      text: "Ouders worden te laat betrokken.",
      evidence: [
        new AgendaFinding.RegionalFigure({ indicator: "pleegkinderen", area: "JZ32", period: "2022" }),
        new AgendaFinding.SessionNote({ text: "Ouders horen het vaak als laatste." })
      ]
    })
  ]
})
const overload = new AgendaFinding.Theme({
  name: "Overbelasting van pleegouders",
  statements: [new AgendaFinding.Statement({ kind: "CouldBeBetter", text: "Pleegouders stoppen door te veel druk.", evidence: [] })]
})

const action = (n: number, overrides: Partial<ConstructorParameters<typeof AgendaAction.Action>[0]>) =>
  new AgendaAction.Action({
    id: actionId(n),
    title: `Actie ${n}`,
    description: "",
    theme: overload.name,
    owner: new AgendaAction.Owner({ organisation: "Gemeente Nijmegen", role: "beleidsmaker jeugd" }),
    groups: ["FosterParent"],
    start: day("2023-04-01"),
    due: day("2023-12-31"),
    success: "Minder pleegouders stoppen.",
    status: new AgendaAction.Proposed(),
    notes: [],
    ...overrides
  })

const startTalk = action(1, {
  title: "Startgesprek bij elke plaatsing",
  description: "Pleegouders, ouders en de pleegzorgwerker maken aan het begin samen afspraken.",
  theme: together.name,
  owner: new AgendaAction.Owner({ organisation: "Pleegzorgaanbieder", role: "teamleider" }),
  groups: ["FosterParent", "Parent", "CareWorker"],
  start: day("2023-05-01"),
  due: day("2023-09-01"),
  success: "Bij 9 van de 10 nieuwe plaatsingen is er een startgesprek geweest."
})
const buddies = action(2, { title: "Buddy-lijst voor nieuwe pleegouders", due: day("2023-08-01") })
const respite = action(3, { title: "Respijtzorg uitbreiden" })
const onPaper = action(4, { title: "Samenwerkingsafspraak op papier", theme: together.name, start: day("2023-10-01"), due: day("2024-03-31") })

const agendaId = "agd_00000000000000000001" as Agenda.AgendaId
const draft = (actions: ReadonlyArray<AgendaAction.Action>) => new Agenda.Content({ themes: [together, overload], actions })
const notAdopted = new Agenda.Agenda({
  id: agendaId,
  trackId: "trk_00000000000000000001" as Track.TrackId,
  region: "JZ32" as Region.RegionCode,
  draft: draft([startTalk, buddies, respite]),
  versions: [],
  version: 1
})

// Adopted on 23 March; the first action agreed that day; a fourth action
// added in version 2 after the six-month moment; the reviews after 3
// months held, after 6 months missed.
const agenda = (() => {
  const first = Either.getOrThrow(
    Agenda.adopt(
      new Agenda.Agenda({
        ...notAdopted,
        progress: { [startTalk.id]: new Agenda.Progress({ status: new AgendaAction.Agreed({ on: day("2023-03-23") }), notes: [] }) }
      }),
      day("2023-03-23")
    )
  )
  const second = Either.getOrThrow(
    Agenda.adopt(new Agenda.Agenda({ ...first, draft: draft([startTalk, buddies, respite, onPaper]) }), day("2023-09-23"), {
      what: "De samenwerkingsafspraak op papier is erbij gekomen.",
      why: "Ouders willen afspraken zwart op wit."
    })
  )
  return new Agenda.Agenda({
    ...second,
    // where the owner gets mail: kept on the agenda, never exported
    contacts: {
      [startTalk.id]: new AgendaAction.Contact({ name: "Jan Jansen", email: "jan.jansen@example.org" as Registration.Email, language: "nl" })
    },
    progress: {
      [startTalk.id]: new Agenda.Progress({
        status: new AgendaAction.InProgress({ since: day("2023-05-10") }),
        notes: [
          new AgendaAction.ProgressNote({ on: day("2023-08-15"), text: "Werkproces aangepast, nog niet overal in gebruik." }),
          new AgendaAction.ProgressNote({ on: day("2023-07-01"), text: "Eerste tien startgesprekken gehouden." })
        ]
      }),
      [buddies.id]: new Agenda.Progress({ status: new AgendaAction.Done({ on: day("2023-07-15"), note: "Buddy-lijst staat online." }), notes: [] }),
      [respite.id]: new Agenda.Progress({ status: new AgendaAction.Dropped({ on: day("2023-06-15"), reason: "Geen budget dit jaar." }), notes: [] })
    },
    reviews: [
      new AgendaFollowUp.Review({
        moment: 3,
        on: day("2023-06-27"),
        notes: [
          new AgendaFollowUp.ReviewNote({ action: startTalk.id, text: "Gaat volgens plan." }),
          new AgendaFollowUp.ReviewNote({ action: buddies.id, text: "Bijna klaar." })
        ]
      })
    ]
  })
})()

const input: AgendaExport.Input = {
  agenda,
  regionName: "Gelderland-Zuid",
  trackTitle: { nl: "Goede gesprek Gelderland-Zuid 2023", en: "Good conversation Gelderland-Zuid 2023" },
  today: day("2023-10-02")
}

const markdown = (i: AgendaExport.Input, language: "nl" | "en" = "nl") => Either.getOrThrow(AgendaExport.toMarkdown(i, language))
const html = (i: AgendaExport.Input, language: "nl" | "en" = "nl") => Either.getOrThrow(AgendaExport.toHtml(i, language))
const csv = (i: AgendaExport.Input) => Either.getOrThrow(AgendaExport.toCsv(i))

// The text of a page with the tags taken out, for checks on what a reader sees.
const text = (page: string) => page.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ")

describe("AgendaExport.toMarkdown", () => {
  it("shows the version in force with what changed, the findings with evidence, every action with status, dates and notes, and the follow-up", () => {
    const out = markdown(input)
    expect(out).toMatch(/^# Verbeteragenda pleegzorg Gelderland-Zuid\n/)
    for (
      const expected of [
        "**Versie:** 2, vastgesteld op 23 september 2023",
        "**Traject:** Goede gesprek Gelderland-Zuid 2023",
        "- **Wat:** De samenwerkingsafspraak op papier is erbij gekomen.",
        "- **Waarom:** Ouders willen afspraken zwart op wit.",
        "| 1 | 23 maart 2023 | Eerste versie |",
        "| 2 (deze) (geldt nu) | 23 september 2023 | De samenwerkingsafspraak op papier is erbij gekomen. — waarom: Ouders willen afspraken zwart op wit. |",
        "### Samenwerking tussen pleegouders en ouders",
        "#### Wat gaat goed",
        "- Hulpverleners vinden de samenwerking goed. _(Onderbouwing: vragenlijst, samenwerking, groep group:CareWorker)_",
        "- Ouders worden te laat betrokken. _(Onderbouwing: Kinderen in een pleeggezin JZ32 2022; uit de sessie: “Ouders horen het vaak als laatste.”)_",
        "##### Startgesprek bij elke plaatsing",
        "- **Eigenaar:** Pleegzorgaanbieder, teamleider",
        "- **Wie doen mee:** pleegouders, ouders, hulpverleners",
        "- **Start:** 1 mei 2023",
        "- **Klaar uiterlijk:** 1 september 2023",
        "- **Geslaagd als:** Bij 9 van de 10 nieuwe plaatsingen is er een startgesprek geweest.",
        "- **Status:** Loopt sinds 10 mei 2023",
        "**Te laat: de einddatum 1 september 2023 is voorbij.**",
        "  - 1 juli 2023: Eerste tien startgesprekken gehouden.\n  - 15 augustus 2023: Werkproces aangepast, nog niet overal in gebruik.",
        "- **Status:** Klaar op 15 juli 2023\n- **Hoe het ging:** Buddy-lijst staat online.",
        "- **Status:** Gestopt op 15 juni 2023\n- **Reden:** Geen budget dit jaar.",
        "##### Samenwerkingsafspraak op papier",
        "- **Status:** Voorgesteld",
        "| Loopt | 1 |",
        "| Klaar | 1 |",
        "Te laat (1): Startgesprek bij elke plaatsing",
        "| na 3 maanden | 23 juni 2023 | gehouden op 27 juni 2023 |",
        "| na 6 maanden | 23 september 2023 | niet gehouden |",
        "| na 12 maanden | 23 maart 2024 | de volgende |",
        "Volgende bespreking: na 12 maanden, op 23 maart 2024.",
        "#### Bespreking na 3 maanden, gehouden op 27 juni 2023",
        "- **Startgesprek bij elke plaatsing:** Gaat volgens plan.",
        "- **Buddy-lijst voor nieuwe pleegouders:** Bijna klaar."
      ]
    ) expect(out).toContain(expected)
    // only the late action is marked late
    expect(out.match(/Te laat:/g)).toHaveLength(1)
  })

  it("in English, every fixed text is English and what people wrote stays as written", () => {
    const out = markdown(input, "en")
    for (
      const expected of [
        "# Foster care improvement agenda Gelderland-Zuid",
        "**Version:** 2, adopted on 23 September 2023",
        "**Track:** Good conversation Gelderland-Zuid 2023",
        "#### What goes well",
        "#### What could be better",
        "_(Evidence: survey, samenwerking, group group:CareWorker)_",
        "Children in foster care JZ32 2022; from the session: “Ouders horen het vaak als laatste.”",
        "- **Owner:** Pleegzorgaanbieder, teamleider",
        "- **Who takes part:** foster parents, (birth) parents, care workers",
        "- **Due:** 1 September 2023",
        "- **Status:** In progress since 10 May 2023",
        "**Overdue: the due date 1 September 2023 has passed.**",
        "- **Status:** Done on 15 July 2023\n- **How it went:** Buddy-lijst staat online.",
        "- **Status:** Dropped on 15 June 2023\n- **Reason:** Geen budget dit jaar.",
        "- **Status:** Proposed",
        "| after 6 months | 23 September 2023 | not held |",
        "Next review: after 12 months, on 23 March 2024.",
        "#### Review after 3 months, held on 27 June 2023"
      ]
    ) expect(out).toContain(expected)
    for (const dutch of ["Versie", "vastgesteld", "Wat gaat goed", "Eigenaar", "Loopt", "Voorgesteld", "Te laat", "maanden", "Bespreking", "Onderbouwing"]) {
      expect(out).not.toContain(dutch)
    }
  })

  it("an earlier version is shown as adopted: its actions and their status of that day, and no follow-up", () => {
    const out = markdown({ ...input, version: 1 })
    expect(out).toContain("**Versie:** 1, vastgesteld op 23 maart 2023")
    expect(out).toContain("Nu geldt versie 2, vastgesteld op 23 september 2023.")
    expect(out).toContain("- **Status:** Afgesproken op 23 maart 2023")
    expect(out).toContain("| 1 (deze) | 23 maart 2023 | Eerste versie |")
    expect(out).not.toContain("Samenwerkingsafspraak op papier")
    expect(out).not.toContain("Loopt sinds")
    expect(out).not.toContain("Te laat")
    expect(out).not.toContain("Voortgang en bespreekmomenten")
    expect(out).not.toContain("Wat is er veranderd")
  })
})

describe("AgendaExport.toHtml", () => {
  it("is one page with the same content, a timeline with text, and nothing from outside", () => {
    const page = html(input)
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/)
    const seen = text(page)
    for (
      const expected of [
        "Verbeteragenda pleegzorg Gelderland-Zuid",
        "Versie 2, vastgesteld op 23 september 2023",
        "Startgesprek bij elke plaatsing",
        "Loopt sinds 10 mei 2023",
        "Te laat: de einddatum 1 september 2023 is voorbij.",
        "Klaar op 15 juli 2023",
        "Hoe het ging Buddy-lijst staat online.",
        "Gestopt op 15 juni 2023",
        "15 augustus 2023 : Werkproces aangepast",
        "na 6 maanden 23 september 2023 niet gehouden",
        "Volgende bespreking: na 12 maanden, op 23 maart 2024.",
        "Startgesprek bij elke plaatsing : Gaat volgens plan."
      ]
    ) expect(seen).toContain(expected)
    // the timeline: a picture with a text alternative naming every action,
    // a legend in words, a line for today and the review moments
    const svg = /<svg class="timeline" role="img" aria-label="([^"]*)"[^>]*><title>([^<]*)<\/title>/.exec(page)
    expect(svg).not.toBeNull()
    expect(svg![1]).toBe(svg![2])
    for (
      const expected of [
        "Startgesprek bij elke plaatsing: 1 mei 2023 tot en met 1 september 2023, Loopt sinds 10 mei 2023, te laat.",
        "Samenwerkingsafspraak op papier: 1 oktober 2023 tot en met 31 maart 2024, Voorgesteld.",
        "Rode lijn: vandaag (2 oktober 2023).",
        "Bespreekmomenten: na 3 maanden (23 juni 2023), na 6 maanden (23 september 2023), na 12 maanden (23 maart 2024)."
      ]
    ) expect(svg![1]).toContain(expected)
    expect(page.match(/<rect x="[^"]*" y="\d+" width="[^"]*" height="14"/g)).toHaveLength(4)
    expect(page).toContain(`stroke="#b2182b" stroke-width="3"`)
    for (const word of ["Voorgesteld", "Afgesproken", "Loopt", "Klaar", "Gestopt", "rode rand: te laat", "bespreekmoment"]) {
      expect(/<ul class="legend"[^]*?<\/ul>/.exec(page)![0]).toContain(word)
    }
    for (const outside of ["<script", "http:", "https:", "//", "src=", "href=", "url(", "@import", "<link", "<iframe", "<img"]) {
      expect(page).not.toContain(outside)
    }
    expect(page).toContain("@media print")
  })

  it("in English, the page, the timeline and the legend are English", () => {
    const page = html(input, "en")
    expect(page).toContain(`<html lang="en">`)
    const seen = text(page)
    for (
      const expected of [
        "Foster care improvement agenda Gelderland-Zuid",
        "In progress since 10 May 2023",
        "Overdue: the due date 1 September 2023 has passed.",
        "Red line: today (2 October 2023).",
        "red outline: overdue",
        "Reviews held",
        "Startgesprek bij elke plaatsing"
      ]
    ) expect(seen).toContain(expected)
    for (const dutch of ["Versie", "Loopt", "vandaag", "Tijdlijn", "maanden", "Te laat", "jan 2024", "mrt"]) expect(seen).not.toContain(dutch)
  })
})

describe("AgendaExport and people's contacts", () => {
  it("no export shows the name or address an owner gets mail at", () => {
    const exports = [
      markdown(input),
      markdown(input, "en"),
      html(input),
      html(input, "en"),
      csv(input),
      markdown({ ...input, version: 1 }),
      html({ ...input, version: 1 }),
      csv({ ...input, version: 1 })
    ]
    for (const out of exports) {
      expect(out).toContain("Pleegzorgaanbieder")
      for (const secret of ["jan.jansen", "example.org", "Jan Jansen"]) expect(out).not.toContain(secret)
    }
  })
})

describe("AgendaExport escaping", () => {
  const nasty = `<script>alert(1)</script> & "quotes" 'too'`
  const hostile = new Agenda.Agenda({
    ...agenda,
    versions: [
      new Agenda.Version({
        number: 1,
        adoptedOn: day("2023-03-23"),
        change: Option.none(),
        content: new Agenda.Content({
          themes: [new AgendaFinding.Theme({ name: nasty, statements: [new AgendaFinding.Statement({ kind: "GoesWell", text: nasty, evidence: [new AgendaFinding.SessionNote({ text: nasty })] })] })],
          actions: [
            action(9, {
              title: nasty,
              description: `${nasty}\n# kop\n- lijst\r- los regeleinde\r===`,
              theme: nasty,
              owner: new AgendaAction.Owner({ organisation: nasty, role: nasty }),
              success: nasty,
              status: new AgendaAction.InProgress({ since: day("2023-04-02") }),
              notes: [new AgendaAction.ProgressNote({ on: day("2023-05-01"), text: `${nasty} [link](javascript:alert(1))` })]
            })
          ]
        })
      })
    ],
    progress: {},
    reviews: [new AgendaFollowUp.Review({ moment: 3, on: day("2023-06-27"), notes: [new AgendaFollowUp.ReviewNote({ action: actionId(9), text: nasty })] })]
  })
  const hostileInput: AgendaExport.Input = { agenda: hostile, regionName: nasty, trackTitle: { nl: nasty, en: nasty }, today: day("2023-10-02") }

  it("HTML shows every text people wrote as text, in the page and in the timeline", () => {
    for (const language of ["nl", "en"] as const) {
      const page = html(hostileInput, language)
      expect(page).not.toContain("<script")
      expect(page).not.toContain(`"quotes"`)
      expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;")
      // title, region, track, theme, statement, note, action (page and
      // timeline), owner, role, success, progress note, review note
      expect(page.split("&lt;script&gt;").length - 1).toBeGreaterThanOrEqual(12)
      expect(page).not.toContain("href")
    }
  })

  it("Markdown shows every text people wrote as text: no tags, headings, lists or links from it", () => {
    const out = markdown(hostileInput)
    expect(out).not.toMatch(/(?<!\\)<script/)
    expect(out).toContain("\\<script\\>alert(1)\\</script\\> & \"quotes\" 'too'")
    expect(out).toContain("\\# kop - lijst - los regeleinde ===")
    // no line ending of any kind (\r too) lets a text start a list or underline a heading
    expect(out.split(/\r\n|\r|\n/).some((line) => line.startsWith("- los") || line.startsWith("==="))).toBe(false)
    expect(out).toContain("\\[link\\](javascript:alert(1))")
    expect(out.split("\n").filter((line) => line.startsWith("#")).every((line) => /^#+ /.test(line))).toBe(true)
  })
})

describe("AgendaExport.toCsv", () => {
  it("has one row per action of the version with codes, ISO dates and the last progress note", () => {
    const out = csv(input)
    expect(out.split("\r\n")[0]).toBe(
      "region,region_name,version,adopted_on,theme,action,owner_organisation,owner_role,groups,start,due,status,status_date,overdue,last_progress_note,success"
    )
    expect(out.endsWith("\r\n")).toBe(true)
    const rows = records(out)
    expect(rows.map((r) => [r.action, r.status, r.status_date, r.overdue])).toEqual([
      ["Startgesprek bij elke plaatsing", "InProgress", "2023-05-10", "yes"],
      ["Buddy-lijst voor nieuwe pleegouders", "Done", "2023-07-15", "no"],
      ["Respijtzorg uitbreiden", "Dropped", "2023-06-15", "no"],
      ["Samenwerkingsafspraak op papier", "Proposed", "", "no"]
    ])
    expect(rows[0]).toEqual({
      region: "JZ32",
      region_name: "Gelderland-Zuid",
      version: "2",
      adopted_on: "2023-09-23",
      theme: "Samenwerking tussen pleegouders en ouders",
      action: "Startgesprek bij elke plaatsing",
      owner_organisation: "Pleegzorgaanbieder",
      owner_role: "teamleider",
      groups: "FosterParent;Parent;CareWorker",
      start: "2023-05-01",
      due: "2023-09-01",
      status: "InProgress",
      status_date: "2023-05-10",
      overdue: "yes",
      last_progress_note: "Werkproces aangepast, nog niet overal in gebruik.",
      success: "Bij 9 van de 10 nieuwe plaatsingen is er een startgesprek geweest."
    })
  })

  it("quotes commas, quotes and line breaks, and keeps a spreadsheet from running a cell as a formula", () => {
    const tricky = action(5, {
      title: "Bel \"ouders\", en pleegouders\r\nop tijd",
      owner: new AgendaAction.Owner({ organisation: "@Gemeente", role: "=HYPERLINK(\"http://x\",\"klik\")" }),
      success: "-10% stoppers",
      notes: [new AgendaAction.ProgressNote({ on: day("2023-05-01"), text: "+1 gezin, \"mooi\"" })]
    })
    const agendaOf = new Agenda.Agenda({
      ...agenda,
      versions: [new Agenda.Version({ number: 1, adoptedOn: day("2023-03-23"), change: Option.none(), content: draft([tricky]) })],
      progress: {}
    })
    const out = csv({ ...input, agenda: agendaOf, regionName: "Zuid, \"Oost\"" })
    expect(out).toContain(`"Bel ""ouders"", en pleegouders\r\nop tijd"`)
    const [row] = records(out)
    expect(row).toMatchObject({
      region_name: "Zuid, \"Oost\"",
      action: "Bel \"ouders\", en pleegouders\r\nop tijd",
      owner_organisation: "'@Gemeente",
      owner_role: "'=HYPERLINK(\"http://x\",\"klik\")",
      success: "'-10% stoppers",
      last_progress_note: "'+1 gezin, \"mooi\""
    })
  })

  it("an earlier version has its own actions as adopted", () => {
    const rows = records(csv({ ...input, version: 1 }))
    expect(rows.map((r) => [r.version, r.adopted_on, r.action, r.status, r.status_date, r.overdue])).toEqual([
      ["1", "2023-03-23", "Startgesprek bij elke plaatsing", "Agreed", "2023-03-23", "no"],
      ["1", "2023-03-23", "Buddy-lijst voor nieuwe pleegouders", "Proposed", "", "no"],
      ["1", "2023-03-23", "Respijtzorg uitbreiden", "Proposed", "", "no"]
    ])
  })

  it("round-trips any text people write in a cell, formulas made harmless", () => {
    const tricky = FastCheck.string({
      unit: FastCheck.oneof(FastCheck.constantFrom(",", "\"", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", " ", "'"), FastCheck.char()),
      minLength: 1
    })
    const harmless = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)
    FastCheck.assert(
      FastCheck.property(
        FastCheck.array(
          FastCheck.tuple(Arbitrary.make(AgendaAction.Action), tricky, tricky, tricky),
          { minLength: 1, maxLength: 4 }
        ),
        tricky,
        (generated, regionName) => {
          const actions = generated.map(([a, title, role, note]) =>
            new AgendaAction.Action({
              ...a,
              title,
              // written as they come: a cell must survive even what a decoder would trim
              owner: new AgendaAction.Owner({ organisation: a.owner.organisation, role }, true),
              notes: [new AgendaAction.ProgressNote({ on: a.start, text: note }, true)]
            }, true)
          )
          const one = new Agenda.Agenda({
            ...agenda,
            versions: [new Agenda.Version({ number: 1, adoptedOn: day("2023-03-23"), change: Option.none(), content: draft(actions) })],
            progress: {}
          })
          const rows = records(csv({ ...input, agenda: one, regionName }))
          expect(rows).toHaveLength(actions.length)
          for (const [i, a] of actions.entries()) {
            expect(rows[i]).toMatchObject({
              region_name: harmless(regionName),
              theme: harmless(a.theme),
              action: harmless(a.title),
              owner_organisation: harmless(a.owner.organisation),
              owner_role: harmless(a.owner.role),
              start: a.start,
              due: a.due,
              status: a.status._tag,
              last_progress_note: harmless(a.notes[0]!.text),
              success: harmless(a.success)
            })
          }
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe("AgendaExport refusals", () => {
  it("an agenda that is not adopted, or a version it does not have, has no export", () => {
    for (const outcome of [AgendaExport.toMarkdown({ ...input, agenda: notAdopted }), AgendaExport.toHtml({ ...input, agenda: notAdopted }, "en"), AgendaExport.toCsv({ ...input, agenda: notAdopted })]) {
      expect(Either.isLeft(outcome)).toBe(true)
      if (Either.isLeft(outcome)) {
        expect(outcome.left._tag).toBe("AgendaStateConflict")
        expect(outcome.left.agendaId).toBe(agendaId)
        expect(outcome.left.problem.en).toBe("This improvement agenda has not been adopted yet. There is nothing to export.")
      }
    }
    const missing = AgendaExport.toCsv({ ...input, version: 3 })
    expect(Either.isLeft(missing) && missing.left.problem.nl).toBe("Versie 3 van deze verbeteragenda bestaat niet. Er zijn versies 1 tot en met 2.")
  })
})

describe("AgendaExport.nationalCsv and themesCsv", () => {
  const standings = AgendaFollowUp.national(
    [
      { region: "JZ32", agenda: Option.some(agenda), reviews: agenda.reviews },
      { region: "JZ07", agenda: Option.none(), reviews: [] },
      {
        region: "JZ41",
        agenda: Option.some({
          versions: [{ adoptedOn: day("2023-04-01"), content: { themes: [{ name: " samenwerking tussen pleegouders en ouders " }], actions: [buddies] } }]
        }),
        reviews: []
      }
    ],
    day("2023-10-02")
  )

  it("has a row per region with whether and how far its agenda is adopted, and the names given", () => {
    const names: Record<string, string> = { JZ32: "Gelderland-Zuid", JZ07: "=Noord-Holland Noord" }
    const out = AgendaExport.nationalCsv(standings, (code) => names[code] ?? "")
    const [header, ...rows] = parseCsv(out)
    expect(header).toEqual(["region", "region_name", "adopted", "versions", "actions", "done", "overdue", "missed_reviews"])
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ["JZ32", "Gelderland-Zuid", "yes", "2"],
      ["JZ07", "'=Noord-Holland Noord", "no", "0"],
      ["JZ41", "", "yes", "1"]
    ])
    // the counts are national's, as they are
    expect(rows.map((row) => row.slice(4).map(Number))).toEqual(
      standings.regions.map((r) => [r.actions, r.done, r.overdue, r.missedReviews])
    )
    expect(rows[0]!.slice(4)).toEqual(["4", String(standings.regions[0]!.done), String(standings.regions[0]!.overdue), String(standings.regions[0]!.missedReviews)])
    expect(parseCsv(AgendaExport.nationalCsv(standings)).map((row) => row[1])).toEqual(["region_name", "", "", ""])
  })

  it("lists the themes that recur across regions apart, most regions first", () => {
    expect(parseCsv(AgendaExport.themesCsv(standings))).toEqual([
      ["theme", "regions"],
      ["Samenwerking tussen pleegouders en ouders", "2"],
      ["Overbelasting van pleegouders", "1"]
    ])
  })
})
