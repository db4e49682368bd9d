import { describe, expect, it } from "@effect/vitest"
import { AgendaFinding, Disclosure, DisclosurePolicy } from "@pleegzorg/core"
import * as Either from "effect/Either"

const text = (s: string) => ({ nl: s, en: s })

// A release in which the parents (3) are hidden, and the foster families with them.
const release = Either.getOrThrow(Disclosure.protect({
  cells: [
    { key: "all", label: text("all"), breakdown: 0, respondents: 33 },
    { key: "group:FosterFamily", label: text("ff"), breakdown: 1, respondents: 10 },
    { key: "group:Parent", label: text("p"), breakdown: 1, respondents: 3 },
    { key: "group:Professionals", label: text("pro"), breakdown: 1, respondents: 20 }
  ],
  relations: [{ total: "all", parts: ["group:FosterFamily", "group:Parent", "group:Professionals"] }],
  questions: [{
    id: "samenwerking-ouders",
    label: text("q"),
    cells: {
      "all": { _tag: "Likert", counts: [3, 8, 10, 8, 4] },
      "group:FosterFamily": { _tag: "Likert", counts: [1, 3, 3, 2, 1] },
      "group:Parent": { _tag: "Likert", counts: [1, 1, 1, 0, 0] },
      "group:Professionals": { _tag: "Likert", counts: [1, 4, 6, 6, 3] }
    }
  }]
}, DisclosurePolicy.standard))

const published: AgendaFinding.Published = {
  releases: new Map([["rel_1", release]]),
  figures: new Set(["pleegkinderen|JZ32|2022"])
}

describe("AgendaFinding.checkEvidence", () => {
  it("a shown survey figure, an existing regional figure and a session note may back a statement", () => {
    expect(Either.isRight(AgendaFinding.checkEvidence(new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "samenwerking-ouders", cell: "all" }), published))).toBe(true)
    expect(Either.isRight(AgendaFinding.checkEvidence(new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "", cell: "group:Professionals" }), published))).toBe(true)
    expect(Either.isRight(AgendaFinding.checkEvidence(new AgendaFinding.RegionalFigure({ indicator: "pleegkinderen", area: "JZ32", period: "2022" }), published))).toBe(true)
    expect(Either.isRight(AgendaFinding.checkEvidence(new AgendaFinding.SessionNote({ text: "Ouders voelen zich vaak niet gehoord." }), published))).toBe(true)
  })

  it("a suppressed cell, also one hidden only to protect another, an unknown release or an unknown figure is refused", () => {
    const refuse = (evidence: AgendaFinding.Evidence) => {
      const result = AgendaFinding.checkEvidence(evidence, published)
      return Either.isLeft(result) ? result.left.problem.en : "accepted"
    }
    expect(refuse(new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "samenwerking-ouders", cell: "group:Parent" }))).toContain("was not published")
    expect(refuse(new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "samenwerking-ouders", cell: "group:FosterFamily" }))).toContain("was not published")
    expect(refuse(new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "", cell: "group:Parent" }))).toContain("was not published")
    expect(refuse(new AgendaFinding.SurveyResult({ releaseId: "rel_9", question: "", cell: "all" }))).toBe("This release of the survey does not exist.")
    expect(refuse(new AgendaFinding.RegionalFigure({ indicator: "pleegkinderen", area: "JZ34", period: "2022" }))).toContain("no regional figure")
  })

  it("checkThemes returns every problem of every statement", () => {
    const themes = [
      new AgendaFinding.Theme({
        name: "Samenwerking tussen pleegouders en ouders",
        statements: [
          new AgendaFinding.Statement({
            kind: "CouldBeBetter",
            text: "Ouders worden te laat betrokken.",
            evidence: [
              new AgendaFinding.SurveyResult({ releaseId: "rel_1", question: "samenwerking-ouders", cell: "group:Parent" }),
              new AgendaFinding.SessionNote({ text: "Gehoord in groep 2." })
            ]
          }),
          new AgendaFinding.Statement({
            kind: "GoesWell",
            text: "Professionals zijn positief.",
            evidence: [new AgendaFinding.RegionalFigure({ indicator: "wachtende-kinderen", area: "JZ32", period: "2022" })]
          })
        ]
      })
    ]
    const result = AgendaFinding.checkThemes(themes, published)
    expect(Either.isLeft(result) && result.left.length).toBe(2)
  })
})
