// Which unknowns of a linear system are determined by it: exact arithmetic
// over the rationals (BigInt fractions), because a rounding error here would
// be the difference between "protected" and "derivable".

interface Fraction {
  readonly n: bigint
  readonly d: bigint
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

const make = (n: bigint, d: bigint): Fraction => {
  if (n === 0n) return { n: 0n, d: 1n }
  const g = gcd(n, d)
  const sign = d < 0n ? -1n : 1n
  return { n: (sign * n) / g, d: (sign * d) / g }
}

const sub = (a: Fraction, b: Fraction): Fraction => make(a.n * b.d - b.n * a.d, a.d * b.d)
const mul = (a: Fraction, b: Fraction): Fraction => make(a.n * b.n, a.d * b.d)
const div = (a: Fraction, b: Fraction): Fraction => make(a.n * b.d, a.d * b.n)

/**
 * The unknowns (column indexes) whose value follows from the equations
 * `rows · x = constant`: those whose unit vector lies in the row space. In
 * the reduced row echelon form that is a pivot column whose row has no
 * other non-zero entry.
 *
 * @internal
 */
export const determined = (rows: ReadonlyArray<ReadonlyArray<number>>, unknowns: number): ReadonlySet<number> => {
  const m: Array<Array<Fraction>> = rows.map((row) => Array.from({ length: unknowns }, (_, j) => make(BigInt(row[j] ?? 0), 1n)))
  const pivots: Array<[row: number, column: number]> = []
  let r = 0
  for (let c = 0; c < unknowns && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]!.n !== 0n)
    if (p === -1) continue
    ;[m[r], m[p]] = [m[p]!, m[r]!]
    const pivot = m[r]![c]!
    m[r] = m[r]!.map((x) => div(x, pivot))
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i]![c]!.n === 0n) continue
      const factor = m[i]![c]!
      m[i] = m[i]!.map((x, j) => sub(x, mul(factor, m[r]![j]!)))
    }
    pivots.push([r, c])
    r++
  }
  const result = new Set<number>()
  for (const [row, column] of pivots) {
    if (m[row]!.every((x, j) => j === column || x.n === 0n)) result.add(column)
  }
  return result
}
