/**
 * The server side of `pnpm bench tracks`, run as its own process so that the
 * load generator does not share its event loop:
 *
 * - `bare`: an HttpApi with one endpoint that does no work (the baseline);
 * - `register`: the real API on a SQLite file, with open tracks to register for.
 *
 * Prints one JSON line `{ "port", "tracks" }` when it listens.
 */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpServer } from "@effect/platform"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Agendas, Entropy, Geography, Mentoring, Registrations, Surveys, Tracks } from "@pleegzorg/core"
import { Authorization, Server } from "@pleegzorg/http"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Fs from "node:fs"
import { createServer } from "node:http"
import * as Os from "node:os"
import * as Path from "node:path"
import { openTrackInput } from "./tracks-fixture.js"

const mode = process.argv[2]
const trackCount = 200

const announce = (tracks: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const server = yield* HttpServer.HttpServer
    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    process.stdout.write(`${JSON.stringify({ port, tracks })}\n`)
    return yield* Effect.never
  })

// The baselines: the same framework, routing and JSON response, and no work.
// `/bare` ignores the request body; `/bare-body` reads it as JSON (as every
// endpoint that takes a body has to) without checking it.
class Bare extends HttpApiGroup.make("bare")
  .add(HttpApiEndpoint.post("bare", "/bare").addSuccess(Schema.Struct({ ok: Schema.Boolean }), { status: 201 }))
  .add(
    HttpApiEndpoint.post("bareBody", "/bare-body")
      .setPayload(Schema.Unknown)
      .addSuccess(Schema.Struct({ ok: Schema.Boolean }), { status: 201 })
  )
{}
class BareApi extends HttpApi.make("bare").add(Bare) {}
const BareLive = HttpApiBuilder.group(BareApi, "bare", (handlers) =>
  handlers
    .handle("bare", () => Effect.succeed({ ok: true }))
    .handle("bareBody", () => Effect.succeed({ ok: true })))

const http = NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })

const bare = announce([]).pipe(
  Effect.provide(
    HttpApiBuilder.serve().pipe(
      Layer.provide(HttpApiBuilder.api(BareApi).pipe(Layer.provide(BareLive))),
      Layer.provideMerge(http)
    )
  )
)

const register = Effect.gen(function*() {
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-"))
  const services = Layer.merge(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default))).pipe(
    Layer.provideMerge(SqliteStorage.layer({ filename: Path.join(directory, "bench.sqlite") })),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )
  const app = HttpApiBuilder.serve().pipe(
    Layer.provide(Server.layerWith({ authorization: Authorization.layerConfig(Config.succeed(Redacted.make("bench-organiser-token"))) })),
    Layer.provideMerge(http),
    Layer.provideMerge(services)
  )
  yield* Effect.gen(function*() {
    // Open tracks far ahead, each with room for everyone who will register.
    const tracks = yield* Tracks.Tracks
    const ids: Array<string> = []
    for (let i = 0; i < trackCount; i++) {
      const track = yield* tracks.createFromTemplate(openTrackInput)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      ids.push(track.id)
    }
    return yield* announce(ids)
  }).pipe(Effect.provide(app))
})

const program = mode === "bare" ? bare : register
NodeRuntime.runMain(program.pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.Warning)), { disablePrettyLogger: true })
