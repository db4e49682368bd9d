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
 * 2. A bulk import, as a stand-in for the survey answers import (that table
 *    does not exist yet): many registrations into one track in one
 *    transaction through the storage port, against the same INSERT per row.
 *
 * Each side writes into fresh tables made by the same migrations (a file or
 * a schema of its own), with values of the same size: the baseline copies a
 * registration row and an outbox event stored by the service run.
 *
 * Environment: `BENCH_REGISTRATIONS` (default 2000), `BENCH_IMPORT_ROWS`
 * (default 10000), `BENCH_DATABASE_URL` or `DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqlSchema from "@effect/sql/SqlSchema"
import {
  type CalendarDate,
  Eligibility,
  Entropy,
  Geography,
  type Municipality,
  Registration,
  Registrations,
  Storage,
  type Track,
  Tracks
} from "@pleegzorg/core"
import { PostgresStorage } from "@pleegzorg/postgres"
import type { SqlStorage } from "@pleegzorg/sql"
import { SqliteStorage } from "@pleegzorg/sqlite"
import Sqlite from "better-sqlite3"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
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
  Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )

interface TrackIds {
  readonly signUp: ReadonlyArray<Track.TrackId>
  readonly bulk: Track.TrackId
}

// Open tracks for the sign-ups, and one more for the import.
const makeTracks = (plan: Plan) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const signUp: Array<Track.TrackId> = []
    for (let i = 0; i < plan.tracks; i++) {
      const track = yield* tracks.createFromTemplate(openTrackInput)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      signUp.push(track.id)
    }
    const bulk = yield* tracks.createFromTemplate(openTrackInput)
    return { signUp, bulk: bulk.id } satisfies TrackIds
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

interface Stored {
  readonly registrations: number
  readonly outbox: number
}

const stored = (sql: SqlClient.SqlClient) =>
  Effect.all({
    registrations: SqlSchema.single({ Request: Schema.Void, Result: Count, execute: () => sql`SELECT COUNT(*) AS n FROM registrations` })(undefined),
    outbox: SqlSchema.single({ Request: Schema.Void, Result: Count, execute: () => sql`SELECT COUNT(*) AS n FROM outbox` })(undefined)
  }).pipe(Effect.map(({ outbox, registrations }): Stored => ({ registrations: registrations.n, outbox: outbox.n })))

// One imported registration, as core's test fixture `registration(track, { sequence })` makes it.
const importedRegistration = (trackId: Track.TrackId, sequence: number) =>
  Effect.gen(function*() {
    const id = (yield* Entropy.makeId("reg")) as Registration.RegistrationId
    const token = yield* Entropy.makeToken
    const at = yield* DateTime.now
    return new Registration.Registration({
      id,
      trackId,
      sequence,
      name: `Deelnemer ${sequence}`,
      email: `${id}@example.org` as Registration.Email,
      language: "nl",
      group: "FosterParent",
      municipality: "GM0268" as Municipality.MunicipalityCode,
      eligibility: new Eligibility.Eligible({
        checkedFor: openTrackInput.sessions[0].date as CalendarDate.CalendarDate,
        parentalConsentRequired: false
      }),
      consent: Option.none(),
      status: new Registration.Confirmed({ since: at }),
      registeredAt: at,
      tokenHash: yield* Entropy.hashToken(token)
    })
  })

interface ServiceFigures {
  readonly register: number
  readonly bulk: number
  readonly sample: Sample
  readonly stored: Stored
}

const serviceRun = <E>(storage: Layer.Layer<StorageServices, E>, plan: Plan) =>
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

    // Values are made before the clock starts: the import measures storage only.
    const rows = yield* Effect.forEach(range(1, plan.importRows), (sequence) => importedRegistration(ids.bulk, sequence))
    const repository = yield* Storage.RegistrationRepository
    const { withTransaction } = yield* Storage.Transactor
    start = performance.now()
    yield* withTransaction(Effect.forEach(rows, repository.insert, { discard: true }))
    const bulk = perSecond(plan.importRows, start)

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

const importRows = (sample: RegistrationSample, trackId: string, count: number): ReadonlyArray<Row> =>
  range(1, count).map((sequence) => {
    const id = randomId("reg")
    return registrationRow(sample, id, trackId, sequence, sequence, `${id}@example.org`)
  })

interface RawFigures {
  readonly register: number
  readonly bulk: number
  readonly stored: Stored
}

// better-sqlite3 is synchronous, and the adapter's single connection lets one
// transaction run at a time anyway: the sign-ups go one after the other.
// Plain BEGIN, as @effect/sql sends it (no other connection competes for the lock).
const rawSqlite = (filename: string, plan: Plan, tracks: TrackIds, sample: Sample): RawFigures => {
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

    const rows = importRows(sample.registration, tracks.bulk, plan.importRows)
    start = performance.now()
    inTransaction(() => {
      for (const row of rows) insertRegistration.run(...row)
    })
    const bulk = perSecond(plan.importRows, start)

    const count = (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n
    return { register, bulk, stored: { registrations: count("registrations"), outbox: count("outbox") } }
  } finally {
    db.close()
  }
}

// Sign-ups `concurrency` at a time, on a pool of the adapter's size.
const rawPostgres = async (url: string, schema: string, plan: Plan, tracks: TrackIds, sample: Sample): Promise<RawFigures> => {
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

    const rows = importRows(sample.registration, tracks.bulk, plan.importRows)
    start = performance.now()
    await inTransaction(async (client) => {
      for (const row of rows) await client.query(sql.insertRegistration, row)
    })
    const bulk = perSecond(plan.importRows, start)

    const count = async (table: string) =>
      Number((await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n)
    return { register, bulk, stored: { registrations: await count("registrations"), outbox: await count("outbox") } }
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
  if (service.stored.registrations !== raw.stored.registrations || service.stored.outbox !== raw.stored.outbox) {
    throw new Error(
      `${database}: the service stored ${service.stored.registrations} registrations and ${service.stored.outbox} outbox rows, the baseline ${raw.stored.registrations} and ${raw.stored.outbox}`
    )
  }
  return { register: service.register, registerRaw: raw.register, bulk: service.bulk, bulkRaw: raw.bulk }
}

const sqliteFigures = async (plan: Plan): Promise<Figures> => {
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-storage-"))
  try {
    const file = (name: string) => Path.join(directory, `${name}.sqlite`)
    const tracks = await Effect.runPromise(prepareBaseline(SqliteStorage.layer({ filename: file("raw") }), plan))
    const service = await Effect.runPromise(serviceRun(SqliteStorage.layer({ filename: file("service") }), plan))
    return compare("SQLite", service, rawSqlite(file("raw"), plan, tracks, service.sample))
  } finally {
    Fs.rmSync(directory, { recursive: true, force: true })
  }
}

const postgresFigures = async (url: string, plan: Plan): Promise<Figures> => {
  const stamp = `bench_storage_${process.pid}_${Date.now().toString(36)}`
  const schemas = { service: `${stamp}_service`, raw: `${stamp}_raw` }
  const storage = (schema: string) => PostgresStorage.layer({ url: Redacted.make(url), schema, poolSize })
  try {
    const tracks = await Effect.runPromise(prepareBaseline(storage(schemas.raw), plan))
    const service = await Effect.runPromise(serviceRun(storage(schemas.service), plan))
    return compare("PostgreSQL", service, await rawPostgres(url, schemas.raw, plan, tracks, service.sample))
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
      `${fmt(plan.importRows)}-row import${problem === undefined ? `; PostgreSQL at ${shown(url)}` : ""}`
  )
  const sqlite = await sqliteFigures(plan)
  const postgres = problem === undefined ? await postgresFigures(url, plan) : undefined

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
  line("bulk import (stand-in), port", (f) => [f.bulk, f.bulkRaw])
  line("  baseline: raw driver, same SQL", (f) => [f.bulkRaw, f.bulkRaw])
  console.log(
    `bulk import: ${fmt(plan.importRows)} registrations in one transaction (stand-in until the survey answers table exists)`
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
