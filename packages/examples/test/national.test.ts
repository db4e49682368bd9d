import { describe, expect, it } from "@effect/vitest"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"

const root = Path.resolve(Path.dirname(Url.fileURLToPath(import.meta.url)), "..")
const builds = ["../core/dist/index.js", "../adapters/sql/dist/index.js", "../adapters/sqlite/dist/index.js"]
  .map((path) => Path.resolve(root, path))

// The script imports the packages as a user would, from their builds.
const run = (script: string, env: Record<string, string>) => {
  if (!builds.every((path) => Fs.existsSync(path))) {
    throw new Error("run `pnpm build` first: the examples use the built packages")
  }
  return ChildProcess.execFileSync(Path.join(root, "node_modules/.bin/tsx"), [script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env }
  })
}

// A whole number as the script prints it (Dutch: 1.000).
const count = (out: string, pattern: RegExp) => {
  const found = pattern.exec(out)?.[1]
  expect(found, `${pattern} in the output`).toBeDefined()
  return Number(found!.replace(/\./g, ""))
}

describe("pnpm national", () => {
  it("runs a national round through the service on SQLite and prints the summary, the pilot regions and the explanations", () => {
    const out = run("src/national-matching.ts", { NATIONAL_PROSPECTS: "300", NATIONAL_MENTORS: "1000", NATIONAL_SEED: "7" })

    // progress as plain lines at every quarter, as stdout is not a terminal here
    expect(out.match(/profielen \/ profiles: (25|50|75|100)% /g)).toEqual([
      "profielen / profiles: 25% ",
      "profielen / profiles: 50% ",
      "profielen / profiles: 75% ",
      "profielen / profiles: 100% "
    ])
    expect(out).toContain("kandidaten / candidates: 100% (300/300")

    // the run's summary: every waiting prospect is either proposed or unmatched with a reason
    const waiting = count(out, /^ {2}wachtend \/ waiting: ([\d.]+)$/m)
    const proposed = count(out, /^ {2}voorgesteld \/ proposed: ([\d.]+)$/m)
    const unmatched = count(out, /^ {2}zonder mentor \/ unmatched: ([\d.]+)/m)
    expect(waiting).toBe(300)
    expect(proposed).toBeGreaterThan(0)
    expect(proposed + unmatched).toBe(waiting)
    expect(count(out, /mails in de outbox \/ mails in the outbox: ([\d.]+)/)).toBe(proposed)

    // the two pilot regions and the national total over all 42 regions
    expect(out).toMatch(/^JZ32 Rijk van Nijmegen\n {2}aspiranten \/ prospects \d+: voorgesteld \/ proposed \d+/m)
    expect(out).toMatch(/^JZ34 West Brabant Oost\n {2}aspiranten \/ prospects \d+: voorgesteld \/ proposed \d+/m)
    expect(out).toContain("Nederland / The Netherlands (42 regio's / regions)\n  aspiranten / prospects 300: ")
    expect(count(out, /The Netherlands[^\n]*\n {2}aspiranten[^\n]*voorgesteld \/ proposed ([\d.]+)/)).toBe(proposed)

    // three pairs with the Dutch explanation the mentor gets, distance first
    // ("zelfde gemeente" when both live in one municipality, whose point is
    // all that is known)
    const examples = out.slice(out.indexOf("4. Voorbeelden / 4. Examples"))
    const explanations = [...examples.matchAll(/^ {5}(\S.*)$/gm)].map((m) => m[1]!)
    expect(explanations).toHaveLength(3)
    for (const explanation of explanations) {
      expect(explanation).toMatch(/^(afstand \d+,\d km|zelfde gemeente) \(\+0,\d\d\), .+ = [01],\d\d$/)
    }
    expect(explanations.some((e) => e.startsWith("afstand "))).toBe(true)

    // the temporary database is removed
    const file = /Database: SQLite (\S+)/.exec(out)?.[1]
    expect(file).toBeDefined()
    expect(Fs.existsSync(Path.dirname(file!))).toBe(false)
  }, 120_000)
})
