/**
 * Exports of an adopted improvement agenda (verbeteragenda): Markdown, one
 * self-contained HTML page with a timeline, and CSV for spreadsheets; and
 * the national overview as CSV.
 *
 * Markdown and HTML are printed from one description of the page, so that
 * they always say the same. No export shows how to reach the owner of an
 * action: the contact (name, address) is for mail only.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Agenda from "./Agenda.js"
import * as AgendaAction from "./AgendaAction.js"
import type * as AgendaFinding from "./AgendaFinding.js"
import * as AgendaFollowUp from "./AgendaFollowUp.js"
import * as CalendarDate from "./CalendarDate.js"
import type { Language, LocalizedText } from "./LocalizedText.js"
import * as RegionalFigures from "./RegionalFigures.js"
import * as StakeholderGroup from "./StakeholderGroup.js"

/**
 * What to export: an agenda with the name of its region, optionally the
 * title of its track, the day of the export and the version (default: the
 * one in force).
 *
 * The version in force is exported with its actions as they stand now
 * (`Agenda.live`), overdue as of `today`, and the follow-up. An earlier
 * version is exported as it was adopted: statuses and notes of that day,
 * overdue as of that day, no follow-up (it belongs to the version in
 * force).
 *
 * @since 0.3.0
 * @category models
 */
export interface Input {
  readonly agenda: Agenda.Agenda
  readonly regionName: string
  readonly trackTitle?: LocalizedText
  readonly today: CalendarDate.CalendarDate
  readonly version?: number
}

const say = (language: Language, nl: string, en: string) => (language === "nl" ? nl : en)
const date = (d: CalendarDate.CalendarDate, language: Language) => CalendarDate.format(d, language)

// --- what is exported ----------------------------------------------------------------

interface Resolved {
  readonly agenda: Agenda.Agenda
  readonly version: Agenda.Version
  readonly inForce: Agenda.Version
  readonly actions: ReadonlyArray<AgendaAction.Action>
  /**
   * The day the actions are shown as of: today for the version in force;
   * for an earlier version the day it was adopted, as its statuses are
   * those of that day (an action done since would otherwise show as late).
   */
  readonly asOf: CalendarDate.CalendarDate
  readonly current: boolean
}

const conflict = (agenda: Agenda.Agenda, nl: string, en: string) =>
  Either.left(new Agenda.AgendaStateConflict({ agendaId: agenda.id, problem: { nl, en } }))

const resolve = (input: Input): Either.Either<Resolved, Agenda.AgendaStateConflict> => {
  const { agenda } = input
  const inForce = Agenda.current(agenda)
  if (Option.isNone(inForce)) {
    return conflict(
      agenda,
      "Deze verbeteragenda is nog niet vastgesteld. Er is nog niets om te exporteren.",
      "This improvement agenda has not been adopted yet. There is nothing to export."
    )
  }
  const number = input.version ?? inForce.value.number
  const version = agenda.versions.find((v) => v.number === number)
  if (version === undefined) {
    return conflict(
      agenda,
      `Versie ${number} van deze verbeteragenda bestaat niet. Er zijn versies 1 tot en met ${inForce.value.number}.`,
      `Version ${number} of this improvement agenda does not exist. There are versions 1 to ${inForce.value.number}.`
    )
  }
  const current = version.number === inForce.value.number
  return Either.right({
    agenda,
    version,
    inForce: inForce.value,
    actions: current ? version.content.actions.map((a) => Agenda.live(agenda, a)) : version.content.actions,
    asOf: current ? input.today : version.adoptedOn,
    current
  })
}

// --- words ---------------------------------------------------------------------------

const statusNames: Record<AgendaAction.Status["_tag"], LocalizedText> = {
  Proposed: { nl: "Voorgesteld", en: "Proposed" },
  Agreed: { nl: "Afgesproken", en: "Agreed" },
  InProgress: { nl: "Loopt", en: "In progress" },
  Done: { nl: "Klaar", en: "Done" },
  Dropped: { nl: "Gestopt", en: "Dropped" }
}

const statusOrder = ["Proposed", "Agreed", "InProgress", "Done", "Dropped"] as const

const statusDate = (status: AgendaAction.Status): CalendarDate.CalendarDate | undefined => {
  switch (status._tag) {
    case "Proposed":
      return undefined
    case "Agreed":
    case "Done":
    case "Dropped":
      return status.on
    case "InProgress":
      return status.since
  }
}

/** "Loopt sinds 1 mei 2023", "Klaar op 15 juli 2023", "Voorgesteld". */
const statusText = (status: AgendaAction.Status, language: Language) => {
  const name = statusNames[status._tag][language]
  switch (status._tag) {
    case "Proposed":
      return name
    case "InProgress":
      return `${name} ${say(language, "sinds", "since")} ${date(status.since, language)}`
    default:
      return `${name} ${say(language, "op", "on")} ${date(status.on, language)}`
  }
}

const statusNote = (status: AgendaAction.Status, language: Language): readonly [string, string] | undefined =>
  status._tag === "Done"
    ? [say(language, "Hoe het ging", "How it went"), status.note]
    : status._tag === "Dropped"
    ? [say(language, "Reden", "Reason"), status.reason]
    : undefined

const afterMonths = (months: number, language: Language) =>
  language === "nl" ? `na ${months} ${months === 1 ? "maand" : "maanden"}` : `after ${months} ${months === 1 ? "month" : "months"}`

const evidenceText = (evidence: AgendaFinding.Evidence, language: Language) => {
  switch (evidence._tag) {
    case "SurveyResult":
      return evidence.question === ""
        ? `${say(language, "vragenlijst, aantal deelnemers, groep", "survey, number of respondents, group")} ${evidence.cell}`
        : `${say(language, "vragenlijst", "survey")}, ${evidence.question}, ${say(language, "groep", "group")} ${evidence.cell}`
    case "RegionalFigure":
      return `${RegionalFigures.label(evidence.indicator)[language]} ${evidence.area} ${evidence.period}`
    case "SessionNote":
      return `${say(language, "uit de sessie", "from the session")}: “${evidence.text}”`
  }
}

const byDate = <A extends { readonly on: CalendarDate.CalendarDate }>(items: ReadonlyArray<A>): ReadonlyArray<A> =>
  [...items].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))

// --- the page, once for Markdown and HTML --------------------------------------------

interface ActionView {
  readonly title: string
  readonly description: string
  /** Owner, groups, dates, success criterion, status and its note. */
  readonly fields: ReadonlyArray<readonly [label: string, value: string]>
  readonly overdue: string | undefined
  readonly notes: { readonly label: string; readonly items: ReadonlyArray<readonly [date: string, text: string]> }
}

interface StatementsView {
  readonly heading: string
  readonly items: ReadonlyArray<{ readonly text: string; readonly evidence: string | undefined }>
}

interface ThemeView {
  readonly name: string
  readonly statements: ReadonlyArray<StatementsView>
  readonly actionsHeading: string
  readonly actions: ReadonlyArray<ActionView>
  readonly empty: string | undefined
}

interface Table {
  readonly heading: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

interface TimelineView {
  readonly heading: string
  readonly rows: ReadonlyArray<{
    readonly title: string
    readonly start: CalendarDate.CalendarDate
    readonly due: CalendarDate.CalendarDate
    readonly status: AgendaAction.Status["_tag"]
    /** "Loopt sinds 1 mei 2023, te laat" */
    readonly state: string
    readonly overdue: boolean
  }>
  readonly asOf: { readonly date: CalendarDate.CalendarDate; readonly label: string }
  readonly reviews: ReadonlyArray<{ readonly due: CalendarDate.CalendarDate; readonly moment: number }>
}

interface FollowUpView {
  readonly heading: string
  readonly counts: Table
  readonly overdue: string
  readonly moments: Table
  readonly next: string
  readonly held: {
    readonly heading: string
    readonly empty: string | undefined
    readonly reviews: ReadonlyArray<{
      readonly heading: string
      readonly notes: ReadonlyArray<readonly [action: string, text: string]>
      readonly empty: string | undefined
    }>
  }
}

interface Page {
  readonly language: Language
  readonly title: string
  readonly facts: ReadonlyArray<readonly [label: string, value: string]>
  readonly notice: string | undefined
  readonly change: { readonly heading: string; readonly fields: ReadonlyArray<readonly [string, string]> } | undefined
  readonly versions: Table | undefined
  readonly timeline: TimelineView
  readonly themes: { readonly heading: string; readonly items: ReadonlyArray<ThemeView> }
  readonly followUp: FollowUpView | undefined
  readonly footer: string
}

const actionView = (action: AgendaAction.Action, asOf: CalendarDate.CalendarDate, language: Language): ActionView => {
  const groups = action.groups.map((g) => StakeholderGroup.describe(g).label[language])
  const note = statusNote(action.status, language)
  // Only organisation and role: the contact is for mail, never for readers.
  const fields: Array<readonly [string, string]> = [
    [say(language, "Eigenaar", "Owner"), `${action.owner.organisation}, ${action.owner.role}`],
    [say(language, "Wie doen mee", "Who takes part"), groups.length === 0 ? say(language, "niet vastgelegd", "not recorded") : groups.join(", ")],
    [say(language, "Start", "Start"), date(action.start, language)],
    [say(language, "Klaar uiterlijk", "Due"), date(action.due, language)],
    [say(language, "Geslaagd als", "Success when"), action.success],
    [say(language, "Status", "Status"), statusText(action.status, language)]
  ]
  if (note !== undefined) fields.push(note)
  return {
    title: action.title,
    description: action.description.trim(),
    fields,
    overdue: AgendaAction.isOverdue(action, asOf)
      ? say(language, `Te laat: de einddatum ${date(action.due, language)} is voorbij.`, `Overdue: the due date ${date(action.due, language)} has passed.`)
      : undefined,
    notes: {
      label: say(language, "Voortgang", "Progress"),
      items: byDate(action.notes).map((n) => [date(n.on, language), n.text] as const)
    }
  }
}

const themeViews = (resolved: Resolved, language: Language): ReadonlyArray<ThemeView> => {
  const themes = resolved.version.content.themes
  // An action under a theme the version does not list (adoption refuses
  // that, older data may not) is still shown, under its own theme name.
  const extra = [...new Set(resolved.actions.map((a) => a.theme))].filter((name) => !themes.some((t) => t.name === name))
  const all: ReadonlyArray<{ readonly name: string; readonly statements: ReadonlyArray<AgendaFinding.Statement> }> = [
    ...themes,
    ...extra.map((name) => ({ name, statements: [] }))
  ]
  return all.map((theme): ThemeView => {
    const statements = (kind: AgendaFinding.Statement["kind"], heading: string): ReadonlyArray<StatementsView> => {
      const items = theme.statements.filter((s) => s.kind === kind)
      return items.length === 0 ? [] : [{
        heading,
        items: items.map((s) => ({
          text: s.text,
          evidence: s.evidence.length === 0
            ? undefined
            : `${say(language, "Onderbouwing", "Evidence")}: ${s.evidence.map((e) => evidenceText(e, language)).join("; ")}`
        }))
      }]
    }
    const actions = resolved.actions.filter((a) => a.theme === theme.name)
    return {
      name: theme.name,
      statements: [
        ...statements("GoesWell", say(language, "Wat gaat goed", "What goes well")),
        ...statements("CouldBeBetter", say(language, "Wat kan beter", "What could be better"))
      ],
      actionsHeading: say(language, "Acties", "Actions"),
      actions: actions.map((a) => actionView(a, resolved.asOf, language)),
      empty: actions.length === 0 ? say(language, "Bij dit thema staan geen acties.", "There are no actions for this theme.") : undefined
    }
  })
}

const reviewMoments = (agenda: Agenda.Agenda) =>
  Option.match(Agenda.firstAdoptedOn(agenda), {
    onNone: () => [],
    onSome: (first) => AgendaFollowUp.reviewDates(first, agenda.moments)
  })

const followUpView = (resolved: Resolved, today: CalendarDate.CalendarDate, language: Language): FollowUpView => {
  const { agenda } = resolved
  // Review moments count from the first adoption, not from this version.
  const first = Option.getOrElse(Agenda.firstAdoptedOn(agenda), () => resolved.version.adoptedOn)
  const view = AgendaFollowUp.overview({ adoptedOn: first, actions: resolved.actions }, agenda.reviews, today, agenda.moments)
  const titleOf = (id: AgendaAction.ActionId) =>
    // Adopted versions only: the draft is not public.
    [...resolved.actions, ...agenda.versions.flatMap((v) => v.content.actions)].find((a) => a.id === id)?.title ??
      say(language, "(een actie die niet meer op de agenda staat)", "(an action no longer on the agenda)")
  const heldOn = new Map(agenda.reviews.map((r) => [r.moment, r.on]))
  const next = Option.getOrUndefined(view.nextReview)
  const overdue = view.overdue.map(titleOf)
  return {
    heading: say(language, "Voortgang en bespreekmomenten", "Progress and reviews"),
    counts: {
      heading: say(language, "Acties per status", "Actions by status"),
      columns: [say(language, "Status", "Status"), say(language, "Aantal", "Number")],
      rows: statusOrder.map((s) => [statusNames[s][language], String(view.byStatus[s])])
    },
    overdue: overdue.length === 0
      ? say(language, "Er zijn geen acties te laat.", "No actions are overdue.")
      : `${say(language, "Te laat", "Overdue")} (${overdue.length}): ${overdue.join("; ")}`,
    moments: {
      heading: say(language, "Bespreekmomenten", "Review moments"),
      columns: [say(language, "Moment", "Moment"), say(language, "Gepland op", "Due on"), say(language, "Stand", "State")],
      rows: reviewMoments(agenda).map(({ due, moment }) => {
        const held = heldOn.get(moment)
        const state = held !== undefined
          ? `${say(language, "gehouden op", "held on")} ${date(held, language)}`
          : view.missedReviews.includes(moment)
          ? say(language, "niet gehouden", "not held")
          : next?.moment === moment
          ? say(language, "de volgende", "next")
          : say(language, "nog niet", "not yet")
        return [afterMonths(moment, language), date(due, language), state]
      })
    },
    next: next === undefined
      ? say(language, "Er staat geen bespreking meer gepland.", "No more reviews are planned.")
      : `${say(language, "Volgende bespreking", "Next review")}: ${afterMonths(next.moment, language)}, ${say(language, "op", "on")} ${
        date(next.due, language)
      }.`,
    held: {
      heading: say(language, "Gehouden besprekingen", "Reviews held"),
      empty: agenda.reviews.length === 0 ? say(language, "Er is nog geen bespreking gehouden.", "No review has been held yet.") : undefined,
      reviews: byDate(agenda.reviews).map((r) => ({
        heading: `${say(language, "Bespreking", "Review")} ${afterMonths(r.moment, language)}, ${say(language, "gehouden op", "held on")} ${
          date(r.on, language)
        }`,
        notes: r.notes.map((n) => [titleOf(n.action), n.text] as const),
        empty: r.notes.length === 0 ? say(language, "Geen notities.", "No notes.") : undefined
      }))
    }
  }
}

const pageOf = (input: Input, resolved: Resolved, language: Language): Page => {
  const { agenda, inForce, version } = resolved
  const facts: Array<readonly [string, string]> = [[say(language, "Regio", "Region"), `${input.regionName} (${agenda.region})`]]
  if (input.trackTitle !== undefined) facts.push([say(language, "Traject", "Track"), input.trackTitle[language]])
  facts.push(
    [say(language, "Versie", "Version"), `${version.number}, ${say(language, "vastgesteld op", "adopted on")} ${date(version.adoptedOn, language)}`],
    resolved.current
      ? [say(language, "Stand op", "Situation on"), date(input.today, language)]
      : [say(language, "Stand", "Situation"), say(language, "zoals vastgesteld", "as adopted")]
  )
  const change = Option.getOrUndefined(version.change)
  const changeText = (v: Agenda.Version) =>
    Option.match(v.change, {
      onNone: () => (v.number === 1 ? say(language, "Eerste versie", "First version") : ""),
      onSome: (c) => `${c.what} — ${say(language, "waarom", "why")}: ${c.why}`
    })
  const actionCount = resolved.actions.length
  return {
    language,
    title: `${say(language, "Verbeteragenda pleegzorg", "Foster care improvement agenda")} ${input.regionName}`,
    facts,
    notice: resolved.current ? undefined : say(
      language,
      `Dit is versie ${version.number}, zoals die op ${date(version.adoptedOn, language)} is vastgesteld, met de status van de acties van toen. Nu geldt versie ${inForce.number}, vastgesteld op ${
        date(inForce.adoptedOn, language)
      }.`,
      `This is version ${version.number}, as adopted on ${date(version.adoptedOn, language)}, with the status of the actions at that time. Version ${inForce.number}, adopted on ${
        date(inForce.adoptedOn, language)
      }, is now in force.`
    ),
    change: change === undefined ? undefined : {
      heading: say(language, `Wat is er veranderd in versie ${version.number}`, `What changed in version ${version.number}`),
      fields: [[say(language, "Wat", "What"), change.what], [say(language, "Waarom", "Why"), change.why]]
    },
    versions: agenda.versions.length < 2 ? undefined : {
      heading: say(language, "Alle versies", "All versions"),
      columns: [say(language, "Versie", "Version"), say(language, "Vastgesteld op", "Adopted on"), say(language, "Wat veranderde", "What changed")],
      rows: agenda.versions.map((v) => [
        `${v.number}${v.number === version.number ? say(language, " (deze)", " (this one)") : ""}${
          v.number === inForce.number ? say(language, " (geldt nu)", " (in force)") : ""
        }`,
        date(v.adoptedOn, language),
        changeText(v)
      ])
    },
    timeline: {
      heading: say(language, "Tijdlijn", "Timeline"),
      rows: resolved.actions.map((a) => {
        const overdue = AgendaAction.isOverdue(a, resolved.asOf)
        return {
          title: a.title,
          start: a.start,
          due: a.due,
          status: a.status._tag,
          state: `${statusText(a.status, language)}${overdue ? say(language, ", te laat", ", overdue") : ""}`,
          overdue
        }
      }),
      asOf: resolved.current
        ? { date: input.today, label: `${say(language, "vandaag", "today")} (${date(input.today, language)})` }
        : { date: version.adoptedOn, label: `${say(language, "vastgesteld", "adopted")} (${date(version.adoptedOn, language)})` },
      reviews: reviewMoments(agenda)
    },
    themes: {
      heading: say(language, `Thema's en acties (${actionCount})`, `Themes and actions (${actionCount})`),
      items: themeViews(resolved, language)
    },
    followUp: resolved.current ? followUpView(resolved, input.today, language) : undefined,
    footer: resolved.current
      ? say(
        language,
        `De status van de acties is die op ${date(input.today, language)}.`,
        `The status of the actions is that of ${date(input.today, language)}.`
      )
      : say(
        language,
        `De voortgang en de bespreekmomenten staan in de export van versie ${inForce.number}.`,
        `Progress and review moments are in the export of version ${inForce.number}.`
      )
  }
}

// --- Markdown ------------------------------------------------------------------------

/** Text that reads as itself in Markdown: no tags, emphasis, code or links, on one line. */
const md = (text: string) =>
  text
    .trim()
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, " ")
    .replace(/[\\`*_<>|[\]#~]/g, "\\$&")
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")

/** {@link md} for a line of its own, which must not start a list either. */
const mdLine = (text: string) => md(text).replace(/^[-+]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2")

const mdTable = (table: Table) => [
  `| ${table.columns.join(" | ")} |`,
  `|${table.columns.map(() => "---").join("|")}|`,
  ...table.rows.map((row) => `| ${row.map(md).join(" | ")} |`),
  ""
]

/**
 * The agenda as Markdown, in `language` (default Dutch): title, version and
 * what changed, the versions, per theme the findings with their evidence
 * and the actions (owner organisation and role, groups, dates, success
 * criterion, status, progress notes, overdue), then the follow-up. Text
 * entered by people stays as written and is escaped, so that a Markdown
 * renderer shows it as such. Refused when the agenda, or the version
 * asked for, is not adopted.
 *
 * @since 0.3.0
 * @category rendering
 */
export const toMarkdown = (input: Input, language: Language = "nl"): Either.Either<string, Agenda.AgendaStateConflict> =>
  Either.map(resolve(input), (resolved) => {
    const page = pageOf(input, resolved, language)
    const lines: Array<string> = [`# ${md(page.title)}`, ""]
    lines.push(...page.facts.map(([label, value]) => `**${label}:** ${md(value)}  `), "")
    if (page.notice !== undefined) lines.push(`_${page.notice}_`, "")
    if (page.change !== undefined) {
      lines.push(`## ${page.change.heading}`, "", ...page.change.fields.map(([label, value]) => `- **${label}:** ${md(value)}`), "")
    }
    if (page.versions !== undefined) lines.push(`## ${page.versions.heading}`, "", ...mdTable(page.versions))

    lines.push(`## ${md(page.themes.heading)}`, "")
    for (const theme of page.themes.items) {
      lines.push(`### ${md(theme.name)}`, "")
      for (const group of theme.statements) {
        lines.push(`#### ${group.heading}`, "")
        for (const s of group.items) lines.push(`- ${md(s.text)}${s.evidence === undefined ? "" : ` _(${md(s.evidence)})_`}`)
        lines.push("")
      }
      lines.push(`#### ${theme.actionsHeading}`, "")
      if (theme.empty !== undefined) lines.push(theme.empty, "")
      for (const action of theme.actions) {
        lines.push(`##### ${md(action.title)}`, "")
        if (action.description !== "") lines.push(mdLine(action.description), "")
        if (action.overdue !== undefined) lines.push(`**${action.overdue}**`, "")
        lines.push(...action.fields.map(([label, value]) => `- **${label}:** ${md(value)}`))
        if (action.notes.items.length > 0) {
          lines.push(`- **${action.notes.label}:**`, ...action.notes.items.map(([on, text]) => `  - ${on}: ${md(text)}`))
        }
        lines.push("")
      }
    }

    const follow = page.followUp
    if (follow !== undefined) {
      lines.push(`## ${follow.heading}`, "", `### ${follow.counts.heading}`, "", ...mdTable(follow.counts), mdLine(follow.overdue), "")
      lines.push(`### ${follow.moments.heading}`, "", ...mdTable(follow.moments), follow.next, "")
      lines.push(`### ${follow.held.heading}`, "")
      if (follow.held.empty !== undefined) lines.push(follow.held.empty, "")
      for (const review of follow.held.reviews) {
        lines.push(`#### ${review.heading}`, "")
        if (review.empty !== undefined) lines.push(review.empty, "")
        if (review.notes.length > 0) lines.push(...review.notes.map(([action, text]) => `- **${md(action)}:** ${md(text)}`), "")
      }
    }
    lines.push(`_${page.footer}_`)
    return lines.join("\n") + "\n"
  })

// --- HTML ----------------------------------------------------------------------------

/** Escapes text for HTML element content and quoted attribute values. */
const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "\"" ? "&quot;" : "&#39;"))

/** Escaped, with line breaks kept. */
const escLines = (text: string) => esc(text.trim()).replace(/\r?\n/g, "<br>")

const outline = "#595959"
const lateInk = "#b2182b"

// Fill and outline per status; proposed and dropped differ from the others
// by shape too (dashed outline), and every bar is named in text beside it.
const statusStyle: Record<AgendaAction.Status["_tag"], { readonly fill: string; readonly stroke: string; readonly dash: boolean }> = {
  Proposed: { fill: "#ffffff", stroke: outline, dash: true },
  Agreed: { fill: "#92c5de", stroke: outline, dash: false },
  InProgress: { fill: "#2166ac", stroke: "#1a1a1a", dash: false },
  Done: { fill: "#1b7837", stroke: "#1a1a1a", dash: false },
  Dropped: { fill: "#d9d9d9", stroke: outline, dash: true }
}

const shortMonths: Record<Language, ReadonlyArray<string>> = {
  nl: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

const pct = (x: number) => `${Math.round(x * 100) / 100}%`
const dayNumber = (d: CalendarDate.CalendarDate) => {
  const { day, month, year } = CalendarDate.toParts(d)
  return Date.UTC(year, month - 1, day) / 86_400_000
}
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

const AXIS = 26
const ROW = 40

/**
 * One bar per action from its start to its due date on a month axis, a
 * line for today (or the day of adoption, for an earlier version) and
 * dashed lines at the review moments. The picture's text alternative
 * says all of it in words.
 */
const timelineSvg = (timeline: TimelineView, language: Language) => {
  const dates = [...timeline.rows.flatMap((r) => [r.start, r.due]), timeline.asOf.date, ...timeline.reviews.map((r) => r.due)]
  const earliest = dates.reduce((a, b) => (b < a ? b : a))
  const latest = dates.reduce((a, b) => (b > a ? b : a))
  const first = CalendarDate.toParts(earliest)
  const last = CalendarDate.toParts(latest)
  const from = Date.UTC(first.year, first.month - 1, 1) / 86_400_000
  const to = Date.UTC(last.year, last.month, 1) / 86_400_000
  // a margin at both ends, so that the outline of a bar is not cut off
  const x = (day: number) => 0.5 + (99 * (day - from)) / (to - from)
  const months = (last.year - first.year) * 12 + last.month - first.month + 1
  const step = months <= 12 ? 1 : months <= 24 ? 2 : months <= 48 ? 3 : months <= 96 ? 6 : 12
  const bottom = AXIS + timeline.rows.length * ROW
  const parts: Array<string> = []
  for (let i = 0; i < months; i++) {
    const index = first.year * 12 + first.month - 1 + i
    const year = Math.floor(index / 12)
    const month = index - year * 12
    const left = x(Date.UTC(year, month, 1) / 86_400_000)
    parts.push(`<line x1="${pct(left)}" y1="${AXIS - 6}" x2="${pct(left)}" y2="${bottom}" stroke="#e0e0e0" stroke-width="1"/>`)
    // a label where it fits: not in the last sliver of the axis
    if (i % step === 0 && (100 * (months - i)) / months >= 7) {
      const name = shortMonths[language][month]!
      parts.push(`<text x="${pct(left + 0.4)}" y="${AXIS - 10}" fill="#404040">${esc(i === 0 || month < step ? `${name} ${year}` : name)}</text>`)
    }
  }
  for (const [i, row] of timeline.rows.entries()) {
    const top = AXIS + i * ROW
    const style = statusStyle[row.status]
    const left = x(dayNumber(row.start))
    // the due day itself belongs to the bar
    const width = Math.max(0.6, x(dayNumber(row.due) + 1) - left)
    const stroke = row.overdue
      ? `stroke="${lateInk}" stroke-width="3"`
      : `stroke="${style.stroke}" stroke-width="1.5"${style.dash ? ` stroke-dasharray="4 2"` : ""}`
    parts.push(
      `<g><title>${esc(rowText(row, language))}</title>`,
      `<text x="0" y="${top + 14}" fill="#1a1a1a">${esc(clip(`${row.title} — ${row.state}`, 120))}</text>`,
      `<rect x="${pct(left)}" y="${top + 19}" width="${pct(width)}" height="14" fill="${style.fill}" ${stroke}/>`,
      `</g>`
    )
  }
  // labels near the right edge run leftwards
  const label = (at: number, y: number, fill: string, text: string) =>
    `<text x="${pct(at > 75 ? at - 0.5 : at + 0.5)}" y="${y}" text-anchor="${at > 75 ? "end" : "start"}" fill="${fill}">${esc(text)}</text>`
  for (const review of timeline.reviews) {
    const at = x(dayNumber(review.due))
    parts.push(
      `<line x1="${pct(at)}" y1="${AXIS - 4}" x2="${pct(at)}" y2="${bottom + 4}" stroke="#404040" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      label(at, bottom + 16, "#404040", afterMonths(review.moment, language))
    )
  }
  const now = x(dayNumber(timeline.asOf.date))
  parts.push(
    `<line x1="${pct(now)}" y1="${AXIS - 4}" x2="${pct(now)}" y2="${bottom + 20}" stroke="${lateInk}" stroke-width="2"/>`,
    label(now, bottom + 32, lateInk, timeline.asOf.label)
  )
  const monthOf = (d: CalendarDate.CalendarDate) => date(d, language).replace(/^\d+ /, "")
  const description = [
    say(
      language,
      `Tijdlijn van de acties, ${monthOf(earliest)} tot en met ${monthOf(latest)}.`,
      `Timeline of the actions, ${monthOf(earliest)} to ${monthOf(latest)}.`
    ),
    ...timeline.rows.map((r) => `${rowText(r, language)}.`),
    `${say(language, "Rode lijn", "Red line")}: ${timeline.asOf.label}.`,
    ...(timeline.reviews.length === 0 ? [] : [
      `${say(language, "Bespreekmomenten", "Review moments")}: ${
        timeline.reviews.map((r) => `${afterMonths(r.moment, language)} (${date(r.due, language)})`).join(", ")
      }.`
    ])
  ].join(" ")
  return `<svg class="timeline" role="img" aria-label="${esc(description)}" width="100%" height="${bottom + 38}"><title>${
    esc(description)
  }</title>${parts.join("")}</svg>`
}

const rowText = (row: TimelineView["rows"][number], language: Language) =>
  `${row.title}: ${date(row.start, language)} ${say(language, "tot en met", "to")} ${date(row.due, language)}, ${row.state}`

const timelineLegend = (timeline: TimelineView, language: Language) => {
  const swatch = (fill: string, stroke: string, dash: boolean, width = 1.5) =>
    `<svg width="22" height="14"><rect x="1" y="1" width="20" height="12" fill="${fill}" stroke="${stroke}" stroke-width="${width}"${
      dash ? ` stroke-dasharray="4 2"` : ""
    }/></svg>`
  const line = (stroke: string, dash: boolean) =>
    `<svg width="14" height="14"><line x1="7" y1="0" x2="7" y2="14" stroke="${stroke}" stroke-width="2"${dash ? ` stroke-dasharray="4 2"` : ""}/></svg>`
  const items = [
    ...statusOrder.map((s) => `<li>${swatch(statusStyle[s].fill, statusStyle[s].stroke, statusStyle[s].dash)}${esc(statusNames[s][language])}</li>`),
    `<li>${swatch("#ffffff", lateInk, false, 3)}${esc(say(language, "rode rand: te laat", "red outline: overdue"))}</li>`,
    `<li>${line(lateInk, false)}${esc(timeline.asOf.label)}</li>`,
    ...(timeline.reviews.length === 0 ? [] : [`<li>${line("#404040", true)}${esc(say(language, "bespreekmoment", "review moment"))}</li>`])
  ]
  return `<ul class="legend" aria-hidden="true">${items.join("")}</ul>`
}

const htmlTable = (table: Table, level: "h2" | "h3") =>
  [
    `<${level}>${esc(table.heading)}</${level}>`,
    `<div class="table"><table>`,
    `<thead><tr>${table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...table.rows.map((row) => `<tr>${row.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td>${esc(v)}</td>`)).join("")}</tr>`),
    `</tbody>`,
    `</table></div>`
  ].join("\n")

const fieldList = (fields: ReadonlyArray<readonly [string, string]>) =>
  `<dl class="fields">${fields.map(([label, value]) => `<div><dt>${esc(label)}</dt><dd>${escLines(value)}</dd></div>`).join("")}</dl>`

const actionHtml = (action: ActionView) => {
  const out = [`<section class="action${action.overdue === undefined ? "" : " late"}">`, `<h5>${esc(action.title)}</h5>`]
  if (action.overdue !== undefined) out.push(`<p class="overdue"><strong>${esc(action.overdue)}</strong></p>`)
  if (action.description !== "") out.push(`<p>${escLines(action.description)}</p>`)
  out.push(fieldList(action.fields))
  if (action.notes.items.length > 0) {
    out.push(
      `<p class="label">${esc(action.notes.label)}</p>`,
      `<ul class="notes">${action.notes.items.map(([on, text]) => `<li><span class="date">${esc(on)}</span>: ${escLines(text)}</li>`).join("")}</ul>`
    )
  }
  out.push(`</section>`)
  return out.join("\n")
}

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #ffffff; -webkit-text-size-adjust: 100%; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #d0d0d0; padding-bottom: .2rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .25rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
h5 { font-size: 1rem; margin: 0 0 .25rem; }
.facts, .fields { margin: 0 0 .5rem; }
.facts div, .fields div { display: flex; flex-wrap: wrap; gap: 0 .5rem; }
.facts dt, .fields dt { font-weight: 600; }
.facts dt::after, .fields dt::after { content: ":"; }
.facts dd, .fields dd { margin: 0; }
.notice { padding: .5rem .75rem; border-left: 4px solid #b35806; background: #fdf3ea; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d0d0d0; vertical-align: top; }
thead th { border-bottom: 2px solid #595959; }
.evidence, .footer { font-size: .9rem; color: #404040; }
.statements li { margin: .25rem 0; }
.action { border: 1px solid #d0d0d0; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; break-inside: avoid; page-break-inside: avoid; }
.action.late { border-color: #b2182b; border-width: 2px; }
.overdue { color: #b2182b; margin: 0 0 .25rem; }
.label { font-weight: 600; margin: .25rem 0 0; }
.notes { margin: .1rem 0 0; }
.date { white-space: nowrap; }
.timeline { display: block; overflow: hidden; }
.timeline text { font-size: 12px; font-family: inherit; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.legend svg { vertical-align: -2px; margin-right: .3rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  tr, .timeline { break-inside: avoid; page-break-inside: avoid; }
  @page { margin: 15mm; }
}
`.trim()

/**
 * The agenda as one self-contained HTML page in `language` (default
 * Dutch): the same content as {@link toMarkdown}, plus a timeline drawn as
 * inline SVG — a bar per action from start to due date, coloured by
 * status, a line for today and dashed lines for the review moments — with
 * a text alternative and a legend in words. No scripts, no external
 * files; printable. All text entered by people is escaped. Refused when
 * the agenda, or the version asked for, is not adopted.
 *
 * @since 0.3.0
 * @category rendering
 */
export const toHtml = (input: Input, language: Language = "nl"): Either.Either<string, Agenda.AgendaStateConflict> =>
  Either.map(resolve(input), (resolved) => {
    const page = pageOf(input, resolved, language)
    const out: Array<string> = [
      `<!DOCTYPE html>`,
      `<html lang="${language}">`,
      `<head>`,
      `<meta charset="utf-8">`,
      `<meta name="viewport" content="width=device-width, initial-scale=1">`,
      `<title>${esc(page.title)}</title>`,
      `<style>\n${css}\n</style>`,
      `</head>`,
      `<body>`,
      `<main>`,
      `<header>`,
      `<h1>${esc(page.title)}</h1>`,
      `<dl class="facts">${page.facts.map(([label, value]) => `<div><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`).join("")}</dl>`
    ]
    if (page.notice !== undefined) out.push(`<p class="notice">${esc(page.notice)}</p>`)
    out.push(`</header>`)
    if (page.change !== undefined) out.push(`<section>`, `<h2>${esc(page.change.heading)}</h2>`, fieldList(page.change.fields), `</section>`)
    if (page.versions !== undefined) out.push(`<section>`, htmlTable(page.versions, "h2"), `</section>`)

    if (page.timeline.rows.length > 0) {
      out.push(
        `<section>`,
        `<h2>${esc(page.timeline.heading)}</h2>`,
        timelineLegend(page.timeline, language),
        timelineSvg(page.timeline, language),
        `</section>`
      )
    }

    out.push(`<section>`, `<h2>${esc(page.themes.heading)}</h2>`)
    for (const theme of page.themes.items) {
      out.push(`<section class="theme">`, `<h3>${esc(theme.name)}</h3>`)
      for (const group of theme.statements) {
        out.push(`<h4>${esc(group.heading)}</h4>`, `<ul class="statements">`)
        for (const s of group.items) {
          out.push(`<li>${escLines(s.text)}${s.evidence === undefined ? "" : `<br><span class="evidence">${esc(s.evidence)}</span>`}</li>`)
        }
        out.push(`</ul>`)
      }
      out.push(`<h4>${esc(theme.actionsHeading)}</h4>`)
      if (theme.empty !== undefined) out.push(`<p>${esc(theme.empty)}</p>`)
      out.push(...theme.actions.map(actionHtml), `</section>`)
    }
    out.push(`</section>`)

    const follow = page.followUp
    if (follow !== undefined) {
      out.push(`<section>`, `<h2>${esc(follow.heading)}</h2>`, htmlTable(follow.counts, "h3"), `<p>${esc(follow.overdue)}</p>`)
      out.push(htmlTable(follow.moments, "h3"), `<p>${esc(follow.next)}</p>`, `<h3>${esc(follow.held.heading)}</h3>`)
      if (follow.held.empty !== undefined) out.push(`<p>${esc(follow.held.empty)}</p>`)
      for (const review of follow.held.reviews) {
        out.push(`<h4>${esc(review.heading)}</h4>`)
        if (review.empty !== undefined) out.push(`<p>${esc(review.empty)}</p>`)
        if (review.notes.length > 0) {
          out.push(`<ul>${review.notes.map(([action, text]) => `<li><strong>${esc(action)}</strong>: ${escLines(text)}</li>`).join("")}</ul>`)
        }
      }
      out.push(`</section>`)
    }
    out.push(`<footer><p class="footer">${esc(page.footer)}</p></footer>`, `</main>`, `</body>`, `</html>`, ``)
    return out.join("\n")
  })

// --- CSV -----------------------------------------------------------------------------

// A spreadsheet runs a cell that starts with one of these as a formula.
const formulaStart = /^[=+\-@\t\r]/

/** One RFC 4180 field; a would-be formula gets a leading `'` first. */
const field = (value: string) => {
  const safe = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, "\"\"")}"` : safe
}

const csv = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) =>
  [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n"

const yesNo = (b: boolean) => (b ? "yes" : "no")

/**
 * The actions of the exported version as CSV, one row per action, with
 * the header `region,region_name,version,adopted_on,theme,action,
 * owner_organisation,owner_role,groups,start,due,status,status_date,overdue,
 * last_progress_note,success`. `region` is the region code; groups are
 * codes (`FosterParent;Parent`), statuses are codes (`InProgress`), dates
 * are ISO (`2023-05-01`) and `overdue` is `yes`/`no` — the same in every
 * language, for spreadsheets and scripts. For an earlier version, statuses,
 * notes and overdue are as on the day it was adopted.
 *
 * Fields are separated by `,` and quoted as RFC 4180 says (lines end in
 * CRLF); a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so that a spreadsheet does not run it as a
 * formula. No byte order mark: add `"\uFEFF"` in front when writing a
 * file for Excel. Refused when the agenda, or the version asked for, is
 * not adopted.
 *
 * @since 0.3.0
 * @category csv
 */
export const toCsv = (input: Input): Either.Either<string, Agenda.AgendaStateConflict> =>
  Either.map(resolve(input), ({ actions, asOf, version }) =>
    csv(
      [
        "region",
        "region_name",
        "version",
        "adopted_on",
        "theme",
        "action",
        "owner_organisation",
        "owner_role",
        "groups",
        "start",
        "due",
        "status",
        "status_date",
        "overdue",
        "last_progress_note",
        "success"
      ],
      actions.map((a) => [
        input.agenda.region,
        input.regionName,
        String(version.number),
        version.adoptedOn,
        a.theme,
        a.title,
        a.owner.organisation,
        a.owner.role,
        a.groups.join(";"),
        a.start,
        a.due,
        a.status._tag,
        statusDate(a.status) ?? "",
        yesNo(AgendaAction.isOverdue(a, asOf)),
        byDate(a.notes).at(-1)?.text ?? "",
        a.success
      ])
    ))

/**
 * The national overview of {@link AgendaFollowUp.national} as CSV, one row
 * per region: `region,region_name,adopted,versions,actions,done,overdue,
 * missed_reviews`. `names` gives the name of a region code (empty when
 * left out). The recurring themes are a table of their own: see
 * {@link themesCsv}. Quoting and formula protection as in {@link toCsv}.
 *
 * @since 0.3.0
 * @category csv
 */
export const nationalCsv = (
  standings: ReturnType<typeof AgendaFollowUp.national>,
  names?: (code: string) => string
): string =>
  csv(
    ["region", "region_name", "adopted", "versions", "actions", "done", "overdue", "missed_reviews"],
    standings.regions.map((r) => [
      r.region,
      names === undefined ? "" : names(r.region),
      yesNo(r.adopted),
      String(r.versions),
      String(r.actions),
      String(r.done),
      String(r.overdue),
      String(r.missedReviews)
    ])
  )

/**
 * The themes that recur across regions, from {@link AgendaFollowUp.national},
 * as CSV: `theme,regions`, most regions first. Kept apart from
 * {@link nationalCsv} so that each file holds one table that a
 * spreadsheet opens as it is.
 *
 * @since 0.3.0
 * @category csv
 */
export const themesCsv = (standings: ReturnType<typeof AgendaFollowUp.national>): string =>
  csv(["theme", "regions"], standings.themes.map((t) => [t.theme, String(t.regions)]))
