/**
 * The start report for session 2, as Markdown and as one self-contained
 * HTML page, from `Surveys.report`'s data. Everything in it has already
 * been through the disclosure engine: this module only lays it out.
 *
 * Both formats are printed from one description of the page (headings,
 * rows, figures, texts), so that they always say the same; only the
 * escaping and the charts differ.
 *
 * @since 0.3.0
 */
import * as DisclosurePolicy from "./DisclosurePolicy.js"
import type * as Disclosure from "./Disclosure.js"
import type { Language, LocalizedText } from "./LocalizedText.js"
import * as RegionalFigures from "./RegionalFigures.js"
import { groupLabel } from "./Survey.js"
import type { StartReportData } from "./Surveys.js"

const t = (text: LocalizedText, language: Language) => text[language]
const say = (language: Language, nl: string, en: string) => (language === "nl" ? nl : en)

// --- numbers and words ---------------------------------------------------------------

/** `1234.5` as "1.234,5" (nl) or "1,234.5" (en); with `decimals`, exactly that many. */
const formatNumber = (n: number, language: Language, decimals?: number): string => {
  const text = decimals === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(decimals)
  const parts = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (parts === null) return String(n)
  const whole = parts[1]!.replace(/\B(?=(\d{3})+(?!\d))/g, language === "nl" ? "." : ",")
  const fraction = parts[2] === undefined ? "" : `${language === "nl" ? "," : "."}${parts[2]}`
  return `${n < 0 && /[1-9]/.test(text) ? "-" : ""}${whole}${fraction}`
}

const answers = (n: number, language: Language) =>
  language === "nl" ? `${n} ${n === 1 ? "antwoord" : "antwoorden"}` : `${n} ${n === 1 ? "answer" : "answers"}`

const bandNames: Record<Disclosure.Band, LocalizedText> = {
  disagree: { nl: "oneens (1–2)", en: "disagree (1–2)" },
  neutral: { nl: "neutraal (3)", en: "neutral (3)" },
  agree: { nl: "eens (4–5)", en: "agree (4–5)" }
}

const bandsInOrder = ["disagree", "neutral", "agree"] as const

const pointNames: ReadonlyArray<LocalizedText> = [
  { nl: "helemaal oneens (1)", en: "strongly disagree (1)" },
  { nl: "oneens (2)", en: "disagree (2)" },
  { nl: "neutraal (3)", en: "neutral (3)" },
  { nl: "eens (4)", en: "agree (4)" },
  { nl: "helemaal eens (5)", en: "strongly agree (5)" }
]

const nearlyAllBand: Record<Disclosure.Band, LocalizedText> = {
  disagree: { nl: "(bijna) iedereen is het oneens (1–2)", en: "(nearly) everyone disagrees (1–2)" },
  neutral: { nl: "(bijna) iedereen antwoordde neutraal (3)", en: "(nearly) everyone answered neutral (3)" },
  agree: { nl: "(bijna) iedereen is het eens (4–5)", en: "(nearly) everyone agrees (4–5)" }
}

const quarterNames: Record<"under25" | "25to50" | "50to75" | "over75", LocalizedText> = {
  under25: { nl: "minder dan een kwart", en: "less than a quarter" },
  "25to50": { nl: "een kwart tot de helft", en: "a quarter to a half" },
  "50to75": { nl: "de helft tot driekwart", en: "a half to three quarters" },
  over75: { nl: "meer dan driekwart", en: "more than three quarters" }
}

const quarterRange: Record<"under25" | "25to50" | "50to75" | "over75", readonly [number, number]> = {
  under25: [0, 25],
  "25to50": [25, 50],
  "50to75": [50, 75],
  over75: [75, 100]
}

const shareText = (share: Disclosure.Share, language: Language) =>
  share._tag === "Percentage" ? `${share.percent}%` : t(quarterNames[share.band], language)

const mean = (n: number, language: Language) => `${say(language, "gemiddeld", "mean")} ${formatNumber(n, language, 1)}`

/**
 * A published figure in words, with the number of answers first:
 * "12 antwoorden: oneens (1–2) 25%, neutraal (3) 25%, eens (4–5) 50%;
 * gemiddeld 3,4". This is also the text alternative of the chart in
 * {@link toHtml}.
 *
 * @since 0.3.0
 * @category text
 */
export const describeFigure = (figure: Disclosure.Figure, language: Language): string => {
  const count = answers(figure.answered, language)
  switch (figure._tag) {
    case "Likert": {
      const d = figure.distribution
      if (d._tag === "NearlyAll") return `${count}: ${t(nearlyAllBand[d.band], language)}`
      const spread = d._tag === "Exact"
        ? d.percent.map((p, i) => `${t(pointNames[i]!, language)} ${p}%`)
        : bandsInOrder.map((b) => `${t(bandNames[b], language)} ${d.percent[b]}%`)
      const average = figure.mean === undefined ? "" : `; ${mean(figure.mean, language)}`
      return `${count}: ${spread.join(", ")}${average}`
    }
    case "Choice": {
      if (figure.nearlyAll !== undefined) {
        return `${count}: ${say(language, "(bijna) iedereen koos", "(nearly) everyone chose")} ‘${t(figure.nearlyAll, language)}’`
      }
      return `${count}: ${figure.options.map((o) => `${t(o.label, language)}: ${shareText(o.share, language)}`).join("; ")}`
    }
    case "Number": {
      const s = figure.spread
      const spread = s === undefined ? "" : language === "nl"
        ? `; laagste ${formatNumber(s.min, language)}, middelste (mediaan) ${formatNumber(s.median, language)}, hoogste ${
          formatNumber(s.max, language)
        }`
        : `; lowest ${formatNumber(s.min, language)}, median ${formatNumber(s.median, language)}, highest ${formatNumber(s.max, language)}`
      return `${count}: ${mean(figure.mean, language)}${spread}`
    }
  }
}

const months: Record<Language, ReadonlyArray<string>> = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
}

/** "2025-03-14" as "14 maart 2025" / "14 March 2025"; anything else as it is. */
const formatDate = (iso: string, language: Language) => {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const month = parts === null ? undefined : months[language][Number(parts[2]) - 1]
  return parts === null || month === undefined ? iso : `${Number(parts[3])} ${month} ${parts[1]}`
}

const ruleNames: Record<DisclosurePolicy.Rule, LocalizedText> = {
  minGroup: { nl: "Minimaal aantal mensen per groep", en: "Minimum number of people per group" },
  minCell: { nl: "Minimaal aantal mensen per vak van een kruistabel", en: "Minimum number of people per cell of a cross table" },
  rateInvited: { nl: "Minimaal aantal uitgenodigden voor de respons", en: "Minimum number of people invited for a response rate" },
  rateRespondents: { nl: "Minimaal aantal deelnemers voor de respons", en: "Minimum number of respondents for a response rate" },
  freeText: { nl: "Minimaal aantal mensen per groep voor open antwoorden", en: "Minimum number of people per group for free-text answers" },
  overlap: { nl: "Minimaal verschil tussen twee publicaties", en: "Minimum difference between two releases" }
}

// --- the page, once for both formats -------------------------------------------------

interface CellView {
  readonly label: string
  readonly figure:
    | { readonly _tag: "Shown"; readonly value: Disclosure.Figure; readonly text: string }
    | { readonly _tag: "Suppressed"; readonly reason: string }
}

interface QuestionView {
  readonly label: string
  readonly hints: ReadonlyArray<string>
  readonly legends: ReadonlyArray<"points" | "bands">
  /** For number questions: the range every bar of the question is drawn on. */
  readonly scale: readonly [number, number]
  readonly cells: ReadonlyArray<CellView>
}

interface Page {
  readonly language: Language
  readonly title: string
  readonly facts: ReadonlyArray<readonly [label: string, value: string]>
  readonly intro: string
  readonly response: {
    readonly heading: string
    readonly intro: string
    readonly columns: ReadonlyArray<string>
    readonly rows: ReadonlyArray<ReadonlyArray<string>>
    /** The reasons the table refers to as (1), (2), … */
    readonly notes: ReadonlyArray<string>
  }
  readonly results: { readonly heading: string; readonly questions: ReadonlyArray<QuestionView> }
  readonly open: {
    readonly heading: string
    readonly empty: string | undefined
    readonly questions: ReadonlyArray<{
      readonly label: string
      readonly groups: ReadonlyArray<
        { readonly label: string; readonly texts: ReadonlyArray<string>; readonly note: string | undefined }
      >
    }>
  }
  readonly figures: {
    readonly heading: string
    readonly note: string | undefined
    readonly items: ReadonlyArray<{ readonly what: string; readonly value: string; readonly invented: string | undefined; readonly source: string }>
  }
  readonly about: {
    readonly heading: string
    readonly paragraphs: ReadonlyArray<string>
    readonly overridesIntro: string | undefined
    readonly overrides: ReadonlyArray<string>
  }
  readonly reference: string
}

const hidden = { nl: "niet getoond", en: "not shown" }

const pageOf = (data: StartReportData, language: Language): Page => {
  const policy = data.release.policy

  // "Who took part": the reasons once, under the table, referred to by number
  const notes: Array<string> = []
  const noteFor = (reason: Disclosure.Reason) => {
    const text = t(reason.text, language)
    const at = notes.indexOf(text)
    return `${t(hidden, language)} (${at >= 0 ? at + 1 : notes.push(text)})`
  }
  const withRate = data.release.cells.some((c) => c.responseRate !== undefined)
  const rows = data.release.cells.map((cell) => {
    const count = cell.respondents._tag === "Shown" ? formatNumber(cell.respondents.value, language) : noteFor(cell.respondents.reason)
    const rate = cell.responseRate === undefined
      ? say(language, "onbekend", "unknown")
      : cell.responseRate._tag === "Shown"
      ? `${cell.responseRate.value}%`
      : noteFor(cell.responseRate.reason)
    return withRate ? [t(cell.label, language), count, rate] : [t(cell.label, language), count]
  })

  const labels = new Map(data.release.cells.map((c) => [c.key, t(c.label, language)]))
  const questions = data.release.questions.map((question): QuestionView => {
    const kind = data.questions.find((q) => q.id === question.id)?.kind
    const shown = question.cells.flatMap((c) => (c.figure._tag === "Shown" ? [c.figure.value] : []))
    const distributions = shown.flatMap((f) => (f._tag === "Likert" ? [f.distribution._tag] : []))
    const hints: Array<string> = []
    if (kind === "Likert" || distributions.length > 0) {
      hints.push(say(
        language,
        "Antwoorden van 1 (helemaal oneens) tot 5 (helemaal eens).",
        "Answers from 1 (strongly disagree) to 5 (strongly agree)."
      ))
      if (distributions.includes("Bands")) {
        hints.push(say(
          language,
          "Bij minder dan 20 antwoorden tellen we 1 en 2 samen als oneens, en 4 en 5 als eens.",
          "With fewer than 20 answers, 1 and 2 count together as disagree, and 4 and 5 as agree."
        ))
      }
    }
    if (kind === "MultipleChoice") {
      hints.push(say(
        language,
        "Je kon meer dan één antwoord kiezen. Daarom zijn de percentages samen meer dan 100%.",
        "People could choose more than one answer, so the percentages add up to more than 100%."
      ))
    }
    if (shown.some((f) => f._tag === "Choice" && f.options.some((o) => o.share._tag === "Quarter"))) {
      hints.push(say(
        language,
        "Bij minder dan 20 antwoorden zie je alleen ongeveer hoe groot een deel is, zoals ‘een kwart tot de helft’.",
        "With fewer than 20 answers you only see roughly how large a share is, such as ‘a quarter to a half’."
      ))
    }
    const numbers = shown.flatMap((f) => (f._tag === "Number" ? [f.mean, ...(f.spread === undefined ? [] : [f.spread.min, f.spread.max])] : []))
    const lo = Math.min(0, ...numbers)
    const hi = Math.max(lo + 1, ...numbers)
    if (numbers.length > 0) {
      hints.push(say(
        language,
        `De balk laat het gemiddelde zien, op een schaal van ${formatNumber(lo, language)} tot ${formatNumber(hi, language)}.${
          shown.some((f) => f._tag === "Number" && f.spread !== undefined)
            ? " De lijn eronder loopt van het laagste tot het hoogste antwoord; het streepje is het middelste antwoord."
            : ""
        }`,
        `The bar shows the mean, on a scale from ${formatNumber(lo, language)} to ${formatNumber(hi, language)}.${
          shown.some((f) => f._tag === "Number" && f.spread !== undefined)
            ? " The line below runs from the lowest to the highest answer; the tick is the median."
            : ""
        }`
      ))
    }
    return {
      label: t(question.label, language),
      hints,
      legends: (["points", "bands"] as const).filter((l) => distributions.includes(l === "points" ? "Exact" : "Bands")),
      scale: [lo, hi],
      cells: question.cells.map((cell) => ({
        label: labels.get(cell.key) ?? cell.key,
        figure: cell.figure._tag === "Shown"
          ? { _tag: "Shown", value: cell.figure.value, text: describeFigure(cell.figure.value, language) }
          : { _tag: "Suppressed", reason: t(cell.figure.reason.text, language) }
      }))
    }
  })

  // Free texts per question, then per group. `data.questions` holds only the
  // questions with figures today; a free-text question found there is named,
  // any other is shown by its id.
  const openQuestions = [...new Set(data.openAnswers.map((o) => o.question))].map((id) => {
    const text = data.questions.find((q) => q.id === id)?.text
    return {
      label: text === undefined ? id : t(text, language),
      groups: data.openAnswers.filter((o) => o.question === id).map((o) => ({
        label: t(groupLabel(o.group), language),
        texts: o.withheld === undefined ? o.texts : [],
        note: o.withheld !== undefined
          ? t(o.withheld, language)
          : o.texts.length === 0
          ? say(language, "Uit deze groep zijn geen open antwoorden om te laten zien.", "There are no free-text answers to show from this group.")
          : undefined
      }))
    }
  })

  const area = (code: string) =>
    code === data.survey.region ? data.survey.regionName : code === "NL" ? say(language, "Nederland", "the Netherlands") : code
  const invented = say(language, "(verzonnen voorbeeld)", "(invented example)")

  const paragraphs = [
    say(
      language,
      `We laten alleen cijfers zien van groepen waarin minstens ${policy.minGroup} mensen de vragenlijst invulden. We laten ook geen cijfers zien waarmee je kunt uitrekenen wat een kleinere groep antwoordde. Zo kan niemand herkend worden.`,
      `We only show figures of groups in which at least ${policy.minGroup} people filled in the survey. Nor do we show figures from which you could work out what a smaller group answered. This way nobody can be recognised.`
    ),
    say(
      language,
      "Hoe kleiner de groep, hoe minder details. Bij minder dan 20 antwoorden zie je oneens, neutraal en eens in plaats van 1 tot en met 5, en bij keuzevragen ongeveer hoe groot een deel is. Het laagste en hoogste antwoord zie je alleen bij 10 antwoorden of meer. Gaf in een groep van minder dan 10 mensen (bijna) iedereen hetzelfde antwoord? Dan zie je alleen dat.",
      "The smaller the group, the fewer the details. With fewer than 20 answers you see disagree, neutral and agree instead of 1 to 5, and for choice questions roughly how large a share is. The lowest and highest answer are shown only with 10 answers or more. If (nearly) everyone in a group of fewer than 10 gave the same answer, you only see that."
    ),
    say(
      language,
      "Gemiddelden staan op één decimaal. Percentages zijn afgerond, dus samen zijn ze soms 99% of 101%.",
      "Means have one decimal. Percentages are rounded, so together they are sometimes 99% or 101%."
    ),
    say(
      language,
      `De respons laten we alleen zien als minstens ${policy.rateInvited} mensen zijn uitgenodigd en minstens ${policy.rateRespondents} meededen.`,
      `A response rate is shown only when at least ${policy.rateInvited} people were invited and at least ${policy.rateRespondents} took part.`
    ),
    say(
      language,
      `Open antwoorden laten we alleen zien van groepen waarin minstens ${policy.freeText} mensen de vragenlijst invulden. Persoonlijke gegevens, zoals namen en telefoonnummers, zijn eruit gehaald. Iemand van de organisatie heeft elk antwoord gelezen voordat het hier kwam.`,
      `Free-text answers are shown only for groups in which at least ${policy.freeText} people filled in the survey. Personal details, such as names and phone numbers, have been removed. Someone from the organisers read every answer before it was put here.`
    )
  ]

  return {
    language,
    title: t(data.survey.title, language),
    facts: [
      [say(language, "Regio", "Region"), data.survey.regionName],
      [say(language, "Vragenlijst gesloten op", "Survey closed on"), formatDate(data.survey.closedOn, language)]
    ],
    intro: say(
      language,
      "Dit zijn de uitkomsten van de vragenlijst. Ze zijn het startpunt voor het gesprek in de tweede bijeenkomst.",
      "These are the results of the survey. They are the starting point for the conversation in the second session."
    ),
    response: {
      heading: say(language, "Wie deden mee", "Who took part"),
      intro: withRate
        ? say(
          language,
          "Hoeveel mensen de vragenlijst invulden, per groep. De respons is het deel van de uitgenodigde mensen dat meedeed.",
          "How many people filled in the survey, per group. The response rate is the share of invited people who took part."
        )
        : say(language, "Hoeveel mensen de vragenlijst invulden, per groep.", "How many people filled in the survey, per group."),
      columns: [
        say(language, "Groep", "Group"),
        say(language, "Aantal mensen", "People"),
        ...(withRate ? [say(language, "Respons", "Response rate")] : [])
      ],
      rows,
      notes
    },
    results: { heading: say(language, "Uitkomsten per vraag", "Results per question"), questions },
    open: {
      heading: say(language, "Open antwoorden", "Free-text answers"),
      empty: openQuestions.length === 0
        ? say(language, "Deze vragenlijst had geen open vragen.", "This survey had no open questions.")
        : undefined,
      questions: openQuestions
    },
    figures: {
      heading: say(language, "Cijfers over de regio", "Figures about the region"),
      note: data.figures.length === 0
        ? say(language, "Er zijn geen cijfers over de regio ingelezen.", "No figures about the region were imported.")
        : data.figures.some((f) => f.invented)
        ? say(
          language,
          "Let op: cijfers met ‘(verzonnen voorbeeld)’ zijn niet echt. Ze laten alleen zien hoe het eruitziet.",
          "Note: figures marked ‘(invented example)’ are not real. They only show what it looks like."
        )
        : undefined,
      items: data.figures.map((f) => ({
        what: `${t(RegionalFigures.label(f.indicator), language)} (${area(f.area)}, ${f.period})`,
        value: `${formatNumber(f.value, language)} ${f.unit}`,
        invented: f.invented ? invented : undefined,
        source: f.source
      }))
    },
    about: {
      heading: say(language, "Over deze cijfers", "About these figures"),
      paragraphs,
      overridesIntro: policy.overrides.length === 0
        ? undefined
        : say(language, "Voor deze vragenlijst zijn deze regels aangepast:", "For this survey, these rules were changed:"),
      overrides: policy.overrides.map((o) =>
        say(
          language,
          `${t(ruleNames[o.rule], language)}: ${o.value} in plaats van ${DisclosurePolicy.defaults[o.rule]}. Besloten door ${o.decidedBy}. Reden: ${o.reason}`,
          `${t(ruleNames[o.rule], language)}: ${o.value} instead of ${DisclosurePolicy.defaults[o.rule]}. Decided by ${o.decidedBy}. Reason: ${o.reason}`
        )
      )
    },
    reference: `${say(language, "Kenmerk van deze publicatie", "Reference of this release")}: ${data.releaseId}`
  }
}

// --- Markdown ------------------------------------------------------------------------

/**
 * Text that reads as itself in Markdown: no tags, emphasis, code or links,
 * and on one line.
 */
const md = (text: string) =>
  text
    .replace(/\s*\n\s*/g, " ")
    .replace(/[\\`*_<>|]/g, "\\$&")
    .replace(/\](?=[([:])/g, "\\]")
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")

/**
 * The report as Markdown, in `language` (default Dutch). Every text that
 * comes from outside (titles, labels, free texts, sources) is escaped, so
 * that a Markdown renderer shows it as written.
 *
 * @since 0.3.0
 * @category rendering
 */
export const toMarkdown = (data: StartReportData, language: Language = "nl"): string => {
  const page = pageOf(data, language)
  const lines: Array<string> = [`# ${md(page.title)}`, ""]
  lines.push(...page.facts.map(([label, value]) => `**${label}:** ${md(value)}  `), "", page.intro, "")

  lines.push(`## ${page.response.heading}`, "", page.response.intro, "")
  lines.push(`| ${page.response.columns.join(" | ")} |`, `|${page.response.columns.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`)
  for (const row of page.response.rows) lines.push(`| ${row.map(md).join(" | ")} |`)
  lines.push("")
  if (page.response.notes.length > 0) {
    for (const [i, note] of page.response.notes.entries()) lines.push(`(${i + 1}) ${note}  `)
    lines.push("")
  }

  lines.push(`## ${page.results.heading}`, "")
  for (const question of page.results.questions) {
    lines.push(`### ${md(question.label)}`, "")
    if (question.hints.length > 0) lines.push(`_${question.hints.join(" ")}_`, "")
    for (const cell of question.cells) {
      lines.push(
        cell.figure._tag === "Shown"
          ? `- **${md(cell.label)}**: ${md(cell.figure.text)}`
          : `- **${md(cell.label)}**: ${t(hidden, language)}. ${cell.figure.reason}`
      )
    }
    lines.push("")
  }

  lines.push(`## ${page.open.heading}`, "")
  if (page.open.empty !== undefined) lines.push(page.open.empty, "")
  for (const question of page.open.questions) {
    lines.push(`### ${md(question.label)}`, "")
    for (const group of question.groups) {
      lines.push(`#### ${md(group.label)}`, "")
      if (group.note !== undefined) lines.push(`_${group.note}_`, "")
      for (const text of group.texts) {
        lines.push(...text.split(/\r?\n/).map((line) => (line.trim() === "" ? ">" : `> ${md(line)}`)), "")
      }
    }
  }

  lines.push(`## ${page.figures.heading}`, "")
  if (page.figures.note !== undefined) lines.push(page.figures.note, "")
  for (const item of page.figures.items) {
    const invented = item.invented === undefined ? "" : ` **${item.invented}**`
    lines.push(`- ${md(item.what)}: ${md(item.value)}${invented}. ${say(language, "Bron", "Source")}: ${md(item.source)}`)
  }
  if (page.figures.items.length > 0) lines.push("")

  lines.push(`## ${page.about.heading}`, "")
  for (const paragraph of page.about.paragraphs) lines.push(paragraph, "")
  if (page.about.overridesIntro !== undefined) {
    lines.push(page.about.overridesIntro, "", ...page.about.overrides.map((o) => `- ${md(o)}`), "")
  }
  lines.push(`_${md(page.reference)}_`)
  return lines.join("\n") + "\n"
}

// --- HTML ----------------------------------------------------------------------------

/** Escapes text for HTML element content and quoted attribute values. */
const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "\"" ? "&quot;" : "&#39;"))

const ink = { dark: "#1a1a1a", light: "#ffffff" }

// Diverging orange–blue (ColorBrewer PuOr/RdBu ends); every label has at
// least 4.5:1 against its fill, and a 1 px outline (#595959, 7:1) marks the
// edge of each bar against the white page.
const bandColours: Record<Disclosure.Band, readonly [fill: string, text: string]> = {
  disagree: ["#b35806", ink.light],
  neutral: ["#e0e0e0", ink.dark],
  agree: ["#2166ac", ink.light]
}
const pointColours: ReadonlyArray<readonly [fill: string, text: string]> = [
  ["#b35806", ink.light],
  ["#f1a340", ink.dark],
  ["#e0e0e0", ink.dark],
  ["#92c5de", ink.dark],
  ["#2166ac", ink.light]
]
const blue = "#2166ac"
const track = "#eeeeee"
const outline = "#595959"

const pct = (x: number) => `${Math.round(x * 100) / 100}%`

const chart = (description: string, height: number, body: string) =>
  `<svg class="chart" role="img" aria-label="${esc(description)}" width="100%" height="${height}"><title>${
    esc(description)
  }</title>${body}</svg>`

interface Segment {
  readonly share: number
  /** From this width (in %) on, `long` is shown rather than `short`. */
  readonly roomy: number
  readonly fill: string
  readonly ink: string
  /** Shown inside the segment when it is wide enough. */
  readonly long: string
  readonly short: string
}

const BAR = 26

/** One horizontal stacked bar of 100%, each segment labelled where it fits. */
const stackedBar = (description: string, segments: ReadonlyArray<Segment>) => {
  const total = segments.reduce((n, s) => n + s.share, 0) || 1
  let x = 0
  const parts: Array<string> = []
  for (const s of segments) {
    const width = (100 * s.share) / total
    if (width <= 0) continue
    parts.push(`<rect x="${pct(x)}" y="0" width="${pct(width)}" height="${BAR}" fill="${s.fill}" stroke="#ffffff" stroke-width="1"/>`)
    const label = width >= s.roomy ? s.long : width >= 9 ? s.short : ""
    if (label !== "") {
      parts.push(`<text x="${pct(x + width / 2)}" y="${BAR / 2 + 5}" text-anchor="middle" fill="${s.ink}">${esc(label)}</text>`)
    }
    x += width
  }
  // drawn twice as wide as seen: the outer half falls outside the picture
  parts.push(`<rect x="0" y="0" width="100%" height="${BAR}" fill="none" stroke="${outline}" stroke-width="2"/>`)
  return chart(description, BAR, parts.join(""))
}

const ROW = 40

/** One bar per option, the option and its share written above it. */
const optionBars = (description: string, figure: Extract<Disclosure.Figure, { _tag: "Choice" }>, language: Language) => {
  const parts = figure.options.map((o, i) => {
    const top = i * ROW
    const caption = `<text x="0" y="${top + 15}" fill="${ink.dark}">${esc(`${t(o.label, language)}: ${shareText(o.share, language)}`)}</text>`
    const bar = top + 21
    const base = `<rect x="0" y="${bar}" width="100%" height="14" fill="${track}"/>`
    if (o.share._tag === "Percentage") {
      return `${caption}${base}<rect x="0" y="${bar}" width="${pct(Math.min(100, o.share.percent))}" height="14" fill="${blue}"/>`
    }
    // a quarter band: at least `from` (solid), up to `to` (dashed outline)
    const [from, to] = quarterRange[o.share.band]
    return `${caption}${base}${from > 0 ? `<rect x="0" y="${bar}" width="${pct(from)}" height="14" fill="${blue}"/>` : ""}<rect x="${
      pct(from)
    }" y="${bar + 1}" width="${pct(to - from)}" height="12" fill="#ffffff" stroke="${blue}" stroke-width="2" stroke-dasharray="4 3"/>`
  })
  return chart(description, figure.options.length * ROW - 4, parts.join(""))
}

/** The mean as a bar on the question's scale; below it lowest to highest, with the median. */
const numberBar = (
  description: string,
  figure: Extract<Disclosure.Figure, { _tag: "Number" }>,
  scale: readonly [number, number],
  language: Language
) => {
  const [lo, hi] = scale
  const at = (v: number) => Math.max(0, Math.min(100, (100 * (v - lo)) / (hi - lo)))
  const parts = [
    `<text x="0" y="15" fill="${ink.dark}">${esc(mean(figure.mean, language))}</text>`,
    `<rect x="0" y="21" width="100%" height="14" fill="${track}"/>`,
    `<rect x="0" y="21" width="${pct(at(figure.mean))}" height="14" fill="${blue}"/>`
  ]
  const s = figure.spread
  if (s !== undefined) {
    parts.push(
      `<line x1="${pct(at(s.min))}" y1="43" x2="${pct(at(s.max))}" y2="43" stroke="${ink.dark}" stroke-width="2"/>`,
      ...[s.min, s.max].map((v) => `<line x1="${pct(at(v))}" y1="39" x2="${pct(at(v))}" y2="47" stroke="${ink.dark}" stroke-width="2"/>`),
      `<line x1="${pct(at(s.median))}" y1="37" x2="${pct(at(s.median))}" y2="49" stroke="${ink.dark}" stroke-width="4"/>`
    )
  }
  return chart(description, s === undefined ? 36 : 50, parts.join(""))
}

const figureChart = (cell: Extract<CellView["figure"], { _tag: "Shown" }>, question: QuestionView, language: Language) => {
  const figure = cell.value
  switch (figure._tag) {
    case "Likert": {
      const d = figure.distribution
      if (d._tag === "NearlyAll") {
        const [fill, text] = bandColours[d.band]
        const words = t(nearlyAllBand[d.band], language)
        return stackedBar(cell.text, [{ share: 100, roomy: 0, fill, ink: text, long: words, short: words }])
      }
      return stackedBar(
        cell.text,
        d._tag === "Exact"
          ? d.percent.map((p, i) => ({
            share: p,
            roomy: 18,
            fill: pointColours[i]![0],
            ink: pointColours[i]![1],
            long: `${i + 1}: ${p}%`,
            short: `${p}%`
          }))
          : bandsInOrder.map((b) => ({
            share: d.percent[b],
            roomy: 30,
            fill: bandColours[b][0],
            ink: bandColours[b][1],
            long: `${t(bandNames[b], language).replace(/ \(.*\)$/, "")} ${d.percent[b]}%`,
            short: `${d.percent[b]}%`
          }))
      )
    }
    case "Choice":
      return optionBars(cell.text, figure, language)
    case "Number":
      return numberBar(cell.text, figure, question.scale, language)
  }
}

// The colours of the bars, for sighted readers; the charts themselves carry
// the full text. A question with both kinds of bar gets both keys.
const legendOf = (legends: QuestionView["legends"], language: Language) =>
  legends.map((legend) => {
    const items = legend === "points"
      ? pointColours.map(([fill], i) => [fill, t(pointNames[i]!, language)] as const)
      : bandsInOrder.map((b) => [bandColours[b][0], t(bandNames[b], language)] as const)
    const title = legends.length === 1
      ? ""
      : `<li class="legend-title">${esc(legend === "points" ? say(language, "Per antwoord:", "Per answer:") : say(language, "Samengeteld:", "Combined:"))}</li>`
    return `<ul class="legend" aria-hidden="true">${title}${
      items.map(([fill, name]) =>
        `<li><svg width="14" height="14"><rect width="14" height="14" fill="${fill}" stroke="${outline}" stroke-width="2"/></svg>${esc(name)}</li>`
      ).join("")
    }</ul>`
  }).join("")

const questionHtml = (question: QuestionView, language: Language) => {
  const cells = question.cells.map((cell) => {
    const group = `<p class="group">${esc(cell.label)}</p>`
    if (cell.figure._tag === "Suppressed") {
      return `<li class="cell suppressed">${group}<p class="reason">${esc(cell.figure.reason)}</p></li>`
    }
    // the chart carries the full description; the visible line repeats it
    // for sighted readers (choice charts already name every option)
    const caption = cell.figure.value._tag === "Choice" ? answers(cell.figure.value.answered, language) : cell.figure.text
    return `<li class="cell">${group}${figureChart(cell.figure, question, language)}<p class="caption" aria-hidden="true">${
      esc(caption)
    }</p></li>`
  })
  return [
    `<section class="question">`,
    `<h3>${esc(question.label)}</h3>`,
    ...question.hints.map((h) => `<p class="hint">${esc(h)}</p>`),
    legendOf(question.legends, language),
    `<ul class="cells">`,
    ...cells,
    `</ul>`,
    `</section>`
  ].filter((line) => line !== "").join("\n")
}

const articleHtml = (page: Page) => {
  const language = page.language
  const out: Array<string> = [`<article class="report report-${language}" lang="${language}">`, `<header>`, `<h1>${esc(page.title)}</h1>`]
  out.push(
    `<dl class="facts">${page.facts.map(([label, value]) => `<div><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`).join("")}</dl>`,
    `<p>${esc(page.intro)}</p>`,
    `</header>`
  )

  out.push(`<section>`, `<h2>${esc(page.response.heading)}</h2>`, `<p>${esc(page.response.intro)}</p>`, `<div class="table">`, `<table>`)
  out.push(`<thead><tr>${page.response.columns.map((c, i) => `<th scope="col"${i > 0 ? ` class="n"` : ""}>${esc(c)}</th>`).join("")}</tr></thead>`)
  out.push(`<tbody>`)
  for (const row of page.response.rows) {
    out.push(`<tr>${row.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td class="n">${esc(v)}</td>`)).join("")}</tr>`)
  }
  out.push(`</tbody>`, `</table>`, `</div>`)
  for (const [i, note] of page.response.notes.entries()) out.push(`<p class="note">(${i + 1}) ${esc(note)}</p>`)
  out.push(`</section>`)

  out.push(`<section>`, `<h2>${esc(page.results.heading)}</h2>`)
  for (const question of page.results.questions) out.push(questionHtml(question, language))
  out.push(`</section>`)

  out.push(`<section>`, `<h2>${esc(page.open.heading)}</h2>`)
  if (page.open.empty !== undefined) out.push(`<p>${esc(page.open.empty)}</p>`)
  for (const question of page.open.questions) {
    out.push(`<section class="open">`, `<h3>${esc(question.label)}</h3>`)
    for (const group of question.groups) {
      out.push(`<h4>${esc(group.label)}</h4>`)
      if (group.note !== undefined) out.push(`<p class="reason">${esc(group.note)}</p>`)
      for (const text of group.texts) {
        const paragraphs = text.split(/\r?\n\s*\r?\n/).map((p) => `<p>${esc(p.trim()).replace(/\r?\n/g, "<br>")}</p>`)
        out.push(`<blockquote>${paragraphs.join("")}</blockquote>`)
      }
    }
    out.push(`</section>`)
  }
  out.push(`</section>`)

  out.push(`<section>`, `<h2>${esc(page.figures.heading)}</h2>`)
  if (page.figures.note !== undefined) out.push(`<p class="note">${esc(page.figures.note)}</p>`)
  if (page.figures.items.length > 0) {
    out.push(`<ul class="figures">`)
    for (const item of page.figures.items) {
      const invented = item.invented === undefined ? "" : ` <strong class="invented">${esc(item.invented)}</strong>`
      out.push(
        `<li>${esc(item.what)}: <strong>${esc(item.value)}</strong>${invented}<br><span class="source">${
          esc(say(language, "Bron", "Source"))
        }: ${esc(item.source)}</span></li>`
      )
    }
    out.push(`</ul>`)
  }
  out.push(`</section>`)

  out.push(`<section>`, `<h2>${esc(page.about.heading)}</h2>`, ...page.about.paragraphs.map((p) => `<p>${esc(p)}</p>`))
  if (page.about.overridesIntro !== undefined) {
    out.push(`<p>${esc(page.about.overridesIntro)}</p>`, `<ul class="overrides">`, ...page.about.overrides.map((o) => `<li>${esc(o)}</li>`), `</ul>`)
  }
  out.push(`</section>`, `<footer><p class="reference">${esc(page.reference)}</p></footer>`, `</article>`)
  return out.join("\n")
}

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #ffffff; -webkit-text-size-adjust: 100%; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #d0d0d0; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.facts { margin: 0 0 .5rem; }
.facts div { display: flex; flex-wrap: wrap; gap: 0 .5rem; }
.facts dt { font-weight: 600; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d0d0d0; vertical-align: top; }
th.n, td.n { text-align: right; }
thead th { border-bottom: 2px solid #595959; }
.note, .hint, .source, .reference { font-size: .9rem; color: #404040; }
.cells { list-style: none; padding: 0; margin: .5rem 0; display: grid; gap: .75rem; }
@media (min-width: 40rem) { .cells { grid-template-columns: 1fr 1fr; } }
.cell { border: 1px solid #d0d0d0; border-radius: 6px; padding: .5rem .75rem; break-inside: avoid; page-break-inside: avoid; }
.group { font-weight: 600; margin: 0 0 .35rem; }
.chart { display: block; overflow: hidden; }
.chart text { font-size: 13px; font-family: inherit; }
.caption { font-size: .9rem; margin: .35rem 0 0; }
.reason { font-style: italic; margin: 0; color: #404040; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.legend svg { vertical-align: -2px; margin-right: .3rem; }
.legend-title { font-weight: 600; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid #2166ac; background: #f4f7fb; }
blockquote p { margin: .25rem 0; }
.figures li, .overrides li { margin: .35rem 0; }
.invented { color: #8a3b00; }
.switch { position: absolute; opacity: 0; width: 1px; height: 1px; }
.languages { display: flex; gap: .5rem; justify-content: flex-end; margin-bottom: .5rem; }
.languages label { border: 1px solid #595959; border-radius: 1rem; padding: .15rem .75rem; cursor: pointer; }
#taal-nl:checked ~ .languages label[for="taal-nl"], #taal-en:checked ~ .languages label[for="taal-en"] { background: #2166ac; border-color: #2166ac; color: #ffffff; }
#taal-nl:focus-visible ~ .languages label[for="taal-nl"], #taal-en:focus-visible ~ .languages label[for="taal-en"] { outline: 3px solid #1a1a1a; outline-offset: 2px; }
#taal-nl:checked ~ .report-en, #taal-en:checked ~ .report-nl { display: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .languages { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .question, blockquote, tr { break-inside: avoid; page-break-inside: avoid; }
  .cells { grid-template-columns: 1fr 1fr; }
  @page { margin: 15mm; }
}
`.trim()

/**
 * The report as one self-contained HTML page: no scripts, no external
 * files (styles inline, charts as inline SVG), readable on a phone and
 * printable. The page opens in `language` (default Dutch) and holds the
 * report in both languages: a switch at the top (two radio buttons, no
 * script) shows the other one; printing prints the language on screen.
 * Without styles both versions are shown, one after the other.
 *
 * Every figure has a bar chart whose text alternative is
 * {@link describeFigure}'s text; a figure that is not shown has only the
 * reason, in words. All text from outside is escaped.
 *
 * @since 0.3.0
 * @category rendering
 */
export const toHtml = (data: StartReportData, language: Language = "nl"): string => {
  const pages = (["nl", "en"] as const).map((l) => pageOf(data, l))
  const title = t(data.survey.title, language)
  const radio = (l: Language) => `<input class="switch" type="radio" name="taal" id="taal-${l}"${l === language ? " checked" : ""}>`
  return [
    `<!DOCTYPE html>`,
    `<html lang="${language}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(title)}</title>`,
    `<style>\n${css}\n</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    radio("nl"),
    radio("en"),
    `<div class="languages" role="group" aria-label="Taal / Language"><label for="taal-nl" lang="nl">Nederlands</label><label for="taal-en" lang="en">English</label></div>`,
    ...pages.map(articleHtml),
    `</main>`,
    `</body>`,
    `</html>`,
    ``
  ].join("\n")
}
