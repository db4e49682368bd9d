import { describe, expect, it } from "@effect/vitest"
import { Geography, MatchCandidates, MatchScore, MentorProfile, MunicipalityPoint } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"

const codes = Geography.nl2024().municipalities.map((m) => m.code as string)
const gelderland = ["GM0268", "GM0202", "GM0252", "GM0209", "GM0225", "GM0296", "GM1945", "GM0944", "GM0228", "GM0299"]

const prospect = (fields: Partial<ConstructorParameters<typeof MentorProfile.Prospect>[0]> = {}) =>
  new MentorProfile.Prospect({
    id: "asp_00000000000000000001" as MentorProfile.ProspectId,
    municipality: "GM0268" as never,
    kinds: ["Crisis", "LongTerm"],
    family: "CoupleWithChildren",
    languages: ["nl" as MentorProfile.LanguageCode],
    availability: ["Evenings", "Weekends"],
    questions: "",
    contact: new MentorProfile.Contact({ name: "Sanne", email: "sanne@example.org" as never, language: "nl" }),
    since: DateTime.unsafeMake("2026-01-01T00:00:00Z"),
    version: 1,
    ...fields
  })

const mentor = (i: number, fields: Partial<ConstructorParameters<typeof MentorProfile.Mentor>[0]> = {}) =>
  new MentorProfile.Mentor({
    id: `mnt_${String(i).padStart(20, "0")}` as MentorProfile.MentorId,
    municipality: "GM0202" as never,
    experience: [new MentorProfile.Experience({ kind: "Crisis", years: 6 })],
    family: "CoupleWithChildren",
    languages: ["nl" as MentorProfile.LanguageCode],
    availability: ["Evenings"],
    capacity: 2,
    active: true,
    contact: new MentorProfile.Contact({ name: "Mentor", email: "mentor@example.org" as never, language: "nl" }),
    version: 1,
    ...fields
  })

describe("MatchScore", () => {
  it("explains each criterion in Dutch and English, with categories only", () => {
    const km = Either.getOrThrow(MunicipalityPoint.between("GM0268", "GM0202"))
    const scored = Either.getOrThrow(MatchScore.score(prospect(), MatchScore.mentorSide(mentor(1)), km, MatchScore.standard))
    // 15.1 km: 0.35 × e^(−15.07/25) = 0.19; one of two kinds: 0.125; same family 0.15; Dutch 0.15; one of two moments 0.05
    expect(scored.explanation.nl).toBe(
      "afstand 15,1 km (+0,19), ervaring met crisispleegzorg (+0,13), zelfde gezinssituatie (+0,15), gedeelde taal: Nederlands (+0,15), allebei beschikbaar 's avonds (+0,05) = 0,67"
    )
    expect(scored.explanation.en).toContain("distance 15.1 km (+0.19), experience with crisis foster care")
    expect(JSON.stringify(scored)).not.toMatch(/mentor@example|Mentor|GM0202/)
    const near = Either.getOrThrow(MatchScore.score(prospect(), MatchScore.mentorSide(mentor(2)), 0, MatchScore.standard))
    expect([near.parts[0]!.text.nl, near.parts[0]!.text.en]).toEqual(["zelfde gemeente (+0,35)", "same municipality (+0.35)"])
  })

  it("a must is a filter and not part of the score; the rest is rescaled to 0–1; beyond reach is never a candidate", () => {
    const weights = new MatchScore.Weights({ ...MatchScore.standard, version: "test-must", language: { _tag: "Must" } })
    const english = MatchScore.mentorSide(mentor(1, { languages: ["en" as MentorProfile.LanguageCode] }))
    expect(MatchScore.score(prospect(), english, 1, weights)).toEqual(Either.left({ _tag: "MustFails", criterion: "language" }))
    const perfect = MatchScore.mentorSide(mentor(2, { experience: [new MentorProfile.Experience({ kind: "Crisis", years: 2 }), new MentorProfile.Experience({ kind: "LongTerm", years: 4 })], availability: ["Evenings", "Weekends"] }))
    const scored = Either.getOrThrow(MatchScore.score(prospect(), perfect, 0, weights))
    expect(scored.score).toBe(1)
    expect(scored.parts.find((p) => p.criterion === "language")).toMatchObject({ must: true, contribution: 0 })
    expect(scored.explanation.nl).toContain("gedeelde taal: Nederlands (voorwaarde)")
    expect(MatchScore.score(prospect(), perfect, 51, weights)).toEqual(Either.left({ _tag: "TooFar", km: 51 }))
    expect(Either.isLeft(MatchScore.decodeWeights({ ...MatchScore.standard, distance: { _tag: "Weight", weight: 2 } }))).toBe(true)
    const allZero = { version: "nul", distance: { _tag: "Must" }, kinds: { _tag: "Weight", weight: 0 }, family: { _tag: "Must" }, language: { _tag: "Must" }, availability: { _tag: "Must" }, decayKm: 25, reachKm: 50, candidates: 10 }
    expect(Either.flip(MatchScore.decodeWeights(allZero)).pipe(Either.getOrThrow).message).toContain("gewicht boven 0")
  })

  it("scores lie in [0, 1], never above the upper bound at that distance, and the fast search scores the same", () => {
    const side = FastCheck.record({
      municipality: FastCheck.constantFrom(...gelderland),
      kinds: FastCheck.uniqueArray(FastCheck.constantFrom(...MentorProfile.CareKind.literals), { minLength: 1 }),
      family: Arbitrary.make(MentorProfile.FamilySituation),
      languages: FastCheck.uniqueArray(FastCheck.constantFrom("nl", "en", "ar", "tr"), { minLength: 1 }),
      availability: FastCheck.uniqueArray(FastCheck.constantFrom(...MentorProfile.Availability.literals), { minLength: 1 })
    })
    FastCheck.assert(
      FastCheck.property(side, FastCheck.array(side, { minLength: 1, maxLength: 12 }), (p, ms) => {
        const asp = prospect({ ...p, municipality: p.municipality as never, languages: p.languages as never })
        const mentors = ms.map((m, i) => mentor(i, { municipality: m.municipality as never, family: m.family, languages: m.languages as never, availability: m.availability, experience: m.kinds.map((kind) => new MentorProfile.Experience({ kind, years: 3 })) }))
        const pool = MatchCandidates.pool(mentors, () => 1)
        const found = MatchCandidates.search(asp, pool, MatchScore.standard, { limit: 100 })
        // brute force: every mentor, scored the slow way
        const brute = mentors.flatMap((m, i) => {
          const km = Either.getOrThrow(MunicipalityPoint.between(asp.municipality, m.municipality))
          return Either.match(MatchScore.score(asp, MatchScore.mentorSide(m), km, MatchScore.standard), {
            onLeft: () => [],
            onRight: (s) => {
              expect(s.score).toBeGreaterThanOrEqual(0)
              expect(s.score).toBeLessThanOrEqual(MatchScore.upperBound(km, MatchScore.standard))
              return [{ mentor: i, score: s.score }]
            }
          })
        }).sort((a, b) => b.score - a.score || a.mentor - b.mentor)
        expect(found.candidates.map((c) => ({ mentor: c.mentor, score: c.score }))).toEqual(brute)
      }),
      { numRuns: 200, seed: 7 }
    )
  })
})

describe("MatchCandidates.search", () => {
  // Mentors spread over the country, in random places; the search must give
  // exactly the brute-force top K while scoring far fewer pairs.
  it("finds the same best K as scoring every mentor, with a reason when there is none", () => {
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const kinds = MentorProfile.CareKind.literals
    const mentors = Array.from({ length: 3000 }, (_, i) =>
      mentor(i, {
        municipality: codes[Math.floor(random() * codes.length)] as never,
        experience: [new MentorProfile.Experience({ kind: kinds[Math.floor(random() * 5)]!, years: 3 })],
        family: MentorProfile.FamilySituation.literals[Math.floor(random() * 3)]!,
        availability: [MentorProfile.Availability.literals[Math.floor(random() * 3)]!]
      }))
    const pool = MatchCandidates.pool(mentors, () => 1)
    for (const home of ["GM0268", "GM0014", "GM0935", "GM0363", "GM0088"]) {
      const asp = prospect({ municipality: home as never })
      const found = MatchCandidates.search(asp, pool, MatchScore.standard, { limit: 10 })
      const brute = mentors.flatMap((m, i) => {
        const km = Either.getOrThrow(MunicipalityPoint.between(home, m.municipality))
        return Either.match(MatchScore.score(asp, MatchScore.mentorSide(m), km, MatchScore.standard), { onLeft: () => [], onRight: (s) => [{ mentor: i, score: s.score }] })
      }).sort((a, b) => b.score - a.score || a.mentor - b.mentor).slice(0, 10)
      expect(found.candidates.map((c) => ({ mentor: c.mentor, score: c.score }))).toEqual(brute)
    }
    const island = MatchCandidates.search(prospect({ municipality: "GM0088" as never }), MatchCandidates.pool([mentor(1, { municipality: "GM0917" as never })], () => 1), MatchScore.standard)
    expect(island.reason).toBe("NoMentorWithinReach")
    const full = MatchCandidates.search(prospect(), MatchCandidates.pool([mentor(1)], () => 0), MatchScore.standard)
    expect(full.reason).toBe("AllFull")
    const strict = new MatchScore.Weights({ ...MatchScore.standard, family: { _tag: "Must" } })
    const other = MatchCandidates.search(prospect(), MatchCandidates.pool([mentor(1, { family: "Single" })], () => 1), strict)
    expect(other.reason).toBe("NoSuitableMentor")
  })
})
