/**
 * The large reads of a report, checked column by column rather than with a
 * row schema each: a report reads every answer id of its survey (for the
 * release ledger), every count of the survey, and the ledger's earlier
 * entries with their answer ids, tens of thousands of values for a large
 * region; decoding them row by row with the schemas took several times as
 * long as the database took to find them.
 *
 * The checks are the schemas' own: a group or a municipality is checked
 * with the domain's schema, once per distinct value; a count is a whole
 * number (PostgreSQL may return text holding one); the ids of answers are
 * text, as the ledger keeps them (the port gives them as `string`). A value
 * that does not fit names its column.
 */
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { Municipality, ReleaseLedger, Survey, type SurveyStorage } from "@pleegzorg/core"

// A schema guard that remembers the values that passed: for columns with
// few distinct values.
const oneOf = <A, I>(schema: Schema.Schema<A, I>) => {
  const is = Schema.is(schema)
  const passed = new Set<unknown>()
  return (u: unknown): u is A => {
    if (passed.has(u)) return true
    if (!is(u)) return false
    passed.add(u)
    return true
  }
}

const isGroup = oneOf(Survey.ReportGroup)
const isMunicipality = oneOf(Municipality.MunicipalityCode)

// `Rows.Integer`: a whole number, or text holding one.
const integer = (u: unknown): number | undefined => {
  if (typeof u === "number") return Number.isSafeInteger(u) ? u : undefined
  if (typeof u !== "string" || !/^-?\d{1,16}$/.test(u)) return undefined
  const n = Number(u)
  return Number.isSafeInteger(n) ? n : undefined
}

const each = <A>(
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  decode: (row: ReadonlyArray<unknown>) => Either.Either<A, string>
): Either.Either<Array<A>, string> => {
  const out: Array<A> = []
  for (const row of rows) {
    const decoded = decode(row)
    if (Either.isLeft(decoded)) return Either.left(decoded.left)
    out.push(decoded.right)
  }
  return Either.right(out)
}

/** @internal */
export interface Covered {
  readonly id: string
  readonly group: Survey.ReportGroup
  readonly municipality: string | null
}

/**
 * Rows of `SELECT id, grp, municipality FROM answers`.
 *
 * @internal
 */
export const coverage = (rows: ReadonlyArray<ReadonlyArray<unknown>>): Either.Either<Array<Covered>, string> =>
  each(rows, ([id, group, municipality]): Either.Either<Covered, string> => {
    if (typeof id !== "string") return Either.left("id")
    if (!isGroup(group)) return Either.left("grp")
    if (municipality !== null && !isMunicipality(municipality)) return Either.left("municipality")
    return Either.right({ id, group, municipality })
  })

/**
 * Rows of `SELECT grp, municipality, question, value, n FROM answer_counts`
 * (municipality `''`: not asked).
 *
 * @internal
 */
export const counts = (
  rows: ReadonlyArray<ReadonlyArray<unknown>>
): Either.Either<Array<SurveyStorage.Count>, string> =>
  each(rows, ([group, municipality, question, rawValue, rawCount]): Either.Either<SurveyStorage.Count, string> => {
    if (!isGroup(group)) return Either.left("grp")
    if (municipality !== "" && !isMunicipality(municipality)) return Either.left("municipality")
    if (typeof question !== "string") return Either.left("question")
    const value = integer(rawValue)
    if (value === undefined) return Either.left("value")
    const count = integer(rawCount)
    if (count === undefined) return Either.left("n")
    return Either.right({ group, municipality: municipality === "" ? null : municipality, question, value, count })
  })

const isText = (u: unknown): u is string => typeof u === "string"
const isTexts = (u: unknown): u is ReadonlyArray<string> => Array.isArray(u) && u.every(isText)

const entryOf = (text: unknown): ReleaseLedger.Entry | undefined => {
  if (typeof text !== "string") return undefined
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Predicate.isRecord(json) || !isText(json.releaseId) || !Array.isArray(json.groups)) return undefined
  const groups: Array<ReleaseLedger.Covered> = []
  for (const group of json.groups) {
    if (!Predicate.isRecord(group) || !isText(group.key) || !isTexts(group.answers)) return undefined
    groups.push(new ReleaseLedger.Covered({ key: group.key, answers: group.answers }, true))
  }
  return new ReleaseLedger.Entry({ releaseId: json.releaseId, groups }, true)
}

/**
 * Rows of `SELECT entry FROM survey_releases`: ledger entries as JSON.
 *
 * @internal
 */
export const ledger = (rows: ReadonlyArray<ReadonlyArray<unknown>>): Either.Either<Array<ReleaseLedger.Entry>, string> =>
  each(rows, ([text]) => Either.fromNullable(entryOf(text), () => "entry"))
