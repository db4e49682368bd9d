/**
 * The outbox port: events wait here until the mail side has delivered them.
 *
 * Services append events in the same transaction as the change they describe,
 * so a change and its message land together or not at all. A dispatcher
 * claims due entries (a lease keeps two dispatchers from sending the same
 * one), and completes each after delivery (the entry, with any token in it,
 * is then deleted) or schedules a retry.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import type * as DateTime from "effect/DateTime"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { DomainEvent, EventId } from "./DomainEvent.js"
import type { StorageError } from "./Storage.js"

/**
 * An event waiting in the outbox.
 *
 * @since 0.2.0
 * @category models
 */
export class OutboxEntry extends Schema.Class<OutboxEntry>("@pleegzorg/core/Outbox/OutboxEntry")({
  event: DomainEvent,
  attempts: Schema.Int,
  nextAttemptAt: Schema.DateTimeUtc,
  lastError: Schema.OptionFromNullOr(Schema.String)
}) {}

/**
 * How many entries wait, and how many of those failed at least once.
 *
 * @since 0.2.0
 * @category models
 */
export interface OutboxStats {
  readonly pending: number
  readonly failing: number
  readonly givenUp: number
}

/**
 * @since 0.2.0
 * @category ports
 */
export class Outbox extends Context.Tag("@pleegzorg/core/Outbox")<
  Outbox,
  {
    /** Adds events, in order; call inside the transaction of the change. */
    readonly append: (events: ReadonlyArray<DomainEvent>) => Effect.Effect<void, StorageError>
    /**
     * Takes up to `limit` entries that are due at `now` and not leased, in
     * the order they were appended, and leases them until `now + lease`.
     */
    readonly claim: (options: {
      readonly now: DateTime.Utc
      readonly limit: number
      readonly lease: Duration.Duration
    }) => Effect.Effect<ReadonlyArray<OutboxEntry>, StorageError>
    /** Delivered: deletes the entry. */
    readonly complete: (id: EventId) => Effect.Effect<void, StorageError>
    /**
     * Not attempted (the dispatcher stopped before sending it): ends the
     * lease, so that the entry can be claimed again at once; its attempts
     * and last error stay as they were.
     *
     * @since 0.3.0
     */
    readonly release: (id: EventId) => Effect.Effect<void, StorageError>
    /** Failed: counts the attempt, keeps the error, and tries again at `at`. */
    readonly retryLater: (id: EventId, at: DateTime.Utc, error: string) => Effect.Effect<void, StorageError>
    /**
     * Failed for good (for example an address that does not exist): kept for
     * the organiser to see, never claimed again. Its `nextAttemptAt` becomes
     * the time it was given up.
     */
    readonly giveUp: (id: EventId, error: string) => Effect.Effect<void, StorageError>
    /**
     * Deletes the entries given up before `before`, with the personal data
     * (and token) they hold; returns how many. Call it on a schedule, for
     * example daily with `before` 30 days ago.
     */
    readonly removeGivenUp: (before: DateTime.Utc) => Effect.Effect<number, StorageError>
    readonly get: (id: EventId) => Effect.Effect<Option.Option<OutboxEntry>, StorageError>
    readonly stats: () => Effect.Effect<OutboxStats, StorageError>
  }
>() {}
