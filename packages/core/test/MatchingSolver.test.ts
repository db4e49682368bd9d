import { describe, expect, it } from "@effect/vitest"
import { MatchingSolver } from "@pleegzorg/core"
import * as FastCheck from "effect/FastCheck"
import munkres from "munkres"

// A random small instance: some pairs are not candidates at all, scores in
// millionths, mentors with 0–3 places.
const instance = FastCheck.record({
  prospects: FastCheck.integer({ min: 1, max: 9 }),
  capacities: FastCheck.array(FastCheck.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 7 }),
  density: FastCheck.double({ min: 0.15, max: 1, noNaN: true }),
  seed: FastCheck.integer()
}).map(({ capacities, density, prospects, seed }) => {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const start = [0]
  const mentor: Array<number> = []
  const score: Array<number> = []
  for (let i = 0; i < prospects; i++) {
    for (let j = 0; j < capacities.length; j++) {
      if (random() < density) {
        mentor.push(j)
        // coarse scores make ties common, which is where solvers go wrong
        score.push(Math.floor(random() * 8) / 8)
      }
    }
    start.push(mentor.length)
  }
  return { prospects, capacities, start, mentor, score }
})

// The dense reference: every mentor copied once per place, plus one private
// "unmatched" column per prospect, solved by munkres.
const reference = (p: MatchingSolver.Problem) => {
  const columns: Array<number> = []
  for (let j = 0; j < p.capacities.length; j++) for (let k = 0; k < p.capacities[j]!; k++) columns.push(j)
  const unmatched = (p.prospects + 1) * MatchingSolver.SCALE
  const matrix = Array.from({ length: p.prospects }, (_, i) => {
    const row = [...columns.map(() => Infinity), ...Array.from({ length: p.prospects }, (_, k) => (k === i ? unmatched : Infinity))]
    for (let a = p.start[i]!; a < p.start[i + 1]!; a++) {
      const c = MatchingSolver.costOf(p.score[a]!)
      columns.forEach((j, col) => {
        if (j === p.mentor[a]) row[col] = Math.min(row[col]!, c)
      })
    }
    return row
  })
  let matched = 0
  let total = 0
  for (const [row, col] of munkres(matrix)) {
    if (col < columns.length) {
      matched++
      total += MatchingSolver.SCALE - matrix[row]![col]!
    }
  }
  return { matched, total }
}

const check = (p: MatchingSolver.Problem) => {
  const solution = MatchingSolver.solve(p)
  const load = new Array<number>(p.capacities.length).fill(0)
  let total = 0
  solution.arc.forEach((a, i) => {
    if (a < 0) return
    expect(a >= p.start[i]! && a < p.start[i + 1]!).toBe(true)
    load[p.mentor[a]!]!++
    total += MatchingSolver.SCALE - MatchingSolver.costOf(p.score[a]!)
  })
  load.forEach((l, j) => expect(l).toBeLessThanOrEqual(p.capacities[j]!))
  return { solution, matched: solution.matched, total }
}

describe("MatchingSolver", () => {
  it("equals the dense munkres optimum (most matched, then highest score) on 300 random small instances with capacities", () => {
    FastCheck.assert(
      FastCheck.property(instance, (p) => {
        const mine = check(p)
        const dense = reference(p)
        expect([mine.matched, mine.total]).toEqual([dense.matched, dense.total])
      }),
      { numRuns: 300, seed: 20261122 }
    )
  })

  it("moves an earlier prospect when that lets one more be matched, and prefers the better pair when only one fits", () => {
    // A can go to X or Y, B only to X: both matched, B on X even though A scores X higher.
    const both = MatchingSolver.solve({ prospects: 2, capacities: [1, 1], start: [0, 2, 3], mentor: [0, 1, 0], score: [0.9, 0.1, 0.2] })
    expect([both.matched, [...both.arc]]).toEqual([2, [1, 2]])
    // A and B only fit X, with room for one: B, who scores higher, gets it.
    const one = MatchingSolver.solve({ prospects: 2, capacities: [1], start: [0, 1, 2], mentor: [0, 0], score: [0.1, 0.9] })
    expect([one.matched, [...one.arc]]).toEqual([1, [-1, 1]])
  })

  it("gives the same result for the same input, ties to the lower index", () => {
    const p = { prospects: 3, capacities: [1, 1, 1], start: [0, 3, 6, 9], mentor: [0, 1, 2, 0, 1, 2, 0, 1, 2], score: Array(9).fill(0.5) }
    const first = MatchingSolver.solve(p)
    expect([...MatchingSolver.solve(p).arc]).toEqual([...first.arc])
    expect(first.matched).toBe(3)
  })

  it("refuses a malformed problem with what is wrong", () => {
    expect(MatchingSolver.problemOf({ prospects: 1, capacities: [1], start: [0, 1], mentor: [3], score: [0.5] })).toContain("names no mentor")
    expect(MatchingSolver.problemOf({ prospects: 1, capacities: [1], start: [0, 1], mentor: [0], score: [1.5] })).toContain("outside [0, 1]")
    expect(MatchingSolver.problemOf({ prospects: 1, capacities: [1.5], start: [0, 0], mentor: [], score: [] })).toContain("capacity")
    expect(() => MatchingSolver.solve({ prospects: 2, capacities: [1], start: [0, 1], mentor: [0], score: [0.5] })).toThrow(RangeError)
  })
})
