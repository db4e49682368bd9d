import { describe, expect, it } from "@effect/vitest"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Url from "node:url"

const root = Path.resolve(Path.dirname(Url.fileURLToPath(import.meta.url)), "..")
const coreBuild = Path.resolve(root, "../core/dist/index.js")

// The scripts import @pleegzorg/core as a user would, from its build.
const run = (script: string) => {
  if (!Fs.existsSync(coreBuild)) throw new Error("run `pnpm build` first: the examples use the built @pleegzorg/core")
  return ChildProcess.execFileSync(Path.join(root, "node_modules/.bin/tsx"), [script], { cwd: root, encoding: "utf8" })
}

describe("examples", () => {
  it("pnpm demo shows both pilot regions and who may take part, in Dutch and English", () => {
    const out = run("src/demo.ts")
    expect(out).toContain("Rijk van Nijmegen (JZ32): 7 gemeenten / municipalities")
    expect(out).toContain("West Brabant Oost (JZ34): 5 gemeenten / municipalities")
    expect(out).toContain("  - Mook en Middelaar (GM0944)")
    expect(out).toMatch(
      /NEE \/ NO\s+Noor, pleegkind \/ foster child, Beuningen\n\s+Je kunt niet meedoen aan dit traject\.\n.*\n\s+De eerste bijeenkomst is op 17 november 2022\. Dan ben je 13 jaar\./
    )
    expect(out).toMatch(/NEE \/ NO\s+Jeroen, hulpverlener \/ care worker, Arnhem\n.*\n.*\n\s+Je werkt in Arnhem/)
    expect(out).toMatch(/JA  \/ YES\s+Sem, pleegkind[^\n]*\n[^\n]*\n[^\n]*\n\s+Je bent jonger dan 16/)
    expect(out).not.toContain("2009-06-10") // birth dates are used, never shown
  })

  it("the README's quick start runs and prints what the README says", () => {
    const out = run("src/quickstart.ts")
    expect(out.split("\n").slice(0, 2)).toEqual(["JZ32 Rijk van Nijmegen", "Region"])
    expect(out).toContain("Dan ben je 13 jaar. Je kunt meedoen als je 14 jaar of ouder bent.")
  })
})
