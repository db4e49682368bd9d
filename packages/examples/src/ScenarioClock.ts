/**
 * A clock for scenarios that replay dates in the past (the 2022 pilot): it
 * shows a chosen "now" that the script moves forward, while sleeping still
 * takes real time. Wiring for the demo, not a domain rule.
 */
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"

export const make = (start: string) => {
  let now = DateTime.toEpochMillis(DateTime.unsafeMake(start))
  const real = Clock.make()
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => now,
    currentTimeMillis: Effect.sync(() => now),
    unsafeCurrentTimeNanos: () => BigInt(now) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now) * 1_000_000n),
    sleep: (duration) => real.sleep(duration)
  }
  return {
    clock,
    /** Moves "now" to an ISO time (with offset). */
    setTo: (iso: string) => Effect.sync(() => void (now = DateTime.toEpochMillis(DateTime.unsafeMake(iso))))
  }
}
