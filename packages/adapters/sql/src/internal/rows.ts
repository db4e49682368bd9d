/**
 * How the domain records sit in the tables: one schema per table that
 * decodes a row into the domain record and encodes a record into a row.
 * Every column is checked with the domain's own schema on the way in, so a
 * row that does not fit is a `ParseError`, never a cast.
 *
 * Column names are written here as the tables have them (snake_case); the
 * repositories use the client without name transforms, so they work with
 * any client configuration.
 */
import * as Schema from "effect/Schema"
import { Attendance, DomainEvent, Eligibility, Outbox, Registration, Track } from "@pleegzorg/core"

/**
 * An integer column. PostgreSQL drivers return `BIGINT`, `COUNT` and `SUM`
 * as text, SQLite as a number.
 *
 * @internal
 */
export const Integer = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

/**
 * An instant, kept as milliseconds since 1970 (UTC) in a `BIGINT` column, so
 * that it compares correctly in every database.
 *
 * @internal
 */
export const Instant = Schema.compose(Integer, Schema.DateTimeUtcFromNumber)

/**
 * A boolean, kept as 0 or 1 in an `INTEGER` column (SQLite has no booleans).
 *
 * @internal
 */
export const Flag = Schema.transformLiterals([0, false], [1, true])

// --- tracks ------------------------------------------------------------------

const TrackRow = Schema.Struct({
  id: Track.TrackId,
  region: Schema.String,
  status: Schema.String,
  created_at: Instant,
  version: Integer,
  data: Schema.parseJson(Track.Track)
})

/**
 * A track as a row of `tracks`: the whole track as JSON in `data`, and the
 * columns that queries filter and sort on beside it.
 *
 * @internal
 */
export const TrackFromRow: Schema.Schema<Track.Track, typeof TrackRow.Encoded> = Schema.transform(TrackRow, Schema.typeSchema(Track.Track), {
  strict: true,
  decode: (row) => row.data,
  encode: (track) => ({
    id: track.id,
    region: track.region,
    status: track.status._tag,
    created_at: track.createdAt,
    version: track.version,
    data: track
  })
})

/** @internal */
export const trackColumns = "id, region, status, created_at, version, data"

// --- registrations -----------------------------------------------------------

const R = Registration.Registration.fields

const RegistrationRow = Schema.Struct({
  id: R.id,
  track_id: R.trackId,
  sequence: Integer,
  name: R.name,
  email: R.email,
  language: R.language,
  grp: R.group,
  municipality: R.municipality,
  eligibility: Schema.parseJson(Eligibility.Eligible),
  consent: Schema.OptionFromNullOr(Schema.parseJson(Registration.Consent)),
  status: Schema.String,
  status_detail: Schema.parseJson(R.status),
  registered_at: Instant,
  token_hash: R.tokenHash
})

/**
 * A registration as a row of `registrations`: a column per field, the
 * eligibility, consent and status as JSON, and the status's name in
 * `status` for the indexes.
 *
 * @internal
 */
export const RegistrationFromRow: Schema.Schema<
  Registration.Registration,
  typeof RegistrationRow.Encoded
> = Schema.transform(RegistrationRow, Schema.typeSchema(Registration.Registration), {
  strict: true,
  decode: (row) =>
    new Registration.Registration({
      id: row.id,
      trackId: row.track_id,
      sequence: row.sequence,
      name: row.name,
      email: row.email,
      language: row.language,
      group: row.grp,
      municipality: row.municipality,
      eligibility: row.eligibility,
      consent: row.consent,
      status: row.status_detail,
      registeredAt: row.registered_at,
      tokenHash: row.token_hash
    }, { disableValidation: true }),
  encode: (registration) => ({
    id: registration.id,
    track_id: registration.trackId,
    sequence: registration.sequence,
    name: registration.name,
    email: registration.email,
    language: registration.language,
    grp: registration.group,
    municipality: registration.municipality,
    eligibility: registration.eligibility,
    consent: registration.consent,
    status: registration.status._tag,
    status_detail: registration.status,
    registered_at: registration.registeredAt,
    token_hash: registration.tokenHash
  })
})

/** @internal */
export const registrationColumns =
  "id, track_id, sequence, name, email, language, grp, municipality, eligibility, consent, status, status_detail, registered_at, token_hash"

// --- attendance --------------------------------------------------------------

const A = Attendance.AttendanceRecord.fields

const AttendanceRow = Schema.Struct({
  registration_id: A.registrationId,
  session: A.session,
  track_id: A.trackId,
  present: Flag,
  recorded_at: Instant
})

/**
 * An attendance record as a row of `attendance`.
 *
 * @internal
 */
export const AttendanceFromRow: Schema.Schema<
  Attendance.AttendanceRecord,
  typeof AttendanceRow.Encoded
> = Schema.transform(AttendanceRow, Schema.typeSchema(Attendance.AttendanceRecord), {
  strict: true,
  decode: (row) =>
    new Attendance.AttendanceRecord({
      trackId: row.track_id,
      registrationId: row.registration_id,
      session: row.session,
      present: row.present,
      recordedAt: row.recorded_at
    }, { disableValidation: true }),
  encode: (record) => ({
    registration_id: record.registrationId,
    session: record.session,
    track_id: record.trackId,
    present: record.present,
    recorded_at: record.recordedAt
  })
})

// --- outbox ------------------------------------------------------------------

const OutboxRow = Schema.Struct({
  event: Schema.parseJson(DomainEvent.DomainEvent),
  attempts: Integer,
  next_attempt_at: Instant,
  last_error: Schema.OptionFromNullOr(Schema.String)
})

/**
 * An outbox entry as read from `outbox`.
 *
 * @internal
 */
export const OutboxEntryFromRow: Schema.Schema<Outbox.OutboxEntry, typeof OutboxRow.Encoded> = Schema.transform(OutboxRow, Schema.typeSchema(Outbox.OutboxEntry), {
  strict: true,
  decode: (row) =>
    new Outbox.OutboxEntry({
      event: row.event,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error
    }, { disableValidation: true }),
  encode: (entry) => ({
    event: entry.event,
    attempts: entry.attempts,
    next_attempt_at: entry.nextAttemptAt,
    last_error: entry.lastError
  })
})

/** @internal */
export const outboxColumns = "event, attempts, next_attempt_at, last_error"

/**
 * A new outbox row. `seq` is left out where the database numbers rows
 * itself (PostgreSQL identity).
 *
 * @internal
 */
export const NewOutboxRow = Schema.Struct({
  id: DomainEvent.EventId,
  seq: Schema.optional(Integer),
  event: Schema.parseJson(DomainEvent.DomainEvent),
  attempts: Integer,
  next_attempt_at: Instant,
  locked_until: Integer,
  given_up: Flag
})

/**
 * How many entries wait, fail and were given up.
 *
 * @internal
 */
export const OutboxStatsRow = Schema.Struct({
  pending: Integer,
  failing: Integer,
  given_up: Integer
})
