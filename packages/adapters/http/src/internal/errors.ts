import type * as HttpApiError from "@effect/platform/HttpApiError"
import * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import {
  type Agenda,
  type AgendaAction,
  type AgendaFinding,
  type DisclosurePolicy,
  type Geography,
  type InvalidInput,
  LocalizedText,
  type MentorMatch,
  type RegionalFigures,
  Registration,
  type ReleaseLedger,
  type Storage,
  type Survey,
  type SurveyAnswer,
  type SurveyInvitation,
  Track
} from "@pleegzorg/core"
import * as ApiError from "../ApiError.js"

/** Every error the core services used here can fail with. */
export type CoreError =
  | InvalidInput.InvalidInput
  | Storage.StorageError
  | Track.TrackNotFound
  | Registration.RegistrationNotFound
  | Geography.RegionNotFound
  | Geography.MunicipalityNotFound
  | Registration.RegistrationNotOpen
  | Track.InvalidTransition
  | Registration.RegistrationStateConflict
  | Registration.AttendanceRefused
  | Track.InvalidSchedule
  | Track.InvalidComposition
  | Survey.SurveyNotFound
  | SurveyInvitation.InvitationNotFound
  | Survey.SurveyStateConflict
  | SurveyInvitation.AlreadyAnswered
  | ReleaseLedger.OverlapRefused
  | Survey.InvalidQuestionnaire
  | DisclosurePolicy.InvalidPolicy
  | SurveyAnswer.AnswersRefused
  | RegionalFigures.InvalidFigures
  | Agenda.AgendaNotFound
  | Agenda.ActionNotFound
  | Agenda.AgendaStateConflict
  | Agenda.NotAdoptable
  | AgendaAction.InvalidActionTransition
  | AgendaAction.InvalidActionDates
  | AgendaFinding.EvidenceNotPublished
  | MentorMatch.ProspectNotFound
  | MentorMatch.MentorNotFound
  | MentorMatch.MatchNotFound
  | MentorMatch.NotYourMatch
  | MentorMatch.MatchStateConflict
  | MentorMatch.BatchRunning

/**
 * The HTTP error a core error becomes, so that each handler's error type is
 * exactly what its endpoint declares.
 */
export type HttpErrorOf<E> = E extends InvalidInput.InvalidInput ? ApiError.BadRequest
  : E extends Storage.StorageError ? ApiError.ServiceUnavailable
  : E extends
    | Track.TrackNotFound
    | Registration.RegistrationNotFound
    | Geography.RegionNotFound
    | Geography.MunicipalityNotFound
    | Survey.SurveyNotFound
    | SurveyInvitation.InvitationNotFound
    | Agenda.AgendaNotFound
    | Agenda.ActionNotFound
    | MentorMatch.ProspectNotFound
    | MentorMatch.MentorNotFound
    | MentorMatch.MatchNotFound ? ApiError.NotFound
  : E extends MentorMatch.NotYourMatch ? ApiError.Forbidden
  : E extends
    | Registration.RegistrationNotOpen
    | Track.InvalidTransition
    | Registration.RegistrationStateConflict
    | Registration.AttendanceRefused
    | Survey.SurveyStateConflict
    | SurveyInvitation.AlreadyAnswered
    | ReleaseLedger.OverlapRefused
    | Agenda.AgendaStateConflict
    | AgendaAction.InvalidActionTransition
    | MentorMatch.MatchStateConflict
    | MentorMatch.BatchRunning ? ApiError.Conflict
  : E extends
    | Track.InvalidSchedule
    | Track.InvalidComposition
    | Survey.InvalidQuestionnaire
    | DisclosurePolicy.InvalidPolicy
    | Agenda.NotAdoptable
    | AgendaAction.InvalidActionDates
    | AgendaFinding.EvidenceNotPublished ? ApiError.Unprocessable
  : E extends SurveyAnswer.AnswersRefused ? ApiError.AnswersRefused
  : E extends RegionalFigures.InvalidFigures ? ApiError.InvalidFigures
  : never

const notAllFilledIn = LocalizedText.make(
  "Niet alles is goed ingevuld.",
  "Not everything was filled in correctly."
)

/** The 400 for core's `InvalidInput`. */
export const badRequestOfInvalidInput = (error: InvalidInput.InvalidInput): ApiError.BadRequest =>
  new ApiError.BadRequest({
    code: "InvalidInput",
    ...ApiError.describe(notAllFilledIn),
    issues: error.issues.map((issue) =>
      new ApiError.Issue({ path: issue.path, ...ApiError.describe(ApiError.fromBilingual(issue.message)) })
    )
  })

// Messages written for core are Dutch and English already ("… / …"); Effect's
// own are English and get a Dutch version. The same translation as core's
// `InvalidInput.fromParseError`, which needs the ParseError that the HTTP
// layer has already formatted.
const issueText = (issue: ParseResult.ArrayFormatterIssue): LocalizedText.LocalizedText => {
  const message = issue.message
  if (message.includes(" / ")) return ApiError.fromBilingual(message)
  switch (issue._tag) {
    case "Missing":
      return LocalizedText.make("Dit veld ontbreekt.", "This field is missing.")
    case "Unexpected":
      return LocalizedText.make("Dit veld hoort hier niet.", "This field is not expected here.")
    case "Type": {
      const typed = /^Expected (.*), actual (.*)$/s.exec(message)
      return typed === null
        ? LocalizedText.make("Dit is niet goed ingevuld.", message)
        : LocalizedText.make(`Verwacht ${typed[1]}, maar kreeg ${typed[2]}.`, `Expected ${typed[1]}, got ${typed[2]}.`)
    }
    default:
      return LocalizedText.make("Dit is niet goed ingevuld.", message)
  }
}

// With every error reported, a value that fits none of a few literals gives
// one issue per literal ("Expected \"pilot\", actual …", "Expected
// \"rollout\", actual …"). Those become one issue listing every choice.
const mergeAlternatives = (
  issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>
): Array<ParseResult.ArrayFormatterIssue> => {
  const out: Array<ParseResult.ArrayFormatterIssue> = []
  const typeAt = new Map<string, { index: number; expected: Array<string>; actual: string }>()
  for (const issue of issues) {
    const key = issue.path.map(String).join(".")
    const typed = issue._tag === "Type" && !issue.message.includes(" / ")
      ? /^Expected (.*), actual (.*)$/s.exec(issue.message)
      : null
    const earlier = typed === null ? undefined : typeAt.get(key)
    if (typed !== null && earlier !== undefined && earlier.actual === typed[2]) {
      earlier.expected.push(typed[1]!)
      out[earlier.index] = {
        ...out[earlier.index]!,
        message: `Expected ${earlier.expected.join(" | ")}, actual ${earlier.actual}`
      }
      continue
    }
    if (out.some((o) => o.message === issue.message && o.path.map(String).join(".") === key)) continue
    if (typed !== null) typeAt.set(key, { index: out.length, expected: [typed[1]!], actual: typed[2]! })
    out.push(issue)
  }
  return out
}

// An optional field that is given but wrong also fails its other
// alternative, "Expected undefined, actual …". That says nothing next to the
// field's own problems, so it is left out when there are any.
const withoutUndefinedAlternative = (
  issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>
): ReadonlyArray<ParseResult.ArrayFormatterIssue> => {
  const key = (issue: ParseResult.ArrayFormatterIssue) => issue.path.map(String).join(".")
  return issues.filter((issue) => {
    if (issue._tag !== "Type" || !issue.message.startsWith("Expected undefined, actual ")) return true
    const at = key(issue)
    return !issues.some((other) =>
      other !== issue && (key(other) === at || key(other).startsWith(at === "" ? "" : `${at}.`))
    )
  })
}

/** The 400 for a path or body that does not decode. */
export const badRequestOfDecodeError = (error: HttpApiError.HttpApiDecodeError): ApiError.BadRequest =>
  new ApiError.BadRequest({
    code: "InvalidInput",
    ...ApiError.describe(notAllFilledIn),
    issues: mergeAlternatives(withoutUndefinedAlternative(error.issues)).map((issue) =>
      new ApiError.Issue({ path: issue.path.map(String).join("."), ...ApiError.describe(issueText(issue)) })
    )
  })

/** The 400 for a body that is not JSON. */
export const malformedJson = (): ApiError.BadRequest => {
  const text = LocalizedText.make(
    "De inhoud van het verzoek is geen geldige JSON.",
    "The request body is not valid JSON."
  )
  return new ApiError.BadRequest({
    code: "MalformedJson",
    ...ApiError.describe(text),
    issues: [new ApiError.Issue({ path: "", ...ApiError.describe(text) })]
  })
}

/** The 413 for a body above `limit` bytes. */
export const payloadTooLarge = (limit: number): ApiError.PayloadTooLarge =>
  new ApiError.PayloadTooLarge({
    code: "PayloadTooLarge",
    limit,
    ...ApiError.describe(LocalizedText.make(
      `De inhoud van het verzoek is te groot. Het maximum is ${Math.floor(limit / 1024)} KiB.`,
      `The request body is too large. The maximum is ${Math.floor(limit / 1024)} KiB.`
    ))
  })

/** The 415 for a body that is not JSON. */
export const unsupportedMediaType = (): ApiError.UnsupportedMediaType =>
  new ApiError.UnsupportedMediaType({
    code: "UnsupportedMediaType",
    ...ApiError.describe(LocalizedText.make(
      "Stuur de gegevens als JSON, met de header Content-Type: application/json.",
      "Send the data as JSON, with the header Content-Type: application/json."
    ))
  })

/** The 503 for storage that failed: nothing about the cause. */
export const serviceUnavailable = (): ApiError.ServiceUnavailable =>
  new ApiError.ServiceUnavailable({
    code: "ServiceUnavailable",
    ...ApiError.describe(LocalizedText.make(
      "Het lukt nu even niet. Probeer het later nog eens.",
      "This is not possible right now. Please try again later."
    ))
  })

/** The 500 for a bug: nothing about the cause. */
export const internalServerError = (): ApiError.InternalServerError =>
  new ApiError.InternalServerError({
    code: "InternalServerError",
    ...ApiError.describe(LocalizedText.make(
      "Er ging iets mis aan onze kant. Probeer het later nog eens.",
      "Something went wrong on our side. Please try again later."
    ))
  })

/** The 404 for a path that no endpoint has. */
export const routeNotFound = (): ApiError.NotFound =>
  new ApiError.NotFound({
    code: "RouteNotFound",
    ...ApiError.describe(LocalizedText.make(
      "Dit adres bestaat niet in de API.",
      "There is no such endpoint in the API."
    ))
  })

/** The 404 for a track the caller may not see (or that does not exist). */
export const trackNotFound = (): ApiError.NotFound =>
  new ApiError.NotFound({
    code: "TrackNotFound",
    ...ApiError.describe(LocalizedText.make("Dit traject bestaat niet.", "This track does not exist."))
  })

/** The 422 for a refused registration: every reason, each explained. */
export const registrationRefused = (refused: Registration.Refused): ApiError.RegistrationRefused =>
  new ApiError.RegistrationRefused({
    code: "RegistrationRefused",
    ...ApiError.describe(LocalizedText.make(
      "Je kunt je niet aanmelden voor dit traject.",
      "You cannot sign up for this track."
    )),
    checkedFor: refused.checkedFor,
    reasons: [
      new ApiError.RefusalReason({
        reason: refused.reasons[0],
        explanation: Registration.explainRefusal(refused.reasons[0], refused.checkedFor)
      }),
      ...refused.reasons.slice(1).map((reason) =>
        new ApiError.RefusalReason({ reason, explanation: Registration.explainRefusal(reason, refused.checkedFor) })
      )
    ]
  })

/** The 422 for answers that do not fit the questionnaire: every problem, per question. */
export const answersRefused = (refused: SurveyAnswer.AnswersRefused): ApiError.AnswersRefused => {
  const problems = refused.problems.map((p) =>
    new ApiError.AnswerProblem({ question: p.question, ...ApiError.describe(p.problem) })
  )
  return new ApiError.AnswersRefused({
    code: "AnswersRefused",
    ...ApiError.describe(LocalizedText.make(
      "Niet alle antwoorden kloppen. Kijk bij de vragen wat er mis is. Er is nog niets bewaard.",
      "Not all answers are right. See at the questions what is wrong. Nothing has been stored yet."
    )),
    problems: problems.length > 0
      ? [problems[0]!, ...problems.slice(1)]
      : [new ApiError.AnswerProblem({ question: "", ...ApiError.describe(ApiError.fromBilingual(refused.message)) })]
  })
}

/** The 422 for a CSV of regional figures with bad lines. */
export const invalidFigures = (invalid: RegionalFigures.InvalidFigures): ApiError.InvalidFigures => {
  const problems = invalid.problems.map((p) => new ApiError.LineProblem({ line: p.line, ...ApiError.describe(p.problem) }))
  return new ApiError.InvalidFigures({
    code: "InvalidFigures",
    ...ApiError.describe(LocalizedText.make(
      `Niet alle regels van het bestand kloppen (${problems.length}). Er is niets ingelezen.`,
      `Not every line of the file is right (${problems.length}). Nothing was imported.`
    )),
    problems: problems.length > 0
      ? [problems[0]!, ...problems.slice(1)]
      : [new ApiError.LineProblem({ line: 1, ...ApiError.describe(ApiError.fromBilingual(invalid.message)) })]
  })
}

/** A 400 about one field, with a message written for it. */
export const badRequestAt = (path: string, text: LocalizedText.LocalizedText): ApiError.BadRequest =>
  new ApiError.BadRequest({
    code: "InvalidInput",
    ...ApiError.describe(notAllFilledIn),
    issues: [new ApiError.Issue({ path, ...ApiError.describe(text) })]
  })

/** The 415 for a body that is not CSV where CSV is expected. */
export const unsupportedMediaTypeCsv = (): ApiError.UnsupportedMediaType =>
  new ApiError.UnsupportedMediaType({
    code: "UnsupportedMediaType",
    ...ApiError.describe(LocalizedText.make(
      "Stuur de cijfers als CSV, met de header Content-Type: text/csv.",
      "Send the figures as CSV, with the header Content-Type: text/csv."
    ))
  })

const toHttp = (
  error: CoreError
):
  | ApiError.BadRequest
  | ApiError.NotFound
  | ApiError.Forbidden
  | ApiError.Conflict
  | ApiError.Unprocessable
  | ApiError.AnswersRefused
  | ApiError.InvalidFigures =>
{
  switch (error._tag) {
    case "InvalidInput":
      return badRequestOfInvalidInput(error)
    case "TrackNotFound":
    case "RegistrationNotFound":
    case "SurveyNotFound":
    case "InvitationNotFound":
    case "AgendaNotFound":
    case "ActionNotFound":
    case "ProspectNotFound":
    case "MentorNotFound":
    case "MatchNotFound":
      return new ApiError.NotFound({ code: error._tag, ...ApiError.describe(ApiError.fromBilingual(error.message)) })
    case "NotYourMatch":
      return new ApiError.Forbidden({ code: error._tag, ...ApiError.describe(ApiError.fromBilingual(error.message)) })
    case "RegionNotFound":
    case "MunicipalityNotFound":
      return new ApiError.NotFound({ code: error._tag, ...ApiError.describe(error.text) })
    case "RegistrationNotOpen":
      // A draft is not public: to the public it does not exist yet.
      return error.status === "Draft"
        ? new ApiError.NotFound({
          code: "TrackNotFound",
          ...ApiError.describe(ApiError.fromBilingual(new Track.TrackNotFound({ trackId: error.trackId }).message))
        })
        : new ApiError.Conflict({ code: error._tag, ...ApiError.describe(ApiError.fromBilingual(error.message)) })
    case "InvalidTransition":
    case "RegistrationStateConflict":
    case "AttendanceRefused":
    case "SurveyStateConflict":
    case "OverlapRefused":
    case "AgendaStateConflict":
    case "InvalidActionTransition":
    case "MatchStateConflict":
      return new ApiError.Conflict({ code: error._tag, ...ApiError.describe(error.problem) })
    case "AlreadyAnswered":
    case "BatchRunning":
      return new ApiError.Conflict({ code: error._tag, ...ApiError.describe(ApiError.fromBilingual(error.message)) })
    case "InvalidSchedule":
    case "InvalidComposition":
      return new ApiError.Unprocessable({
        code: error._tag,
        ...ApiError.describe(LocalizedText.make(
          error.problems.map((p) => p.nl).join(" "),
          error.problems.map((p) => p.en).join(" ")
        )),
        problems: error.problems
      })
    case "InvalidQuestionnaire": {
      const problems = error.problems.map((p) => LocalizedText.make(p.nl, p.en))
      return new ApiError.Unprocessable({
        code: error._tag,
        ...ApiError.describe(LocalizedText.make(
          problems.map((p) => p.nl).join(" "),
          problems.map((p) => p.en).join(" ")
        )),
        problems: problems.length > 0
          ? [problems[0]!, ...problems.slice(1)]
          : [ApiError.fromBilingual(error.message)]
      })
    }
    case "InvalidPolicy":
    case "InvalidActionDates":
    case "EvidenceNotPublished":
      return new ApiError.Unprocessable({
        code: error._tag,
        ...ApiError.describe(error.problem),
        problems: [LocalizedText.make(error.problem.nl, error.problem.en)]
      })
    case "NotAdoptable": {
      const problems = error.problems.map((p) => LocalizedText.make(p.nl, p.en))
      return new ApiError.Unprocessable({
        code: error._tag,
        ...ApiError.describe(LocalizedText.make(
          `Deze verbeteragenda kan zo nog niet worden vastgesteld: ${problems.map((p) => p.nl).join(" ")}`,
          `This improvement agenda cannot be adopted as it is: ${problems.map((p) => p.en).join(" ")}`
        )),
        problems: problems.length > 0
          ? [problems[0]!, ...problems.slice(1)]
          : [ApiError.fromBilingual(error.message)]
      })
    }
    case "AnswersRefused":
      return answersRefused(error)
    case "InvalidFigures":
      return invalidFigures(error)
    case "StorageError":
      return serviceUnavailable() as never
  }
}

/**
 * Maps the core errors of an effect onto HTTP errors. A storage failure is
 * logged (operation and reason only: storage adapters keep personal data out
 * of both) and becomes a 503 that tells nothing.
 */
export const http = <A, E extends CoreError, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, HttpErrorOf<E>, R> =>
  Effect.catchAll(self, (e): Effect.Effect<never, ApiError.ServiceUnavailable | ReturnType<typeof toHttp>> => {
    const error: CoreError = e
    return error._tag === "StorageError"
      ? Effect.zipRight(
        Effect.logError("storage failed").pipe(
          Effect.annotateLogs({ operation: error.operation, reason: error.reason })
        ),
        Effect.fail(serviceUnavailable())
      )
      : Effect.fail(toHttp(error))
  }) as Effect.Effect<A, HttpErrorOf<E>, R>
