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
import * as OpenApi from "@effect/platform/OpenApi"
import * as Schema from "effect/Schema"
import {
  Attendance,
  Eligibility,
  LocalizedText,
  Municipality,
  Region,
  Registration,
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
  .addError(ApiError.BadRequest, { status: 400 })
  .addError(ApiError.PayloadTooLarge, { status: 413 })
  .addError(ApiError.UnsupportedMediaType, { status: 415 })
  .addError(ApiError.ServiceUnavailable, { status: 503 })
  .annotate(OpenApi.Title, "Het goede gesprek over pleegzorg")
  .annotate(OpenApi.Version, "0.2.0")
  .annotate(
    OpenApi.Description,
    "Tracks of three dialogue sessions about foster care in the Dutch youth-care regions: regions, tracks, registrations and attendance. Public endpoints need no token; organiser endpoints need `Authorization: Bearer <organiser token>`. Every error has a JSON body with a `code`, a `message` (Dutch / English) and a `text` with both languages apart."
  )
{}
