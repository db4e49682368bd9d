/**
 * The error bodies of the HTTP API. Every error names its problem with a
 * `code` (for programs), a one-line `message` (Dutch, then English) and a
 * `text` with the Dutch and English sentences apart (for people).
 *
 * Core errors carry no HTTP details; the handlers map them onto these.
 *
 * @since 0.2.0
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Schema from "effect/Schema"
import { CalendarDate, Eligibility, LocalizedText, Registration } from "@pleegzorg/core"

const problem = {
  message: Schema.String.annotations({ description: "Dutch, then English: \"… / …\"" }),
  text: LocalizedText.LocalizedText.annotations({ description: "The same message, Dutch and English apart" })
}

/**
 * One thing wrong with a request: where (`path`, such as `sessions.0.place.name`;
 * empty for the request as a whole) and what.
 *
 * @since 0.2.0
 * @category models
 */
export class Issue extends Schema.Class<Issue>("@pleegzorg/http/ApiError/Issue")({
  path: Schema.String,
  ...problem
}, { identifier: "RequestIssue" }) {}

/**
 * The request cannot be read or does not have the expected shape: malformed
 * JSON, a wrong type, an unknown field, a path id that is not an id. Nothing
 * was done with it.
 *
 * @since 0.2.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@pleegzorg/http/ApiError/BadRequest")("BadRequest", {
  code: Schema.Literal("InvalidInput", "MalformedJson"),
  ...problem,
  issues: Schema.Array(Issue)
}, { identifier: "BadRequest" }) {}

/**
 * The endpoint is for organisers and the request has no valid organiser
 * token. (The status sits on the schema because the organiser middleware
 * declares it as its failure, not through `addError`.)
 *
 * @since 0.2.0
 * @category errors
 */
export class Unauthorized
  extends Schema.TaggedError<Unauthorized>("@pleegzorg/http/ApiError/Unauthorized")("Unauthorized", {
    code: Schema.Literal("MissingToken", "InvalidToken"),
    ...problem
  }, HttpApiSchema.annotations({ identifier: "Unauthorized", status: 401 }))
{}

/**
 * What the request names does not exist: a track, a registration (or
 * personal token), a region, a municipality, a survey, an invitation to an
 * open survey (`InvitationNotFound`, also for a survey that has closed), an
 * improvement agenda (also for a track without one) or an action on it, a
 * prospective foster parent, a mentor or a match (`ProspectNotFound`,
 * `MentorNotFound`, `MatchNotFound`; also after the profile was erased), or
 * the endpoint itself.
 *
 * @since 0.2.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@pleegzorg/http/ApiError/NotFound")("NotFound", {
  code: Schema.Literal(
    "TrackNotFound",
    "RegistrationNotFound",
    "RegionNotFound",
    "MunicipalityNotFound",
    "RouteNotFound",
    "SurveyNotFound",
    "InvitationNotFound",
    "AgendaNotFound",
    "ActionNotFound",
    "ProspectNotFound",
    "MentorNotFound",
    "MatchNotFound"
  ),
  ...problem
}, { identifier: "NotFound" }) {}

/**
 * The request is well formed but clashes with the current state: already
 * registered, registration not open, a status change that is not allowed,
 * a registration in the wrong state, attendance that cannot be recorded yet,
 * a survey in the wrong state (`SurveyStateConflict`), an invitation that
 * was already used (`AlreadyAnswered`), a report that would differ too
 * little from one published before (`OverlapRefused`), an improvement
 * agenda in the wrong state (`AgendaStateConflict`: a second agenda for a
 * track, not adopted yet, no such version, a theme still in use, a review
 * already held), a status change of an action that its current status
 * does not allow (`InvalidActionTransition`), a match in a state that does
 * not allow the step (`MatchStateConflict`: a proposal already answered, the
 * end of a match that is not going on), or a matching run while another one
 * is going on (`BatchRunning`).
 *
 * @since 0.2.0
 * @category errors
 */
export class Conflict extends Schema.TaggedError<Conflict>("@pleegzorg/http/ApiError/Conflict")("Conflict", {
  code: Schema.Literal(
    "RegistrationNotOpen",
    "InvalidTransition",
    "RegistrationStateConflict",
    "AttendanceRefused",
    "SurveyStateConflict",
    "AlreadyAnswered",
    "OverlapRefused",
    "AgendaStateConflict",
    "InvalidActionTransition",
    "MatchStateConflict",
    "BatchRunning"
  ),
  ...problem
}, { identifier: "Conflict" }) {}

/**
 * The code sent with a public mentoring request (from the proposal or the
 * introduction mail) is well formed but does not belong to this match
 * (`NotYourMatch`). Not a `401`: there is no login to retry with, and the
 * organiser's token does not open these endpoints either; the caller is
 * known (by the code) and is refused this match.
 *
 * @since 0.4.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@pleegzorg/http/ApiError/Forbidden")("Forbidden", {
  code: Schema.Literal("NotYourMatch"),
  ...problem
}, { identifier: "Forbidden" }) {}

/**
 * The body is larger than the server accepts.
 *
 * @since 0.2.0
 * @category errors
 */
export class PayloadTooLarge
  extends Schema.TaggedError<PayloadTooLarge>("@pleegzorg/http/ApiError/PayloadTooLarge")("PayloadTooLarge", {
    code: Schema.Literal("PayloadTooLarge"),
    ...problem,
    limit: Schema.Int.annotations({ description: "The largest body accepted, in bytes" })
  }, { identifier: "PayloadTooLarge" })
{}

/**
 * The body is not JSON (for example a form, which `curl -d` sends unless
 * told otherwise), or, for `POST /regional-figures`, not CSV.
 *
 * @since 0.2.0
 * @category errors
 */
export class UnsupportedMediaType
  extends Schema.TaggedError<UnsupportedMediaType>("@pleegzorg/http/ApiError/UnsupportedMediaType")(
    "UnsupportedMediaType",
    { code: Schema.Literal("UnsupportedMediaType"), ...problem },
    { identifier: "UnsupportedMediaType" }
  )
{}

/**
 * The sessions or the composition of a track, the questionnaires of a
 * survey (`InvalidQuestionnaire`) or its disclosure rules (`InvalidPolicy`)
 * break their rules; an action is due before it starts
 * (`InvalidActionDates`); evidence of an agenda points at something not
 * published (`EvidenceNotPublished`); or an agenda cannot be adopted as it
 * is (`NotAdoptable`). `problems` lists every one.
 *
 * @since 0.2.0
 * @category errors
 */
export class Unprocessable
  extends Schema.TaggedError<Unprocessable>("@pleegzorg/http/ApiError/Unprocessable")("Unprocessable", {
    code: Schema.Literal(
      "InvalidSchedule",
      "InvalidComposition",
      "InvalidQuestionnaire",
      "InvalidPolicy",
      "InvalidActionDates",
      "EvidenceNotPublished",
      "NotAdoptable"
    ),
    ...problem,
    problems: Schema.NonEmptyArray(LocalizedText.LocalizedText)
  }, { identifier: "Unprocessable" })
{}

/**
 * One reason a registration was refused, with an explanation addressed to
 * the person.
 *
 * @since 0.2.0
 * @category models
 */
export class RefusalReason extends Schema.Class<RefusalReason>("@pleegzorg/http/ApiError/RefusalReason")({
  reason: Schema.Union(Registration.NotAvailableForAllSessions, Eligibility.OutsideRegion, Eligibility.BelowMinimumAge)
    .annotations({ identifier: "RefusalReason" }),
  explanation: LocalizedText.LocalizedText
}, { identifier: "ExplainedRefusalReason" }) {}

/**
 * The person cannot take part: every reason, each explained. Nothing was
 * stored.
 *
 * @since 0.2.0
 * @category errors
 */
export class RegistrationRefused
  extends Schema.TaggedError<RegistrationRefused>("@pleegzorg/http/ApiError/RegistrationRefused")(
    "RegistrationRefused",
    {
      code: Schema.Literal("RegistrationRefused"),
      ...problem,
      checkedFor: CalendarDate.CalendarDate.annotations({ description: "The day of session 1 the decision was made for" }),
      reasons: Schema.NonEmptyArray(RefusalReason)
    },
    { identifier: "RegistrationRefused" }
  )
{}

/**
 * What is wrong with the answer to one question (`question` is its id), or
 * with the answers as a whole (a question that is not in the questionnaire).
 *
 * @since 0.3.0
 * @category models
 */
export class AnswerProblem extends Schema.Class<AnswerProblem>("@pleegzorg/http/ApiError/AnswerProblem")({
  question: Schema.String,
  ...problem
}, { identifier: "AnswerProblem" }) {}

/**
 * The answers do not fit the questionnaire: every problem, per question.
 * Nothing was stored, and the invitation can still be used.
 *
 * @since 0.3.0
 * @category errors
 */
export class AnswersRefused
  extends Schema.TaggedError<AnswersRefused>("@pleegzorg/http/ApiError/AnswersRefused")("AnswersRefused", {
    code: Schema.Literal("AnswersRefused"),
    ...problem,
    problems: Schema.NonEmptyArray(AnswerProblem)
  }, { identifier: "AnswersRefused" })
{}

/**
 * What is wrong with one line of a CSV file (line 1 is the header).
 *
 * @since 0.3.0
 * @category models
 */
export class LineProblem extends Schema.Class<LineProblem>("@pleegzorg/http/ApiError/LineProblem")({
  line: Schema.Int,
  ...problem
}, { identifier: "LineProblem" }) {}

/**
 * The regional figures could not be read: every bad line. Nothing was
 * imported.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidFigures
  extends Schema.TaggedError<InvalidFigures>("@pleegzorg/http/ApiError/InvalidFigures")("InvalidFigures", {
    code: Schema.Literal("InvalidFigures"),
    ...problem,
    problems: Schema.NonEmptyArray(LineProblem)
  }, { identifier: "InvalidFigures" })
{}

/**
 * Storage is not available. The body says nothing about the cause; the
 * server logs it.
 *
 * @since 0.2.0
 * @category errors
 */
export class ServiceUnavailable
  extends Schema.TaggedError<ServiceUnavailable>("@pleegzorg/http/ApiError/ServiceUnavailable")("ServiceUnavailable", {
    code: Schema.Literal("ServiceUnavailable"),
    ...problem
  }, { identifier: "ServiceUnavailable" })
{}

/**
 * Something went wrong on the server that is not the caller's mistake.
 *
 * @since 0.2.0
 * @category errors
 */
export class InternalServerError
  extends Schema.TaggedError<InternalServerError>("@pleegzorg/http/ApiError/InternalServerError")(
    "InternalServerError",
    { code: Schema.Literal("InternalServerError"), ...problem },
    { identifier: "InternalServerError" }
  )
{}

/**
 * The `message` and `text` fields of an error body for a Dutch and an
 * English sentence.
 *
 * @since 0.2.0
 * @category constructors
 */
export const describe = (text: LocalizedText.LocalizedText): { readonly message: string; readonly text: LocalizedText.LocalizedText } => ({
  message: LocalizedText.bilingual(text),
  text: { nl: text.nl, en: text.en }
})

/**
 * Reads a core message written `"Dutch / English"` into its two sentences.
 * A message that does not split exactly once is kept whole in both.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fromBilingual = (message: string): LocalizedText.LocalizedText => {
  const parts = message.split(" / ")
  return parts.length === 2 ? LocalizedText.make(parts[0]!, parts[1]!) : LocalizedText.make(message, message)
}
