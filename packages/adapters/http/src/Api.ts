/**
 * The contract of the HTTP API: groups, endpoints, payloads, responses and
 * errors with their status codes. It holds no handlers, so that a program
 * (or a browser) derives a typed client from it with
 * `HttpApiClient.make(Api, { baseUrl })`, and the OpenAPI document is made
 * from it.
 *
 * Two roles: the public (no token) and organisers (a bearer token, see
 * {@link Authorization}).
 *
 * @since 0.2.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import {
  Agenda,
  AgendaAction,
  AgendaFinding,
  AgendaFollowUp,
  Agendas,
  Attendance,
  CalendarDate,
  DisclosurePolicy,
  DomainEvent,
  Eligibility,
  LocalizedText,
  MatchScore,
  MentorMatch,
  Mentoring,
  MentorProfile,
  Municipality,
  Region,
  RegionalFigures,
  Registration,
  Survey,
  SurveyAnswer,
  SurveyInvitation,
  Surveys,
  Track,
  Tracks
} from "@pleegzorg/core"
import * as ApiError from "./ApiError.js"
import { Authorization } from "./Authorization.js"

// -----------------------------------------------------------------------------
// payloads
// -----------------------------------------------------------------------------

// Unknown fields are refused instead of dropped: a misspelt field is a
// mistake the caller should hear about. Every problem is reported, not just
// the first.
const strict = { parseOptions: { onExcessProperty: "error", errors: "all" } } as const
const allErrors = { parseOptions: { errors: "all" } } as const

/**
 * A new track with everything spelled out (`Tracks.CreateTrack`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const CreateTrackBody = Tracks.CreateTrack.annotations(strict)

/**
 * A new track from a template (`Tracks.CreateFromTemplate`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const CreateFromTemplateBody = Tracks.CreateFromTemplate.annotations(strict)

/**
 * The status an organiser asks for (`Track.TargetStatus`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const ChangeStatusBody = Track.TargetStatus.annotations(strict)

/**
 * A new time (and optionally place) for one session (`Tracks.Reschedule`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const RescheduleBody = Tracks.Reschedule.annotations(strict)

/**
 * A sign-up: `Registration.RegistrationInput` without `trackId` (the track
 * is in the path). Unknown fields are refused, and so is a birth date for
 * an adult group (only foster children and own children give one). There
 * is no consent field: the public cannot vouch for a parent's consent, so an
 * under-16 waits until the organiser records it (`POST
 * /registrations/:registrationId/consent`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const RegisterBody = Schema.extend(
  Schema.Struct({
    name: Registration.PersonName,
    email: Registration.Email,
    language: Schema.optionalWith(LocalizedText.Language, { default: () => "nl" as const }),
    availableForAllSessions: Schema.Boolean.annotations({
      description: "The person confirms they can come to all three sessions"
    })
  }),
  Eligibility.Applicant
).annotations({ identifier: "RegistrationBody", ...strict })

/**
 * @since 0.2.0
 * @category payloads
 */
export type RegisterBody = typeof RegisterBody.Type

/**
 * A withdrawal with the personal token from the confirmation mail.
 *
 * @since 0.2.0
 * @category payloads
 */
export const WithdrawBody = Schema.Struct({ token: Registration.PersonalToken }).annotations({
  identifier: "WithdrawalBody",
  ...strict
})

/**
 * A parent's or guardian's consent (`Registration.Consent`).
 *
 * @since 0.2.0
 * @category payloads
 */
export const ConsentBody = Registration.Consent.annotations(strict)

/**
 * Whether a confirmed person was at a session.
 *
 * @since 0.2.0
 * @category payloads
 */
export const AttendanceBody = Schema.Struct({ present: Schema.Boolean }).annotations({
  identifier: "AttendanceBody",
  ...strict
})

/**
 * A new survey of the track in the path: `Surveys.CreateSurvey` without
 * `trackId`. Everything may be left out: the default questionnaires, the
 * default title and the standard disclosure rules are used.
 *
 * @since 0.3.0
 * @category payloads
 */
export const CreateSurveyBody = Schema.Struct(Struct.omit(Surveys.CreateSurvey.fields, "trackId")).annotations({
  identifier: "CreateSurveyBody",
  ...strict
})

/**
 * The parts of a draft survey to replace (`Surveys.AdaptSurvey`).
 *
 * @since 0.3.0
 * @category payloads
 */
export const AdaptSurveyBody = Surveys.AdaptSurvey.annotations({ identifier: "AdaptSurveyBody", ...strict })

/**
 * The people to invite (`SurveyInvitation.Invitee`): an address, the
 * audience, and optionally a name, a language and a municipality. An address
 * that was invited before is skipped.
 *
 * @since 0.3.0
 * @category payloads
 */
export const InviteBody = Schema.Struct({
  invitees: Schema.Array(SurveyInvitation.Invitee).pipe(
    Schema.minItems(1, { message: () => "Noem minstens één persoon. / Name at least one person." })
  )
}).annotations({ identifier: "InvitationsBody", ...strict })

/**
 * The organiser's decisions on free-text answers (`Surveys.ReviewDecisions`):
 * per group, question and position, approved or not.
 *
 * @since 0.3.0
 * @category payloads
 */
export const ReviewBody = Surveys.ReviewDecisions.annotations({ identifier: "ReviewDecisionsBody", ...strict })

/**
 * Regional figures as CSV with the header
 * `indicator,region,period,value,unit,source,invented` (see
 * `RegionalFigures.fromCsv`), sent as `Content-Type: text/csv`.
 *
 * @since 0.3.0
 * @category payloads
 */
export const RegionalFiguresBody = HttpApiSchema.Text({ contentType: "text/csv" }).annotations({
  description: "CSV with the header indicator,region,period,value,unit,source,invented"
})

const tokenDescription =
  "The code from the invitation. Send it here or in the header X-Invitation-Token; never in the address (path or query)."

/**
 * Asks for the questionnaire of an invitation. The code goes here, or in
 * the header `X-Invitation-Token`, never in the address.
 *
 * @since 0.3.0
 * @category payloads
 */
export const QuestionnaireBody = Schema.Struct({
  token: Schema.optional(SurveyInvitation.InvitationToken.annotations({ description: tokenDescription }))
}).annotations({ identifier: "QuestionnaireRequestBody", ...strict })

/**
 * Answers with the code of an invitation: per question id the answer (a
 * scale point 1–5, an option's position from 0, a list of positions, a whole
 * number, or a text). A question left out is not answered.
 *
 * @since 0.3.0
 * @category payloads
 */
export const AnswersBody = Schema.Struct({
  token: Schema.optional(SurveyInvitation.InvitationToken.annotations({ description: tokenDescription })),
  answers: SurveyAnswer.AnswersInput.annotations({
    description: "Per question id the answer: 1–5, an option's position (from 0), a list of positions, a whole number or a text"
  })
}).annotations({ identifier: "AnswersBody", ...strict })

/**
 * The header that may carry the code of an invitation instead of the body.
 *
 * @since 0.3.0
 * @category payloads
 */
export const InvitationTokenHeaders = Schema.Struct({
  "x-invitation-token": Schema.optional(SurveyInvitation.InvitationToken.annotations({
    description: "The code from the invitation, instead of `token` in the body. Never in the address (path or query)."
  }))
}).annotations(allErrors)

/**
 * The language of a report: `?lang=nl` (default) or `?lang=en`.
 *
 * @since 0.3.0
 * @category payloads
 */
export const ReportLanguageParams = Schema.Struct({
  lang: Schema.optionalWith(LocalizedText.Language.annotations({ description: "nl (default) or en" }), {
    default: () => "nl" as const
  })
}).annotations(strict)

/**
 * A new improvement agenda of the track in the path: `Agendas.CreateAgenda`
 * without `trackId`. `moments` are the review moments in months after the
 * first adoption (default 3, 6 and 12).
 *
 * @since 0.3.0
 * @category payloads
 */
export const CreateAgendaBody = Schema.Struct(Struct.omit(Agendas.CreateAgenda.fields, "trackId")).annotations({
  identifier: "CreateAgendaBody",
  ...strict
})

/**
 * The findings of session 2 (`Agendas.Themes`): every theme with what goes
 * well and what could be better, each with evidence that may point only at
 * what was published (see `GET /agendas/:agendaId/citable`). Replaces the
 * themes of the draft.
 *
 * @since 0.3.0
 * @category payloads
 */
export const AgendaThemesBody = Agendas.Themes.annotations({ identifier: "AgendaThemesBody", ...strict })

/**
 * A new action of the draft (`Agendas.ActionInput`); it starts as proposed.
 *
 * @since 0.3.0
 * @category payloads
 */
export const ActionBody = Agendas.ActionInput.annotations({ identifier: "AgendaActionBody", ...strict })

/**
 * The parts of an action of the draft to change (`Agendas.ActionPatch`).
 *
 * @since 0.3.0
 * @category payloads
 */
export const ActionPatchBody = Agendas.ActionPatch.annotations({ identifier: "AgendaActionPatchBody", ...strict })

/**
 * Adopts the draft (`Agendas.AdoptInput`): the date (default today) and,
 * from version 2 on, what changed and why. Send `{}` for a first adoption
 * today.
 *
 * @since 0.3.0
 * @category payloads
 */
export const AdoptBody = Agendas.AdoptInput.annotations({ identifier: "AgendaAdoptionBody", ...strict })

const nonBlank = (nl: string, en: string) =>
  Schema.String.pipe(Schema.filter((text) => text.trim() !== "" || `${nl} / ${en}`))

/**
 * The status an action moves to (`Agendas.StatusInput`), and the date
 * (default today). Done needs a closing note and dropped a reason: a blank
 * one is a 400, before the transition is looked at.
 *
 * @since 0.3.0
 * @category payloads
 */
export const ActionStatusBody = Schema.Struct({
  status: Schema.Union(
    Schema.TaggedStruct("Agreed", {}),
    Schema.TaggedStruct("InProgress", {}),
    Schema.TaggedStruct("Done", {
      note: nonBlank("Schrijf bij het afronden op hoe het is gegaan.", "Write down how it went when you close an action.")
    }),
    Schema.TaggedStruct("Dropped", {
      reason: nonBlank("Zeg waarom de actie stopt.", "Say why the action is dropped.")
    })
  ),
  on: Schema.optional(CalendarDate.CalendarDate)
}).annotations({ identifier: "AgendaActionStatusBody", ...strict })

/**
 * A dated progress note on an action (`Agendas.NoteInput`).
 *
 * @since 0.3.0
 * @category payloads
 */
export const ActionNoteBody = Agendas.NoteInput.annotations({ identifier: "AgendaActionNoteBody", ...strict })

/**
 * The body of `PUT /agendas/:agendaId/actions/:actionId/contact`: where the
 * owner gets mail, or null to erase it.
 *
 * @since 0.3.0
 * @category requests
 */
export const ActionContactBody = Agendas.ContactInput.annotations({ identifier: "AgendaActionContactBody", ...strict })

/**
 * A review held (`Agendas.ReviewInput`): the moment (months after the first
 * adoption), the date (default today) and a note per action.
 *
 * @since 0.3.0
 * @category payloads
 */
export const AgendaReviewBody = Agendas.ReviewInput.annotations({ identifier: "AgendaReviewBody", ...strict })

/**
 * How far ahead the daily reminders look (`Agendas.RemindOptions`): days
 * before a due date and before a review (each 0 to 365, default 14), and
 * the day to remind for (default today in Amsterdam). Send `{}` for the
 * defaults.
 *
 * @since 0.3.0
 * @category payloads
 */
export const AgendaRemindersBody = Schema.Struct({
  dueWithinDays: Schema.optionalWith(Schema.Int, { exact: true }),
  reviewWithinDays: Schema.optionalWith(Schema.Int, { exact: true }),
  today: Schema.optionalWith(CalendarDate.CalendarDate, { exact: true })
}).annotations({ identifier: "AgendaRemindersBody", ...strict })

/**
 * The day an overview is for: `?today=YYYY-MM-DD` (default today in
 * Amsterdam).
 *
 * @since 0.3.0
 * @category payloads
 */
export const OverviewParams = Schema.Struct({
  today: Schema.optional(CalendarDate.CalendarDate.annotations({ description: "YYYY-MM-DD (default today in Amsterdam)" }))
}).annotations(strict)

const VersionParam = Schema.NumberFromString.pipe(
  Schema.int({ message: () => "Een versie is een heel getal vanaf 1. / A version is a whole number from 1." }),
  Schema.positive({ message: () => "Een versie is een heel getal vanaf 1. / A version is a whole number from 1." })
).annotations({ description: "The adopted version (default: the one in force)" })

/**
 * The version of a public agenda: `?version=N` (default: the one in force).
 * Other query parameters are ignored, not refused: a public link may pick
 * some up on its way (a mail client's or a social site's tracking).
 *
 * @since 0.3.0
 * @category payloads
 */
export const PublicAgendaParams = Schema.Struct({
  version: Schema.optional(VersionParam)
}).annotations(allErrors)

/**
 * The language and version of a public agenda export: `?lang=nl|en` (default
 * nl) and `?version=N` (default: the one in force).
 *
 * @since 0.3.0
 * @category payloads
 */
export const PublicAgendaExportParams = Schema.Struct({
  lang: Schema.optionalWith(LocalizedText.Language.annotations({ description: "nl (default) or en" }), {
    default: () => "nl" as const
  }),
  version: Schema.optional(VersionParam)
}).annotations(allErrors)

/**
 * A prospective foster parent (aspirant-pleegouder), entered by the
 * organiser with their consent (`MentorProfile.ProspectInput`): the
 * municipality, the kinds of foster care, the family situation, languages,
 * when they can talk, optional questions (shown only to the mentor who
 * accepts) and the contact for the introduction mail.
 *
 * @since 0.4.0
 * @category payloads
 */
export const ProspectBody = MentorProfile.ProspectInput.annotations({ identifier: "ProspectBody", ...strict })

/**
 * The parts of a prospect's profile to change (`Mentoring.ProspectPatch`).
 *
 * @since 0.4.0
 * @category payloads
 */
export const ProspectPatchBody = Mentoring.ProspectPatch.annotations({ identifier: "ProspectPatchBody", ...strict })

/**
 * An experienced foster parent who offers to be a mentor, entered by the
 * organiser with their consent (`MentorProfile.MentorInput`): the
 * municipality, experience per kind of foster care, the family situation,
 * languages, when they can talk, how many prospects at a time (1 to 3) and
 * the contact for the mails.
 *
 * @since 0.4.0
 * @category payloads
 */
export const MentorBody = MentorProfile.MentorInput.annotations({ identifier: "MentorBody", ...strict })

/**
 * The parts of a mentor's profile to change (`Mentoring.MentorPatch`).
 *
 * @since 0.4.0
 * @category payloads
 */
export const MentorPatchBody = Mentoring.MentorPatch.annotations({ identifier: "MentorPatchBody", ...strict })

/**
 * A matching run: optionally other weights than the standard ones
 * (`MatchScore.Weights`, with their own `version`). Send `{}` for the
 * standard weights.
 *
 * @since 0.4.0
 * @category payloads
 */
export const RunBody = Schema.Struct({
  weights: Schema.optional(MatchScore.Weights.annotations({
    description: "Weights with their version (default: the standard weights, MatchScore.standard)"
  }))
}).annotations({ identifier: "MatchingRunBody", ...strict })

const Feedback = Schema.String.pipe(
  Schema.maxLength(2000, { message: () => "Hoogstens 2000 tekens. / At most 2000 characters." })
).annotations({ description: "How it went, for the organiser only (at most 2000 characters)" })

const codeDescription =
  "The code from the mail (proposal or introduction). Send it here or in the header X-Match-Code; never in the address (path or query)."

/**
 * The code from a mentoring mail: 43 letters, digits, `-` or `_`.
 *
 * @since 0.4.0
 * @category payloads
 */
export const MatchCode = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{43}$/, {
    message: () => "Deze code klopt niet. Gebruik de link uit je mail. / This code is not right. Use the link in your email."
  }),
  Schema.annotations({ identifier: "MatchCode" })
)

/**
 * The code of a match, for viewing, accepting or declining it. The code
 * goes here, or in the header `X-Match-Code`, never in the address.
 *
 * @since 0.4.0
 * @category payloads
 */
export const MatchCodeBody = Schema.Struct({
  code: Schema.optional(MatchCode.annotations({ description: codeDescription }))
}).annotations({ identifier: "MatchCodeBody", ...strict })

/**
 * Ends an active match with a code from the mails (the introduction, or the mentor's proposal), with
 * optional feedback for the organiser.
 *
 * @since 0.4.0
 * @category payloads
 */
export const EndMatchBody = Schema.Struct({
  code: Schema.optional(MatchCode.annotations({ description: codeDescription })),
  feedback: Schema.optional(Feedback)
}).annotations({ identifier: "EndMatchBody", ...strict })

/**
 * The organiser ends a match, with optional feedback. Send `{}` without.
 *
 * @since 0.4.0
 * @category payloads
 */
export const EndByOrganiserBody = Schema.Struct({
  feedback: Schema.optional(Feedback)
}).annotations({ identifier: "EndMatchByOrganiserBody", ...strict })

/**
 * The header that may carry the code of a match instead of the body.
 *
 * @since 0.4.0
 * @category payloads
 */
export const MatchCodeHeaders = Schema.Struct({
  "x-match-code": Schema.optional(MatchCode.annotations({
    description: "The code from the mail, instead of `code` in the body. Never in the address (path or query)."
  }))
}).annotations(allErrors)

// -----------------------------------------------------------------------------
// paths
// -----------------------------------------------------------------------------

/**
 * The number of a session in a path: `1`, `2` or `3`.
 *
 * @since 0.2.0
 * @category paths
 */
export const SessionNumberParam = Schema.transformLiterals(["1", 1], ["2", 2], ["3", 3]).annotations({
  identifier: "SessionNumberParam",
  description: "The number of a session: 1, 2 or 3"
})

const RegionCodeParam = Schema.String.annotations({
  description: "CBS code of a jeugdzorgregio, such as JZ32 (any case)"
})

const TrackPath = Schema.Struct({ trackId: Track.TrackId }).annotations(allErrors)
const RegistrationPath = Schema.Struct({ registrationId: Registration.RegistrationId }).annotations(allErrors)
const SurveyPath = Schema.Struct({ surveyId: Survey.SurveyId }).annotations(allErrors)
const AgendaPath = Schema.Struct({ agendaId: Agenda.AgendaId }).annotations(allErrors)
const ActionPath = Schema.Struct({ agendaId: Agenda.AgendaId, actionId: AgendaAction.ActionId }).annotations(allErrors)
const ProspectPath = Schema.Struct({ prospectId: MentorProfile.ProspectId }).annotations(allErrors)
const MentorPath = Schema.Struct({ mentorId: MentorProfile.MentorId }).annotations(allErrors)
const MatchPath = Schema.Struct({ matchId: MentorMatch.MatchId }).annotations(allErrors)

// -----------------------------------------------------------------------------
// responses
// -----------------------------------------------------------------------------

/**
 * A region in a list: its code, CBS name, the label to show, and how many
 * municipalities it has.
 *
 * @since 0.2.0
 * @category responses
 */
export class RegionSummary extends Schema.Class<RegionSummary>("@pleegzorg/http/Api/RegionSummary")({
  code: Region.RegionCode,
  name: Schema.String,
  label: Schema.String,
  municipalityCount: Schema.Int
}, { identifier: "RegionSummary" }) {}

/**
 * A region with its municipalities.
 *
 * @since 0.2.0
 * @category responses
 */
export class RegionDetails extends Schema.Class<RegionDetails>("@pleegzorg/http/Api/RegionDetails")({
  code: Region.RegionCode,
  name: Schema.String,
  label: Schema.String,
  aliases: Schema.Array(Schema.String),
  municipalities: Schema.Array(Municipality.Municipality)
}, { identifier: "RegionDetails" }) {}

/**
 * A municipality and the region it belongs to.
 *
 * @since 0.2.0
 * @category responses
 */
export class MunicipalityRegion extends Schema.Class<MunicipalityRegion>("@pleegzorg/http/Api/MunicipalityRegion")({
  municipality: Municipality.Municipality,
  region: RegionSummary
}, { identifier: "MunicipalityRegion" }) {}

/**
 * A track as the public sees it: what, where, when, who may take part, and
 * whether registration is open. No registrations, no counts, no internal
 * bookkeeping (version, reminders, a cancellation reason).
 *
 * @since 0.2.0
 * @category responses
 */
export class PublicTrack extends Schema.Class<PublicTrack>("@pleegzorg/http/Api/PublicTrack")({
  id: Track.TrackId,
  region: Region.RegionCode,
  regionName: Schema.String,
  phase: Track.Phase,
  title: LocalizedText.LocalizedText,
  introduction: LocalizedText.LocalizedText,
  sessions: Track.Sessions,
  composition: Track.Composition,
  status: Track.StatusName,
  registrationOpen: Schema.Boolean
}, { identifier: "PublicTrack" }) {}

/**
 * The answer to a sign-up that is not refused: received, and the outcome
 * (a place, the waitlist, or consent first) follows by mail. It is the same
 * when the address was already signed up, so that the answer does not tell
 * whether the owner of an address takes part (see the core README for the
 * one indirect trace that remains).
 *
 * @since 0.2.0
 * @category responses
 */
export class SignUpReceived extends Schema.TaggedClass<SignUpReceived>("@pleegzorg/http/Api/SignUpReceived")(
  "SignUpReceived",
  { trackId: Track.TrackId, text: LocalizedText.LocalizedText },
  { identifier: "SignUpReceived" }
) {}

/**
 * The outcome of `POST /surveys/:surveyId/invitations`: how many were
 * invited, how many skipped (invited before, or twice in the list), and the
 * group each audience's answers are shown in. The codes went out by mail
 * only: they are not in this answer.
 *
 * @since 0.3.0
 * @category responses
 */
export class InvitationsSent extends Schema.Class<InvitationsSent>("@pleegzorg/http/Api/InvitationsSent")({
  invited: Schema.Int,
  skipped: Schema.Int,
  groups: Schema.partial(Schema.Record({ key: Survey.Audience, value: Survey.ReportGroup }))
}, { identifier: "InvitationsSent" }) {}

/**
 * How many reminders went out (each with a new code, by mail).
 *
 * @since 0.3.0
 * @category responses
 */
export class RemindersSent extends Schema.Class<RemindersSent>("@pleegzorg/http/Api/RemindersSent")({
  reminded: Schema.Int
}, { identifier: "RemindersSent" }) {}

/**
 * How many regional figures were imported (a figure for the same indicator,
 * area and period replaces the earlier one).
 *
 * @since 0.3.0
 * @category responses
 */
export class FiguresImported extends Schema.Class<FiguresImported>("@pleegzorg/http/Api/FiguresImported")({
  imported: Schema.Int
}, { identifier: "FiguresImported" }) {}

/**
 * The questionnaire of an invitation, and the survey as the invitation
 * showed it (title, region, the group the answers count in).
 *
 * @since 0.3.0
 * @category responses
 */
export class QuestionnaireView extends Schema.Class<QuestionnaireView>("@pleegzorg/http/Api/QuestionnaireView")({
  survey: DomainEvent.SurveySummary,
  questionnaire: Survey.Questionnaire
}, { identifier: "QuestionnaireView" }) {}

/**
 * The answers are stored; a word of thanks for the person.
 *
 * @since 0.3.0
 * @category responses
 */
export class AnswersReceived extends Schema.Class<AnswersReceived>("@pleegzorg/http/Api/AnswersReceived")({
  thanks: LocalizedText.LocalizedText
}, { identifier: "AnswersReceived" }) {}

// A value that core leaves `undefined` travels as `null` in JSON.
const orNull = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.transform(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (value) => value ?? undefined,
    encode: (value) => value ?? null
  })

const Reason = Schema.Union(
  Schema.TaggedStruct("TooFewRespondents", { minimum: Schema.Int, text: LocalizedText.LocalizedText }),
  Schema.TaggedStruct("TooFewAnswers", { minimum: Schema.Int, text: LocalizedText.LocalizedText }),
  Schema.TaggedStruct("ProtectsAnotherGroup", { text: LocalizedText.LocalizedText }),
  Schema.TaggedStruct("RateNotShown", { text: LocalizedText.LocalizedText })
).annotations({ identifier: "SuppressionReason", description: "Why a figure is not shown, in words for participants" })

const shown = <A, I>(value: Schema.Schema<A, I>) =>
  Schema.Union(
    Schema.TaggedStruct("Shown", { value }),
    Schema.TaggedStruct("Suppressed", { reason: Reason })
  )

const Band = Schema.Literal("disagree", "neutral", "agree")

const Share = Schema.Union(
  Schema.TaggedStruct("Percentage", { percent: Schema.Int }),
  Schema.TaggedStruct("Quarter", { band: Schema.Literal("under25", "25to50", "50to75", "over75") })
)

const Figure = Schema.Union(
  Schema.TaggedStruct("Likert", {
    answered: Schema.Int,
    mean: orNull(Schema.Number),
    distribution: Schema.Union(
      Schema.TaggedStruct("Exact", {
        percent: Schema.Tuple(Schema.Int, Schema.Int, Schema.Int, Schema.Int, Schema.Int)
      }),
      Schema.TaggedStruct("Bands", { percent: Schema.Struct({ disagree: Schema.Int, neutral: Schema.Int, agree: Schema.Int }) }),
      Schema.TaggedStruct("NearlyAll", { band: Band })
    )
  }),
  Schema.TaggedStruct("Choice", {
    answered: Schema.Int,
    options: Schema.Array(Schema.Struct({ label: LocalizedText.LocalizedText, share: Share })),
    nearlyAll: orNull(LocalizedText.LocalizedText)
  }),
  Schema.TaggedStruct("Number", {
    answered: Schema.Int,
    mean: Schema.Number,
    spread: orNull(Schema.Struct({ min: Schema.Number, median: Schema.Number, max: Schema.Number }))
  })
).annotations({ identifier: "ReportFigure" })

/**
 * A release that went through disclosure control (`Disclosure.ProtectedRelease`):
 * per group the respondents and the response rate, per question and group
 * the figure, each shown or suppressed with the reason; the policy it was
 * made under, and the cells the organiser should look at before publishing
 * (`flags`: nearly everyone gave the same answer).
 *
 * @since 0.3.0
 * @category responses
 */
export const ProtectedRelease = Schema.Struct({
  policy: DisclosurePolicy.Policy,
  cells: Schema.Array(Schema.Struct({
    key: Schema.String,
    label: LocalizedText.LocalizedText,
    breakdown: Schema.Literal(0, 1, 2),
    respondents: shown(Schema.Int),
    responseRate: orNull(shown(Schema.Int))
  })),
  questions: Schema.Array(Schema.Struct({
    id: Schema.String,
    label: LocalizedText.LocalizedText,
    cells: Schema.Array(Schema.Struct({ key: Schema.String, figure: shown(Figure) }))
  })),
  flags: Schema.Array(Schema.Struct({ question: Schema.String, cell: Schema.String }))
}).annotations({ identifier: "ProtectedRelease" })

/**
 * Everything the start report shows (`Surveys.StartReportData`), all of it
 * already protected: the survey, the release, the questions, the approved
 * free texts per group and question (or why they are withheld), and the
 * regional figures.
 *
 * @since 0.3.0
 * @category responses
 */
export const StartReport = Schema.Struct({
  releaseId: Schema.String,
  survey: Schema.Struct({
    id: Survey.SurveyId,
    title: LocalizedText.LocalizedText,
    region: Schema.String,
    regionName: Schema.String,
    closedOn: Schema.String
  }),
  release: ProtectedRelease,
  questions: Schema.Array(Schema.Struct({
    id: Schema.String,
    text: LocalizedText.LocalizedText,
    kind: Schema.Literal("Likert", "SingleChoice", "MultipleChoice", "Number", "FreeText")
  })),
  openAnswers: Schema.Array(Schema.Struct({
    group: Survey.ReportGroup,
    question: Schema.String,
    texts: Schema.Array(Schema.String),
    withheld: orNull(LocalizedText.LocalizedText),
    pendingReview: Schema.Int
  })),
  figures: Schema.Array(RegionalFigures.Figure)
}).annotations({ identifier: "StartReport" })

/**
 * @since 0.3.0
 * @category responses
 */
export type StartReport = typeof StartReport.Type

const ChangeNote = Schema.OptionFromNullOr(Agenda.Change).annotations({
  description: "What changed since the previous version and why; null for version 1"
})

/**
 * The owner of an action as everyone may read it: the organisation and the
 * role, never the contact (name, address) that mails go to.
 *
 * @since 0.3.0
 * @category responses
 */
export const PublicActionOwner = Schema.Struct({
  organisation: AgendaAction.Owner.fields.organisation,
  role: AgendaAction.Owner.fields.role
}).annotations({ identifier: "PublicActionOwner" })

/**
 * An action as everyone may read it: everything but the owner's contact.
 *
 * @since 0.3.0
 * @category responses
 */
export const PublicAction = Schema.Struct({
  ...Struct.omit(AgendaAction.Action.fields, "owner"),
  owner: PublicActionOwner
}).annotations({ identifier: "PublicAgendaAction" })

/**
 * An adopted improvement agenda as everyone with the track's link may read
 * it (`Agenda.publicView`): the version asked for (the one in force, with
 * every action as it stands now, or an earlier one as adopted), the list of
 * versions with what changed and why, the review moments and the reviews
 * held. No draft, no contacts, no bookkeeping of the mails sent.
 *
 * @since 0.3.0
 * @category responses
 */
export const PublicAgenda = Schema.Struct({
  agendaId: Agenda.AgendaId,
  trackId: Track.TrackId,
  region: Region.RegionCode,
  regionName: Schema.String,
  version: Schema.Struct({
    number: Schema.Int,
    adoptedOn: CalendarDate.CalendarDate,
    content: Schema.Struct({ themes: Schema.Array(AgendaFinding.Theme), actions: Schema.Array(PublicAction) }),
    change: ChangeNote
  }),
  inForce: Schema.Boolean.annotations({ description: "Whether this is the version in force" }),
  versions: Schema.Array(Schema.Struct({ number: Schema.Int, adoptedOn: CalendarDate.CalendarDate, change: ChangeNote })),
  reviews: Schema.Array(AgendaFollowUp.Review),
  moments: Schema.Array(Schema.Int).annotations({ description: "Review moments, in months after the first adoption" })
}).annotations({ identifier: "PublicAgenda" })

/**
 * @since 0.3.0
 * @category responses
 */
export type PublicAgenda = typeof PublicAgenda.Type

const ActionCounts = Schema.Struct({
  Proposed: Schema.Int,
  Agreed: Schema.Int,
  InProgress: Schema.Int,
  Done: Schema.Int,
  Dropped: Schema.Int
})

/**
 * Where an adopted agenda stands on a day (`Agendas.AgendaOverview`): actions
 * by status, overdue actions, missed reviews and the next one (`null` when
 * none is left), and per review moment when it is due and when it was held
 * (`heldOn`, `null` when not yet).
 *
 * @since 0.3.0
 * @category responses
 */
export const AgendaOverview = Schema.Struct({
  agendaId: Agenda.AgendaId,
  trackId: Track.TrackId,
  region: Region.RegionCode,
  regionName: Schema.String,
  version: Schema.Int,
  adoptedOn: CalendarDate.CalendarDate,
  today: CalendarDate.CalendarDate,
  overview: Schema.Struct({
    byStatus: ActionCounts,
    overdue: Schema.Array(AgendaAction.ActionId),
    missedReviews: Schema.Array(Schema.Int),
    nextReview: Schema.OptionFromNullOr(Schema.Struct({ moment: Schema.Int, due: CalendarDate.CalendarDate }))
  }),
  reviews: Schema.Array(Schema.Struct({
    moment: Schema.Int,
    due: CalendarDate.CalendarDate,
    heldOn: Schema.OptionFromNullOr(CalendarDate.CalendarDate)
  }))
}).annotations({ identifier: "AgendaOverview" })

/**
 * The national rollout (`Agendas.national`): per region whether its agenda
 * is adopted and how far along it is, and the themes that recur across
 * regions (most regions first).
 *
 * @since 0.3.0
 * @category responses
 */
export const NationalAgendaOverview = Schema.Struct({
  today: CalendarDate.CalendarDate,
  regions: Schema.Array(Schema.Struct({
    region: Schema.String,
    regionName: Schema.String,
    adopted: Schema.Boolean,
    versions: Schema.Int,
    actions: Schema.Int,
    done: Schema.Int,
    overdue: Schema.Int,
    missedReviews: Schema.Int
  })),
  themes: Schema.Array(Schema.Struct({ theme: Schema.String, regions: Schema.Int }))
}).annotations({ identifier: "NationalAgendaOverview" })

/**
 * How many reminders about agendas went out (`Agendas.Reminded`): due dates
 * coming up, actions overdue, reviews coming up. Each is sent once.
 *
 * @since 0.3.0
 * @category responses
 */
export class AgendaRemindersSent extends Schema.Class<AgendaRemindersSent>("@pleegzorg/http/Api/AgendaRemindersSent")({
  dueSoon: Schema.Int,
  overdue: Schema.Int,
  reviews: Schema.Int
}, { identifier: "AgendaRemindersSent" }) {}

/**
 * What the evidence of an agenda may point at: per release of the track's
 * survey the shown figures — the number of respondents per group (cite it
 * as `{ "_tag": "SurveyResult", releaseId, question: "", cell }`) and per
 * question the groups whose figure is shown — and the regional figures by
 * indicator, area and period. A figure that is not shown is not listed, and
 * no suppressed value is in it.
 *
 * @since 0.3.0
 * @category responses
 */
export const CitableEvidence = Schema.Struct({
  releases: Schema.Array(Schema.Struct({
    releaseId: Schema.String,
    respondents: Schema.Array(Schema.Struct({ cell: Schema.String, label: LocalizedText.LocalizedText, value: Schema.Int })),
    questions: Schema.Array(Schema.Struct({
      question: Schema.String,
      label: LocalizedText.LocalizedText,
      cells: Schema.Array(Schema.Struct({ cell: Schema.String, label: LocalizedText.LocalizedText, figure: Figure }))
    }))
  })),
  figures: Schema.Array(Schema.Struct({ indicator: Schema.String, area: Schema.String, period: Schema.String }))
}).annotations({ identifier: "CitableEvidence" })

/**
 * @since 0.3.0
 * @category responses
 */
export type CitableEvidence = typeof CitableEvidence.Type

/**
 * A match as the organiser sees it: everything but the hashes of the codes
 * from the mails (`mentorTokenHash`, `proposalTokenHash`, `prospectTokenHash`), which no answer
 * ever holds, and the outbox ids of those mails (`mails`). The contract
 * drops them even if they were handed to it.
 *
 * @since 0.4.0
 * @category responses
 */
export const Match = Schema.Struct(Struct.omit(MentorMatch.Match.fields, "mentorTokenHash", "proposalTokenHash", "prospectTokenHash", "mails")).annotations({
  identifier: "Match"
})

/**
 * @since 0.4.0
 * @category responses
 */
export type Match = typeof Match.Type

/**
 * Why a prospect has no mentor (`MatchCandidates.Reason`): no mentor within
 * reach, none that fits (or every one that fits declined or ended before),
 * or every one that fits is full.
 *
 * @since 0.4.0
 * @category responses
 */
export const NoMentorReason = Schema.Literal("NoMentorWithinReach", "NoSuitableMentor", "AllFull").annotations({
  identifier: "NoMentorReason"
})

const Suggestion = Schema.Struct({
  mentorId: MentorProfile.MentorId,
  score: Schema.Number,
  km: Schema.Number,
  explanation: LocalizedText.LocalizedText,
  placesLeft: Schema.Int
}).annotations({ identifier: "MentorSuggestion" })

/**
 * The suggestions for one prospect (`Mentoring.Suggestions`): the best
 * mentor with room (`pick`, `null` when there is none), two to four
 * alternatives, and why there is none (`reason`, `null` when there is one).
 * With the standard weights.
 *
 * @since 0.4.0
 * @category responses
 */
export const Suggestions = Schema.Struct({
  prospectId: MentorProfile.ProspectId,
  pick: Schema.OptionFromNullOr(Suggestion),
  alternatives: Schema.Array(Suggestion),
  reason: orNull(NoMentorReason)
}).annotations({ identifier: "MentorSuggestions" })

/**
 * What a matching run did (`Mentoring.RunSummary`): how many prospects
 * waited, the matches it proposed (each mentor got a mail), and the
 * prospects it could not match, with the reason.
 *
 * @since 0.4.0
 * @category responses
 */
export const RunSummary = Schema.Struct({
  runId: Schema.String,
  weightsVersion: Schema.String,
  waiting: Schema.Int,
  proposed: Schema.Array(Match),
  unmatched: Schema.Array(Schema.Struct({ prospectId: MentorProfile.ProspectId, reason: NoMentorReason }))
}).annotations({ identifier: "MatchingRunSummary" })

/**
 * Where mentor matching stands in a region (`Mentoring.RegionReport`): the
 * region's prospects, with a proposal, matched, and waiting by reason
 * (`WaitingForRun`: a mentor has room, the next run proposes one); the
 * scores and mean distance of the open matches (`null` when there are none);
 * and the region's mentors, paused, places, places used and load (active
 * mentors with 0, 1, 2 and 3 open matches).
 *
 * @since 0.4.0
 * @category responses
 */
export const RegionReport = Schema.Struct({
  region: Region.RegionCode,
  regionName: Schema.String,
  prospects: Schema.Int,
  proposed: Schema.Int,
  matched: Schema.Int,
  waiting: Schema.Struct({
    NoMentorWithinReach: Schema.Int,
    NoSuitableMentor: Schema.Int,
    AllFull: Schema.Int,
    WaitingForRun: Schema.Int
  }),
  score: Schema.OptionFromNullOr(Schema.Struct({ mean: Schema.Number, lowest: Schema.Number })),
  meanKm: Schema.OptionFromNullOr(Schema.Number),
  mentors: Schema.Struct({
    total: Schema.Int,
    paused: Schema.Int,
    places: Schema.Int,
    used: Schema.Int,
    load: Schema.Array(Schema.Int)
  })
}).annotations({ identifier: "MentoringRegionReport" })

/**
 * What the organiser's end of a match did: the match that ended, and the
 * proposal made to the next best mentor with room (`null` when none).
 *
 * @since 0.4.0
 * @category responses
 */
export const MatchEnded = Schema.Struct({
  ended: MentorMatch.MatchId,
  next: Schema.OptionFromNullOr(Match)
}).annotations({ identifier: "MatchEnded" })

/**
 * What the holder of a code sees of their match (`Mentoring.view`): their
 * role, the status, the distance and the explanation of the score, and the
 * prospect's categories (region, kinds of foster care, family situation,
 * languages, availability). Never a name, an address or the questions.
 *
 * @since 0.4.0
 * @category responses
 */
export const MatchView = Schema.Struct({
  matchId: MentorMatch.MatchId,
  role: Schema.Literal("mentor", "prospect"),
  status: Schema.Literal("Proposed", "Active", "Declined", "Ended"),
  km: Schema.Number,
  explanation: LocalizedText.LocalizedText,
  prospect: Schema.OptionFromNullOr(DomainEvent.ProspectSummary).annotations({
    description: "The prospect's categories; null when the profile was erased"
  })
}).annotations({ identifier: "MatchView" })

/**
 * The answer to an accept, a decline or an end with a code: the match's
 * new status and what happens next, for the person.
 *
 * @since 0.4.0
 * @category responses
 */
export class MatchAnswered extends Schema.Class<MatchAnswered>("@pleegzorg/http/Api/MatchAnswered")({
  matchId: MentorMatch.MatchId,
  status: Schema.Literal("Active", "Declined", "Ended"),
  text: LocalizedText.LocalizedText
}, { identifier: "MatchAnswered" }) {}

// -----------------------------------------------------------------------------
// groups
// -----------------------------------------------------------------------------

/**
 * Regions and municipalities (public).
 *
 * @since 0.2.0
 * @category groups
 */
export class RegionsGroup extends HttpApiGroup.make("regions")
  .add(
    HttpApiEndpoint.get("listRegions", "/regions")
      .addSuccess(Schema.Array(RegionSummary))
      .annotate(OpenApi.Summary, "All youth-care regions")
  )
  .add(
    HttpApiEndpoint.get("getRegion", "/regions/:code")
      .setPath(Schema.Struct({ code: RegionCodeParam }))
      .addSuccess(RegionDetails)
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "A region with its municipalities")
  )
  .add(
    HttpApiEndpoint.get("regionOfMunicipality", "/municipalities/:code/region")
      .setPath(Schema.Struct({
        code: Schema.String.annotations({ description: "CBS code of a gemeente, such as GM0268" })
      }))
      .addSuccess(MunicipalityRegion)
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "The region of a municipality")
  )
  .annotate(OpenApi.Title, "Regions")
  .annotate(OpenApi.Description, "The 42 Dutch youth-care regions and their municipalities. Public.")
{}

/**
 * Tracks: public reading, organiser changes.
 *
 * @since 0.2.0
 * @category groups
 */
export class TracksGroup extends HttpApiGroup.make("tracks")
  .add(
    HttpApiEndpoint.post("createTrack", "/tracks")
      .setPayload(CreateTrackBody)
      .addSuccess(Track.Track, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Create a draft track (organiser)")
  )
  .add(
    HttpApiEndpoint.post("createFromTemplate", "/tracks/from-template")
      .setPayload(CreateFromTemplateBody)
      .addSuccess(Track.Track, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Create a draft track from a template (organiser)")
  )
  .add(
    HttpApiEndpoint.get("getTrack", "/tracks/:trackId")
      .setPath(TrackPath)
      .addSuccess(PublicTrack)
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "A published track (public; drafts are not shown)")
  )
  .add(
    HttpApiEndpoint.get("listRegionTracks", "/regions/:code/tracks")
      .setPath(Schema.Struct({ code: RegionCodeParam }))
      .addSuccess(Schema.Array(PublicTrack))
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "The published tracks of a region (public)")
  )
  .add(
    HttpApiEndpoint.post("changeStatus", "/tracks/:trackId/status")
      .setPath(TrackPath)
      .setPayload(ChangeStatusBody)
      .addSuccess(Track.Track)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Open, close, start, complete or cancel a track (organiser)")
  )
  .add(
    HttpApiEndpoint.put("reschedule", "/tracks/:trackId/sessions/:number")
      .setPath(Schema.Struct({ trackId: Track.TrackId, number: SessionNumberParam }).annotations(allErrors))
      .setPayload(RescheduleBody)
      .addSuccess(Track.Track)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Give a session a new time or place (organiser)")
  )
  .annotate(OpenApi.Title, "Tracks")
  .annotate(OpenApi.Description, "Tracks of three sessions. Reading is public; changes are for organisers.")
{}

/**
 * Registrations: public sign-up and withdrawal, organiser views and actions.
 *
 * @since 0.2.0
 * @category groups
 */
export class RegistrationsGroup extends HttpApiGroup.make("registrations")
  .add(
    HttpApiEndpoint.post("register", "/tracks/:trackId/registrations")
      .setPath(TrackPath)
      .setPayload(RegisterBody)
      .addSuccess(SignUpReceived, { status: 202 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.RegistrationRefused, { status: 422 })
      .annotate(OpenApi.Summary, "Sign up for all three sessions (public)")
      .annotate(
        OpenApi.Description,
        "202 when the sign-up is received: the outcome follows by mail (also when the address was already signed up, which the answer does not reveal). 422 with every reason when it is refused; nothing is stored."
      )
  )
  .add(
    HttpApiEndpoint.post("withdraw", "/withdrawals")
      .setPayload(WithdrawBody)
      .addSuccess(Registration.RegistrationView)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "Withdraw with the personal token from the confirmation mail (public)")
  )
  .add(
    HttpApiEndpoint.get("listRegistrations", "/tracks/:trackId/registrations")
      .setPath(TrackPath)
      .addSuccess(Schema.Array(Registration.RegistrationDetails))
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The registrations of a track, in order of arrival (organiser)")
  )
  .add(
    HttpApiEndpoint.get("composition", "/tracks/:trackId/composition")
      .setPath(TrackPath)
      .addSuccess(Registration.CompositionOverview)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "How full each group is (organiser)")
  )
  .add(
    HttpApiEndpoint.post("withdrawByOrganiser", "/registrations/:registrationId/withdrawal")
      .setPath(RegistrationPath)
      .addSuccess(Registration.RegistrationView)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Withdraw a registration (organiser)")
  )
  .add(
    HttpApiEndpoint.post("recordConsent", "/registrations/:registrationId/consent")
      .setPath(RegistrationPath)
      .setPayload(ConsentBody)
      .addSuccess(Registration.RegistrationView)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Record a parent's or guardian's consent for an under-16 (organiser)")
  )
  .annotate(OpenApi.Title, "Registrations")
  .annotate(
    OpenApi.Description,
    "Signing up and withdrawing are public; the lists and the actions on a registration are for organisers."
  )
{}

/**
 * Attendance (organiser).
 *
 * @since 0.2.0
 * @category groups
 */
export class AttendanceGroup extends HttpApiGroup.make("attendance")
  .add(
    HttpApiEndpoint.put("recordAttendance", "/tracks/:trackId/sessions/:number/attendance/:registrationId")
      .setPath(Schema.Struct({
        trackId: Track.TrackId,
        number: SessionNumberParam,
        registrationId: Registration.RegistrationId
      }).annotations(allErrors))
      .setPayload(AttendanceBody)
      .addSuccess(Attendance.AttendanceRecord)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "Record whether a confirmed person was at a session")
  )
  .add(
    HttpApiEndpoint.get("attendanceOverview", "/tracks/:trackId/attendance")
      .setPath(TrackPath)
      .addSuccess(Attendance.Overview)
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "Attendance per session and group")
  )
  .middleware(Authorization)
  .annotate(OpenApi.Title, "Attendance")
  .annotate(OpenApi.Description, "Attendance per session. For organisers.")
{}

/**
 * Surveys: the organiser prepares, opens, invites, reminds, closes, reviews
 * free texts and makes the start report; the public fetches its
 * questionnaire and answers with the code from the invitation, which is
 * sent in the body (or a header), never in the address.
 *
 * @since 0.3.0
 * @category groups
 */
export class SurveysGroup extends HttpApiGroup.make("surveys")
  .add(
    HttpApiEndpoint.post("createSurvey", "/tracks/:trackId/surveys")
      .setPath(TrackPath)
      .setPayload(CreateSurveyBody)
      .addSuccess(Survey.Survey, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Create a draft survey of a track (organiser)")
  )
  .add(
    HttpApiEndpoint.get("getSurvey", "/surveys/:surveyId")
      .setPath(SurveyPath)
      .addSuccess(Survey.Survey)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "A survey: questionnaires, status, groups, policy, free texts for review (organiser)")
  )
  .add(
    HttpApiEndpoint.patch("adaptSurvey", "/surveys/:surveyId")
      .setPath(SurveyPath)
      .setPayload(AdaptSurveyBody)
      .addSuccess(Survey.Survey)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Change the title, questionnaires or policy of a draft survey (organiser)")
  )
  .add(
    HttpApiEndpoint.post("openSurvey", "/surveys/:surveyId/open")
      .setPath(SurveyPath)
      .addSuccess(Survey.Survey)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Open a draft survey; its questionnaires are frozen (organiser)")
  )
  .add(
    HttpApiEndpoint.post("closeSurvey", "/surveys/:surveyId/close")
      .setPath(SurveyPath)
      .addSuccess(Survey.Survey)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Close an open survey: no more answers, names and addresses erased (organiser)")
  )
  .add(
    HttpApiEndpoint.post("invite", "/surveys/:surveyId/invitations")
      .setPath(SurveyPath)
      .setPayload(InviteBody)
      .addSuccess(InvitationsSent)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Invite people to an open survey; each gets a code by mail (organiser)")
      .annotate(
        OpenApi.Description,
        "The first invitations decide the groups: an audience with too few people invited is pooled with its pair (care workers with policy makers, foster families with parents). The codes go out by mail only."
      )
  )
  .add(
    HttpApiEndpoint.post("remind", "/surveys/:surveyId/reminders")
      .setPath(SurveyPath)
      .addSuccess(RemindersSent)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Remind everyone who has not answered, with a new code (organiser)")
  )
  .add(
    HttpApiEndpoint.put("reviewOpenAnswers", "/surveys/:surveyId/open-answers")
      .setPath(SurveyPath)
      .setPayload(ReviewBody)
      .addSuccess(Survey.Survey)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Approve or reject free-text answers of a closed survey (organiser)")
  )
  .add(
    HttpApiEndpoint.get("report", "/surveys/:surveyId/report")
      .setPath(SurveyPath)
      .addSuccess(StartReport)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The start report of a closed survey as data (organiser; recorded as a release)")
  )
  .add(
    HttpApiEndpoint.get("reportMarkdown", "/surveys/:surveyId/report.md")
      .setPath(SurveyPath)
      .setUrlParams(ReportLanguageParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/markdown" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The start report as Markdown, ?lang=nl|en (organiser; recorded as a release)")
  )
  .add(
    HttpApiEndpoint.get("reportHtml", "/surveys/:surveyId/report.html")
      .setPath(SurveyPath)
      .setUrlParams(ReportLanguageParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/html" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The start report as one self-contained HTML page, ?lang=nl|en (organiser; recorded as a release)")
  )
  .add(
    HttpApiEndpoint.get("reportCsv", "/surveys/:surveyId/report.csv")
      .setPath(SurveyPath)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/csv" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The protected figures of the start report as CSV (organiser; recorded as a release)")
  )
  .add(
    HttpApiEndpoint.post("importFigures", "/regional-figures")
      .setPayload(RegionalFiguresBody)
      .addSuccess(FiguresImported)
      .addError(ApiError.InvalidFigures, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Import regional figures from CSV (organiser)")
      .annotate(
        OpenApi.Description,
        "Send `Content-Type: text/csv` with the header indicator,region,period,value,unit,source,invented. Every bad line is reported; nothing is imported unless every line is good."
      )
  )
  .add(
    HttpApiEndpoint.post("questionnaire", "/survey/questionnaire")
      .setPayload(QuestionnaireBody)
      .setHeaders(InvitationTokenHeaders)
      .addSuccess(QuestionnaireView)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The questionnaire of an invitation (public, with the code from the invitation)")
      .annotate(
        OpenApi.Description,
        "The code goes in the body (`{ \"token\": \"…\" }`) or in the header X-Invitation-Token, never in the address. 404 when it belongs to no survey that is open now, 409 when it was already used."
      )
  )
  .add(
    HttpApiEndpoint.post("answer", "/survey/answers")
      .setPayload(AnswersBody)
      .setHeaders(InvitationTokenHeaders)
      .addSuccess(AnswersReceived)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.AnswersRefused, { status: 422 })
      .annotate(OpenApi.Summary, "Answer a questionnaire (public, with the code from the invitation)")
      .annotate(
        OpenApi.Description,
        "Stored without the code or anything that links the answers to the invitation. 422 with every problem per question when the answers do not fit; nothing is stored and the code can be used again."
      )
  )
  .annotate(OpenApi.Title, "Surveys")
  .annotate(
    OpenApi.Description,
    "A survey of a track before session 2. Preparing, inviting and the reports are for organisers; answering is public, with the code from the invitation."
  )
{}

/**
 * Improvement agendas (verbeteragenda's): the organiser records the findings
 * of session 2, shapes the actions in session 3, adopts the agenda as a
 * version that never changes, and follows it up (status, notes, reviews,
 * overviews, reminders). Everyone with the track's link reads the adopted
 * agenda, without the owners' contacts, as JSON, HTML, Markdown or CSV.
 *
 * @since 0.3.0
 * @category groups
 */
export class AgendasGroup extends HttpApiGroup.make("agendas")
  .add(
    HttpApiEndpoint.post("createAgenda", "/tracks/:trackId/agenda")
      .setPath(TrackPath)
      .setPayload(CreateAgendaBody)
      .addSuccess(Agenda.Agenda, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Create the empty improvement agenda of a track (organiser)")
      .annotate(OpenApi.Description, "Send `{}` for the default review moments (3, 6 and 12 months). 409 when the track has an agenda.")
  )
  .add(
    HttpApiEndpoint.get("getAgenda", "/agendas/:agendaId")
      .setPath(AgendaPath)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "An agenda with its draft, versions, progress, reviews and the owners' contacts (organiser)")
  )
  .add(
    HttpApiEndpoint.put("setAgendaThemes", "/agendas/:agendaId/themes")
      .setPath(AgendaPath)
      .setPayload(AgendaThemesBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Replace the findings (themes) of the draft (organiser)")
      .annotate(
        OpenApi.Description,
        "422 (`EvidenceNotPublished`) when evidence points at a figure that was not published; see `GET /agendas/{agendaId}/citable`. 409 when a theme that actions belong to is left out."
      )
  )
  .add(
    HttpApiEndpoint.post("addAgendaAction", "/agendas/:agendaId/actions")
      .setPath(AgendaPath)
      .setPayload(ActionBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Add an action to the draft; it starts as proposed (organiser)")
      .annotate(OpenApi.Description, "422 (`InvalidActionDates`) when it is due before it starts; 400 when its theme is not on the agenda.")
  )
  .add(
    HttpApiEndpoint.patch("updateAgendaAction", "/agendas/:agendaId/actions/:actionId")
      .setPath(ActionPath)
      .setPayload(ActionPatchBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Change an action of the draft (organiser)")
  )
  .add(
    HttpApiEndpoint.del("removeAgendaAction", "/agendas/:agendaId/actions/:actionId")
      .setPath(ActionPath)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Remove an action from the draft; adopted versions keep it (organiser)")
  )
  .add(
    HttpApiEndpoint.post("adoptAgenda", "/agendas/:agendaId/adoptions")
      .setPath(AgendaPath)
      .setPayload(AdoptBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Unprocessable, { status: 422 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Adopt the draft as the next version; each owner with a contact gets a mail (organiser)")
      .annotate(
        OpenApi.Description,
        "422 (`NotAdoptable`) with every problem: no actions, an action whose theme is not on the agenda or that is due before it starts, and from version 2 on no change note or nothing changed."
      )
  )
  .add(
    HttpApiEndpoint.post("changeActionStatus", "/agendas/:agendaId/actions/:actionId/status")
      .setPath(ActionPath)
      .setPayload(ActionStatusBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Move an action to agreed, in progress, done or dropped (organiser)")
      .annotate(
        OpenApi.Description,
        "Proposed → agreed → in progress → done, or dropped from any status before done. 409 (`InvalidActionTransition`) when the current status does not allow it; 400 when done has no closing note or dropped no reason."
      )
  )
  .add(
    HttpApiEndpoint.post("addActionNote", "/agendas/:agendaId/actions/:actionId/notes")
      .setPath(ActionPath)
      .setPayload(ActionNoteBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Add a dated progress note to an action (organiser)")
  )
  .add(
    HttpApiEndpoint.put("setActionContact", "/agendas/:agendaId/actions/:actionId/contact")
      .setPath(ActionPath)
      .setPayload(ActionContactBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Correct or erase where an action's owner gets mail, without a new version (organiser)")
      .annotate(
        OpenApi.Description,
        "Contacts are never part of a version, so a change of address or an erasure request needs no new version. `{ \"contact\": null }` erases it."
      )
  )
  .add(
    HttpApiEndpoint.post("recordAgendaReview", "/agendas/:agendaId/reviews")
      .setPath(AgendaPath)
      .setPayload(AgendaReviewBody)
      .addSuccess(Agenda.Agenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Record the review at one of the agenda's moments, with a note per action (organiser)")
  )
  .add(
    HttpApiEndpoint.get("agendaOverview", "/agendas/:agendaId/overview")
      .setPath(AgendaPath)
      .setUrlParams(OverviewParams)
      .addSuccess(AgendaOverview)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Where an adopted agenda stands on ?today=YYYY-MM-DD (organiser)")
  )
  .add(
    HttpApiEndpoint.get("regionAgendaOverview", "/regions/:code/agenda-overview")
      .setPath(Schema.Struct({ code: RegionCodeParam }))
      .setUrlParams(OverviewParams)
      .addSuccess(AgendaOverview)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Where a region's agenda in force stands (the track adopted last), on ?today=YYYY-MM-DD (organiser)")
  )
  .add(
    HttpApiEndpoint.get("nationalAgendaOverview", "/agendas/overview")
      .setUrlParams(OverviewParams)
      .addSuccess(NationalAgendaOverview)
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The agendas of every region and the themes that recur, on ?today=YYYY-MM-DD (organiser)")
  )
  .add(
    HttpApiEndpoint.get("nationalAgendaOverviewCsv", "/agendas/overview.csv")
      .setUrlParams(OverviewParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/csv" }))
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The national overview as CSV, one row per region (organiser)")
      .annotate(
        OpenApi.Description,
        "Header: region,region_name,adopted,versions,actions,done,overdue,missed_reviews. A cell that a spreadsheet would run as a formula gets a leading '."
      )
  )
  .add(
    HttpApiEndpoint.post("remindAgendas", "/agendas/reminders")
      .setPayload(AgendaRemindersBody)
      .addSuccess(AgendaRemindersSent)
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Mail owners whose action is due soon or overdue, or whose review comes up; each once (organiser, daily)")
  )
  .add(
    HttpApiEndpoint.get("citableEvidence", "/agendas/:agendaId/citable")
      .setPath(AgendaPath)
      .addSuccess(CitableEvidence)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The published figures the findings may point at (organiser)")
  )
  .add(
    HttpApiEndpoint.get("publicAgenda", "/tracks/:trackId/agenda")
      .setPath(TrackPath)
      .setUrlParams(PublicAgendaParams)
      .addSuccess(PublicAgenda)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The adopted agenda of a track, ?version=N (public; no contacts)")
      .annotate(OpenApi.Description, "404 when the track has no agenda; 409 when it is not adopted yet or has no such version.")
  )
  .add(
    HttpApiEndpoint.get("publicAgendaHtml", "/tracks/:trackId/agenda.html")
      .setPath(TrackPath)
      .setUrlParams(PublicAgendaExportParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/html" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The adopted agenda as one self-contained HTML page with a timeline, ?lang=nl|en&version=N (public)")
      .annotate(OpenApi.Description, "The page that the mails to the owners of actions link to.")
  )
  .add(
    HttpApiEndpoint.get("publicAgendaMarkdown", "/tracks/:trackId/agenda.md")
      .setPath(TrackPath)
      .setUrlParams(PublicAgendaExportParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/markdown" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The adopted agenda as Markdown, ?lang=nl|en&version=N (public)")
  )
  .add(
    HttpApiEndpoint.get("publicAgendaCsv", "/tracks/:trackId/agenda.csv")
      .setPath(TrackPath)
      .setUrlParams(PublicAgendaParams)
      .addSuccess(HttpApiSchema.Text({ contentType: "text/csv" }))
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The actions of the adopted agenda as CSV, ?version=N (public)")
      .annotate(
        OpenApi.Description,
        "Header: region,region_name,version,adopted_on,theme,action,owner_organisation,owner_role,groups,start,due,status,status_date,overdue,last_progress_note,success."
      )
  )
  .annotate(OpenApi.Title, "Improvement agendas")
  .annotate(
    OpenApi.Description,
    "The improvement agenda (verbeteragenda) of a track. Shaping, adopting and following it up are for organisers; everyone with the track's link may read the adopted agenda, without the owners' contacts."
  )
{}

/**
 * Mentor matching (issue 7): the organiser enters prospective foster
 * parents and experienced foster parents (mentors) with their consent, runs
 * the matching, reads suggestions and the report per region, and may end a
 * match. The mentor answers a proposal, and either side sees or ends their
 * match, with the code from their mail (in the body or the header
 * `X-Match-Code`, never in the address).
 *
 * @since 0.4.0
 * @category groups
 */
export class MentoringGroup extends HttpApiGroup.make("mentoring")
  .add(
    HttpApiEndpoint.post("createProspect", "/mentoring/prospects")
      .setPayload(ProspectBody)
      .addSuccess(MentorProfile.Prospect, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Enter a prospective foster parent, with their consent (organiser)")
      .annotate(OpenApi.Description, "404 `MunicipalityNotFound` when the municipality does not exist, as for a sign-up.")
  )
  .add(
    HttpApiEndpoint.get("getProspect", "/mentoring/prospects/:prospectId")
      .setPath(ProspectPath)
      .addSuccess(MentorProfile.Prospect)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "A prospective foster parent's profile (organiser)")
  )
  .add(
    HttpApiEndpoint.patch("updateProspect", "/mentoring/prospects/:prospectId")
      .setPath(ProspectPath)
      .setPayload(ProspectPatchBody)
      .addSuccess(MentorProfile.Prospect)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Change a prospective foster parent's profile (organiser)")
  )
  .add(
    HttpApiEndpoint.del("removeProspect", "/mentoring/prospects/:prospectId")
      .setPath(ProspectPath)
      .addSuccess(HttpApiSchema.NoContent)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Erase a prospective foster parent's profile (organiser)")
      .annotate(
        OpenApi.Description,
        "Erases the profile: municipality, categories, questions, name and address are deleted, not kept. An open proposal is withdrawn; an active match ends and the mentor gets a mail. The matches keep only the id, which then points at nothing."
      )
  )
  .add(
    HttpApiEndpoint.get("prospectSuggestions", "/mentoring/prospects/:prospectId/suggestions")
      .setPath(ProspectPath)
      .addSuccess(Suggestions)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The best mentor with room for a prospect and two to four alternatives, explained (organiser)")
      .annotate(OpenApi.Description, "With the standard weights. `pick` is null, and `reason` says why, when there is no mentor.")
  )
  .add(
    HttpApiEndpoint.get("prospectMatches", "/mentoring/prospects/:prospectId/matches")
      .setPath(ProspectPath)
      .addSuccess(Schema.Array(Match))
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "A prospect's matches, open and closed, with feedback (organiser)")
  )
  .add(
    HttpApiEndpoint.post("createMentor", "/mentoring/mentors")
      .setPayload(MentorBody)
      .addSuccess(MentorProfile.Mentor, { status: 201 })
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Enter an experienced foster parent as a mentor, with their consent (organiser)")
      .annotate(OpenApi.Description, "404 `MunicipalityNotFound` when the municipality does not exist, as for a sign-up.")
  )
  .add(
    HttpApiEndpoint.get("getMentor", "/mentoring/mentors/:mentorId")
      .setPath(MentorPath)
      .addSuccess(MentorProfile.Mentor)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "A mentor's profile (organiser)")
  )
  .add(
    HttpApiEndpoint.patch("updateMentor", "/mentoring/mentors/:mentorId")
      .setPath(MentorPath)
      .setPayload(MentorPatchBody)
      .addSuccess(MentorProfile.Mentor)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Change a mentor's profile (organiser)")
  )
  .add(
    HttpApiEndpoint.del("removeMentor", "/mentoring/mentors/:mentorId")
      .setPath(MentorPath)
      .addSuccess(HttpApiSchema.NoContent)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Erase a mentor's profile (organiser)")
      .annotate(
        OpenApi.Description,
        "Erases the profile: municipality, experience, name and address are deleted, not kept. Open proposals are withdrawn and active matches end (the prospects get a mail); each of those prospects is proposed to the next best mentor with room."
      )
  )
  .add(
    HttpApiEndpoint.post("pauseMentor", "/mentoring/mentors/:mentorId/pause")
      .setPath(MentorPath)
      .addSuccess(MentorProfile.Mentor)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Pause a mentor: no new proposals; current matches go on (organiser)")
  )
  .add(
    HttpApiEndpoint.post("resumeMentor", "/mentoring/mentors/:mentorId/resume")
      .setPath(MentorPath)
      .addSuccess(MentorProfile.Mentor)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Resume a paused mentor (organiser)")
  )
  .add(
    HttpApiEndpoint.post("runMatching", "/mentoring/runs")
      .setPayload(RunBody)
      .addSuccess(RunSummary)
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Run the matching over every waiting prospect; each proposed mentor gets a mail (organiser)")
      .annotate(
        OpenApi.Description,
        "First as many prospects as possible, then the highest total score, within each mentor's places. Open matches stay as they are. One run at a time: 409 `BatchRunning` while another one is going on."
      )
  )
  .add(
    HttpApiEndpoint.get("listRuns", "/mentoring/runs")
      .addSuccess(Schema.Array(MentorMatch.Run))
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "The latest 20 matching runs, latest first (organiser)")
  )
  .add(
    HttpApiEndpoint.get("mentoringReport", "/mentoring/regions/:code/report")
      .setPath(Schema.Struct({ code: RegionCodeParam }))
      .addSuccess(RegionReport)
      .addError(ApiError.NotFound, { status: 404 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "Where mentor matching stands in a region (organiser)")
  )
  .add(
    HttpApiEndpoint.post("endMatchByOrganiser", "/mentoring/matches/:matchId/end-by-organiser")
      .setPath(MatchPath)
      .setPayload(EndByOrganiserBody)
      .addSuccess(MatchEnded)
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .middleware(Authorization)
      .annotate(OpenApi.Summary, "End an active match; both sides get a mail, the prospect is proposed to the next mentor (organiser)")
      .annotate(OpenApi.Description, "409 `MatchStateConflict` when the match is not going on.")
  )
  .add(
    HttpApiEndpoint.post("viewMatch", "/mentoring/matches/:matchId/view")
      .setPath(MatchPath)
      .setPayload(MatchCodeBody)
      .setHeaders(MatchCodeHeaders)
      .addSuccess(MatchView)
      .addError(ApiError.Forbidden, { status: 403 })
      .addError(ApiError.NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "A match as the holder of its code sees it (public, with the code from the mail)")
      .annotate(
        OpenApi.Description,
        "The code goes in the body (`{ \"code\": \"…\" }`) or in the header X-Match-Code, never in the address. 403 `NotYourMatch` when the code does not belong to this match. Categories only: no name, address or questions."
      )
  )
  .add(
    HttpApiEndpoint.post("acceptMatch", "/mentoring/matches/:matchId/accept")
      .setPath(MatchPath)
      .setPayload(MatchCodeBody)
      .setHeaders(MatchCodeHeaders)
      .addSuccess(MatchAnswered)
      .addError(ApiError.Forbidden, { status: 403 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The mentor accepts a proposal (public, with the code from the proposal mail)")
      .annotate(
        OpenApi.Description,
        "Both sides then get a mail with the other's name and address, and a code to end the match; the mentor's proposal code stays theirs too. 403 for another code, 409 when the proposal was already answered (with either of the mentor's codes)."
      )
  )
  .add(
    HttpApiEndpoint.post("declineMatch", "/mentoring/matches/:matchId/decline")
      .setPath(MatchPath)
      .setPayload(MatchCodeBody)
      .setHeaders(MatchCodeHeaders)
      .addSuccess(MatchAnswered)
      .addError(ApiError.Forbidden, { status: 403 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "The mentor declines a proposal (public, with the code from the proposal mail)")
      .annotate(
        OpenApi.Description,
        "The pair is never proposed again; the prospect is proposed to the next best mentor with room. 403 for another code, 409 when the proposal was already answered."
      )
  )
  .add(
    HttpApiEndpoint.post("endMatch", "/mentoring/matches/:matchId/end")
      .setPath(MatchPath)
      .setPayload(EndMatchBody)
      .setHeaders(MatchCodeHeaders)
      .addSuccess(MatchAnswered)
      .addError(ApiError.Forbidden, { status: 403 })
      .addError(ApiError.NotFound, { status: 404 })
      .addError(ApiError.Conflict, { status: 409 })
      .annotate(OpenApi.Summary, "Either side ends an active match (public, with a code from the mails: the introduction, or the mentor's proposal)")
      .annotate(
        OpenApi.Description,
        "Optional `feedback` is for the organiser only. Both sides get a mail; the prospect is proposed to the next best mentor with room. 403 for another code, 409 when the match is not going on."
      )
  )
  .annotate(OpenApi.Title, "Mentoring")
  .annotate(
    OpenApi.Description,
    "Mentors for prospective foster parents. Profiles, runs, suggestions and reports are for organisers; the mentor answers a proposal, and either side sees or ends their match, with the code from their mail."
  )
{}

/**
 * The whole API. Errors that any endpoint can answer with (a request that
 * cannot be read, a body that is too large or not JSON, storage that is
 * down) are declared here; the rest on their endpoints.
 *
 * @since 0.2.0
 * @category api
 */
export class Api extends HttpApi.make("pleegzorg")
  .add(RegionsGroup)
  .add(TracksGroup)
  .add(RegistrationsGroup)
  .add(AttendanceGroup)
  .add(SurveysGroup)
  .add(AgendasGroup)
  .add(MentoringGroup)
  .addError(ApiError.BadRequest, { status: 400 })
  .addError(ApiError.PayloadTooLarge, { status: 413 })
  .addError(ApiError.UnsupportedMediaType, { status: 415 })
  .addError(ApiError.ServiceUnavailable, { status: 503 })
  .annotate(OpenApi.Title, "Het goede gesprek over pleegzorg")
  .annotate(OpenApi.Version, "0.2.0")
  .annotate(
    OpenApi.Description,
    "Tracks of three dialogue sessions about foster care in the Dutch youth-care regions: regions, tracks, registrations, attendance, surveys, improvement agendas and mentors for prospective foster parents. Public endpoints need no token; organiser endpoints need `Authorization: Bearer <organiser token>`. Every error has a JSON body with a `code`, a `message` (Dutch / English) and a `text` with both languages apart."
  )
{}
