/**
 * Regional figures beside the survey results: the number of foster
 * children, foster families, new foster families, foster parents who
 * stopped, children waiting. Imported from CSV; each figure names its
 * source, and figures that were made up (for a demo) say so.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"

/**
 * Where a figure is about: a region (`JZ32`) or the whole country (`NL`).
 *
 * @since 0.3.0
 * @category models
 */
export const Area = Schema.String.pipe(
  Schema.pattern(/^(JZ\d{2}|NL)$/, { message: () => "Gebruik een regiocode zoals JZ32, of NL. / Use a region code such as JZ32, or NL." })
)

/**
 * One figure.
 *
 * @since 0.3.0
 * @category models
 */
export class Figure extends Schema.Class<Figure>("@pleegzorg/core/RegionalFigures/Figure")({
  indicator: Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9-]{0,63}$/)),
  area: Area,
  period: Schema.NonEmptyTrimmedString,
  value: Schema.Number,
  unit: Schema.NonEmptyTrimmedString,
  source: Schema.NonEmptyTrimmedString,
  invented: Schema.Boolean
}) {}

/**
 * The names of the indicators this library knows; others are shown by
 * their id.
 *
 * @since 0.3.0
 * @category constants
 */
export const indicators: Readonly<Record<string, LocalizedText.LocalizedText>> = {
  "pleegkinderen": { nl: "Kinderen in een pleeggezin", en: "Children in foster care" },
  "pleeggezinnen": { nl: "Pleeggezinnen", en: "Foster families" },
  "nieuwe-pleeggezinnen": { nl: "Nieuwe pleeggezinnen", en: "New foster families" },
  "gestopte-pleegouders": { nl: "Gestopte pleeggezinnen", en: "Foster families who stopped" },
  "wachtende-kinderen": { nl: "Kinderen die wachten op een pleeggezin", en: "Children waiting for a foster family" }
}

/**
 * The name of an indicator.
 *
 * @since 0.3.0
 * @category getters
 */
export const label = (indicator: string): LocalizedText.LocalizedText => indicators[indicator] ?? { nl: indicator, en: indicator }

/**
 * The CSV could not be read; every problem names its line.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidFigures extends Schema.TaggedError<InvalidFigures>("@pleegzorg/core/RegionalFigures/InvalidFigures")(
  "InvalidFigures",
  { problems: Schema.Array(Schema.Struct({ line: Schema.Int, problem: LocalizedText.LocalizedText })) }
) {
  override get message() {
    return this.problems.map((p) => `line ${p.line}: ${p.problem.en}`).join("; ")
  }
}

// RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks.
const parseCsv = (text: string): Array<{ readonly line: number; readonly fields: Array<string> }> => {
  const rows: Array<{ line: number; fields: Array<string> }> = []
  let fields: Array<string> = []
  let field = ""
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = false
      else {
        if (c === "\n") line++
        field += c
      }
    } else if (c === "\"") quoted = true
    else if (c === ",") {
      fields.push(field)
      field = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      fields.push(field)
      rows.push({ line: start, fields })
      fields = []
      field = ""
      line++
      start = line
    } else field += c
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field)
    rows.push({ line: start, fields })
  }
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ""))
}

const columns = ["indicator", "region", "period", "value", "unit", "source", "invented"] as const

/**
 * Reads figures from CSV with the header
 * `indicator,region,period,value,unit,source,invented` (`invented`: `ja`/`nee`
 * or `yes`/`no`; empty is no). Every bad line is reported; nothing is
 * returned unless all lines are good.
 *
 * @since 0.3.0
 * @category import
 */
export const fromCsv = (text: string): Either.Either<ReadonlyArray<Figure>, InvalidFigures> => {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""))
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? []
  const missing = columns.filter((c) => !names.includes(c))
  if (header === undefined || missing.length > 0) {
    return Either.left(
      new InvalidFigures({
        problems: [{
          line: 1,
          problem: {
            nl: `De eerste regel moet de kolommen noemen: ${columns.join(",")}. Er ontbreken: ${missing.join(", ")}.`,
            en: `The first line must name the columns: ${columns.join(",")}. Missing: ${missing.join(", ")}.`
          }
        }]
      })
    )
  }
  const at = (fields: ReadonlyArray<string>, column: (typeof columns)[number]) => (fields[names.indexOf(column)] ?? "").trim()
  const problems: Array<{ line: number; problem: LocalizedText.LocalizedText }> = []
  const figures: Array<Figure> = []
  for (const row of rows) {
    const invented = at(row.fields, "invented").toLowerCase()
    const value = Number(at(row.fields, "value").replace(",", "."))
    const decoded = Schema.decodeUnknownEither(Figure)({
      indicator: at(row.fields, "indicator"),
      area: at(row.fields, "region"),
      period: at(row.fields, "period"),
      value,
      unit: at(row.fields, "unit"),
      source: at(row.fields, "source"),
      invented: ["ja", "yes", "true", "1"].includes(invented)
    })
    if (at(row.fields, "value") === "" || !Number.isFinite(value)) {
      problems.push({ line: row.line, problem: { nl: "De waarde is geen getal.", en: "The value is not a number." } })
    } else if (!["", "ja", "nee", "yes", "no", "true", "false", "1", "0"].includes(invented)) {
      problems.push({ line: row.line, problem: { nl: "Vul bij invented ja of nee in.", en: "Fill in yes or no for invented." } })
    } else if (Either.isLeft(decoded)) {
      problems.push({
        line: row.line,
        problem: {
          nl: "Een veld ontbreekt of klopt niet (indicator in kleine letters, regio zoals JZ32 of NL, periode, eenheid en bron ingevuld).",
          en: "A field is missing or wrong (indicator in lower case, region such as JZ32 or NL, period, unit and source filled in)."
        }
      })
    } else figures.push(decoded.right)
  }
  return problems.length > 0 ? Either.left(new InvalidFigures({ problems })) : Either.right(figures)
}
