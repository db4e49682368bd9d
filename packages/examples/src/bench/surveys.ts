/**
 * `pnpm bench surveys`: a national survey on one SQLite file, each figure
 * with its ratio to a baseline measured in the same run.
 *
 * The data set is synthetic and seeded: the 42 regions of
 * `Geography.nl2024()`, one track and one survey per region, a
 * questionnaire of 10 Likert statements for every audience, and
 * `BENCH_ANSWERS` answers (default 1,000,000), spread over the regions by
 * their number of municipalities, over the audiences (half foster families,
 * 15% parents, a quarter care workers, 10% policy makers) and over each
 * region's municipalities. One in 25 statements is left unanswered.
 *
 * 1. Storing the answers in bulk through `AnswerRepository.insertMany`,
 *    `BENCH_BATCH` (default 10,000) per call, against better-sqlite3 running
 *    a prepared INSERT per row into the same `answers` table of a second
 *    file made by the same migrations, one transaction per batch. Both sides
 *    get the same rows, built before the clock starts (the baseline gets the
 *    JSON text too, and its rows sorted by id, its best order); batches
 *    alternate which side goes first, so that both see a table of the same
 *    size in the same state of the page cache. `insertMany` is called on
 *    its own, not inside `Transactor.withTransaction`: it is a transaction
 *    of its own already (one per call, as the baseline's), and an outer one
 *    would only turn it into a savepoint (measured: no difference).
 * 2. The start report of one region (`Rijk van Nijmegen`, JZ32), whose
 *    answers are stored first: after its answers the survey is closed, and
 *    `Surveys.report` is timed (median of `BENCH_REPORT_RUNS`, default 15)
 *    at 10% and at 100% of the national answers. The region's answers are
 *    the same both times, so the ratio shows whether a report grows with
 *    the country. The region's invitations are there as well (a few through
 *    `Surveys.invite`, which decides the report groups, the rest straight
 *    into the repository, some 70% of them used), so that the report has
 *    its response rates.
 * 3. Rebuilding every survey's counts from the stored answers
 *    (`SqlStorage.rebuildCounts`) against SQLite aggregating the same rows
 *    itself (`GROUP BY` over `json_each`, through better-sqlite3), on the
 *    same file. Then the heap during a rebuild, at two numbers of answers
 *    with (nearly) the same cells: once every region has answers stored
 *    (after a quarter of the country at the earliest; the batches go round
 *    the regions, so at 1,000,000 that is some 40%), and at 100%.
 */
import { SqliteStorage } from "@pleegzorg/sqlite"
import { SqlStorage } from "@pleegzorg/sql"
import {
  Entropy,
  Geography,
  type Municipality,
  StartReport,
  Survey,
  SurveyAnswer,
  SurveyInvitation,
  Surveys,
  SurveyStorage,
  Tracks
} from "@pleegzorg/core"
import Sqlite from "better-sqlite3"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scheduler from "effect/Scheduler"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as V8 from "node:v8"
import * as Vm from "node:vm"
import { openTrackInput } from "./tracks-fixture.js"

const fmt = (n: number) => Math.round(n).toLocaleString("en-US")
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : fmt(n)} ms`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return n
}

const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

// --- the data set ----------------------------------------------------------------------

const benchedRegion = "JZ32"
const seed = 2024

// splitmix32, as core's seeded entropy: repeatable from the seed.
const makeRandom = (from: number) => {
  let state = from >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296
  }
}

const statements = Array.from({ length: 10 }, (_, i) => `stelling-${String(i + 1).padStart(2, "0")}`)

const questionnaires = Survey.audiences.map((audience) =>
  new Survey.Questionnaire({
    audience,
    introduction: { nl: "Tien stellingen over pleegzorg in je regio.", en: "Ten statements on foster care in your region." },
    questions: statements.map((id, i) =>
      new Survey.Likert({ id, text: { nl: `Stelling ${i + 1}`, en: `Statement ${i + 1}` }, required: false })
    )
  })
)

// Of every 20 answers: 10 foster families, 3 parents, 5 care workers, 2 policy makers.
const audienceOf = (k: number): Survey.Audience => {
  const r = k % 20
  return r < 10 ? "FosterFamily" : r < 13 ? "Parent" : r < 18 ? "CareWorker" : "PolicyMaker"
}
const answersPerAudience = (answers: number, audience: Survey.Audience) => {
  let perCycle = 0
  for (let k = 0; k < 20; k++) if (audienceOf(k) === audience) perCycle++
  let rest = 0
  for (let k = answers - (answers % 20); k < answers; k++) if (audienceOf(k) === audience) rest++
  return Math.floor(answers / 20) * perCycle + rest
}

interface RegionPlan {
  readonly code: string
  readonly name: string
  readonly municipalities: ReadonlyArray<Municipality.MunicipalityCode>
  readonly answers: number
}

interface StoredRegion extends RegionPlan {
  readonly surveyId: Survey.SurveyId
}

// Answers per region in proportion to its number of municipalities (largest
// remainders), the benched region first.
const planRegions = (total: number): ReadonlyArray<RegionPlan> => {
  const nl = Geography.nl2024()
  const regions = nl.regions.map((region) => ({
    code: region.code,
    name: region.displayName ?? region.name,
    municipalities: Either.getOrThrow(nl.municipalitiesOf(region.code)).map((m) => m.code)
  }))
  const weight = regions.reduce((n, r) => n + r.municipalities.length, 0)
  const exact = regions.map((r) => (total * r.municipalities.length) / weight)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  for (const i of exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i)) {
    if (left-- <= 0) break
    counts[i]! += 1
  }
  const planned = regions.map((r, i) => ({ ...r, answers: counts[i]! }))
  return [...planned.filter((r) => r.code === benchedRegion), ...planned.filter((r) => r.code !== benchedRegion)]
}

type RawRow = readonly [string, string, string, string, string]

interface Batch {
  readonly answers: ReadonlyArray<SurveyAnswer.Answer>
  // The same rows for the baseline, sorted by id, the JSON already made.
  readonly rows: ReadonlyArray<RawRow>
}

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

// The answers in batches of `size` (or a region's last few), each batch of
// one region, as a region imports its own: first all of the benched
// region's, then the other regions' in turn, a batch each, so that after
// the first round every region has answers stored, and (nearly) every cell
// of the counts is there.
function* batchesOf(regions: ReadonlyArray<StoredRegion>, size: number): Generator<Batch> {
  const random = makeRandom(seed)
  const id = () => {
    let s = "ans_"
    for (let i = 0; i < 20; i++) s += alphabet[Math.floor(random() * 36)]
    return SurveyAnswer.AnswerId.make(s)
  }
  const made = regions.map(() => 0)
  const take = (r: number): Batch => {
    const region = regions[r]!
    // Each region and statement leans its own way.
    const lean = statements.map((_, q) => 0.6 + ((r * 7 + q * 3) % 10) / 10)
    const answers: Array<SurveyAnswer.Answer> = []
    for (let k = made[r]!; k < Math.min(region.answers, made[r]! + size); k++) {
      const values: Record<string, number> = {}
      for (const [q, statement] of statements.entries()) {
        if (random() < 0.04) continue
        values[statement] = 1 + Math.min(4, Math.floor(5 * Math.pow(random(), lean[q]!)))
      }
      answers.push(
        new SurveyAnswer.Answer({
          id: id(),
          surveyId: region.surveyId,
          group: audienceOf(k),
          municipality: Option.some(region.municipalities[Math.floor(random() * region.municipalities.length)]!),
          values
        }, true)
      )
    }
    made[r] = made[r]! + answers.length
    return batchOf(answers)
  }
  while (made[0]! < regions[0]!.answers) yield take(0)
  for (let left = true; left;) {
    left = false
    for (let r = 1; r < regions.length; r++) {
      if (made[r]! >= regions[r]!.answers) continue
      yield take(r)
      left = true
    }
  }
}

const batchOf = (answers: ReadonlyArray<SurveyAnswer.Answer>): Batch => ({
  answers,
  rows: answers
    .map((a): RawRow => [a.id, a.surveyId, a.group, Option.getOrElse(a.municipality, () => ""), JSON.stringify(a.values)])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
})

// --- the service side -------------------------------------------------------------------

const services = (filename: string, entropySeed: number) =>
  Layer.mergeAll(Tracks.Tracks.Default, Surveys.Surveys.Default).pipe(
    Layer.provideMerge(SqliteStorage.layer({ filename })),
    Layer.provideMerge(Entropy.layerSeeded(entropySeed)),
    Layer.provideMerge(Geography.Geography.Default)
  )

// A track and an open survey per region; the benched region's invitations.
const setUp = (plan: ReadonlyArray<RegionPlan>) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const surveys = yield* Surveys.Surveys
    const stored: Array<StoredRegion> = []
    for (const region of plan) {
      const track = yield* tracks.createFromTemplate({ ...openTrackInput, region: region.code })
      const survey = yield* surveys.create({ trackId: track.id, questionnaires })
      yield* surveys.open(survey.id)
      stored.push({ ...region, surveyId: survey.id })
    }
    const benched = stored[0]!
    // Ten per audience through the service, which decides the report groups
    // (every audience its own); the rest straight into the repository, so
    // that some 70% of the invited answered.
    const { invited: throughService } = yield* surveys.invite(
      benched.surveyId,
      Survey.audiences.flatMap((audience) =>
        Array.from({ length: 10 }, (_, i) => ({
          email: `${audience.toLowerCase()}.${i}@example.org`,
          audience,
          municipality: benched.municipalities[i % benched.municipalities.length]!
        }))
      )
    )
    const invitations: Array<SurveyInvitation.Invitation> = []
    for (const audience of Survey.audiences) {
      const answered = answersPerAudience(benched.answers, audience)
      for (let i = 10; i < Math.ceil(answered / 0.7); i++) {
        invitations.push(
          new SurveyInvitation.Invitation({
            id: SurveyInvitation.InvitationId.make(yield* Entropy.makeId("inv")),
            surveyId: benched.surveyId,
            audience,
            municipality: Option.some(benched.municipalities[i % benched.municipalities.length]!),
            contact: Option.none(),
            used: i < answered,
            reminders: 0
          })
        )
      }
    }
    yield* (yield* SurveyStorage.InvitationRepository).insert(invitations)
    return { regions: stored, invited: throughService + invitations.length }
  })

// --- memory ----------------------------------------------------------------------------

// `gc()` for this process, made available the first time it is needed.
let gc: (() => void) | undefined
const collect = () => {
  if (gc === undefined) {
    V8.setFlagsFromString("--expose-gc")
    gc = Vm.runInNewContext("gc")
  }
  gc!()
}

interface Memory {
  readonly answers: number
  readonly cells: number
  // Above the collected heap before the rebuild: the most live data seen
  // while it ran (the heap collected first, every 100 ms), and the
  // most heap in use at all (live data and garbage not yet collected).
  readonly live: number
  readonly used: number
}

// Rebuilds the counts on a scheduler that looks at the heap every 64 steps
// of the fiber (an Effect program yields to timers rarely, so a timer would
// miss most of the run), collecting it first every 100 ms. Only for the
// memory: the collections cost time.
const rebuildMemory = Effect.suspend(() => {
  collect()
  const before = process.memoryUsage().heapUsed
  let live = before
  let used = before
  let steps = 0
  let collected = performance.now()
  const look = () => {
    used = Math.max(used, process.memoryUsage().heapUsed)
    if (performance.now() - collected < 100) return
    collect()
    live = Math.max(live, process.memoryUsage().heapUsed)
    collected = performance.now()
  }
  const scheduler: Scheduler.Scheduler = {
    shouldYield: (fiber) => {
      if ((++steps & 63) === 0) look()
      return Scheduler.defaultScheduler.shouldYield(fiber)
    },
    scheduleTask: (task, priority, fiber) => Scheduler.defaultScheduler.scheduleTask(task, priority, fiber)
  }
  return Effect.withScheduler(SqlStorage.rebuildCounts(), scheduler).pipe(
    Effect.map((rebuilt): Memory => {
      look()
      return { answers: rebuilt.answers, cells: rebuilt.counts, live: live - before, used: used - before }
    })
  )
})

// --- the run ---------------------------------------------------------------------------

// Writes the files' dirty pages to disk and waits for it, so that the
// kernel writing back what was just stored does not compete with what is
// timed next.
const settle = (...files: ReadonlyArray<string>) =>
  Effect.sync(() => {
    for (const file of files.flatMap((f) => [f, `${f}-wal`])) {
      if (!Fs.existsSync(file)) continue
      const fd = Fs.openSync(file, "r")
      try {
        Fs.fsyncSync(fd)
      } finally {
        Fs.closeSync(fd)
      }
    }
  })

interface ReportTimes {
  readonly answers: number
  readonly report: number
  readonly html: number
  readonly shown: number
}

const timeReport = (surveyId: Survey.SurveyId, runs: number, national: number) =>
  Effect.gen(function*() {
    const surveys = yield* Surveys.Surveys
    // The first report records the release; the ones after find it recorded.
    let data = yield* surveys.report(surveyId)
    const report: Array<number> = []
    const html: Array<number> = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      data = yield* surveys.report(surveyId)
      report.push(performance.now() - start)
      const at = performance.now()
      StartReport.toHtml(data)
      html.push(performance.now() - at)
    }
    const shown = data.release.cells.filter((c) => c.respondents._tag === "Shown").length
    return { answers: national, report: median(report), html: median(html), shown } satisfies ReportTimes
  })

interface Figures {
  readonly total: number
  readonly regionAnswers: number
  readonly regionMunicipalities: number
  readonly insertMs: number
  readonly rawInsertMs: number
  readonly reports: readonly [ReportTimes, ReportTimes]
  readonly rebuild: { readonly ms: number; readonly answers: number; readonly cells: number }
  readonly memory: readonly [Memory, Memory]
  readonly groupByMs: number
  readonly groupByRows: number
  readonly mismatches: number
}

const measure = (directory: string, total: number, batchSize: number, reportRuns: number) =>
  Effect.gen(function*() {
    const serviceFile = Path.join(directory, "service.sqlite")
    const rawFile = Path.join(directory, "raw.sqlite")
    const plan = planRegions(total)

    let start = performance.now()
    const { invited, regions } = yield* setUp(plan).pipe(Effect.provide(services(serviceFile, seed)))
    // The baseline's file: the same migrations, tracks and surveys (closing
    // the layer checkpointed the WAL into the file).
    Fs.copyFileSync(serviceFile, rawFile)
    const benched = regions[0]!
    console.log(
      `set up in ${seconds(start)}: ${regions.length} regions, tracks and open surveys; ${benched.name} (${benched.code}): ` +
        `${fmt(benched.answers)} answers to come over ${benched.municipalities.length} municipalities, ${fmt(invited)} invited`
    )

    return yield* Effect.gen(function*() {
      const repo = yield* SurveyStorage.AnswerRepository
      const surveys = yield* Surveys.Surveys
      const raw = new Sqlite(rawFile)
      // As SqliteStorage opens its file.
      raw.pragma("journal_mode = WAL")
      raw.pragma("busy_timeout = 5000")
      raw.pragma("foreign_keys = ON")
      raw.pragma("secure_delete = ON")
      const begin = raw.prepare("BEGIN")
      const commit = raw.prepare("COMMIT")
      const insert = raw.prepare<[string, string, string, string, string]>(
        "INSERT INTO answers (id, survey_id, grp, municipality, answer_values) VALUES (?, ?, ?, ?, ?)"
      )
      const rawBatch = (rows: ReadonlyArray<RawRow>) => {
        const at = performance.now()
        begin.run()
        for (const row of rows) insert.run(...row)
        commit.run()
        return performance.now() - at
      }

      let stored = 0
      let insertMs = 0
      let rawInsertMs = 0
      let closed = false
      const regionsStored = new Set<string>()
      const reports: Array<ReportTimes> = []
      const memory: Array<Memory> = []
      const report = Effect.gen(function*() {
        yield* settle(serviceFile, rawFile)
        const times = yield* timeReport(benched.surveyId, reportRuns, stored)
        reports.push(times)
        console.log(
          `  report of ${benched.code} with ${fmt(stored)} answers in the country: ${ms(times.report)} (median of ${reportRuns}), ` +
            `toHtml ${ms(times.html)}`
        )
      })
      const rebuildForMemory = Effect.gen(function*() {
        const seen = yield* rebuildMemory
        memory.push(seen)
        console.log(
          `  rebuilt every count from ${fmt(seen.answers)} answers (${fmt(seen.cells)} cells), watching the heap: ` +
            `live data +${mb(seen.live)} at most, heap in use +${mb(seen.used)} at most`
        )
      })

      start = performance.now()
      let index = 0
      let nextProgress = 0.1
      for (const batch of batchesOf(regions, batchSize)) {
        // Alternately first, so that neither side always finds the other's pages in the cache.
        const ours = Effect.gen(function*() {
          const at = performance.now()
          yield* repo.insertMany(batch.answers)
          insertMs += performance.now() - at
        })
        const theirs = Effect.sync(() => {
          rawInsertMs += rawBatch(batch.rows)
        })
        yield* index++ % 2 === 0 ? Effect.zipRight(ours, theirs) : Effect.zipRight(theirs, ours)
        stored += batch.answers.length
        if (stored >= nextProgress * total - 0.5) {
          console.log(
            `stored ${fmt(stored)} of ${fmt(total)} answers (${seconds(start)}): insertMany ${fmt((stored / insertMs) * 1000)}/s, ` +
              `baseline ${fmt((stored / rawInsertMs) * 1000)}/s`
          )
          while (stored >= nextProgress * total - 0.5) nextProgress += 0.1
        }
        if (!closed && stored >= benched.answers) {
          yield* surveys.close(benched.surveyId)
          closed = true
        }
        if (reports.length === 0 && closed && stored >= total * 0.1) yield* report
        regionsStored.add(batch.answers[0]!.surveyId)
        if (memory.length === 0 && stored >= total * 0.25 && regionsStored.size === regions.length) yield* rebuildForMemory
      }
      raw.close()
      if (reports.length === 0) yield* report
      if (memory.length === 0) yield* rebuildForMemory
      yield* report

      // The rebuild timed on its own, then SQLite aggregating the same rows
      // itself on the same file, then the rebuild again watching the heap.
      yield* settle(serviceFile, rawFile)
      const at = performance.now()
      const rebuilt = yield* SqlStorage.rebuildCounts()
      const rebuild = { ms: performance.now() - at, answers: rebuilt.answers, cells: rebuilt.counts }
      console.log(`  rebuilt every count from ${fmt(rebuild.answers)} answers in ${ms(rebuild.ms)}: ${fmt(rebuild.cells)} cells`)
      yield* settle(serviceFile)
      const reader = new Sqlite(serviceFile, { readonly: true })
      let groupByMs = 0
      let groupByRows = 0
      try {
        const at = performance.now()
        const rows = reader.prepare<[], { n: number }>(
          `SELECT a.survey_id, a.grp, a.municipality, j.key, j.value, COUNT(*) AS n
           FROM answers a, json_each(a.answer_values) j
           GROUP BY 1, 2, 3, 4, 5`
        ).all()
        groupByMs = performance.now() - at
        groupByRows = rows.length
        // Both count the same: every statement answered, in every cell.
        const counted = reader.prepare<[], { n: number; cells: number }>(
          "SELECT COALESCE(SUM(n), 0) AS n, COUNT(*) AS cells FROM answer_counts WHERE question <> ''"
        ).get()!
        const total = rows.reduce((n, row) => n + row.n, 0)
        if (counted.n !== total || counted.cells !== groupByRows) {
          throw new Error(`the rebuilt counts (${counted.n} in ${counted.cells} cells) differ from GROUP BY (${total} in ${groupByRows})`)
        }
      } finally {
        reader.close()
      }
      console.log(`  GROUP BY over json_each: ${fmt(groupByRows)} cells in ${ms(groupByMs)}, the same totals as the rebuilt counts`)
      yield* rebuildForMemory
      const audit = yield* SqlStorage.auditCounts()
      console.log(`  audited every count against the answers: ${fmt(audit.mismatches)} cells differ`)

      return {
        total,
        regionAnswers: benched.answers,
        regionMunicipalities: benched.municipalities.length,
        insertMs,
        rawInsertMs,
        reports: [reports[0]!, reports[reports.length - 1]!],
        rebuild,
        memory: [memory[0]!, memory[memory.length - 1]!],
        groupByMs,
        groupByRows,
        mismatches: audit.mismatches
      } satisfies Figures
    }).pipe(Effect.provide(services(serviceFile, seed + 1)))
  })

// --- output ----------------------------------------------------------------------------

export const run = async () => {
  const total = positive("BENCH_ANSWERS", 1_000_000)
  const batchSize = positive("BENCH_BATCH", 10_000)
  const reportRuns = positive("BENCH_REPORT_RUNS", 15)
  console.log(
    `surveys: ${fmt(total)} answers to 10 Likert statements, 42 regions, batches of ${fmt(batchSize)}, on a SQLite file; ` +
      `BENCH_ANSWERS to change`
  )
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-surveys-"))
  let f: Figures
  try {
    f = await Effect.runPromise(measure(directory, total, batchSize, reportRuns))
  } finally {
    Fs.rmSync(directory, { recursive: true, force: true })
  }

  const met = (ok: boolean) => (ok ? "met" : "NOT met")
  const rate = (ms: number) => (f.total / ms) * 1000
  const insertRatio = rate(f.insertMs) / rate(f.rawInsertMs)
  console.log("")
  console.log(`1. storing ${fmt(f.total)} answers in bulk, ${fmt(batchSize)} per call`)
  console.log(`   AnswerRepository.insertMany        ${fmt(rate(f.insertMs)).padStart(9)} answers/s   ${insertRatio.toFixed(2)}x   (with their counts)`)
  console.log(`     baseline: prepared INSERT loop   ${fmt(rate(f.rawInsertMs)).padStart(9)} answers/s   1.00x   (answers only)`)
  console.log(`   target ≥ 0.70x: ${met(insertRatio >= 0.7)}`)

  const [small, large] = f.reports
  const reportRatio = large.report / small.report
  console.log(
    `2. start report of ${benchedRegion} (${fmt(f.regionAnswers)} answers, ${f.regionMunicipalities} municipalities, ${large.shown} groups shown), ` +
      `median of ${reportRuns}`
  )
  console.log(`   Surveys.report, ${fmt(large.answers).padStart(9)} answers in the country   ${ms(large.report).padStart(9)}   ${reportRatio.toFixed(2)}x`)
  console.log(`     baseline: ${fmt(small.answers).padStart(9)} in the country     ${ms(small.report).padStart(9)}   1.00x`)
  console.log(`   StartReport.toHtml                  ${ms(large.html).padStart(9)}   (${ms(small.html)} at ${fmt(small.answers)})`)
  console.log(`   target ≤ 100 ms: ${met(large.report <= 100 && small.report <= 100)}; ratio ${reportRatio.toFixed(2)} (≈ 1: does not grow with the country)`)

  const rebuildRatio = f.rebuild.ms / f.groupByMs
  const [quarter, full] = f.memory
  console.log(`3. rebuilding every survey's counts from ${fmt(f.rebuild.answers)} answers`)
  console.log(`   SqlStorage.rebuildCounts            ${ms(f.rebuild.ms).padStart(9)}   ${rebuildRatio.toFixed(2)}x   (${fmt(f.rebuild.cells)} cells written)`)
  console.log(`     baseline: GROUP BY over json_each ${ms(f.groupByMs).padStart(9)}   1.00x   (${fmt(f.groupByRows)} cells read)`)
  console.log(`   target time ratio ≤ 1.20 (lower is better): ${met(rebuildRatio <= 1.2)}`)
  console.log(
    `   heap during a rebuild, live data at most: +${mb(quarter.live)} with ${fmt(quarter.answers)} answers (${fmt(quarter.cells)} cells), ` +
      `+${mb(full.live)} with ${fmt(full.answers)} (${fmt(full.cells)} cells); ${(full.live / Math.max(quarter.live, 1)).toFixed(2)}x for ${(full.answers / quarter.answers).toFixed(1)}x the answers`
  )
  console.log(`   heap in use at most (garbage included): +${mb(quarter.used)}, +${mb(full.used)}`)
  console.log(`   audit after the run: ${f.mismatches === 0 ? "every count matches the answers" : `${fmt(f.mismatches)} cells differ`}`)
}
