import * as Fs from "node:fs"
import * as Path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Agenda, AgendaAction, AgendaStorage, type CalendarDate, Outbox, Registrations, Storage } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Support from "./support.js"

const directory = Support.tempDirectory()
afterAll(() => directory.remove())

describe("a SQLite file", () => {
  it.effect("keeps tracks, registrations and messages when it is closed and opened again", () =>
    Effect.gen(function*() {
      const filename = Path.join(directory.path, "restart.db")
      const written = yield* Effect.gen(function*() {
        const track = yield* Fixtures.track()
        yield* (yield* Storage.TrackRepository).insert(track)
        const registrations = yield* Registrations.Registrations
        for (const i of [1, 2, 3]) yield* registrations.register(Fixtures.signUp(track.id, i))
        return {
          track,
          registrations: yield* (yield* Storage.RegistrationRepository).listByTrack(track.id)
        }
      }).pipe(Effect.provide(Support.services(SqliteStorage.layer({ filename }))))

      // Closed: the write-ahead log has been folded back into the file.
      expect(Fs.existsSync(filename)).toBe(true)
      expect(Fs.existsSync(`${filename}-wal`)).toBe(false)

      const read = yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        return {
          track: yield* (yield* Storage.TrackRepository).get(written.track.id),
          registrations: yield* (yield* Storage.RegistrationRepository).listByTrack(written.track.id),
          outbox: yield* (yield* Outbox.Outbox).stats(),
          migrations: yield* sql`SELECT migration_id, name FROM pleegzorg_migrations ORDER BY migration_id`
        }
      }).pipe(Effect.provide(SqliteStorage.layer({ filename })))

      expect(read.track).toEqual(Option.some(written.track))
      expect(read.registrations).toEqual(written.registrations)
      expect(read.registrations.map((r) => r.email)).toEqual([1, 2, 3].map((i) => `deelnemer${i}@example.org`))
      expect(read.outbox).toEqual({ pending: 3, failing: 0, givenUp: 0 })
      // The second opening found the tables in place and migrated nothing.
      expect(read.migrations).toEqual([
        { migrationId: 1, name: "init" },
        { migrationId: 2, name: "surveys" },
        { migrationId: 3, name: "agendas" },
        { migrationId: 4, name: "matching" }
      ])
    }))

  it.effect("is opened in WAL mode, with foreign keys and secure delete on and the busy timeout asked for", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const one = <A, I>(schema: Schema.Schema<A, I>) => (rows: ReadonlyArray<unknown>) =>
        Schema.decodeUnknown(schema)(rows[0])
      expect(yield* Effect.flatMap(sql`PRAGMA journal_mode`, one(Schema.Struct({ journalMode: Schema.String }))))
        .toEqual({ journalMode: "wal" })
      expect(yield* Effect.flatMap(sql`PRAGMA foreign_keys`, one(Schema.Struct({ foreignKeys: Schema.Number }))))
        .toEqual({ foreignKeys: 1 })
      expect(yield* Effect.flatMap(sql`PRAGMA busy_timeout`, one(Schema.Struct({ timeout: Schema.Number }))))
        .toEqual({ timeout: 1234 })
      expect(yield* Effect.flatMap(sql`PRAGMA secure_delete`, one(Schema.Struct({ secureDelete: Schema.Number }))))
        .toEqual({ secureDelete: 1 })
    }).pipe(Effect.provide(SqliteStorage.layer({ filename: Path.join(directory.path, "pragmas.db"), busyTimeout: "1234 millis" }))))

  it.effect("that cannot be opened or migrated fails the layer with a StorageError", () =>
    Effect.gen(function*() {
      const open = (filename: string) => Effect.flip(Effect.provide(Effect.void, SqliteStorage.layer({ filename })))

      const missing = yield* open(Path.join(directory.path, "missing", "x.db"))
      expect(missing.message).toMatch(/^SqliteStorage\.layer: the database file cannot be opened/)

      const text = Path.join(directory.path, "notes.txt")
      Fs.writeFileSync(text, "Dit is geen database, maar een lijst met namen. ".repeat(100))
      const notADatabase = yield* open(text)
      expect(notADatabase.message).toMatch(/^SqliteStorage\.layer: the database file cannot be opened/)

      // A database that already has a table of the same name: the migration fails, nothing is half done.
      const taken = Path.join(directory.path, "taken.db")
      yield* Effect.gen(function*() {
        yield* (yield* SqlClient.SqlClient)`CREATE TABLE tracks (id TEXT)`
      }).pipe(Effect.provide(SqliteClient.layer({ filename: taken })))
      const migration = yield* open(taken)
      expect(migration.message).toMatch(/^SqliteStorage\.layer: migrating failed/)
      const tables = yield* Effect.gen(function*() {
        return yield* (yield* SqlClient.SqlClient)`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      }).pipe(Effect.provide(SqliteClient.layer({ filename: taken })))
      expect(tables).toEqual([{ name: "pleegzorg_migrations" }, { name: "tracks" }])
    }))

  it.effect("is found from PLEEGZORG_SQLITE_FILE, and its absence is a configuration error", () =>
    Effect.gen(function*() {
      const filename = Path.join(directory.path, "from-config.db")
      const env = (entries: ReadonlyArray<readonly [string, string]>) =>
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(entries)))
      const timeout = yield* Effect.gen(function*() {
        const rows = yield* (yield* SqlClient.SqlClient)`PRAGMA busy_timeout`
        return rows[0]
      }).pipe(
        Effect.provide(SqliteStorage.layerConfig()),
        env([["PLEEGZORG_SQLITE_FILE", filename], ["PLEEGZORG_SQLITE_BUSY_TIMEOUT", "2 seconds"]])
      )
      expect(timeout).toEqual({ timeout: 2000 })
      expect(Fs.existsSync(filename)).toBe(true)
      const missing = yield* Effect.flip(Effect.provide(Effect.void, SqliteStorage.layerConfig()).pipe(env([])))
      expect(missing._tag).toBe("ConfigError")
    }))
})

// Rows of `agendas` as the database holds them, read with SQL.
const StoredAgendas = Schema.Array(Schema.Struct({ id: Schema.String, version: Schema.Int }))

describe("agendas in a SQLite file", () => {
  it.effect("an agenda written, and its later version, are there when the file is closed and opened again", () =>
    Effect.gen(function*() {
      const filename = Path.join(directory.path, "agendas.db")
      const written = yield* Effect.gen(function*() {
        const track = yield* Fixtures.track()
        yield* (yield* Storage.TrackRepository).insert(track)
        const repo = yield* AgendaStorage.AgendaRepository
        const agenda = yield* Fixtures.agenda(track)
        yield* repo.insert(agenda)
        const action = agenda.draft.actions[0]!
        const progressed = new Agenda.Agenda({
          ...agenda,
          progress: {
            ...agenda.progress,
            [action.id]: new Agenda.Progress({
              status: new AgendaAction.Done({ on: "2030-11-15" as CalendarDate.CalendarDate, note: "Startgesprekken zijn vast onderdeel van elke plaatsing." }),
              notes: agenda.progress[action.id]?.notes ?? []
            })
          },
          notified: [...agenda.notified, "review:3"],
          version: agenda.version + 1
        })
        yield* repo.update(progressed)
        return progressed
      }).pipe(Effect.provide(Support.services(SqliteStorage.layer({ filename }))))

      const read = yield* Effect.gen(function*() {
        const repo = yield* AgendaStorage.AgendaRepository
        return {
          byId: yield* repo.get(written.id),
          byTrack: yield* repo.findByTrack(written.trackId),
          inRegion: yield* repo.listByRegion(written.region),
          all: yield* repo.list()
        }
      }).pipe(Effect.provide(SqliteStorage.layer({ filename })))

      expect(read.byId).toEqual(Option.some(written))
      expect(read.byTrack).toEqual(Option.some(written))
      expect(read.inRegion).toEqual([written])
      expect(read.all).toEqual([written])
    }))

  it.effect("a second agenda for the same track is refused, and no row of it is written", () =>
    Effect.gen(function*() {
      const track = yield* Fixtures.track()
      yield* (yield* Storage.TrackRepository).insert(track)
      const repo = yield* AgendaStorage.AgendaRepository
      const first = yield* Fixtures.agenda(track)
      const second = yield* Fixtures.agenda(track)
      yield* repo.insert(first)

      const refused = yield* Effect.flip(repo.insert(second))
      expect(refused._tag).toBe("StorageError")
      expect(refused.message).toMatch(/^AgendaRepository\.insert: .*a row with the same unique value exists/)

      const sql = yield* SqlClient.SqlClient
      const stored = yield* Schema.decodeUnknown(StoredAgendas)(
        yield* sql`SELECT id, version FROM agendas WHERE track_id = ${track.id} OR id = ${second.id}`
      )
      expect(stored).toEqual([{ id: first.id, version: 1 }])
      expect(yield* repo.findByTrack(track.id)).toEqual(Option.some(first))
    }).pipe(Effect.provide(Support.services(SqliteStorage.layer({ filename: Path.join(directory.path, "one-agenda.db") })))))
})
