/**
 * The rules that decide which survey figures may be published, as one
 * value. The defaults come from the strictest survey platforms and
 * statistical offices. A region may lower a rule only with an explicit
 * override that gives a reason, is recorded with every release made under
 * it, and never goes below the rule's floor.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

/**
 * The rules that have a number.
 *
 * - `minGroup`: fewest respondents for any published figure of a group
 *   (mean, percentage, distribution, count); default 5, floor 3.
 * - `minCell`: fewest respondents for a cell of a two-way breakdown;
 *   default 10, floor 5.
 * - `rateInvited` / `rateRespondents`: a response rate is shown only with at
 *   least this many invited and respondents; default 5 / 5, floor 3 / 3.
 * - `freeText`: fewest respondents of a group whose free-text answers may be
 *   released; default 10, floor 5.
 * - `overlap`: between two releases of one survey, the respondents in one
 *   and not in the other are 0 or at least this many; default 5, floor 3.
 *
 * @since 0.3.0
 * @category models
 */
export const Rule = Schema.Literal("minGroup", "minCell", "rateInvited", "rateRespondents", "freeText", "overlap")

/**
 * @since 0.3.0
 * @category models
 */
export type Rule = typeof Rule.Type

/**
 * The default of every rule.
 *
 * @since 0.3.0
 * @category constants
 */
export const defaults: Readonly<Record<Rule, number>> = {
  minGroup: 5,
  minCell: 10,
  rateInvited: 5,
  rateRespondents: 5,
  freeText: 10,
  overlap: 5
}

/**
 * The lowest value an override may set.
 *
 * @since 0.3.0
 * @category constants
 */
export const floors: Readonly<Record<Rule, number>> = {
  minGroup: 3,
  minCell: 5,
  rateInvited: 3,
  rateRespondents: 3,
  freeText: 5,
  overlap: 3
}

/**
 * One deviation from the defaults, with who decided it and why; kept with
 * every release made under the policy.
 *
 * @since 0.3.0
 * @category models
 */
export class Override extends Schema.Class<Override>("@pleegzorg/core/DisclosurePolicy/Override")({
  rule: Rule,
  value: Schema.Int,
  reason: Schema.NonEmptyTrimmedString,
  decidedBy: Schema.NonEmptyTrimmedString
}) {}

/**
 * A policy: the value of every rule, and the overrides that made it differ
 * from the defaults. Make one with {@link make}; {@link standard} has no
 * overrides.
 *
 * @since 0.3.0
 * @category models
 */
export class Policy extends Schema.Class<Policy>("@pleegzorg/core/DisclosurePolicy/Policy")({
  minGroup: Schema.Int,
  minCell: Schema.Int,
  rateInvited: Schema.Int,
  rateRespondents: Schema.Int,
  freeText: Schema.Int,
  overlap: Schema.Int,
  overrides: Schema.Array(Override)
}) {}

/**
 * The defaults, without overrides.
 *
 * @since 0.3.0
 * @category constants
 */
export const standard: Policy = new Policy({ ...defaults, overrides: [] })

/**
 * An override that is not allowed: below the floor, not a whole number, or
 * a rule given twice. Names the rule and the floor.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidPolicy extends Schema.TaggedError<InvalidPolicy>()("InvalidPolicy", {
  rule: Rule,
  value: Schema.Number,
  floor: Schema.Int,
  problem: Schema.Struct({ nl: Schema.String, en: Schema.String })
}) {}

const names: Record<Rule, { readonly nl: string; readonly en: string }> = {
  minGroup: { nl: "het minimum aantal antwoorden per groep", en: "the minimum number of respondents per group" },
  minCell: {
    nl: "het minimum aantal antwoorden per vak van een kruistabel",
    en: "the minimum number of respondents per cell of a two-way table"
  },
  rateInvited: { nl: "het minimum aantal uitgenodigden voor een responspercentage", en: "the minimum number invited for a response rate" },
  rateRespondents: {
    nl: "het minimum aantal antwoorden voor een responspercentage",
    en: "the minimum number of respondents for a response rate"
  },
  freeText: { nl: "het minimum aantal antwoorden voor open antwoorden", en: "the minimum number of respondents for free-text answers" },
  overlap: { nl: "het minimum verschil tussen twee publicaties", en: "the minimum difference between two releases" }
}

/**
 * The standard policy with `overrides` applied. Each override may raise a
 * rule freely, or lower it down to its floor, and must give a reason and
 * who decided; a rule may appear once.
 *
 * @example
 * ```ts
 * // DisclosurePolicy from @pleegzorg/core
 * const policy = DisclosurePolicy.make([
 *   { rule: "minGroup", value: 4, reason: "Vijf beleidsmakers, twee ziek", decidedBy: "Regio Rijk van Nijmegen" }
 * ])
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const make = (
  overrides: ReadonlyArray<{ readonly rule: Rule; readonly value: number; readonly reason: string; readonly decidedBy: string }>
): Either.Either<Policy, InvalidPolicy> => {
  const values: Record<Rule, number> = { ...defaults }
  const seen = new Set<Rule>()
  for (const o of overrides) {
    const floor = floors[o.rule]
    const name = names[o.rule]
    if (seen.has(o.rule)) {
      return Either.left(
        new InvalidPolicy({
          rule: o.rule,
          value: o.value,
          floor,
          problem: { nl: `Je past ${name.nl} twee keer aan.`, en: `You change ${name.en} twice.` }
        })
      )
    }
    seen.add(o.rule)
    if (o.reason.trim() === "" || o.decidedBy.trim() === "") {
      return Either.left(
        new InvalidPolicy({
          rule: o.rule,
          value: o.value,
          floor,
          problem: {
            nl: `Zeg waarom en door wie ${name.nl} is aangepast.`,
            en: `Say why and by whom ${name.en} was changed.`
          }
        })
      )
    }
    if (!Number.isInteger(o.value) || o.value < floor) {
      return Either.left(
        new InvalidPolicy({
          rule: o.rule,
          value: o.value,
          floor,
          problem: {
            nl: `${capital(name.nl)} kan niet lager dan ${floor}; je vroeg ${o.value}.`,
            en: `${capital(name.en)} cannot go below ${floor}; you asked for ${o.value}.`
          }
        })
      )
    }
    values[o.rule] = o.value
  }
  return Either.right(
    new Policy({
      ...values,
      overrides: overrides.map((o) =>
        new Override({ rule: o.rule, value: o.value, reason: o.reason.trim(), decidedBy: o.decidedBy.trim() })
      )
    })
  )
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
