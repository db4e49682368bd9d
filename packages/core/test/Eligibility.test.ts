import { describe, expect, it } from "@effect/vitest"
import { Eligibility, Geography } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

const nl = Geography.nl2024()

// Rijk van Nijmegen pilot: first session 17 November 2022, 16:00 in Nijmegen.
const nijmegenTrack = { region: "JZ32", firstSessionStart: "2022-11-17T15:00:00Z" }

const check = (input: unknown) =>
  Eligibility.check(input).pipe(Effect.provide(Geography.Geography.Default), Effect.either, Effect.runSync)

const decision = (input: unknown): Eligibility.Decision =>
  Either.getOrThrowWith(check(input), (e) => new Error(`expected a decision, got ${e.message}`))

const failure = (input: unknown) =>
  Either.getOrThrowWith(Either.flip(check(input)), () => new Error("expected a failure"))

const youth = (birthDate: string, track: unknown = nijmegenTrack, municipality = "GM0268") => ({
  person: { group: "FosterChild", municipality, birthDate },
  track
})

const reasonTags = (d: Eligibility.Decision) => d._tag === "Ineligible" ? d.reasons.map((r) => r._tag) : []

describe("Eligibility: age", () => {
  it("lets a foster child take part from the day they turn 14", () => {
    expect(reasonTags(decision(youth("2008-11-18")))).toEqual(["BelowMinimumAge"])
    expect(decision(youth("2008-11-17"))._tag).toBe("Eligible")
    expect(decision(youth("2008-11-16"))._tag).toBe("Eligible")
    const dayBefore = decision(youth("2008-11-18"))
    expect(dayBefore._tag === "Ineligible" && dayBefore.reasons[0]).toMatchObject({ age: 13, minimumAge: 14 })
  })

  it("applies the same minimum age to own children of foster parents", () => {
    const own = (birthDate: string) => ({ person: { group: "OwnChild", municipality: "GM0296", birthDate }, track: nijmegenTrack })
    expect(reasonTags(decision(own("2008-11-18")))).toEqual(["BelowMinimumAge"])
    expect(decision(own("2008-11-17"))._tag).toBe("Eligible")
  })

  it("asks for a parent's or guardian's consent until the 16th birthday", () => {
    const consent = (birthDate: string) => {
      const d = decision(youth(birthDate))
      return d._tag === "Eligible" && d.parentalConsentRequired
    }
    expect(consent("2008-11-17")).toBe(true) // 14 today
    expect(consent("2006-11-18")).toBe(true) // 15, turns 16 tomorrow
    expect(consent("2006-11-17")).toBe(false) // 16 today
    expect(consent("2006-11-16")).toBe(false)
    const adult = decision({ person: { group: "FosterParent", municipality: "GM0268" }, track: nijmegenTrack })
    expect(adult._tag === "Eligible" && adult.parentalConsentRequired).toBe(false)
  })

  it("gives someone born on 29 February their birthday on 1 March in other years", () => {
    const track = (start: string) => ({ region: "JZ32", firstSessionStart: start })
    expect(reasonTags(decision(youth("2008-02-29", track("2022-02-28T15:00:00Z"))))).toEqual(["BelowMinimumAge"])
    expect(decision(youth("2008-02-29", track("2022-03-01T15:00:00Z")))._tag).toBe("Eligible")
    // in a leap year the birthday is 29 February itself
    expect(decision(youth("2008-02-29", track("2024-02-29T15:00:00Z")))).toMatchObject({
      _tag: "Eligible",
      parentalConsentRequired: false
    })
  })

  it("counts the age on the Amsterdam date of a first session at 00:30", () => {
    // 00:30 on 17 November in Amsterdam is 23:30 UTC on 16 November (winter time)
    const winter = { region: "JZ32", firstSessionStart: "2022-11-16T23:30:00Z" }
    const w = decision(youth("2008-11-17", winter))
    expect(w).toMatchObject({ _tag: "Eligible", checkedFor: "2022-11-17" })
    // 00:30 on 15 June in Amsterdam is 22:30 UTC on 14 June (summer time)
    const summer = { region: "JZ32", firstSessionStart: "2023-06-14T22:30:00Z" }
    expect(decision(youth("2009-06-15", summer))).toMatchObject({ _tag: "Eligible", checkedFor: "2023-06-15" })
    expect(reasonTags(decision(youth("2009-06-16", summer)))).toEqual(["BelowMinimumAge"])
  })
})

describe("Eligibility: region", () => {
  it("refuses a family from a municipality just outside the region", () => {
    // Land van Cuijk borders Mook en Middelaar but belongs to Noordoost Brabant
    const d = decision({ person: { group: "FosterParent", municipality: "GM1982" }, track: nijmegenTrack })
    expect(d._tag).toBe("Ineligible")
    if (d._tag === "Ineligible") {
      expect(d.reasons[0]).toMatchObject({
        _tag: "OutsideRegion",
        locality: "residence",
        municipalityName: "Land van Cuijk",
        municipalityRegion: "JZ33",
        trackRegion: "JZ32"
      })
    }
    expect(decision({ person: { group: "FosterParent", municipality: "GM0944" }, track: nijmegenTrack })._tag).toBe(
      "Eligible"
    )
  })

  it("places a care worker by where they work", () => {
    const d = decision({ person: { group: "CareWorker", municipality: "GM0202" }, track: nijmegenTrack })
    expect(d._tag === "Ineligible" && d.reasons[0]).toMatchObject({ _tag: "OutsideRegion", locality: "work" })
    const [headline, text] = Eligibility.explain(d)
    expect(headline.nl).toBe("Je kunt niet meedoen aan dit traject.")
    expect(text?.nl).toBe(
      "Je werkt in Arnhem. Die gemeente hoort bij de regio Centraal Gelderland. Dit traject is voor de regio Rijk van Nijmegen."
    )
    expect(text?.en).toContain("You work in Arnhem")
  })

  it("gives every reason, not only the first", () => {
    const d = decision(youth("2009-01-01", nijmegenTrack, "GM0202"))
    expect(reasonTags(d)).toEqual(["OutsideRegion", "BelowMinimumAge"])
    const texts = Eligibility.explain(d)
    expect(texts).toHaveLength(3)
    expect(texts[2]?.nl).toBe(
      "De eerste bijeenkomst is op 17 november 2022. Dan ben je 13 jaar. Je kunt meedoen als je 14 jaar of ouder bent."
    )
    expect(texts[2]?.en).toBe(
      "The first session is on 17 November 2022. You will be 13 then. You can take part if you are 14 or older."
    )
  })

  it("tells an eligible under-16 that consent comes first", () => {
    const texts = Eligibility.explain(decision(youth("2007-05-01")))
    expect(texts.map((t) => t.nl)).toEqual([
      "Je kunt meedoen aan dit traject.",
      "Je bent jonger dan 16 jaar. Daarom moet een ouder of voogd eerst toestemming geven. Pas daarna gebruiken we je gegevens."
    ])
  })
})

describe("Eligibility: what is kept", () => {
  it("stores no birth date in the decision", () => {
    const d = decision(youth("2007-05-01"))
    const stored = JSON.stringify(Schema.encodeSync(Eligibility.Decision)(d))
    expect(stored).not.toContain("2007")
    expect(Schema.decodeUnknownSync(Eligibility.Decision)(JSON.parse(stored))).toEqual(d)
  })

  const knownRequest = FastCheck.record({
    municipality: FastCheck.constantFrom(...nl.municipalities.map((m) => m.code)),
    region: FastCheck.constantFrom(...nl.regions.map((r) => r.code)),
    group: FastCheck.constantFrom("FosterChild", "OwnChild", "FosterParent", "Parent", "CareWorker", "PolicyMaker"),
    birthDate: Arbitrary.make(Schema.String.pipe(Schema.pattern(/^(199\d|20[01]\d)-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/))),
    start: FastCheck.integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2030, 0, 1) })
  })

  it("decides every request with known codes, and never keeps the birth date", () => {
    FastCheck.assert(
      FastCheck.property(knownRequest, (r) => {
        const youthGroup = r.group === "FosterChild" || r.group === "OwnChild"
        const input = {
          person: youthGroup
            ? { group: r.group, municipality: r.municipality, birthDate: r.birthDate }
            : { group: r.group, municipality: r.municipality },
          track: { region: r.region, firstSessionStart: new Date(r.start).toISOString() }
        }
        const d = decision(input)
        const outside = Either.getOrThrow(nl.regionOfMunicipality(r.municipality)).code !== r.region
        expect(reasonTags(d).includes("OutsideRegion")).toBe(outside)
        if (!youthGroup) expect(reasonTags(d).includes("BelowMinimumAge")).toBe(false)
        expect(JSON.stringify(Schema.encodeSync(Eligibility.Decision)(d))).not.toContain(r.birthDate)
      })
    )
  })
})

describe("Eligibility: bad input", () => {
  const issues = (input: unknown) => {
    const error = failure(input)
    expect(error._tag).toBe("InvalidInput")
    return error._tag === "InvalidInput" ? error.issues.map((i) => `${i.path}: ${i.message}`) : []
  }

  it("asks a foster child for their birth date, and only for that", () => {
    expect(issues({ person: { group: "FosterChild", municipality: "GM0268" }, track: nijmegenTrack })).toEqual([
      "person.birthDate: De geboortedatum ontbreekt. Die is nodig voor pleegkinderen en eigen kinderen. / The birth date is missing. It is needed for foster children and own children."
    ])
  })

  it("names an impossible birth date, a birth date after the first session, and a malformed code", () => {
    expect(issues(youth("2009-02-30"))).toEqual([
      "person.birthDate: De datum 2009-02-30 bestaat niet. / The date 2009-02-30 does not exist."
    ])
    expect(issues(youth("30-02-2009")).join()).toContain("\"30-02-2009\" is geen datum. Schrijf de datum als JJJJ-MM-DD")
    expect(issues(youth("2023-01-01"))).toEqual([
      "person.birthDate: De geboortedatum 2023-01-01 ligt na de eerste bijeenkomst. Kijk of je de goede datum hebt ingevuld. / The birth date 2023-01-01 is after the first session. Please check the date you entered."
    ])
    expect(issues(youth("1850-01-01")).join()).toContain("De geboortedatum 1850-01-01 kan niet kloppen")
    expect(issues(youth("2008-01-01", nijmegenTrack, "0268")).join()).toContain(
      "person.municipality: \"0268\" is geen gemeentecode. Een gemeentecode is GM met vier cijfers, zoals GM0268."
    )
  })

  it("refuses wrong types and unknown groups with the field they concern", () => {
    const problems = issues({ person: { group: "Grandparent", municipality: 268 }, track: { region: "JZ32", firstSessionStart: "soon" } })
    expect(problems.some((p) => p.startsWith("person.group:") && p.includes("Grandparent"))).toBe(true)
    expect(problems.some((p) => p.startsWith("track.firstSessionStart:"))).toBe(true)
    expect(issues(null)).toHaveLength(1)
  })

  it("refuses a session time without a time zone, which would put an evening session on the wrong day", () => {
    // 23:30 on 17 November in Amsterdam, as a datetime-local form field sends it
    for (const start of ["2022-11-17T23:30:00", "2022-11-17T23:30", "2022-11-17", "Thu Nov 17 2022 23:30"]) {
      expect(issues(youth("2008-11-18", { region: "JZ32", firstSessionStart: start })), start).toEqual([
        `track.firstSessionStart: "${start}" is geen tijdstip met tijdzone. Schrijf bijvoorbeeld 2022-11-17T16:00:00+01:00. / "${start}" is not a time with a time zone. Write for example 2022-11-17T16:00:00+01:00.`
      ])
    }
    // with its offset the same moment is on 17 November in Amsterdam
    const withOffset = decision(youth("2008-11-17", { region: "JZ32", firstSessionStart: "2022-11-17T23:30:00+01:00" }))
    expect(withOffset).toMatchObject({ _tag: "Eligible", checkedFor: "2022-11-17" })
  })

  it("refuses a session year that cannot be right, instead of deciding on a wrong day", () => {
    for (const start of ["+010000-01-01T00:00:00Z", "0000-06-01T00:00:00Z", "1899-12-31T12:00:00Z"]) {
      const problems = issues(youth("2008-11-17", { region: "JZ32", firstSessionStart: start }))
      expect(problems, start).toHaveLength(1)
      expect(problems[0]).toMatch(/^track\.firstSessionStart: /)
    }
  })

  it("translates the messages of the schema library into Dutch, with the English beside them", () => {
    const problems = issues({ person: { group: "Parent", municipality: 268 }, track: nijmegenTrack })
    expect(problems).toEqual(["person.municipality: Verwacht string, maar kreeg 268. / Expected string, got 268."])
    expect(issues({ person: { group: "Parent" }, track: nijmegenTrack })).toEqual([
      "person.municipality: Dit veld ontbreekt. / This field is missing."
    ])
    const error = failure({ person: { group: "Parent" }, track: nijmegenTrack })
    expect(error._tag === "InvalidInput" && error.text.nl).toMatch(/^Niet alles is goed ingevuld: /)
  })

  it("names a well-formed code that is not in the data", () => {
    const unknownMunicipality = failure({ person: { group: "Parent", municipality: "GM9999" }, track: nijmegenTrack })
    expect(unknownMunicipality).toMatchObject({ _tag: "MunicipalityNotFound", value: "GM9999" })
    const unknownRegion = failure({ person: { group: "Parent", municipality: "GM0268" }, track: { ...nijmegenTrack, region: "JZ40" } })
    expect(unknownRegion).toMatchObject({ _tag: "RegionNotFound", value: "JZ40" })
  })
})
