/**
 * A survey over HTTP, from the draft to the start report, and how its core
 * errors come out.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { ReleaseLedger, type Survey, SurveyStorage } from "@pleegzorg/core"
import {
  call,
  closedSurvey,
  draftSurvey,
  invitedSurvey,
  invitees,
  openTrack,
  organiser,
  storedSurveys,
  surveyCodes,
  TestServer
} from "./fixtures.js"

const title = { nl: "Hoe gaat pleegzorg bij ons?", en: "How is foster care going here?" }
const topics = ["school", "vakantie", "rouw", "geld", "werk", "zorg", "sport", "vrienden", "familie", "verhuizen", "wonen"]

/** No URL in the page that points elsewhere: no script, style, image, font or link to fetch. */
const expectSelfContained = (html: string) => {
  expect(html).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:|\/\/)/i)
  expect(html).not.toMatch(/<link\b/i)
  expect(html).not.toMatch(/@import/i)
  expect(html).not.toMatch(/url\(\s*["']?\s*(?!data:)/i)
  expect(html).not.toMatch(/<script[^>]+src=/i)
}

describe("a survey from draft to start report", () => {
  it.live("create, adapt, open, invite, questionnaire, answer, remind, close, review, figures, report", () =>
    Effect.gen(function*() {
      // The organiser creates a draft with the default questionnaires.
      const trackId = yield* openTrack
      const created = yield* organiser("POST", `/tracks/${trackId}/surveys`, { body: {} })
      expect(created.status, created.text).toBe(201)
      expect(created.body).toMatchObject({ trackId, region: "JZ32", status: { _tag: "Draft" }, groups: {}, openAnswers: [], version: 1 })
      expect(created.body.title.nl).toBe("Vragenlijst over pleegzorg in Rijk van Nijmegen")
      expect(created.body.questionnaires.map((q: any) => q.audience)).toEqual(["FosterFamily", "Parent", "CareWorker", "PolicyMaker"])
      expect(created.body.policy).toMatchObject({ minGroup: 5, freeText: 10, overrides: [] })
      const surveyId: string = created.body.id

      // It adapts the title and raises a disclosure rule, with the reason.
      const adapted = yield* organiser("PATCH", `/surveys/${surveyId}`, {
        body: { title, policy: [{ rule: "rateInvited", value: 6, reason: "Kleine regio", decidedBy: "Regio Rijk van Nijmegen" }] }
      })
      expect(adapted.status, adapted.text).toBe(200)
      expect(adapted.body.version).toBe(2)
      expect(adapted.body.policy.rateInvited).toBe(6)
      expect(adapted.body.policy.overrides).toEqual([
        { rule: "rateInvited", value: 6, reason: "Kleine regio", decidedBy: "Regio Rijk van Nijmegen" }
      ])

      // The organiser's view: everything, as stored.
      const shown = yield* organiser("GET", `/surveys/${surveyId}`)
      expect(shown.status).toBe(200)
      expect(shown.body).toEqual(adapted.body)

      // Opened: the questionnaires are frozen.
      const opened = yield* organiser("POST", `/surveys/${surveyId}/open`)
      expect(opened.status).toBe(200)
      expect(opened.body.status._tag).toBe("Open")
      const again = yield* organiser("POST", `/surveys/${surveyId}/open`)
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ _tag: "Conflict", code: "SurveyStateConflict" })
      const late = yield* organiser("PATCH", `/surveys/${surveyId}`, { body: { title: { nl: "Anders", en: "Other" } } })
      expect(late.status).toBe(409)
      expect(late.body.code).toBe("SurveyStateConflict")
      expect(late.body.text.en).toContain("before it opens")

      // Invitations: 12 foster families, 5 parents, 2 care workers (pooled with policy makers).
      const people = [
        ...invitees(12, "FosterFamily", "gezin"),
        ...invitees(5, "Parent", "ouder"),
        { ...invitees(1, "CareWorker", "hulpverlener")[0]!, name: "Fatima Yilmaz", language: "en" },
        ...invitees(1, "CareWorker", "werker")
      ]
      const sent = yield* organiser("POST", `/surveys/${surveyId}/invitations`, { body: { invitees: people } })
      expect(sent.status, sent.text).toBe(200)
      expect(sent.body).toEqual({
        invited: 19,
        skipped: 0,
        groups: { FosterFamily: "FosterFamily", Parent: "Parent", CareWorker: "Professionals", PolicyMaker: "Professionals" }
      })
      const codes = yield* surveyCodes
      expect(codes.size).toBe(19)
      // The codes go out by mail only.
      for (const code of codes.values()) expect(sent.text).not.toContain(code)
      const twice = yield* organiser("POST", `/surveys/${surveyId}/invitations`, { body: { invitees: people.slice(0, 1) } })
      expect(twice.body).toMatchObject({ invited: 0, skipped: 1 })

      // A foster family fetches its questionnaire with the code in the body…
      const anna = codes.get("gezin0@example.org")!
      const form = yield* call("POST", "/survey/questionnaire", { body: { token: anna } })
      expect(form.status, form.text).toBe(200)
      expect(form.body.survey).toMatchObject({ id: surveyId, title, regionName: "Rijk van Nijmegen", pooled: false })
      expect(form.body.survey.group.nl).toBe("Pleeggezinnen")
      expect(form.body.questionnaire.audience).toBe("FosterFamily")
      expect(form.body.questionnaire.questions.map((q: any) => q._tag)).toContain("Likert")
      expect(form.text).not.toContain("gezin0@example.org")
      // …or in the header X-Invitation-Token; a care worker sees that they are pooled.
      const pooled = yield* call("POST", "/survey/questionnaire", {
        body: {},
        headers: { "x-invitation-token": codes.get("hulpverlener0@example.org")! }
      })
      expect(pooled.status, pooled.text).toBe(200)
      expect(pooled.body.survey.pooled).toBe(true)
      expect(pooled.body.questionnaire.audience).toBe("CareWorker")

      // Answers that do not fit: 422 with every problem per question, nothing stored.
      const before = yield* storedSurveys
      const refused = yield* call("POST", "/survey/answers", {
        body: {
          token: anna,
          answers: { "gaat-goed": 9, "jaren-betrokken": 99, "onderwerpen": [0, 0], "bestaat-niet": 1 }
        }
      })
      expect(refused.status, refused.text).toBe(422)
      expect(refused.body).toMatchObject({ _tag: "AnswersRefused", code: "AnswersRefused" })
      expect(refused.body.problems.map((p: any) => p.question).sort()).toEqual(
        ["bestaat-niet", "gaat-goed", "jaren-betrokken", "onderwerpen"]
      )
      const range = refused.body.problems.find((p: any) => p.question === "jaren-betrokken")
      expect(range.text).toEqual({ nl: "Vul een heel getal in van 0 tot en met 40.", en: "Fill in a whole number from 0 to 40." })
      expect(range.message).toBe("Vul een heel getal in van 0 tot en met 40. / Fill in a whole number from 0 to 40.")
      expect(yield* storedSurveys).toEqual(before)
      expect(before.surveys[surveyId]!.answers).toEqual([])

      // Eleven foster families answer, with a free text.
      const families = [...codes.entries()].filter(([email]) => email.startsWith("gezin")).slice(0, 11).map(([, code]) => code)
      for (const [i, token] of families.entries()) {
        const answered = yield* call("POST", "/survey/answers", {
          body: {
            token,
            answers: {
              "gaat-goed": 1 + (i % 5),
              "jaren-betrokken": i,
              "onderwerpen": [i % 6],
              "wat-kan-beter": `Meer steun bij ${topics[i]}, zegt Jan. Bel 06-12345678.`
            }
          }
        })
        expect(answered.status, answered.text).toBe(200)
        expect(answered.body.thanks.nl).toContain("Dank je wel")
        expect(answered.body.thanks.en).toContain("Thank you")
      }
      expect((yield* storedSurveys).surveys[surveyId]!.answers).toHaveLength(11)

      // Each invitation answers once.
      const second = yield* call("POST", "/survey/answers", { body: { token: anna, answers: { "gaat-goed": 5 } } })
      expect(second.status).toBe(409)
      expect(second.body).toMatchObject({ _tag: "Conflict", code: "AlreadyAnswered" })
      const reread = yield* call("POST", "/survey/questionnaire", { body: { token: anna } })
      expect(reread.status).toBe(409)
      expect(reread.body.code).toBe("AlreadyAnswered")
      const unknown = yield* call("POST", "/survey/answers", { body: { token: "A".repeat(43), answers: {} } })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toMatchObject({ _tag: "NotFound", code: "InvitationNotFound" })
      expect(unknown.body.text.en).toContain("does not belong to a survey that is open now")

      // No results while the survey is open.
      for (const path of ["report", "report.md", "report.html", "report.csv"]) {
        const early = yield* organiser("GET", `/surveys/${surveyId}/${path}`)
        expect(early.status, path).toBe(409)
        expect(early.headers["content-type"]).toContain("application/json")
        expect(early.body).toMatchObject({ _tag: "Conflict", code: "SurveyStateConflict" })
        expect(early.body.text.en).toContain("only after the survey has closed")
      }

      // A reminder goes to everyone who has not answered, with a new code; the parents answer with it.
      const reminded = yield* organiser("POST", `/surveys/${surveyId}/reminders`)
      expect(reminded.status).toBe(200)
      expect(reminded.body).toEqual({ reminded: 8 })
      const reminders = yield* surveyCodes
      expect(reminders.size).toBe(8)
      expect(reminders.has("gezin0@example.org")).toBe(false)
      for (const [email, token] of reminders) {
        expect(reminded.text).not.toContain(token)
        if (!email.startsWith("ouder")) continue
        const parent = yield* call("POST", "/survey/answers", { body: { token, answers: { "gaat-goed": 3 } } })
        expect(parent.status).toBe(200)
      }

      // Closing: no more answers; the free texts of the foster families (11, at least 10) wait for review.
      const closed = yield* organiser("POST", `/surveys/${surveyId}/close`)
      expect(closed.status).toBe(200)
      expect(closed.body.status._tag).toBe("Closed")
      const items = closed.body.openAnswers
      expect(items).toHaveLength(11)
      expect(items.every((i: any) => i.group === "FosterFamily" && i.decision === "pending")).toBe(true)
      expect(items.every((i: any) => i.text.includes("[telefoon]") && !i.text.includes("06-12345678"))).toBe(true)
      expect((yield* organiser("POST", `/surveys/${surveyId}/close`)).status).toBe(409)
      const afterClose = yield* call("POST", "/survey/questionnaire", { body: { token: codes.get("gezin11@example.org")! } })
      expect(afterClose.status).toBe(404)
      expect(afterClose.body.code).toBe("InvitationNotFound")

      // The organiser approves one free text and rejects another.
      const reviewed = yield* organiser("PUT", `/surveys/${surveyId}/open-answers`, {
        body: [
          { group: "FosterFamily", question: "wat-kan-beter", position: items[0].position, approved: true },
          { group: "FosterFamily", question: "wat-kan-beter", position: items[1].position, approved: false }
        ]
      })
      expect(reviewed.status, reviewed.text).toBe(200)
      expect(reviewed.body.openAnswers.map((i: any) => i.decision).sort()).toEqual(
        ["approved", "pending", "pending", "pending", "pending", "pending", "pending", "pending", "pending", "pending", "rejected"]
      )
      const nonsense = yield* organiser("PUT", `/surveys/${surveyId}/open-answers`, {
        body: [{ group: "FosterFamily", question: "wat-kan-beter", position: 999, approved: true }]
      })
      expect(nonsense.status).toBe(400)
      expect(nonsense.body.code).toBe("InvalidInput")
      expect(nonsense.body.issues[0].text.en).toContain("refer to an answer that does not exist")

      // Regional figures from CSV.
      const csv = "indicator,region,period,value,unit,source,invented\npleegkinderen,JZ32,2023,410,kinderen,Voorbeeldbron,ja\n"
      const imported = yield* organiser("POST", "/regional-figures", { raw: csv, contentType: "text/csv" })
      expect(imported.status, imported.text).toBe(200)
      expect(imported.body).toEqual({ imported: 1 })

      // The start report as data: protected figures, the approved text, the figures.
      const report = yield* organiser("GET", `/surveys/${surveyId}/report`)
      expect(report.status, report.text).toBe(200)
      expect(report.headers["content-type"]).toContain("application/json")
      expect(report.body.survey).toMatchObject({ id: surveyId, title, region: "JZ32", regionName: "Rijk van Nijmegen" })
      expect(report.body.survey.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Object.keys(report.body.release).sort()).toEqual(["cells", "flags", "policy", "questions"])
      const cell = (key: string) => report.body.release.cells.find((c: any) => c.key === key)
      expect(cell("group:FosterFamily").respondents).toEqual({ _tag: "Shown", value: 11 })
      expect(cell("group:FosterFamily").responseRate).toEqual({ _tag: "Shown", value: 92 })
      // Two care workers invited, none answered: a group under 5 is not shown, and says why.
      expect(cell("group:Professionals").respondents).toMatchObject({
        _tag: "Suppressed",
        reason: { _tag: "TooFewRespondents", minimum: 5 }
      })
      expect(cell("group:Professionals").respondents.reason.text.en.length).toBeGreaterThan(10)
      expect(report.body.release.policy.overrides).toHaveLength(1)
      const likert = report.body.release.questions.find((q: any) => q.id === "gaat-goed")
      const figure = likert.cells.find((c: any) => c.key === "group:FosterFamily").figure
      expect(figure).toMatchObject({ _tag: "Shown", value: { _tag: "Likert", answered: 11 } })
      expect(report.body.questions.map((q: any) => q.id)).toContain("jaren-betrokken")
      const texts = report.body.openAnswers.find((t: any) => t.group === "FosterFamily" && t.question === "wat-kan-beter")
      expect(texts).toEqual({ group: "FosterFamily", question: "wat-kan-beter", texts: [items[0].text], withheld: null, pendingReview: 9 })
      expect(report.body.openAnswers.find((t: any) => t.group === "Parent" && t.question === "wat-kan-beter").withheld.en)
        .toContain("at least 10")
      expect(report.body.figures).toEqual([
        { indicator: "pleegkinderen", area: "JZ32", period: "2023", value: 410, unit: "kinderen", source: "Voorbeeldbron", invented: true }
      ])
      // Nothing of the invitations is in it: no codes, no addresses, no rejected text.
      for (const code of [...codes.values(), ...reminders.values()]) expect(report.text).not.toContain(code)
      expect(report.text).not.toContain("@example.org")
      expect(report.text).not.toContain(items[1].text)

      // As Markdown, Dutch by default and English on request.
      const markdown = yield* organiser("GET", `/surveys/${surveyId}/report.md`)
      expect(markdown.status).toBe(200)
      expect(markdown.headers["content-type"]).toBe("text/markdown; charset=utf-8")
      expect(markdown.headers["content-language"]).toBe("nl")
      expect(markdown.text).toContain(`# ${title.nl}`)
      const english = yield* organiser("GET", `/surveys/${surveyId}/report.md?lang=en`)
      expect(english.status).toBe(200)
      expect(english.headers["content-language"]).toBe("en")
      expect(english.text).toContain(`# ${title.en}`)
      const german = yield* organiser("GET", `/surveys/${surveyId}/report.md?lang=de`)
      expect(german.status).toBe(400)
      expect(german.body.issues[0].path).toBe("lang")

      // As one self-contained HTML page, that loads nothing and runs nothing.
      const html = yield* organiser("GET", `/surveys/${surveyId}/report.html?lang=en`)
      expect(html.status).toBe(200)
      expect(html.headers["content-type"]).toBe("text/html; charset=utf-8")
      expect(html.headers["content-security-policy"]).toContain("default-src 'none'")
      expect(html.headers["content-security-policy"]).not.toContain("script-src")
      expect(html.headers["x-frame-options"]).toBe("DENY")
      expect(html.headers["cache-control"]).toBe("no-store")
      expect(html.text).toMatch(/^<!DOCTYPE html>/i)
      expect(html.text).toContain("<html lang=\"en\"")
      expect(html.text).toContain(title.en)
      expect(html.text).not.toMatch(/<script/i)
      expectSelfContained(html.text)

      // As CSV: the protected figures only.
      const table = yield* organiser("GET", `/surveys/${surveyId}/report.csv`)
      expect(table.status).toBe(200)
      expect(table.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(table.headers["content-disposition"]).toBe(`attachment; filename="startrapport-${surveyId}.csv"`)
      expect(table.text.split("\n")[0]).toBe("question,cell,label,answered,value,detail,suppressed")
      expect(table.text).toContain("group:FosterFamily")

      // Every report went through the ledger; the same figures asked for again are the same release.
      expect((yield* storedSurveys).surveys[surveyId]!.releases).toEqual([report.body.releaseId])
      const sameAgain = yield* organiser("GET", `/surveys/${surveyId}/report`)
      expect(sameAgain.body.releaseId).toBe(report.body.releaseId)
    }).pipe(Effect.provide(TestServer)))

  it.live("a report that would differ too little from an earlier release is refused (409) and not recorded", () =>
    Effect.gen(function*() {
      const surveyId = yield* closedSurvey(8)
      // An earlier release of everyone but one: the next report's "everyone" would give that one away.
      const answers = yield* (yield* SurveyStorage.AnswerRepository).coverage(surveyId as Survey.SurveyId)
      yield* (yield* SurveyStorage.ReleaseRepository).append(surveyId as Survey.SurveyId, new ReleaseLedger.Entry({
        releaseId: "rel_earlier",
        groups: [new ReleaseLedger.Covered({ key: "all", answers: answers.slice(1).map((a) => a.id) })]
      }))
      const before = yield* storedSurveys
      for (const path of ["report", "report.md", "report.html", "report.csv"]) {
        const reply = yield* organiser("GET", `/surveys/${surveyId}/${path}`)
        expect(reply.status, path).toBe(409)
        expect(reply.body).toMatchObject({ _tag: "Conflict", code: "OverlapRefused" })
        expect(reply.body.text.nl).toContain("minder dan 5 mensen")
        expect(reply.body.text.en).toContain("fewer than 5 people")
        expect(reply.body.message).toBe(`${reply.body.text.nl} / ${reply.body.text.en}`)
      }
      expect(yield* storedSurveys).toEqual(before)
    }).pipe(Effect.provide(TestServer)))
})

describe("survey errors as HTTP", () => {
  it.live("an unknown track or survey is 404; a malformed survey id is 400", () =>
    Effect.gen(function*() {
      const track = yield* organiser("POST", `/tracks/trk_${"0".repeat(20)}/surveys`, { body: {} })
      expect(track.status).toBe(404)
      expect(track.body.code).toBe("TrackNotFound")
      for (const [method, path] of [
        ["GET", ""],
        ["POST", "/open"],
        ["POST", "/close"],
        ["POST", "/reminders"],
        ["GET", "/report"],
        ["GET", "/report.csv"]
      ] as const) {
        const reply = yield* organiser(method, `/surveys/srv_${"0".repeat(20)}${path}`)
        expect(reply.status, path).toBe(404)
        expect(reply.body).toMatchObject({ _tag: "NotFound", code: "SurveyNotFound" })
        expect(reply.body.text.en).toContain("There is no survey")
      }
      const malformed = yield* organiser("GET", "/surveys/srv_123")
      expect(malformed.status).toBe(400)
      expect(malformed.body.issues[0].path).toBe("surveyId")
      expect(malformed.body.issues[0].text.en).toBe("This is not a valid survey id.")
    }).pipe(Effect.provide(TestServer)))

  it.live("questionnaires and policies that break their rules are 422 with every problem; nothing is stored", () =>
    Effect.gen(function*() {
      const surveyId = yield* draftSurvey
      const before = yield* storedSurveys
      const shown = yield* organiser("GET", `/surveys/${surveyId}`)
      const questionnaire = shown.body.questionnaires[0]
      const twice = yield* organiser("PATCH", `/surveys/${surveyId}`, {
        body: {
          questionnaires: [
            questionnaire,
            {
              ...questionnaire,
              questions: [
                ...questionnaire.questions,
                { _tag: "Number", id: "leeftijd", text: { nl: "Leeftijd", en: "Age" }, required: false, min: 10, max: 5 }
              ]
            }
          ]
        }
      })
      expect(twice.status, twice.text).toBe(422)
      expect(twice.body).toMatchObject({ _tag: "Unprocessable", code: "InvalidQuestionnaire" })
      expect(twice.body.problems).toHaveLength(2)
      expect(twice.body.problems.map((p: any) => p.en).join(" ")).toContain("two questionnaires for foster families")
      const policy = yield* organiser("PATCH", `/surveys/${surveyId}`, {
        body: { policy: [{ rule: "minGroup", value: 2, reason: "Klein", decidedBy: "Regio" }] }
      })
      expect(policy.status).toBe(422)
      expect(policy.body).toMatchObject({ _tag: "Unprocessable", code: "InvalidPolicy" })
      expect(policy.body.problems[0].en).toContain("cannot go below 3")
      const create = yield* organiser("POST", `/tracks/${shown.body.trackId}/surveys`, {
        body: { policy: [{ rule: "freeText", value: 1, reason: "Alles", decidedBy: "Regio" }] }
      })
      expect(create.status).toBe(422)
      expect(create.body.code).toBe("InvalidPolicy")
      expect(yield* storedSurveys).toEqual(before)
    }).pipe(Effect.provide(TestServer)))

  it.live("inviting or reminding for a draft, or reviewing an open survey, is 409", () =>
    Effect.gen(function*() {
      const surveyId = yield* draftSurvey
      const before = yield* storedSurveys
      const invite = yield* organiser("POST", `/surveys/${surveyId}/invitations`, { body: { invitees: invitees(1, "Parent") } })
      expect(invite.status).toBe(409)
      expect(invite.body.code).toBe("SurveyStateConflict")
      const remind = yield* organiser("POST", `/surveys/${surveyId}/reminders`)
      expect(remind.status).toBe(409)
      const close = yield* organiser("POST", `/surveys/${surveyId}/close`)
      expect(close.status).toBe(409)
      expect(close.body.text.en).toBe("Only an open survey can be closed.")
      expect(yield* storedSurveys).toEqual(before)
      const { surveyId: open } = yield* invitedSurvey(2)
      const review = yield* organiser("PUT", `/surveys/${open}/open-answers`, { body: [] })
      expect(review.status).toBe(409)
      expect(review.body.text.en).toContain("reviewed after closing")
    }).pipe(Effect.provide(TestServer)))

  it.live("a CSV of regional figures with bad lines is 422 naming every line; nothing is imported", () =>
    Effect.gen(function*() {
      const before = yield* storedSurveys
      const csv = [
        "indicator,region,period,value,unit,source,invented",
        "pleegkinderen,JZ32,2023,410,kinderen,Bron,nee",
        "pleeggezinnen,JZ32,2023,veel,gezinnen,Bron,nee",
        "pleeggezinnen,Nijmegen,2023,120,gezinnen,Bron,misschien"
      ].join("\n")
      const reply = yield* organiser("POST", "/regional-figures", { raw: csv, contentType: "text/csv; charset=utf-8" })
      expect(reply.status, reply.text).toBe(422)
      expect(reply.body).toMatchObject({ _tag: "InvalidFigures", code: "InvalidFigures" })
      expect(reply.body.problems.map((p: any) => p.line)).toEqual([3, 4])
      expect(reply.body.problems[0].text).toEqual({ nl: "De waarde is geen getal.", en: "The value is not a number." })
      expect(reply.body.text.en).toContain("Nothing was imported")
      const header = yield* organiser("POST", "/regional-figures", { raw: "a,b\n1,2\n", contentType: "text/csv" })
      expect(header.status).toBe(422)
      expect(header.body.problems[0].line).toBe(1)
      expect(header.body.problems[0].text.en).toContain("Missing: indicator")
      expect(yield* storedSurveys).toEqual(before)
    }).pipe(Effect.provide(TestServer)))
})
