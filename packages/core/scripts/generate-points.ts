/**
 * Generates `src/internal/points2023.ts`, one point per municipality for rough
 * distances (mentor matching), from `gemeenten_2023_points.csv` in the shared
 * data folder (see its SOURCE.md, section 4). The package never reads that
 * folder at run time: it ships the generated module.
 *
 *   pnpm --filter @pleegzorg/core generate           write the module
 *   pnpm --filter @pleegzorg/core generate:check     fail if the module is stale
 *
 * Options: `--data DIR` (default: ../shared/data beside the repository).
 *
 * The set of municipalities is the one the package ships
 * (`src/internal/geography2024.ts`, written by generate-geography.ts, which
 * runs first): every 2024 municipality must get exactly one point.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"
import { municipalities as municipalities2024 } from "../src/internal/geography2024.js"
import { parseCsv } from "./csv.js"

const here = Path.dirname(Url.fileURLToPath(import.meta.url))
const packageRoot = Path.resolve(here, "..")
const outputFile = Path.join(packageRoot, "src/internal/points2023.ts")
const sourceFile = "gemeenten_2023_points.csv"

const args = process.argv.slice(2)
const checkOnly = args.includes("--check")
const dataFlag = args.indexOf("--data")
const dataDir = dataFlag >= 0 && args[dataFlag + 1] !== undefined
  ? Path.resolve(args[dataFlag + 1]!)
  : Path.resolve(packageRoot, "../../../shared/data")

/** Mainland Netherlands with the Wadden islands and Zeelandic Flanders. */
const bounds = { latMin: 50.7, latMax: 53.6, lonMin: 3.3, lonMax: 7.3 }

interface Correction {
  /** The source point, as the CSV has it; the generator fails if the source changes. */
  readonly wrong: { readonly lat: number; readonly lon: number }
  readonly lat: number
  readonly lon: number
}

/**
 * Points that are wrong in the source, replaced by a point placed by hand.
 * Each replacement is an approximate town centre (or the middle between two),
 * good to a few kilometres, which is all a distance for matching needs. Every
 * replacement point was tested against the CBS youth-care region outlines
 * (jeugdregio 2024) and falls in the region the municipality belongs to.
 */
const corrections: Record<string, Correction> = {
  // Dijk en Waard: the source point (53.213, 5.783) lies in Leeuwarden, about
  // 27 km inside Friesland and 1.2 km from Leeuwarden's own point. The
  // municipality is Heerhugowaard plus Langedijk (merged 1 Jan 2022). The
  // replacement is the middle between the two points tested in SOURCE.md
  // section 3, Heerhugowaard (52.670, 4.830) and Broek op Langedijk
  // (52.672, 4.800); both fall in JZ06 Alkmaar, as does the middle. About
  // 6 km north-east of Alkmaar's point.
  GM1980: { wrong: { lat: 53.212768, lon: 5.7830562 }, lat: 52.671, lon: 4.815 },
  // Westerkwartier: the source point (53.214, 6.203) lies just west of the
  // municipality, in Friesland (JZ02). The replacement is the middle between
  // Zuidhorn (the seat; railway station 53.24858, 6.40633) and Leek (Borg
  // Nienoord, 53.16796, 6.39452), the two largest places. Both, Grootegast
  // (53.212, 6.274) and the middle fall in JZ01 Groningen. About 11 km west
  // of Groningen's point. The municipality reaches further west (Grootegast,
  // Opende), so the point may sit 5-10 km east of its area centre.
  GM1969: { wrong: { lat: 53.2141644, lon: 6.203353 }, lat: 53.20827, lon: 6.40043 },
  // Molenlanden: not marked in the CSV, but DATA.md ("Municipalities and their
  // region") found the source point (51.891, 4.536) near Ridderkerk, in
  // Rijnmond (JZ29), 5 km from Ridderkerk's point. The municipality is the
  // Alblasserwaard east of Alblasserdam. The replacement is Bleskensgraaf, the
  // seat, roughly in its middle (from memory); it falls in JZ31 Zuid-Holland
  // Zuid, as do Giessenburg, Nieuw-Lekkerland, Groot-Ammers and Arkel.
  GM1978: { wrong: { lat: 51.8907269, lon: 4.5363806 }, lat: 51.8722, lon: 4.7833 }
}

/**
 * Municipalities of 2024 that the 2023 source lacks, such as one formed by a
 * merger after the source was written. Give each a point here (for a merger,
 * the point of the largest former municipality or the new seat) with a
 * comment. None are needed now: the 2023 and 2024 sets are the same 342 codes.
 */
const added: Record<string, { readonly lat: number; readonly lon: number }> = {}


if (checkOnly && !Fs.existsSync(dataDir)) {
  // Outside the project's own checkout there is nothing to compare against.
  console.log(`point data not checked: ${dataDir} not found (pass --data DIR)`)
  process.exit(0)
}

const fail = (message: string): never => {
  throw new Error(`generate-points: ${message}`)
}

const sourcePath = Path.join(dataDir, sourceFile)
if (!Fs.existsSync(sourcePath)) fail(`missing ${sourcePath}: pass --data DIR with the shared data folder`)
const rows = parseCsv(Fs.readFileSync(sourcePath, "utf8"))

const inBounds = (lat: number, lon: number) =>
  lat >= bounds.latMin && lat <= bounds.latMax && lon >= bounds.lonMin && lon <= bounds.lonMax

const points = new Map<string, { readonly lat: number; readonly lon: number }>()
const used = new Set<string>()
for (const r of rows) {
  const code = r.municipality_code ?? fail("no municipality_code column")
  if (!/^GM\d{4}$/.test(code)) fail(`bad municipality code ${code}`)
  if (points.has(code)) fail(`municipality ${code} appears twice`)
  const lat = Number(r.lat)
  const lon = Number(r.lon)
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) fail(`${code}: lat/lon "${r.lat}", "${r.lon}" are not numbers`)
  const correction = corrections[code]
  if (correction !== undefined) {
    if (correction.wrong.lat !== lat || correction.wrong.lon !== lon) {
      fail(`${code}: the correction replaces (${correction.wrong.lat}, ${correction.wrong.lon}), the source now says (${lat}, ${lon}); review it`)
    }
    used.add(code)
    points.set(code, { lat: correction.lat, lon: correction.lon })
  } else {
    // A note in the source marks a point as unusable: it needs a correction.
    if ((r.note ?? "").trim() !== "") fail(`${code} is marked in the source ("${r.note}") but has no correction`)
    points.set(code, { lat, lon })
  }
}
for (const code of Object.keys(corrections)) {
  if (!used.has(code)) fail(`correction for ${code}, which is not in the source`)
}

const expected = new Set(municipalities2024.map(([code]) => code))
for (const [code, point] of Object.entries(added)) {
  if (!expected.has(code)) fail(`added point for ${code}, which is not a 2024 municipality`)
  if (points.has(code)) fail(`added point for ${code}, which the source already has`)
  points.set(code, point)
}
const missing = [...expected].filter((code) => !points.has(code))
if (missing.length > 0) fail(`no point for 2024 municipalities ${missing.join(", ")}: add them to \`added\``)
const extra = [...points.keys()].filter((code) => !expected.has(code))
if (extra.length > 0) fail(`points for codes that are not 2024 municipalities: ${extra.join(", ")}`)
for (const [code, p] of points) {
  if (!inBounds(p.lat, p.lon)) fail(`${code}: (${p.lat}, ${p.lon}) lies outside the Netherlands`)
}

const sorted = [...points.entries()].sort(([a], [b]) => a.localeCompare(b))
const round5 = (x: number) => String(Number(x.toFixed(5)))
const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
const table = (items: ReadonlyArray<string>, perLine: number) =>
  chunks(items, perLine).map((line) => `  ${line.join(", ")},`)

const lines = [
  "// Generated by scripts/generate-points.ts from gemeenten_2023_points.csv in the shared data",
  "// (one point per municipality, MIT; see DATA.md). Do not edit by hand.",
  `// Corrected by hand in the generator: ${Object.keys(corrections).sort().join(", ")}.`,
  "",
  "/** @internal */",
  "export const source =",
  "  \"Municipality points from thebetar/LinkedinCVToProfileData data/locations.mjs (MIT, 2023), three corrected by hand; see DATA.md\"",
  "",
  "/** @internal CBS codes, sorted; `lat[i]` and `lon[i]` belong to `codes[i]`. */",
  "export const codes: ReadonlyArray<string> = [",
  ...table(sorted.map(([code]) => JSON.stringify(code)), 12),
  "]",
  "",
  "/** @internal Degrees north (WGS84), 5 decimals. */",
  "export const lat: ReadonlyArray<number> = [",
  ...table(sorted.map(([, p]) => round5(p.lat)), 12),
  "]",
  "",
  "/** @internal Degrees east (WGS84), 5 decimals. */",
  "export const lon: ReadonlyArray<number> = [",
  ...table(sorted.map(([, p]) => round5(p.lon)), 12),
  "]",
  ""
]
const output = lines.join("\n")

if (checkOnly) {
  const current = Fs.existsSync(outputFile) ? Fs.readFileSync(outputFile, "utf8") : ""
  if (current !== output) {
    console.error(`${Path.relative(process.cwd(), outputFile)} is out of date: run pnpm generate`)
    process.exit(1)
  }
  console.log(`point data up to date: ${sorted.length} municipalities, ${Object.keys(corrections).length} corrected`)
} else {
  Fs.mkdirSync(Path.dirname(outputFile), { recursive: true })
  Fs.writeFileSync(outputFile, output)
  console.log(`wrote ${Path.relative(process.cwd(), outputFile)}: ${sorted.length} municipalities, ${Object.keys(corrections).length} corrected`)
}
