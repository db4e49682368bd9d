// The survey part of the storage contract (see StorageContract.run).
import { describe, expect } from "@effect/vitest"
import type { Vitest } from "@effect/vitest"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { SurveyInvited } from "../DomainEvent.js"
import * as Entropy from "../Entropy.js"
import type { Geography } from "../Geography.js"
import { Outbox } from "../Outbox.js"
import type { MunicipalityCode } from "../Municipality.js"
import { Figure } from "../RegionalFigures.js"
import type { Email } from "../Registration.js"
import type { Registrations } from "../Registrations.js"
import * as ReleaseLedger from "../ReleaseLedger.js"
import { TrackRepository, type Transactor } from "../Storage.js"
import * as Survey from "../Survey.js"
import * as SurveyAnswer from "../SurveyAnswer.js"
import * as SurveyInvitation from "../SurveyInvitation.js"
import { Surveys } from "../Surveys.js"
import {
  AnswerRepository,
  InvitationRepository,
  RegionalFigureRepository,
  ReleaseRepository,
  SurveyRepository
} from "../SurveyStorage.js"
import type { Tracks } from "../Tracks.js"
import * as Fixtures from "./fixtures.js"

type Services =
  | Transactor
  | TrackRepository
  | SurveyRepository
  | InvitationRepository
  | AnswerRepository
  | ReleaseRepository
  | RegionalFigureRepository
  | Outbox
  | Tracks
  | Registrations
  | Surveys
  | Entropy.Entropy
  | Geography

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")

const newSurvey = Effect.gen(function*() {
  const track = yield* Fixtures.track()
  yield* (yield* TrackRepository).insert(track)
  return yield* Fixtures.survey(track)
})

const answer = (
  surveyId: Survey.SurveyId,
  group: Survey.ReportGroup,
  values: Record<string, SurveyAnswer.Value>,
  municipality?: string
) =>
  Effect.map(Entropy.makeId("ans"), (id) =>
    SurveyAnswer.Answer.make({
      id: id as SurveyAnswer.AnswerId,
      surveyId,
      group,
      municipality: Option.fromNullable(municipality as MunicipalityCode | undefined),
      values
    }))

const invitation = (surveyId: Survey.SurveyId, audience: Survey.Audience, email: string) =>
  Effect.map(Entropy.makeId("inv"), (id) =>
    SurveyInvitation.Invitation.make({
      id: id as SurveyInvitation.InvitationId,
      surveyId,
      audience,
      municipality: Option.none(),
      contact: Option.some({
        name: Option.some("Anna de Vries"),
        email: email as Email,
        language: "nl" as const
      }),
      used: false,
      reminders: 0
    }))

/** @internal */
export const tests = (it: Vitest.MethodsNonLive<Services>): void => {
  describe("surveys", () => {
    it.effect("a survey reads back as written; an update on an outdated copy is refused", () =>
      Effect.gen(function*() {
        const repo = yield* SurveyRepository
        const survey = yield* newSurvey
        yield* repo.insert(survey)
        expect(yield* repo.get(survey.id)).toEqual(Option.some(survey))
        expect(yield* repo.getForUpdate(survey.id)).toEqual(Option.some(survey))
        const opened = new Survey.Survey({ ...survey, status: new Survey.Open({ since: DateTime.unsafeMake("2030-01-01T00:00:00Z") }), version: 2 })
        yield* repo.update(opened)
        expect((yield* Effect.flip(repo.update(new Survey.Survey({ ...survey, version: 2 }))))._tag).toBe("StorageError")
        expect(yield* repo.listByTrack(survey.trackId)).toEqual([opened])
      }))

    it.effect("invitations: tokens by hash, used and reminders stored, counts per audience, contacts erased", () =>
      Effect.gen(function*() {
        const repo = yield* InvitationRepository
        const survey = yield* newSurvey
        yield* (yield* SurveyRepository).insert(survey)
        const rows = [
          yield* invitation(survey.id, "FosterFamily", "a@example.org"),
          yield* invitation(survey.id, "FosterFamily", "b@example.org"),
          yield* invitation(survey.id, "PolicyMaker", "c@example.org")
        ]
        yield* repo.insert(rows)
        yield* repo.addToken(rows[0]!.id, "hash-a-1")
        yield* repo.addToken(rows[0]!.id, "hash-a-2")
        expect(Option.map(yield* repo.findByTokenHash("hash-a-2"), (i) => i.id)).toEqual(Option.some(rows[0]!.id))
        expect(yield* repo.findByTokenHash("hash-unknown")).toEqual(Option.none())
        yield* repo.update(SurveyInvitation.Invitation.make({ ...rows[0]!, used: true, reminders: 1 }))
        expect(Option.map(yield* repo.findByTokenHash("hash-a-1"), (i) => [i.used, i.reminders])).toEqual(Option.some([true, 1]))
        const counts = yield* repo.counts(survey.id)
        expect([...counts].sort((a, b) => (a.audience < b.audience ? -1 : 1))).toEqual([
          { audience: "FosterFamily", invited: 2, used: 1 },
          { audience: "PolicyMaker", invited: 1, used: 0 }
        ])
        expect((yield* repo.listBySurvey(survey.id)).map((i) => i.id)).toEqual(rows.map((r) => r.id).sort())
        expect(yield* repo.eraseContacts(survey.id)).toBe(3)
        expect((yield* repo.listBySurvey(survey.id)).every((i) => Option.isNone(i.contact))).toBe(true)
        expect(Option.map(yield* repo.findByTokenHash("hash-a-1"), (i) => i.used)).toEqual(Option.some(true))
      }))

    it.effect("answers are counted per group, municipality, question and value, and come back only as counts, texts and ids", () =>
      Effect.gen(function*() {
        const repo = yield* AnswerRepository
        const survey = yield* newSurvey
        yield* (yield* SurveyRepository).insert(survey)
        const one = yield* answer(survey.id, "FosterFamily", { "gaat-goed": 4, "onderwerpen": [0, 2], "wat-kan-beter": "Meer tijd." }, "GM0268")
        yield* repo.insert(one)
        yield* repo.insertMany([
          yield* answer(survey.id, "FosterFamily", { "gaat-goed": 4, "jaren-betrokken": 7 }, "GM0268"),
          yield* answer(survey.id, "Professionals", { "gaat-goed": 2, "onderwerpen": [2] })
        ])
        const counts = (yield* repo.counts(survey.id)).map((c) => `${c.group}|${c.municipality}|${c.question}|${c.value}|${c.count}`).sort()
        expect(counts).toEqual([
          "FosterFamily|GM0268||0|2",
          "FosterFamily|GM0268|gaat-goed|4|2",
          "FosterFamily|GM0268|jaren-betrokken|7|1",
          "FosterFamily|GM0268|onderwerpen|-1|1",
          "FosterFamily|GM0268|onderwerpen|0|1",
          "FosterFamily|GM0268|onderwerpen|2|1",
          "Professionals|null||0|1",
          "Professionals|null|gaat-goed|2|1",
          "Professionals|null|onderwerpen|-1|1",
          "Professionals|null|onderwerpen|2|1"
        ].sort())
        expect(yield* repo.freeTexts(survey.id)).toEqual([{ group: "FosterFamily", question: "wat-kan-beter", text: "Meer tijd." }])
        const coverage = yield* repo.coverage(survey.id)
        expect(coverage.map((c) => c.id)).toEqual([...coverage.map((c) => c.id)].sort())
        expect(coverage.find((c) => c.id === one.id)).toEqual({ id: one.id, group: "FosterFamily", municipality: "GM0268" })
        // an answer stored twice is refused, and the batch it was in leaves nothing behind
        const fresh = yield* answer(survey.id, "Parent", { "gaat-goed": 3 })
        expect((yield* Effect.flip(repo.insertMany([fresh, one])))._tag).toBe("StorageError")
        expect((yield* repo.coverage(survey.id)).map((c) => c.id)).not.toContain(fresh.id)
      }))

    it.effect("releases are kept in order; regional figures are replaced by indicator, area and period", () =>
      Effect.gen(function*() {
        const survey = yield* newSurvey
        yield* (yield* SurveyRepository).insert(survey)
        const releases = yield* ReleaseRepository
        const first = ReleaseLedger.Entry.make({ releaseId: "rel_1", groups: [ReleaseLedger.Covered.make({ key: "all", answers: ["ans_a", "ans_b"] })] })
        const second = ReleaseLedger.Entry.make({ releaseId: "rel_2", groups: [] })
        yield* releases.append(survey.id, first)
        yield* releases.append(survey.id, second)
        expect(yield* releases.list(survey.id)).toEqual([first, second])
        const figures = yield* RegionalFigureRepository
        const figure = (value: number, area = "JZ32") =>
          Figure.make({ indicator: "pleegkinderen", area, period: "2023", value, unit: "kinderen", source: "test", invented: true })
        yield* figures.upsert([figure(400), figure(900, "JZ34")])
        yield* figures.upsert([figure(410)])
        expect((yield* figures.listByArea("JZ32")).map((f) => f.value)).toEqual([410])
        expect((yield* figures.listByArea("JZ34")).map((f) => f.value)).toEqual([900])
      }))

    it.effect("the Surveys service on this storage: 20 answers at once, and one invitation used twice at once answers once", () =>
      Effect.gen(function*() {
        const surveys = yield* Surveys
        const track = yield* Fixtures.track()
        yield* (yield* TrackRepository).insert(track)
        const survey = yield* surveys.create({ trackId: track.id })
        yield* surveys.open(survey.id)
        yield* surveys.invite(survey.id, Arr.range(1, 21).map((i) => ({ email: `gezin${i}@example.org`, audience: "FosterFamily" as const })))
        const outbox = yield* Outbox
        const invited: Array<SurveyInvited> = []
        for (;;) {
          const batch = yield* outbox.claim({ now: far, limit: 500, lease: Duration.minutes(1) })
          if (batch.length === 0) break
          for (const e of batch) if (e.event._tag === "SurveyInvited" && e.event.survey.id === survey.id) invited.push(e.event)
          yield* Effect.forEach(batch, (e) => outbox.complete(e.event.id))
        }
        expect(invited).toHaveLength(21)
        yield* Effect.forEach(invited.slice(0, 20), (e, i) => surveys.answer(e.token, { "gaat-goed": 1 + (i % 5) }), { concurrency: "unbounded" })
        const last = invited[20]!.token
        const twice = yield* Effect.forEach([1, 2], () => Effect.either(surveys.answer(last, { "gaat-goed": 3 })), { concurrency: "unbounded" })
        expect(twice.filter((r) => r._tag === "Right")).toHaveLength(1)
        expect(twice.flatMap((r) => (r._tag === "Left" ? [r.left._tag] : []))).toEqual(["AlreadyAnswered"])
        const respondents = (yield* (yield* AnswerRepository).counts(survey.id)).filter((c) => c.question === "").reduce((n, c) => n + c.count, 0)
        expect(respondents).toBe(21)
        const used = (yield* (yield* InvitationRepository).counts(survey.id)).reduce((n, c) => n + c.used, 0)
        expect(used).toBe(21)
      }))
  })
}
