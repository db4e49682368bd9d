/**
 * Youth-care regions (jeugdzorgregio's): the 42 sets of municipalities that
 * procure youth care together, as CBS publishes them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * CBS code of a youth-care region: `JZ` and two digits, such as `JZ32`
 * (Rijk van Nijmegen). There is no JZ40.
 *
 * @since 0.1.0
 * @category models
 */
export const RegionCode = Schema.String.pipe(
  Schema.pattern(/^JZ\d{2}$/, {
    message: (issue) =>
      `"${String(issue.actual)}" is geen regiocode. Een regiocode is JZ met twee cijfers, zoals JZ32. / "${String(issue.actual)}" is not a region code: that is JZ and two digits, such as JZ32.`
  }),
  Schema.brand("@pleegzorg/core/RegionCode"),
  Schema.annotations({ identifier: "RegionCode", description: "CBS code of a jeugdzorgregio, e.g. JZ32" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type RegionCode = typeof RegionCode.Type

/**
 * A youth-care region. `name` is the CBS name ("Midden-Brabant (Hart van
 * Brabant)"); `displayName` is the name used in practice where it differs
 * ("Hart van Brabant"); {@link label} gives the one to show. `aliases` are
 * other names people use ("Midden-Brabant", "Friesland").
 *
 * @since 0.1.0
 * @category models
 */
export class Region extends Schema.Class<Region>("@pleegzorg/core/Region")({
  code: RegionCode,
  name: Schema.NonEmptyTrimmedString,
  displayName: Schema.optional(Schema.NonEmptyTrimmedString),
  aliases: Schema.Array(Schema.NonEmptyTrimmedString)
}) {}

/**
 * The name to show people: the display name where there is one, else the CBS
 * name.
 *
 * @since 0.1.0
 * @category getters
 */
export const label = (region: Region): string => region.displayName ?? region.name
