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
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  Agenda,
  Attendance,
  DomainEvent,
  Eligibility,
  LocalizedText,
  MentorMatch,
  MentorProfile,
  Municipality,
  Outbox,
  RegionalFigures,
  Registration,
  Survey,
  SurveyAnswer,
  SurveyInvitation,
  Track
} from "@pleegzorg/core"

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

// --- surveys -----------------------------------------------------------------

const SurveyRow = Schema.Struct({
  id: Survey.SurveyId,
  track_id: Track.TrackId,
  region: Schema.String,
  status: Schema.String,
  version: Integer,
  data: Schema.parseJson(Survey.Survey)
})

/**
 * A survey as a row of `surveys`: the whole survey as JSON in `data`, and
 * the columns that queries filter on beside it.
 *
 * @internal
 */
export const SurveyFromRow: Schema.Schema<Survey.Survey, typeof SurveyRow.Encoded> = Schema.transform(SurveyRow, Schema.typeSchema(Survey.Survey), {
  strict: true,
  decode: (row) => row.data,
  encode: (survey) => ({
    id: survey.id,
    track_id: survey.trackId,
    region: survey.region,
    status: survey.status._tag,
    version: survey.version,
    data: survey
  })
})

/** @internal */
export const surveyColumns = "id, track_id, region, status, version, data"

// --- agendas -----------------------------------------------------------------

const AgendaRow = Schema.Struct({
  id: Agenda.AgendaId,
  track_id: Track.TrackId,
  region: Schema.String,
  version: Integer,
  document: Schema.parseJson(Agenda.Agenda)
})

/**
 * An agenda as a row of `agendas`: the whole agenda as JSON in `document`,
 * and the columns that queries filter on beside it.
 *
 * @internal
 */
export const AgendaFromRow: Schema.Schema<Agenda.Agenda, typeof AgendaRow.Encoded> = Schema.transform(AgendaRow, Schema.typeSchema(Agenda.Agenda), {
  strict: true,
  decode: (row) => row.document,
  encode: (agenda) => ({
    id: agenda.id,
    track_id: agenda.trackId,
    region: agenda.region,
    version: agenda.version,
    document: agenda
  })
})

/** @internal */
export const agendaColumns = "id, track_id, region, version, document"

// --- mentor matching ---------------------------------------------------------

const ProspectRow = Schema.Struct({
  id: MentorProfile.ProspectId,
  municipality: Municipality.MunicipalityCode,
  version: Integer,
  data: Schema.parseJson(MentorProfile.Prospect)
})

/**
 * A prospect as a row of `prospects`: the whole prospect (with the contact
 * and the questions) as JSON in `data`, its municipality and version beside it.
 *
 * @internal
 */
export const ProspectFromRow: Schema.Schema<MentorProfile.Prospect, typeof ProspectRow.Encoded> = Schema.transform(
  ProspectRow,
  Schema.typeSchema(MentorProfile.Prospect),
  {
    strict: true,
    decode: (row) => row.data,
    encode: (prospect) => ({
      id: prospect.id,
      municipality: prospect.municipality,
      version: prospect.version,
      data: prospect
    })
  }
)

/** @internal */
export const prospectColumns = "id, municipality, version, data"

const MentorRow = Schema.Struct({
  id: MentorProfile.MentorId,
  municipality: Municipality.MunicipalityCode,
  active: Flag,
  version: Integer,
  data: Schema.parseJson(MentorProfile.Mentor)
})

/**
 * A mentor as a row of `mentors`: the whole mentor as JSON in `data`, its
 * municipality, whether it is active (0/1) and its version beside it.
 *
 * @internal
 */
export const MentorFromRow: Schema.Schema<MentorProfile.Mentor, typeof MentorRow.Encoded> = Schema.transform(
  MentorRow,
  Schema.typeSchema(MentorProfile.Mentor),
  {
    strict: true,
    decode: (row) => row.data,
    encode: (mentor) => ({
      id: mentor.id,
      municipality: mentor.municipality,
      active: mentor.active,
      version: mentor.version,
      data: mentor
    })
  }
)

/** @internal */
export const mentorColumns = "id, municipality, active, version, data"

const MatchRow = Schema.Struct({
  id: MentorMatch.MatchId,
  prospect_id: MentorProfile.ProspectId,
  mentor_id: MentorProfile.MentorId,
  status: Schema.String,
  version: Integer,
  data: Schema.parseJson(MentorMatch.Match)
})

/**
 * A match as a row of `matches`: the whole match as JSON in `data`, and the
 * ids of both sides, the status's name and the version beside it.
 *
 * @internal
 */
export const MatchFromRow: Schema.Schema<MentorMatch.Match, typeof MatchRow.Encoded> = Schema.transform(
  MatchRow,
  Schema.typeSchema(MentorMatch.Match),
  {
    strict: true,
    decode: (row) => row.data,
    encode: (match) => ({
      id: match.id,
      prospect_id: match.prospectId,
      mentor_id: match.mentorId,
      status: match.status._tag,
      version: match.version,
      data: match
    })
  }
)

/**
 * The columns of `matches`, in the order of {@link matchParameters}.
 *
 * @internal
 */
export const matchColumns = ["id", "prospect_id", "mentor_id", "status", "version", "data"] as const

/**
 * Encoded rows of `matches` as the parameters of a multi-row INSERT, one
 * after the other (see {@link matchColumns}).
 *
 * @internal
 */
export const matchParameters = (rows: ReadonlyArray<typeof MatchRow.Encoded>): Array<string | number> => {
  const parameters = new Array<string | number>(rows.length * matchColumns.length)
  let i = 0
  for (const row of rows) {
    parameters[i++] = row.id
    parameters[i++] = row.prospect_id
    parameters[i++] = row.mentor_id
    parameters[i++] = row.status
    parameters[i++] = row.version
    parameters[i++] = row.data
  }
  return parameters
}

const RunRow = Schema.Struct({
  id: Schema.String,
  started_at: Instant,
  finished_at: Schema.NullOr(Instant),
  data: Schema.parseJson(MentorMatch.Run)
})

/**
 * A batch run as a row of `matching_runs`: the whole run as JSON in `data`,
 * when it started and finished (null while it runs) beside it.
 *
 * @internal
 */
export const RunFromRow: Schema.Schema<MentorMatch.Run, typeof RunRow.Encoded> = Schema.transform(
  RunRow,
  Schema.typeSchema(MentorMatch.Run),
  {
    strict: true,
    decode: (row) => row.data,
    encode: (run) => ({
      id: run.id,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      data: run
    })
  }
)

/** @internal */
export const runColumns = "id, started_at, finished_at, data"

// --- invitations -------------------------------------------------------------

const I = SurveyInvitation.Invitation.fields

const InvitationRow = Schema.Struct({
  id: I.id,
  survey_id: I.surveyId,
  audience: I.audience,
  municipality: I.municipality,
  name: Schema.OptionFromNullOr(Registration.PersonName),
  email: Schema.OptionFromNullOr(Registration.Email),
  language: Schema.OptionFromNullOr(LocalizedText.Language),
  used: Flag,
  reminders: Integer
})

/**
 * An invitation as a row of `invitations`: the contact in three columns
 * (`name`, `email`, `language`) that are null once it is erased. An address
 * without a language does not decode.
 *
 * @internal
 */
export const InvitationFromRow: Schema.Schema<
  SurveyInvitation.Invitation,
  typeof InvitationRow.Encoded
> = Schema.transformOrFail(InvitationRow, Schema.typeSchema(SurveyInvitation.Invitation), {
  strict: true,
  decode: (row, _, ast) => {
    const { email, language, name } = row
    // Some(contact) or Some(None) when erased; None when the row is inconsistent.
    const contact = Option.isNone(email)
      ? Option.some(Option.none())
      : Option.map(language, (language) => Option.some({ name, email: email.value, language }))
    return Option.match(contact, {
      // The issue names no value: the address is personal data.
      onNone: () => ParseResult.fail(new ParseResult.Type(ast, null, "an address without a language")),
      onSome: (contact) =>
        ParseResult.succeed(
          new SurveyInvitation.Invitation({
            id: row.id,
            surveyId: row.survey_id,
            audience: row.audience,
            municipality: row.municipality,
            contact,
            used: row.used,
            reminders: row.reminders
          }, { disableValidation: true })
        )
    })
  },
  encode: (invitation) =>
    ParseResult.succeed({
      id: invitation.id,
      survey_id: invitation.surveyId,
      audience: invitation.audience,
      municipality: invitation.municipality,
      name: Option.flatMap(invitation.contact, (c) => c.name),
      email: Option.map(invitation.contact, (c) => c.email),
      language: Option.map(invitation.contact, (c) => c.language),
      used: invitation.used,
      reminders: invitation.reminders
    })
})

/** @internal */
export const invitationColumns = "id, survey_id, audience, municipality, name, email, language, used, reminders"

/**
 * Invited and used invitations of one audience.
 *
 * @internal
 */
export const InvitationCountRow = Schema.Struct({
  audience: Survey.Audience,
  invited: Integer,
  used: Integer
})

// --- answers -----------------------------------------------------------------

/**
 * A row of `answers`: exactly the fields of an answer, nothing that links
 * it to an invitation or a time.
 *
 * @internal
 */
export const AnswerRow = Schema.Struct({
  id: SurveyAnswer.AnswerId,
  survey_id: Survey.SurveyId,
  grp: Survey.ReportGroup,
  municipality: Schema.NullOr(Municipality.MunicipalityCode),
  answer_values: Schema.parseJson(SurveyAnswer.Answer.fields.values)
})

/**
 * The columns of `answers`, in the order of {@link answerParameters}.
 *
 * @internal
 */
export const answerColumns = ["id", "survey_id", "grp", "municipality", "answer_values"] as const

type AnswerParameter = (typeof AnswerRow.Encoded)[(typeof answerColumns)[number]]

/**
 * Answers as the parameters of new rows of `answers`, one after the other
 * (see {@link answerColumns}), without checking them again: they are domain
 * values, checked when they were made. For bulk inserts, so one flat array
 * rather than an array per row.
 *
 * @internal
 */
export const answerParameters = (answers: ReadonlyArray<SurveyAnswer.Answer>): Array<AnswerParameter> => {
  const parameters = new Array<AnswerParameter>(answers.length * answerColumns.length)
  let i = 0
  for (const answer of answers) {
    parameters[i++] = answer.id
    parameters[i++] = answer.surveyId
    parameters[i++] = answer.group
    parameters[i++] = Option.getOrNull(answer.municipality)
    parameters[i++] = JSON.stringify(answer.values)
  }
  return parameters
}

/**
 * What the free texts are read from.
 *
 * @internal
 */
export const AnswerValuesRow = AnswerRow.pick("grp", "answer_values")

/**
 * The municipality of a count: `''` in the table stands for "not asked",
 * so that the key column has no null.
 *
 * @internal
 */
export const CountMunicipality = Schema.transform(
  Schema.Union(Schema.Literal(""), Municipality.MunicipalityCode),
  Schema.NullOr(Schema.typeSchema(Municipality.MunicipalityCode)),
  {
    strict: true,
    decode: (stored) => (stored === "" ? null : stored),
    encode: (municipality) => municipality ?? ""
  }
)

/**
 * A row of `answer_counts`, read or added to.
 *
 * @internal
 */
export const CountRow = Schema.Struct({
  grp: Survey.ReportGroup,
  municipality: CountMunicipality,
  question: Schema.String,
  value: Integer,
  n: Integer
})

/**
 * A row to add to `answer_counts`.
 *
 * @internal
 */
export const NewCountRow = Schema.Struct({
  survey_id: Survey.SurveyId,
  ...CountRow.fields
})

/** @internal */
export type NewCount = typeof NewCountRow.Type

/**
 * The columns of `answer_counts`, in the order of {@link countParameters}.
 *
 * @internal
 */
export const countColumns = ["survey_id", "grp", "municipality", "question", "value", "n"] as const

/**
 * Counts as the parameters of rows of `answer_counts`, one after the other
 * (see {@link countColumns}), encoded as {@link NewCountRow} would (no
 * municipality is `''`) but without checking them again: they are counted
 * from domain values.
 *
 * @internal
 */
export const countParameters = (counts: ReadonlyArray<NewCount>): Array<string | number> => {
  const parameters = new Array<string | number>(counts.length * countColumns.length)
  let i = 0
  for (const count of counts) {
    parameters[i++] = count.survey_id
    parameters[i++] = count.grp
    parameters[i++] = count.municipality ?? ""
    parameters[i++] = count.question
    parameters[i++] = count.value
    parameters[i++] = count.n
  }
  return parameters
}

// --- regional figures --------------------------------------------------------

const FigureRow = Schema.Struct({
  indicator: RegionalFigures.Figure.fields.indicator,
  area: RegionalFigures.Area,
  period: RegionalFigures.Figure.fields.period,
  // A double: a number from either database, but text from drivers that
  // return it so.
  value: Schema.Union(Schema.Number, Schema.NumberFromString),
  unit: RegionalFigures.Figure.fields.unit,
  source: RegionalFigures.Figure.fields.source,
  invented: Flag
})

/**
 * A regional figure as a row of `regional_figures`.
 *
 * @internal
 */
export const FigureFromRow: Schema.Schema<RegionalFigures.Figure, typeof FigureRow.Encoded> = Schema.transform(
  FigureRow,
  Schema.typeSchema(RegionalFigures.Figure),
  {
    strict: true,
    decode: (row) => new RegionalFigures.Figure(row, { disableValidation: true }),
    encode: (figure) => ({
      indicator: figure.indicator,
      area: figure.area,
      period: figure.period,
      value: figure.value,
      unit: figure.unit,
      source: figure.source,
      invented: figure.invented
    })
  }
)

/** @internal */
export const figureColumns = "indicator, area, period, value, unit, source, invented"
