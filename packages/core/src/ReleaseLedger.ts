/**
 * The overlap rule across releases of one survey: for any two published
 * groups, of this release and of every earlier one, the respondents in one
 * and not in the other are 0 or at least the policy's `overlap` minimum
 * (default 5). That stops "all foster families" beside "all foster families
 * except municipality X", and a report made again after one more answer.
 *
 * A ledger entry holds, per published group, which answers it covered (by
 * their random ids, never linked to a person). Groups are compared
 * pairwise; three releases can in principle combine in ways a pairwise
 * check misses, which is why reports have a fixed shape and releases are
 * few.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as DisclosurePolicy from "./DisclosurePolicy.js"
import * as LocalizedText from "./LocalizedText.js"

/**
 * One published group of a release: its key and the ids of the answers it
 * covered.
 *
 * @since 0.3.0
 * @category models
 */
export class Covered extends Schema.Class<Covered>("@pleegzorg/core/ReleaseLedger/Covered")({
  key: Schema.String,
  answers: Schema.Array(Schema.String)
}) {}

/**
 * A release as the ledger keeps it.
 *
 * @since 0.3.0
 * @category models
 */
export class Entry extends Schema.Class<Entry>("@pleegzorg/core/ReleaseLedger/Entry")({
  releaseId: Schema.String,
  groups: Schema.Array(Covered)
}) {}

/**
 * The release would let someone compare two groups that differ by fewer
 * people than the minimum. Names the groups, not the people.
 *
 * @since 0.3.0
 * @category errors
 */
export class OverlapRefused extends Schema.TaggedError<OverlapRefused>("@pleegzorg/core/ReleaseLedger/OverlapRefused")(
  "OverlapRefused",
  {
    conflicts: Schema.Array(Schema.Struct({ group: Schema.String, earlier: Schema.String, releaseId: Schema.String })),
    minimum: Schema.Int,
    problem: LocalizedText.LocalizedText
  }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

const differs = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  let n = 0
  for (const x of a) if (!b.has(x)) n++
  return n
}

/**
 * Whether `next` may be published beside `earlier` releases: for every
 * published group of `next` and every group published earlier of which one
 * holds the other, the difference is 0 or at least the minimum. Groups that
 * only partly overlap (all foster families, and everyone in one
 * municipality) are not compared: subtracting one from the other gives
 * nobody's answers.
 *
 * @since 0.3.0
 * @category checks
 */
export const check = (
  earlier: ReadonlyArray<Entry>,
  next: Entry,
  policy: DisclosurePolicy.Policy
): Either.Either<void, OverlapRefused> => {
  const minimum = policy.overlap
  const mine = next.groups.map((g) => ({ key: g.key, set: new Set(g.answers) }))
  // Within one release the disclosure engine has already made the groups
  // safe beside each other; the ledger is about releases side by side.
  const others = earlier.flatMap((e) => e.groups.map((g) => ({ releaseId: e.releaseId, key: g.key, set: new Set(g.answers) })))
  const conflicts: Array<{ group: string; earlier: string; releaseId: string }> = []
  for (const group of mine) {
    for (const other of others) {
      const onlyHere = differs(group.set, other.set)
      const onlyThere = differs(other.set, group.set)
      // Nested groups (one holds the other: the same group again, or that
      // group without some) give away their difference by subtraction.
      // Groups that only partly overlap do not: neither difference follows
      // from the two figures.
      if (onlyHere > 0 && onlyThere > 0) continue
      const difference = onlyHere + onlyThere
      if (difference > 0 && difference < minimum) {
        conflicts.push({ group: group.key, earlier: other.key, releaseId: other.releaseId })
      }
    }
  }
  return conflicts.length === 0 ? Either.void : Either.left(
    new OverlapRefused({
      conflicts,
      minimum,
      problem: {
        nl: `Deze cijfers verschillen met minder dan ${minimum} mensen van cijfers die al zijn gepubliceerd. Naast elkaar zouden ze laten zien wat die paar mensen antwoordden.`,
        en: `These figures differ by fewer than ${minimum} people from figures already published. Side by side they would show what those few people answered.`
      }
    })
  )
}

/**
 * Whether two entries published the same groups over the same answers.
 *
 * @since 0.3.0
 * @category checks
 */
export const sameCoverage = (a: Entry, b: Entry): boolean => {
  if (a.groups.length !== b.groups.length) return false
  const other = new Map(b.groups.map((g) => [g.key, new Set(g.answers)]))
  return a.groups.every((g) => {
    const answers = other.get(g.key)
    return answers !== undefined && answers.size === g.answers.length && g.answers.every((id) => answers.has(id))
  })
}
