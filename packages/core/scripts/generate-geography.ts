/**
 * Generates `src/internal/geography2024.ts` from the region and municipality
 * data in the shared data folder (see its SOURCE.md). The package never reads
 * that folder at run time: it ships the generated module.
 *
 *   pnpm --filter @pleegzorg/core generate           write the module
 *   pnpm --filter @pleegzorg/core generate:check     fail if the module is stale
 *
 * Options: `--data DIR` (default: ../shared/data beside the repository).
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"
import { parseCsv } from "./csv.js"

const here = Path.dirname(Url.fileURLToPath(import.meta.url))
const packageRoot = Path.resolve(here, "..")
const outputFile = Path.join(packageRoot, "src/internal/geography2024.ts")

const args = process.argv.slice(2)
const checkOnly = args.includes("--check")
const dataFlag = args.indexOf("--data")
const dataDir = dataFlag >= 0 && args[dataFlag + 1] !== undefined
  ? Path.resolve(args[dataFlag + 1]!)
  : Path.resolve(packageRoot, "../../../shared/data")

/**
 * The points source writes some names informally; CBS writes them like this.
 * The informal spellings stay searchable as aliases.
 */
const nameCorrections: Record<string, { readonly name: string; readonly aliases: ReadonlyArray<string> }> = {
  GM0518: { name: "'s-Gravenhage", aliases: ["Den Haag", "The Hague"] },
  GM0796: { name: "'s-Hertogenbosch", aliases: ["Den Bosch"] },
  GM0893: { name: "Bergen (L.)", aliases: ["Bergen (L)", "Bergen Limburg"] },
  GM0373: { name: "Bergen (NH.)", aliases: ["Bergen NH", "Bergen Noord-Holland"] },
  GM0820: { name: "Nuenen, Gerwen en Nederwetten", aliases: ["Nuenen c.a.", "Nuenen"] }
}

/** Names in use beside the CBS name of a region ("Hart van Brabant"). */
const regionDisplayNames: Record<string, string> = {
  JZ02: "Fryslân",
  JZ06: "Regio Alkmaar",
  JZ10: "IJmond",
  JZ35: "Hart van Brabant"
}

/**
 * Memberships where the derived data is wrong because the source point of the
 * municipality is wrong. Each was checked by placing points by hand in the
 * municipality's villages and testing them against the CBS outlines.
 */
const membershipCorrections: Record<string, { readonly from: string; readonly to: string }> = {
  // Molenlanden: the source point (51.891, 4.536) lies near Ridderkerk, in
  // Rijnmond. Bleskensgraaf, Giessenburg, Nieuw-Lekkerland, Groot-Ammers and
  // Arkel all lie in Zuid-Holland Zuid, the region the municipality belongs to.
  GM1978: { from: "JZ29", to: "JZ31" }
}

/** Municipalities formed after 1 January 2022 (earlier ones carry no date). */
const establishedOn: Record<string, string> = {
  GM1992: "2023-01-01"
}


if (checkOnly && !Fs.existsSync(dataDir)) {
  // Outside the project's own checkout (say, a clone without the shared data)
  // there is nothing to compare against; say so rather than fail.
  console.log(`geography data not checked: ${dataDir} not found (pass --data DIR)`)
  process.exit(0)
}

const read = (file: string) => {
  const path = Path.join(dataDir, file)
  if (!Fs.existsSync(path)) {
    throw new Error(`missing ${path}: pass --data DIR with the shared data folder`)
  }
  return parseCsv(Fs.readFileSync(path, "utf8"))
}

const regionRows = read("jeugdregios_2024.csv")
const membershipRows = read("jeugdregio_gemeenten_2024.csv")

const fail = (message: string): never => {
  throw new Error(`generate-geography: ${message}`)
}

const regions = regionRows.map((r) => {
  if (!/^JZ\d{2}$/.test(r.region_code!)) fail(`bad region code ${r.region_code}`)
  const name = r.region_name!.trim()
  const displayName = regionDisplayNames[r.region_code!] ?? null
  // "Alkmaar (Noord-Kennemerland)": both parts are names people use.
  const parts = /^(.+?) \((.+)\)$/.exec(name)
  const aliases = parts === null ? [] : [parts[1]!, parts[2]!].filter((a) => a !== displayName)
  return { code: r.region_code!, name, displayName, aliases, count: Number(r.municipality_count) }
}).sort((a, b) => a.code.localeCompare(b.code))

const regionCodes = new Set(regions.map((r) => r.code))
const seen = new Set<string>()
const municipalities = membershipRows.map((r) => {
  const code = r.municipality_code!
  if (!/^GM\d{4}$/.test(code)) fail(`bad municipality code ${code}`)
  if (seen.has(code)) fail(`municipality ${code} appears twice`)
  seen.add(code)
  if (!regionCodes.has(r.region_code!)) fail(`municipality ${code} names unknown region ${r.region_code}`)
  const correctedRegion = membershipCorrections[code]
  if (correctedRegion !== undefined && correctedRegion.from !== r.region_code) {
    fail(`membership correction for ${code} expects ${correctedRegion.from}, data says ${r.region_code}`)
  }
  const sourceName = r.municipality_name!.trim()
  const correction = nameCorrections[code]
  const aliases = correction ? correction.aliases.filter((a) => a !== correction.name) : []
  return {
    code,
    name: correction?.name ?? sourceName,
    aliases,
    region: correctedRegion?.to ?? r.region_code!,
    validFrom: establishedOn[code] ?? null
  }
}).sort((a, b) => a.code.localeCompare(b.code))

for (const region of regions) {
  const moved = Object.values(membershipCorrections)
  const expected = region.count - moved.filter((c) => c.from === region.code).length +
    moved.filter((c) => c.to === region.code).length
  const count = municipalities.filter((m) => m.region === region.code).length
  if (count !== expected) fail(`region ${region.code} should have ${expected} municipalities, found ${count}`)
}
if (regions.length !== 42) fail(`expected 42 regions, found ${regions.length}`)
if (municipalities.length !== 342) fail(`expected 342 municipalities, found ${municipalities.length}`)
for (const code of Object.keys(nameCorrections)) {
  if (!seen.has(code)) fail(`name correction for unknown municipality ${code}`)
}

const q = (s: string) => JSON.stringify(s)
const lines = [
  "// Generated by scripts/generate-geography.ts from the shared region data",
  "// (CBS jeugdregio 2024 polygons x municipality points; see DATA.md). Do not edit by hand.",
  "",
  "/** @internal */",
  "export const edition = {",
  "  referenceYear: 2024,",
  "  validFrom: \"2024-01-01\",",
  "  source: \"CBS/PDOK gebiedsindelingen, jeugdregio 2024 (CC BY 4.0); municipality membership derived by point-in-polygon, see DATA.md\"",
  "} as const",
  "",
  "/** @internal [code, CBS name, display name, aliases] */",
  "export const regions: ReadonlyArray<readonly [string, string, string | null, ReadonlyArray<string>]> = [",
  ...regions.map((r) =>
    `  [${q(r.code)}, ${q(r.name)}, ${r.displayName === null ? "null" : q(r.displayName)}, [${
      r.aliases.map(q).join(", ")
    }]],`
  ),
  "]",
  "",
  "/** @internal [code, CBS name, region code, aliases, valid from] */",
  "export const municipalities: ReadonlyArray<",
  "  readonly [string, string, string, ReadonlyArray<string>, string | null]",
  "> = [",
  ...municipalities.map((m) =>
    `  [${q(m.code)}, ${q(m.name)}, ${q(m.region)}, [${m.aliases.map(q).join(", ")}], ${
      m.validFrom === null ? "null" : q(m.validFrom)
    }],`
  ),
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
  console.log(`geography data up to date: ${regions.length} regions, ${municipalities.length} municipalities`)
} else {
  Fs.mkdirSync(Path.dirname(outputFile), { recursive: true })
  Fs.writeFileSync(outputFile, output)
  console.log(`wrote ${Path.relative(process.cwd(), outputFile)}: ${regions.length} regions, ${municipalities.length} municipalities`)
}
