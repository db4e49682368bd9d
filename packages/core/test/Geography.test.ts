import { describe, expect, it } from "@effect/vitest"
import { CalendarDate, Geography, Municipality, Region } from "@pleegzorg/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

const nl = Geography.nl2024()
const names = (ms: ReadonlyArray<Municipality.Municipality>) => ms.map((m) => m.name)
const right = <A, E>(e: Either.Either<A, E>): A => Either.getOrThrowWith(e, (err) => new Error(String(err)))
const left = <A, E>(e: Either.Either<A, E>): E => Either.getOrThrowWith(Either.flip(e), () => new Error("expected a failure"))

describe("Geography: the 2024 data", () => {
  it("has 42 regions and 342 municipalities, each municipality in exactly one region", () => {
    expect(nl.regions).toHaveLength(42)
    expect(nl.municipalities).toHaveLength(342)
    expect(new Set(nl.municipalities.map((m) => m.code)).size).toBe(342)
    const perRegion = nl.regions.map((r) => right(nl.municipalitiesOf(r.code)))
    expect(perRegion.reduce((n, list) => n + list.length, 0)).toBe(342)
    for (const m of nl.municipalities) {
      expect(perRegion.filter((list) => list.includes(m))).toHaveLength(1)
    }
    expect(nl.regions.map((r) => r.code)).not.toContain("JZ40")
  })

  it("has the number of municipalities per region that the regions publish", () => {
    const expected: Record<string, number> = {
      JZ01: 10, JZ02: 18, JZ03: 4, JZ04: 12, JZ05: 7, JZ06: 6, JZ07: 11, JZ08: 5, JZ09: 7, JZ10: 3,
      JZ11: 4, JZ12: 7, JZ13: 6, JZ14: 14, JZ15: 1, JZ16: 6, JZ17: 8, JZ18: 13, JZ19: 5, JZ20: 7,
      JZ21: 7, JZ22: 1, JZ23: 5, JZ24: 9, JZ25: 8, JZ26: 5, JZ27: 5, JZ28: 11, JZ29: 13, JZ30: 8,
      JZ31: 10, JZ32: 7, JZ33: 10, JZ34: 5, JZ35: 11, JZ36: 9, JZ37: 7, JZ38: 13, JZ39: 21, JZ41: 16,
      JZ42: 4, JZ43: 3
    }
    const actual = Object.fromEntries(nl.regions.map((r) => [r.code, right(nl.municipalitiesOf(r.code)).length]))
    expect(actual).toEqual(expected)
    // Molenlanden is in Zuid-Holland Zuid; its source point wrongly lay in Rijnmond (see DATA.md)
    expect(right(nl.regionOfMunicipality("Molenlanden")).name).toBe("Zuid-Holland Zuid")
    expect(right(nl.regionOfMunicipality("Goeree-Overflakkee")).name).toBe("Rijnmond")
  })

  it("carries its reference year and validity", () => {
    expect(nl.edition.referenceYear).toBe(2024)
    expect(nl.edition.validFrom).toBe("2024-01-01")
    expect(right(nl.municipality("GM1992")).validFrom).toBe("2023-01-01")
  })

  it("puts the pilot municipalities in Rijk van Nijmegen and West Brabant Oost", () => {
    expect(names(right(nl.municipalitiesOf("JZ32")))).toEqual([
      "Berg en Dal",
      "Beuningen",
      "Druten",
      "Heumen",
      "Mook en Middelaar",
      "Nijmegen",
      "Wijchen"
    ])
    expect(names(right(nl.municipalitiesOf("JZ34")))).toEqual([
      "Altena",
      "Breda",
      "Drimmelen",
      "Geertruidenberg",
      "Oosterhout"
    ])
    expect(right(nl.region("JZ32")).name).toBe("Rijk van Nijmegen")
  })

  it("writes municipality names as CBS does and keeps common names as aliases", () => {
    const gm = (code: string) => right(nl.municipality(code))
    expect(gm("GM0518").name).toBe("'s-Gravenhage")
    expect(gm("GM0518").aliases).toContain("Den Haag")
    expect(gm("GM0796").name).toBe("'s-Hertogenbosch")
    expect(gm("GM0796").aliases).toContain("Den Bosch")
    expect(gm("GM0893").name).toBe("Bergen (L.)")
    expect(gm("GM0373").name).toBe("Bergen (NH.)")
    expect(gm("GM0820").name).toBe("Nuenen, Gerwen en Nederwetten")
    expect(right(nl.municipalityByName("Den Haag")).code).toBe("GM0518")
    expect(right(nl.municipalityByName("den bosch")).code).toBe("GM0796")
    expect(right(nl.municipalityByName("Nuenen c.a.")).code).toBe("GM0820")
  })

  it("finds regions by the other names people use for them", () => {
    for (const [name, code] of [["Friesland", "JZ02"], ["Fryslân", "JZ02"], ["Noord-Kennemerland", "JZ06"], ["Midden-Brabant", "JZ35"], ["midden kennemerland", "JZ10"]]) {
      expect(right(nl.regionByName(name!)).code, name).toBe(code)
    }
  })

  it("keeps the CBS name of a region and the name used in practice", () => {
    const hvb = right(nl.region("JZ35"))
    expect(hvb.name).toBe("Midden-Brabant (Hart van Brabant)")
    expect(Region.label(hvb)).toBe("Hart van Brabant")
    expect(right(nl.regionByName("Hart van Brabant")).code).toBe("JZ35")
    expect(Region.label(right(nl.region("JZ32")))).toBe("Rijk van Nijmegen")
  })

  it("finds the region of a municipality by code or by name", () => {
    expect(right(nl.regionOfMunicipality("GM0268")).code).toBe("JZ32")
    expect(right(nl.regionOfMunicipality("gm0268")).code).toBe("JZ32")
    expect(right(nl.region(" jz34 ")).name).toBe("West Brabant Oost")
    expect(right(nl.regionOfMunicipality("Mook en Middelaar")).code).toBe("JZ32")
    expect(right(nl.regionOfMunicipality("'s-Hertogenbosch")).code).toBe("JZ33")
    expect(right(nl.regionOfMunicipality("Oosterhout")).code).toBe("JZ34")
  })
})

describe("Geography: search", () => {
  const first = (query: string) => nl.search(query)[0]

  it("finds Mook en Middelaar from 'mook' and West Brabant Oost from 'west brabant oost'", () => {
    const mook = first("mook")
    expect(mook?._tag === "Municipality" && mook.municipality.code).toBe("GM0944")
    const wbo = first("west brabant oost")
    expect(wbo?._tag === "Region" && wbo.region.code).toBe("JZ34")
    expect(wbo?.quality).toBe("exact")
  })

  it("ignores case, accents, hyphens and the 's- prefix", () => {
    for (const query of ["GRAVENHAGE", "s-Gravenhage", "'s Gravenhage", "’s-gravenhage", "s gravenhage", "ʼs–Gravenhage"]) {
      const hit = first(query)
      expect(hit?._tag === "Municipality" && hit.municipality.code, query).toBe("GM0518")
    }
    const fryslan = first("sudwest fryslan")
    expect(fryslan?._tag === "Municipality" && fryslan.municipality.name).toBe("Súdwest-Fryslân")
    const ijsselstein = first("ĳsselstein")
    expect(ijsselstein?._tag === "Municipality" && ijsselstein.municipality.name).toBe("IJsselstein")
    expect(right(nl.municipalityByName("s hertogenbosch")).code).toBe("GM0796")
    const bergen = first("bergen l")
    expect(bergen?._tag === "Municipality" && bergen.municipality.code).toBe("GM0893")
  })

  it("ranks an exact name before names that only start with it", () => {
    const hits = nl.search("utrecht")
    expect(hits[0]?._tag === "Municipality" && hits[0].municipality.name).toBe("Utrecht")
    expect(hits.map((h) => h.quality)).toEqual([...hits.map((h) => h.quality)].sort((a, b) =>
      ["exact", "prefix", "words", "substring"].indexOf(a) - ["exact", "prefix", "words", "substring"].indexOf(b)
    ))
    expect(nl.search("nijmegen").map((h) => h._tag)).toEqual(["Municipality", "Region"])
  })

  it("returns nothing for an empty query or an unknown place, and honours the limit", () => {
    expect(nl.search("")).toEqual([])
    expect(nl.search("  -- ")).toEqual([])
    expect(nl.search("Atlantis")).toEqual([])
    expect(nl.search("a", { limit: 3 })).toHaveLength(3)
  })

  it("finds every municipality under its own name written carelessly", () => {
    const scramble = (name: string, seed: ReadonlyArray<boolean>) =>
      name
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .split("")
        .map((c, i) => (seed[i % seed.length] ? c.toUpperCase() : c.toLowerCase()))
        .join("")
        .replace(/-/g, " ")
    FastCheck.assert(
      FastCheck.property(
        FastCheck.integer({ min: 0, max: nl.municipalities.length - 1 }),
        FastCheck.array(FastCheck.boolean(), { minLength: 1, maxLength: 8 }),
        (index, seed) => {
          const municipality = nl.municipalities[index]!
          const found = right(nl.municipalityByName(scramble(municipality.name, seed)))
          expect(found.code).toBe(municipality.code)
        }
      )
    )
  })
})

describe("Geography: bad input", () => {
  it("names an unknown region code, and says what a region code looks like", () => {
    const unknown = left(nl.region("JZ40"))
    expect(unknown._tag).toBe("RegionNotFound")
    expect(unknown.message).toContain("JZ40")
    const malformed = left(nl.region("Nijmegen"))
    expect(malformed._tag).toBe("InvalidInput")
    expect(malformed.message).toContain("\"Nijmegen\"")
    expect(malformed.message).toContain("JZ32")
  })

  it("refuses values that are not text instead of throwing, for callers in plain JavaScript", () => {
    const notText = [undefined, null, 42, {}] as unknown as ReadonlyArray<string>
    for (const value of notText) {
      expect(left(nl.region(value))._tag).toBe("InvalidInput")
      expect(left(nl.municipality(value))._tag).toBe("InvalidInput")
      expect(left(nl.municipalitiesOf(value))._tag).toBe("InvalidInput")
      expect(left(nl.regionOfMunicipality(value))._tag).toBe("InvalidInput")
      expect(left(nl.regionByName(value))._tag).toBe("RegionNotFound")
      expect(left(nl.municipalityByName(value))._tag).toBe("MunicipalityNotFound")
      expect(nl.search(value)).toEqual([])
    }
  })

  it("suggests three municipalities even when regions match the name too", () => {
    // "Noord" starts four region names (ranked first) and several municipality names
    const error = left(nl.municipalityByName("Noord"))
    expect(error._tag === "MunicipalityNotFound" && error.suggestions.map((s) => s.name)).toEqual([
      "Noord-Beveland",
      "Noordenveld",
      "Noordoostpolder"
    ])
  })

  it("names an unknown municipality and suggests close names", () => {
    const unknown = left(nl.municipality("GM9999"))
    expect(unknown._tag === "MunicipalityNotFound" && unknown.value).toBe("GM9999")
    const bergen = left(nl.municipalityByName("Bergen"))
    expect(bergen._tag).toBe("MunicipalityNotFound")
    if (bergen._tag === "MunicipalityNotFound") {
      expect(bergen.suggestions.map((s) => s.name)).toEqual(["Bergen (L.)", "Bergen (NH.)", "Bergen op Zoom"])
      expect(bergen.text.nl).toContain("Bedoel je: Bergen (L.)")
    }
    expect(left(nl.regionOfMunicipality("Atlantis"))._tag).toBe("MunicipalityNotFound")
    expect(left(nl.regionByName("Randstad"))._tag).toBe("RegionNotFound")
    expect(left(nl.municipalitiesOf("JZ99"))._tag).toBe("RegionNotFound")
  })

  it("reports a name that fits two municipalities as ambiguous", () => {
    const dataset = Geography.dataset2024()
    const twins = Geography.make({
      ...dataset,
      municipalities: dataset.municipalities.map((m) =>
        m.code === "GM0893" || m.code === "GM0373" ? new Municipality.Municipality({ ...m, aliases: ["Bergen"] }) : m
      )
    })
    const error = left(right(twins).municipalityByName("bergen"))
    expect(error._tag).toBe("AmbiguousMunicipalityName")
    if (error._tag === "AmbiguousMunicipalityName") {
      expect(error.candidates.map((c) => c.code).sort()).toEqual(["GM0373", "GM0893"])
    }
  })

  it("refuses inconsistent reference data", () => {
    const dataset = Geography.dataset2024()
    const orphan = new Municipality.Municipality({
      code: Schema.decodeSync(Municipality.MunicipalityCode)("GM9999"),
      name: "Nergenshuizen",
      aliases: [],
      region: Schema.decodeSync(Region.RegionCode)("JZ40")
    })
    const problem = (d: Geography.Dataset) => left(Geography.make(d)).problem
    expect(problem({ ...dataset, municipalities: [...dataset.municipalities, orphan] })).toBe(
      "municipality GM9999 is in unknown region JZ40"
    )
    expect(problem({ ...dataset, regions: [...dataset.regions, dataset.regions[0]!] })).toBe("region JZ01 appears twice")
    const twinRegions = dataset.regions.map((r) =>
      r.code === "JZ03" ? new Region.Region({ ...r, aliases: ["Groningen"] }) : r
    )
    expect(problem({ ...dataset, regions: twinRegions })).toBe("regions JZ01 and JZ03 share the name \"groningen\"")
  })

  it.effect("is a service with the 2024 data by default", () =>
    Effect.gen(function*() {
      const geography = yield* Geography.Geography
      const region = yield* geography.region("JZ34")
      expect(region.name).toBe("West Brabant Oost")
      const failure = yield* Effect.flip(geography.municipality("GM12"))
      expect(failure._tag).toBe("InvalidInput")
    }).pipe(Effect.provide(Geography.Geography.Default)))

  it.effect("is a service that programs can give another edition of the data", () => {
    // A later year in which Mook en Middelaar would have merged into Nijmegen.
    const dataset = Geography.dataset2024()
    const later = right(Geography.make({
      edition: new Geography.Edition({ ...dataset.edition, referenceYear: 2030 }),
      regions: dataset.regions,
      municipalities: dataset.municipalities.map((m) =>
        m.code === "GM0944"
          ? new Municipality.Municipality({ ...m, validUntil: Schema.decodeSync(CalendarDate.CalendarDate)("2029-12-31") })
          : m
      )
    }))
    return Effect.gen(function*() {
      const geography = yield* Geography.Geography
      expect(geography.edition.referenceYear).toBe(2030)
      const mook = yield* geography.municipality("GM0944")
      expect(mook.validUntil).toBe("2029-12-31")
      expect((yield* geography.regionOfMunicipality("GM0944")).code).toBe("JZ32")
    }).pipe(Effect.provide(Geography.Geography.layer(later)))
  })
})
