/**
 * Every storage port of `@pleegzorg/core` (the transactor, the tracks,
 * registrations and attendance repositories, the outbox, the survey
 * ports of `SurveyStorage`, the `AgendaRepository` and the mentor matching
 * ports of `MatchingStorage`) written once against `@effect/sql`'s
 * `SqlClient`. A driver package provides the client and runs the migrations
 * (`Migrations.all`); this module provides the ports.
 *
 * The statements are plain SQL that SQLite and PostgreSQL both run; where
 * they differ (locking, numbering the outbox) `sql.onDialectOrElse` picks.
 * Starting a matching run (`MatchingRunRepository.begin`) checks for a run
 * in progress and records the new one in one transaction; on PostgreSQL
 * under a lock of `matching_runs`, so that of several servers starting at
 * once exactly one starts its run.
 *
 * Invitations with their token hashes, and answers, are kept in tables with
 * no key between them (see `Migrations.surveys`). An answer is stored with
 * its counts in one transaction; the counts are read from `answer_counts`
 * alone, so a report costs as many rows as it has cells, whatever the
 * number of answers. `rebuildCounts` counts them again from the answers,
 * and `auditCounts` checks them.
 * Every failure of the database, and every row that does not decode, comes
 * out as core's `StorageError`, without personal data.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as SqlSchema from "@effect/sql/SqlSchema"
import * as Arr from "effect/Array"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { ParseError } from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import {
  AgendaStorage,
  type DomainEvent,
  MatchingStorage,
  type MentorMatch,
  MentorProfile,
  Outbox,
  type RegionalFigures,
  ReleaseLedger,
  StakeholderGroup,
  Storage,
  type Survey,
  SurveyAnswer,
  SurveyInvitation,
  SurveyStorage
} from "@pleegzorg/core"
import * as Counts from "./internal/counts.js"
import * as Errors from "./internal/errors.js"
import * as Reads from "./internal/reads.js"
import * as Rows from "./internal/rows.js"
import * as Statements from "./internal/statements.js"

/**
 * The services this module provides.
 *
 * @since 0.2.0
 * @category models
 */
export type Ports =
  | Storage.Transactor
  | Storage.TrackRepository
  | Storage.RegistrationRepository
  | Storage.AttendanceRepository
  | Outbox.Outbox
  | SurveyStorage.SurveyRepository
  | SurveyStorage.InvitationRepository
  | SurveyStorage.AnswerRepository
  | SurveyStorage.ReleaseRepository
  | SurveyStorage.RegionalFigureRepository
  | AgendaStorage.AgendaRepository
  | MatchingStorage.ProspectRepository
  | MatchingStorage.MentorRepository
  | MatchingStorage.MatchRepository
  | MatchingStorage.MatchingRunRepository

const Returned = Schema.Struct({ id: Schema.String })
const NextSequence = Schema.Struct({ next_sequence: Rows.Integer })
const StatusCountRow = Schema.Struct({
  grp: StakeholderGroup.StakeholderGroup,
  status: Schema.Literal("Confirmed", "Waitlisted", "AwaitingConsent", "Withdrawn"),
  n: Rows.Integer
})

/**
 * Builds the ports over the `SqlClient` in context.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<Context.Context<Ports>, never, SqlClient.SqlClient> = Effect.gen(function*() {
  // Column names are spelled out as the tables have them, so the client's
  // name transforms (if any) are switched off for these statements.
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()

  // --- transactions ------------------------------------------------------------

  const transaction = (operation: string) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | Storage.StorageError, R> =>
    sql.withTransaction(self).pipe(
      Effect.catchIf(Errors.isSqlError, (error) => Effect.fail(Errors.fromSqlError(operation, error))),
      Errors.catchSqlDefects(operation)
    )

  const withTransaction = transaction("Transactor.withTransaction")

  // A write outside a transaction gets one of its own. On a single
  // connection (SQLite) a bare statement could otherwise land inside another
  // fiber's open transaction, and vanish with its rollback.
  const write = (operation: string) => <A, E, R>(self: Effect.Effect<A, E, R>) =>
    Effect.flatMap(
      Effect.serviceOption(SqlClient.TransactionConnection),
      Option.match({
        onNone: () => transaction(operation)(self),
        onSome: () => self
      })
    )

  const run = <A, R>(operation: string, self: Effect.Effect<A, SqlError | ParseError, R>) =>
    Errors.mapErrors(operation)(self)

  // --- tracks --------------------------------------------------------------------

  const trackColumns = sql.literal(Rows.trackColumns)
  const forUpdate = sql.onDialectOrElse({
    pg: () => sql.literal("FOR UPDATE"),
    mysql: () => sql.literal("FOR UPDATE"),
    orElse: () => sql.literal("")
  })

  const insertTrack = SqlSchema.void({
    Request: Rows.TrackFromRow,
    execute: (row) => sql`INSERT INTO tracks ${sql.insert(row)}`
  })
  // Refuses a copy that is not newer than the stored one: `version` goes up
  // with every change, so an equal or lower version was made on an outdated copy.
  const updateTrack = SqlSchema.findAll({
    Request: Rows.TrackFromRow,
    Result: Returned,
    execute: (row) =>
      sql`UPDATE tracks SET ${sql.update(row, ["id"])} WHERE id = ${row.id} AND version < ${row.version} RETURNING id`
  })
  const getTrack = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.TrackFromRow,
    execute: (id) => sql`SELECT ${trackColumns} FROM tracks WHERE id = ${id}`
  })
  const getTrackForUpdate = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.TrackFromRow,
    execute: (id) => sql`SELECT ${trackColumns} FROM tracks WHERE id = ${id} ${forUpdate}`
  })
  const tracksOfRegion = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.TrackFromRow,
    execute: (region) => sql`SELECT ${trackColumns} FROM tracks WHERE region = ${region} ORDER BY created_at, id`
  })
  const activeTracks = SqlSchema.findAll({
    Request: Schema.Void,
    Result: Rows.TrackFromRow,
    execute: () =>
      sql`SELECT ${trackColumns} FROM tracks
          WHERE status IN ('Open', 'RegistrationClosed', 'Running')
          ORDER BY created_at, id`
  })

  const tracks = Storage.TrackRepository.of({
    insert: (track) => run("TrackRepository.insert", insertTrack(track)).pipe(write("TrackRepository.insert")),
    update: (track) =>
      run("TrackRepository.update", updateTrack(track)).pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.fail(Errors.failure(
              "TrackRepository.update",
              `no stored track with this id and a lower version than ${track.version}: it is missing, or it changed meanwhile`
            ))
        ),
        write("TrackRepository.update")
      ),
    get: (id) => run("TrackRepository.get", getTrack(id)),
    getForUpdate: (id) => run("TrackRepository.getForUpdate", getTrackForUpdate(id)),
    listByRegion: (region) => run("TrackRepository.listByRegion", tracksOfRegion(region)),
    listActive: () => run("TrackRepository.listActive", activeTracks(undefined))
  })

  // --- registrations ---------------------------------------------------------------

  const registrationColumns = sql.literal(Rows.registrationColumns)

  const insertRegistration = SqlSchema.void({
    Request: Rows.RegistrationFromRow,
    execute: (row) => sql`INSERT INTO registrations ${sql.insert(row)}`
  })
  const updateRegistration = SqlSchema.findAll({
    Request: Rows.RegistrationFromRow,
    Result: Returned,
    execute: (row) => sql`UPDATE registrations SET ${sql.update(row, ["id"])} WHERE id = ${row.id} RETURNING id`
  })
  const getRegistration = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.RegistrationFromRow,
    execute: (id) => sql`SELECT ${registrationColumns} FROM registrations WHERE id = ${id}`
  })
  const registrationByTokenHash = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.RegistrationFromRow,
    execute: (hash) => sql`SELECT ${registrationColumns} FROM registrations WHERE token_hash = ${hash}`
  })
  // `status <> 'Withdrawn'` is written out, as in the partial index, so that
  // the planner can use that index.
  const activeByEmail = SqlSchema.findOne({
    Request: Schema.Struct({ trackId: Schema.String, email: Schema.String }),
    Result: Rows.RegistrationFromRow,
    execute: ({ email, trackId }) =>
      sql`SELECT ${registrationColumns} FROM registrations
          WHERE track_id = ${trackId} AND email = ${email} AND status <> 'Withdrawn'`
  })
  const registrationsOfTrack = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.RegistrationFromRow,
    execute: (trackId) =>
      sql`SELECT ${registrationColumns} FROM registrations WHERE track_id = ${trackId} ORDER BY sequence`
  })
  const statusCounts = SqlSchema.findAll({
    Request: Schema.String,
    Result: StatusCountRow,
    execute: (trackId) =>
      sql`SELECT grp, status, COUNT(*) AS n FROM registrations WHERE track_id = ${trackId} GROUP BY grp, status`
  })
  const nextSequence = SqlSchema.findOne({
    Request: Schema.String,
    Result: NextSequence,
    execute: (trackId) =>
      sql`SELECT COALESCE(MAX(sequence), 0) + 1 AS next_sequence FROM registrations WHERE track_id = ${trackId}`
  })

  const registrations = Storage.RegistrationRepository.of({
    insert: (registration) =>
      run("RegistrationRepository.insert", insertRegistration(registration)).pipe(
        write("RegistrationRepository.insert")
      ),
    update: (registration) =>
      run("RegistrationRepository.update", updateRegistration(registration)).pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.fail(Errors.failure("RegistrationRepository.update", "no stored registration with this id"))
        ),
        write("RegistrationRepository.update")
      ),
    get: (id) => run("RegistrationRepository.get", getRegistration(id)),
    findByTokenHash: (hash) => run("RegistrationRepository.findByTokenHash", registrationByTokenHash(hash)),
    findActiveByEmail: (trackId, email) =>
      run("RegistrationRepository.findActiveByEmail", activeByEmail({ trackId, email })),
    listByTrack: (trackId) => run("RegistrationRepository.listByTrack", registrationsOfTrack(trackId)),
    countsByTrack: (trackId) =>
      run("RegistrationRepository.countsByTrack", statusCounts(trackId)).pipe(
        Effect.map((rows) => rows.map((row) => ({ group: row.grp, status: row.status, count: row.n })))
      ),
    nextSequence: (trackId) =>
      run("RegistrationRepository.nextSequence", nextSequence(trackId)).pipe(
        Effect.map(Option.match({ onNone: () => 1, onSome: (row) => row.next_sequence }))
      )
  })

  // --- attendance --------------------------------------------------------------------

  const recordAttendance = SqlSchema.void({
    Request: Rows.AttendanceFromRow,
    execute: (row) =>
      sql`INSERT INTO attendance ${sql.insert(row)}
          ON CONFLICT (registration_id, session) DO UPDATE SET
            track_id = excluded.track_id,
            present = excluded.present,
            recorded_at = excluded.recorded_at`
  })
  const attendanceOfTrack = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.AttendanceFromRow,
    execute: (trackId) =>
      sql`SELECT registration_id, session, track_id, present, recorded_at FROM attendance
          WHERE track_id = ${trackId} ORDER BY registration_id, session`
  })

  const attendance = Storage.AttendanceRepository.of({
    record: (record) =>
      run("AttendanceRepository.record", recordAttendance(record)).pipe(write("AttendanceRepository.record")),
    listByTrack: (trackId) => run("AttendanceRepository.listByTrack", attendanceOfTrack(trackId))
  })

  // --- outbox ----------------------------------------------------------------------------

  const outboxColumns = sql.literal(Rows.outboxColumns)
  // PostgreSQL numbers outbox rows itself (identity column); elsewhere the
  // adapter numbers them, inside the write transaction that appends them.
  const numbersRows = sql.onDialectOrElse({ pg: () => true, orElse: () => false })
  // Several dispatchers on PostgreSQL each take rows the others have not
  // locked; elsewhere the lease condition in the UPDATE keeps them apart.
  const skipLocked = sql.onDialectOrElse({
    pg: () => sql.literal("FOR UPDATE SKIP LOCKED"),
    mysql: () => sql.literal("FOR UPDATE SKIP LOCKED"),
    orElse: () => sql.literal("")
  })

  const lastSeq = SqlSchema.findOne({
    Request: Schema.Void,
    Result: Schema.Struct({ last_seq: Rows.Integer }),
    execute: () => sql`SELECT COALESCE(MAX(seq), 0) AS last_seq FROM outbox`
  })
  const insertEntries = SqlSchema.void({
    Request: Schema.Array(Rows.NewOutboxRow),
    execute: (rows) => sql`INSERT INTO outbox ${sql.insert(rows)}`
  })
  const DueRequest = Schema.Struct({ now: Rows.Instant, limit: Schema.Int })
  const dueEntries = SqlSchema.findAll({
    Request: DueRequest,
    Result: Rows.OutboxEntryFromRow,
    execute: ({ limit, now }) =>
      sql`SELECT ${outboxColumns} FROM outbox
          WHERE given_up = 0 AND next_attempt_at <= ${now} AND locked_until <= ${now}
          ORDER BY seq
          LIMIT ${limit}
          ${skipLocked}`
  })
  const lease = SqlSchema.findAll({
    Request: Schema.Struct({ ids: Schema.NonEmptyArray(Schema.String), now: Rows.Instant, until: Rows.Instant }),
    Result: Returned,
    execute: ({ ids, now, until }) =>
      sql`UPDATE outbox SET locked_until = ${until}
          WHERE id IN ${sql.in(ids)} AND given_up = 0 AND locked_until <= ${now}
          RETURNING id`
  })
  const deleteEntry = SqlSchema.void({
    Request: Schema.String,
    execute: (id) => sql`DELETE FROM outbox WHERE id = ${id}`
  })
  const releaseEntry = SqlSchema.void({
    Request: Schema.String,
    execute: (id) => sql`UPDATE outbox SET locked_until = 0 WHERE id = ${id}`
  })
  const retryEntry = SqlSchema.void({
    Request: Schema.Struct({ id: Schema.String, at: Rows.Instant, error: Schema.String }),
    execute: ({ at, error, id }) =>
      sql`UPDATE outbox
          SET attempts = attempts + 1, next_attempt_at = ${at}, last_error = ${error}, locked_until = 0
          WHERE id = ${id}`
  })
  const giveUpEntry = SqlSchema.void({
    Request: Schema.Struct({ id: Schema.String, error: Schema.String, now: Rows.Instant }),
    execute: ({ error, id, now }) =>
      sql`UPDATE outbox
          SET attempts = attempts + 1, last_error = ${error}, given_up = 1, locked_until = 0, next_attempt_at = ${now}
          WHERE id = ${id}`
  })
  const removeGivenUpEntries = SqlSchema.findAll({
    Request: Rows.Instant,
    Result: Returned,
    execute: (before) => sql`DELETE FROM outbox WHERE given_up = 1 AND next_attempt_at < ${before} RETURNING id`
  })
  const getEntry = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.OutboxEntryFromRow,
    execute: (id) => sql`SELECT ${outboxColumns} FROM outbox WHERE id = ${id}`
  })
  const stats = SqlSchema.findOne({
    Request: Schema.Void,
    Result: Rows.OutboxStatsRow,
    execute: () =>
      sql`SELECT
            COALESCE(SUM(CASE WHEN given_up = 0 THEN 1 ELSE 0 END), 0) AS pending,
            COALESCE(SUM(CASE WHEN given_up = 0 AND attempts > 0 THEN 1 ELSE 0 END), 0) AS failing,
            COALESCE(SUM(CASE WHEN given_up = 1 THEN 1 ELSE 0 END), 0) AS given_up
          FROM outbox`
  })

  const append = (events: ReadonlyArray<DomainEvent.DomainEvent>) =>
    Effect.gen(function*() {
      if (events.length === 0) return
      const now = yield* DateTime.now
      const first = numbersRows ? Option.none() : Option.some(
        1 + Option.match(yield* lastSeq(undefined), { onNone: () => 0, onSome: (row) => row.last_seq })
      )
      yield* insertEntries(events.map((event, index) => ({
        id: event.id,
        ...Option.match(first, { onNone: () => ({}), onSome: (seq) => ({ seq: seq + index }) }),
        event,
        attempts: 0,
        next_attempt_at: now,
        locked_until: 0,
        given_up: false
      })))
    }).pipe(Errors.mapErrors("Outbox.append"), write("Outbox.append"))

  const claim: Outbox.Outbox["Type"]["claim"] = ({ lease: duration, limit, now }) =>
    Effect.gen(function*() {
      if (limit < 1) return []
      const due = yield* dueEntries({ now, limit: Math.floor(limit) })
      if (!Arr.isNonEmptyReadonlyArray(due)) return []
      const ids = Arr.map(due, (entry) => entry.event.id)
      const leased = new Set(
        (yield* lease({ ids, now, until: DateTime.addDuration(now, duration) })).map((row) => row.id)
      )
      return due.filter((entry) => leased.has(entry.event.id))
    }).pipe(Errors.mapErrors("Outbox.claim"), write("Outbox.claim"))

  const outbox = Outbox.Outbox.of({
    append,
    claim,
    complete: (id) => run("Outbox.complete", deleteEntry(id)).pipe(write("Outbox.complete")),
    release: (id) => run("Outbox.release", releaseEntry(id)).pipe(write("Outbox.release")),
    retryLater: (id, at, error) =>
      run("Outbox.retryLater", retryEntry({ id, at, error })).pipe(write("Outbox.retryLater")),
    giveUp: (id, error) =>
      Effect.flatMap(DateTime.now, (now) =>
        run("Outbox.giveUp", giveUpEntry({ id, error, now })).pipe(write("Outbox.giveUp"))),
    removeGivenUp: (before) =>
      run("Outbox.removeGivenUp", removeGivenUpEntries(before)).pipe(
        write("Outbox.removeGivenUp"),
        Effect.map((rows) => rows.length)
      ),
    get: (id) => run("Outbox.get", getEntry(id)),
    stats: () =>
      run("Outbox.stats", stats(undefined)).pipe(
        Effect.map(Option.match({
          onNone: () => ({ pending: 0, failing: 0, givenUp: 0 }),
          onSome: (row) => ({ pending: row.pending, failing: row.failing, givenUp: row.given_up })
        }))
      )
  })

  // --- surveys ---------------------------------------------------------------------------

  // Several statements that stand or fall together: a transaction of their
  // own, or a savepoint in the caller's, so that a failure the caller catches
  // leaves none of them behind.
  const atomically = transaction

  // Rows per INSERT: far below SQLite's 32766 and PostgreSQL's 65535 bound
  // parameters for every table here (at most 9 columns).
  const batchSize = 500
  const inBatches = <A, E, R>(
    rows: ReadonlyArray<A>,
    f: (batch: Arr.NonEmptyReadonlyArray<A>) => Effect.Effect<void, E, R>
  ) => Effect.forEach(Arr.chunksOf(rows, batchSize), f, { discard: true })

  const surveyColumns = sql.literal(Rows.surveyColumns)

  const insertSurvey = SqlSchema.void({
    Request: Rows.SurveyFromRow,
    execute: (row) => sql`INSERT INTO surveys ${sql.insert(row)}`
  })
  const updateSurvey = SqlSchema.findAll({
    Request: Rows.SurveyFromRow,
    Result: Returned,
    execute: (row) =>
      sql`UPDATE surveys SET ${sql.update(row, ["id"])} WHERE id = ${row.id} AND version < ${row.version} RETURNING id`
  })
  const getSurvey = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.SurveyFromRow,
    execute: (id) => sql`SELECT ${surveyColumns} FROM surveys WHERE id = ${id}`
  })
  const getSurveyForUpdate = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.SurveyFromRow,
    execute: (id) => sql`SELECT ${surveyColumns} FROM surveys WHERE id = ${id} ${forUpdate}`
  })
  const surveysOfTrack = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.SurveyFromRow,
    execute: (trackId) => sql`SELECT ${surveyColumns} FROM surveys WHERE track_id = ${trackId} ORDER BY id`
  })

  const surveys = SurveyStorage.SurveyRepository.of({
    insert: (survey) => run("SurveyRepository.insert", insertSurvey(survey)).pipe(write("SurveyRepository.insert")),
    update: (survey) =>
      run("SurveyRepository.update", updateSurvey(survey)).pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.fail(Errors.failure(
              "SurveyRepository.update",
              `no stored survey with this id and a lower version than ${survey.version}: it is missing, or it changed meanwhile`
            ))
        ),
        write("SurveyRepository.update")
      ),
    get: (id) => run("SurveyRepository.get", getSurvey(id)),
    getForUpdate: (id) => run("SurveyRepository.getForUpdate", getSurveyForUpdate(id)),
    listByTrack: (trackId) => run("SurveyRepository.listByTrack", surveysOfTrack(trackId))
  })

  // --- invitations -----------------------------------------------------------------------

  const invitationColumns = sql.literal(Rows.invitationColumns)

  const insertInvitations = SqlSchema.void({
    Request: Schema.Array(Rows.InvitationFromRow),
    execute: (rows) => sql`INSERT INTO invitations ${sql.insert(rows)}`
  })
  const insertToken = SqlSchema.void({
    Request: Schema.Struct({ token_hash: Schema.String, invitation_id: SurveyInvitation.InvitationId }),
    execute: (row) => sql`INSERT INTO invitation_tokens ${sql.insert(row)}`
  })
  const invitationByTokenHash = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.InvitationFromRow,
    execute: (hash) =>
      sql`SELECT ${invitationColumns} FROM invitations
          WHERE id = (SELECT invitation_id FROM invitation_tokens WHERE token_hash = ${hash})`
  })
  // Only `used` and `reminders` change: the rest of an invitation is fixed,
  // and its contact is only ever erased (eraseContacts).
  const updateInvitation = SqlSchema.findAll({
    Request: Schema.Struct({ id: Schema.String, used: Rows.Flag, reminders: Schema.Int }),
    Result: Returned,
    execute: ({ id, reminders, used }) =>
      sql`UPDATE invitations SET used = ${used}, reminders = ${reminders} WHERE id = ${id} RETURNING id`
  })
  const invitationsOfSurvey = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.InvitationFromRow,
    execute: (surveyId) => sql`SELECT ${invitationColumns} FROM invitations WHERE survey_id = ${surveyId} ORDER BY id`
  })
  const invitationCounts = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.InvitationCountRow,
    execute: (surveyId) =>
      sql`SELECT audience, COUNT(*) AS invited, COALESCE(SUM(used), 0) AS used
          FROM invitations WHERE survey_id = ${surveyId}
          GROUP BY audience ORDER BY audience`
  })
  const eraseContacts = SqlSchema.findAll({
    Request: Schema.String,
    Result: Returned,
    execute: (surveyId) =>
      sql`UPDATE invitations SET name = NULL, email = NULL, language = NULL
          WHERE survey_id = ${surveyId} AND (email IS NOT NULL OR name IS NOT NULL OR language IS NOT NULL)
          RETURNING id`
  })

  const invitations = SurveyStorage.InvitationRepository.of({
    insert: (rows) =>
      inBatches(rows, (batch) => run("InvitationRepository.insert", insertInvitations(batch))).pipe(
        atomically("InvitationRepository.insert")
      ),
    addToken: (invitationId, tokenHash) =>
      run("InvitationRepository.addToken", insertToken({ token_hash: tokenHash, invitation_id: invitationId })).pipe(
        write("InvitationRepository.addToken")
      ),
    findByTokenHash: (hash) => run("InvitationRepository.findByTokenHash", invitationByTokenHash(hash)),
    update: (invitation) =>
      run(
        "InvitationRepository.update",
        updateInvitation({ id: invitation.id, used: invitation.used, reminders: invitation.reminders })
      ).pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.fail(Errors.failure("InvitationRepository.update", "no stored invitation with this id"))
        ),
        write("InvitationRepository.update")
      ),
    listBySurvey: (surveyId) => run("InvitationRepository.listBySurvey", invitationsOfSurvey(surveyId)),
    counts: (surveyId) =>
      run("InvitationRepository.counts", invitationCounts(surveyId)).pipe(
        Effect.map((rows) => rows.map((row) => ({ audience: row.audience, invited: row.invited, used: row.used })))
      ),
    eraseContacts: (surveyId) =>
      run("InvitationRepository.eraseContacts", eraseContacts(surveyId)).pipe(
        Effect.map((rows) => rows.length),
        write("InvitationRepository.eraseContacts")
      )
  })

  // --- answers ---------------------------------------------------------------------------

  // Answers come in as checked domain values and are written in bulk (an
  // import of thousands). They, and the counts they add, are turned into
  // parameters by typed functions rather than encoded with the row schemas
  // (which would check every value again), into statements whose text is
  // made once per number of rows (see `internal/statements`). Answers are
  // read back with the row schemas.
  const insertAnswersSql = Statements.multiRowInsert(sql, "answers", Rows.answerColumns, "", [batchSize, 1])
  const insertAnswerRows = (answers: ReadonlyArray<SurveyAnswer.Answer>) =>
    Effect.suspend(() => sql.unsafe(insertAnswersSql(answers.length), Rows.answerParameters(answers))).pipe(
      Effect.asVoid
    )
  // The counts of a batch are summed first, so that no key occurs twice in
  // one statement (PostgreSQL refuses to update a row twice in one INSERT).
  const addCountsSql = Statements.multiRowInsert(
    sql,
    "answer_counts",
    Rows.countColumns,
    `ON CONFLICT (survey_id, grp, municipality, question, value) DO UPDATE SET n = answer_counts.n + excluded.n`,
    [batchSize]
  )
  const addCounts = (rows: ReadonlyArray<Rows.NewCount>) =>
    Effect.suspend(() => sql.unsafe(addCountsSql(rows.length), Rows.countParameters(rows))).pipe(Effect.asVoid)
  // The reads of a report (every count, every answer id of the survey) are
  // checked column by column (see `internal/reads`): there are thousands.
  const fromReads = (operation: string) => <A>(read: Either.Either<A, string>) =>
    Either.mapLeft(read, (column) => Errors.failure(operation, `a value does not fit the table layout at ${column}`))
  const countsOfSurvey = (surveyId: string) =>
    sql`SELECT grp, municipality, question, value, n FROM answer_counts
        WHERE survey_id = ${surveyId}
        ORDER BY grp, municipality, question, value`.values
  const valuesOfSurvey = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.AnswerValuesRow,
    execute: (surveyId) => sql`SELECT grp, answer_values FROM answers WHERE survey_id = ${surveyId} ORDER BY id`
  })
  // PostgreSQL stamps every row version with the transaction that wrote it
  // (xmin) and keeps a heap in the order of writing: both follow the order
  // of answering, and an answer shares its xmin with the invitation it used.
  // Rewriting all answers of the survey in one statement, in id order, gives
  // them one xmin and a random order. SQLite keeps the rows in id order
  // already (WITHOUT ROWID) and has no such stamp.
  const sealAnswers = (surveyId: string) =>
    sql.onDialectOrElse({
      pg: () =>
        sql`WITH removed AS (DELETE FROM answers WHERE survey_id = ${surveyId} RETURNING id, survey_id, grp, municipality, answer_values)
            INSERT INTO answers (id, survey_id, grp, municipality, answer_values)
            SELECT id, survey_id, grp, municipality, answer_values FROM removed ORDER BY id`.pipe(Effect.asVoid),
      orElse: () => Effect.void
    })
  const coverageOfSurvey = (surveyId: string) =>
    sql`SELECT id, grp, municipality FROM answers WHERE survey_id = ${surveyId} ORDER BY id`.values

  // What a set of answers adds to the counts, one row per cell. Summed per
  // survey, group and municipality first (one key per answer), then per
  // question and value, so that a bulk import builds few strings.
  const countsOf = (answers: ReadonlyArray<SurveyAnswer.Answer>): Array<Rows.NewCount> => {
    const cells = new Map<string, {
      readonly answer: SurveyAnswer.Answer
      readonly questions: Map<string, Map<number, number>>
    }>()
    for (const answer of answers) {
      const key = `${answer.surveyId}\u0000${answer.group}\u0000${Option.getOrElse(answer.municipality, () => "")}`
      let cell = cells.get(key)
      if (cell === undefined) {
        cell = { answer, questions: new Map() }
        cells.set(key, cell)
      }
      for (const { question, value } of SurveyAnswer.countsOf(answer)) {
        let values = cell.questions.get(question)
        if (values === undefined) {
          values = new Map()
          cell.questions.set(question, values)
        }
        values.set(value, (values.get(value) ?? 0) + 1)
      }
    }
    const rows: Array<Rows.NewCount> = []
    for (const { answer, questions } of cells.values()) {
      const municipality = Option.getOrNull(answer.municipality)
      for (const [question, values] of questions) {
        for (const [value, n] of values) {
          rows.push({ survey_id: answer.surveyId, grp: answer.group, municipality, question, value, n })
        }
      }
    }
    return rows
  }

  // In order of id: on SQLite a B-tree fills fastest in key order, and the
  // order of an import says nothing either.
  const byId = (a: SurveyAnswer.Answer, b: SurveyAnswer.Answer) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

  const storeAnswers = (operation: string, answers: ReadonlyArray<SurveyAnswer.Answer>) =>
    Effect.gen(function*() {
      yield* inBatches(answers.length > 1 ? [...answers].sort(byId) : answers, insertAnswerRows)
      yield* inBatches(countsOf(answers), addCounts)
    }).pipe(Errors.mapErrors(operation), atomically(operation))

  const answers = SurveyStorage.AnswerRepository.of({
    insert: (answer) => storeAnswers("AnswerRepository.insert", [answer]),
    insertMany: (rows) => rows.length === 0 ? Effect.void : storeAnswers("AnswerRepository.insertMany", rows),
    counts: (surveyId) =>
      run("AnswerRepository.counts", countsOfSurvey(surveyId)).pipe(
        Effect.flatMap((rows) => fromReads("AnswerRepository.counts")(Reads.counts(rows)))
      ),
    freeTexts: (surveyId) =>
      run("AnswerRepository.freeTexts", valuesOfSurvey(surveyId)).pipe(
        Effect.map((rows) =>
          rows.flatMap((row) =>
            Object.entries(row.answer_values).flatMap(([question, value]) =>
              typeof value === "string" ? [{ group: row.grp, question, text: value }] : []
            )
          )
        )
      ),
    seal: (surveyId) => run("AnswerRepository.seal", sealAnswers(surveyId)).pipe(write("AnswerRepository.seal")),
    coverage: (surveyId) =>
      run("AnswerRepository.coverage", coverageOfSurvey(surveyId)).pipe(
        Effect.flatMap((rows) => fromReads("AnswerRepository.coverage")(Reads.coverage(rows)))
      )
  })

  // --- releases --------------------------------------------------------------------------

  // The next position is taken in the same statement; `Surveys.report`
  // appends under the survey's lock, so two appends do not race for it.
  const appendRelease = SqlSchema.void({
    Request: Schema.Struct({ surveyId: Schema.String, entry: Schema.parseJson(ReleaseLedger.Entry) }),
    execute: ({ entry, surveyId }) =>
      sql`INSERT INTO survey_releases (survey_id, position, entry)
          SELECT ${surveyId}, COALESCE(MAX(position), 0) + 1, ${entry}
          FROM survey_releases WHERE survey_id = ${surveyId}`
  })
  // Written with the schema, read back column by column (`internal/reads`):
  // an entry holds every answer id its release covered.
  const releasesOfSurvey = (surveyId: string) =>
    sql`SELECT entry FROM survey_releases WHERE survey_id = ${surveyId} ORDER BY position`.values

  const releases = SurveyStorage.ReleaseRepository.of({
    append: (surveyId, entry) =>
      run("ReleaseRepository.append", appendRelease({ surveyId, entry })).pipe(write("ReleaseRepository.append")),
    list: (surveyId) =>
      run("ReleaseRepository.list", releasesOfSurvey(surveyId)).pipe(
        Effect.flatMap((rows) => fromReads("ReleaseRepository.list")(Reads.ledger(rows)))
      )
  })

  // --- regional figures ------------------------------------------------------------------

  const figureColumns = sql.literal(Rows.figureColumns)

  const upsertFigures = SqlSchema.void({
    Request: Schema.Array(Rows.FigureFromRow),
    execute: (rows) =>
      sql`INSERT INTO regional_figures ${sql.insert(rows)}
          ON CONFLICT (indicator, area, period) DO UPDATE SET
            value = excluded.value,
            unit = excluded.unit,
            source = excluded.source,
            invented = excluded.invented`
  })
  const figuresOfArea = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.FigureFromRow,
    execute: (area) =>
      sql`SELECT ${figureColumns} FROM regional_figures WHERE area = ${area} ORDER BY indicator, period`
  })

  // The last of several figures with the same key wins, as if they were
  // stored one after the other; one statement may not hold a key twice.
  const lastPerKey = (figures: ReadonlyArray<RegionalFigures.Figure>) =>
    Array.from(new Map(figures.map((f) => [`${f.indicator}\u0000${f.area}\u0000${f.period}`, f])).values())

  const figures = SurveyStorage.RegionalFigureRepository.of({
    upsert: (rows) =>
      inBatches(lastPerKey(rows), (batch) => run("RegionalFigureRepository.upsert", upsertFigures(batch))).pipe(
        atomically("RegionalFigureRepository.upsert")
      ),
    listByArea: (area) => run("RegionalFigureRepository.listByArea", figuresOfArea(area))
  })

  // --- agendas ---------------------------------------------------------------------------

  const agendaColumns = sql.literal(Rows.agendaColumns)

  // A second agenda for a track is refused by the unique `track_id`.
  const insertAgenda = SqlSchema.void({
    Request: Rows.AgendaFromRow,
    execute: (row) => sql`INSERT INTO agendas ${sql.insert(row)}`
  })
  // As for tracks: an equal or lower version was made on an outdated copy.
  const updateAgenda = SqlSchema.findAll({
    Request: Rows.AgendaFromRow,
    Result: Returned,
    execute: (row) =>
      sql`UPDATE agendas SET ${sql.update(row, ["id"])} WHERE id = ${row.id} AND version < ${row.version} RETURNING id`
  })
  const agendaExists = SqlSchema.findOne({
    Request: Schema.String,
    Result: Returned,
    execute: (id) => sql`SELECT id FROM agendas WHERE id = ${id}`
  })
  const getAgenda = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.AgendaFromRow,
    execute: (id) => sql`SELECT ${agendaColumns} FROM agendas WHERE id = ${id}`
  })
  const getAgendaForUpdate = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.AgendaFromRow,
    execute: (id) => sql`SELECT ${agendaColumns} FROM agendas WHERE id = ${id} ${forUpdate}`
  })
  const agendaOfTrack = SqlSchema.findOne({
    Request: Schema.String,
    Result: Rows.AgendaFromRow,
    execute: (trackId) => sql`SELECT ${agendaColumns} FROM agendas WHERE track_id = ${trackId}`
  })
  const agendasOfRegion = SqlSchema.findAll({
    Request: Schema.String,
    Result: Rows.AgendaFromRow,
    execute: (region) => sql`SELECT ${agendaColumns} FROM agendas WHERE region = ${region} ORDER BY id`
  })
  const allAgendas = SqlSchema.findAll({
    Request: Schema.Void,
    Result: Rows.AgendaFromRow,
    execute: () => sql`SELECT ${agendaColumns} FROM agendas ORDER BY id`
  })

  const agendas = AgendaStorage.AgendaRepository.of({
    insert: (agenda) => run("AgendaRepository.insert", insertAgenda(agenda)).pipe(write("AgendaRepository.insert")),
    update: (agenda) =>
      Effect.gen(function*() {
        const rows = yield* run("AgendaRepository.update", updateAgenda(agenda))
        if (rows.length === 1) return
        // Which of the two, for the message: only on the way out.
        const stored = yield* run("AgendaRepository.update", agendaExists(agenda.id))
        return yield* Effect.fail(Errors.failure(
          "AgendaRepository.update",
          Option.isSome(stored)
            ? `the agenda changed meanwhile: the stored version is not lower than ${agenda.version}`
            : "no stored agenda with this id"
        ))
      }).pipe(write("AgendaRepository.update")),
    get: (id) => run("AgendaRepository.get", getAgenda(id)),
    getForUpdate: (id) => run("AgendaRepository.getForUpdate", getAgendaForUpdate(id)),
    findByTrack: (trackId) => run("AgendaRepository.findByTrack", agendaOfTrack(trackId)),
    listByRegion: (region) => run("AgendaRepository.listByRegion", agendasOfRegion(region)),
    list: () => run("AgendaRepository.list", allAgendas(undefined))
  })

  // --- mentor matching -------------------------------------------------------------------

  // Profiles and matches are documents with an optimistic version, kept as
  // agendas are: the record as JSON beside the columns queries use.
  const documents = <A extends { readonly id: string; readonly version: number }, I extends Record<string, unknown>>(
    name: string,
    table: string,
    columns: string,
    schema: Schema.Schema<A, I>
  ) => {
    const from = sql.literal(table)
    const selected = sql.literal(columns)
    const insert = SqlSchema.void({
      Request: schema,
      execute: (row) => sql`INSERT INTO ${from} ${sql.insert(row)}`
    })
    const update = SqlSchema.findAll({
      Request: schema,
      Result: Returned,
      execute: (row) =>
        sql`UPDATE ${from} SET ${sql.update(row, ["id"])} WHERE id = ${row["id"]} AND version < ${row["version"]} RETURNING id`
    })
    const exists = SqlSchema.findOne({
      Request: Schema.String,
      Result: Returned,
      execute: (id) => sql`SELECT id FROM ${from} WHERE id = ${id}`
    })
    const get = SqlSchema.findOne({
      Request: Schema.String,
      Result: schema,
      execute: (id) => sql`SELECT ${selected} FROM ${from} WHERE id = ${id}`
    })
    const lockedGet = SqlSchema.findOne({
      Request: Schema.String,
      Result: schema,
      execute: (id) => sql`SELECT ${selected} FROM ${from} WHERE id = ${id} ${forUpdate}`
    })
    // The row is deleted, not blanked: a profile holds a name, an address
    // and questions (on SQLite `secure_delete` overwrites the freed bytes).
    const remove = SqlSchema.findAll({
      Request: Schema.String,
      Result: Returned,
      execute: (id) => sql`DELETE FROM ${from} WHERE id = ${id} RETURNING id`
    })
    const all = SqlSchema.findAll({
      Request: Schema.Void,
      Result: schema,
      execute: () => sql`SELECT ${selected} FROM ${from} ORDER BY id`
    })
    return {
      insert: (item: A) => run(`${name}.insert`, insert(item)).pipe(write(`${name}.insert`)),
      update: (item: A) =>
        Effect.gen(function*() {
          const rows = yield* run(`${name}.update`, update(item))
          if (rows.length === 1) return
          // Which of the two, for the message: only on the way out.
          const stored = yield* run(`${name}.update`, exists(item.id))
          return yield* Effect.fail(Errors.failure(
            `${name}.update`,
            Option.isSome(stored)
              ? `the record changed meanwhile: the stored version is not lower than ${item.version}`
              : "no stored record with this id"
          ))
        }).pipe(write(`${name}.update`)),
      get: (id: string) => run(`${name}.get`, get(id)),
      getForUpdate: (id: string) => run(`${name}.getForUpdate`, lockedGet(id)),
      remove: (id: string) =>
        run(`${name}.remove`, remove(id)).pipe(Effect.map((rows) => rows.length > 0), write(`${name}.remove`)),
      list: () => run(`${name}.list`, all(undefined))
    }
  }

  const prospects = MatchingStorage.ProspectRepository.of(
    documents("ProspectRepository", "prospects", Rows.prospectColumns, Rows.ProspectFromRow)
  )
  const mentorsIn = SqlSchema.findAll({
    Request: Schema.Array(Schema.String),
    Result: Rows.MentorFromRow,
    execute: (codes) =>
      sql`SELECT ${sql.literal(Rows.mentorColumns)} FROM mentors WHERE ${sql.in("municipality", codes)} ORDER BY id`
  })
  const mentors = MatchingStorage.MentorRepository.of({
    ...documents("MentorRepository", "mentors", Rows.mentorColumns, Rows.MentorFromRow),
    // At most the 342 municipalities: one statement.
    listIn: (codes) =>
      codes.length === 0 ? Effect.succeed([]) : run("MentorRepository.listIn", mentorsIn(codes))
  })

  const matchColumns = sql.literal(Rows.matchColumns.join(", "))
  const matchDocuments = documents("MatchRepository", "matches", Rows.matchColumns.join(", "), Rows.MatchFromRow)
  // A batch run proposes thousands of matches at once: they are encoded
  // with the row schema once, and written 500 to a statement (6 parameters
  // each) into texts made once per number of rows, as answers are.
  const insertMatchesSql = Statements.multiRowInsert(sql, "matches", Rows.matchColumns, "", [batchSize, 1])
  const encodeMatches = Schema.encode(Schema.Array(Rows.MatchFromRow))
  const matchesOf = (column: "prospect_id" | "mentor_id") =>
    SqlSchema.findAll({
      Request: Schema.String,
      Result: Rows.MatchFromRow,
      execute: (id) => sql`SELECT ${matchColumns} FROM matches WHERE ${sql(column)} = ${id} ORDER BY id`
    })
  const openCountsOf = SqlSchema.findAll({
    Request: Schema.Array(Schema.String),
    Result: Schema.Struct({ mentor_id: MentorProfile.MentorId, open: Schema.Union(Schema.Number, Schema.NumberFromString) }),
    execute: (ids) =>
      sql`SELECT mentor_id, COUNT(*) AS open FROM matches
          WHERE ${sql.in("mentor_id", ids)} AND status IN ('Proposed', 'Active')
          GROUP BY mentor_id`
  })
  const chunks = <A>(items: ReadonlyArray<A>, size: number) =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
  const matchesOfProspect = matchesOf("prospect_id")
  const matchesOfMentor = matchesOf("mentor_id")

  const matches = MatchingStorage.MatchRepository.of({
    ...matchDocuments,
    // All or nothing: a transaction of its own, or a savepoint in the
    // caller's, so that one refused row leaves none of the batch behind.
    insert: (rows) =>
      rows.length === 0 ? Effect.void : Effect.gen(function*() {
        const encoded = yield* encodeMatches(rows)
        yield* inBatches(encoded, (batch) => sql.unsafe(insertMatchesSql(batch.length), Rows.matchParameters(batch)))
      }).pipe(Errors.mapErrors("MatchRepository.insert"), atomically("MatchRepository.insert")),
    listByProspect: (id) => run("MatchRepository.listByProspect", matchesOfProspect(id)),
    listByMentor: (id) => run("MatchRepository.listByMentor", matchesOfMentor(id)),
    // Thousands of mentors can be within reach: 500 ids to a statement.
    openCounts: (ids) =>
      Effect.map(
        Effect.forEach(chunks(ids, batchSize), (some) => run("MatchRepository.openCounts", openCountsOf(some))),
        (parts) =>
          parts.flat()
            .map((row) => ({ mentorId: row.mentor_id, open: row.open }))
            .sort((a, b) => (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0))
      )
  })

  const runColumns = sql.literal(Rows.runColumns)
  const RunningRequest = Schema.Struct({ staleBefore: Rows.Instant })
  const runningRun = SqlSchema.findOne({
    Request: RunningRequest,
    Result: Rows.RunFromRow,
    execute: ({ staleBefore }) =>
      sql`SELECT ${runColumns} FROM matching_runs
          WHERE finished_at IS NULL AND started_at > ${staleBefore}
          ORDER BY started_at DESC, id DESC
          LIMIT 1`
  })
  const insertRun = SqlSchema.void({
    Request: Rows.RunFromRow,
    execute: (row) => sql`INSERT INTO matching_runs ${sql.insert(row)}`
  })
  const finishRun = SqlSchema.findAll({
    Request: Rows.RunFromRow,
    Result: Returned,
    execute: (row) => sql`UPDATE matching_runs SET ${sql.update(row, ["id"])} WHERE id = ${row.id} RETURNING id`
  })
  const latestRuns = SqlSchema.findAll({
    Request: Schema.Int,
    Result: Rows.RunFromRow,
    execute: (limit) => sql`SELECT ${runColumns} FROM matching_runs ORDER BY started_at DESC, id DESC LIMIT ${limit}`
  })
  // Servers that start a run at the same moment take turns: the lock
  // conflicts with itself and with every write of `matching_runs`, not with
  // reads, and holds until the transaction ends, after the new run is
  // recorded. SQLite has one connection, and one write transaction at a
  // time.
  const lockRuns = sql.onDialectOrElse({
    pg: () => Effect.suspend(() => sql`LOCK TABLE matching_runs IN SHARE ROW EXCLUSIVE MODE`).pipe(Effect.asVoid),
    orElse: () => Effect.void
  })

  const runs = MatchingStorage.MatchingRunRepository.of({
    begin: (started, staleBefore) =>
      Effect.gen(function*() {
        yield* lockRuns
        const running = yield* runningRun({ staleBefore })
        if (Option.isSome(running)) return running
        yield* insertRun(started)
        return Option.none<MentorMatch.Run>()
      }).pipe(Errors.mapErrors("MatchingRunRepository.begin"), atomically("MatchingRunRepository.begin")),
    finish: (finished) =>
      run("MatchingRunRepository.finish", finishRun(finished)).pipe(
        Effect.flatMap((rows) =>
          rows.length === 1
            ? Effect.void
            : Effect.fail(Errors.failure("MatchingRunRepository.finish", "no stored run with this id"))
        ),
        write("MatchingRunRepository.finish")
      ),
    // At most `limit`: none below 1 (or NaN), all for Infinity.
    list: (limit) =>
      !(limit >= 1)
        ? Effect.succeed([])
        : run(
          "MatchingRunRepository.list",
          latestRuns(Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER)
        )
  })

  return Context.make(Storage.Transactor, Storage.Transactor.of({ withTransaction })).pipe(
    Context.add(Storage.TrackRepository, tracks),
    Context.add(Storage.RegistrationRepository, registrations),
    Context.add(Storage.AttendanceRepository, attendance),
    Context.add(Outbox.Outbox, outbox),
    Context.add(SurveyStorage.SurveyRepository, surveys),
    Context.add(SurveyStorage.InvitationRepository, invitations),
    Context.add(SurveyStorage.AnswerRepository, answers),
    Context.add(SurveyStorage.ReleaseRepository, releases),
    Context.add(SurveyStorage.RegionalFigureRepository, figures),
    Context.add(AgendaStorage.AgendaRepository, agendas),
    Context.add(MatchingStorage.ProspectRepository, prospects),
    Context.add(MatchingStorage.MentorRepository, mentors),
    Context.add(MatchingStorage.MatchRepository, matches),
    Context.add(MatchingStorage.MatchingRunRepository, runs)
  )
})

/**
 * Every storage port over the `SqlClient` in context. The tables must exist:
 * run `Migrations.all` first (the driver packages do).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<Ports, never, SqlClient.SqlClient> = Layer.effectContext(make)

// What went wrong while opening a database, in words without values: the
// driver's code for a refused statement or connection, the first line of a
// failed migration (the migrator turns those into defects).
const describeOpening = (error: unknown): Option.Option<string> => {
  if (Errors.isSqlError(error)) {
    const code = Errors.codeOf(error.cause)
    return Option.some(`${error.message || "the database refused a statement"}${Errors.explain(code)}`)
  }
  if (Predicate.isTagged(error, "MigrationError")) {
    const message = Predicate.hasProperty(error, "message") && typeof error.message === "string" ? error.message : ""
    return Option.some(`migrating failed: ${message.split("\n")[0]}`)
  }
  const code = Errors.codeOf(error)
  return code === undefined ? Option.none() : Option.some(`the database cannot be used${Errors.explain(code)}`)
}

/**
 * For driver packages: turns whatever goes wrong while a storage layer is
 * built (connecting, migrating, a refused statement) into a `StorageError`
 * for `operation` that names the cause by its code, without the values of
 * any statement or the credentials of the connection.
 *
 * @since 0.3.0
 * @category errors
 */
export const openingErrors = (operation: string) =>
<A, E, R>(self: Layer.Layer<A, E, R>): Layer.Layer<A, Storage.StorageError, R> =>
  Layer.catchAllCause(self, (cause): Layer.Layer<A, Storage.StorageError> => {
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure) && failure.value instanceof Storage.StorageError) return Layer.fail(failure.value)
    const found = Option.orElse(
      Option.flatMap(failure, describeOpening),
      () => Option.flatMap(Cause.dieOption(cause), describeOpening)
    )
    return Option.match(found, {
      onNone: () =>
        Layer.failCause(
          Cause.map(cause, () => new Storage.StorageError({ operation, reason: "opening the database failed" }))
        ),
      onSome: (reason) => Layer.fail(new Storage.StorageError({ operation, reason }))
    })
  })

// --- counts: rebuilt and audited ----------------------------------------------------------

/**
 * Which counts {@link rebuildCounts} and {@link auditCounts} work on.
 *
 * - `surveyId`: only this survey's counts, from its answers; without it,
 *   every survey's.
 * - `pageSize`: answers read per statement (default 5,000). The answers are
 *   read page by page in order of id, so memory grows with this and with
 *   the number of cells, never with the number of answers.
 *
 * @since 0.3.0
 * @category models
 */
export interface CountsOptions {
  readonly surveyId?: Survey.SurveyId | undefined
  readonly pageSize?: number | undefined
}

/**
 * What {@link rebuildCounts} did: the answers it counted and the rows of
 * `answer_counts` it wrote.
 *
 * @since 0.3.0
 * @category models
 */
export interface RebuiltCounts {
  readonly answers: number
  readonly counts: number
}

/**
 * One cell of `answer_counts` whose stored count is not what the answers
 * give: `stored` 0 for a missing row, `expected` 0 for a row that no answer
 * accounts for.
 *
 * @since 0.3.0
 * @category models
 */
export interface CountDifference {
  readonly surveyId: string
  readonly group: string
  readonly municipality: string | null
  readonly question: string
  readonly value: number
  readonly stored: number
  readonly expected: number
}

/**
 * What {@link auditCounts} found: the answers it counted, the cells they
 * give (`counts`), the rows stored (`stored`), and every cell that differs,
 * in the order of the table's key. The counts are right when `mismatches`
 * is 0.
 *
 * @since 0.3.0
 * @category models
 */
export interface CountsAudit {
  readonly answers: number
  readonly counts: number
  readonly stored: number
  readonly mismatches: number
  readonly differences: ReadonlyArray<CountDifference>
}

const defaultPageSize = 5_000
// Rows per INSERT of counts: 6 parameters each, far below SQLite's 32766
// and PostgreSQL's 65535.
const countsBatch = 1_000

const StoredCount = Schema.Struct({
  survey_id: Schema.String,
  grp: Schema.String,
  municipality: Schema.String,
  question: Schema.String,
  value: Rows.Integer,
  n: Rows.Integer
})

// One transaction; every failure a StorageError for `operation`. On
// PostgreSQL the counts are locked against writers first (every answer
// stored writes its counts in its own transaction, so an answer stored
// meanwhile waits, and is counted after the rebuild); readers go on. SQLite
// has one connection: a transaction has the database to itself.
const countsTransaction = (sql: SqlClient.SqlClient, operation: string, mode: "SHARE" | "SHARE ROW EXCLUSIVE") =>
<A, R>(self: Effect.Effect<A, Storage.StorageError, R>): Effect.Effect<A, Storage.StorageError, R> => {
  const lock = sql.onDialectOrElse({
    pg: () => Errors.mapErrors(operation)(sql.unsafe(`LOCK TABLE answer_counts IN ${mode} MODE`)),
    orElse: () => Effect.void
  })
  return sql.withTransaction(Effect.zipRight(lock, self)).pipe(
    Effect.catchIf(Errors.isSqlError, (error) => Effect.fail(Errors.fromSqlError(operation, error))),
    Errors.catchSqlDefects(operation)
  )
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byCell = (a: CountDifference, b: CountDifference) =>
  byText(a.surveyId, b.surveyId) || byText(a.group, b.group) ||
  byText(a.municipality ?? "", b.municipality ?? "") || byText(a.question, b.question) || a.value - b.value

const pageSizeOf = (operation: string, options: CountsOptions | undefined) => {
  const size = options?.pageSize ?? defaultPageSize
  return Number.isSafeInteger(size) && size >= 1
    ? Effect.succeed(size)
    : Effect.fail(Errors.failure(operation, "the page size must be a whole number of at least 1"))
}

// Reads the answers (of one survey, or all) page by page in order of id,
// and counts them.
const tallyAnswers = (sql: SqlClient.SqlClient, operation: string, options: CountsOptions | undefined) =>
  Effect.gen(function*() {
    const pageSize = yield* pageSizeOf(operation, options)
    const columns = sql.literal(Counts.answerColumns)
    const surveyId = options?.surveyId
    const page = (after: string) =>
      surveyId === undefined
        ? sql`SELECT ${columns} FROM answers WHERE id > ${after} ORDER BY id LIMIT ${pageSize}`.values
        : sql`SELECT ${columns} FROM answers WHERE survey_id = ${surveyId} AND id > ${after} ORDER BY id LIMIT ${pageSize}`
          .values
    const tally = Counts.makeTally()
    for (;;) {
      const rows = yield* Errors.mapErrors(operation)(page(tally.lastId()))
      for (const row of rows) {
        const column = tally.add(row)
        if (column !== undefined) {
          return yield* Effect.fail(Errors.failure(operation, `a value does not fit the table layout at ${column}`))
        }
      }
      if (rows.length < pageSize) return tally
    }
  })

/**
 * Counts `answer_counts` again from the stored answers, in one transaction:
 * deletes the counts (of one survey, or all), reads the answers page by page
 * in order of id (see {@link CountsOptions}), counts each with the rules the
 * counts are kept by (`SurveyAnswer.countsOf`), and writes the counts back
 * in multi-row upserts. For after a restore or a repair, or when
 * {@link auditCounts} finds a difference.
 *
 * An answer row that does not decode fails the rebuild with a
 * `StorageError` naming the column, and nothing changes. On PostgreSQL
 * answers stored meanwhile wait until the rebuild commits; reports can
 * still be read. On SQLite (one connection) every other statement waits.
 *
 * @example
 * ```ts
 * import { SqlStorage } from "@pleegzorg/sql"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const audit = yield* SqlStorage.auditCounts()
 *   if (audit.mismatches > 0) yield* SqlStorage.rebuildCounts()
 * })
 * ```
 *
 * @since 0.3.0
 * @category counting
 */
export const rebuildCounts = (
  options?: CountsOptions
): Effect.Effect<RebuiltCounts, Storage.StorageError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const operation = "SqlStorage.rebuildCounts"
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const surveyId = options?.surveyId
    const upsertSql = Statements.multiRowInsert(
      sql,
      "answer_counts",
      Rows.countColumns,
      "ON CONFLICT (survey_id, grp, municipality, question, value) DO UPDATE SET n = excluded.n",
      [countsBatch]
    )
    const write = (cells: ReadonlyArray<Rows.NewCount>) => sql.unsafe(upsertSql(cells.length), Rows.countParameters(cells))

    return yield* Effect.gen(function*() {
      yield* Errors.mapErrors(operation)(
        surveyId === undefined
          ? sql`DELETE FROM answer_counts`
          : sql`DELETE FROM answer_counts WHERE survey_id = ${surveyId}`
      )
      const tally = yield* tallyAnswers(sql, operation, options)
      const cells = tally.cells()
      yield* Effect.forEach(Arr.chunksOf(cells, countsBatch), (batch) => Errors.mapErrors(operation)(write(batch)), {
        discard: true
      })
      return { answers: tally.answers(), counts: cells.length }
    }).pipe(countsTransaction(sql, operation, "SHARE ROW EXCLUSIVE"))
  })

/**
 * Checks `answer_counts` against the stored answers without changing
 * anything: counts the answers as {@link rebuildCounts} does and compares
 * every cell with the stored count (a missing row counts as 0). Reads in
 * one transaction; on PostgreSQL answers stored meanwhile wait until it
 * ends, so that the two sides are of the same moment.
 *
 * @since 0.3.0
 * @category counting
 */
export const auditCounts = (
  options?: CountsOptions
): Effect.Effect<CountsAudit, Storage.StorageError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const operation = "SqlStorage.auditCounts"
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const surveyId = options?.surveyId
    const storedCounts = SqlSchema.findAll({
      Request: Schema.Void,
      Result: StoredCount,
      execute: () =>
        surveyId === undefined
          ? sql`SELECT survey_id, grp, municipality, question, value, n FROM answer_counts`
          : sql`SELECT survey_id, grp, municipality, question, value, n FROM answer_counts WHERE survey_id = ${surveyId}`
    })

    return yield* Effect.gen(function*() {
      const tally = yield* tallyAnswers(sql, operation, options)
      const stored = yield* Errors.mapErrors(operation)(storedCounts(undefined))
      const expected = new Map<string, Rows.NewCount>()
      for (const cell of tally.cells()) {
        expected.set(Counts.cellKey(cell.survey_id, cell.grp, cell.municipality, cell.question, cell.value), cell)
      }
      const counts = expected.size
      const differences: Array<CountDifference> = []
      for (const row of stored) {
        const key = Counts.cellKey(row.survey_id, row.grp, row.municipality, row.question, row.value)
        const cell = expected.get(key)
        expected.delete(key)
        const n = cell?.n ?? 0
        if (row.n !== n) {
          differences.push({
            surveyId: row.survey_id,
            group: row.grp,
            municipality: row.municipality === "" ? null : row.municipality,
            question: row.question,
            value: row.value,
            stored: row.n,
            expected: n
          })
        }
      }
      for (const cell of expected.values()) {
        differences.push({
          surveyId: cell.survey_id,
          group: cell.grp,
          municipality: cell.municipality,
          question: cell.question,
          value: cell.value,
          stored: 0,
          expected: cell.n
        })
      }
      differences.sort(byCell)
      return { answers: tally.answers(), counts, stored: stored.length, mismatches: differences.length, differences }
    }).pipe(countsTransaction(sql, operation, "SHARE"))
  })
