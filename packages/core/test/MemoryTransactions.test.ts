import { describe, expect, it } from "@effect/vitest"
import { Entropy, MemoryStorage, Storage } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

const store = Layer.merge(MemoryStorage.layer, Entropy.layerSeeded(3))

class Boom {
  readonly _tag = "Boom"
}

describe("MemoryStorage transactions", () => {
  it.effect("savepoints that run at the same time are all undone when the transaction around them fails", () =>
    Effect.gen(function*() {
      const { withTransaction } = yield* Storage.Transactor
      const tracks = yield* Storage.TrackRepository
      const written = [yield* Fixtures.track(), yield* Fixtures.track(), yield* Fixtures.track(), yield* Fixtures.track()]
      // two savepoints whose writes interleave
      const savepoint = (first: typeof written[number], second: typeof written[number]) =>
        withTransaction(Effect.gen(function*() {
          yield* tracks.insert(first)
          yield* Effect.yieldNow()
          yield* tracks.insert(second)
        }))
      const exit = yield* Effect.exit(withTransaction(Effect.gen(function*() {
        yield* Effect.all([savepoint(written[0]!, written[1]!), savepoint(written[2]!, written[3]!)], {
          concurrency: "unbounded"
        })
        return yield* Effect.fail(new Boom())
      })))
      expect(Exit.isFailure(exit)).toBe(true)
      for (const track of written) expect(yield* tracks.get(track.id)).toEqual(Option.none())
    }).pipe(Effect.provide(store)))

  it.effect("a fiber forked in a finished transaction writes in a transaction of its own", () =>
    Effect.gen(function*() {
      const { withTransaction } = yield* Storage.Transactor
      const tracks = yield* Storage.TrackRepository
      const late = yield* Fixtures.track()
      const other = yield* Fixtures.track()
      const go = yield* Deferred.make<void>()
      // the first transaction commits, leaving behind a fiber that writes later
      const forked = yield* withTransaction(Effect.forkDaemon(Effect.zipRight(Deferred.await(go), tracks.insert(late))))
      // a second transaction, on another fiber, fails after that write
      const failing = yield* Effect.fork(withTransaction(Effect.gen(function*() {
        yield* tracks.insert(other)
        yield* Deferred.succeed(go, undefined)
        yield* Effect.yieldNow()
        return yield* Effect.fail(new Boom())
      })))
      yield* Fiber.await(failing)
      yield* Fiber.join(forked)
      expect(Option.isSome(yield* tracks.get(late.id))).toBe(true)
      expect(yield* tracks.get(other.id)).toEqual(Option.none())
    }).pipe(Effect.provide(store)))
})
