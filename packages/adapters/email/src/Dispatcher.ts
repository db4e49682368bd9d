/**
 * The dispatcher: takes due events from the core `Outbox`, renders them,
 * sends them with the `Mailer`, and tells the outbox how it went.
 *
 * - Delivered: the entry is completed, which deletes it (and the personal
 *   token inside it).
 * - Transient failure (server down, timeout, 4xx): tried again later, after
 *   5 seconds, then 10, 20, … up to an hour between attempts, with a little
 *   random jitter so that a recovering server is not hit by everything at
 *   once.
 * - Permanent failure (5xx for this mail, for example 550 unknown
 *   recipient), or too many attempts: given up. The entry stays in the
 *   outbox (`Outbox.stats().givenUp`) for the organiser to look at; it is
 *   never claimed again.
 *
 * Several dispatchers (one per application server) can share an outbox:
 * each claims entries with a lease, and starts a send only while at least a
 * fifth of that lease remains; entries it did not get to are released for
 * the next round. So a slow batch does not run into the time at which
 * another dispatcher may claim the same entries. (Keep the servers' clocks
 * in sync: the lease is measured on them.)
 *
 * Delivery is at least once: if the process stops between sending and
 * completing, the mail goes out again when the lease runs out. The
 * Message-ID is the same every time (`<evt_…@pleegzorg>`), so mail servers
 * and programs can drop the duplicate.
 *
 * Logs hold counts and error codes only: never an address, a name or a
 * token.
 *
 * @since 0.2.0
 */
import { Outbox, type Storage } from "@pleegzorg/core"
import * as Cause from "effect/Cause"
import type * as ConfigError from "effect/ConfigError"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import { Mailer, MailError } from "./Mailer.js"
import * as Templates from "./Templates.js"

/**
 * How the dispatcher works. Every field has a default.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** How many entries to claim at once; default 50. */
  readonly batchSize?: number | undefined
  /**
   * How long a claimed entry stays reserved for this dispatcher; default 5
   * minutes. Keep it longer than sending a whole batch can take, or a
   * second dispatcher may send the same mail.
   */
  readonly lease?: Duration.DurationInput | undefined
  /** How many mails are sent at the same time; default 5. */
  readonly concurrency?: number | undefined
  /**
   * After how many failed attempts a mail is given up; default 20 (with the
   * default backoff that is about 11 hours of trying).
   */
  readonly maxAttempts?: number | undefined
  /** The wait after the first failure (default 5 seconds), doubled after each next one, up to `maxDelay`. */
  readonly initialDelay?: Duration.DurationInput | undefined
  /** The longest wait between two attempts; default 1 hour. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** Options for the templates (the public URL for withdraw links). */
  readonly render?: Templates.Options | undefined
}

/**
 * What one round did.
 *
 * @since 0.2.0
 * @category models
 */
export interface Result {
  readonly sent: number
  readonly retried: number
  readonly givenUp: number
  /** Claimed but not attempted, because the lease was nearly over; claimed again in the next round. */
  readonly released: number
}

/**
 * The defaults.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaults = {
  batchSize: 50,
  lease: Duration.minutes(5),
  concurrency: 5,
  maxAttempts: 20,
  initialDelay: Duration.seconds(5),
  maxDelay: Duration.hours(1)
} as const

/**
 * The wait before the next attempt after `attempts` failures (1 or more),
 * without jitter: `initialDelay × 2^(attempts − 1)`, at most `maxDelay`.
 *
 * @since 0.2.0
 * @category getters
 */
export const backoff = (attempts: number, options: Pick<Options, "initialDelay" | "maxDelay"> = {}): Duration.Duration => {
  const initial = Duration.toMillis(Duration.decode(options.initialDelay ?? defaults.initialDelay))
  const max = Duration.toMillis(Duration.decode(options.maxDelay ?? defaults.maxDelay))
  const exponent = Math.min(Math.max(attempts, 1) - 1, 52)
  return Duration.millis(Math.min(max, initial * 2 ** exponent))
}

// ±10 %, from Effect's Random (so tests can seed it).
const withJitter = (delay: Duration.Duration) =>
  Effect.map(Random.nextRange(0.9, 1.1), (factor) => Duration.millis(Math.round(Duration.toMillis(delay) * factor)))

type Outcome = "sent" | "retried" | "givenUp" | "released"

/**
 * One round: claims due entries, sends them, and completes, retries or
 * gives up each. Fails only when the outbox itself fails.
 *
 * @since 0.2.0
 * @category dispatching
 */
export const dispatchOnce: (
  options?: Options
) => Effect.Effect<Result, Storage.StorageError, Outbox.Outbox | Mailer> = Effect.fn("Dispatcher.dispatchOnce")(
  function*(options: Options = {}) {
    const outbox = yield* Outbox.Outbox
    const mailer = yield* Mailer
    const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
    const lease = Duration.decode(options.lease ?? defaults.lease)
    const claimedAt = yield* DateTime.now
    const entries = yield* outbox.claim({ now: claimedAt, limit: options.batchSize ?? defaults.batchSize, lease })
    // No send starts in the last fifth of the lease: one that did could still
    // be going on when another dispatcher may claim the entry.
    const lastStart = DateTime.addDuration(claimedAt, Duration.times(lease, 0.8))
    const failures = new Map<string, number>()

    const handle = (entry: Outbox.OutboxEntry): Effect.Effect<Outcome, Storage.StorageError> =>
      Effect.gen(function*() {
        const id = entry.event.id
        if (DateTime.greaterThan(yield* DateTime.now, lastStart)) {
          yield* outbox.release(id)
          return "released" as const
        }
        const sending = Effect.try({
          try: () => Templates.render(entry.event, options.render ?? {}),
          // A template that cannot render this event will not do better next time.
          catch: () => new MailError({ transient: false, code: "RENDER" })
        }).pipe(Effect.flatMap(mailer.send))
        const result = yield* Effect.either(sending)
        if (Either.isRight(result)) {
          yield* outbox.complete(id)
          return "sent" as const
        }
        const error = result.left
        failures.set(error.code, (failures.get(error.code) ?? 0) + 1)
        const attempts = entry.attempts + 1
        if (!error.transient || attempts >= maxAttempts) {
          yield* outbox.giveUp(id, error.transient ? `${error.code}; gave up after ${attempts} attempts` : error.code)
          return "givenUp" as const
        }
        const delay = yield* withJitter(backoff(attempts, options))
        const at = DateTime.addDuration(yield* DateTime.now, delay)
        yield* outbox.retryLater(id, at, error.code)
        return "retried" as const
      }).pipe(
        Effect.withSpan("Dispatcher.deliver", {
          attributes: { "event.id": entry.event.id, "event.type": entry.event._tag }
        })
      )

    // Every entry runs to its end, even when the outbox fails for another:
    // interrupting a send that the server may already have accepted would
    // only make a duplicate more likely.
    const [storageErrors, outcomes] = yield* Effect.partition(entries, handle, {
      concurrency: options.concurrency ?? defaults.concurrency
    })
    if (storageErrors.length > 0) return yield* Effect.fail(storageErrors[0]!)
    const result: Result = {
      sent: outcomes.filter((o) => o === "sent").length,
      retried: outcomes.filter((o) => o === "retried").length,
      givenUp: outcomes.filter((o) => o === "givenUp").length,
      released: outcomes.filter((o) => o === "released").length
    }
    if (entries.length > 0) {
      yield* Effect.logInfo("Mail dispatched").pipe(
        Effect.annotateLogs({ ...result, failures: Object.fromEntries(failures) })
      )
    }
    return result
  }
)

/**
 * Options of the background dispatcher.
 *
 * @since 0.2.0
 * @category models
 */
export interface LayerOptions extends Options {
  /** The pause between rounds when the outbox has nothing more that is due; default 10 seconds. */
  readonly interval?: Duration.DurationInput | undefined
  /**
   * How long a mail that was given up on stays in the outbox (for the
   * organiser to see) before it is deleted, with the personal data and code
   * in it; default 30 days.
   */
  readonly keepGivenUp?: Duration.DurationInput | undefined
}

/**
 * Runs {@link dispatchOnce} in a background fiber for as long as the layer's
 * scope lasts: again at once while rounds come back full, otherwise after
 * `interval`. A failing outbox is logged (storage errors carry no personal
 * data) and tried again after `interval`.
 *
 * The template options are read from `PLEEGZORG_PUBLIC_URL` (see
 * `Templates.config`); `render` given here wins.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (
  options: LayerOptions = {}
): Layer.Layer<never, ConfigError.ConfigError, Outbox.Outbox | Mailer> =>
  Layer.scopedDiscard(
    Effect.gen(function*() {
      const fromConfig = yield* Templates.config
      const settings: Options = { ...options, render: { ...fromConfig, ...options.render } }
      const interval = Duration.decode(options.interval ?? "10 seconds")
      const batchSize = options.batchSize ?? defaults.batchSize
      const round = dispatchOnce(settings).pipe(
        Effect.map((r) => r.sent + r.retried + r.givenUp + r.released >= batchSize),
        Effect.catchAllCause((cause) =>
          Effect.logError("Mail dispatch failed").pipe(
            Effect.annotateLogs({ error: describe(cause) }),
            Effect.as(false)
          )
        )
      )
      const keep = Duration.decode(options.keepGivenUp ?? "30 days")
      const outbox = yield* Outbox.Outbox
      const purge = Effect.gen(function*() {
        const removed = yield* outbox.removeGivenUp(DateTime.subtractDuration(yield* DateTime.now, keep))
        if (removed > 0) yield* Effect.logInfo("Given-up mail removed").pipe(Effect.annotateLogs({ removed }))
      }).pipe(
        Effect.catchAllCause((cause) =>
          Effect.logError("Removing given-up mail failed").pipe(Effect.annotateLogs({ error: describe(cause) }))
        )
      )
      const loop = Effect.forever(
        Effect.flatMap(round, (full) => (full ? Effect.yieldNow() : Effect.zipRight(purge, Effect.sleep(interval))))
      )
      yield* Effect.forkScoped(loop)
    })
  )

// What went wrong, without anything a defect might carry along.
const describe = (cause: Cause.Cause<Storage.StorageError>): string => {
  const failure = Cause.failureOption(cause)
  if (failure._tag === "Some") return failure.value.message
  return Cause.isInterruptedOnly(cause) ? "interrupted" : "unexpected defect"
}
