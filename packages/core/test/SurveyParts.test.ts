import { describe, expect, it } from "@effect/vitest"
import { DisclosurePolicy, OpenAnswers, ReleaseLedger, Survey, SurveyAnswer, SurveyTemplate } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Random from "effect/Random"

const fosterFamilies = SurveyTemplate.defaults.find((q) => q.audience === "FosterFamily")!

describe("SurveyTemplate", () => {
  it("the default questionnaires can be used as they are, and share their common questions by id", () => {
    expect(Survey.problemsOf(SurveyTemplate.defaults)).toEqual([])
    expect(SurveyTemplate.defaults.map((q) => q.audience)).toEqual(["FosterFamily", "Parent", "CareWorker", "PolicyMaker"])
    const ids = Survey.allQuestions({ questionnaires: SurveyTemplate.defaults }).map((q) => q.id)
    expect(ids).toContain("samenwerking-ouders")
    expect(ids).toContain("overbelasting")
    expect(ids).toContain("eigen-kinderen")
    expect(ids).toContain("steun-pleegzorg")
    for (const q of SurveyTemplate.defaults) expect(q.introduction.nl).toContain("anoniem")
  })

  it("a questionnaire with a question twice, or a number question with min above max, is refused with both problems", () => {
    const broken = new Survey.Questionnaire({
      audience: "Parent",
      introduction: { nl: "x", en: "x" },
      questions: [
        new Survey.Likert({ id: "a", text: { nl: "a", en: "a" }, required: false }),
        new Survey.Likert({ id: "a", text: { nl: "a", en: "a" }, required: false }),
        new Survey.NumberQuestion({ id: "n", text: { nl: "n", en: "n" }, required: false, min: 5, max: 1 })
      ]
    })
    expect(Survey.problemsOf([broken]).map((p) => p.en)).toEqual([
      "The question a is twice in the questionnaire for (birth) parents.",
      "The question n has a minimum (5) above its maximum (1)."
    ])
  })
})

describe("SurveyAnswer.validate", () => {
  it("a wrong type, a value out of range, a missing required answer and an unknown question are all named at once", () => {
    const questionnaire = new Survey.Questionnaire({
      ...fosterFamilies,
      questions: fosterFamilies.questions.map((q) => q.id === "gaat-goed" ? new Survey.Likert({ ...q, required: true }) : q)
    })
    const refused = SurveyAnswer.validate(questionnaire, {
      "overbelasting": "vijf",
      "jaren-betrokken": 41,
      "onderwerpen": [0, 0],
      "leeftijd": 15
    })
    expect(Either.isLeft(refused) && refused.left.problems.map((p) => [p.question, p.problem.nl])).toEqual([
      ["leeftijd", "Deze vraag staat niet in de vragenlijst."],
      ["gaat-goed", "Deze vraag moet je beantwoorden."],
      ["overbelasting", "Kies een antwoord van 1 tot en met 5."],
      ["jaren-betrokken", "Vul een heel getal in van 0 tot en met 40."],
      ["onderwerpen", "Kies een of meer van de antwoorden, elk één keer."]
    ])
  })

  it("good answers are kept as given; empty texts and skipped questions are left out", () => {
    const kept = SurveyAnswer.validate(fosterFamilies, { "gaat-goed": 4, "onderwerpen": [3, 1], "wat-kan-beter": "  ", "wat-gaat-goed": " Goed contact " })
    expect(kept).toEqual(Either.right({ "gaat-goed": 4, "onderwerpen": [1, 3], "wat-gaat-goed": "Goed contact" }))
  })

  it("for any input, an accepted answer only holds known questions with values in range", () => {
    const likerts = fosterFamilies.questions.filter((q) => q._tag === "Likert").map((q) => q.id)
    FastCheck.assert(
      FastCheck.property(
        FastCheck.dictionary(FastCheck.constantFrom(...likerts, "onbekend"), FastCheck.oneof(Arbitrary.make(SurveyAnswer.Value), FastCheck.integer({ min: -2, max: 8 }))),
        (input) => {
          const result = SurveyAnswer.validate(fosterFamilies, input)
          if (Either.isRight(result)) {
            for (const [key, value] of Object.entries(result.right)) {
              expect(likerts).toContain(key)
              expect(value).toBeGreaterThanOrEqual(1)
              expect(value).toBeLessThanOrEqual(5)
            }
          } else {
            expect(result.left.problems.length).toBeGreaterThan(0)
          }
        }
      )
    )
  })
})

describe("OpenAnswers", () => {
  it("blacks out a name, an e-mail address, a phone number, a postcode and a BSN, and keeps place names", () => {
    const { redactions, text } = OpenAnswers.redact(
      "Mijn pleegzoon Daan woont sinds maart in Nijmegen. Bel me op 06-12345678 of mail jan.jansen@example.org, adres 6511 PS. BSN 111222333. Vraag het meneer Bakker.",
      new Set(["nijmegen"])
    )
    expect(text).toBe(
      "Mijn pleegzoon [naam] woont sinds maart in Nijmegen. Bel me op [telefoon] of mail [e-mail], adres [postcode]. BSN [BSN]. Vraag het meneer [naam]."
    )
    expect([...redactions].sort()).toEqual(["bsn", "email", "name", "phone", "postcode"])
  })

  it("leaves ordinary sentences alone", () => {
    expect(OpenAnswers.redact("De samenwerking met de ouders gaat goed. In 2023 en 2024 was er te weinig tijd.")).toEqual({
      text: "De samenwerking met de ouders gaat goed. In 2023 en 2024 was er te weinig tijd.",
      redactions: []
    })
  })

  it("a group of 9 gets no free text; a group of 10 gets it shuffled and held for review, and only approved texts are released", () =>
    Effect.gen(function*() {
      const texts = Array.from({ length: 12 }, (_, i) => `Antwoord ${i}`)
      const withheld = yield* OpenAnswers.prepare({ respondents: 9, texts, policy: DisclosurePolicy.standard })
      expect(withheld._tag).toBe("Withheld")
      const held = yield* OpenAnswers.prepare({ respondents: 10, texts, policy: DisclosurePolicy.standard })
      if (held._tag !== "HeldForReview") throw new Error("expected HeldForReview")
      expect(held.items.map((i) => i.text).sort()).toEqual([...texts].sort())
      expect(OpenAnswers.release(held, new Set([held.items[0]!.id, held.items[5]!.id]))).toEqual([held.items[0]!.text, held.items[5]!.text])
    }))

  it("the shown order does not follow the order of answering (Kendall's tau over 200 shuffles is close to 0)", () =>
    Effect.gen(function*() {
      const texts = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, "0")}`)
      let tau = 0
      for (let run = 0; run < 200; run++) {
        const held = yield* OpenAnswers.prepare({ respondents: 20, texts, policy: DisclosurePolicy.standard })
        const order = held._tag === "HeldForReview" ? held.items.map((i) => Number(i.text.slice(1))) : []
        let concordant = 0
        let discordant = 0
        for (let i = 0; i < order.length; i++) {
          for (let j = i + 1; j < order.length; j++) (order[i]! < order[j]! ? concordant++ : discordant++)
        }
        tau += (concordant - discordant) / (concordant + discordant)
      }
      expect(Math.abs(tau / 200)).toBeLessThan(0.05)
    }).pipe(Effect.withRandom(Random.make("kendall"))))
})

describe("ReleaseLedger.check", () => {
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `ans_${from + i}`)
  const entry = (releaseId: string, groups: Record<string, ReadonlyArray<string>>) =>
    new ReleaseLedger.Entry({ releaseId, groups: Object.entries(groups).map(([key, answers]) => new ReleaseLedger.Covered({ key, answers })) })

  it("'all 40 foster families' and later 'the 39 outside one municipality' is refused: one person apart", () => {
    const first = entry("r1", { FosterFamily: ids(1, 40) })
    const refused = ReleaseLedger.check([first], entry("r2", { "FosterFamily-zonder-Heumen": ids(2, 40) }), DisclosurePolicy.standard)
    expect(Either.isLeft(refused) && refused.left.conflicts).toEqual([{ group: "FosterFamily-zonder-Heumen", earlier: "FosterFamily", releaseId: "r1" }])
  })

  it("a report made again after one late answer is refused; made again with the same answers it is fine", () => {
    const first = entry("r1", { all: ids(1, 10) })
    expect(Either.isLeft(ReleaseLedger.check([first], entry("r2", { all: ids(1, 11) }), DisclosurePolicy.standard))).toBe(true)
    expect(Either.isRight(ReleaseLedger.check([first], entry("r2", { all: ids(1, 10) }), DisclosurePolicy.standard))).toBe(true)
    // five more people apart is enough
    expect(Either.isRight(ReleaseLedger.check([first], entry("r2", { all: ids(1, 15) }), DisclosurePolicy.standard))).toBe(true)
  })

  it("groups without answers in common never conflict", () => {
    expect(Either.isRight(ReleaseLedger.check([entry("r1", { a: ids(1, 6) })], entry("r2", { b: ids(7, 12) }), DisclosurePolicy.standard))).toBe(true)
  })
})
