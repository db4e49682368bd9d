import { describe, expect, it } from "@effect/vitest"
import { Disclosure, DisclosurePolicy } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

const text = (s: string) => ({ nl: s, en: s })
const likert = (...counts: [number, number, number, number, number]): Disclosure.Answers => ({ _tag: "Likert", counts })
const run = (input: Disclosure.ReleaseInput, policy = DisclosurePolicy.standard) =>
  Either.getOrThrow(Disclosure.protect(input, policy))

// "all" and one part per entry, everyone answering one Likert question "q"
// (all agreeing or not does not matter here: everyone answers 4).
const oneWay = (parts: ReadonlyArray<readonly [string, number]>, extra: Partial<Disclosure.CellInput> = {}): Disclosure.ReleaseInput => {
  const total = parts.reduce((n, [, r]) => n + r, 0)
  const cells = [
    { key: "all", label: text("Iedereen"), breakdown: 0 as const, respondents: total, ...extra },
    ...parts.map(([key, respondents]) => ({ key, label: text(key), breakdown: 1 as const, respondents }))
  ]
  const spread = (n: number) => likert(0, Math.floor(n / 3), 0, n - Math.floor(n / 3), 0)
  return {
    cells,
    relations: [{ total: "all", parts: parts.map(([key]) => key) }],
    questions: [{ id: "q", label: text("Vraag"), cells: Object.fromEntries(cells.map((c) => [c.key, spread(c.respondents)])) }]
  }
}

const shownKeys = (release: Disclosure.ProtectedRelease) =>
  release.cells.filter((c) => c.respondents._tag === "Shown").map((c) => c.key)
const reasonOf = (release: Disclosure.ProtectedRelease, key: string) => {
  const cell = release.cells.find((c) => c.key === key)!
  return cell.respondents._tag === "Suppressed" ? cell.respondents.reason._tag : "Shown"
}

describe("DisclosurePolicy", () => {
  it("lowering a rule needs a reason and stops at its floor; the override is kept with the policy", () => {
    const refused = DisclosurePolicy.make([{ rule: "minGroup", value: 2, reason: "klein", decidedBy: "regio" }])
    expect(Either.isLeft(refused) && refused.left.problem.nl).toBe(
      "Het minimum aantal antwoorden per groep kan niet lager dan 3; je vroeg 2."
    )
    const noReason = DisclosurePolicy.make([{ rule: "overlap", value: 4, reason: " ", decidedBy: "regio" }])
    expect(Either.isLeft(noReason)).toBe(true)
    const policy = Either.getOrThrow(
      DisclosurePolicy.make([{ rule: "minGroup", value: 3, reason: "Vijf beleidsmakers uitgenodigd", decidedBy: "Regio JZ32" }])
    )
    expect(policy.minGroup).toBe(3)
    expect(policy.minCell).toBe(10)
    const release = run(oneWay([["a", 3], ["b", 3]]), policy)
    expect(shownKeys(release)).toEqual(["all", "a", "b"])
    expect(release.policy.overrides.map((o) => [o.rule, o.value, o.reason])).toEqual([["minGroup", 3, "Vijf beleidsmakers uitgenodigd"]])
    // the same table under the defaults
    expect(shownKeys(run(oneWay([["a", 3], ["b", 3]])))).toEqual(["all"])
  })
})

describe("Disclosure.protect", () => {
  it("a group of 4: no count, no figures, no response rate; the group is still listed, with a reason a participant understands", () => {
    const release = run(oneWay([["small", 4], ["big", 30]], {}))
    const small = release.cells.find((c) => c.key === "small")!
    expect(small.label.nl).toBe("small")
    expect(small.respondents._tag).toBe("Suppressed")
    expect(small.respondents._tag === "Suppressed" && small.respondents.reason.text.nl).toBe(
      "Minder dan 5 mensen uit deze groep vulden de vragenlijst in. Dan laten we geen cijfers zien, zodat niemand herkend kan worden."
    )
    // and "big" must go too, or all − big = small
    expect(reasonOf(release, "big")).toBe("ProtectsAnotherGroup")
    expect(release.questions[0]!.cells.filter((c) => c.figure._tag === "Shown").map((c) => c.key)).toEqual(["all"])
  })

  it("a total minus the visible parts: with parts 1, 6 and 9, both 1 and 6 are hidden, so the total gives only their sum (7)", () => {
    const release = run(oneWay([["a", 1], ["b", 6], ["c", 9]]))
    expect(reasonOf(release, "a")).toBe("TooFewRespondents")
    expect(reasonOf(release, "b")).toBe("ProtectsAnotherGroup")
    expect(shownKeys(release)).toEqual(["all", "c"])
  })

  it("Glint's examples under our defaults: teams 0, 0, 1, 350, 405, 425 hide the 350; teams 0, 0, 1, 3, 7, 10 hide 3 and 7", () => {
    const first = run(oneWay([["a", 0], ["b", 0], ["c", 1], ["d", 350], ["e", 405], ["f", 425]]))
    expect(shownKeys(first)).toEqual(["all", "e", "f"])
    const second = run(oneWay([["a", 0], ["b", 0], ["c", 1], ["d", 3], ["e", 7], ["f", 10]]))
    expect(shownKeys(second)).toEqual(["all", "f"])
    expect(reasonOf(second, "e")).toBe("ProtectsAnotherGroup")
  })

  it("a category nobody answered from is listed like any small one, and is not given away by the others", () => {
    const release = run(oneWay([["Heumen", 0], ["Nijmegen", 20], ["Wijchen", 12]]))
    expect(release.cells.map((c) => c.key)).toEqual(["all", "Heumen", "Nijmegen", "Wijchen"])
    expect(reasonOf(release, "Heumen")).toBe("TooFewRespondents")
    // all − Nijmegen − Wijchen would be 0: one of them is hidden as well
    expect(reasonOf(release, "Wijchen")).toBe("ProtectsAnotherGroup")
  })

  it("a two-way cell needs 10: cells of 5 to 9 are hidden, and enough others in their row and column to keep them hidden", () => {
    const rows = ["FosterParent", "CareWorker"]
    const columns = ["Nijmegen", "Wijchen", "Heumen"]
    const counts = [[12, 7, 11], [15, 10, 14]]
    const cells: Array<Disclosure.CellInput> = [{ key: "all", label: text("all"), breakdown: 0, respondents: 69 }]
    for (const [r, row] of rows.entries()) {
      cells.push({ key: row, label: text(row), breakdown: 1, respondents: counts[r]!.reduce((a, b) => a + b, 0) })
    }
    for (const [c, column] of columns.entries()) {
      cells.push({ key: column, label: text(column), breakdown: 1, respondents: counts[0]![c]! + counts[1]![c]! })
    }
    for (const [r, row] of rows.entries()) {
      for (const [c, column] of columns.entries()) {
        cells.push({ key: `${row}×${column}`, label: text(`${row} in ${column}`), breakdown: 2, respondents: counts[r]![c]! })
      }
    }
    const relations = [
      { total: "all", parts: rows },
      { total: "all", parts: columns },
      ...rows.map((row) => ({ total: row, parts: columns.map((c) => `${row}×${c}`) })),
      ...columns.map((column) => ({ total: column, parts: rows.map((r) => `${r}×${column}`) }))
    ]
    const release = run({ cells, relations, questions: [] })
    expect(reasonOf(release, "FosterParent×Wijchen")).toBe("TooFewRespondents")
    const hidden = release.cells.filter((c) => c.respondents._tag === "Suppressed").map((c) => c.key)
    // row FosterParent and column Wijchen each hide at least 10 together
    const weight = new Map(cells.map((c) => [c.key, c.respondents]))
    const hiddenIn = (keys: ReadonlyArray<string>) => keys.filter((k) => hidden.includes(k)).reduce((n, k) => n + weight.get(k)!, 0)
    expect(hiddenIn(columns.map((c) => `FosterParent×${c}`))).toBeGreaterThanOrEqual(10)
    expect(hiddenIn(rows.map((r) => `${r}×Wijchen`))).toBeGreaterThanOrEqual(10)
    expect(derivableByAttacker(cells, relations, hidden)).toEqual([])
  })

  it("a question some skipped: with 4 of 6 answering it, that question is hidden for the group and the group's other questions are not", () => {
    const cells: Array<Disclosure.CellInput> = [
      { key: "all", label: text("all"), breakdown: 0, respondents: 18 },
      { key: "parents", label: text("parents"), breakdown: 1, respondents: 6 },
      { key: "carers", label: text("carers"), breakdown: 1, respondents: 12 }
    ]
    const release = run({
      cells,
      relations: [{ total: "all", parts: ["parents", "carers"] }],
      questions: [
        { id: "skipped", label: text("skipped"), cells: { all: likert(1, 1, 4, 6, 4), parents: likert(1, 0, 1, 1, 1), carers: likert(0, 1, 3, 5, 3) } },
        { id: "full", label: text("full"), cells: { all: likert(2, 2, 4, 6, 4), parents: likert(1, 1, 1, 2, 1), carers: likert(1, 1, 3, 4, 3) } }
      ]
    })
    const figure = (q: number, key: string) => release.questions[q]!.cells.find((c) => c.key === key)!.figure
    expect(figure(0, "parents")._tag === "Suppressed" && figure(0, "parents")).toMatchObject({ reason: { _tag: "TooFewAnswers", minimum: 5 } })
    // otherwise all − carers would give the parents' answers to it
    expect(figure(0, "carers")).toMatchObject({ _tag: "Suppressed", reason: { _tag: "ProtectsAnotherGroup" } })
    expect(figure(0, "all")._tag).toBe("Shown")
    expect(figure(1, "parents")._tag).toBe("Shown")
    expect(figure(1, "carers")._tag).toBe("Shown")
  })

  it("a group of 6 that all disagree shows only '(nearly) everyone disagrees', without a mean, and is flagged", () => {
    const release = run({
      cells: [{ key: "pm", label: text("professionals"), breakdown: 1, respondents: 6 }],
      relations: [],
      questions: [{ id: "q", label: text("q"), cells: { pm: likert(4, 2, 0, 0, 0) } }]
    })
    expect(release.questions[0]!.cells[0]!.figure).toEqual({
      _tag: "Shown",
      value: { _tag: "Likert", answered: 6, mean: undefined, distribution: { _tag: "NearlyAll", band: "disagree" } }
    })
    expect(release.flags).toEqual([{ question: "q", cell: "pm" }])
  })

  it("figures are coarse: a mean to one decimal, bands below 20 answers, whole percentages from 20, no spread below 10", () => {
    const release = run({
      cells: [
        { key: "small", label: text("small"), breakdown: 1, respondents: 12 },
        { key: "large", label: text("large"), breakdown: 1, respondents: 21 }
      ],
      relations: [],
      questions: [
        { id: "likert", label: text("l"), cells: { small: likert(1, 2, 3, 4, 2), large: likert(1, 2, 3, 7, 8) } },
        { id: "number", label: text("n"), cells: { small: { _tag: "Number", values: [1, 2, 2, 3, 3, 3, 4, 4, 5] }, large: { _tag: "Number", values: Array.from({ length: 12 }, (_, i) => i) } } }
      ]
    })
    const value = (q: number, c: number) => {
      const f = release.questions[q]!.cells[c]!.figure
      return f._tag === "Shown" ? f.value : undefined
    }
    expect(value(0, 0)).toEqual({
      _tag: "Likert",
      answered: 12,
      mean: 3.3,
      distribution: { _tag: "Bands", percent: { disagree: 25, neutral: 25, agree: 50 } }
    })
    expect(value(0, 1)).toEqual({
      _tag: "Likert",
      answered: 21,
      mean: 3.9,
      distribution: { _tag: "Exact", percent: [5, 10, 14, 33, 38] }
    })
    expect(value(1, 0)).toEqual({ _tag: "Number", answered: 9, mean: 3, spread: undefined })
    expect(value(1, 1)).toEqual({ _tag: "Number", answered: 12, mean: 5.5, spread: { min: 0, median: 5.5, max: 11 } })
  })

  it("a response rate needs 5 invited and 5 respondents", () => {
    const release = run({
      cells: [
        { key: "foster", label: text("foster"), breakdown: 1, respondents: 20, invited: 40 },
        { key: "pm", label: text("pm"), breakdown: 1, respondents: 5, invited: 4 }
      ],
      relations: [],
      questions: []
    })
    expect(release.cells[0]!.responseRate).toEqual({ _tag: "Shown", value: 50 })
    expect(release.cells[1]!.responseRate?._tag === "Suppressed" && release.cells[1]!.responseRate.reason._tag).toBe("RateNotShown")
  })

  it("a malformed release is refused with what is wrong", () => {
    const refused = Disclosure.protect({ cells: [], relations: [{ total: "all", parts: ["a"] }], questions: [] }, DisclosurePolicy.standard)
    expect(Either.isLeft(refused) && refused.left.problem.en).toBe('A relation names the cell "all", which is not declared.')
    const negative = Disclosure.protect({ cells: [{ key: "a", label: text("a"), breakdown: 1, respondents: -1 }], relations: [], questions: [] }, DisclosurePolicy.standard)
    expect(Either.isLeft(negative)).toBe(true)
  })

  it("the CSV export holds the protected figures and reasons, nothing hidden", () => {
    const release = run(oneWay([["a", 1], ["b", 6], ["c", 9]]))
    const csv = Disclosure.toCsv(release)
    expect(csv.split("\n")[0]).toBe("question,cell,label,answered,value,detail,suppressed")
    const line = (question: string, cell: string) => csv.split("\n").find((l) => l.startsWith(`${question},${cell},`))!
    expect(line("", "c")).toBe(",c,c,9,,,")
    expect(line("", "b")).toContain("andere cijfers")
    expect(line("q", "b").split(",")[3]).toBe("")
    expect(Disclosure.isProtectedRelease(release)).toBe(true)
    expect(Disclosure.isProtectedRelease({ cells: [], questions: [] })).toBe(false)
  })
})

// An attacker's view, independent of the engine's exact elimination: with
// floating-point Gauss–Jordan on the published equations, which hidden cells
// have one value in every solution?
const derivableByAttacker = (
  cells: ReadonlyArray<Disclosure.CellInput>,
  relations: ReadonlyArray<Disclosure.Relation>,
  hidden: ReadonlyArray<string>
): Array<string> => {
  const index = new Map(hidden.map((k, i) => [k, i]))
  const rows = relations.map((r) => {
    const row = Array<number>(hidden.length).fill(0)
    if (index.has(r.total)) row[index.get(r.total)!]! += 1
    for (const p of r.parts) if (index.has(p)) row[index.get(p)!]! -= 1
    return row
  }).filter((row) => row.some((x) => x !== 0))
  const m = rows.map((r) => [...r])
  const pivots: Array<[number, number]> = []
  let r = 0
  for (let c = 0; c < hidden.length && r < m.length; c++) {
    let p = -1
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > 1e-9 && (p === -1 || Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!))) p = i
    if (p === -1) continue
    ;[m[r], m[p]] = [m[p]!, m[r]!]
    const pv = m[r]![c]!
    m[r] = m[r]!.map((x) => x / pv)
    for (let i = 0; i < m.length; i++) {
      if (i !== r) {
        const f = m[i]![c]!
        m[i] = m[i]!.map((x, j) => x - f * m[r]![j]!)
      }
    }
    pivots.push([r, c])
    r++
  }
  void cells
  return pivots.filter(([row, col]) => m[row]!.every((x, j) => j === col || Math.abs(x) < 1e-9)).map(([, col]) => hidden[col]!)
}

const Table = Schema.Struct({
  rows: Schema.Array(Schema.Int.pipe(Schema.between(0, 25))).pipe(Schema.itemsCount(3)),
  grid: Schema.Array(Schema.Array(Schema.Int.pipe(Schema.between(0, 25))).pipe(Schema.itemsCount(4))).pipe(Schema.itemsCount(3))
})

describe("Disclosure.protect, for any table", () => {
  it("no hidden cell can be derived from the published ones, and every set of parts of a published total hides 0 or at least the minimum", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Table), FastCheck.constantFrom(3, 4, 5, 7), ({ grid }, minGroup) => {
        const policy = Either.getOrThrow(DisclosurePolicy.make(minGroup === 5 ? [] : [{ rule: "minGroup", value: minGroup, reason: "test", decidedBy: "test" }]))
        const R = grid.length
        const C = grid[0]!.length
        const cells: Array<Disclosure.CellInput> = [
          { key: "all", label: text("all"), breakdown: 0, respondents: grid.flat().reduce((a, b) => a + b, 0) }
        ]
        for (let r = 0; r < R; r++) cells.push({ key: `r${r}`, label: text(`r${r}`), breakdown: 1, respondents: grid[r]!.reduce((a, b) => a + b, 0) })
        for (let c = 0; c < C; c++) cells.push({ key: `c${c}`, label: text(`c${c}`), breakdown: 1, respondents: grid.reduce((n, row) => n + row[c]!, 0) })
        for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) cells.push({ key: `r${r}c${c}`, label: text(""), breakdown: 2, respondents: grid[r]![c]! })
        const rowKeys = Array.from({ length: R }, (_, r) => `r${r}`)
        const colKeys = Array.from({ length: C }, (_, c) => `c${c}`)
        const relations = [
          { total: "all", parts: rowKeys },
          { total: "all", parts: colKeys },
          ...rowKeys.map((row) => ({ total: row, parts: colKeys.map((c) => `${row}${c}`) })),
          ...colKeys.map((col) => ({ total: col, parts: rowKeys.map((r) => `${r}${col}`) }))
        ]
        const release = run({ cells, relations, questions: [] }, policy)
        const hidden = release.cells.filter((c) => c.respondents._tag === "Suppressed").map((c) => c.key)
        const weight = new Map(cells.map((c) => [c.key, c.respondents]))
        const minOf = (key: string) => (key.includes("c") && key.startsWith("r") ? policy.minCell : policy.minGroup)
        for (const cell of cells) {
          if (cell.respondents < minOf(cell.key)) expect(hidden).toContain(cell.key)
        }
        for (const relation of relations.filter((r) => !hidden.includes(r.total))) {
          const sum = relation.parts.filter((p) => hidden.includes(p)).reduce((n, p) => n + weight.get(p)!, 0)
          expect(sum === 0 || sum >= Math.max(...relation.parts.map(minOf))).toBe(true)
        }
        expect(derivableByAttacker(cells, relations, hidden)).toEqual([])
      }),
      { numRuns: 300 }
    )
  })
})
