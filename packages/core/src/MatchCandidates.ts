/**
 * The sparse candidate graph for mentor matching: for each prospect the
 * best K mentors with room (after the hard filters), found without scoring
 * every pair in the country. Mentors are kept per municipality; a search
 * walks the municipalities outward from the prospect's and stops as soon as
 * no mentor further away could beat the K found (`MatchScore.upperBound`),
 * or at the reach.
 *
 * Scores are the same numbers as `MatchScore.score` gives, computed on bit
 * masks so that a national run stays fast.
 *
 * @since 0.4.0
 */
import * as MatchingSolver from "./MatchingSolver.js"
import * as MatchScore from "./MatchScore.js"
import type * as MentorProfile from "./MentorProfile.js"
import { Grid } from "./MunicipalityPoint.js"

/**
 * Why a prospect has no mentor: none within reach at all; some within
 * reach but none that meets the musts (or all were declined before); or
 * all suitable ones are full.
 *
 * @since 0.4.0
 * @category models
 */
export type Reason = "NoMentorWithinReach" | "NoSuitableMentor" | "AllFull"

/**
 * A candidate: the mentor (index into the pool), score and distance.
 *
 * @since 0.4.0
 * @category models
 */
export interface Candidate {
  readonly mentor: number
  readonly score: number
  readonly km: number
}

const kindBit: Record<MentorProfile.CareKind, number> = { Crisis: 1, ShortTerm: 2, LongTerm: 4, PartTime: 8, Kinship: 16 }
const availabilityBit: Record<MentorProfile.Availability, number> = { Daytime: 1, Evenings: 2, Weekends: 4 }
const familyIndex: Record<MentorProfile.FamilySituation, number> = { Single: 0, CoupleWithChildren: 1, CoupleWithoutChildren: 2 }
const bits = (mask: number) => {
  let n = 0
  for (let m = mask; m !== 0; m &= m - 1) n++
  return n
}

/**
 * The mentors a run may propose, indexed for the search: each with the
 * places it has left (0 for a paused mentor or a full one).
 *
 * @since 0.4.0
 * @category models
 */
export interface Pool {
  readonly mentors: ReadonlyArray<MentorProfile.Mentor>
  readonly remaining: Int32Array
  readonly byMunicipality: ReadonlyMap<string, Int32Array>
  readonly active: Uint8Array
  readonly kinds: Int32Array
  readonly availability: Int32Array
  readonly family: Int32Array
  /** Per mentor the languages as bits of `languageBits`; languages past the 30th share bit 30 and are checked by name. */
  readonly languages: Int32Array
  readonly languageBits: ReadonlyMap<string, number>
}

const OTHER_LANGUAGES = 1 << 30

const languageMask = (bits: ReadonlyMap<string, number>, languages: ReadonlyArray<string>) =>
  languages.reduce((mask, l) => mask | (bits.get(l) ?? OTHER_LANGUAGES), 0)

/**
 * Indexes mentors (give them in a stable order, such as by id) with the
 * places each has left.
 *
 * @since 0.4.0
 * @category constructors
 */
export const pool = (mentors: ReadonlyArray<MentorProfile.Mentor>, remaining: (mentor: MentorProfile.Mentor) => number): Pool => {
  const lists = new Map<string, Array<number>>()
  const languageBits = new Map<string, number>()
  mentors.forEach((m, i) => {
    const list = lists.get(m.municipality)
    if (list === undefined) lists.set(m.municipality, [i])
    else list.push(i)
    for (const l of m.languages) if (!languageBits.has(l) && languageBits.size < 30) languageBits.set(l, 1 << languageBits.size)
  })
  return {
    mentors,
    remaining: Int32Array.from(mentors, (m) => (m.active ? Math.max(0, remaining(m)) : 0)),
    byMunicipality: new Map([...lists].map(([code, list]) => [code, Int32Array.from(list)])),
    active: Uint8Array.from(mentors, (m) => (m.active ? 1 : 0)),
    kinds: Int32Array.from(mentors, (m) => m.experience.reduce((mask, e) => mask | kindBit[e.kind], 0)),
    availability: Int32Array.from(mentors, (m) => m.availability.reduce((mask, a) => mask | availabilityBit[a], 0)),
    family: Int32Array.from(mentors, (m) => familyIndex[m.family]),
    languages: Int32Array.from(mentors, (m) => languageMask(languageBits, m.languages)),
    languageBits
  }
}

const similarity = [
  [1, 0, 0],
  [0, 1, 0.5],
  [0, 0.5, 1]
]

// The numeric part of MatchScore.score, in the same order of operations so
// that the numbers are identical.
const scorer = (weights: MatchScore.Weights) => {
  const total = MatchScore.totalWeight(weights)
  const w = (c: MatchScore.Criterion) => {
    const rule = weights[c]
    return rule._tag === "Must" || total === 0 ? 0 : rule.weight
  }
  const must = (c: MatchScore.Criterion) => weights[c]._tag === "Must"
  const wd = w("distance")
  const wk = w("kinds")
  const wf = w("family")
  const wl = w("language")
  const wa = w("availability")
  const mk = must("kinds")
  const mf = must("family")
  const ml = must("language")
  const ma = must("availability")
  return (prospect: MentorProfile.Prospect, p: Pool) => {
    const pk = prospect.kinds.reduce((mask, k) => mask | kindBit[k], 0)
    const pa = prospect.availability.reduce((mask, a) => mask | availabilityBit[a], 0)
    const similar = similarity[familyIndex[prospect.family]]!
    const pl = languageMask(p.languageBits, prospect.languages)
    const nk = prospect.kinds.length
    const na = prospect.availability.length
    // A shared bit is a shared language, except the bit of the languages past the 31st.
    const speaks = (mentor: number) => {
      const shared = pl & p.languages[mentor]!
      if ((shared & ~OTHER_LANGUAGES) !== 0) return 1
      if (shared === 0) return 0
      return prospect.languages.some((l) => p.mentors[mentor]!.languages.includes(l as MentorProfile.LanguageCode)) ? 1 : 0
    }
    return (mentor: number, km: number): number => {
    const kinds = bits(pk & p.kinds[mentor]!) / nk
    if (mk && kinds === 0) return -1
    const family = similar[p.family[mentor]!]!
    if (mf && family !== 1) return -1
    const language = speaks(mentor)
    if (ml && language === 0) return -1
    const availability = bits(pa & p.availability[mentor]!) / na
    if (ma && availability === 0) return -1
    if (total === 0) return 0
    let sum = 0
    sum += (wd * Math.exp(-km / weights.decayKm)) / total
    sum += (wk * kinds) / total
    sum += (wf * family) / total
    sum += (wl * language) / total
    sum += (wa * availability) / total
    return Math.round(Math.min(1, sum) * 1_000_000) / 1_000_000
    }
  }
}

// Better first: higher score, then the lower mentor index.
const better = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && a.mentor < b.mentor)

/**
 * The best `limit` mentors with room for one prospect, best first (equal
 * scores: the mentor first in the pool), skipping `excluded` mentors; or
 * why there are none.
 *
 * @since 0.4.0
 * @category search
 */
export const search = (
  prospect: MentorProfile.Prospect,
  p: Pool,
  weights: MatchScore.Weights,
  options: { readonly limit?: number; readonly excluded?: ReadonlySet<string>; readonly withFull?: boolean } = {},
  scoring = scorer(weights)
): { readonly candidates: ReadonlyArray<Candidate>; readonly reason: Reason | undefined } => {
  const limit = options.limit ?? weights.candidates
  const score = scoring(prospect, p)
  const excluded = options.excluded !== undefined && options.excluded.size > 0 ? options.excluded : undefined
  const withFull = options.withFull === true
  const found: Array<Candidate> = [] // kept sorted, best first
  let inReach = false
  let suitable = false
  for (const { code, km } of Grid.nearest(prospect.municipality)) {
    if (km > weights.reachKm) break
    if (found.length === limit && MatchScore.upperBound(km, weights) < found[limit - 1]!.score) break
    const here = p.byMunicipality.get(code)
    if (here === undefined) continue
    for (let k = 0; k < here.length; k++) {
      const mentor = here[k]!
      if (p.active[mentor] === 0) continue
      inReach = true
      if (excluded !== undefined && excluded.has(p.mentors[mentor]!.id)) continue
      const s = score(mentor, km)
      if (s < 0) continue
      suitable = true
      if (p.remaining[mentor]! <= 0 && !withFull) continue
      // Most mentors do not beat the last one kept: decide before making anything.
      if (found.length === limit) {
        const last = found[limit - 1]!
        if (s < last.score || (s === last.score && mentor > last.mentor)) continue
      }
      const candidate = { mentor, score: s, km }
      let at = found.length
      while (at > 0 && better(candidate, found[at - 1]!)) at--
      found.splice(at, 0, candidate)
      if (found.length > limit) found.pop()
    }
  }
  const reason = found.length > 0 ? undefined : !inReach ? "NoMentorWithinReach" : !suitable ? "NoSuitableMentor" : "AllFull"
  return { candidates: found, reason }
}

/**
 * The candidate graph of a batch: the solver's problem (prospects in the
 * order given, mentors as in the pool) with the distance per arc, and for
 * prospects without any candidate the reason.
 *
 * @since 0.4.0
 * @category models
 */
export interface Graph {
  readonly problem: MatchingSolver.Problem
  readonly km: Float64Array
  readonly reasons: ReadonlyMap<number, Reason>
}

/**
 * Builds the candidate graph for `prospects` (in a stable order) against the
 * pool; `excluded(prospect)` gives the mentors that prospect may not get
 * again (declined or ended before).
 *
 * @since 0.4.0
 * @category search
 */
export const graph = (
  prospects: ReadonlyArray<MentorProfile.Prospect>,
  p: Pool,
  weights: MatchScore.Weights,
  excluded: (prospect: MentorProfile.Prospect) => ReadonlySet<string> | undefined = () => undefined,
  onProgress?: (done: number) => void
): Graph => {
  const score = scorer(weights)
  const start = [0]
  const mentor: Array<number> = []
  const scores: Array<number> = []
  const km: Array<number> = []
  const reasons = new Map<number, Reason>()
  prospects.forEach((prospect, i) => {
    const set = excluded(prospect)
    const found = search(prospect, p, weights, set === undefined ? {} : { excluded: set }, score)
    for (const c of found.candidates) {
      mentor.push(c.mentor)
      scores.push(c.score)
      km.push(c.km)
    }
    if (found.reason !== undefined) reasons.set(i, found.reason)
    start.push(mentor.length)
    if (onProgress !== undefined && (i + 1) % 250 === 0) onProgress(i + 1)
  })
  return {
    problem: { prospects: prospects.length, capacities: p.remaining, start, mentor, score: scores },
    km: Float64Array.from(km),
    reasons
  }
}
