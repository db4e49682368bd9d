import { describe, expect, it } from "@effect/vitest"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { Authorization, Server } from "@pleegzorg/http"
import { Agendas, Entropy, Geography, MemoryStorage, Mentoring, Registrations, Surveys, Tracks } from "@pleegzorg/core"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"

// A tracer that keeps every attribute of every span, as an OpenTelemetry exporter would send them.
const recorded: Array<[string, unknown]> = []
const recording = Tracer.make({
  span: (name, parent, context, links, startTime, kind) => {
    const attributes = new Map<string, unknown>()
    const span: Tracer.Span = {
      _tag: "Span",
      name,
      spanId: `span-${recorded.length}`,
      traceId: "trace",
      parent,
      context,
      status: { _tag: "Started", startTime },
      attributes,
      links,
      sampled: true,
      kind,
      end: () => undefined,
      attribute: (key, value) => {
        attributes.set(key, value)
        recorded.push([key, value])
      },
      event: () => undefined,
      addLinks: () => undefined
    }
    return span
  },
  context: (f) => f()
})

const services = Layer.mergeAll(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(
  Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default)),
  Layer.provideMerge(Layer.mergeAll(MemoryStorage.layer, Entropy.layerCrypto, Geography.Geography.Default))
)

const server = (redacted: boolean) => {
  const serve = HttpApiBuilder.serve().pipe(
    Layer.provide(Server.layerWith({ authorization: Authorization.layerConfig(Config.succeed(Redacted.make("x".repeat(32)))) })),
    Layer.provide(services),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )
  return (redacted ? Server.redactingCodes(serve) : serve).pipe(Layer.provide(Layer.setTracer(recording)))
}

const code = "A".repeat(43)
const call = Effect.gen(function*() {
  recorded.length = 0
  const client = yield* HttpClient.HttpClient
  yield* client.execute(
    HttpClientRequest.post(`/mentoring/matches/mch_${"0".repeat(20)}/view`).pipe(
      HttpClientRequest.setHeader("x-match-code", code),
      HttpClientRequest.bodyUnsafeJson({})
    )
  )
  return Option.fromNullable(recorded.find(([key]) => key === "http.request.header.x-match-code")?.[1])
})

describe("traces", () => {
  it.effect("a tracer that records request headers records the match code as redacted", () =>
    Effect.gen(function*() {
      expect(yield* call).toEqual(Option.some("<redacted>"))
      expect(JSON.stringify(recorded)).not.toContain(code)
    }).pipe(Effect.provide(server(true))))

  it.effect("without it, the platform would record the code itself (what redactingCodes prevents)", () =>
    Effect.gen(function*() {
      expect(yield* call).toEqual(Option.some(code))
    }).pipe(Effect.provide(server(false))))
})
