import { describe, expect, it } from "@effect/vitest"
import { Disclosure, DisclosurePolicy, RegionalFigures, StartReport, Survey, type Surveys } from "@pleegzorg/core"
import * as Either from "effect/Either"

const both = (nl: string, en: string) => ({ nl, en })
const likert = (...counts: [number, number, number, number, number]): Disclosure.Answers => ({ _tag: "Likert", counts })
const choice = (...counts: Array<number>): Disclosure.Answers => ({
  _tag: "Choice",
  options: [both("Ja", "Yes"), both("Nee", "No"), both("Weet ik niet", "Don't know")],
  counts,
  answered: counts.reduce((a, b) => a + b, 0)
})
const numbers = (...values: Array<number>): Disclosure.Answers => ({ _tag: "Number", values })
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i))

// Everyone (55) and four groups: parents (3) are too few, foster families
// (12) are hidden with them so that 55 − 25 − 15 does not give the 3 away.
const groups = [
  ["FosterFamily", 12, 30],
  ["Parent", 3, 10],
  ["CareWorker", 25, 50],
  ["PolicyMaker", 15, 20]
] as const

const release = (policy: DisclosurePolicy.Policy): Disclosure.ProtectedRelease =>
  Either.getOrThrow(Disclosure.protect(
    {
      cells: [
        { key: "all", label: both("Iedereen", "Everyone"), breakdown: 0, respondents: 55, invited: 110 },
        ...groups.map(([group, respondents, invited]) => ({
          key: `group:${group}`,
          label: Survey.groupLabel(group),
          breakdown: 1 as const,
          respondents,
          invited
        }))
      ],
      relations: [{ total: "all", parts: groups.map(([group]) => `group:${group}`) }],
      questions: [
        {
          id: "samenwerking",
          label: both("De samenwerking met de <pleegzorgaanbieder> gaat goed.", "Working with the <foster care provider> goes well."),
          cells: {
            all: likert(4, 8, 12, 21, 10),
            "group:FosterFamily": likert(1, 2, 3, 4, 2),
            "group:Parent": likert(0, 1, 1, 1, 0),
            "group:CareWorker": likert(2, 3, 5, 10, 5),
            "group:PolicyMaker": likert(1, 2, 3, 6, 3)
          }
        },
        {
          id: "hulp",
          label: both("Krijg je genoeg hulp?", "Do you get enough help?"),
          cells: {
            all: choice(31, 20, 4),
            "group:FosterFamily": choice(6, 5, 1),
            "group:Parent": choice(1, 2, 0),
            "group:CareWorker": choice(15, 8, 2),
            "group:PolicyMaker": choice(9, 5, 1)
          }
        },
        {
          id: "uren",
          label: both("Hoeveel uur per week?", "How many hours a week?"),
          cells: {
            all: numbers(...range(27, (i) => i % 9), 2, 2, 2, 2),
            "group:FosterFamily": numbers(...range(12, (i) => i % 5)),
            "group:Parent": numbers(1, 2, 3),
            "group:CareWorker": numbers(...range(12, (i) => i % 9)),
            // only 4 of 15 answered: too few answers
            "group:PolicyMaker": numbers(2, 2, 2, 2)
          }
        }
      ]
    },
    policy
  ))

const surveyId = Survey.SurveyId.make(`srv_${"a".repeat(20)}`)

const dataWith = (policy: DisclosurePolicy.Policy): Surveys.StartReportData => ({
  releaseId: "rel-1",
  survey: {
    id: surveyId,
    title: both("Startpeiling <script>alert(1)</script>", "Start survey <script>alert(1)</script>"),
    region: "JZ32",
    regionName: "Rijk van Nijmegen",
    closedOn: "2025-03-14"
  },
  release: release(policy),
  questions: [
    { id: "samenwerking", text: both("De samenwerking gaat goed.", "Working together goes well."), kind: "Likert" },
    { id: "hulp", text: both("Krijg je genoeg hulp?", "Do you get enough help?"), kind: "SingleChoice" },
    { id: "uren", text: both("Hoeveel uur per week?", "How many hours a week?"), kind: "Number" }
  ],
  openAnswers: [
    {
      group: "CareWorker",
      question: "wat-kan-beter",
      texts: ["Meer tijd & aandacht <graag> voor \"ouders\"", "Korte lijnen.\n\nEn [naam] belt altijd terug."],
      withheld: undefined,
      pendingReview: 0
    },
    {
      group: "Parent",
      question: "wat-kan-beter",
      texts: [],
      withheld: both(
        "Open antwoorden laten we alleen zien als minstens 10 mensen uit de groep de vragenlijst invulden.",
        "Free-text answers are shown only when at least 10 people in the group filled in the survey."
      ),
      pendingReview: 0
    }
  ],
  figures: [
    new RegionalFigures.Figure({
      indicator: "pleegkinderen",
      area: "JZ32",
      period: "2024",
      value: 1234,
      unit: "kinderen",
      source: "Voorbeeldbron & co",
      invented: true
    }),
    new RegionalFigures.Figure({
      indicator: "wachtende-kinderen",
      area: "NL",
      period: "2023",
      value: 450,
      unit: "kinderen",
      source: "CBS StatLine, https://opendata.cbs.nl",
      invented: false
    })
  ]
})

const data = dataWith(DisclosurePolicy.standard)

// The report in one language, out of the page that holds both.
const article = (html: string, language: "nl" | "en") => {
  const found = new RegExp(`<article class="report report-${language}" lang="${language}">([\\s\\S]*?)</article>`).exec(html)
  expect(found).not.toBeNull()
  return found![1]!
}

// The cells of one question: [group label, inner html, suppressed?]
const cellsOf = (page: string, question: string) => {
  const start = page.indexOf(question)
  expect(start).toBeGreaterThan(-1)
  const section = page.slice(start, page.indexOf("</section>", start))
  return [...section.matchAll(/<li class="cell( suppressed)?"><p class="group">(.*?)<\/p>([\s\S]*?)<\/li>/g)].map((m) => ({
    group: m[2]!,
    html: m[3]!,
    suppressed: m[1] !== undefined
  }))
}

const figureOf = (question: string, key: string) => {
  const cell = data.release.questions.find((q) => q.id === question)!.cells.find((c) => c.key === key)!
  if (cell.figure._tag !== "Shown") throw new Error(`${question} ${key} is not shown`)
  return cell.figure.value
}

const escapedHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

describe("StartReport.describeFigure", () => {
  it("says how many answered, then the shares from disagree to agree, then the mean", () => {
    expect(StartReport.describeFigure(figureOf("samenwerking", "group:PolicyMaker"), "nl")).toBe(
      "15 antwoorden: oneens (1–2) 20%, neutraal (3) 20%, eens (4–5) 60%; gemiddeld 3,5"
    )
    expect(StartReport.describeFigure(figureOf("samenwerking", "group:PolicyMaker"), "en")).toBe(
      "15 answers: disagree (1–2) 20%, neutral (3) 20%, agree (4–5) 60%; mean 3.5"
    )
    expect(StartReport.describeFigure(figureOf("hulp", "group:PolicyMaker"), "nl")).toBe(
      "15 antwoorden: Ja: de helft tot driekwart; Nee: een kwart tot de helft; Weet ik niet: minder dan een kwart"
    )
    expect(StartReport.describeFigure(figureOf("uren", "all"), "en")).toBe("31 answers: mean 3.7; lowest 0, median 3, highest 8")
  })
})

describe("StartReport: a small group that (nearly) all gave one answer", () => {
  // six people, all in one group, five of whom agree and one is neutral
  const small = Either.getOrThrow(Disclosure.protect(
    {
      cells: [{ key: "all", label: both("Iedereen", "Everyone"), breakdown: 0, respondents: 6 }],
      relations: [],
      questions: [
        { id: "samenwerking", label: both("Gaat het goed?", "Is it going well?"), cells: { all: likert(0, 0, 1, 3, 2) } },
        { id: "hulp", label: both("Genoeg hulp?", "Enough help?"), cells: { all: choice(6, 0, 0) } }
      ]
    },
    DisclosurePolicy.standard
  ))
  const figure = (i: number) => {
    const cell = small.questions[i]!.cells[0]!
    if (cell.figure._tag !== "Shown") throw new Error("not shown")
    return cell.figure.value
  }

  it("says only that, in words and in the chart", () => {
    expect(StartReport.describeFigure(figure(0), "nl")).toBe("6 antwoorden: (bijna) iedereen is het eens (4–5)")
    expect(StartReport.describeFigure(figure(0), "en")).toBe("6 answers: (nearly) everyone agrees (4–5)")
    expect(StartReport.describeFigure(figure(1), "nl")).toBe("6 antwoorden: (bijna) iedereen koos ‘Ja’")
    const html = StartReport.toHtml({ ...data, release: small }, "nl")
    expect(article(html, "nl")).toContain(
      `<svg class="chart" role="img" aria-label="6 antwoorden: (bijna) iedereen is het eens (4–5)" width="100%" height="26"><title>6 antwoorden: (bijna) iedereen is het eens (4–5)</title><rect x="0%" y="0" width="100%" height="26" fill="#2166ac" stroke="#ffffff" stroke-width="1"/><text x="50%" y="18" text-anchor="middle" fill="#ffffff">(bijna) iedereen is het eens (4–5)</text>`
    )
    expect(article(html, "nl")).not.toContain("gemiddeld")
  })
})

describe("StartReport.toMarkdown", () => {
  it("shows the reason instead of a figure for hidden groups, in both languages", () => {
    const nl = StartReport.toMarkdown(data, "nl")
    expect(StartReport.toMarkdown(data)).toBe(nl)
    expect(nl).toContain("| Pleeggezinnen | niet getoond (1) | niet getoond (1) |")
    expect(nl).toContain("| Ouders | niet getoond (2) | niet getoond (2) |")
    expect(nl).toContain("(1) Dit cijfer laten we niet zien, omdat je anders")
    expect(nl).toContain("(2) Minder dan 5 mensen uit deze groep vulden de vragenlijst in.")
    expect(nl).toContain("| Hulpverleners | 25 | 50% |")
    expect(nl).toContain(
      "- **Ouders**: niet getoond. Minder dan 5 mensen uit deze groep vulden de vragenlijst in. Dan laten we geen cijfers zien, zodat niemand herkend kan worden."
    )
    expect(nl).toContain("- **Beleidsmakers**: niet getoond. Minder dan 5 mensen uit deze groep beantwoordden deze vraag.")
    // no line about parents carries a figure
    for (const line of nl.split("\n").filter((l) => l.includes("Ouders"))) expect(line).not.toMatch(/\d+%|antwoorden:|\| 3 \|/)

    const english = StartReport.toMarkdown(data, "en")
    expect(english).toContain("| (Birth) parents | not shown (2) | not shown (2) |")
    expect(english).toContain("- **(Birth) parents**: not shown. Fewer than 5 people in this group filled in the survey.")
    expect(english).toContain("**Survey closed on:** 14 March 2025")
    expect(nl).toContain("**Vragenlijst gesloten op:** 14 maart 2025")
  })

  it("escapes text from outside, marks invented figures, and shows free texts under the question id", () => {
    const nl = StartReport.toMarkdown(data, "nl")
    expect(nl).toContain("# Startpeiling \\<script\\>alert(1)\\</script\\>")
    expect(nl).not.toContain("<script>")
    expect(nl).toContain("> Meer tijd & aandacht \\<graag\\> voor \"ouders\"")
    expect(nl).toContain("### wat-kan-beter")
    expect(nl).toContain("_Open antwoorden laten we alleen zien als minstens 10 mensen")
    expect(nl).toContain("- Kinderen in een pleeggezin (Rijk van Nijmegen, 2024): 1.234 kinderen **(verzonnen voorbeeld)**. Bron: Voorbeeldbron & co")
    expect(nl).toContain("- Kinderen die wachten op een pleeggezin (Nederland, 2023): 450 kinderen. Bron: CBS StatLine")
    expect(StartReport.toMarkdown(data, "en")).toContain("- Children in foster care (Rijk van Nijmegen, 2024): 1,234 kinderen **(invented example)**.")
  })

  it("lists the overrides of the policy under 'Over deze cijfers', and none under the standard policy", () => {
    const policy = Either.getOrThrow(
      DisclosurePolicy.make([{ rule: "freeText", value: 8, reason: "Kleine regio <klein>", decidedBy: "Regio JZ32" }])
    )
    const nl = StartReport.toMarkdown(dataWith(policy), "nl")
    const about = nl.slice(nl.indexOf("## Over deze cijfers"))
    expect(about).toContain("Voor deze vragenlijst zijn deze regels aangepast:")
    expect(about).toContain(
      "- Minimaal aantal mensen per groep voor open antwoorden: 8 in plaats van 10. Besloten door Regio JZ32. Reden: Kleine regio \\<klein\\>"
    )
    expect(about).toContain("minstens 8 mensen de vragenlijst invulden")
    expect(StartReport.toMarkdown(dataWith(policy), "en")).toContain(
      "- Minimum number of people per group for free-text answers: 8 instead of 10. Decided by Regio JZ32. Reason: Kleine regio \\<klein\\>"
    )
    expect(StartReport.toMarkdown(data, "nl")).not.toContain("regels aangepast")
  })
})

describe("StartReport.toHtml", () => {
  it("is one page that opens in the asked language and holds the other behind a switch", () => {
    const nl = StartReport.toHtml(data)
    expect(nl).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/)
    expect(nl).toContain(`<input class="switch" type="radio" name="taal" id="taal-nl" checked>`)
    expect(nl).toContain("<title>Startpeiling &lt;script&gt;alert(1)&lt;/script&gt;</title>")
    expect(nl).toContain("@media print")
    expect(nl).toContain(`<meta name="viewport"`)
    expect(article(nl, "en")).toContain("<h2>Who took part</h2>")
    const en = StartReport.toHtml(data, "en")
    expect(en).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(en).toContain(`id="taal-en" checked>`)
    expect(en).toContain("<title>Start survey &lt;script&gt;alert(1)&lt;/script&gt;</title>")
    expect(article(en, "nl")).toContain("<h2>Wie deden mee</h2>")
  })

  it("draws every shown figure with its description as text alternative, and gives hidden ones only the reason", () => {
    const html = StartReport.toHtml(data, "nl")
    for (const language of ["nl", "en"] as const) {
      const page = article(html, language)
      for (const question of data.release.questions) {
        const cells = cellsOf(page, `<h3>${escapedHtml(question.label[language])}</h3>`)
        expect(cells.map((c) => c.suppressed)).toEqual(question.cells.map((c) => c.figure._tag === "Suppressed"))
        for (const [i, cell] of question.cells.entries()) {
          const shown = cells[i]!
          if (cell.figure._tag === "Shown") {
            const text = escapedHtml(StartReport.describeFigure(cell.figure.value, language))
            expect(shown.html).toContain(`<svg class="chart" role="img" aria-label="${text}"`)
            expect(shown.html).toContain(`<title>${text}</title>`)
          } else {
            expect(shown.html).toBe(`<p class="reason">${escapedHtml(cell.figure.reason.text[language])}</p>`)
            expect(shown.html).not.toMatch(/<svg|%|antwoorden|answers/)
          }
        }
      }
    }
    const parents = cellsOf(article(html, "nl"), "<h3>Krijg je genoeg hulp?</h3>").find((c) => c.group === "Ouders")!
    expect(parents.html).toContain("Minder dan 5 mensen uit deze groep vulden de vragenlijst in.")
    // the table: no count for parents, only the reference to the reason
    expect(article(html, "nl")).toContain(`<tr><th scope="row">Ouders</th><td class="n">niet getoond (2)</td><td class="n">niet getoond (2)</td></tr>`)
    expect(article(html, "en")).toContain(`<p class="note">(2) Fewer than 5 people in this group filled in the survey.`)
  })

  it("escapes titles, labels, free texts and sources", () => {
    const html = StartReport.toHtml(data, "nl")
    expect(html).not.toContain("<script")
    expect(html).not.toContain("<graag>")
    expect(html).not.toContain("<pleegzorgaanbieder>")
    expect(html).toContain("<h1>Startpeiling &lt;script&gt;alert(1)&lt;/script&gt;</h1>")
    expect(html).toContain("<h3>De samenwerking met de &lt;pleegzorgaanbieder&gt; gaat goed.</h3>")
    expect(html).toContain("<blockquote><p>Meer tijd &amp; aandacht &lt;graag&gt; voor &quot;ouders&quot;</p></blockquote>")
    expect(html).toContain("<blockquote><p>Korte lijnen.</p><p>En [naam] belt altijd terug.</p></blockquote>")
    expect(html).toContain("Bron: Voorbeeldbron &amp; co")
    expect(html).toContain("<h3>wat-kan-beter</h3>")
  })

  it("needs nothing from outside: no scripts, no external files, links or images", () => {
    for (const language of ["nl", "en"] as const) {
      const html = StartReport.toHtml(data, language)
      expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i)
      expect(html).not.toMatch(/\b(src|href|srcset|xlink:href)\s*=/i)
      expect(html).not.toMatch(/@import|url\(/i)
      // the only address on the page is a source, as text
      expect(html.match(/https?:\/\/[^\s<"]*/g)).toEqual(["https://opendata.cbs.nl", "https://opendata.cbs.nl"])
    }
  })

  it("marks invented figures in both languages, and only those", () => {
    const html = StartReport.toHtml(data, "nl")
    const items = (language: "nl" | "en") => [...article(html, language).matchAll(/<ul class="figures">([\s\S]*?)<\/ul>/g)][0]![1]!.split("</li>")
    const [inventedNl, realNl] = items("nl")
    expect(inventedNl).toContain(
      `Kinderen in een pleeggezin (Rijk van Nijmegen, 2024): <strong>1.234 kinderen</strong> <strong class="invented">(verzonnen voorbeeld)</strong>`
    )
    expect(realNl).toContain("Kinderen die wachten op een pleeggezin (Nederland, 2023): <strong>450 kinderen</strong><br>")
    expect(realNl).not.toContain("verzonnen")
    expect(items("en")[0]).toContain(`<strong class="invented">(invented example)</strong>`)
    expect(items("en")[1]).not.toContain("invented")
  })

  it("shows the overrides in 'Over deze cijfers' / 'About these figures'", () => {
    const policy = Either.getOrThrow(
      DisclosurePolicy.make([{ rule: "minGroup", value: 3, reason: "Vijf beleidsmakers & twee ziek", decidedBy: "Regio JZ32" }])
    )
    const html = StartReport.toHtml(dataWith(policy), "en")
    const about = (language: "nl" | "en", heading: string) => {
      const page = article(html, language)
      return page.slice(page.indexOf(`<h2>${heading}</h2>`))
    }
    expect(about("nl", "Over deze cijfers")).toContain(
      "<li>Minimaal aantal mensen per groep: 3 in plaats van 5. Besloten door Regio JZ32. Reden: Vijf beleidsmakers &amp; twee ziek</li>"
    )
    expect(about("en", "About these figures")).toContain(
      "<li>Minimum number of people per group: 3 instead of 5. Decided by Regio JZ32. Reason: Vijf beleidsmakers &amp; twee ziek</li>"
    )
    // with the lower minimum the parents (3) are shown, and the text says 3
    expect(about("nl", "Over deze cijfers")).toContain("minstens 3 mensen de vragenlijst invulden")
    expect(article(html, "nl")).toContain(`<tr><th scope="row">Ouders</th><td class="n">3</td><td class="n">niet getoond (1)</td></tr>`)
    expect(StartReport.toHtml(data, "nl")).not.toContain(`<ul class="overrides">`)
  })
})
