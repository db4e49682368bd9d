/**
 * The storage ports: what core asks of a database. An integrator who brings
 * their own storage implements these tags (and {@link Outbox}) and runs the
 * contract suite of `@pleegzorg/core/testing` against them.
 *
 * Every method fails only with {@link StorageError}; a storage adapter turns
 * its driver's errors into that, without personal data in the message.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { AttendanceRecord } from "./Attendance.js"
import type { RegionCode } from "./Region.js"
import type { Email, Registration, RegistrationId } from "./Registration.js"
import type { StakeholderGroup } from "./StakeholderGroup.js"
import type { Track, TrackId } from "./Track.js"

/**
 * Storage failed. `operation` names what was attempted
 * (`"RegistrationRepository.insert"`); `reason` says what went wrong, never
 * with personal data.
 *
 * @since 0.2.0
 * @category errors
 */
export class StorageError extends Schema.TaggedError<StorageError>("@pleegzorg/core/StorageError")("StorageError", {
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: ${this.reason}`
  }
}

/**
 * Runs an effect in one transaction: every write inside it lands, or none
 * does. Core never sees SQL; an SQL adapter implements this with
 * `sql.withTransaction`. A nested call is a savepoint: its failure undoes
 * its own writes, and the outer transaction decides about the rest.
 *
 * Do not wait inside a transaction for work that another fiber, started
 * outside it, must write first: that write waits for the transaction, and
 * the two wait for each other (as with one database connection).
 *
 * @since 0.2.0
 * @category ports
 */
export class Transactor extends Context.Tag("@pleegzorg/core/Transactor")<
  Transactor,
  {
    readonly withTransaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
  }
>() {}

/**
 * Where tracks are kept.
 *
 * @since 0.2.0
 * @category ports
 */
export class TrackRepository extends Context.Tag("@pleegzorg/core/TrackRepository")<
  TrackRepository,
  {
    /** Adds a new track; fails if the id exists. */
    readonly insert: (track: Track) => Effect.Effect<void, StorageError>
    /**
     * Replaces a stored track (same id). Fails if there is none, or if the
     * stored `version` is not lower than the new one: the change was made on
     * an outdated copy.
     */
    readonly update: (track: Track) => Effect.Effect<void, StorageError>
    readonly get: (id: TrackId) => Effect.Effect<Option.Option<Track>, StorageError>
    /**
     * Reads a track to change it or its registrations in the running
     * transaction, locking it where the database can (PostgreSQL:
     * `FOR UPDATE`), so that concurrent registrations queue up behind each
     * other instead of overselling seats.
     */
    readonly getForUpdate: (id: TrackId) => Effect.Effect<Option.Option<Track>, StorageError>
    /** The tracks of a region, oldest first. */
    readonly listByRegion: (region: RegionCode) => Effect.Effect<ReadonlyArray<Track>, StorageError>
    /** Tracks that are open, registration closed or running, oldest first. */
    readonly listActive: () => Effect.Effect<ReadonlyArray<Track>, StorageError>
  }
>() {}

/**
 * The number of registrations of one group with one status.
 *
 * @since 0.2.0
 * @category models
 */
export interface StatusCount {
  readonly group: StakeholderGroup
  readonly status: Registration["status"]["_tag"]
  readonly count: number
}

/**
 * Where registrations are kept.
 *
 * @since 0.2.0
 * @category ports
 */
export class RegistrationRepository extends Context.Tag("@pleegzorg/core/RegistrationRepository")<
  RegistrationRepository,
  {
    /**
     * Adds a registration. Fails (as a last line of defence; the services
     * check first) if its track does not exist, or another registration has
     * the same id, the same sequence in the track, the same token hash, or,
     * when neither is withdrawn, the same email in the track.
     */
    readonly insert: (registration: Registration) => Effect.Effect<void, StorageError>
    /** Replaces a stored registration (same id); fails if there is none. */
    readonly update: (registration: Registration) => Effect.Effect<void, StorageError>
    readonly get: (id: RegistrationId) => Effect.Effect<Option.Option<Registration>, StorageError>
    readonly findByTokenHash: (tokenHash: string) => Effect.Effect<Option.Option<Registration>, StorageError>
    /** A registration of the track with this email that is not withdrawn. */
    readonly findActiveByEmail: (
      trackId: TrackId,
      email: Email
    ) => Effect.Effect<Option.Option<Registration>, StorageError>
    /** All registrations of a track, in order of `sequence`. */
    readonly listByTrack: (trackId: TrackId) => Effect.Effect<ReadonlyArray<Registration>, StorageError>
    /**
     * How many registrations of the track there are per group and status
     * (only the pairs that occur): what a seat decision needs, without
     * reading every registration.
     */
    readonly countsByTrack: (trackId: TrackId) => Effect.Effect<ReadonlyArray<StatusCount>, StorageError>
    /** One more than the highest `sequence` of the track (1 for the first). */
    readonly nextSequence: (trackId: TrackId) => Effect.Effect<number, StorageError>
  }
>() {}

/**
 * Where attendance is kept: one record per registration and session; a
 * second record for the same pair replaces the first.
 *
 * @since 0.2.0
 * @category ports
 */
export class AttendanceRepository extends Context.Tag("@pleegzorg/core/AttendanceRepository")<
  AttendanceRepository,
  {
    readonly record: (record: AttendanceRecord) => Effect.Effect<void, StorageError>
    readonly listByTrack: (trackId: TrackId) => Effect.Effect<ReadonlyArray<AttendanceRecord>, StorageError>
  }
>() {}
