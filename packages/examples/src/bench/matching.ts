/**
 * `pnpm bench matching`: national mentor matching on seeded synthetic
 * instances (`../SyntheticMatching.ts`), each figure beside a baseline
 * measured in the same run.
 *
 * Two instances: *national* (`BENCH_PROSPECTS`, default 3,000 prospects;
 * `BENCH_MENTORS`, default 20,000 mentors) and *scarce* (the same
 * prospects; `BENCH_SCARCE_MENTORS`, default 2,000 mentors, so about as
 * many places as prospects). `BENCH_SEED` (default 2026) seeds both. The
 * standard weights (`MatchScore.standard`: K = 50 best mentors per
 * prospect, reach 50 km).
 *
 * For each instance, timings are the median of 3 runs after a warm-up run:
 *
 * - candidates: `MatchCandidates.pool` + `MatchCandidates.graph` (the
 *   search outward per prospect), against the baseline of brute force:
 *   every pair scored (the same numbers, on bit masks and a table of
 *   municipality distances built inside the timing), the best K kept per
 *   prospect. The lists must come out identical;
 * - the exact solver `MatchingSolver.solve` on that graph;
 * - greedy on the same candidate lists: each prospect in turn (id order)
 *   takes its best mentor that still has a place;
 * - greedy over every pair: the same, but each prospect scores every
 *   mentor (what first come, first served amounts to without a search).
 *
 * For each: matched, unmatched, mean and 10th-percentile score (over the
 * matched), mean distance. Checks: no capacity exceeded, every match an arc
 * of the candidate graph, the solver's matched count equal to a maximum
 * matching of the candidate graph found independently (augmenting paths),
 * and the scores of the solver's pairs equal to `MatchScore.score`. It also
 * replays the search's walk to count the mentors it scores per prospect,
 * and gives the time per mentor scored beside brute force's time per pair.
 *
 * Then suggestions for one prospect: (a) `MatchCandidates.search` (best 5,
 * as the service asks) for 200 random prospects on the national pool,
 * (b) `Mentoring.suggestions` through the service on core `MemoryStorage`
 * with the national instance loaded through `addProspect`/`addMentor`:
 * 50 prospects, 20 prospects each right after a change to a mentor through
 * the service (an empty `updateMentor`), and the very first suggestion.
 * Each reads only the mentors within reach and their open matches.
 *
 * Targets: national candidates + solve ≤ 1.0 s; scarce: no prospect left
 * unmatched whenever the candidate graph allows a complete matching;
 * suggestions for one prospect ≤ 50 ms.
 */
import {
  Entropy,
  Geography,
  MatchCandidates,
  MatchingSolver,
  MatchScore,
  MemoryStorage,
  Mentoring,
  MentorProfile,
  MunicipalityPoint
} from "@pleegzorg/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as SyntheticMatching from "../SyntheticMatching.js"

const fmt = (n: number) => Math.round(n).toLocaleString("en-US")
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : fmt(n)} ms`
const met = (ok: boolean) => (ok ? "met" : "NOT met")

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return n
}

const quantile = (xs: ReadonlyArray<number>, q: number) => {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}
const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

// A warm-up run, then the median of 3 timed runs; the last run's result.
const timed = <A>(body: () => A): { readonly ms: number; readonly runs: ReadonlyArray<number>; readonly result: A } => {
  let result = body()
  const times: Array<number> = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    result = body()
    times.push(performance.now() - start)
  }
  return { ms: median(times), runs: times, result }
}

const weights = MatchScore.standard

// --- brute force ------------------------------------------------------------------------

const kindBit: Record<MentorProfile.CareKind, number> = { Crisis: 1, ShortTerm: 2, LongTerm: 4, PartTime: 8, Kinship: 16 }
const availabilityBit: Record<MentorProfile.Availability, number> = { Daytime: 1, Evenings: 2, Weekends: 4 }
const familyIndex: Record<MentorProfile.FamilySituation, number> = { Single: 0, CoupleWithChildren: 1, CoupleWithoutChildren: 2 }
const similarity = [1, 0, 0, 0, 1, 0.5, 0, 0.5, 1]
const bits = (mask: number) => {
  let n = 0
  for (let m = mask; m !== 0; m &= m - 1) n++
  return n
}

// What brute force needs: per mentor bit masks and a municipality index,
// and the distances between municipalities. Built inside its timing.
const bruteIndex = (prospects: ReadonlyArray<MentorProfile.Prospect>, mentors: ReadonlyArray<MentorProfile.Mentor>) => {
  const places = new Map<string, number>()
  const placeOf = (code: string) => {
    let i = places.get(code)
    if (i === undefined) places.set(code, (i = places.size))
    return i
  }
  const languageBits = new Map<string, number>()
  const languageMask = (codes: ReadonlyArray<string>) =>
    codes.reduce((mask, code) => {
      let bit = languageBits.get(code)
      if (bit === undefined) languageBits.set(code, (bit = 1 << languageBits.size))
      return mask | bit
    }, 0)
  const m = mentors.length
  const mPlace = Int32Array.from(mentors, (x) => placeOf(x.municipality))
  const mKinds = Int32Array.from(mentors, (x) => x.experience.reduce((s, e) => s | kindBit[e.kind], 0))
  const mAvail = Int32Array.from(mentors, (x) => x.availability.reduce((s, a) => s | availabilityBit[a], 0))
  const mFamily = Int32Array.from(mentors, (x) => familyIndex[x.family])
  const mLang = Int32Array.from(mentors, (x) => languageMask(x.languages))
  const capacity = Int32Array.from(mentors, (x) => (x.active ? x.capacity : 0))
  const pPlace = Int32Array.from(prospects, (x) => placeOf(x.municipality))
  const pKinds = Int32Array.from(prospects, (x) => x.kinds.reduce((s, k) => s | kindBit[k], 0))
  const pAvail = Int32Array.from(prospects, (x) => x.availability.reduce((s, a) => s | availabilityBit[a], 0))
  const pFamily = Int32Array.from(prospects, (x) => familyIndex[x.family])
  const pLang = Int32Array.from(prospects, (x) => languageMask(x.languages))
  const n = places.size
  const points = [...places.keys()].map((code) => Option.getOrThrow(MunicipalityPoint.pointOf(code)))
  const km = new Float64Array(n * n)
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) km[a * n + b] = MunicipalityPoint.distanceKm(points[a]!, points[b]!)
  const total = MatchScore.totalWeight(weights)
  const w = (c: MatchScore.Criterion) => {
    const rule = weights[c]
    return rule._tag === "Must" ? 0 : rule.weight
  }
  const wd = w("distance")
  const wk = w("kinds")
  const wf = w("family")
  const wl = w("language")
  const wa = w("availability")
  // The same numbers as MatchScore.score, in the same order of operations
  // (the standard weights have no musts; a pair beyond reach scores −1).
  const score = (i: number, j: number): number => {
    const d = km[pPlace[i]! * n + mPlace[j]!]!
    if (d > weights.reachKm) return -1
    const kinds = bits(pKinds[i]! & mKinds[j]!) / prospects[i]!.kinds.length
    const family = similarity[pFamily[i]! * 3 + mFamily[j]!]!
    const language = (pLang[i]! & mLang[j]!) !== 0 ? 1 : 0
    const availability = bits(pAvail[i]! & mAvail[j]!) / prospects[i]!.availability.length
    let sum = 0
    sum += (wd * Math.exp(-d / weights.decayKm)) / total
    sum += (wk * kinds) / total
    sum += (wf * family) / total
    sum += (wl * language) / total
    sum += (wa * availability) / total
    return Math.round(Math.min(1, sum) * 1_000_000) / 1_000_000
  }
  const distance = (i: number, j: number) => km[pPlace[i]! * n + mPlace[j]!]!
  return { m, capacity, score, distance }
}

// Every pair scored, the best K per prospect kept (higher score, then lower mentor index).
const bruteCandidates = (prospects: ReadonlyArray<MentorProfile.Prospect>, mentors: ReadonlyArray<MentorProfile.Mentor>) => {
  const index = bruteIndex(prospects, mentors)
  const k = weights.candidates
  const start = [0]
  const mentor: Array<number> = []
  const score: Array<number> = []
  const topMentor = new Int32Array(k)
  const topScore = new Float64Array(k)
  for (let i = 0; i < prospects.length; i++) {
    let size = 0
    for (let j = 0; j < index.m; j++) {
      if (index.capacity[j]! <= 0) continue
      const s = index.score(i, j)
      if (s < 0) continue
      // Mentors come in index order: an equal score never beats one kept.
      if (size === k && s <= topScore[k - 1]!) continue
      let at = size < k ? size++ : k - 1
      while (at > 0 && topScore[at - 1]! < s) {
        topScore[at] = topScore[at - 1]!
        topMentor[at] = topMentor[at - 1]!
        at--
      }
      topScore[at] = s
      topMentor[at] = j
    }
    for (let a = 0; a < size; a++) {
      mentor.push(topMentor[a]!)
      score.push(topScore[a]!)
    }
    start.push(mentor.length)
  }
  return { start, mentor, score }
}

// How many mentors the outward search scores per prospect: the same walk
// and stopping rule as `MatchCandidates.search` (score the mentors of each
// municipality nearest first; stop beyond the reach, or once K are kept and
// no mentor this far away could beat the K-th), with brute force's scores.
const searchedPairs = (prospects: ReadonlyArray<MentorProfile.Prospect>, mentors: ReadonlyArray<MentorProfile.Mentor>): number => {
  const index = bruteIndex(prospects, mentors)
  const byMunicipality = new Map<string, Array<number>>()
  mentors.forEach((m, j) => {
    const list = byMunicipality.get(m.municipality)
    if (list === undefined) byMunicipality.set(m.municipality, [j])
    else list.push(j)
  })
  const k = weights.candidates
  const top = new Float64Array(k) // the best scores, highest first
  let scored = 0
  for (let i = 0; i < prospects.length; i++) {
    let size = 0
    for (const { code, km } of MunicipalityPoint.Grid.nearest(prospects[i]!.municipality)) {
      if (km > weights.reachKm) break
      if (size === k && MatchScore.upperBound(km, weights) < top[k - 1]!) break
      for (const j of byMunicipality.get(code) ?? []) {
        if (!mentors[j]!.active) continue
        scored++
        const s = index.score(i, j)
        if (s < 0 || index.capacity[j]! <= 0 || (size === k && s <= top[k - 1]!)) continue
        let at = size < k ? size++ : k - 1
        while (at > 0 && top[at - 1]! < s) {
          top[at] = top[at - 1]!
          at--
        }
        top[at] = s
      }
    }
  }
  return scored
}

// --- assignments -------------------------------------------------------------------------

// Per prospect the mentor (−1 none), score and km.
interface Assignment {
  readonly mentor: Int32Array
  readonly score: Float64Array
  readonly km: Float64Array
}

const fromSolution = (graph: MatchCandidates.Graph, solution: MatchingSolver.Solution): Assignment => {
  const n = graph.problem.prospects
  const a: Assignment = { mentor: new Int32Array(n).fill(-1), score: new Float64Array(n), km: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    const arc = solution.arc[i]!
    if (arc < 0) continue
    a.mentor[i] = graph.problem.mentor[arc]!
    a.score[i] = graph.problem.score[arc]!
    a.km[i] = graph.km[arc]!
  }
  return a
}

// Each prospect in turn takes its best candidate that still has a place.
const greedyOnCandidates = (graph: MatchCandidates.Graph): Assignment => {
  const { capacities, mentor, prospects, score, start } = graph.problem
  const load = new Int32Array(capacities.length)
  const a: Assignment = { mentor: new Int32Array(prospects).fill(-1), score: new Float64Array(prospects), km: new Float64Array(prospects) }
  for (let i = 0; i < prospects; i++) {
    for (let arc = start[i]!; arc < start[i + 1]!; arc++) {
      const j = mentor[arc]!
      if (load[j]! >= capacities[j]!) continue
      load[j] = load[j]! + 1
      a.mentor[i] = j
      a.score[i] = score[arc]!
      a.km[i] = graph.km[arc]!
      break
    }
  }
  return a
}

// Each prospect in turn scores every mentor and takes the best with a place left.
const greedyBrute = (prospects: ReadonlyArray<MentorProfile.Prospect>, mentors: ReadonlyArray<MentorProfile.Mentor>): Assignment => {
  const index = bruteIndex(prospects, mentors)
  const n = prospects.length
  const load = new Int32Array(index.m)
  const a: Assignment = { mentor: new Int32Array(n).fill(-1), score: new Float64Array(n), km: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    let best = -1
    let bestScore = -1
    for (let j = 0; j < index.m; j++) {
      if (load[j]! >= index.capacity[j]!) continue
      const s = index.score(i, j)
      if (s > bestScore) {
        best = j
        bestScore = s
      }
    }
    if (best < 0) continue
    load[best] = load[best]! + 1
    a.mentor[i] = best
    a.score[i] = bestScore
    a.km[i] = index.distance(i, best)
  }
  return a
}

interface Quality {
  readonly matched: number
  readonly unmatched: number
  readonly mean: number
  readonly p10: number
  readonly meanKm: number
}

const quality = (a: Assignment): Quality => {
  const scores: Array<number> = []
  let km = 0
  for (let i = 0; i < a.mentor.length; i++) {
    if (a.mentor[i]! < 0) continue
    scores.push(a.score[i]!)
    km += a.km[i]!
  }
  return {
    matched: scores.length,
    unmatched: a.mentor.length - scores.length,
    mean: scores.reduce((s, x) => s + x, 0) / scores.length,
    p10: quantile(scores, 0.1),
    meanKm: km / scores.length
  }
}

// Places never exceeded.
const capacityKept = (a: Assignment, capacities: ArrayLike<number>) => {
  const load = new Int32Array(capacities.length)
  for (const j of a.mentor) if (j >= 0) load[j] = load[j]! + 1
  return load.every((n, j) => n <= capacities[j]!)
}

// The size of a maximum matching of the candidate graph with capacities,
// found on its own: for each prospect a breadth-first search for an
// augmenting path (prospect → candidate mentor → a prospect on that mentor,
// who may move → …) ending at a mentor with a place left.
const maximumMatching = (problem: MatchingSolver.Problem): number => {
  const { capacities, mentor, prospects, start } = problem
  const m = capacities.length
  const load = new Int32Array(m)
  const onMentor: Array<Array<number>> = Array.from({ length: m }, () => [])
  const assigned = new Int32Array(prospects).fill(-1)
  const reachedBy = new Int32Array(m) // the prospect that reached a mentor
  const seenMentor = new Int32Array(m).fill(-1)
  const seenProspect = new Int32Array(prospects).fill(-1)
  let size = 0
  for (let r = 0; r < prospects; r++) {
    const queue = [r]
    seenProspect[r] = r
    let end = -1
    for (let q = 0; q < queue.length && end < 0; q++) {
      const i = queue[q]!
      for (let arc = start[i]!; arc < start[i + 1]!; arc++) {
        const j = mentor[arc]!
        if (seenMentor[j] === r || j === assigned[i]) continue
        seenMentor[j] = r
        reachedBy[j] = i
        if (load[j]! < capacities[j]!) {
          end = j
          break
        }
        for (const h of onMentor[j]!) {
          if (seenProspect[h] === r) continue
          seenProspect[h] = r
          queue.push(h)
        }
      }
    }
    if (end < 0) continue
    size++
    load[end] = load[end]! + 1
    // Walk back: the prospect that reached a mentor moves onto it and frees the one it was on.
    for (let j = end;;) {
      const i = reachedBy[j]!
      const from = assigned[i]!
      if (from >= 0) onMentor[from]!.splice(onMentor[from]!.indexOf(i), 1)
      onMentor[j]!.push(i)
      assigned[i] = j
      if (i === r) break
      j = from
    }
  }
  return size
}

// --- one instance --------------------------------------------------------------------------

interface Figures {
  readonly name: string
  readonly prospects: number
  readonly mentors: number
  readonly places: number
  readonly generateMs: number
  readonly candidatesMs: number
  readonly candidatesRuns: ReadonlyArray<number>
  readonly solveRuns: ReadonlyArray<number>
  readonly poolMs: number
  readonly bruteMs: number
  readonly solveMs: number
  readonly greedyMs: number
  readonly bruteGreedyMs: number
  readonly arcs: number
  readonly searched: number
  readonly withoutCandidate: number
  readonly maximum: number
  readonly exact: Quality
  readonly greedy: Quality
  readonly bruteGreedy: Quality
  readonly checks: {
    readonly capacities: boolean
    readonly arcs: boolean
    readonly identical: boolean
    readonly scoresChecked: number
    readonly scoresEqual: number
  }
}

const instance = (name: string, prospectCount: number, mentorCount: number, seed: number): Figures => {
  let start = performance.now()
  const generated = SyntheticMatching.generate({ prospects: prospectCount, mentors: mentorCount, seed })
  const prospects = SyntheticMatching.prospects(generated)
  const mentors = SyntheticMatching.mentors(generated)
  const generateMs = performance.now() - start
  const places = mentors.reduce((n, m) => n + m.capacity, 0)
  console.log(
    `${name}: ${fmt(prospectCount)} prospects, ${fmt(mentorCount)} mentors with ${fmt(places)} places (seed ${seed}), ` +
      `generated in ${ms(generateMs)}; timing…`
  )

  const candidates = timed(() => {
    const pool = MatchCandidates.pool(mentors, (m) => m.capacity)
    return { pool, graph: MatchCandidates.graph(prospects, pool, weights) }
  })
  const poolMs = timed(() => MatchCandidates.pool(mentors, (m) => m.capacity)).ms
  const { graph, pool } = candidates.result
  const brute = timed(() => bruteCandidates(prospects, mentors))
  const solve = timed(() => MatchingSolver.solve(graph.problem))
  const greedy = timed(() => greedyOnCandidates(graph))
  const bruteGreedy = timed(() => greedyBrute(prospects, mentors))

  // Checks.
  const { problem } = graph
  const exact = fromSolution(graph, solve.result)
  const capacities = capacityKept(exact, problem.capacities) && capacityKept(greedy.result, problem.capacities) &&
    capacityKept(bruteGreedy.result, problem.capacities)
  let arcs = true
  for (let i = 0; i < problem.prospects; i++) {
    const arc = solve.result.arc[i]!
    if (arc >= 0 && (arc < problem.start[i]! || arc >= problem.start[i + 1]!)) arcs = false
  }
  const b = brute.result
  const identical = b.start.length === problem.start.length && b.start.every((x, i) => x === problem.start[i]) &&
    b.mentor.length === problem.mentor.length && b.mentor.every((x, a) => x === problem.mentor[a]) &&
    b.score.every((x, a) => x === problem.score[a])
  let scoresChecked = 0
  let scoresEqual = 0
  for (let i = 0; i < prospects.length; i++) {
    const j = exact.mentor[i]!
    if (j < 0) continue
    scoresChecked++
    const mentor = pool.mentors[j]!
    const km = Either.getOrThrow(MunicipalityPoint.between(prospects[i]!.municipality, mentor.municipality))
    const scored = MatchScore.score(prospects[i]!, MatchScore.mentorSide(mentor), km, weights)
    if (Either.isRight(scored) && scored.right.score === exact.score[i] && km === exact.km[i]) scoresEqual++
  }

  start = performance.now()
  const maximum = maximumMatching(problem)
  const searched = searchedPairs(prospects, mentors)
  console.log(`  checked in ${ms(performance.now() - start)}`)
  return {
    name,
    prospects: prospectCount,
    mentors: mentorCount,
    places,
    generateMs,
    candidatesMs: candidates.ms,
    candidatesRuns: candidates.runs,
    solveRuns: solve.runs,
    poolMs,
    bruteMs: brute.ms,
    solveMs: solve.ms,
    greedyMs: greedy.ms,
    bruteGreedyMs: bruteGreedy.ms,
    arcs: problem.mentor.length,
    searched,
    withoutCandidate: graph.reasons.size,
    maximum,
    exact: quality(exact),
    greedy: quality(greedy.result),
    bruteGreedy: quality(bruteGreedy.result),
    checks: { capacities, arcs, identical, scoresChecked, scoresEqual }
  }
}

const table = (f: Figures) => {
  const row = (label: string, time: number, ratio: string, q?: Quality) =>
    console.log(
      `  ${label.padEnd(36)}${ms(time).padStart(10)}${ratio.padStart(8)}` +
        (q === undefined
          ? ""
          : `${fmt(q.matched).padStart(9)}${fmt(q.unmatched).padStart(11)}${q.mean.toFixed(4).padStart(12)}` +
            `${q.p10.toFixed(4).padStart(11)}${q.meanKm.toFixed(1).padStart(9)}`)
    )
  console.log("")
  console.log(
    `${f.name}: ${fmt(f.prospects)} prospects, ${fmt(f.mentors)} mentors (${fmt(f.places)} places); ` +
      `${fmt(f.arcs)} candidate arcs, ${fmt(f.withoutCandidate)} prospects without any candidate`
  )
  console.log(
    `  ${"".padEnd(36)}${"time".padStart(10)}${"ratio".padStart(8)}${"matched".padStart(9)}${"unmatched".padStart(11)}` +
      `${"mean score".padStart(12)}${"p10 score".padStart(11)}${"mean km".padStart(9)}`
  )
  row(`candidates: pool + graph (K = ${weights.candidates})`, f.candidatesMs, `${(f.candidatesMs / f.bruteMs).toFixed(3)}x`)
  row("  baseline: brute force, every pair", f.bruteMs, "1.000x")
  row("exact: MatchingSolver.solve", f.solveMs, "", f.exact)
  row("greedy on the candidate lists", f.greedyMs, "", f.greedy)
  row("greedy over every pair (brute force)", f.bruteGreedyMs, "", f.bruteGreedy)
  const pairs = f.prospects * f.mentors
  console.log(
    `  (timings: median of 3 after a warm-up; ratio: time / baseline, lower is better; scores over the matched prospects; ` +
      `pool alone ${ms(f.poolMs)}; the 3 runs of the candidates ${f.candidatesRuns.map(ms).join(" / ")}, ` +
      `of the solver ${f.solveRuns.map(ms).join(" / ")})`
  )
  console.log(
    `  the search scored ${fmt(f.searched / f.prospects)} mentors per prospect, ${((100 * f.searched) / pairs).toFixed(1)} % of ` +
      `the ${fmt(pairs)} pairs brute force scores: ${((f.candidatesMs * 1e6) / f.searched).toFixed(0)} ns per mentor scored, ` +
      `against ${((f.bruteMs * 1e6) / pairs).toFixed(0)} ns per pair in brute force`
  )
  const ok = (b: boolean) => (b ? "yes" : "NO")
  console.log(
    `  checks: capacities kept ${ok(f.checks.capacities)}; every match a candidate arc ${ok(f.checks.arcs)}; ` +
      `candidate lists identical to brute force ${ok(f.checks.identical)}; ` +
      `scores equal to MatchScore.score ${fmt(f.checks.scoresEqual)} of ${fmt(f.checks.scoresChecked)}; ` +
      `maximum matching of the candidate graph ${fmt(f.maximum)}, exact solver ${fmt(f.exact.matched)} ` +
      `${ok(f.maximum === f.exact.matched)}`
  )
}

// --- suggestions ---------------------------------------------------------------------------

const pureSearch = (seed: number, prospectCount: number, mentorCount: number) => {
  const generated = SyntheticMatching.generate({ prospects: prospectCount, mentors: mentorCount, seed })
  const prospects = SyntheticMatching.prospects(generated)
  const pool = MatchCandidates.pool(SyntheticMatching.mentors(generated), (m) => m.capacity)
  const random = SyntheticMatching.mulberry32(seed + 7)
  const chosen = Array.from({ length: 200 }, () => prospects[Math.floor(random() * prospects.length)]!)
  let sink = 0
  for (const p of chosen) sink += MatchCandidates.search(p, pool, weights, { limit: 5 }).candidates.length
  const times = chosen.map((p) => {
    const at = performance.now()
    sink += MatchCandidates.search(p, pool, weights, { limit: 5 }).candidates.length
    return performance.now() - at
  })
  if (sink < 0) console.log(sink)
  return { median: median(times), p95: quantile(times, 0.95), max: Math.max(...times) }
}

const throughService = (
  seed: number,
  prospectCount: number,
  mentorCount: number,
  storage: Layer.Layer<Layer.Layer.Success<typeof MemoryStorage.layer>, unknown> = MemoryStorage.layer
) =>
  Effect.gen(function*() {
    const generated = SyntheticMatching.generate({ prospects: prospectCount, mentors: mentorCount, seed })
    const mentoring = yield* Mentoring.Mentoring
    let at = performance.now()
    const mentorIds: Array<string> = []
    for (const input of generated.mentors) mentorIds.push((yield* mentoring.addMentor(input)).id)
    const ids: Array<string> = []
    for (const input of generated.prospects) ids.push((yield* mentoring.addProspect(input)).id)
    const loadMs = performance.now() - at
    const random = SyntheticMatching.mulberry32(seed + 11)
    const chosen = Array.from({ length: 50 }, () => ids[Math.floor(random() * ids.length)]!)
    // The first suggestion after start.
    at = performance.now()
    yield* mentoring.suggestions(chosen[0]!)
    const firstMs = performance.now() - at
    for (const id of chosen.slice(1, 5)) yield* mentoring.suggestions(id) // warm-up
    // Suggestions one after the other.
    const warm: Array<number> = []
    let found = 0
    for (const id of chosen) {
      at = performance.now()
      const s = yield* mentoring.suggestions(id)
      warm.push(performance.now() - at)
      if (Option.isSome(s.pick)) found++
    }
    // Right after a change to a mentor through the service (an empty update).
    const cold: Array<number> = []
    for (const [i, id] of chosen.slice(0, 20).entries()) {
      yield* mentoring.updateMentor(mentorIds[i * 97 % mentorIds.length]!, {})
      at = performance.now()
      yield* mentoring.suggestions(id)
      cold.push(performance.now() - at)
    }
    return {
      loadMs,
      firstMs,
      found,
      warm: { median: median(warm), p95: quantile(warm, 0.95) },
      cold: { median: median(cold), p95: quantile(cold, 0.95) }
    }
  }).pipe(
    Effect.provide(
      Mentoring.Mentoring.Default.pipe(
        Layer.provideMerge(storage),
        Layer.provideMerge(Entropy.layerSeeded(seed)),
        Layer.provideMerge(Geography.Geography.Default)
      )
    )
  )

// --- the run -------------------------------------------------------------------------------

export const run = async () => {
  const prospects = positive("BENCH_PROSPECTS", 3_000)
  const mentors = positive("BENCH_MENTORS", 20_000)
  const scarceMentors = positive("BENCH_SCARCE_MENTORS", 2_000)
  const seed = positive("BENCH_SEED", 2026)
  console.log(
    `matching: synthetic instances (src/SyntheticMatching.ts), weights ${weights.version} (K = ${weights.candidates}, ` +
      `reach ${weights.reachKm} km); BENCH_PROSPECTS, BENCH_MENTORS, BENCH_SCARCE_MENTORS, BENCH_SEED to change`
  )
  const national = instance("national", prospects, mentors, seed)
  const scarce = instance("scarce", prospects, scarceMentors, seed)
  console.log(`suggestions: 200 searches on the national pool, then the national instance through the service…`)
  const search = pureSearch(seed, prospects, mentors)
  const service = await Effect.runPromise(throughService(seed, prospects, mentors))
  console.log(`suggestions: the national instance through the service on a SQLite file…`)
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-matching-"))
  const onFile = await Effect.runPromise(
    Effect.scoped(throughService(seed, prospects, mentors, SqliteStorage.layer({ filename: Path.join(directory, "bench.sqlite") })))
  ).finally(() => Fs.rmSync(directory, { recursive: true, force: true }))

  table(national)
  table(scarce)

  console.log("")
  console.log("targets")
  const total = national.candidatesMs + national.solveMs
  console.log(
    `  national candidates + solve ≤ 1.0 s: ${ms(national.candidatesMs)} + ${ms(national.solveMs)} = ${ms(total)}: ${met(total <= 1_000)}`
  )
  const complete = scarce.maximum === scarce.prospects
  const zeroWhenPossible = scarce.exact.matched === scarce.maximum && (!complete || scarce.exact.unmatched === 0)
  console.log(
    `  scarce: 0 unmatched whenever the candidate graph allows a complete matching: complete matching possible ` +
      `${complete ? "yes" : `no (at most ${fmt(scarce.maximum)} of ${fmt(scarce.prospects)})`}; exact leaves ` +
      `${fmt(scarce.exact.unmatched)} unmatched (${fmt(scarce.withoutCandidate)} without any candidate): ${met(zeroWhenPossible)}; ` +
      `greedy leaves ${fmt(scarce.greedy.unmatched)} (on the candidate lists), ${fmt(scarce.bruteGreedy.unmatched)} (over every pair)`
  )
  console.log(
    `  suggestions for one prospect ≤ 50 ms:\n` +
      `    (a) MatchCandidates.search, best 5, 200 random prospects, national pool: median ${ms(search.median)}, ` +
      `p95 ${ms(search.p95)} (max ${ms(search.max)}): ${met(search.p95 <= 50)}\n` +
      `    (b) Mentoring.suggestions on MemoryStorage, ${fmt(prospects + mentors)} profiles (loaded through the service in ` +
      `${(service.loadMs / 1000).toFixed(1)} s):\n` +
      `        50 prospects (each reads the mentors within its reach and their open matches): median ${ms(service.warm.median)}, ` +
      `p95 ${ms(service.warm.p95)}: ${met(service.warm.p95 <= 50)}\n` +
      `        right after a change to a mentor, 20 prospects: median ${ms(service.cold.median)}, ` +
      `p95 ${ms(service.cold.p95)}: ${met(service.cold.p95 <= 50)}\n` +
      `        the first suggestion after start: ${ms(service.firstMs)}: ${met(service.firstMs <= 50)}\n` +
      `    (c) the same on a SQLite file (profiles signed up in ${(onFile.loadMs / 1000).toFixed(1)} s):\n` +
      `        50 prospects: median ${ms(onFile.warm.median)}, p95 ${ms(onFile.warm.p95)}: ${met(onFile.warm.p95 <= 50)}\n` +
      `        right after a change to a mentor, 20 prospects: median ${ms(onFile.cold.median)}, ` +
      `p95 ${ms(onFile.cold.p95)}: ${met(onFile.cold.p95 <= 50)}\n` +
      `        the first suggestion after start: ${ms(onFile.firstMs)}: ${met(onFile.firstMs <= 50)}`
  )
}
