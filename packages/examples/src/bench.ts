/**
 * `pnpm bench [name]`: benchmarks that print each figure and its ratio to a
 * baseline measured in the same run. Without a name, all of them run.
 */
import { Geography } from "@pleegzorg/core"
import * as MatchingBench from "./bench/matching.js"
import * as StorageBench from "./bench/storage.js"
import * as SurveysBench from "./bench/surveys.js"
import * as TracksBench from "./bench/tracks.js"

interface Benchmark {
  readonly name: string
  readonly description: string
  readonly run: () => void | Promise<void>
}

// Runs `body` for about `ms` milliseconds after a warm-up; returns operations per second.
const measure = (body: (i: number) => unknown, ms = 500): number => {
  let sink = 0
  for (let i = 0; i < 2_000; i++) sink += body(i) === undefined ? 0 : 1
  let ops = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < 1_000; i++) sink += body(ops + i) === undefined ? 0 : 1
    ops += 1_000
    elapsed = performance.now() - start
  }
  if (sink < 0) console.log(sink)
  return (ops / elapsed) * 1_000
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US")

const geography: Benchmark = {
  name: "geography",
  description: "municipality look-ups by name and name search",
  run: () => {
    const nl = Geography.nl2024()
    // Names as people type them: other case, an alias, no accents.
    const queries = nl.municipalities.flatMap((m) => [m.name.toUpperCase(), ...m.aliases])
    const fold = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
    const folded = nl.municipalities.map((m) => ({ m, names: [m.name, ...m.aliases].map(fold) }))
    // Baseline: fold the query and scan every municipality, as a plain array look-up would.
    const baseline = measure((i) => {
      const q = fold(queries[i % queries.length]!)
      return folded.find((e) => e.names.includes(q))
    })
    const byName = measure((i) => nl.municipalityByName(queries[i % queries.length]!))
    console.log(`municipalityByName         ${fmt(byName).padStart(12)} ops/s   ${(byName / baseline).toFixed(2)}x`)
    console.log(`  baseline: array scan     ${fmt(baseline).padStart(12)} ops/s   1.00x`)
    // Baseline: an unranked substring scan over the folded names of regions and municipalities.
    const regions = nl.regions.map((r) => [r.name, r.displayName ?? r.name].map(fold))
    const prefix = (i: number) => queries[i % queries.length]!.slice(0, 4)
    const scan = measure((i) => {
      const q = fold(prefix(i))
      return [...regions.filter((names) => names.some((n) => n.includes(q))), ...folded.filter((e) => e.names.some((n) => n.includes(q)))]
        .slice(0, 10)
    })
    const search = measure((i) => nl.search(prefix(i)))
    console.log(`search, 4 letters, ranked  ${fmt(search).padStart(12)} ops/s   ${(search / scan).toFixed(2)}x`)
    console.log(`  baseline: substring scan ${fmt(scan).padStart(12)} ops/s   1.00x`)
  }
}

const tracks: Benchmark = {
  name: "tracks",
  description: "registrations through the core service on SQLite, and the HTTP register endpoint under load against a bare endpoint",
  run: TracksBench.run
}

const storage: Benchmark = {
  name: "storage",
  description: "sign-ups through the core service and a bulk import through the storage port, on SQLite and PostgreSQL, against the raw drivers running the same SQL",
  run: StorageBench.run
}

const surveys: Benchmark = {
  name: "surveys",
  description:
    "a national survey on SQLite: answers stored in bulk against a prepared INSERT loop, one region's start report at 10% and 100% of the country, and every count rebuilt from the answers against SQLite's GROUP BY",
  run: SurveysBench.run
}

const matching: Benchmark = {
  name: "matching",
  description:
    "national mentor matching on seeded synthetic instances: the candidate search against brute force, the exact solver against greedy (ample and scarce mentors), and suggestions for one prospect",
  run: MatchingBench.run
}

const benchmarks: ReadonlyArray<Benchmark> = [geography, tracks, storage, surveys, matching]

const wanted = process.argv.slice(2).filter((a) => a !== "--")
const unknown = wanted.filter((w) => !benchmarks.some((b) => b.name === w))
if (unknown.length > 0) {
  console.error(`Onbekende benchmark / unknown benchmark: ${unknown.join(", ")}. Kies uit / choose from: ${benchmarks.map((b) => b.name).join(", ")}`)
  process.exit(2)
}
for (const benchmark of benchmarks.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n## ${benchmark.name}: ${benchmark.description}`)
  await benchmark.run()
}
