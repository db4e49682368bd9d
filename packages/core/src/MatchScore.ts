/**
 * How well a mentor fits a prospect: per criterion a contribution between
 * 0 and 1 (distance decaying with kilometres, shared kinds of foster care,
 * a similar family situation, a shared language, overlapping
 * availability), weighted by a versioned set of weights. Any criterion can
 * instead be a *must*: a hard filter that is not part of the score. A
 * mentor beyond `reachKm` is never a candidate.
 *
 * Every score comes with its explanation per criterion in Dutch and
 * English ("afstand 4,4 km (+0,29), ervaring met crisispleegzorg (+0,25),
 * …"), which names categories only, never the other family's details.
 *
 * @since 0.4.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as InvalidInput from "./InvalidInput.js"
import type * as LocalizedText from "./LocalizedText.js"
import * as MentorProfile from "./MentorProfile.js"

/**
 * The criteria.
 *
 * @since 0.4.0
 * @category models
 */
export const Criterion = Schema.Literal("distance", "kinds", "family", "language", "availability")

/**
 * @since 0.4.0
 * @category models
 */
export type Criterion = typeof Criterion.Type

/**
 * A criterion counts with a weight (0 to 1), or is a must.
 *
 * @since 0.4.0
 * @category models
 */
export const Rule = Schema.Union(
  Schema.TaggedStruct("Weight", { weight: Schema.Number.pipe(Schema.between(0, 1)) }),
  Schema.TaggedStruct("Must", {})
)

/**
 * @since 0.4.0
 * @category models
 */
export type Rule = typeof Rule.Type

/**
 * A set of weights, with the version that every proposal made with it
 * records. `decayKm`: the distance at which the distance contribution has
 * dropped to 37 % (e^−1); `reachKm`: no mentor further away; `candidates`:
 * how many best mentors per prospect the optimiser considers.
 *
 * @since 0.4.0
 * @category models
 */
export class Weights extends Schema.Class<Weights>("@pleegzorg/core/MatchScore/Weights")({
  version: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(100)),
  distance: Rule,
  kinds: Rule,
  family: Rule,
  language: Rule,
  availability: Rule,
  decayKm: Schema.Number.pipe(Schema.between(1, 500)),
  reachKm: Schema.Number.pipe(Schema.between(1, 400)),
  candidates: Schema.Int.pipe(Schema.between(1, 500))
}) {}

const weight = (weight: number): Rule => ({ _tag: "Weight", weight })

/**
 * The standard weights (version `standaard-2026-11`): distance 0.35 (decay
 * 25 km, reach 50 km), kinds of foster care 0.25, family situation 0.15,
 * language 0.15, availability 0.10; the best 50 mentors per prospect.
 *
 * @since 0.4.0
 * @category constants
 */
export const standard: Weights = new Weights({
  version: "standaard-2026-11",
  distance: weight(0.35),
  kinds: weight(0.25),
  family: weight(0.15),
  language: weight(0.15),
  availability: weight(0.1),
  decayKm: 25,
  reachKm: 50,
  candidates: 50
})

/**
 * Checks weights from outside: the schema, and that the weights are not all
 * zero (then every pair would score the same).
 *
 * @since 0.4.0
 * @category validation
 */
export const decodeWeights = (input: unknown): Either.Either<Weights, InvalidInput.InvalidInput> =>
  Either.flatMap(InvalidInput.decodeEither(Weights)(input), (weights) =>
    criteria.some((c) => weights[c]._tag === "Weight" && (weights[c] as { weight: number }).weight > 0)
      ? Either.right(weights)
      : Either.left(InvalidInput.make("", "Geef minstens één criterium een gewicht boven 0. / Give at least one criterion a weight above 0.")))

/**
 * The criteria in the order explanations list them.
 *
 * @since 0.4.0
 * @category constants
 */
export const criteria: ReadonlyArray<Criterion> = ["distance", "kinds", "family", "language", "availability"]

/**
 * What scoring needs of a prospect or mentor.
 *
 * @since 0.4.0
 * @category models
 */
export interface Side {
  readonly kinds: ReadonlyArray<MentorProfile.CareKind>
  readonly family: MentorProfile.FamilySituation
  readonly languages: ReadonlyArray<string>
  readonly availability: ReadonlyArray<MentorProfile.Availability>
}

/**
 * The side of a prospect.
 *
 * @since 0.4.0
 * @category models
 */
export const prospectSide = (p: MentorProfile.Prospect): Side => p

/**
 * The side of a mentor.
 *
 * @since 0.4.0
 * @category models
 */
export const mentorSide = (m: MentorProfile.Mentor): Side => ({ ...m, kinds: MentorProfile.kindsOf(m) })

/**
 * How alike two family situations are: the same 1, two couples 0.5,
 * otherwise 0.
 *
 * @since 0.4.0
 * @category scoring
 */
export const familySimilarity = (a: MentorProfile.FamilySituation, b: MentorProfile.FamilySituation): number =>
  a === b ? 1 : a !== "Single" && b !== "Single" ? 0.5 : 0

/**
 * The value of each criterion for a pair, between 0 and 1, and whether its
 * must holds.
 *
 * @since 0.4.0
 * @category scoring
 */
export const values = (prospect: Side, mentor: Side, km: number, weights: Weights): Record<Criterion, number> => {
  const share = <A>(mine: ReadonlyArray<A>, theirs: ReadonlyArray<A>) => mine.filter((x) => theirs.includes(x)).length
  return {
    distance: Math.exp(-km / weights.decayKm),
    kinds: share(prospect.kinds, mentor.kinds) / prospect.kinds.length,
    family: familySimilarity(prospect.family, mentor.family),
    language: share(prospect.languages, mentor.languages) > 0 ? 1 : 0,
    availability: share(prospect.availability, mentor.availability) / prospect.availability.length
  }
}

// When a must holds: the family situation must be the same; the others need
// something in common; distance only needs to be within reach.
const mustHolds = (criterion: Criterion, value: number) => criterion === "distance" || (criterion === "family" ? value === 1 : value > 0)

/**
 * The sum of the weights that count: scores are divided by it, so that a
 * score is between 0 and 1 whichever criteria are musts.
 *
 * @since 0.4.0
 * @category scoring
 */
export const totalWeight = (weights: Weights): number =>
  criteria.reduce((sum, c) => sum + (weights[c]._tag === "Weight" ? (weights[c] as { weight: number }).weight : 0), 0)

/**
 * One criterion of a scored pair.
 *
 * @since 0.4.0
 * @category models
 */
export interface Part {
  readonly criterion: Criterion
  readonly must: boolean
  readonly value: number
  readonly contribution: number
  readonly text: LocalizedText.LocalizedText
}

/**
 * A pair that passed the filters, with its score and explanation.
 *
 * @since 0.4.0
 * @category models
 */
export interface Scored {
  readonly score: number
  readonly km: number
  readonly parts: ReadonlyArray<Part>
  readonly explanation: LocalizedText.LocalizedText
}

/**
 * Why a pair is not a candidate: too far, or a must that does not hold.
 *
 * @since 0.4.0
 * @category models
 */
export type Excluded = { readonly _tag: "TooFar"; readonly km: number } | { readonly _tag: "MustFails"; readonly criterion: Criterion }

const number = (value: number, digits: number, language: LocalizedText.Language) =>
  value.toFixed(digits).replace(".", language === "nl" ? "," : ".")

const list = (items: ReadonlyArray<string>, language: LocalizedText.Language) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${language === "nl" ? "en" : "and"} ${items.at(-1)}`

const describe = (
  criterion: Criterion,
  prospect: Side,
  mentor: Side,
  km: number,
  value: number,
  language: LocalizedText.Language
): string => {
  const nl = language === "nl"
  switch (criterion) {
    case "distance":
      // Both in one municipality: its point is all we know, so no distance to show.
      return km < 0.05 ? (nl ? "zelfde gemeente" : "same municipality") : `${nl ? "afstand" : "distance"} ${number(km, 1, language)} km`
    case "kinds": {
      const shared = prospect.kinds.filter((k) => mentor.kinds.includes(k)).map((k) => MentorProfile.careKindLabel[k][language])
      return shared.length === 0
        ? nl ? "geen ervaring met de gezochte vorm van pleegzorg" : "no experience with the kind of foster care asked for"
        : `${nl ? "ervaring met" : "experience with"} ${list(shared, language)}`
    }
    case "family":
      return value === 1
        ? nl ? "zelfde gezinssituatie" : "same family situation"
        : value > 0
        ? nl ? "vergelijkbare gezinssituatie" : "similar family situation"
        : nl ? "andere gezinssituatie" : "different family situation"
    case "language": {
      const shared = prospect.languages.filter((l) => mentor.languages.includes(l)).map((l) => MentorProfile.languageLabel(l)[language])
      return shared.length === 0
        ? nl ? "geen gedeelde taal" : "no shared language"
        : `${nl ? "gedeelde taal" : "shared language"}: ${list(shared, language)}`
    }
    case "availability": {
      const shared = prospect.availability.filter((a) => mentor.availability.includes(a))
        .map((a) => MentorProfile.availabilityLabel[a][language])
      return shared.length === 0
        ? nl ? "geen gedeelde momenten" : "no shared moments"
        : `${nl ? "allebei beschikbaar" : "both available"} ${list(shared, language)}`
    }
  }
}

/**
 * Scores a pair at `km` apart, with its explanation; or why it is not a
 * candidate.
 *
 * @since 0.4.0
 * @category scoring
 */
export const score = (prospect: Side, mentor: Side, km: number, weights: Weights): Either.Either<Scored, Excluded> => {
  if (km > weights.reachKm) return Either.left({ _tag: "TooFar", km })
  const v = values(prospect, mentor, km, weights)
  const total = totalWeight(weights)
  const parts: Array<Part> = []
  let sum = 0
  for (const criterion of criteria) {
    const rule = weights[criterion]
    const value = v[criterion]
    if (rule._tag === "Must" && !mustHolds(criterion, value)) return Either.left({ _tag: "MustFails", criterion })
    const contribution = rule._tag === "Must" || total === 0 ? 0 : (rule.weight * value) / total
    sum += contribution
    const text = (language: LocalizedText.Language) => {
      const what = describe(criterion, prospect, mentor, km, value, language)
      return rule._tag === "Must"
        ? `${what} (${language === "nl" ? "voorwaarde" : "requirement"})`
        : `${what} (+${number(contribution, 2, language)})`
    }
    parts.push({ criterion, must: rule._tag === "Must", value, contribution, text: { nl: text("nl"), en: text("en") } })
  }
  const rounded = Math.round(Math.min(1, sum) * 1_000_000) / 1_000_000
  const explanation = (language: LocalizedText.Language) =>
    `${parts.map((p) => p.text[language]).join(", ")} = ${number(rounded, 2, language)}`
  return Either.right({ score: rounded, km, parts, explanation: { nl: explanation("nl"), en: explanation("en") } })
}

/**
 * The highest score a mentor `km` away could still reach: for stopping a
 * search outward once no further mentor can beat the ones found.
 *
 * @since 0.4.0
 * @category scoring
 */
export const upperBound = (km: number, weights: Weights): number => {
  const total = totalWeight(weights)
  if (total === 0) return 0
  let sum = 0
  for (const criterion of criteria) {
    const rule = weights[criterion]
    if (rule._tag === "Must") continue
    sum += (rule.weight * (criterion === "distance" ? Math.exp(-km / weights.decayKm) : 1)) / total
  }
  // Rounded up as scores are rounded to millionths, so that no score lies above it.
  return Math.min(1, Math.ceil(sum * 1_000_000) / 1_000_000)
}
