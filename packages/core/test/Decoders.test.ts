import * as Crypto from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Eligibility, Entropy, Municipality, Region } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

// Every value a schema accepts survives encoding and decoding unchanged, and
// text that does not fit a code is refused with a message that names it.
const roundTrips = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  FastCheck.assert(
    FastCheck.property(Arbitrary.make(schema), (value) => {
      expect(decode(JSON.parse(JSON.stringify(encode(value))))).toEqual(value)
    })
  )
}

describe("decoders", () => {
  it("round-trip region and municipality codes", () => {
    roundTrips(Region.RegionCode)
    roundTrips(Municipality.MunicipalityCode)
  })

  it("refuse any text that is not a code, naming it", () => {
    const decodeRegion = Schema.decodeUnknownEither(Region.RegionCode)
    const decodeMunicipality = Schema.decodeUnknownEither(Municipality.MunicipalityCode)
    FastCheck.assert(
      // random text, and real codes with a character changed or added
      FastCheck.property(
        FastCheck.oneof(
          FastCheck.string(),
          Arbitrary.make(Region.RegionCode),
          Arbitrary.make(Municipality.MunicipalityCode),
          FastCheck.tuple(Arbitrary.make(Municipality.MunicipalityCode), FastCheck.string({ maxLength: 1 })).map(([c, x]) => c + x),
          FastCheck.tuple(Arbitrary.make(Region.RegionCode), FastCheck.string({ maxLength: 1 })).map(([c, x]) => x + c)
        ),
        (text) => {
        const region = decodeRegion(text)
        if (/^JZ\d{2}$/.test(text)) expect(Either.isRight(region)).toBe(true)
        else expect(Either.isLeft(region) && region.left.message).toContain(`"${text}" is geen regiocode`)
        const municipality = decodeMunicipality(text)
        if (/^GM\d{4}$/.test(text)) expect(Either.isRight(municipality)).toBe(true)
        else expect(Either.isLeft(municipality) && municipality.left.message).toContain(`"${text}" is geen gemeentecode`)
        }
      )
    )
  })

  it("round-trip applicants and decisions, the shapes that cross the HTTP and storage boundaries", () => {
    roundTrips(Eligibility.Applicant)
    roundTrips(Eligibility.Decision)
  })

  it("refuse an applicant of a youth group without a birth date, and keep none for adults", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(Eligibility.Applicant), (applicant) => {
        const { birthDate: _dropped, ...withoutBirthDate } = { birthDate: undefined, ...applicant }
        const decoded = Schema.decodeUnknownEither(Eligibility.Applicant)(withoutBirthDate)
        const youth = applicant.group === "FosterChild" || applicant.group === "OwnChild"
        expect(Either.isLeft(decoded)).toBe(youth)
        const withBirthDate = Schema.decodeUnknownSync(Eligibility.Applicant)({ ...withoutBirthDate, birthDate: "2000-01-01" })
        expect("birthDate" in withBirthDate).toBe(youth)
      })
    )
  })
})

describe("Entropy.hashToken", () => {
  const sha256 = (text: string) => Crypto.createHash("sha256").update(text).digest("hex")
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("")

  it("is the SHA-256 that node:crypto computes, at every padding boundary", () => {
    // 55/56 and 119/120 are where the length no longer fits the last block
    for (const length of [0, 1, 43, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const text = Array.from({ length }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("")
      expect(Effect.runSync(Entropy.hashToken(text)), `length ${length}`).toBe(sha256(text))
    }
  })

  it.prop(
    "is the SHA-256 that node:crypto computes, for tokens of any length",
    [FastCheck.array(FastCheck.constantFrom(...alphabet), { maxLength: 300, size: "max" }).map((cs) => cs.join(""))],
    ([token]) => {
      expect(Effect.runSync(Entropy.hashToken(token))).toBe(sha256(token))
    }
  )
})
