/**
 * The start report for session 2, as Markdown and as one self-contained
 * HTML page, from `Surveys.report`'s data. Everything in it has already
 * been through the disclosure engine: this module only lays it out.
 *
 * @since 0.3.0
 */
import type * as Disclosure from "./Disclosure.js"
import type { Language, LocalizedText } from "./LocalizedText.js"
import * as RegionalFigures from "./RegionalFigures.js"
import { groupLabel } from "./Survey.js"
import type { StartReportData } from "./Surveys.js"

const t = (text: LocalizedText, language: Language) => text[language]

const bandNames: Record<Disclosure.Band, LocalizedText> = {
  disagree: { nl: "oneens", en: "disagree" },
  neutral: { nl: "neutraal", en: "neutral" },
  agree: { nl: "eens", en: "agree" }
}

const quarterNames: Record<"under25" | "25to50" | "50to75" | "over75", LocalizedText> = {
  under25: { nl: "minder dan een kwart", en: "less than a quarter" },
  "25to50": { nl: "een kwart tot de helft", en: "a quarter to a half" },
  "50to75": { nl: "de helft tot driekwart", en: "a half to three quarters" },
  over75: { nl: "meer dan driekwart", en: "more than three quarters" }
}

const decimal = (n: number, language: Language) => language === "nl" ? n.toFixed(1).replace(".", ",") : n.toFixed(1)

/**
 * A published figure in words: "gemiddeld 3,4 — eens 50%, neutraal 25%,
 * oneens 25% (12 antwoorden)".
 *
 * @since 0.3.0
 * @category text
 */
export const describeFigure = (figure: Disclosure.Figure, language: Language): string => {
  const answered = language === "nl" ? `${figure.answered} antwoorden` : `${figure.answered} answers`
  switch (figure._tag) {
    case "Likert": {
      const d = figure.distribution
      if (d._tag === "NearlyAll") {
        return language === "nl"
          ? `(vrijwel) iedereen ${t(bandNames[d.band], language)} (${answered})`
          : `(nearly) everyone ${t(bandNames[d.band], language)} (${answered})`
      }
      const mean = figure.mean === undefined ? "" : `${language === "nl" ? "gemiddeld" : "mean"} ${decimal(figure.mean, language)} — `
      const spread = d._tag === "Exact"
        ? d.percent.map((p, i) => `${i + 1}: ${p}%`).join(", ")
        : (["agree", "neutral", "disagree"] as const).map((b) => `${t(bandNames[b], language)} ${d.percent[b]}%`).join(", ")
      return `${mean}${spread} (${answered})`
    }
    case "Choice": {
      if (figure.nearlyAll !== undefined) {
        return language === "nl"
          ? `(vrijwel) iedereen: ${t(figure.nearlyAll, language)} (${answered})`
          : `(nearly) everyone: ${t(figure.nearlyAll, language)} (${answered})`
      }
      const options = figure.options.map((o) =>
        `${t(o.label, language)}: ${o.share._tag === "Percentage" ? `${o.share.percent}%` : t(quarterNames[o.share.band], language)}`
      )
      return `${options.join("; ")} (${answered})`
    }
    case "Number": {
      const mean = `${language === "nl" ? "gemiddeld" : "mean"} ${decimal(figure.mean, language)}`
      const spread = figure.spread === undefined
        ? ""
        : language === "nl"
        ? `, laagste ${figure.spread.min}, mediaan ${decimal(figure.spread.median, language)}, hoogste ${figure.spread.max}`
        : `, lowest ${figure.spread.min}, median ${decimal(figure.spread.median, language)}, highest ${figure.spread.max}`
      return `${mean}${spread} (${answered})`
    }
  }
}

const headings = {
  response: { nl: "Wie deden mee", en: "Who took part" },
  results: { nl: "Resultaten per vraag", en: "Results per question" },
  open: { nl: "Open antwoorden", en: "Free-text answers" },
  figures: { nl: "Cijfers over de regio", en: "Figures about the region" },
  about: { nl: "Over deze cijfers", en: "About these figures" }
} satisfies Record<string, LocalizedText>

/**
 * The report as Markdown, in `language` (default Dutch).
 *
 * @since 0.3.0
 * @category rendering
 */
export const toMarkdown = (data: StartReportData, language: Language = "nl"): string => {
  const lines: Array<string> = [`# ${t(data.survey.title, language)}`, ""]
  lines.push(
    language === "nl"
      ? `Regio ${data.survey.regionName}. Gesloten op ${data.survey.closedOn}. Startpunt voor de tweede bijeenkomst.`
      : `Region ${data.survey.regionName}. Closed on ${data.survey.closedOn}. Starting point for the second session.`,
    ""
  )
  lines.push(`## ${t(headings.response, language)}`, "")
  lines.push(language === "nl" ? "| groep | antwoorden | respons |" : "| group | respondents | response rate |", "|---|---|---|")
  for (const cell of data.release.cells) {
    const count = cell.respondents._tag === "Shown" ? String(cell.respondents.value) : "–"
    const rate = cell.responseRate === undefined ? "" : cell.responseRate._tag === "Shown" ? `${cell.responseRate.value}%` : "–"
    lines.push(`| ${t(cell.label, language)} | ${count} | ${rate} |`)
  }
  lines.push("")
  lines.push(`## ${t(headings.results, language)}`, "")
  const labels = new Map(data.release.cells.map((c) => [c.key, t(c.label, language)]))
  for (const question of data.release.questions) {
    lines.push(`### ${t(question.label, language)}`, "")
    for (const cell of question.cells) {
      const value = cell.figure._tag === "Shown" ? describeFigure(cell.figure.value, language) : `– ${t(cell.figure.reason.text, language)}`
      lines.push(`- **${labels.get(cell.key)}**: ${value}`)
    }
    lines.push("")
  }
  lines.push(`## ${t(headings.open, language)}`, "")
  for (const texts of data.openAnswers) {
    const question = texts.question
    lines.push(`### ${t(groupLabel(texts.group), language)} — ${question}`, "")
    if (texts.withheld !== undefined) lines.push(`_${t(texts.withheld, language)}_`)
    else if (texts.texts.length === 0) lines.push(language === "nl" ? "_Geen open antwoorden vrijgegeven._" : "_No free-text answers released._")
    else for (const text of texts.texts) lines.push(`> ${text.replace(/\n+/g, " ")}`, "")
    lines.push("")
  }
  lines.push(`## ${t(headings.figures, language)}`, "")
  if (data.figures.length === 0) lines.push(language === "nl" ? "_Geen cijfers ingelezen._" : "_No figures imported._")
  for (const figure of data.figures) {
    const invented = figure.invented ? (language === "nl" ? " (verzonnen voorbeeld)" : " (invented example)") : ""
    lines.push(
      `- ${t(RegionalFigures.label(figure.indicator), language)}, ${figure.area}, ${figure.period}: ${figure.value} ${figure.unit}${invented}. ${
        language === "nl" ? "Bron" : "Source"
      }: ${figure.source}`
    )
  }
  lines.push("", `## ${t(headings.about, language)}`, "")
  lines.push(
    language === "nl"
      ? `Cijfers van groepen met minder dan ${data.release.policy.minGroup} antwoorden laten we niet zien, en ook geen cijfers waarmee je die zou kunnen uitrekenen. Gemiddelden staan op één decimaal, percentages zijn afgerond.`
      : `Figures of groups with fewer than ${data.release.policy.minGroup} respondents are not shown, nor figures from which they could be worked out. Means have one decimal; percentages are rounded.`
  )
  for (const o of data.release.policy.overrides) {
    lines.push(
      language === "nl"
        ? `- Afwijkende regel: ${o.rule} = ${o.value}, besloten door ${o.decidedBy}: ${o.reason}`
        : `- Changed rule: ${o.rule} = ${o.value}, decided by ${o.decidedBy}: ${o.reason}`
    )
  }
  return lines.join("\n") + "\n"
}
