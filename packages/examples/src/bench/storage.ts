/**
 * `pnpm bench storage`: the SQL storage adapters on SQLite (a file) and on
 * PostgreSQL, each figure with its ratio to the raw driver (better-sqlite3,
 * node-postgres) running the same statements in the same run.
 *
 * 1. Sign-ups through core's `Registrations.register`, 16 at a time, spread
 *    over open tracks with room for everyone, so every one is a confirmation.
 *    The baseline runs, per sign-up, in one transaction, what `register`
 *    sends (counted with the drivers' calls logged):
 *
 *    ```
 *    BEGIN
 *    SELECT id, region, status, created_at, version, data FROM tracks WHERE id = ?   (PostgreSQL: … FOR UPDATE)
 *    SELECT <registration columns> FROM registrations WHERE track_id = ? AND email = ? AND status <> 'Withdrawn'
 *    SELECT grp, status, COUNT(*) AS n FROM registrations WHERE track_id = ? GROUP BY grp, status
 *    SELECT COALESCE(MAX(sequence), 0) + 1 AS next_sequence FROM registrations WHERE track_id = ?
 *    INSERT INTO registrations (14 columns) VALUES (…)
 *    SELECT COALESCE(MAX(seq), 0) AS last_seq FROM outbox                              (SQLite only)
 *    INSERT INTO outbox (id, seq, event, attempts, next_attempt_at, locked_until, given_up) VALUES (…)
 *                                                                   (PostgreSQL: without seq, an identity column)
 *    COMMIT
 *    ```
 *
 * 2. A bulk import of survey answers: `BENCH_IMPORT_ROWS` answers to a
 *    questionnaire of 10 Likert statements (one in 25 left unanswered), for
 *    one survey, spread over the audiences and the municipalities of its
 *    region, through `AnswerRepository.insertMany`, one call (one
 *    transaction) per 10,000 answers. The baseline sends, per 10,000 and in
 *    one transaction, the statements the SQL adapter sends for them, built
 *    the same way (`internal/statements`, `SqlStorage`): the answers sorted
 *    by id in multi-row INSERTs of 500 rows,
 *
 *    ```
 *    INSERT INTO answers (id, survey_id, grp, municipality, answer_values) VALUES (?, ?, ?, ?, ?), (…), …
 *    ```
 *
 *    then the counts they add, summed per survey, group, municipality,
 *    question and value with core's `SurveyAnswer.countsOf`, in multi-row
 *    upserts of 500 rows,
 *
 *    ```
 *    INSERT INTO answer_counts (survey_id, grp, municipality, question, value, n) VALUES (?, ?, ?, ?, ?, ?), (…), …
 *      ON CONFLICT (survey_id, grp, municipality, question, value) DO UPDATE SET n = answer_counts.n + excluded.n
 *    ```
 *
 *    (PostgreSQL: `$n` placeholders, each text a named prepared statement;
 *    SQLite: each text prepared once). Both sides get the same answers (the
 *    same ids and values, each for its own survey), made before the clock
 *    starts; the baseline's statement texts, parameters and summed counts
 *    are made before it too, while `insertMany` sorts, sums and builds them
 *    inside its time.
 *
 * Each side writes into fresh tables made by the same migrations (a file or
 * a schema of its own), with values of the same size: the baseline copies a
 * registration row and an outbox event stored by the service run. Both
 * sides must end with the same numbers of registrations, outbox rows,
 * answers, count cells and counted answers.
 *
 * Environment: `BENCH_REGISTRATIONS` (default 2000), `BENCH_IMPORT_ROWS`
 * (default 10000), `BENCH_DATABASE_URL` or `DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqlSchema from "@effect/sql/SqlSchema"
import {
  Entropy,
  Geography,
  type Municipality,
  Registrations,
  Survey,
  SurveyAnswer,
  SurveyStorage,
  Surveys,
  type Track,
  Tracks
} from "@pleegzorg/core"
import { PostgresStorage } from "@pleegzorg/postgres"
import type { SqlStorage } from "@pleegzorg/sql"
import { SqliteStorage } from "@pleegzorg/sqlite"
import Sqlite from "better-sqlite3"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import Pg from "pg"
import { openTrackInput, roomy } from "./tracks-fixture.js"

const fmt = (n: number) => Math.round(n).toLocaleString("en-US")

interface Plan {
  readonly registrations: number
  readonly warmUp: number
  readonly concurrency: number
  // Tracks hold at most 1000 people, so the sign-ups are spread round-robin.
  readonly tracks: number
  readonly importRows: number
}

// The pool of PostgresStorage by default, and of the raw baseline.
const poolSize = 10

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return n
}

// --- the service side ----------------------------------------------------------------

type StorageServices = SqlStorage.Ports | SqlClient.SqlClient

const services = <E>(storage: Layer.Layer<StorageServices, E>) =>
  Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default).pipe(
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )

interface TrackIds {
  readonly signUp: ReadonlyArray<Track.TrackId>
  // The survey the answers are imported for (they refer to it).
  readonly survey: Survey.SurveyId
}

const statementIds = Array.from({ length: 10 }, (_, i) => `stelling-${String(i + 1).padStart(2, "0")}`)

// 10 Likert statements for every audience, as `pnpm bench surveys`.
const questionnaires = Survey.audiences.map((audience) =>
  new Survey.Questionnaire({
    audience,
    introduction: { nl: "Tien stellingen over pleegzorg in je regio.", en: "Ten statements on foster care in your region." },
    questions: statementIds.map((id, i) =>
      new Survey.Likert({ id, text: { nl: `Stelling ${i + 1}`, en: `Statement ${i + 1}` }, required: false })
    )
  })
)

// Open tracks for the sign-ups, and one more with an open survey for the import.
const makeTracks = (plan: Plan) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const signUp: Array<Track.TrackId> = []
    for (let i = 0; i < plan.tracks; i++) {
      const track = yield* tracks.createFromTemplate(openTrackInput)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      signUp.push(track.id)
    }
    const surveyTrack = yield* tracks.createFromTemplate(openTrackInput)
    const surveys = yield* Surveys.Surveys
    const survey = yield* surveys.create({ trackId: surveyTrack.id, questionnaires })
    yield* surveys.open(survey.id)
    return { signUp, survey: survey.id } satisfies TrackIds
  })

const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k)

const perSecond = (count: number, start: number) => (count / (performance.now() - start)) * 1000

const signUpInput = (tracks: ReadonlyArray<Track.TrackId>, i: number) => ({
  trackId: tracks[i % tracks.length],
  name: `Deelnemer ${i}`,
  email: `deelnemer${i}@example.org`,
  group: "FosterParent",
  municipality: "GM0268",
  availableForAllSessions: true
})

// What the baseline copies from the rows the service stored.
const RegistrationSample = Schema.Struct({
  language: Schema.String,
  grp: Schema.String,
  municipality: Schema.String,
  eligibility: Schema.String,
  consent: Schema.NullOr(Schema.String),
  status: Schema.String,
  status_detail: Schema.String
})
type RegistrationSample = typeof RegistrationSample.Type

interface Sample {
  readonly registration: RegistrationSample
  readonly event: string
}

// PostgreSQL returns COUNT(*) as text, SQLite as a number.
const Count = Schema.Struct({ n: Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int)) })

// What both sides must have stored, each a query giving one number `n`.
const storedQueries = {
  registrations: "SELECT COUNT(*) AS n FROM registrations",
  outbox: "SELECT COUNT(*) AS n FROM outbox",
  answers: "SELECT COUNT(*) AS n FROM answers",
  countCells: "SELECT COUNT(*) AS n FROM answer_counts",
  // Every answer adds 1 to the cell of question '' (SurveyAnswer.countsOf).
  countedAnswers: "SELECT COALESCE(SUM(n), 0) AS n FROM answer_counts WHERE question = ''"
} as const

type Stored = { readonly [K in keyof typeof storedQueries]: number }

const stored = (sql: SqlClient.SqlClient) => {
  const one = (query: string) =>
    SqlSchema.single({ Request: Schema.Void, Result: Count, execute: () => sql.unsafe(query) })(undefined).pipe(
      Effect.map((row) => row.n)
    )
  return Effect.all({
    registrations: one(storedQueries.registrations),
    outbox: one(storedQueries.outbox),
    answers: one(storedQueries.answers),
    countCells: one(storedQueries.countCells),
    countedAnswers: one(storedQueries.countedAnswers)
  }) satisfies Effect.Effect<Stored, unknown, unknown>
}

// --- the answers to import ---------------------------------------------------------------

// Answers per `insertMany` call, and per transaction of the baseline.
const importBatch = 10_000

// One answer to import, for whichever survey: both sides store the same ones.
interface ImportAnswer {
  readonly id: SurveyAnswer.AnswerId
  readonly group: Survey.Audience
  readonly municipality: Municipality.MunicipalityCode
  readonly values: Readonly<Record<string, number>>
}

// Of every 20 answers: 10 foster families, 3 parents, 5 care workers, 2 policy makers.
const audienceOf = (k: number): Survey.Audience => {
  const r = k % 20
  return r < 10 ? "FosterFamily" : r < 13 ? "Parent" : r < 18 ? "CareWorker" : "PolicyMaker"
}

const importAnswers = (count: number): ReadonlyArray<ImportAnswer> => {
  const municipalities = Either.getOrThrow(Geography.nl2024().municipalitiesOf(openTrackInput.region)).map((m) => m.code)
  return range(0, count).map((k) => {
    const values: Record<string, number> = {}
    for (const statement of statementIds) {
      if (Math.random() < 0.04) continue
      values[statement] = 1 + Math.floor(Math.random() * 5)
    }
    return {
      id: SurveyAnswer.AnswerId.make(randomId("ans")),
      group: audienceOf(k),
      municipality: municipalities[Math.floor(Math.random() * municipalities.length)]!,
      values
    }
  })
}

const answersFor = (surveyId: Survey.SurveyId, imported: ReadonlyArray<ImportAnswer>) =>
  imported.map((a) =>
    new SurveyAnswer.Answer({
      id: a.id,
      surveyId,
      group: a.group,
      municipality: Option.some(a.municipality),
      values: a.values
    }, true)
  )

interface ServiceFigures {
  readonly register: number
  readonly bulk: number
  readonly sample: Sample
  readonly stored: Stored
}

const serviceRun = <E>(storage: Layer.Layer<StorageServices, E>, plan: Plan, imported: ReadonlyArray<ImportAnswer>) =>
  Effect.gen(function*() {
    const ids = yield* makeTracks(plan)
    const registrations = yield* Registrations.Registrations
    const signUp = (i: number) =>
      Effect.flatMap(registrations.register(signUpInput(ids.signUp, i)), (result) =>
        result._tag === "Accepted" && result.registration.status._tag === "Confirmed"
          ? Effect.void
          : Effect.dieMessage(`sign-up ${i} was not confirmed (${result._tag})`))
    const signUps = (from: number, count: number) =>
      Effect.forEach(range(from, count), signUp, { concurrency: plan.concurrency, discard: true })

    yield* signUps(plan.registrations, plan.warmUp)
    let start = performance.now()
    yield* signUps(0, plan.registrations)
    const register = perSecond(plan.registrations, start)

    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const sample: Sample = {
      registration: yield* SqlSchema.single({
        Request: Schema.Void,
        Result: RegistrationSample,
        execute: () =>
          sql`SELECT language, grp, municipality, eligibility, consent, status, status_detail
              FROM registrations ORDER BY registered_at DESC LIMIT 1`
      })(undefined),
      event: (yield* SqlSchema.single({
        Request: Schema.Void,
        Result: Schema.Struct({ event: Schema.String }),
        execute: () => sql`SELECT event FROM outbox ORDER BY seq DESC LIMIT 1`
      })(undefined)).event
    }

    // The answers are made before the clock starts: the import measures storage only.
    const answers = answersFor(ids.survey, imported)
    const repository = yield* SurveyStorage.AnswerRepository
    start = performance.now()
    yield* Effect.forEach(Arr.chunksOf(answers, importBatch), repository.insertMany, { discard: true })
    const bulk = perSecond(answers.length, start)

    return { register, bulk, sample, stored: yield* stored(sql) } satisfies ServiceFigures
  }).pipe(Effect.provide(services(storage)))

// Migrates fresh tables for the baseline and stores its tracks through the Tracks service,
// and closes the storage again before the raw driver opens them.
const prepareBaseline = <E>(storage: Layer.Layer<StorageServices, E>, plan: Plan) =>
  makeTracks(plan).pipe(Effect.provide(services(storage)))

// --- the raw baseline --------------------------------------------------------------------

const registrationColumns =
  "id, track_id, sequence, name, email, language, grp, municipality, eligibility, consent, status, status_detail, registered_at, token_hash"

// Spelled as @effect/sql compiles them, `?` placeholders (numbered for PostgreSQL).
const statements = {
  track: "SELECT id, region, status, created_at, version, data FROM tracks WHERE id = ?",
  activeByEmail:
    `SELECT ${registrationColumns} FROM registrations WHERE track_id = ? AND email = ? AND status <> 'Withdrawn'`,
  counts: "SELECT grp, status, COUNT(*) AS n FROM registrations WHERE track_id = ? GROUP BY grp, status",
  nextSequence: "SELECT COALESCE(MAX(sequence), 0) + 1 AS next_sequence FROM registrations WHERE track_id = ?",
  insertRegistration:
    `INSERT INTO registrations ("id","track_id","sequence","name","email","language","grp","municipality","eligibility","consent","status","status_detail","registered_at","token_hash") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  lastSeq: "SELECT COALESCE(MAX(seq), 0) AS last_seq FROM outbox",
  insertOutboxNumbered:
    `INSERT INTO outbox ("id","seq","event","attempts","next_attempt_at","locked_until","given_up") VALUES (?,?,?,?,?,?,?)`,
  insertOutbox:
    `INSERT INTO outbox ("id","event","attempts","next_attempt_at","locked_until","given_up") VALUES (?,?,?,?,?,?)`
}

const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

// Ids and token hashes shaped as core makes them: random, so the indexes see the same spread.
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
const randomId = (prefix: string) => {
  let id = ""
  for (const byte of Crypto.randomBytes(20)) id += alphabet[byte % 36]
  return `${prefix}_${id}`
}
const randomHash = () => Crypto.randomBytes(32).toString("hex")

type Row = Array<string | number | null>

const registrationRow = (sample: RegistrationSample, id: string, trackId: string, sequence: number, i: number, email: string): Row => [
  id,
  trackId,
  sequence,
  `Deelnemer ${i}`,
  email,
  sample.language,
  sample.grp,
  sample.municipality,
  sample.eligibility,
  sample.consent,
  sample.status,
  sample.status_detail,
  Date.now(),
  randomHash()
]

// The import's statements, as SqlStorage builds them: its `batchSize` rows
// per statement, texts as `internal/statements` `multiRowInsert` makes them,
// parameters as `internal/rows` `answerParameters` and `countParameters`.
const rowsPerStatement = 500
const answerColumns = ["id", "survey_id", "grp", "municipality", "answer_values"]
const countColumns = ["survey_id", "grp", "municipality", "question", "value", "n"]
const addCountsSuffix =
  "ON CONFLICT (survey_id, grp, municipality, question, value) DO UPDATE SET n = answer_counts.n + excluded.n"

const multiRowInsert = (
  at: (n: number) => string,
  table: string,
  columns: ReadonlyArray<string>,
  suffix: string,
  rows: number
) => {
  const width = columns.length
  const values = Array.from({ length: rows }, (_, row) =>
    `(${Array.from({ length: width }, (_, column) => at(row * width + column + 1)).join(", ")})`)
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}${suffix === "" ? "" : ` ${suffix}`}`
}

interface Statement {
  readonly text: string
  readonly values: Row
}

// What a batch of answers adds to `answer_counts`, one row per cell, summed
// with core's rules (`SurveyAnswer.countsOf`), as SqlStorage sums them.
const countRows = (answers: ReadonlyArray<SurveyAnswer.Answer>): Array<Row> => {
  const cells = new Map<string, Map<string, Map<number, number>>>()
  for (const answer of answers) {
    const key = `${answer.group}\u0000${Option.getOrElse(answer.municipality, () => "")}`
    let questions = cells.get(key)
    if (questions === undefined) {
      questions = new Map()
      cells.set(key, questions)
    }
    for (const { question, value } of SurveyAnswer.countsOf(answer)) {
      let values = questions.get(question)
      if (values === undefined) {
        values = new Map()
        questions.set(question, values)
      }
      values.set(value, (values.get(value) ?? 0) + 1)
    }
  }
  const surveyId = answers[0]!.surveyId
  const rows: Array<Row> = []
  for (const [key, questions] of cells) {
    const [group, municipality] = key.split("\u0000") as [string, string]
    for (const [question, values] of questions) {
      for (const [value, n] of values) rows.push([surveyId, group, municipality, question, value, n])
    }
  }
  return rows
}

// Per transaction (one per `importBatch` answers) the statements to send:
// the answers sorted by id, then the counts they add.
const importTransactions = (
  surveyId: Survey.SurveyId,
  imported: ReadonlyArray<ImportAnswer>,
  at: (n: number) => string
): ReadonlyArray<ReadonlyArray<Statement>> =>
  Arr.chunksOf(answersFor(surveyId, imported), importBatch).map((batch) => {
    const sorted = [...batch].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const answers = Arr.chunksOf(sorted, rowsPerStatement).map((rows): Statement => ({
      text: multiRowInsert(at, "answers", answerColumns, "", rows.length),
      values: rows.flatMap((a) => [a.id, a.surveyId, a.group, Option.getOrNull(a.municipality), JSON.stringify(a.values)])
    }))
    const counts = Arr.chunksOf(countRows(batch), rowsPerStatement).map((rows): Statement => ({
      text: multiRowInsert(at, "answer_counts", countColumns, addCountsSuffix, rows.length),
      values: rows.flat()
    }))
    return [...answers, ...counts]
  })

interface RawFigures {
  readonly register: number
  readonly bulk: number
  readonly stored: Stored
}

// better-sqlite3 is synchronous, and the adapter's single connection lets one
// transaction run at a time anyway: the sign-ups go one after the other.
// Plain BEGIN, as @effect/sql sends it (no other connection competes for the lock).
const rawSqlite = (
  filename: string,
  plan: Plan,
  tracks: TrackIds,
  sample: Sample,
  imported: ReadonlyArray<ImportAnswer>
): RawFigures => {
  const db = new Sqlite(filename)
  try {
    // As SqliteStorage opens its file.
    db.pragma("journal_mode = WAL")
    db.pragma("busy_timeout = 5000")
    db.pragma("foreign_keys = ON")
    const begin = db.prepare("BEGIN")
    const commit = db.prepare("COMMIT")
    const rollback = db.prepare("ROLLBACK")
    const track = db.prepare<[string]>(statements.track)
    const activeByEmail = db.prepare<[string, string]>(statements.activeByEmail)
    const counts = db.prepare<[string]>(statements.counts)
    const nextSequence = db.prepare<[string], { next_sequence: number }>(statements.nextSequence)
    const insertRegistration = db.prepare<Row>(statements.insertRegistration)
    const lastSeq = db.prepare<[], { last_seq: number }>(statements.lastSeq)
    const insertOutbox = db.prepare<Row>(statements.insertOutboxNumbered)
    const inTransaction = (body: () => void) => {
      begin.run()
      try {
        body()
        commit.run()
      } catch (error) {
        rollback.run()
        throw error
      }
    }

    const signUp = (i: number) =>
      inTransaction(() => {
        const trackId = tracks.signUp[i % tracks.signUp.length]!
        const email = `deelnemer${i}@example.org`
        if (track.get(trackId) === undefined) throw new Error(`no track ${trackId}`)
        if (activeByEmail.get(trackId, email) !== undefined) throw new Error(`${email} is signed up already`)
        counts.all(trackId)
        const sequence = nextSequence.get(trackId)!.next_sequence
        const now = Date.now()
        insertRegistration.run(...registrationRow(sample.registration, randomId("reg"), trackId, sequence, i, email))
        insertOutbox.run(randomId("evt"), lastSeq.get()!.last_seq + 1, sample.event, 0, now, 0, 0)
      })

    for (const i of range(plan.registrations, plan.warmUp)) signUp(i)
    let start = performance.now()
    for (let i = 0; i < plan.registrations; i++) signUp(i)
    const register = perSecond(plan.registrations, start)

    // Each text prepared once, before the clock starts.
    const prepared = new Map<string, Sqlite.Statement<Row>>()
    const transactions = importTransactions(tracks.survey, imported, () => "?").map((statements) =>
      statements.map(({ text, values }) => {
        let statement = prepared.get(text)
        if (statement === undefined) {
          statement = db.prepare<Row>(text)
          prepared.set(text, statement)
        }
        return { statement, values }
      })
    )
    start = performance.now()
    for (const statements of transactions) {
      inTransaction(() => {
        for (const { statement, values } of statements) statement.run(...values)
      })
    }
    const bulk = perSecond(imported.length, start)

    const count = (query: string) => db.prepare<[], { n: number }>(query).get()!.n
    return {
      register,
      bulk,
      stored: {
        registrations: count(storedQueries.registrations),
        outbox: count(storedQueries.outbox),
        answers: count(storedQueries.answers),
        countCells: count(storedQueries.countCells),
        countedAnswers: count(storedQueries.countedAnswers)
      }
    }
  } finally {
    db.close()
  }
}

// Sign-ups `concurrency` at a time, on a pool of the adapter's size.
const rawPostgres = async (
  url: string,
  schema: string,
  plan: Plan,
  tracks: TrackIds,
  sample: Sample,
  imported: ReadonlyArray<ImportAnswer>
): Promise<RawFigures> => {
  const pool = new Pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` })
  pool.on("error", () => {})
  const sql = {
    track: `${numbered(statements.track)} FOR UPDATE`,
    activeByEmail: numbered(statements.activeByEmail),
    counts: numbered(statements.counts),
    nextSequence: numbered(statements.nextSequence),
    insertRegistration: numbered(statements.insertRegistration),
    insertOutbox: numbered(statements.insertOutbox)
  }
  const inTransaction = async (body: (client: Pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect()
    try {
      await client.query("BEGIN")
      try {
        await body(client)
        await client.query("COMMIT")
      } catch (error) {
        await client.query("ROLLBACK")
        throw error
      }
    } finally {
      client.release()
    }
  }
  try {
    const signUp = (i: number) =>
      inTransaction(async (client) => {
        const trackId = tracks.signUp[i % tracks.signUp.length]!
        const email = `deelnemer${i}@example.org`
        if ((await client.query(sql.track, [trackId])).rowCount === 0) throw new Error(`no track ${trackId}`)
        if ((await client.query(sql.activeByEmail, [trackId, email])).rowCount !== 0) {
          throw new Error(`${email} is signed up already`)
        }
        await client.query(sql.counts, [trackId])
        const sequence = (await client.query<{ next_sequence: number }>(sql.nextSequence, [trackId])).rows[0]!.next_sequence
        await client.query(sql.insertRegistration, registrationRow(sample.registration, randomId("reg"), trackId, sequence, i, email))
        await client.query(sql.insertOutbox, [randomId("evt"), sample.event, 0, Date.now(), 0, 0])
      })
    const signUps = async (from: number, count: number) => {
      let next = 0
      await Promise.all(range(0, plan.concurrency).map(async () => {
        while (next < count) await signUp(from + next++)
      }))
    }

    await signUps(plan.registrations, plan.warmUp)
    let start = performance.now()
    await signUps(0, plan.registrations)
    const register = perSecond(plan.registrations, start)

    // Each text a named prepared statement (prepared on a connection's first use).
    const names = new Map<string, string>()
    const transactions = importTransactions(tracks.survey, imported, (n) => `$${n}`).map((statements) =>
      statements.map(({ text, values }): Pg.QueryConfig<Row> => {
        let name = names.get(text)
        if (name === undefined) {
          name = `bench_import_${names.size}`
          names.set(text, name)
        }
        return { name, text, values }
      })
    )
    start = performance.now()
    for (const statements of transactions) {
      await inTransaction(async (client) => {
        for (const query of statements) await client.query(query)
      })
    }
    const bulk = perSecond(imported.length, start)

    const count = async (query: string) => Number((await pool.query<{ n: string }>(query)).rows[0]!.n)
    return {
      register,
      bulk,
      stored: {
        registrations: await count(storedQueries.registrations),
        outbox: await count(storedQueries.outbox),
        answers: await count(storedQueries.answers),
        countCells: await count(storedQueries.countCells),
        countedAnswers: await count(storedQueries.countedAnswers)
      }
    }
  } finally {
    await pool.end()
  }
}

// --- per database ------------------------------------------------------------------------

interface Figures {
  readonly register: number
  readonly registerRaw: number
  readonly bulk: number
  readonly bulkRaw: number
}

// Both sides must have written the same rows, or the comparison means nothing.
const compare = (database: string, service: ServiceFigures, raw: RawFigures): Figures => {
  const differ = (Object.keys(storedQueries) as Array<keyof Stored>).filter((key) => service.stored[key] !== raw.stored[key])
  if (differ.length > 0) {
    throw new Error(
      `${database}: the service and the baseline stored different numbers: ` +
        differ.map((key) => `${key} ${service.stored[key]} against ${raw.stored[key]}`).join(", ")
    )
  }
  return { register: service.register, registerRaw: raw.register, bulk: service.bulk, bulkRaw: raw.bulk }
}

const sqliteFigures = async (plan: Plan, imported: ReadonlyArray<ImportAnswer>): Promise<Figures> => {
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-storage-"))
  try {
    const file = (name: string) => Path.join(directory, `${name}.sqlite`)
    const tracks = await Effect.runPromise(prepareBaseline(SqliteStorage.layer({ filename: file("raw") }), plan))
    const service = await Effect.runPromise(serviceRun(SqliteStorage.layer({ filename: file("service") }), plan, imported))
    return compare("SQLite", service, rawSqlite(file("raw"), plan, tracks, service.sample, imported))
  } finally {
    Fs.rmSync(directory, { recursive: true, force: true })
  }
}

const postgresFigures = async (url: string, plan: Plan, imported: ReadonlyArray<ImportAnswer>): Promise<Figures> => {
  const stamp = `bench_storage_${process.pid}_${Date.now().toString(36)}`
  const schemas = { service: `${stamp}_service`, raw: `${stamp}_raw` }
  const storage = (schema: string) => PostgresStorage.layer({ url: Redacted.make(url), schema, poolSize })
  try {
    const tracks = await Effect.runPromise(prepareBaseline(storage(schemas.raw), plan))
    const service = await Effect.runPromise(serviceRun(storage(schemas.service), plan, imported))
    return compare("PostgreSQL", service, await rawPostgres(url, schemas.raw, plan, tracks, service.sample, imported))
  } finally {
    const client = new Pg.Client({ connectionString: url })
    client.on("error", () => {})
    await client.connect()
    try {
      for (const schema of Object.values(schemas)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    } finally {
      await client.end()
    }
  }
}

// --- PostgreSQL, if there is one -------------------------------------------------------------

const databaseUrl = (): string => {
  const set = (name: string) => {
    const value = process.env[name]
    return value === undefined || value.trim() === "" ? undefined : value
  }
  return set("BENCH_DATABASE_URL") ?? set("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test"
}

// Host, port and database only: never the user name or password.
const shown = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname}`
  } catch {
    return "(the configured database)"
  }
}

// Why PostgreSQL cannot be used, by the driver's code (a message might quote the URL).
const unreachable = async (url: string): Promise<string | undefined> => {
  try {
    const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
    client.on("error", () => {})
    await client.connect()
    try {
      await client.query("SELECT 1")
    } finally {
      await client.end()
    }
    return undefined
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined
    return code ?? (error instanceof Error ? error.name : "unknown error")
  }
}

// --- output --------------------------------------------------------------------------------

export const run = async () => {
  const registrations = positive("BENCH_REGISTRATIONS", 2_000)
  const warmUp = 200
  const plan: Plan = {
    registrations,
    warmUp,
    concurrency: 16,
    tracks: Math.ceil((registrations + warmUp) / roomy.maximum),
    importRows: positive("BENCH_IMPORT_ROWS", 10_000)
  }
  const url = databaseUrl()
  const problem = await unreachable(url)

  console.log(
    `storage: ${fmt(plan.registrations)} sign-ups (${plan.concurrency} at a time, over ${plan.tracks} open track${plan.tracks === 1 ? "" : "s"}, after ${plan.warmUp} to warm up), ` +
      `${fmt(plan.importRows)} survey answers imported${problem === undefined ? `; PostgreSQL at ${shown(url)}` : ""}`
  )
  // The same answers for every database and both sides, made before any clock starts.
  const imported = importAnswers(plan.importRows)
  const sqlite = await sqliteFigures(plan, imported)
  const postgres = problem === undefined ? await postgresFigures(url, plan, imported) : undefined

  const cell = (rate: number, baseline: number) => `${fmt(rate).padStart(8)} /s  ${(rate / baseline).toFixed(2)}x`
  const line = (label: string, pick: (f: Figures) => [number, number]) =>
    console.log(
      postgres === undefined
        ? label.padEnd(34) + cell(...pick(sqlite))
        : label.padEnd(34) + cell(...pick(sqlite)).padEnd(25) + cell(...pick(postgres))
    )
  console.log(`${"".padEnd(34)}   SQLite (file)${postgres === undefined ? "" : "            PostgreSQL"}`)
  line("register, core service", (f) => [f.register, f.registerRaw])
  line("  baseline: raw driver, same SQL", (f) => [f.registerRaw, f.registerRaw])
  line("answer import, insertMany", (f) => [f.bulk, f.bulkRaw])
  line("  baseline: raw driver, same SQL", (f) => [f.bulkRaw, f.bulkRaw])
  const calls = Math.ceil(plan.importRows / importBatch)
  console.log(
    `answer import: ${fmt(plan.importRows)} answers to 10 Likert statements for one survey, ` +
      `${calls} insertMany call${calls === 1 ? "" : "s"} of up to ${fmt(importBatch)} (a transaction each); ` +
      `the baseline sends the same multi-row INSERTs into answers and upserts into answer_counts (${rowsPerStatement} rows each), ` +
      `its texts, parameters and summed counts made before the clock starts`
  )
  console.log(
    `baselines: better-sqlite3 one sign-up after the other (one connection, as the adapter)` +
      (postgres === undefined ? "" : `; pg ${plan.concurrency} at a time on a pool of ${poolSize}, as PostgresStorage`)
  )
  if (problem !== undefined) {
    console.log(
      `PostgreSQL skipped: cannot connect to ${shown(url)} (${problem}). ` +
        `Start it, or set BENCH_DATABASE_URL (or DATABASE_URL) to postgres://user@host:port/database, a database where the bench may create schemas.`
    )
  }
}
