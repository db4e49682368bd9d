/**
 * The exact solver behind mentor matching: over a sparse graph of candidate
 * pairs (prospect → mentor, each with a score in [0, 1]) and a capacity per
 * mentor, it finds the assignment that first matches as many prospects as
 * possible and then has the highest total score. Capacities are never
 * exceeded.
 *
 * It is a min-cost flow solved by successive shortest paths, one prospect
 * at a time (the Jonker–Volgenant scheme with capacities): each prospect
 * gets a private "unmatched" arc whose cost is higher than any total of
 * real arcs, and Dijkstra with node potentials finds the cheapest way to
 * fit it in, moving earlier prospects along alternating paths when that is
 * better. Dijkstra stops at the first mentor with room, so when mentors are
 * plentiful each prospect costs a few steps.
 *
 * Scores are compared as integers (millionths), so equal scores are equal
 * and the result is the same for the same input: ties go to the lower
 * index (give prospects and mentors in a stable order, such as by id).
 *
 * @since 0.4.0
 */

/**
 * A problem: `prospects` rows, `capacities.length` mentor columns, and for
 * prospect `i` the candidate arcs `start[i]` up to `start[i + 1]` of
 * `mentor` and `score`.
 *
 * @since 0.4.0
 * @category models
 */
export interface Problem {
  readonly prospects: number
  readonly capacities: ArrayLike<number>
  readonly start: ArrayLike<number>
  readonly mentor: ArrayLike<number>
  readonly score: ArrayLike<number>
}

/**
 * The assignment: per prospect the arc it uses (an index into `mentor` and
 * `score`), or −1 when it stays unmatched; how many are matched, and the
 * total score.
 *
 * @since 0.4.0
 * @category models
 */
export interface Solution {
  readonly arc: Int32Array
  readonly matched: number
  readonly totalScore: number
}

/**
 * The score scale: scores are rounded to millionths.
 *
 * @since 0.4.0
 * @category constants
 */
export const SCALE = 1_000_000

/**
 * The integer cost of a score: lower is better.
 *
 * @since 0.4.0
 * @category constants
 */
export const costOf = (score: number): number => SCALE - Math.round(Math.min(1, Math.max(0, score)) * SCALE)

// A binary heap of (distance, node), ties by node: deterministic order.
class Heap {
  private keys = new Float64Array(1024)
  private nodes = new Int32Array(1024)
  size = 0

  clear() {
    this.size = 0
  }

  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const nodes = new Int32Array(this.size * 2)
      nodes.set(this.nodes)
      this.nodes = nodes
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pk = this.keys[parent]!
      if (pk < key || (pk === key && this.nodes[parent]! <= node)) break
      this.keys[i] = pk
      this.nodes[i] = this.nodes[parent]!
      i = parent
    }
    this.keys[i] = key
    this.nodes[i] = node
  }

  // Removes the smallest; read `topKey`/`topNode` before.
  pop() {
    const last = --this.size
    const key = this.keys[last]!
    const node = this.nodes[last]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= last) break
      const right = child + 1
      if (
        right < last &&
        (this.keys[right]! < this.keys[child]! || (this.keys[right] === this.keys[child] && this.nodes[right]! < this.nodes[child]!))
      ) child = right
      const ck = this.keys[child]!
      if (key < ck || (key === ck && node <= this.nodes[child]!)) break
      this.keys[i] = ck
      this.nodes[i] = this.nodes[child]!
      i = child
    }
    this.keys[i] = key
    this.nodes[i] = node
  }

  get topKey() {
    return this.keys[0]!
  }

  get topNode() {
    return this.nodes[0]!
  }
}

/**
 * Checks that a problem is well formed: arcs in range, scores in [0, 1],
 * capacities whole and not negative. Returns the first problem, in words.
 *
 * @since 0.4.0
 * @category validation
 */
export const problemOf = (problem: Problem): string | undefined => {
  const { capacities, mentor, prospects, score, start } = problem
  if (!Number.isInteger(prospects) || prospects < 0) return "prospects must be a whole number ≥ 0"
  if (start.length !== prospects + 1 || start[0] !== 0) return "start must have prospects + 1 entries, from 0"
  for (let i = 0; i < prospects; i++) if (start[i + 1]! < start[i]!) return `start must not decrease (prospect ${i})`
  if (start[prospects] !== mentor.length || mentor.length !== score.length) return "start, mentor and score do not fit together"
  for (let j = 0; j < capacities.length; j++) {
    if (!Number.isInteger(capacities[j]) || capacities[j]! < 0) return `capacity of mentor ${j} must be a whole number ≥ 0`
  }
  for (let a = 0; a < mentor.length; a++) {
    if (!Number.isInteger(mentor[a]) || mentor[a]! < 0 || mentor[a]! >= capacities.length) return `arc ${a} names no mentor`
    if (!(score[a]! >= 0 && score[a]! <= 1)) return `arc ${a} has a score outside [0, 1]`
  }
  return undefined
}

/**
 * Solves a problem exactly (see the module). Throws on a malformed problem
 * (check with {@link problemOf} first when the input comes from outside).
 *
 * @since 0.4.0
 * @category solving
 */
export const solve = (problem: Problem): Solution => {
  const wrong = problemOf(problem)
  if (wrong !== undefined) throw new RangeError(`MatchingSolver: ${wrong}`)
  const n = problem.prospects
  const m = problem.capacities.length
  const { mentor, start } = problem
  const cost = Float64Array.from(problem.score as ArrayLike<number>, costOf)
  // Higher than any total of real arcs: one more matched prospect always wins.
  const unmatchedCost = (n + 1) * SCALE

  // Nodes: prospects [0, n), mentors [n, n + m), each prospect's "unmatched" [n + m, 2n + m).
  const total = 2 * n + m
  const potential = new Float64Array(total)
  const distance = new Float64Array(total)
  const seen = new Int32Array(total).fill(-1) // the round in which `distance` was set
  const settledIn = new Int32Array(total).fill(-1)
  const via = new Int32Array(total) // mentor: the arc it was reached by; prospect: the mentor it came from
  const arcOf = new Int32Array(n).fill(-1) // the arc a prospect uses, −1 none
  const unmatched = new Uint8Array(n)
  const load = new Int32Array(m)
  // The prospects on each mentor, as arcs (a mentor takes only a few).
  const holders: Array<Array<number>> = Array.from({ length: m }, () => [])
  const heap = new Heap()
  const settled: Array<number> = []
  const capacity = problem.capacities
  const owner = new Int32Array(mentor.length)
  for (let i = 0; i < n; i++) owner.fill(i, start[i]!, start[i + 1]!)
  const prospectOfArc = (a: number) => owner[a]!

  for (let r = 0; r < n; r++) {
    heap.clear()
    settled.length = 0
    distance[r] = 0
    seen[r] = r
    heap.push(0, r)
    let end = -1
    let reach = 0
    while (heap.size > 0) {
      const d = heap.topKey
      const v = heap.topNode
      heap.pop()
      if (settledIn[v] === r || d > distance[v]!) continue
      settledIn[v] = r
      settled.push(v)
      if (v >= n + m) {
        end = v
        reach = d
        break
      }
      if (v >= n) {
        const j = v - n
        if (load[j]! < capacity[j]!) {
          end = v
          reach = d
          break
        }
        // Full: one of its prospects may move on (the reverse arc, cost −c).
        for (const a of holders[j]!) {
          const i = prospectOfArc(a)
          if (settledIn[i] === r) continue
          const next = d - cost[a]! + potential[v]! - potential[i]!
          if (seen[i] !== r || next < distance[i]!) {
            distance[i] = next
            seen[i] = r
            via[i] = v
            heap.push(next, i)
          }
        }
        continue
      }
      // A prospect: to every candidate mentor but the one it is on, or to "unmatched".
      const i = v
      for (let a = start[i]!; a < start[i + 1]!; a++) {
        if (a === arcOf[i]) continue
        const w = n + mentor[a]!
        if (settledIn[w] === r) continue
        const next = d + cost[a]! + potential[i]! - potential[w]!
        if (seen[w] !== r || next < distance[w]!) {
          distance[w] = next
          seen[w] = r
          via[w] = a
          heap.push(next, w)
        }
      }
      if (unmatched[i] === 0) {
        const w = n + m + i
        const next = d + unmatchedCost + potential[i]! - potential[w]!
        if (seen[w] !== r || next < distance[w]!) {
          distance[w] = next
          seen[w] = r
          heap.push(next, w)
        }
      }
    }
    // Potentials of the settled nodes move by how much closer they were than
    // the end; reduced costs stay ≥ 0 and the path just found becomes tight.
    for (const u of settled) potential[u] = potential[u]! + distance[u]! - reach

    // Augment: walk back from the end, moving each prospect on the path.
    let previousMentor: number
    if (end >= n + m) {
      const i = end - n - m
      previousMentor = arcOf[i]! < 0 ? -1 : mentor[arcOf[i]!]!
      if (previousMentor >= 0) remove(holders[previousMentor]!, arcOf[i]!)
      arcOf[i] = -1
      unmatched[i] = 1
      if (i === r) continue
    } else {
      previousMentor = end - n
      load[previousMentor] = load[previousMentor]! + 1
    }
    // `previousMentor` has a place free: the prospect that reached it takes it.
    for (;;) {
      const a = via[n + previousMentor]!
      const i = prospectOfArc(a)
      const left = arcOf[i]! < 0 ? -1 : mentor[arcOf[i]!]!
      if (left >= 0) remove(holders[left]!, arcOf[i]!)
      arcOf[i] = a
      holders[previousMentor]!.push(a)
      if (i === r) break
      previousMentor = left
    }
  }

  let matched = 0
  let totalScore = 0
  for (let i = 0; i < n; i++) {
    if (arcOf[i]! >= 0) {
      matched++
      totalScore += problem.score[arcOf[i]!]!
    }
  }
  return { arc: arcOf, matched, totalScore }
}

const remove = (list: Array<number>, value: number) => {
  const at = list.indexOf(value)
  if (at >= 0) list.splice(at, 1)
}
