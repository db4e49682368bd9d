// What a SQLite file holds after a survey: read from its bytes and with SQL,
// not through the repositories. Tokens travel only in the mails (the outbox
// rows that carried them are delivered and deleted), their hashes stay in
// `invitation_tokens` alone, answers carry nothing that leads to an
// invitation, the addresses are gone after closing, and the order in which
// answers are stored is not the order in which they were given. And what it
// holds of a prospect of mentor matching once the prospect is removed:
// nothing but the bare id in their matches.
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  type DomainEvent,
  Entropy,
  Geography,
  MatchingStorage,
  MatchScore,
  MentorMatch,
  MentorProfile,
  Outbox,
  type Registration,
  Storage,
  Surveys
} from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Support from "./support.js"

const directory = Support.tempDirectory()
afterAll(() => directory.remove())

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")
const people = 60
const nijmegen = ["GM0268", "GM0252", "GM0209"]

const services = (filename: string) =>
  Surveys.Surveys.Default.pipe(
    Layer.provideMerge(SqliteStorage.layer({ filename })),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )

// Every mail waiting in the outbox, delivered: its row is deleted.
const deliver = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const mailed: Array<DomainEvent.SurveyInvited | DomainEvent.SurveyReminded> = []
  for (;;) {
    const batch = yield* outbox.claim({ now: far, limit: 500, lease: Duration.minutes(1) })
    if (batch.length === 0) return mailed
    for (const entry of batch) {
      if (entry.event._tag === "SurveyInvited" || entry.event._tag === "SurveyReminded") mailed.push(entry.event)
      yield* outbox.complete(entry.event.id)
    }
  }
})

const Ids = Schema.Array(Schema.Struct({ id: Schema.String }))
const Names = Schema.Array(Schema.Struct({ name: Schema.String }))

// Kendall's tau between two orders of the same items: 1 the same order, −1
// reversed, near 0 unrelated.
const kendallTau = (first: ReadonlyArray<string>, second: ReadonlyArray<string>) => {
  const rank = new Map(second.map((id, i) => [id, i]))
  const ranks = first.map((id) => rank.get(id)!)
  let concordant = 0
  let discordant = 0
  for (let i = 0; i < ranks.length; i++) {
    for (let j = i + 1; j < ranks.length; j++) {
      if (ranks[i]! < ranks[j]!) concordant++
      else discordant++
    }
  }
  return (concordant - discordant) / (concordant + discordant)
}

describe("privacy of a survey in a SQLite file", () => {
  it.effect("no token in the file, token hashes only in invitation_tokens, answers without links, addresses erased, storage order not answering order", () =>
    Effect.gen(function*() {
      const filename = Path.join(directory.path, "survey.db")

      const run = yield* Effect.gen(function*() {
        const surveys = yield* Surveys.Surveys
        const sql = yield* SqlClient.SqlClient
        const track = yield* Fixtures.track()
        yield* (yield* Storage.TrackRepository).insert(track)
        const survey = yield* surveys.create({ trackId: track.id })
        yield* surveys.open(survey.id)
        const invitees = Array.from({ length: people }, (_, i) => ({
          name: `Pleegouder Nummer${i}`,
          email: `pleeggezin${i}@example.org`,
          audience: "FosterFamily" as const,
          municipality: nijmegen[i % 3]!
        }))
        yield* surveys.invite(survey.id, invitees)
        const invited = yield* deliver
        expect(invited).toHaveLength(people)

        // Answers one at a time, noting which new id each one got.
        const order: Array<string> = []
        const answer = (token: string, i: number) =>
          Effect.gen(function*() {
            yield* surveys.answer(token, {
              "gaat-goed": 1 + (i % 5),
              "wat-kan-beter": `Antwoord ${i}: meer tijd voor overleg.`
            })
            const ids = yield* Schema.decodeUnknown(Ids)(yield* sql`SELECT id FROM answers`)
            const known = new Set(order)
            order.push(...ids.map((row) => row.id).filter((id) => !known.has(id)))
          })
        const byEmail = new Map<string, string>(invited.map((mail) => [mail.recipient.email, mail.token]))
        // The first 40 answer with their invitation …
        for (let i = 0; i < 40; i++) yield* answer(byEmail.get(`pleeggezin${i}@example.org`)!, i)
        // … the other 20 are reminded, and answer with the new token.
        expect(yield* surveys.remind(survey.id)).toBe(people - 40)
        const reminded = yield* deliver
        expect(reminded.map((mail) => mail._tag)).toEqual(Array(people - 40).fill("SurveyReminded"))
        for (const [i, mail] of reminded.entries()) yield* answer(mail.token, 40 + i)
        expect(order).toHaveLength(people)

        yield* surveys.close(survey.id)
        expect(yield* deliver).toEqual([])
        expect(yield* (yield* Outbox.Outbox).stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })
        return {
          tokens: [...invited, ...reminded].map((mail) => mail.token),
          emails: invitees.map((person) => person.email),
          names: invitees.map((person) => person.name),
          order
        }
      }).pipe(Effect.provide(services(filename)))

      expect(run.tokens).toHaveLength(people + people - 40)
      const hashes = run.tokens.map((token) => Crypto.createHash("sha256").update(token).digest("hex"))

      // The closed file, and its write-ahead log if one was left behind.
      const bytes = [filename, `${filename}-wal`].filter((file) => Fs.existsSync(file)).map((file) => Fs.readFileSync(file))
      expect(bytes.length).toBeGreaterThan(0)
      const inFile = (text: string) => bytes.some((content) => content.includes(text, 0, "utf8"))
      expect(run.tokens.filter(inFile)).toEqual([])
      expect(run.emails.filter(inFile)).toEqual([])
      expect(run.names.filter(inFile)).toEqual([])

      // Every value of every column of every table, read with SQL.
      const stored = yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const tables = (yield* Schema.decodeUnknown(Names)(
          yield* sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
        )).map((row) => row.name)
        const cells: Array<{ readonly table: string; readonly column: string; readonly value: string }> = []
        for (const table of tables) {
          const rows = yield* sql.unsafe<Record<string, unknown>>(`SELECT * FROM "${table}"`)
          for (const row of rows) {
            for (const [column, value] of Object.entries(row)) cells.push({ table, column, value: String(value) })
          }
        }
        const answerColumns = (yield* Schema.decodeUnknown(Names)(yield* sql`PRAGMA table_info(answers)`)).map((c) => c.name)
        // Without ORDER BY and without an index: the order in which the
        // table keeps its rows.
        const storageOrder = (yield* Schema.decodeUnknown(Ids)(yield* sql`SELECT id FROM answers NOT INDEXED`)).map((row) => row.id)
        return { tables, cells, answerColumns, storageOrder }
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))

      expect(stored.tables).toEqual(expect.arrayContaining(["answers", "answer_counts", "invitations", "invitation_tokens"]))
      const holding = (text: string) => stored.cells.filter((cell) => cell.value.includes(text))
      expect(run.tokens.flatMap(holding)).toEqual([])
      expect(run.emails.flatMap(holding)).toEqual([])
      expect(run.names.flatMap(holding)).toEqual([])
      for (const hash of hashes) {
        expect(holding(hash).map((cell) => `${cell.table}.${cell.column}`)).toEqual(["invitation_tokens.token_hash"])
      }
      expect(stored.answerColumns).toEqual(["id", "survey_id", "grp", "municipality", "answer_values"])

      // The answers are stored by their random id, not in the order given.
      expect(stored.storageOrder).toHaveLength(people)
      expect(stored.storageOrder).toEqual([...run.order].sort())
      expect(stored.storageOrder).not.toEqual(run.order)
      // Random ids make the two orders unrelated: for 60 answers tau has a
      // standard deviation of about 0.09, so 0.4 is more than four of them.
      expect(Math.abs(kendallTau(stored.storageOrder, run.order))).toBeLessThan(0.4)
    }), 60_000)
})

const Checkpointed = Schema.Array(Schema.Struct({ busy: Schema.Number, log: Schema.Number, checkpointed: Schema.Number }))

describe("privacy of mentor matching in a SQLite file", () => {
  const filename = Path.join(directory.path, "matching.db")
  const storage = SqliteStorage.layer({ filename }).pipe(Layer.provideMerge(Entropy.layerCrypto))

  it.effect("a removed prospect's name, address and questions are gone from the file after a checkpoint; their match keeps the bare id", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const prospects = yield* MatchingStorage.ProspectRepository
      const matches = yield* MatchingStorage.MatchRepository
      const contact = (name: string, email: string) =>
        new MentorProfile.Contact({ name, email: email as Registration.Email, language: "nl" })
      const removed = yield* Fixtures.prospect("GM0268", {
        contact: contact("Femke Verwijderdijk", "femke.verwijderdijk@example.org"),
        questions: "Hoe ging het eerste weekend met jullie pleegdochter uit Wijchen?"
      })
      const kept = yield* Fixtures.prospect("GM0252", {
        contact: contact("Gerrit Blijvendaal", "gerrit.blijvendaal@example.org")
      })
      const mentor = yield* Fixtures.mentor()
      yield* prospects.insert(removed)
      yield* prospects.insert(kept)
      yield* (yield* MatchingStorage.MentorRepository).insert(mentor)
      const match = new MentorMatch.Match({
        id: (yield* Entropy.makeId("mch")) as MentorMatch.MatchId,
        prospectId: removed.id,
        mentorId: mentor.id,
        score: 0.8,
        km: 9.4,
        explanation: { nl: "afstand 9,4 km", en: "distance 9.4 km" },
        weights: MatchScore.standard,
        runId: null,
        status: new MentorMatch.Proposed({ at: DateTime.unsafeMake("2030-02-01T10:00:00Z") }),
        mentorTokenHash: "hash-mentor",
        prospectTokenHash: null,
        version: 1
      })
      yield* matches.insert([match])

      // Everything in the write-ahead log folded into the file, and the log emptied.
      const checkpoint = Effect.gen(function*() {
        const [result] = yield* Schema.decodeUnknown(Checkpointed)(yield* sql`PRAGMA wal_checkpoint(TRUNCATE)`)
        expect(result?.busy).toBe(0)
      })
      const inFile = (text: string) =>
        [filename, `${filename}-wal`]
          .filter((file) => Fs.existsSync(file))
          .some((file) => Fs.readFileSync(file).includes(text, 0, "utf8"))
      const personal = [removed.contact.name, removed.contact.email, removed.questions]

      // Before removal the file holds them: the search finds what it looks for.
      yield* checkpoint
      expect(personal.filter(inFile)).toEqual(personal)

      expect(yield* prospects.remove(removed.id)).toBe(true)
      yield* checkpoint
      expect(personal.filter(inFile)).toEqual([])
      expect(inFile(kept.contact.name)).toBe(true)
      expect(yield* prospects.get(removed.id)).toEqual(Option.none())
      expect(yield* matches.listByProspect(removed.id)).toEqual([match])
    }).pipe(Effect.provide(storage)))
})
