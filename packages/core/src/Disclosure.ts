/**
 * Disclosure control: from declared tables of survey results to what may be
 * published. Pure, without storage: call {@link protect} with plain data.
 *
 * A release declares its cells (a group, or a group within a group), how
 * they add up (a total and its parts: the groups under "all respondents",
 * the rows and the columns of a two-way table), and per question what each
 * cell answered. The engine then decides per cell, first for the group and
 * then for every question:
 *
 * 1. **Too small**: fewer respondents than `minGroup` (a two-way cell:
 *    `minCell`), or fewer answers to the question, is suppressed.
 * 2. **Complementary suppression**: in every set of parts of a published
 *    total, the suppressed respondents together are 0 or at least the
 *    minimum; if not, the next smallest part is suppressed too, until that
 *    holds everywhere.
 * 3. **Proof**: the published totals and parts form a linear system; no
 *    suppressed cell may follow from it (exact elimination). A cell that
 *    does makes the engine suppress the smallest published cell beside it,
 *    and start again at 2.
 *
 * Published figures are coarsened: means to one decimal, percentages whole,
 * answer bands (disagree / neutral / agree) instead of the exact
 * distribution below 20 answers, no minimum, maximum or median below 10,
 * and a group under 10 in which (nearly) everyone gave the same answer
 * shows only that, flagged. The result is a {@link ProtectedRelease}, the
 * only thing {@link toCsv} exports: no function here returns an answer.
 *
 * @since 0.3.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import type * as DisclosurePolicy from "./DisclosurePolicy.js"
import { determined } from "./internal/linearSystem.js"
import type { LocalizedText } from "./LocalizedText.js"

// --- input ---------------------------------------------------------------------------

/**
 * A group in the release: all respondents (`breakdown` 0), a group of one
 * attribute such as an audience or a municipality (1), or a cell of a
 * two-way breakdown (2). Cells of public category lists are declared even
 * when nobody answered from them (`respondents: 0`), so that whether a
 * category appears says nothing about who answered.
 *
 * @since 0.3.0
 * @category input
 */
export interface CellInput {
  readonly key: string
  readonly label: LocalizedText
  readonly breakdown: 0 | 1 | 2
  readonly respondents: number
  /** How many were invited, when known: for the response rate. */
  readonly invited?: number | undefined
}

/**
 * `total` is the sum of `parts`: the respondents, and for every question
 * the answers.
 *
 * @since 0.3.0
 * @category input
 */
export interface Relation {
  readonly total: string
  readonly parts: ReadonlyArray<string>
}

/**
 * What one cell answered to one question.
 *
 * - `Likert`: how many answered 1, 2, 3, 4 and 5.
 * - `Choice`: per option how many chose it, and how many answered the
 *   question (for multiple choice the counts add up to more).
 * - `Number`: the numbers given.
 *
 * @since 0.3.0
 * @category input
 */
export type Answers =
  | { readonly _tag: "Likert"; readonly counts: readonly [number, number, number, number, number] }
  | {
    readonly _tag: "Choice"
    readonly options: ReadonlyArray<LocalizedText>
    readonly counts: ReadonlyArray<number>
    readonly answered: number
  }
  | { readonly _tag: "Number"; readonly values: ReadonlyArray<number> }

/**
 * A question and, per cell key, what that cell answered; a cell without an
 * entry answered nothing.
 *
 * @since 0.3.0
 * @category input
 */
export interface QuestionInput {
  readonly id: string
  readonly label: LocalizedText
  readonly cells: Readonly<Record<string, Answers>>
}

/**
 * A release: the cells, how they add up, and the questions.
 *
 * @since 0.3.0
 * @category input
 */
export interface ReleaseInput {
  readonly cells: ReadonlyArray<CellInput>
  readonly relations: ReadonlyArray<Relation>
  readonly questions: ReadonlyArray<QuestionInput>
}

// --- output --------------------------------------------------------------------------

/**
 * Why a figure is not shown, with the words a participant reads.
 *
 * @since 0.3.0
 * @category output
 */
export type Reason =
  | { readonly _tag: "TooFewRespondents"; readonly minimum: number; readonly text: LocalizedText }
  | { readonly _tag: "TooFewAnswers"; readonly minimum: number; readonly text: LocalizedText }
  | { readonly _tag: "ProtectsAnotherGroup"; readonly text: LocalizedText }
  | { readonly _tag: "RateNotShown"; readonly text: LocalizedText }

/**
 * A figure, or why it is not shown.
 *
 * @since 0.3.0
 * @category output
 */
export type Shown<A> =
  | { readonly _tag: "Shown"; readonly value: A }
  | { readonly _tag: "Suppressed"; readonly reason: Reason }

/**
 * The three answer bands of a Likert question.
 *
 * @since 0.3.0
 * @category output
 */
export type Band = "disagree" | "neutral" | "agree"

/**
 * A share of the answers: a whole percentage (20 answers or more), or a
 * quarter band below that.
 *
 * @since 0.3.0
 * @category output
 */
export type Share =
  | { readonly _tag: "Percentage"; readonly percent: number }
  | { readonly _tag: "Quarter"; readonly band: "under25" | "25to50" | "50to75" | "over75" }

/**
 * A published figure of one question in one cell. `nearlyAll` means that in
 * a group under 10 everyone, or everyone but one, gave the same answer: only
 * that is shown, and the organiser sees the flag.
 *
 * @since 0.3.0
 * @category output
 */
export type Figure =
  | {
    readonly _tag: "Likert"
    readonly answered: number
    readonly mean: number | undefined
    readonly distribution:
      | { readonly _tag: "Exact"; readonly percent: readonly [number, number, number, number, number] }
      | { readonly _tag: "Bands"; readonly percent: Readonly<Record<Band, number>> }
      | { readonly _tag: "NearlyAll"; readonly band: Band }
  }
  | {
    readonly _tag: "Choice"
    readonly answered: number
    readonly options: ReadonlyArray<{ readonly label: LocalizedText; readonly share: Share }>
    readonly nearlyAll: LocalizedText | undefined
  }
  | {
    readonly _tag: "Number"
    readonly answered: number
    readonly mean: number
    readonly spread: { readonly min: number; readonly median: number; readonly max: number } | undefined
  }

/**
 * One cell of a protected release, for the group.
 *
 * @since 0.3.0
 * @category output
 */
export interface ProtectedCell {
  readonly key: string
  readonly label: LocalizedText
  readonly breakdown: 0 | 1 | 2
  readonly respondents: Shown<number>
  readonly responseRate: Shown<number> | undefined
}

/**
 * One question of a protected release: per cell its figure or the reason.
 *
 * @since 0.3.0
 * @category output
 */
export interface ProtectedQuestion {
  readonly id: string
  readonly label: LocalizedText
  readonly cells: ReadonlyArray<{ readonly key: string; readonly figure: Shown<Figure> }>
}

const ProtectedTypeId: unique symbol = Symbol.for("@pleegzorg/core/Disclosure/ProtectedRelease")

/**
 * What may be published, and only that. Made by {@link protect} alone.
 *
 * @since 0.3.0
 * @category output
 */
export interface ProtectedRelease {
  readonly [ProtectedTypeId]: typeof ProtectedTypeId
  readonly policy: DisclosurePolicy.Policy
  readonly cells: ReadonlyArray<ProtectedCell>
  readonly questions: ReadonlyArray<ProtectedQuestion>
  /** Cells in which (nearly) everyone gave the same answer: for the organiser to look at before publishing. */
  readonly flags: ReadonlyArray<{ readonly question: string; readonly cell: string }>
}

/**
 * Whether `u` was made by {@link protect}.
 *
 * @since 0.3.0
 * @category guards
 */
export const isProtectedRelease = (u: unknown): u is ProtectedRelease =>
  typeof u === "object" && u !== null && ProtectedTypeId in u

/**
 * A release that cannot be judged: a relation or question names a cell that
 * was not declared, a key is declared twice, or a count is not a whole
 * number of zero or more.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidRelease extends Data.TaggedError("InvalidRelease")<{ readonly problem: LocalizedText }> {
  override get message() {
    return this.problem.en
  }
}

// --- texts ---------------------------------------------------------------------------

const tooFewRespondents = (minimum: number): Reason => ({
  _tag: "TooFewRespondents",
  minimum,
  text: {
    nl: `Minder dan ${minimum} mensen uit deze groep vulden de vragenlijst in. Dan laten we geen cijfers zien, zodat niemand herkend kan worden.`,
    en: `Fewer than ${minimum} people in this group filled in the survey. Then we show no figures, so that nobody can be recognised.`
  }
})

const tooFewAnswers = (minimum: number): Reason => ({
  _tag: "TooFewAnswers",
  minimum,
  text: {
    nl: `Minder dan ${minimum} mensen uit deze groep beantwoordden deze vraag. Dan laten we het antwoord niet zien, zodat niemand herkend kan worden.`,
    en: `Fewer than ${minimum} people in this group answered this question. Then we do not show it, so that nobody can be recognised.`
  }
})

const protectsAnother: Reason = {
  _tag: "ProtectsAnotherGroup",
  text: {
    nl: "Dit cijfer laten we niet zien, omdat je anders met de andere cijfers kunt uitrekenen wat een kleine groep antwoordde.",
    en: "This figure is not shown, because otherwise the other figures would let you work out what a small group answered."
  }
}

const rateNotShown = (invited: number, respondents: number): Reason => ({
  _tag: "RateNotShown",
  text: {
    nl: `Een responspercentage tonen we alleen als minstens ${invited} mensen zijn uitgenodigd en minstens ${respondents} hebben geantwoord.`,
    en: `A response rate is shown only when at least ${invited} people were invited and at least ${respondents} answered.`
  }
})

// --- suppression ---------------------------------------------------------------------

interface Plan {
  readonly order: ReadonlyArray<string>
  readonly index: ReadonlyMap<string, number>
  readonly cells: ReadonlyMap<string, CellInput>
  readonly relations: ReadonlyArray<Relation>
  readonly relationsOf: ReadonlyMap<string, ReadonlyArray<Relation>>
}

const minimumOf = (cell: CellInput, policy: DisclosurePolicy.Policy) =>
  cell.breakdown === 2 ? policy.minCell : policy.minGroup

// Among `candidates` not yet suppressed: the smallest weight; parts before
// totals (fewer people lose a figure), then the order of declaration.
const smallest = (plan: Plan, weight: (key: string) => number, candidates: Iterable<string>, suppressed: ReadonlyMap<string, Reason>) => {
  let best: string | undefined
  for (const key of candidates) {
    if (suppressed.has(key)) continue
    if (best === undefined) {
      best = key
      continue
    }
    const a = [weight(key), -plan.cells.get(key)!.breakdown, plan.index.get(key)!]
    const b = [weight(best), -plan.cells.get(best)!.breakdown, plan.index.get(best)!]
    if (a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)))) best = key
  }
  return best
}

// The suppressed cells that the published figures determine.
const derivable = (plan: Plan, suppressed: ReadonlyMap<string, Reason>): ReadonlyArray<string> => {
  const unknowns = plan.order.filter((key) => suppressed.has(key))
  if (unknowns.length === 0) return []
  const column = new Map(unknowns.map((key, i) => [key, i]))
  const rows: Array<Array<number>> = []
  for (const relation of plan.relations) {
    const row = Array<number>(unknowns.length).fill(0)
    let any = false
    const add = (key: string, coefficient: number) => {
      const c = column.get(key)
      if (c !== undefined) {
        row[c]! += coefficient
        any = true
      }
    }
    add(relation.total, 1)
    for (const part of relation.parts) add(part, -1)
    if (any) rows.push(row)
  }
  const found = determined(rows, unknowns.length)
  return unknowns.filter((_, i) => found.has(i))
}

/**
 * Suppresses for one measure (the respondents, or the answers to one
 * question): cells under their minimum, then complementary cells until
 * every set of parts hides 0 or at least the minimum and nothing hidden can
 * be derived.
 */
const suppress = (
  plan: Plan,
  policy: DisclosurePolicy.Policy,
  weight: (key: string) => number,
  initial: ReadonlyMap<string, Reason>,
  tooFew: (minimum: number) => Reason
): ReadonlyMap<string, Reason> => {
  const suppressed = new Map(initial)
  for (const key of plan.order) {
    const minimum = minimumOf(plan.cells.get(key)!, policy)
    if (!suppressed.has(key) && weight(key) < minimum) suppressed.set(key, tooFew(minimum))
  }
  for (;;) {
    let changed = false
    for (const relation of plan.relations) {
      // With the total hidden as well, this relation does not give away the
      // hidden parts' sum; whether others do is what the proof below checks.
      if (suppressed.has(relation.total)) continue
      const hidden = relation.parts.filter((p) => suppressed.has(p))
      const sum = hidden.reduce((n, p) => n + weight(p), 0)
      const minimum = Math.max(...relation.parts.map((p) => minimumOf(plan.cells.get(p)!, policy)))
      if (hidden.length === 0 || sum === 0 || sum >= minimum) continue
      const next = smallest(plan, weight, relation.parts, suppressed) ?? smallest(plan, weight, [relation.total], suppressed)
      if (next !== undefined) {
        suppressed.set(next, protectsAnother)
        changed = true
      }
    }
    if (changed) continue
    const [first] = derivable(plan, suppressed)
    if (first === undefined) return suppressed
    const around = (plan.relationsOf.get(first) ?? []).flatMap((r) => [...r.parts, r.total])
    const next = smallest(plan, weight, around, suppressed)
    // A determined cell always has a published neighbour: were they all
    // suppressed, its relations would not determine it.
    if (next === undefined) return suppressed
    suppressed.set(next, protectsAnother)
  }
}

// --- figures -------------------------------------------------------------------------

const round1 = (x: number) => Math.round(x * 10) / 10
const percent = (part: number, whole: number) => Math.round((100 * part) / whole)

const quarter = (part: number, whole: number): Share => {
  const share = part / whole
  return {
    _tag: "Quarter",
    band: share < 0.25 ? "under25" : share < 0.5 ? "25to50" : share < 0.75 ? "50to75" : "over75"
  }
}

const answeredOf = (answers: Answers | undefined): number => {
  if (answers === undefined) return 0
  switch (answers._tag) {
    case "Likert":
      return answers.counts.reduce((a, b) => a + b, 0)
    case "Choice":
      return answers.answered
    case "Number":
      return answers.values.length
  }
}

const figureOf = (answers: Answers, groupSize: number): { readonly figure: Figure; readonly flagged: boolean } => {
  const n = answeredOf(answers)
  const small = groupSize < 10
  switch (answers._tag) {
    case "Likert": {
      const c = answers.counts
      const bands: Record<Band, number> = { disagree: c[0] + c[1], neutral: c[2], agree: c[3] + c[4] }
      const top = (Object.keys(bands) as Array<Band>).reduce((a, b) => (bands[b] > bands[a] ? b : a))
      if (small && bands[top] >= n - 1) {
        return { figure: { _tag: "Likert", answered: n, mean: undefined, distribution: { _tag: "NearlyAll", band: top } }, flagged: true }
      }
      const mean = round1((c[0] + 2 * c[1] + 3 * c[2] + 4 * c[3] + 5 * c[4]) / n)
      const distribution = n >= 20
        ? {
          _tag: "Exact" as const,
          percent: [percent(c[0], n), percent(c[1], n), percent(c[2], n), percent(c[3], n), percent(c[4], n)] as const
        }
        : {
          _tag: "Bands" as const,
          percent: { disagree: percent(bands.disagree, n), neutral: percent(bands.neutral, n), agree: percent(bands.agree, n) }
        }
      return { figure: { _tag: "Likert", answered: n, mean, distribution }, flagged: false }
    }
    case "Choice": {
      const nearly = small ? answers.counts.findIndex((x) => x >= n - 1) : -1
      const options = answers.options.map((label, i) => ({
        label,
        share: nearly >= 0
          ? quarter(i === nearly ? n : 0, n)
          : n >= 20
          ? { _tag: "Percentage" as const, percent: percent(answers.counts[i] ?? 0, n) }
          : quarter(answers.counts[i] ?? 0, n)
      }))
      return {
        figure: { _tag: "Choice", answered: n, options, nearlyAll: nearly >= 0 ? answers.options[nearly] : undefined },
        flagged: nearly >= 0
      }
    }
    case "Number": {
      const sorted = [...answers.values].sort((a, b) => a - b)
      const mean = round1(sorted.reduce((a, b) => a + b, 0) / n)
      const middle = Math.floor(n / 2)
      const median = n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
      return {
        figure: {
          _tag: "Number",
          answered: n,
          mean,
          spread: n >= 10 ? { min: sorted[0]!, median: round1(median), max: sorted[n - 1]! } : undefined
        },
        flagged: false
      }
    }
  }
}

// --- the engine ----------------------------------------------------------------------

const isCount = (n: number) => Number.isInteger(n) && n >= 0

const invalid = (nl: string, en: string) => Either.left(new InvalidRelease({ problem: { nl, en } }))

const planOf = (input: ReleaseInput): Either.Either<Plan, InvalidRelease> => {
  const cells = new Map<string, CellInput>()
  for (const cell of input.cells) {
    if (cells.has(cell.key)) return invalid(`Het vak "${cell.key}" staat er twee keer in.`, `The cell "${cell.key}" is declared twice.`)
    if (!isCount(cell.respondents) || (cell.invited !== undefined && !isCount(cell.invited))) {
      return invalid(
        `Het vak "${cell.key}" heeft een aantal dat geen heel getal van 0 of meer is.`,
        `The cell "${cell.key}" has a count that is not a whole number of 0 or more.`
      )
    }
    cells.set(cell.key, cell)
  }
  const relationsOf = new Map<string, Array<Relation>>()
  for (const relation of input.relations) {
    for (const key of [relation.total, ...relation.parts]) {
      if (!cells.has(key)) {
        return invalid(`Een optelling noemt het vak "${key}", dat niet is opgegeven.`, `A relation names the cell "${key}", which is not declared.`)
      }
      relationsOf.set(key, [...(relationsOf.get(key) ?? []), relation])
    }
  }
  for (const question of input.questions) {
    for (const [key, answers] of Object.entries(question.cells)) {
      if (!cells.has(key)) {
        return invalid(
          `Vraag ${question.id} noemt het vak "${key}", dat niet is opgegeven.`,
          `Question ${question.id} names the cell "${key}", which is not declared.`
        )
      }
      const counts = answers._tag === "Likert" ? answers.counts : answers._tag === "Choice" ? [...answers.counts, answers.answered] : []
      if (!counts.every(isCount) || (answers._tag === "Number" && !answers.values.every(Number.isFinite))) {
        return invalid(
          `Vraag ${question.id} heeft in vak "${key}" een aantal dat geen heel getal van 0 of meer is.`,
          `Question ${question.id} has a count in cell "${key}" that is not a whole number of 0 or more.`
        )
      }
    }
  }
  const order = input.cells.map((c) => c.key)
  return Either.right({ order, index: new Map(order.map((k, i) => [k, i])), cells, relations: input.relations, relationsOf })
}

/**
 * Decides what of `input` may be published under `policy`. A malformed
 * release (a cell declared twice, a relation or question naming a cell that
 * is not declared, a count that is not a whole number of 0 or more) is an
 * {@link InvalidRelease} that says which.
 *
 * @since 0.3.0
 * @category protection
 */
export const protect = (input: ReleaseInput, policy: DisclosurePolicy.Policy): Either.Either<ProtectedRelease, InvalidRelease> =>
  Either.map(planOf(input), (plan) => protectPlan(plan, input, policy))

const protectPlan = (plan: Plan, input: ReleaseInput, policy: DisclosurePolicy.Policy): ProtectedRelease => {
  const respondents = (key: string) => plan.cells.get(key)!.respondents
  const groups = suppress(plan, policy, respondents, new Map(), tooFewRespondents)

  const cells = input.cells.map((cell): ProtectedCell => {
    const hidden = groups.get(cell.key)
    const count: Shown<number> = hidden === undefined ? { _tag: "Shown", value: cell.respondents } : { _tag: "Suppressed", reason: hidden }
    const responseRate: Shown<number> | undefined = cell.invited === undefined
      ? undefined
      : hidden !== undefined
      ? { _tag: "Suppressed", reason: hidden }
      : cell.invited >= policy.rateInvited && cell.respondents >= policy.rateRespondents && cell.invited > 0
      ? { _tag: "Shown", value: percent(cell.respondents, cell.invited) }
      : { _tag: "Suppressed", reason: rateNotShown(policy.rateInvited, policy.rateRespondents) }
    return { key: cell.key, label: cell.label, breakdown: cell.breakdown, respondents: count, responseRate }
  })

  const flags: Array<{ readonly question: string; readonly cell: string }> = []
  const questions = input.questions.map((question): ProtectedQuestion => {
    const answered = (key: string) => answeredOf(question.cells[key])
    const hidden = suppress(plan, policy, answered, groups, tooFewAnswers)
    return {
      id: question.id,
      label: question.label,
      cells: plan.order.map((key) => {
        const reason = hidden.get(key)
        if (reason !== undefined) return { key, figure: { _tag: "Suppressed", reason } }
        const { figure, flagged } = figureOf(question.cells[key]!, respondents(key))
        if (flagged) flags.push({ question: question.id, cell: key })
        return { key, figure: { _tag: "Shown", value: figure } }
      })
    }
  })
  return { [ProtectedTypeId]: ProtectedTypeId, policy, cells, questions, flags }
}

const csvField = (value: string | number | undefined) => {
  const text = value === undefined ? "" : String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const describeFigure = (figure: Figure): { readonly value: string; readonly detail: string } => {
  switch (figure._tag) {
    case "Likert": {
      const d = figure.distribution
      const detail = d._tag === "Exact"
        ? d.percent.map((p, i) => `${i + 1}: ${p}%`).join("; ")
        : d._tag === "Bands"
        ? `oneens/disagree ${d.percent.disagree}%; neutraal/neutral ${d.percent.neutral}%; eens/agree ${d.percent.agree}%`
        : `(vrijwel) iedereen/(nearly) all: ${d.band}`
      return { value: figure.mean === undefined ? "" : figure.mean.toFixed(1), detail }
    }
    case "Choice":
      return {
        value: "",
        detail: figure.options.map((o) => `${o.label.nl}: ${o.share._tag === "Percentage" ? `${o.share.percent}%` : o.share.band}`).join("; ")
      }
    case "Number":
      return {
        value: figure.mean.toFixed(1),
        detail: figure.spread === undefined ? "" : `min ${figure.spread.min}; mediaan/median ${figure.spread.median}; max ${figure.spread.max}`
      }
  }
}

/**
 * The protected release as CSV (UTF-8, comma-separated, header row): one
 * line per group (respondents and response rate) and one per question and
 * group, each with its figure or the reason it is not shown. Only a
 * {@link ProtectedRelease} can be exported; there is no export of answers.
 *
 * @since 0.3.0
 * @category export
 */
export const toCsv = (release: ProtectedRelease): string => {
  const lines = [["question", "cell", "label", "answered", "value", "detail", "suppressed"].join(",")]
  const label = new Map(release.cells.map((c) => [c.key, c.label.nl]))
  for (const cell of release.cells) {
    const shown = cell.respondents._tag === "Shown"
    const rate = cell.responseRate?._tag === "Shown" ? `respons/response ${cell.responseRate.value}%` : ""
    lines.push([
      "",
      cell.key,
      cell.label.nl,
      shown ? cell.respondents.value : "",
      "",
      rate,
      cell.respondents._tag === "Suppressed" ? cell.respondents.reason.text.nl : ""
    ].map(csvField).join(","))
  }
  for (const question of release.questions) {
    for (const cell of question.cells) {
      const shown = cell.figure._tag === "Shown" ? describeFigure(cell.figure.value) : undefined
      lines.push([
        question.id,
        cell.key,
        label.get(cell.key),
        cell.figure._tag === "Shown" ? cell.figure.value.answered : "",
        shown?.value,
        shown?.detail,
        cell.figure._tag === "Suppressed" ? cell.figure.reason.text.nl : ""
      ].map(csvField).join(","))
    }
  }
  return lines.join("\n") + "\n"
}
