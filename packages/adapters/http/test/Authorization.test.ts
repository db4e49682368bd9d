/**
 * The organiser token: its comparison and its configuration.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Authorization, Server } from "@pleegzorg/http"
import { Agendas, Entropy, Geography, MemoryStorage, Mentoring, Registrations, Surveys, Tracks } from "@pleegzorg/core"

describe("constantTimeEqual", () => {
  it("compares byte strings", () => {
    const bytes = (...values: Array<number>) => Uint8Array.from(values)
    expect(Authorization.constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true)
    expect(Authorization.constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false)
    expect(Authorization.constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false)
    expect(Authorization.constantTimeEqual(bytes(), bytes(0))).toBe(false)
    expect(Authorization.constantTimeEqual(bytes(), bytes())).toBe(true)
  })
})

const services = Layer.mergeAll(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(
  Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default)),
  Layer.provideMerge(Layer.mergeAll(MemoryStorage.layer, Entropy.layerSeeded(1), Geography.Geography.Default))
)

const startWith = (config: ReadonlyArray<readonly [string, string]>) =>
  Effect.exit(Effect.scoped(Layer.build(
    Server.layer.pipe(
      Layer.provide(services),
      Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(config))))
    )
  )))

describe("the organiser token configuration", () => {
  it.effect("is required: without it the API does not start", () =>
    Effect.gen(function*() {
      const exit = yield* startWith([])
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(exit)).toContain("PLEEGZORG_ORGANISER_TOKEN")
    }))

  it.effect("must be at least 16 characters", () =>
    Effect.gen(function*() {
      const exit = yield* startWith([[Authorization.TOKEN_CONFIG, "short"]])
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(exit)).toContain("at least 16 characters")
      expect(String(exit)).not.toContain("short\"")
    }))

  it.effect("starts with a long enough token", () =>
    Effect.gen(function*() {
      const exit = yield* startWith([[Authorization.TOKEN_CONFIG, "a-long-enough-organiser-token"]])
      expect(Exit.isSuccess(exit)).toBe(true)
    }))

  it.effect("a token given as a Config is held to the same minimum", () =>
    Effect.gen(function*() {
      const short = yield* Effect.exit(Effect.scoped(Layer.build(
        Authorization.layerConfig(Config.succeed(Redacted.make("too-short")))
      )))
      expect(Exit.isFailure(short)).toBe(true)
      const long = yield* Effect.exit(Effect.scoped(Layer.build(
        Authorization.layerConfig(Config.succeed(Redacted.make("long-enough-for-an-organiser")))
      )))
      expect(Exit.isSuccess(long)).toBe(true)
    }))
})
