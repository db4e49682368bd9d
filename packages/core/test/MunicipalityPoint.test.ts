import { describe, expect, it } from "@effect/vitest"
import { Geography, Municipality, MunicipalityPoint } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

const codes = Geography.nl2024().municipalities.map((m) => m.code as string)
const code = FastCheck.constantFrom(...codes)
const point = (c: string) => Option.getOrThrow(MunicipalityPoint.pointOf(c))
const km = (a: string, b: string) => Either.getOrThrow(MunicipalityPoint.between(a, b))

/** Any point on Earth, from the schema. */
const AnyPoint = Schema.Struct({
  lat: Schema.Number.pipe(Schema.between(-90, 90)),
  lon: Schema.Number.pipe(Schema.between(-180, 180))
})

const groningen = "GM0014"
const alkmaar = "GM0361"
const dijkEnWaard = "GM1980"
const westerkwartier = "GM1969"
const molenlanden = "GM1978"

describe("MunicipalityPoint: the 2024 municipalities", () => {
  it("every one of the 342 has a point inside the Netherlands", () => {
    expect(codes).toHaveLength(342)
    for (const c of codes) {
      const p = point(c)
      expect(p.lat, c).toBeGreaterThanOrEqual(50.7)
      expect(p.lat, c).toBeLessThanOrEqual(53.6)
      expect(p.lon, c).toBeGreaterThanOrEqual(3.3)
      expect(p.lon, c).toBeLessThanOrEqual(7.3)
    }
  })

  it("the corrected points lie in their own part of the country", () => {
    // Dijk en Waard's source point lay in Leeuwarden; it borders Alkmaar.
    expect(km(dijkEnWaard, alkmaar)).toBeLessThan(15)
    expect(km(dijkEnWaard, "GM0080")).toBeGreaterThan(50)
    // Westerkwartier's source point lay in Friesland, west of the municipality.
    expect(km(westerkwartier, groningen)).toBeLessThan(20)
    expect(point(westerkwartier).lon).toBeGreaterThan(6.25)
    // Molenlanden's source point lay near Ridderkerk; it lies east of Alblasserdam.
    expect(km(molenlanden, "GM0597")).toBeGreaterThan(10)
    expect(point(molenlanden).lon).toBeGreaterThan(point("GM0482").lon)
  })
})

describe("MunicipalityPoint distances", () => {
  it("Nijmegen–Arnhem is about 15 km, Groningen–Maastricht about 270 km", () => {
    expect(km("GM0268", "GM0202")).toBeGreaterThan(14)
    expect(km("GM0268", "GM0202")).toBeLessThan(20)
    // Straight line; 2.4 degrees of latitude alone are 263 km.
    expect(km(groningen, "GM0935")).toBeGreaterThan(255)
    expect(km(groningen, "GM0935")).toBeLessThan(285)
  })

  it("between municipalities: symmetric, and zero to itself", () => {
    FastCheck.assert(
      FastCheck.property(code, code, (a, b) => {
        expect(km(a, b)).toBe(km(b, a))
        expect(km(a, a)).toBe(0)
        expect(km(a, b) > 0).toBe(a !== b)
      })
    )
  })

  it("between any points: symmetric, zero to itself, at most half the circumference, and a triangle", () => {
    const p = Arbitrary.make(AnyPoint)
    FastCheck.assert(
      FastCheck.property(p, p, p, (a, b, c) => {
        const ab = MunicipalityPoint.distanceKm(a, b)
        expect(ab).toBe(MunicipalityPoint.distanceKm(b, a))
        expect(MunicipalityPoint.distanceKm(a, a)).toBe(0)
        expect(ab).toBeGreaterThanOrEqual(0)
        // Near opposite points the haversine's asin(√h) is ill-conditioned: rounding
        // in h (1e-16) becomes about 1e-8 rad there, some centimetres.
        expect(ab).toBeLessThanOrEqual(Math.PI * MunicipalityPoint.earthRadiusKm + 1e-3)
        expect(ab).toBeLessThanOrEqual(MunicipalityPoint.distanceKm(a, c) + MunicipalityPoint.distanceKm(c, b) + 1e-6)
      })
    )
  })

  it("an unknown code gives a typed error naming it, in Dutch and English", () => {
    const failure = MunicipalityPoint.between("GM0268", "GM9999")
    expect(Either.isLeft(failure) && failure.left).toBeInstanceOf(MunicipalityPoint.UnknownMunicipality)
    expect(Either.isLeft(failure) && failure.left._tag).toBe("UnknownMunicipality")
    expect(Either.isLeft(failure) && failure.left.code).toBe("GM9999")
    expect(Either.isLeft(failure) && failure.left.message).toBe(
      "Deze gemeente kennen we niet: GM9999 / We do not know this municipality: GM9999"
    )
    expect(Either.isLeft(MunicipalityPoint.between("Nijmegen", "GM0268"))).toBe(true)
    expect(Option.isNone(MunicipalityPoint.pointOf("GM9999"))).toBe(true)
  })

  it("for any well-formed code, a distance exists exactly when both codes are 2024 municipalities", () => {
    const wellFormed = FastCheck.oneof(code, Arbitrary.make(Municipality.MunicipalityCode))
    FastCheck.assert(
      FastCheck.property(wellFormed, wellFormed, (a, b) => {
        const result = MunicipalityPoint.between(a, b)
        const known = codes.includes(a) && codes.includes(b)
        expect(Either.isRight(result)).toBe(known)
        if (Either.isLeft(result)) expect(result.left.code).toBe(codes.includes(a) ? b : a)
      })
    )
  })

  it("the error survives encoding and decoding", () => {
    const error = new MunicipalityPoint.UnknownMunicipality({ code: "GM0000" })
    const schema = MunicipalityPoint.UnknownMunicipality
    const decoded = Schema.decodeUnknownSync(schema)(Schema.encodeSync(schema)(error))
    expect(decoded).toBeInstanceOf(MunicipalityPoint.UnknownMunicipality)
    expect(decoded.code).toBe("GM0000")
  })
})

describe("MunicipalityPoint.Grid", () => {
  it("nearest(code) lists all municipalities once, itself first at 0 km, then by distance and code", () => {
    FastCheck.assert(
      FastCheck.property(code, (origin) => {
        const list = MunicipalityPoint.Grid.nearest(origin)
        expect(list).toHaveLength(342)
        expect(new Set(list.map((n) => n.code)).size).toBe(342)
        expect(list[0]).toEqual({ code: origin, km: 0 })
        for (let i = 1; i < list.length; i++) {
          const [prev, next] = [list[i - 1]!, list[i]!]
          expect(prev.km < next.km || (prev.km === next.km && prev.code < next.code)).toBe(true)
        }
        for (const n of list) expect(n.km).toBe(km(origin, n.code))
      }),
      { numRuns: 40 }
    )
  })

  it("is cached per origin and finds the neighbours you expect", () => {
    const nijmegen = MunicipalityPoint.Grid.nearest("GM0268")
    expect(MunicipalityPoint.Grid.nearest("GM0268")).toBe(nijmegen)
    // Walk outward and stop early: everything within 10 km of Nijmegen.
    const close = nijmegen.slice(1).filter((n) => n.km <= 10).map((n) => n.code)
    expect(close).toContain("GM1945") // Berg en Dal
    expect(close).not.toContain("GM0202") // Arnhem is further
    expect(MunicipalityPoint.Grid.nearest(dijkEnWaard).slice(1, 4).map((n) => n.code)).toContain(alkmaar)
  })

  it("an unknown code has no neighbours", () => {
    expect(MunicipalityPoint.Grid.nearest("GM9999")).toEqual([])
  })
})
