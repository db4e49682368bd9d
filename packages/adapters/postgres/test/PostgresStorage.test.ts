import * as Net from "node:net"
import { describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Arr from "effect/Array"
import * as ConfigProvider from "effect/ConfigProvider"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { DomainEvent, Entropy, MatchingStorage, MentorMatch, Outbox, Registrations, Storage } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { PostgresStorage } from "@pleegzorg/postgres"
import * as Support from "./support.js"

const fromEnv = (env: Record<string, string>) =>
  <A, E, R>(self: Effect.Effect<A, E, R>) =>
    Effect.withConfigProvider(self, ConfigProvider.fromMap(new Map(Object.entries(env))))

// A port on loopback that nothing listens on.
const closedPort = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 1))
    })
  })
)

const openError = <A, E>(layer: Layer.Layer<A, E>) => Effect.flip(Effect.scoped(Layer.build(layer)))

describe("configuration", () => {
  it.effect("without DATABASE_URL or PGHOST there is no database: None, so a program can stay on SQLite", () =>
    Effect.gen(function*() {
      expect(yield* PostgresStorage.configOption).toEqual(Option.none())
      const error = yield* Effect.flip(PostgresStorage.config)
      expect(String(error)).toContain("DATABASE_URL")
    }).pipe(fromEnv({ PGUSER: "pleegzorg", DATABASE_URL: " " })))

  it.effect("DATABASE_URL and the parts are read, the password kept redacted", () =>
    Effect.gen(function*() {
      const options = Option.getOrThrow(yield* PostgresStorage.configOption)
      expect(options.url && Redacted.value(options.url)).toBe("postgres://app:geheim@db.example:5432/pleegzorg")
      expect(String(options.url)).not.toContain("geheim")
      expect(options.port).toBe(6543)
      expect(options.tls).toBe("verify")
      expect(options.poolSize).toBe(25)
      expect(options.schema).toBe("regio_jz32")
      expect(options.password && Redacted.value(options.password)).toBe("ander")
    }).pipe(fromEnv({
      DATABASE_URL: "postgres://app:geheim@db.example:5432/pleegzorg",
      PGPORT: "6543",
      PGPASSWORD: "ander",
      PLEEGZORG_PG_TLS: "verify",
      PLEEGZORG_PG_POOL_SIZE: "25",
      PLEEGZORG_PG_SCHEMA: "regio_jz32"
    })))

  it.effect("a wrong TLS mode, pool size or schema name is a configuration error naming the variable", () =>
    Effect.gen(function*() {
      const read = (env: Record<string, string>) =>
        Effect.flip(PostgresStorage.configOption).pipe(Effect.map(String), fromEnv({ PGHOST: "db", ...env }))
      expect(yield* read({ PLEEGZORG_PG_TLS: "yes" })).toContain("PLEEGZORG_PG_TLS")
      expect(yield* read({ PLEEGZORG_PG_POOL_SIZE: "0" })).toContain("PLEEGZORG_PG_POOL_SIZE")
      expect(yield* read({ PLEEGZORG_PG_SCHEMA: "Regio; DROP" })).toContain("PLEEGZORG_PG_SCHEMA")
    }))

  it.effect("a schema name that would need quoting is refused before anything connects", () =>
    Effect.gen(function*() {
      const error = yield* openError(PostgresStorage.layer({ host: "127.0.0.1", schema: "public; DROP TABLE x" }))
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("schema name")
    }))

  it.live("a server that does not answer is a StorageError with the code, never the password", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const error = yield* openError(PostgresStorage.layer({
        url: Redacted.make(`postgres://app:zeer-geheim@127.0.0.1:${port}/test`),
        connectTimeout: Duration.seconds(2)
      }))
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).not.toContain("zeer-geheim")
    }))
})

const twentyFosterParents = Fixtures.onlyGroup("FosterParent", 20)

const StoredRegistration = Schema.Struct({
  id: Schema.String,
  sequence: Schema.Int,
  status: Schema.Literal("Confirmed", "Waitlisted", "AwaitingConsent", "Withdrawn")
})
const StoredEvent = Schema.Struct({ event: DomainEvent.DomainEventFromJson })
const Migrated = Schema.Struct({ migration_id: Schema.Int, name: Schema.String })

describe.runIf(Support.available)("on a real PostgreSQL server", () => {
  it.live("a database that does not exist is a StorageError that says so", () =>
    Effect.gen(function*() {
      const url = new URL(Support.server?.url ?? "postgres://127.0.0.1/test")
      url.pathname = "/pleegzorg_bestaat_niet"
      const error = yield* openError(PostgresStorage.layer({ url: Redacted.make(url.toString()) }))
      expect(error.message).toContain("3D000")
      expect(error.message).toContain("does not exist")
    }))

  it.live("four servers starting at once on an empty schema migrate it once, and all of them work", () =>
    Effect.gen(function*() {
      const options = Support.freshSchema({ poolSize: 2 })
      const servers = yield* Effect.forEach(
        Arr.range(1, 4),
        () => Layer.build(Support.services(PostgresStorage.layer(options))),
        { concurrency: "unbounded" }
      )
      const [first] = servers
      const sql = (yield* Effect.provide(SqlClient.SqlClient, first!)).withoutTransforms()
      const migrated = yield* Schema.decodeUnknown(Schema.Array(Migrated))(
        yield* sql`SELECT migration_id, name FROM pleegzorg_migrations ORDER BY migration_id`.pipe(Effect.orDie)
      )
      expect(migrated).toEqual([
        { migration_id: 1, name: "init" },
        { migration_id: 2, name: "surveys" },
        { migration_id: 3, name: "agendas" },
        { migration_id: 4, name: "matching" }
      ])
      // Each server sees a track the others stored.
      const track = yield* Fixtures.track()
      yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.insert(track)).pipe(Effect.provide(servers[3]!))
      for (const server of servers) {
        const found = yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.get(track.id)).pipe(
          Effect.provide(server)
        )
        expect(Option.isSome(found)).toBe(true)
      }
    }).pipe(Effect.scoped, Effect.provide(Entropy.layerCrypto)))

  it.live("two schemas in one database keep their regions apart", () =>
    Effect.gen(function*() {
      const one = yield* Layer.build(Support.services(PostgresStorage.layer(Support.freshSchema())))
      const other = yield* Layer.build(Support.services(PostgresStorage.layer(Support.freshSchema())))
      const track = yield* Fixtures.track()
      yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.insert(track)).pipe(Effect.provide(one))
      const inOther = yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.get(track.id)).pipe(
        Effect.provide(other)
      )
      expect(inOther).toEqual(Option.none())
    }).pipe(Effect.scoped, Effect.provide(Entropy.layerCrypto)))

  it.live("what one server stored is there after it stopped and another started", () =>
    Effect.gen(function*() {
      const options = Support.freshSchema()
      const track = yield* Fixtures.track()
      yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.insert(track)).pipe(
        Effect.provide(Support.services(PostgresStorage.layer(options)))
      )
      const found = yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.get(track.id)).pipe(
        Effect.provide(Support.services(PostgresStorage.layer(options)))
      )
      expect(found).toEqual(Option.some(track))
    }).pipe(Effect.provide(Entropy.layerCrypto)))

  it.live("two servers beginning a matching run at the same moment, 20 times: each time exactly one starts it", () =>
    Effect.gen(function*() {
      const options = Support.freshSchema({ poolSize: 4 })
      const servers = [
        yield* Layer.build(Support.services(PostgresStorage.layer(options))),
        yield* Layer.build(Support.services(PostgresStorage.layer(options)))
      ] as const
      const runsOf = (server: (typeof servers)[number]) => Effect.provide(MatchingStorage.MatchingRunRepository, server)
      const repos = [yield* runsOf(servers[0]), yield* runsOf(servers[1])] as const
      const first = DateTime.unsafeMake("2031-05-01T10:00:00Z")

      const winners: Array<string> = []
      for (const round of Arr.range(1, 20)) {
        const at = DateTime.add(first, { hours: round })
        const staleBefore = DateTime.subtract(at, { minutes: 30 })
        const candidates = (["a", "b"] as const).map((server) =>
          new MentorMatch.Run({
            id: `run_${round}_${server}`,
            startedAt: at,
            finishedAt: null,
            weightsVersion: "standaard",
            proposed: 0,
            unmatched: 0
          })
        )
        const [a, b] = yield* Effect.all(
          [repos[0].begin(candidates[0]!, staleBefore), repos[1].begin(candidates[1]!, staleBefore)],
          { concurrency: "unbounded" }
        )
        // One started its run (None); the other was told of that run.
        const started = Option.isNone(a) ? candidates[0]! : candidates[1]!
        expect([Option.isNone(a), Option.isNone(b)].filter(Boolean)).toHaveLength(1)
        expect(Option.isSome(a) ? a.value : Option.getOrThrow(b)).toEqual(started)
        winners.push(started.id)
        // The winner finishes, so that the next round starts free.
        yield* (round % 2 === 0 ? repos[0] : repos[1]).finish(new MentorMatch.Run({ ...started, finishedAt: DateTime.add(at, { minutes: 5 }) }))
      }

      const recorded = yield* repos[0].list(100)
      expect(recorded.map((run) => run.id)).toEqual([...winners].reverse())
      expect(recorded.every((run) => run.finishedAt !== null)).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(Entropy.layerCrypto)))

  it.live(
    "200 sign-ups at once, split over two servers, for 20 seats: 20 confirmed, 180 waitlisted in arrival order, every message claimed once",
    () =>
      Effect.gen(function*() {
        const options = Support.freshSchema({ poolSize: 8 })
        const servers = [
          yield* Layer.build(Support.services(PostgresStorage.layer(options))),
          yield* Layer.build(Support.services(PostgresStorage.layer(options)))
        ] as const
        const track = yield* Fixtures.track({ composition: twentyFosterParents })
        yield* Effect.flatMap(Storage.TrackRepository, (repo) => repo.insert(track)).pipe(Effect.provide(servers[0]))

        const outcomes = yield* Effect.forEach(
          Arr.range(1, 200),
          (i) =>
            Effect.flatMap(Registrations.Registrations, (registrations) =>
              registrations.register(Fixtures.signUp(track.id, i))).pipe(Effect.provide(servers[i % 2]!)),
          { concurrency: "unbounded" }
        )
        expect(outcomes.filter((o) => o._tag === "Accepted")).toHaveLength(200)

        const sql = (yield* Effect.provide(SqlClient.SqlClient, servers[1])).withoutTransforms()
        const stored = yield* Schema.decodeUnknown(Schema.Array(StoredRegistration))(
          yield* sql`SELECT id, sequence, status FROM registrations WHERE track_id = ${track.id} ORDER BY sequence`
            .pipe(Effect.orDie)
        )
        expect(stored.map((r) => r.sequence)).toEqual(Arr.range(1, 200))
        expect(stored.filter((r) => r.status === "Confirmed").map((r) => r.sequence)).toEqual(Arr.range(1, 20))
        expect(stored.filter((r) => r.status === "Waitlisted").map((r) => r.sequence)).toEqual(Arr.range(21, 200))

        // The outbox holds one message per registration, in the order the
        // seats were decided, and the waitlisted hear their place in line.
        const events = (yield* Schema.decodeUnknown(Schema.Array(StoredEvent))(
          yield* sql`SELECT event FROM outbox ORDER BY seq`.pipe(Effect.orDie)
        )).map((row) => row.event)
        expect(events.map((e) => ("registrationId" in e.recipient ? e.recipient.registrationId : null))).toEqual(stored.map((r) => r.id))
        expect(events.slice(20).map((e) => e._tag === "RegistrationWaitlisted" ? e.position : -1)).toEqual(
          Arr.range(1, 180)
        )

        // Both servers' dispatchers claim at once, in small batches, until
        // nothing is left: each message is claimed by exactly one of them.
        const now = DateTime.unsafeMake("2200-01-01T00:00:00Z")
        const dispatcher = (server: (typeof servers)[number]) =>
          Effect.gen(function*() {
            const outbox = yield* Outbox.Outbox
            const claimed: Array<string> = []
            for (;;) {
              const batch = yield* outbox.claim({ now, limit: 7, lease: Duration.minutes(5) })
              if (batch.length === 0) return claimed
              for (const entry of batch) {
                claimed.push(entry.event.id)
                yield* outbox.complete(entry.event.id)
              }
            }
          }).pipe(Effect.provide(server))
        const [a, b] = yield* Effect.all([dispatcher(servers[0]), dispatcher(servers[1])], {
          concurrency: "unbounded"
        })
        expect([...a, ...b].sort()).toEqual(events.map((e) => e.id).sort())
      }).pipe(Effect.scoped, Effect.provide(Entropy.layerCrypto)),
    { timeout: 120_000 }
  )
})
