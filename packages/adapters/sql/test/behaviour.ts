// What this adapter promises beyond core's storage contract, as a suite that
// runs against any SqlClient layer (the package's tests use SQLite in memory).
import { describe, expect, layer } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  DomainEvent,
  Entropy,
  MatchingStorage,
  MatchScore,
  MentorMatch,
  MentorProfile,
  type Municipality,
  Outbox,
  RegionalFigures,
  Registration,
  ReleaseLedger,
  Storage,
  Survey,
  SurveyAnswer,
  SurveyInvitation,
  SurveyStorage,
  Track
} from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { SqlStorage } from "@pleegzorg/sql"

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")

const drain = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  for (;;) {
    const batch = yield* outbox.claim({ now: far, limit: 500, lease: Duration.minutes(1) })
    if (batch.length === 0) return
    yield* Effect.forEach(batch, (entry) => outbox.complete(entry.event.id))
  }
})

const withdrawnEvent = (track: Track.Track, registration: Registration.Registration) =>
  Effect.map(Entropy.makeId("evt"), (id) =>
    new DomainEvent.RegistrationWithdrawn({
      id: id as DomainEvent.EventId,
      occurredAt: DateTime.unsafeMake("2030-02-01T10:00:00Z"),
      recipient: new DomainEvent.Recipient({
        registrationId: registration.id,
        name: registration.name,
        email: registration.email,
        language: registration.language,
        group: registration.group
      }),
      track: new DomainEvent.TrackSummary({
        id: track.id,
        title: track.title,
        regionName: "Rijk van Nijmegen",
        sessions: track.sessions
      }),
      by: "person"
    }))

const storedSurvey = Effect.gen(function*() {
  const track = yield* Fixtures.track()
  yield* (yield* Storage.TrackRepository).insert(track)
  const survey = yield* Fixtures.survey(track)
  yield* (yield* SurveyStorage.SurveyRepository).insert(survey)
  return survey
})

const municipalities = ["GM0268", "GM0252", "GM0209"] as const

const someAnswer = (surveyId: Survey.SurveyId, i: number) =>
  Effect.map(Entropy.makeId("ans"), (id) =>
    SurveyAnswer.Answer.make({
      id: id as SurveyAnswer.AnswerId,
      surveyId,
      group: i % 4 === 0 ? "Professionals" : "FosterFamily",
      municipality: i % 5 === 0
        ? Option.none()
        : Option.some(municipalities[i % 3]! as Municipality.MunicipalityCode),
      values: {
        "gaat-goed": 1 + (i % 5),
        "onderwerpen": i % 2 === 0 ? [i % 3] : [0, 1 + (i % 3)],
        ...(i % 7 === 0 ? { "wat-kan-beter": `Tekst ${i}` } : {})
      }
    }))

const someInvitation = (surveyId: Survey.SurveyId, i: number) =>
  Effect.map(Entropy.makeId("inv"), (id) =>
    SurveyInvitation.Invitation.make({
      id: id as SurveyInvitation.InvitationId,
      surveyId,
      audience: i % 3 === 0 ? "CareWorker" : "FosterFamily",
      municipality: Option.some(municipalities[i % 3]! as Municipality.MunicipalityCode),
      contact: Option.some({
        name: Option.some(`Marieke Jansen ${i}`),
        email: `marieke.jansen${i}@example.org` as Registration.Email,
        language: "nl" as const
      }),
      used: false,
      reminders: 0
    }))

const someMatch = (prospect: MentorProfile.Prospect, mentor: MentorProfile.Mentor) =>
  Effect.map(Entropy.makeId("mch"), (id) =>
    new MentorMatch.Match({
      id: id as MentorMatch.MatchId,
      prospectId: prospect.id,
      mentorId: mentor.id,
      score: 0.75,
      km: 12.5,
      explanation: { nl: "afstand 12,5 km", en: "distance 12.5 km" },
      weights: MatchScore.standard,
      runId: null,
      status: new MentorMatch.Proposed({ at: DateTime.unsafeMake("2030-02-01T10:00:00Z") }),
      mentorTokenHash: `hash-${id}`,
      prospectTokenHash: null,
      version: 1
    }))

const someRun = (id: string, startedAt: DateTime.Utc) =>
  new MentorMatch.Run({ id, startedAt, finishedAt: null, weightsVersion: "standaard", proposed: 0, unmatched: 0 })

const countKey = (c: SurveyStorage.Count) => `${c.group}|${c.municipality}|${c.question}|${c.value}`

/** Runs the suite against a layer with the storage ports and the client. */
export const run = <E>(name: string, storage: Layer.Layer<SqlStorage.Ports | SqlClient.SqlClient, E>): void => {
  const services = storage.pipe(Layer.provideMerge(Entropy.layerCrypto))

  layer(services, { timeout: Duration.minutes(1) })(`sql storage: ${name}`, (it) => {
    describe("tracks", () => {
      it.effect("an update made on an outdated copy is refused, and the newer one stays", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.TrackRepository
          const track = yield* Fixtures.track()
          yield* repo.insert(track)
          const closed = new Track.Track({
            ...track,
            status: new Track.RegistrationClosed({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z") }),
            version: 2
          })
          const cancelled = new Track.Track({
            ...track,
            status: new Track.Cancelled({ since: DateTime.unsafeMake("2030-03-01T00:00:00Z"), reason: "Geen zaal" }),
            version: 2
          })
          yield* repo.update(closed)
          const refused = yield* Effect.flip(repo.update(cancelled))
          expect(refused._tag).toBe("StorageError")
          expect(refused.operation).toBe("TrackRepository.update")
          expect(yield* repo.get(track.id)).toEqual(Option.some(closed))
        }))

      it.effect("an update of a track that was never stored is refused", () =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track()
          const error = yield* Effect.flip((yield* Storage.TrackRepository).update(track))
          expect(error.operation).toBe("TrackRepository.update")
          expect(yield* (yield* Storage.TrackRepository).get(track.id)).toEqual(Option.none())
        }))
    })

    describe("registrations", () => {
      it.effect("a second active registration with the same email is refused by the database, without personal data in the error", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* Storage.TrackRepository).insert(track)
          const first = yield* Fixtures.registration(track, { sequence: 1, email: "jan.jansen@example.org" })
          const second = yield* Fixtures.registration(track, { sequence: 2, email: "jan.jansen@example.org" })
          yield* repo.insert(first.registration)
          const error = yield* Effect.flip(repo.insert(second.registration))
          expect(error._tag).toBe("StorageError")
          expect(error.message).toMatch(/^RegistrationRepository\.insert: .*unique/)
          expect(error.message).not.toContain("jan.jansen")
          expect(error.message).not.toContain(second.registration.name)
          expect((yield* repo.listByTrack(track.id)).map((r) => r.id)).toEqual([first.registration.id])
        }))

      it.effect("a registration for a track that is not stored is refused", () =>
        Effect.gen(function*() {
          const track = yield* Fixtures.track()
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          const error = yield* Effect.flip((yield* Storage.RegistrationRepository).insert(registration))
          expect(error.message).toMatch(/^RegistrationRepository\.insert: .*refers to does not exist/)
          expect(yield* (yield* Storage.RegistrationRepository).get(registration.id)).toEqual(Option.none())
        }))

      it.effect("a stored row that does not fit the model is a StorageError naming the column, not the value", () =>
        Effect.gen(function*() {
          const repo = yield* Storage.RegistrationRepository
          const track = yield* Fixtures.track()
          yield* (yield* Storage.TrackRepository).insert(track)
          const { registration } = yield* Fixtures.registration(track, { sequence: 1 })
          yield* repo.insert(registration)
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE registrations SET email = ${"geen adres van Piet"} WHERE id = ${registration.id}`
          const error = yield* Effect.flip(repo.get(registration.id))
          expect(error.message).toMatch(/^RegistrationRepository\.get: .* at email$/)
          expect(error.message).not.toContain("Piet")
        }))
    })

    describe("outbox", () => {
      it.effect("dispatchers claiming at the same time never get the same entry", () =>
        Effect.gen(function*() {
          yield* drain
          const outbox = yield* Outbox.Outbox
          const track = yield* Fixtures.track()
          const events = yield* Effect.forEach(Arr.range(1, 40), (sequence) =>
            Effect.flatMap(
              Fixtures.registration(track, { sequence }),
              ({ registration }) => withdrawnEvent(track, registration)
            ))
          yield* outbox.append(events)
          const now = DateTime.unsafeMake("2030-02-01T10:00:00Z")
          const claims = yield* Effect.forEach(
            Arr.range(1, 6),
            () => outbox.claim({ now: DateTime.addDuration(now, Duration.hours(1)), limit: 10, lease: Duration.minutes(5) }),
            { concurrency: "unbounded" }
          )
          const claimed = claims.flatMap((batch) => batch.map((entry) => entry.event.id))
          expect(claimed).toHaveLength(40)
          expect(new Set(claimed)).toEqual(new Set(events.map((e) => e.id)))
        }))
    })

    describe("surveys", () => {
      it.effect("answers in bulk, more than one statement holds, are stored and counted as one at a time would be", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.AnswerRepository
          const survey = yield* storedSurvey
          const answers = yield* Effect.forEach(Arr.range(1, 1234), (i) => someAnswer(survey.id, i))
          yield* repo.insertMany(answers.slice(0, 1200))
          yield* Effect.forEach(answers.slice(1200), repo.insert, { discard: true })
          const expected = new Map<string, number>()
          for (const answer of answers) {
            for (const row of SurveyAnswer.countsOf(answer)) {
              const key = `${answer.group}|${Option.getOrNull(answer.municipality)}|${row.question}|${row.value}`
              expected.set(key, (expected.get(key) ?? 0) + 1)
            }
          }
          const counts = yield* repo.counts(survey.id)
          expect(new Map(counts.map((c) => [countKey(c), c.count]))).toEqual(expected)
          expect(counts).toHaveLength(expected.size)
          const byId = [...answers].sort((a, b) => (a.id < b.id ? -1 : 1))
          expect(yield* repo.coverage(survey.id)).toEqual(
            byId.map((a) => ({ id: a.id, group: a.group, municipality: Option.getOrNull(a.municipality) }))
          )
          expect(yield* repo.freeTexts(survey.id)).toEqual(
            byId.flatMap((a) => {
              const text = a.values["wat-kan-beter"]
              return typeof text === "string" ? [{ group: a.group, question: "wat-kan-beter", text }] : []
            })
          )
        }))

      it.effect("8,000 invitations in one call are stored, beyond the parameters one statement may hold", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.InvitationRepository
          const survey = yield* storedSurvey
          const invitations = yield* Effect.forEach(Arr.range(1, 8000), (i) => someInvitation(survey.id, i))
          yield* repo.insert(invitations)
          const counts = yield* repo.counts(survey.id)
          expect([...counts].sort((a, b) => (a.audience < b.audience ? -1 : 1))).toEqual([
            { audience: "CareWorker", invited: 2666, used: 0 },
            { audience: "FosterFamily", invited: 5334, used: 0 }
          ])
        }))

      it.effect("an update of an invitation changes only used and reminders", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.InvitationRepository
          const survey = yield* storedSurvey
          const invitation = yield* someInvitation(survey.id, 1)
          yield* repo.insert([invitation])
          yield* repo.addToken(invitation.id, "hash-update-only")
          yield* repo.update(SurveyInvitation.Invitation.make({
            ...invitation,
            audience: "PolicyMaker",
            municipality: Option.none(),
            contact: Option.none(),
            used: true,
            reminders: 2
          }))
          expect(yield* repo.findByTokenHash("hash-update-only")).toEqual(
            Option.some(SurveyInvitation.Invitation.make({ ...invitation, used: true, reminders: 2 }))
          )
          const other = yield* someInvitation(survey.id, 2)
          expect((yield* Effect.flip(repo.update(other))).operation).toBe("InvitationRepository.update")
        }))

      it.effect("a token hash stored twice, or for an invitation that is not stored, is refused", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.InvitationRepository
          const survey = yield* storedSurvey
          const invitation = yield* someInvitation(survey.id, 1)
          yield* repo.insert([invitation])
          yield* repo.addToken(invitation.id, "hash-twice")
          expect((yield* Effect.flip(repo.addToken(invitation.id, "hash-twice"))).message).toMatch(/same/)
          const missing = yield* someInvitation(survey.id, 2)
          expect((yield* Effect.flip(repo.addToken(missing.id, "hash-missing"))).message).toMatch(/refers to does not exist/)
        }))

      it.effect("a stored invitation that does not fit is a StorageError naming the column, not the address", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.InvitationRepository
          const survey = yield* storedSurvey
          const invitation = yield* someInvitation(survey.id, 7)
          yield* repo.insert([invitation])
          yield* repo.addToken(invitation.id, "hash-broken")
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()
          yield* sql`UPDATE invitations SET language = NULL WHERE id = ${invitation.id}`
          const error = yield* Effect.flip(repo.findByTokenHash("hash-broken"))
          expect(error.message).toMatch(/^InvitationRepository\.findByTokenHash: a value does not fit/)
          expect(error.message).not.toContain("marieke")
          expect(error.message).not.toContain("Marieke")
        }))

      it.effect("the rows a report reads that do not fit are a StorageError naming the column, not the value", () =>
        Effect.gen(function*() {
          const answers = yield* SurveyStorage.AnswerRepository
          const releases = yield* SurveyStorage.ReleaseRepository
          const survey = yield* storedSurvey
          const answer = yield* someAnswer(survey.id, 1)
          yield* answers.insert(answer)
          const entry = new ReleaseLedger.Entry({
            releaseId: "rel-1",
            groups: [new ReleaseLedger.Covered({ key: "all", answers: [answer.id] })]
          })
          yield* releases.append(survey.id, entry)
          expect(yield* releases.list(survey.id)).toEqual([entry])
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()

          yield* sql`UPDATE answer_counts SET grp = ${"Buren"} WHERE survey_id = ${survey.id} AND question = ''`
          const counts = yield* Effect.flip(answers.counts(survey.id))
          expect(counts.message).toMatch(/^AnswerRepository\.counts: .* at grp$/)
          expect(counts.message).not.toContain("Buren")
          yield* sql`UPDATE answer_counts SET grp = ${answer.group} WHERE survey_id = ${survey.id} AND question = ''`

          yield* sql`UPDATE answers SET municipality = ${"Nijmegen"} WHERE id = ${answer.id}`
          const coverage = yield* Effect.flip(answers.coverage(survey.id))
          expect(coverage.message).toMatch(/^AnswerRepository\.coverage: .* at municipality$/)
          expect(coverage.message).not.toContain("Nijmegen")
          yield* sql`UPDATE answers SET municipality = ${Option.getOrNull(answer.municipality)} WHERE id = ${answer.id}`

          yield* sql`UPDATE survey_releases SET entry = ${`{"releaseId":"rel-1","groups":[{"key":"all","answers":[7]}]}`}
                     WHERE survey_id = ${survey.id}`
          expect((yield* Effect.flip(releases.list(survey.id))).message).toMatch(/^ReleaseRepository\.list: .* at entry$/)
        }))

      it.effect("a figure given twice in one import is stored once, the last one", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.RegionalFigureRepository
          const figure = (value: number, indicator = "wachtende-kinderen") =>
            RegionalFigures.Figure.make({ indicator, area: "JZ20", period: "2024", value, unit: "kinderen", source: "test", invented: true })
          yield* repo.upsert([figure(10), figure(12.5), figure(3, "pleeggezinnen")])
          expect((yield* repo.listByArea("JZ20")).map((f) => [f.indicator, f.value])).toEqual([
            ["pleeggezinnen", 3],
            ["wachtende-kinderen", 12.5]
          ])
        }))
    })

    describe("counts rebuilt from the answers", () => {
      // A survey with `count` answers, stored in bulk and one by one, and its
      // counts as they were maintained.
      const answered = (count: number) =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.AnswerRepository
          const survey = yield* storedSurvey
          const answers = yield* Effect.forEach(Arr.range(1, count), (i) => someAnswer(survey.id, i))
          yield* repo.insertMany(answers.slice(0, count - 5))
          yield* Effect.forEach(answers.slice(count - 5), repo.insert, { discard: true })
          return { survey, answers, counts: yield* repo.counts(survey.id) }
        })

      it.effect("wiping every count and rebuilding, page by page, gives exactly the maintained counts", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.AnswerRepository
          const a = yield* answered(1234)
          const b = yield* answered(300)
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()
          yield* sql`DELETE FROM answer_counts`
          expect(yield* repo.counts(a.survey.id)).toEqual([])

          const rebuilt = yield* SqlStorage.rebuildCounts({ pageSize: 100 })
          expect(yield* repo.counts(a.survey.id)).toEqual(a.counts)
          expect(yield* repo.counts(b.survey.id)).toEqual(b.counts)
          const audit = yield* SqlStorage.auditCounts({ pageSize: 77 })
          expect(audit).toMatchObject({ answers: rebuilt.answers, counts: rebuilt.counts, stored: rebuilt.counts, mismatches: 0 })
          expect(rebuilt.answers).toBeGreaterThanOrEqual(1534)

          // One survey alone: its answers and its rows, nothing else.
          expect(yield* SqlStorage.rebuildCounts({ surveyId: a.survey.id, pageSize: 7 })).toEqual({
            answers: 1234,
            counts: a.counts.length
          })
          expect(yield* repo.counts(a.survey.id)).toEqual(a.counts)
          expect(yield* SqlStorage.auditCounts()).toMatchObject({ mismatches: 0, differences: [] })
        }))

      it.effect("the audit reports a tampered, a missing and a stale count; rebuilding that survey repairs it alone", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.AnswerRepository
          const a = yield* answered(240)
          const b = yield* answered(60)
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()
          const [first, second] = a.counts.filter((c) => c.question === "gaat-goed" && c.municipality !== null)
          const other = b.counts.find((c) => c.question === "")!
          const where = (surveyId: string, c: SurveyStorage.Count) =>
            sql`survey_id = ${surveyId} AND grp = ${c.group} AND municipality = ${c.municipality ?? ""}
                AND question = ${c.question} AND value = ${c.value}`
          yield* sql`UPDATE answer_counts SET n = n + 3 WHERE ${where(a.survey.id, first!)}`
          yield* sql`DELETE FROM answer_counts WHERE ${where(a.survey.id, second!)}`
          yield* sql`INSERT INTO answer_counts (survey_id, grp, municipality, question, value, n)
                     VALUES (${a.survey.id}, ${"Parent"}, ${""}, ${"bestaat-niet"}, ${1}, ${2})`
          yield* sql`UPDATE answer_counts SET n = n + 1 WHERE ${where(b.survey.id, other)}`

          const audit = yield* SqlStorage.auditCounts({ surveyId: a.survey.id })
          expect(audit.answers).toBe(240)
          expect(audit.mismatches).toBe(3)
          const cell = (c: SurveyStorage.Count, stored: number, expected: number) => ({
            surveyId: a.survey.id,
            group: c.group,
            municipality: c.municipality,
            question: c.question,
            value: c.value,
            stored,
            expected
          })
          expect(audit.differences).toEqual(expect.arrayContaining([
            cell(first!, first!.count + 3, first!.count),
            cell(second!, 0, second!.count),
            { surveyId: a.survey.id, group: "Parent", municipality: null, question: "bestaat-niet", value: 1, stored: 2, expected: 0 }
          ]))
          expect((yield* SqlStorage.auditCounts()).mismatches).toBe(4)

          yield* SqlStorage.rebuildCounts({ surveyId: a.survey.id })
          expect(yield* repo.counts(a.survey.id)).toEqual(a.counts)
          expect((yield* SqlStorage.auditCounts({ surveyId: a.survey.id })).mismatches).toBe(0)
          const left = yield* SqlStorage.auditCounts()
          expect(left.differences).toEqual([{
            surveyId: b.survey.id,
            group: other.group,
            municipality: other.municipality,
            question: "",
            value: 0,
            stored: other.count + 1,
            expected: other.count
          }])
          yield* SqlStorage.rebuildCounts()
          expect((yield* SqlStorage.auditCounts()).mismatches).toBe(0)
        }))

      it.effect("an answer that does not decode fails the rebuild naming the column, not the value, and the counts stay", () =>
        Effect.gen(function*() {
          const repo = yield* SurveyStorage.AnswerRepository
          const a = yield* answered(20)
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()
          const broken = a.answers[3]!
          yield* sql`UPDATE answers SET answer_values = ${`{"gaat-goed": 2.75}`} WHERE id = ${broken.id}`
          const error = yield* Effect.flip(SqlStorage.rebuildCounts({ surveyId: a.survey.id }))
          expect(error.operation).toBe("SqlStorage.rebuildCounts")
          expect(error.message).toMatch(/at answer_values$/)
          expect(error.message).not.toContain("2.75")
          expect(yield* repo.counts(a.survey.id)).toEqual(a.counts)
          expect((yield* Effect.flip(SqlStorage.auditCounts({ surveyId: a.survey.id }))).operation).toBe(
            "SqlStorage.auditCounts"
          )
          expect((yield* Effect.flip(SqlStorage.rebuildCounts({ pageSize: 0 }))).message).toMatch(/page size/)
          yield* sql`UPDATE answers SET answer_values = ${JSON.stringify(broken.values)} WHERE id = ${broken.id}`
          expect((yield* SqlStorage.auditCounts({ surveyId: a.survey.id })).mismatches).toBe(0)
        }))
    })

    describe("mentor matching", () => {
      it.effect("3,000 matches in one call are stored; one refused row, in the last statement, leaves none of them", () =>
        Effect.gen(function*() {
          const repo = yield* MatchingStorage.MatchRepository
          const prospects = yield* Effect.forEach(Arr.range(1, 3000), () => Fixtures.prospect())
          const mentor = yield* Fixtures.mentor()
          const batch = yield* Effect.forEach(prospects, (p) => someMatch(p, mentor))

          const refused = yield* Effect.flip(repo.insert([...batch, batch[0]!]))
          expect(refused.message).toMatch(/^MatchRepository\.insert: .*a row with the same key exists|^MatchRepository\.insert: .*unique value exists/)
          expect(yield* repo.listByMentor(mentor.id)).toEqual([])

          yield* repo.insert(batch)
          const stored = yield* repo.listByMentor(mentor.id)
          expect(stored.map((m) => m.id)).toEqual(batch.map((m) => m.id).sort())
          expect(stored.find((m) => m.id === batch[2999]!.id)).toEqual(batch[2999])
        }))

      it.effect("a refused batch inside a transaction undoes only itself: the caller's other writes stay", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Storage.Transactor
          const matches = yield* MatchingStorage.MatchRepository
          const prospect = yield* Fixtures.prospect()
          const mentor = yield* Fixtures.mentor()
          const first = yield* someMatch(prospect, mentor)
          const second = yield* someMatch(prospect, mentor)
          yield* withTransaction(Effect.gen(function*() {
            yield* (yield* MatchingStorage.ProspectRepository).insert(prospect)
            yield* matches.insert([first])
            const exit = yield* Effect.exit(matches.insert([second, first]))
            expect(exit._tag).toBe("Failure")
          }))
          expect(Option.isSome(yield* (yield* MatchingStorage.ProspectRepository).get(prospect.id))).toBe(true)
          expect((yield* matches.listByProspect(prospect.id)).map((m) => m.id)).toEqual([first.id])
        }))

      it.effect("removing a profile deletes its row; its matches stay, with the bare id", () =>
        Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          const prospects = yield* MatchingStorage.ProspectRepository
          const mentors = yield* MatchingStorage.MentorRepository
          const prospect = yield* Fixtures.prospect()
          const mentor = yield* Fixtures.mentor()
          yield* prospects.insert(prospect)
          yield* mentors.insert(mentor)
          const match = yield* someMatch(prospect, mentor)
          yield* (yield* MatchingStorage.MatchRepository).insert([match])

          expect(yield* prospects.remove(prospect.id)).toBe(true)
          expect(yield* mentors.remove(mentor.id)).toBe(true)
          const left = yield* sql<{ readonly n: number | string }>`
            SELECT (SELECT COUNT(*) FROM prospects WHERE id = ${prospect.id})
                 + (SELECT COUNT(*) FROM mentors WHERE id = ${mentor.id}) AS n`
          expect(Number(left[0]?.n)).toBe(0)
          expect(yield* (yield* MatchingStorage.MatchRepository).listByProspect(prospect.id)).toEqual([match])
          expect(yield* (yield* MatchingStorage.MatchRepository).listByMentor(mentor.id)).toEqual([match])
        }))

      it.effect("a stored profile that does not fit is a StorageError naming the field, not the name or address", () =>
        Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          const prospects = yield* MatchingStorage.ProspectRepository
          const prospect = yield* Fixtures.prospect()
          yield* prospects.insert(prospect)
          const broken = JSON.stringify({
            ...Schema.encodeSync(MentorProfile.Prospect)(prospect),
            contact: { name: "Piet Paulusma", email: "geen adres van Piet", language: "nl" }
          })
          yield* sql`UPDATE prospects SET data = ${broken} WHERE id = ${prospect.id}`
          const error = yield* Effect.flip(prospects.get(prospect.id))
          expect(error.message).toMatch(/^ProspectRepository\.get: .* at data\.contact\.email$/)
          expect(error.message).not.toContain("Piet")
        }))

      it.effect("of twelve fibers beginning a run at once exactly one starts it; the others get that run", () =>
        Effect.gen(function*() {
          const repo = yield* MatchingStorage.MatchingRunRepository
          // Every connection of a pool open first, so that the twelve are
          // not simply served one after the other as connections come up.
          const sql = yield* SqlClient.SqlClient
          yield* Effect.forEach(Arr.range(1, 12), () => sql`SELECT 1`, { concurrency: "unbounded", discard: true })
          const at = DateTime.unsafeMake("2040-03-01T10:00:00Z")
          const suffix = (yield* Entropy.makeId("run")).slice(4)
          const candidates = Arr.range(1, 12).map((i) => someRun(`run_${i}_${suffix}`, at))
          const outcomes = yield* Effect.forEach(
            candidates,
            (run) => repo.begin(run, DateTime.subtract(at, { minutes: 30 })),
            { concurrency: "unbounded" }
          )
          const started = candidates.filter((_, i) => Option.isNone(outcomes[i]!))
          expect(started).toHaveLength(1)
          expect(outcomes.filter(Option.isSome).map((o) => o.value)).toEqual(Array(11).fill(started[0]))
          yield* repo.finish(new MentorMatch.Run({ ...started[0]!, finishedAt: DateTime.add(at, { minutes: 1 }), proposed: 3 }))
          expect((yield* repo.list(1))[0]).toEqual(
            new MentorMatch.Run({ ...started[0]!, finishedAt: DateTime.add(at, { minutes: 1 }), proposed: 3 })
          )
          expect((yield* Effect.flip(repo.finish(someRun(`run_none_${suffix}`, at)))).message).toMatch(/no stored run/)
        }))
    })

    describe("transactions", () => {
      it.effect("a failure caught inside a transaction undoes only the writes of the inner one", () =>
        Effect.gen(function*() {
          const { withTransaction } = yield* Storage.Transactor
          const repo = yield* Storage.TrackRepository
          const outer = yield* Fixtures.track()
          const inner = yield* Fixtures.track()
          yield* withTransaction(Effect.gen(function*() {
            yield* repo.insert(outer)
            const exit = yield* Effect.exit(withTransaction(Effect.zipRight(repo.insert(inner), Effect.fail("undo"))))
            expect(exit._tag).toBe("Failure")
          }))
          expect(Option.isSome(yield* repo.get(outer.id))).toBe(true)
          expect(yield* repo.get(inner.id)).toEqual(Option.none())
        }))
    })
  })
}
