/**
 * Municipalities (gemeenten), identified by their CBS code.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "./CalendarDate.js"
import { RegionCode } from "./Region.js"

/**
 * CBS code of a municipality: `GM` and four digits, such as `GM0268`
 * (Nijmegen). Codes are never reused, so they stay valid keys when
 * municipalities merge.
 *
 * @since 0.1.0
 * @category models
 */
export const MunicipalityCode = Schema.String.pipe(
  Schema.pattern(/^GM\d{4}$/, {
    message: (issue) =>
      `"${String(issue.actual)}" is geen gemeentecode. Een gemeentecode is GM met vier cijfers, zoals GM0268. / "${String(issue.actual)}" is not a municipality code: that is GM and four digits, such as GM0268.`
  }),
  Schema.brand("@pleegzorg/core/MunicipalityCode"),
  Schema.annotations({ identifier: "MunicipalityCode", description: "CBS code of a gemeente, e.g. GM0268" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type MunicipalityCode = typeof MunicipalityCode.Type

/**
 * A municipality as CBS names it ("'s-Gravenhage"), with names in common use
 * as `aliases` ("Den Haag"), the region it belongs to, and when it came into
 * being or ended where that falls in the period the data covers.
 *
 * @since 0.1.0
 * @category models
 */
export class Municipality extends Schema.Class<Municipality>("@pleegzorg/core/Municipality")({
  code: MunicipalityCode,
  name: Schema.NonEmptyTrimmedString,
  aliases: Schema.Array(Schema.NonEmptyTrimmedString),
  region: RegionCode,
  /** First day of a municipality formed recently (Voorne aan Zee: 2023-01-01). */
  validFrom: Schema.optional(CalendarDate),
  /** Last day of a municipality that was merged away, in editions that include it. */
  validUntil: Schema.optional(CalendarDate)
}) {}
