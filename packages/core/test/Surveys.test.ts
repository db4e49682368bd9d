import { describe, expect, it } from "@effect/vitest"
import {
  DomainEvent,
  Entropy,
  Geography,
  MemoryStorage,
  Outbox,
  RegionalFigures,
  Storage,
  Surveys,
  SurveyStorage
} from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"

const services = Surveys.Surveys.Default.pipe(
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerCrypto),
  Layer.provideMerge(Geography.Geography.Default)
)

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")

// The invitations and reminders waiting in the outbox, taken out of it.
const mailed = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({ now: far, limit: 10_000, lease: Duration.minutes(1) })
  yield* Effect.forEach(entries, (e) => outbox.complete(e.event.id))
  return entries.map((e) => e.event).filter((e): e is DomainEvent.SurveyInvited | DomainEvent.SurveyReminded =>
    e._tag === "SurveyInvited" || e._tag === "SurveyReminded"
  )
})

const nijmegen = ["GM0268", "GM0252", "GM0209"]
const invitees = [
  ...Array.from({ length: 40 }, (_, i) => ({ email: `pleeggezin${i}@example.org`, audience: "FosterFamily" as const, municipality: nijmegen[i % 3]! })),
  ...Array.from({ length: 8 }, (_, i) => ({ email: `ouder${i}@example.org`, audience: "Parent" as const, municipality: nijmegen[i % 3]! })),
  ...Array.from({ length: 12 }, (_, i) => ({ email: `hulpverlener${i}@example.org`, audience: "CareWorker" as const, municipality: "GM0268" })),
  ...Array.from({ length: 3 }, (_, i) => ({ name: `Beleid ${i}`, email: `beleid${i}@example.org`, audience: "PolicyMaker" as const, municipality: "GM0268" }))
]

const openSurvey = Effect.gen(function*() {
  const track = yield* Fixtures.track()
  yield* (yield* Storage.TrackRepository).insert(track)
  const surveys = yield* Surveys.Surveys
  const survey = yield* surveys.create({ trackId: track.id })
  yield* surveys.open(survey.id)
  return survey
})

describe("Surveys", () => {
  it.effect("a draft can be adapted; an open survey cannot, and says why", () =>
    Effect.gen(function*() {
      const track = yield* Fixtures.track()
      yield* (yield* Storage.TrackRepository).insert(track)
      const surveys = yield* Surveys.Surveys
      const survey = yield* surveys.create({ trackId: track.id })
      expect(survey.title.nl).toBe("Vragenlijst over pleegzorg in Rijk van Nijmegen")
      const adapted = yield* surveys.adapt(survey.id, { title: { nl: "Hoe gaat pleegzorg bij ons?", en: "How is foster care going here?" } })
      expect(adapted.version).toBe(2)
      yield* surveys.open(survey.id)
      const refused = yield* Effect.flip(surveys.adapt(survey.id, { title: { nl: "x", en: "x" } }))
      expect(refused._tag).toBe("SurveyStateConflict")
      const tooLow = yield* Effect.flip(surveys.create({ trackId: track.id, policy: [{ rule: "minGroup", value: 2, reason: "klein", decidedBy: "regio" }] }))
      expect(tooLow._tag).toBe("InvalidPolicy")
    }).pipe(Effect.provide(services)))

  it.effect("three policy makers are pooled with the care workers as professionals, and their invitation says so", () =>
    Effect.gen(function*() {
      const survey = yield* openSurvey
      const surveys = yield* Surveys.Surveys
      const result = yield* surveys.invite(survey.id, invitees)
      expect(result).toMatchObject({ invited: 63, skipped: 0 })
      expect(result.groups).toEqual({ FosterFamily: "FosterFamily", Parent: "Parent", CareWorker: "Professionals", PolicyMaker: "Professionals" })
      const events = yield* mailed
      expect(events).toHaveLength(63)
      const policyMaker = events.find((e) => e.recipient.email === "beleid0@example.org")!
      expect(policyMaker.survey.pooled).toBe(true)
      expect(policyMaker.survey.group.nl).toBe("Professionals (hulpverleners en beleidsmakers)")
      expect(events.find((e) => e.recipient.email === "pleeggezin0@example.org")!.survey.pooled).toBe(false)
      // the same address twice is invited once
      expect(yield* surveys.invite(survey.id, [invitees[0]!])).toMatchObject({ invited: 0, skipped: 1 })
    }).pipe(Effect.provide(services)))

  it.effect("an answer with a token is stored once; a bad answer or a second one with the same invitation stores nothing", () =>
    Effect.gen(function*() {
      const survey = yield* openSurvey
      const surveys = yield* Surveys.Surveys
      yield* surveys.invite(survey.id, invitees.slice(0, 10))
      const [first, second] = yield* mailed
      const form = yield* surveys.questionnaire(first!.token)
      expect(form.questionnaire.audience).toBe("FosterFamily")
      const refused = yield* Effect.flip(surveys.answer(first!.token, { "gaat-goed": 9 }))
      expect(refused._tag).toBe("AnswersRefused")
      const answers = yield* SurveyStorage.AnswerRepository
      expect(yield* answers.coverage(survey.id)).toEqual([])
      yield* surveys.answer(first!.token, { "gaat-goed": 4, "wat-kan-beter": "Meer tijd voor de eigen kinderen." })
      expect((yield* Effect.flip(surveys.answer(first!.token, { "gaat-goed": 2 })))._tag).toBe("AlreadyAnswered")
      expect((yield* Effect.flip(surveys.questionnaire(first!.token)))._tag).toBe("AlreadyAnswered")
      expect((yield* Effect.flip(surveys.answer("x".repeat(43), {})))._tag).toBe("InvitationNotFound")
      const stored = yield* answers.coverage(survey.id)
      expect(stored).toHaveLength(1)
      // the stored answer holds no token, no hash and no time: only these fields
      expect(Object.keys(stored[0]!).sort()).toEqual(["group", "id", "municipality"])
      // a reminder goes only to those who did not answer, with a new token that works
      expect(yield* surveys.remind(survey.id)).toBe(9)
      const reminders = yield* mailed
      expect(reminders.map((r) => r.recipient.email)).not.toContain(first!.recipient.email)
      const reminder = reminders.find((r) => r.recipient.email === second!.recipient.email)!
      expect(reminder.token).not.toBe(second!.token)
      yield* surveys.answer(reminder.token, { "gaat-goed": 5 })
      expect((yield* Effect.flip(surveys.answer(second!.token, { "gaat-goed": 5 })))._tag).toBe("AlreadyAnswered")
    }).pipe(Effect.provide(services)))

  it.effect("answer ids do not follow the order of answering", () =>
    Effect.gen(function*() {
      const survey = yield* openSurvey
      const surveys = yield* Surveys.Surveys
      yield* surveys.invite(survey.id, invitees.slice(0, 40))
      const events = yield* mailed
      for (const [i, e] of events.entries()) yield* surveys.answer(e.token, { "gaat-goed": 1 + (i % 5) })
      // coverage is by id; the order of answering is that of `events`
      const byId = (yield* (yield* SurveyStorage.AnswerRepository).coverage(survey.id)).map((a) => a.id)
      const ids = [...byId].sort()
      expect(byId).toEqual(ids)
      expect(new Set(ids).size).toBe(40)
      expect(ids.every((id) => /^ans_[0-9a-z]{20}$/.test(id))).toBe(true)
    }).pipe(Effect.provide(services)))

  it.effect("results only after closing; closing erases names and addresses; the report protects small groups and releases reviewed texts only", () =>
    Effect.gen(function*() {
      const survey = yield* openSurvey
      const surveys = yield* Surveys.Surveys
      yield* surveys.invite(survey.id, invitees)
      const events = yield* mailed
      expect((yield* Effect.flip(surveys.report(survey.id)))._tag).toBe("SurveyStateConflict")
      // 30 foster families, 4 parents, 9 care workers and 2 policy makers answer
      const answering = [
        ...events.filter((e) => e.recipient.email.startsWith("pleeggezin")).slice(0, 30),
        ...events.filter((e) => e.recipient.email.startsWith("ouder")).slice(0, 4),
        ...events.filter((e) => e.recipient.email.startsWith("hulpverlener")).slice(0, 9),
        ...events.filter((e) => e.recipient.email.startsWith("beleid")).slice(0, 2)
      ]
      for (const [i, e] of answering.entries()) {
        yield* surveys.answer(e.token, {
          "gaat-goed": 1 + (i % 5),
          "samenwerking-ouders": 2 + (i % 3),
          ...(i % 4 === 0 ? { "wat-kan-beter": `Meer steun, zegt Jan uit de buurt. Bel 06-1234567${i % 10}.` } : {})
        })
      }
      const closed = yield* surveys.close(survey.id)
      expect(closed.status._tag).toBe("Closed")
      const left = yield* (yield* SurveyStorage.InvitationRepository).listBySurvey(survey.id)
      expect(left.every((i) => i.contact._tag === "None")).toBe(true)
      // foster families have 30 respondents: their free texts wait for review, blacked out
      const pending = closed.openAnswers.filter((i) => i.group === "FosterFamily")
      expect(pending.length).toBeGreaterThan(0)
      expect(pending.every((i) => i.decision === "pending" && i.text.includes("[naam]") && i.text.includes("[telefoon]"))).toBe(true)
      // the professionals (11) are over 10 too; the parents (4) are not
      expect(closed.openAnswers.some((i) => i.group === "Parent")).toBe(false)
      yield* surveys.reviewOpenAnswers(survey.id, [{ group: "FosterFamily", question: "wat-kan-beter", position: pending[0]!.position, approved: true }])

      yield* surveys.importFigures(Either.getOrThrow(RegionalFigures.fromCsv(
        "indicator,region,period,value,unit,source,invented\npleegkinderen,JZ32,2023,410,kinderen,verzonnen voor de test,ja\n"
      )))
      const report = yield* surveys.report(survey.id)
      const cell = (key: string) => report.release.cells.find((c) => c.key === key)!
      expect(cell("group:FosterFamily").respondents).toEqual({ _tag: "Shown", value: 30 })
      expect(cell("group:FosterFamily").responseRate).toEqual({ _tag: "Shown", value: 75 })
      expect(cell("group:Parent").respondents._tag).toBe("Suppressed")
      // with the parents hidden, one more group must go, or everyone − the rest = the parents
      expect(report.release.cells.filter((c) => c.key.startsWith("group:") && c.respondents._tag === "Suppressed").length).toBeGreaterThanOrEqual(2)
      expect(report.release.cells.map((c) => c.key)).toContain("gemeente:GM0209")
      expect(report.figures.map((f) => [f.indicator, f.value])).toEqual([["pleegkinderen", 410]])
      const texts = report.openAnswers.find((t) => t.group === "FosterFamily" && t.question === "wat-kan-beter")!
      expect(texts.texts).toEqual([pending[0]!.text])
      expect(texts.pendingReview).toBe(pending.length - 1)
      expect(report.openAnswers.find((t) => t.group === "Parent" && t.question === "wat-kan-beter")!.withheld?.en).toContain("at least 10")
      // the same report again is allowed, and is the same release: nothing changed
      const again = yield* surveys.report(survey.id)
      expect(again.releaseId).toBe(report.releaseId)
      expect(yield* (yield* SurveyStorage.ReleaseRepository).list(survey.id)).toHaveLength(1)
    }).pipe(Effect.provide(services)))

  it.effect("no log line, at any level, holds a token, an address or an answer", () => {
    const lines: Array<string> = []
    const capture = Logger.make(({ annotations, message }) => lines.push(JSON.stringify([message, [...annotations]])))
    return Effect.gen(function*() {
      const survey = yield* openSurvey
      const surveys = yield* Surveys.Surveys
      yield* surveys.invite(survey.id, invitees.slice(0, 12))
      const events = yield* mailed
      for (const e of events.slice(0, 6)) yield* surveys.answer(e.token, { "gaat-goed": 3, "wat-kan-beter": "Geheime zin 123." })
      yield* Effect.flip(surveys.answer(events[0]!.token, { "gaat-goed": 3 }))
      yield* surveys.remind(survey.id)
      const reminders = yield* mailed
      yield* surveys.close(survey.id)
      const logged = lines.join("\n")
      for (const e of [...events, ...reminders]) {
        expect(logged).not.toContain(e.token)
        expect(logged).not.toContain(e.recipient.email)
      }
      expect(logged).not.toContain("Geheime zin")
    }).pipe(
      Effect.provide(services),
      Effect.provide(Logger.replace(Logger.defaultLogger, capture)),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
  })
})
