/**
 * Counting stored answers again, for `SqlStorage.rebuildCounts` and
 * `SqlStorage.auditCounts`: rows of `answers` go in a page at a time, each
 * is checked and counted with core's own rules (`SurveyAnswer.countsOf`),
 * and only the counts are kept. Memory grows with the number of cells
 * (survey, group, municipality, question, value), never with the number of
 * answers.
 */
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { type Municipality, type Survey, SurveyAnswer } from "@pleegzorg/core"
import * as Rows from "./rows.js"

/**
 * The columns a page of answers is read with, in this order.
 *
 * @internal
 */
export const answerColumns = "id, survey_id, grp, municipality, answer_values"

/**
 * The key of a cell, as the stored counts are compared with it: the
 * municipality `''` when there is none, as in the table.
 *
 * @internal
 */
export const cellKey = (
  surveyId: string,
  group: string,
  municipality: string | null,
  question: string,
  value: number
): string => `${surveyId}\u0000${group}\u0000${municipality ?? ""}\u0000${question}\u0000${value}`

// With the row schema's own columns. The columns that every answer of one
// survey, group and municipality shares are checked once per combination.
const isAnswerId = Schema.is(Rows.AnswerRow.fields.id)
const isSurveyId = Schema.is(Rows.AnswerRow.fields.survey_id)
const isGroup = Schema.is(Rows.AnswerRow.fields.grp)
const isMunicipality = Schema.is(Rows.AnswerRow.fields.municipality)

// `SurveyAnswer.Value` and the record of them, checked by hand: the schema
// would take several times as long as everything else a rebuild does.
const isInt = (u: unknown): u is number => typeof u === "number" && Number.isSafeInteger(u)
const isValue = (u: unknown): u is SurveyAnswer.Value => {
  if (isInt(u) || typeof u === "string") return true
  if (!Array.isArray(u)) return false
  for (const x of u) if (!isInt(x)) return false
  return true
}
const isValues = (u: unknown): u is Record<string, SurveyAnswer.Value> => {
  if (!Predicate.isRecord(u)) return false
  for (const key in u) if (!isValue(u[key])) return false
  return true
}

const parse = (text: unknown): unknown => {
  if (typeof text !== "string") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

interface Group {
  readonly surveyId: Survey.SurveyId
  readonly group: Survey.ReportGroup
  readonly municipality: Option.Option<Municipality.MunicipalityCode>
  // question → value → number of answers
  readonly questions: Map<string, Map<number, number>>
}

/**
 * Counts answers row by row.
 *
 * @internal
 */
export interface Tally {
  /** Answers counted so far. */
  readonly answers: () => number
  /** The id of the last row added: where the next page starts. */
  readonly lastId: () => string
  /**
   * Counts one row of {@link answerColumns}; returns the column that does
   * not fit, if one does not (and then counts nothing).
   */
  readonly add: (row: ReadonlyArray<unknown>) => string | undefined
  /** Every cell counted, as rows of `answer_counts`, in the order of the table's key. */
  readonly cells: () => Array<Rows.NewCount>
}

/** @internal */
export const makeTally = (): Tally => {
  const groups = new Map<string, Group>()
  let answers = 0
  let lastId = ""

  const groupOf = (surveyId: unknown, group: unknown, municipality: unknown): Group | string => {
    const key = `${String(surveyId)}\u0000${String(group)}\u0000${municipality === null ? "" : String(municipality)}`
    const known = groups.get(key)
    if (known !== undefined) return known
    if (!isSurveyId(surveyId)) return "survey_id"
    if (!isGroup(group)) return "grp"
    if (!isMunicipality(municipality)) return "municipality"
    const made: Group = { surveyId, group, municipality: Option.fromNullable(municipality), questions: new Map() }
    groups.set(key, made)
    return made
  }

  const add = (row: ReadonlyArray<unknown>): string | undefined => {
    const [id, surveyId, grp, municipality, text] = row
    if (!isAnswerId(id)) return "id"
    const group = groupOf(surveyId, grp, municipality)
    if (typeof group === "string") return group
    const values = parse(text)
    if (!isValues(values)) return "answer_values"
    // The rules of the maintained counts, applied to the stored answer.
    const answer = new SurveyAnswer.Answer({
      id,
      surveyId: group.surveyId,
      group: group.group,
      municipality: group.municipality,
      values
    }, true)
    for (const { question, value } of SurveyAnswer.countsOf(answer)) {
      let byValue = group.questions.get(question)
      if (byValue === undefined) {
        byValue = new Map()
        group.questions.set(question, byValue)
      }
      byValue.set(value, (byValue.get(value) ?? 0) + 1)
    }
    answers += 1
    lastId = id
    return undefined
  }

  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

  const cells = (): Array<Rows.NewCount> => {
    const out: Array<Rows.NewCount> = []
    for (const key of [...groups.keys()].sort(byText)) {
      const group = groups.get(key)!
      const municipality = Option.getOrNull(group.municipality)
      for (const question of [...group.questions.keys()].sort(byText)) {
        const byValue = group.questions.get(question)!
        for (const value of [...byValue.keys()].sort((a, b) => a - b)) {
          out.push({ survey_id: group.surveyId, grp: group.group, municipality, question, value, n: byValue.get(value)! })
        }
      }
    }
    return out
  }

  return { answers: () => answers, lastId: () => lastId, add, cells }
}
