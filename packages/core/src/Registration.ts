/**
 * A person's registration for a whole track (all three sessions), and what
 * can be decided about it.
 *
 * What is kept about a person is what it takes to run the track: name, email,
 * language, group, municipality, the eligibility outcome (not the birth
 * date), the consent record for under-16s, the status, and a hash of the
 * personal token (the token itself is only ever in the person's mail).
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import * as Eligibility from "./Eligibility.js"
import * as LocalizedText from "./LocalizedText.js"
import { MunicipalityCode } from "./Municipality.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import { SessionNumber, StatusName, TrackId } from "./Track.js"

/**
 * Identifies a registration: `reg_` and 20 letters or digits.
 *
 * @since 0.2.0
 * @category models
 */
export const RegistrationId = Schema.String.pipe(
  Schema.pattern(/^reg_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige aanmeldings-id. / This is not a valid registration id."
  }),
  Schema.brand("@pleegzorg/core/RegistrationId"),
  Schema.annotations({ identifier: "RegistrationId" })
)

/**
 * @since 0.2.0
 * @category models
 */
export type RegistrationId = typeof RegistrationId.Type

/**
 * The personal token from the confirmation mail, with which a person
 * withdraws: 43 URL-safe characters (256 bits).
 *
 * @since 0.2.0
 * @category models
 */
export const PersonalToken = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{43}$/, {
    message: () =>
      "Deze code klopt niet. Kopieer de code uit je bevestigingsmail. / This code is not right. Copy the code from your confirmation mail."
  }),
  Schema.brand("@pleegzorg/core/PersonalToken"),
  Schema.annotations({ identifier: "PersonalToken" })
)

/**
 * @since 0.2.0
 * @category models
 */
export type PersonalToken = typeof PersonalToken.Type

/**
 * A person's name as they want to be called.
 *
 * @since 0.2.0
 * @category models
 */
export const PersonName = Schema.Trim.pipe(
  Schema.nonEmptyString({ message: () => "Vul je naam in. / Please fill in your name." }),
  Schema.maxLength(100, { message: () => "Gebruik hoogstens 100 tekens. / Use at most 100 characters." }),
  Schema.annotations({ identifier: "PersonName" })
)

/**
 * An email address, trimmed and in lower case so that the same address is
 * recognised however it is typed.
 *
 * @since 0.2.0
 * @category models
 */
export const Email = Schema.Trim.pipe(
  Schema.compose(Schema.Lowercase),
  Schema.maxLength(254),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
    message: () => "Dit is geen geldig e-mailadres. / This is not a valid email address."
  }),
  Schema.brand("@pleegzorg/core/Email"),
  Schema.annotations({
    identifier: "Email",
    arbitrary: () => (fc) =>
      fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([user, host]) =>
        `${user}@${host}.nl` as never
      )
  })
)

/**
 * @since 0.2.0
 * @category models
 */
export type Email = typeof Email.Type

/**
 * A parent's or guardian's consent for an under-16: who gave it and when.
 *
 * @since 0.2.0
 * @category models
 */
export class Consent extends Schema.Class<Consent>("@pleegzorg/core/Registration/Consent")({
  givenBy: PersonName,
  relationship: Schema.Literal("parent", "guardian"),
  givenOn: CalendarDate.CalendarDate
}) {}

/**
 * @since 0.2.0
 * @category models
 */
export class Confirmed extends Schema.TaggedClass<Confirmed>("@pleegzorg/core/Registration/Confirmed")("Confirmed", {
  since: Schema.DateTimeUtc
}) {}

/**
 * On the waitlist of the person's group.
 *
 * @since 0.2.0
 * @category models
 */
export class Waitlisted extends Schema.TaggedClass<Waitlisted>("@pleegzorg/core/Registration/Waitlisted")("Waitlisted", {
  since: Schema.DateTimeUtc
}) {}

/**
 * An under-16 whose parent's or guardian's consent is not recorded yet. No
 * seat is held until it is.
 *
 * @since 0.2.0
 * @category models
 */
export class AwaitingConsent
  extends Schema.TaggedClass<AwaitingConsent>("@pleegzorg/core/Registration/AwaitingConsent")("AwaitingConsent", {
    since: Schema.DateTimeUtc
  })
{}

/**
 * @since 0.2.0
 * @category models
 */
export class Withdrawn extends Schema.TaggedClass<Withdrawn>("@pleegzorg/core/Registration/Withdrawn")("Withdrawn", {
  since: Schema.DateTimeUtc,
  by: Schema.Literal("person", "organiser")
}) {}

/**
 * @since 0.2.0
 * @category models
 */
export const Status = Schema.Union(Confirmed, Waitlisted, AwaitingConsent, Withdrawn).annotations({
  identifier: "RegistrationStatus"
})

/**
 * @since 0.2.0
 * @category models
 */
export type Status = typeof Status.Type

/**
 * A registration as stored.
 *
 * `sequence` is the order of arrival within the track (1, 2, …): the
 * waitlist of a group is served in this order.
 *
 * @since 0.2.0
 * @category models
 */
export class Registration extends Schema.Class<Registration>("@pleegzorg/core/Registration")({
  id: RegistrationId,
  trackId: TrackId,
  sequence: Schema.Int,
  name: PersonName,
  email: Email,
  language: LocalizedText.Language,
  group: StakeholderGroup.StakeholderGroup,
  municipality: MunicipalityCode,
  eligibility: Eligibility.Eligible,
  consent: Schema.OptionFromNullOr(Consent),
  status: Status,
  registeredAt: Schema.DateTimeUtc,
  tokenHash: Schema.String
}) {}

// -----------------------------------------------------------------------------
// input
// -----------------------------------------------------------------------------

const common = Schema.Struct({
  trackId: TrackId,
  name: PersonName,
  email: Email,
  language: Schema.optionalWith(LocalizedText.Language, { default: () => "nl" as const }),
  availableForAllSessions: Schema.Boolean.annotations({
    description: "The person confirms they can come to all three sessions"
  }),
  consent: Schema.optional(Consent)
})

/**
 * A sign-up as a form sends it: the track, name, email, preferred language
 * (default Dutch), group and municipality (plus a birth date for foster
 * children and own children), whether the person can come to all three
 * sessions, and, for an under-16, optionally the consent already given.
 *
 * @since 0.2.0
 * @category models
 */
export const RegistrationInput = Schema.extend(common, Eligibility.Applicant).annotations({
  identifier: "RegistrationInput"
})

/**
 * @since 0.2.0
 * @category models
 */
export type RegistrationInput = typeof RegistrationInput.Type

// -----------------------------------------------------------------------------
// outcomes
// -----------------------------------------------------------------------------

/**
 * The person did not confirm they can come to all three sessions.
 *
 * @since 0.2.0
 * @category models
 */
export class NotAvailableForAllSessions
  extends Schema.TaggedClass<NotAvailableForAllSessions>("@pleegzorg/core/Registration/NotAvailableForAllSessions")(
    "NotAvailableForAllSessions",
    {}
  )
{}

/**
 * Why a registration is refused.
 *
 * @since 0.2.0
 * @category models
 */
export const RefusalReason = Schema.Union(
  NotAvailableForAllSessions,
  Eligibility.OutsideRegion,
  Eligibility.BelowMinimumAge
).annotations({ identifier: "RefusalReason" })

/**
 * @since 0.2.0
 * @category models
 */
export type RefusalReason = typeof RefusalReason.Type

/**
 * What a person sees of their registration (no token hash).
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationView extends Schema.Class<RegistrationView>("@pleegzorg/core/RegistrationView")({
  id: RegistrationId,
  trackId: TrackId,
  group: StakeholderGroup.StakeholderGroup,
  status: Status,
  parentalConsentRequired: Schema.Boolean,
  waitlistPosition: Schema.optional(Schema.Int)
}) {}

/**
 * The registration is accepted: confirmed, waitlisted or waiting for consent.
 *
 * @since 0.2.0
 * @category models
 */
export class Accepted extends Schema.TaggedClass<Accepted>("@pleegzorg/core/Registration/Accepted")("Accepted", {
  registration: RegistrationView
}) {}

/**
 * The registration is refused, with every reason. Nothing is stored.
 *
 * @since 0.2.0
 * @category models
 */
export class Refused extends Schema.TaggedClass<Refused>("@pleegzorg/core/Registration/Refused")("Refused", {
  checkedFor: CalendarDate.CalendarDate,
  reasons: Schema.NonEmptyArray(RefusalReason)
}) {}

/**
 * This email address was already signed up for the track (and has not
 * withdrawn). Nothing new is stored; the address gets a message saying so,
 * with the status of the registration it has (at most one such message a
 * day per registration). The caller learns nothing about that
 * registration: whoever typed the address may not own it, and whether
 * someone takes part in a foster-care track is not for others to find out.
 *
 * @since 0.2.0
 * @category models
 */
export class AlreadyRegistered extends Schema.TaggedClass<AlreadyRegistered>("@pleegzorg/core/Registration/AlreadyRegistered")(
  "AlreadyRegistered",
  { trackId: TrackId }
) {}

/**
 * @since 0.2.0
 * @category models
 */
export const Outcome = Schema.Union(Accepted, Refused, AlreadyRegistered).annotations({ identifier: "RegistrationOutcome" })

/**
 * @since 0.2.0
 * @category models
 */
export type Outcome = typeof Outcome.Type

/**
 * A refusal reason in plain words, addressed to the person.
 *
 * @since 0.2.0
 * @category formatting
 */
export const explainRefusal = (reason: RefusalReason, checkedFor: CalendarDate.CalendarDate): LocalizedText.LocalizedText =>
  reason._tag === "NotAvailableForAllSessions"
    ? LocalizedText.make(
      "Je meldt je aan voor alle drie de bijeenkomsten. Je hebt niet aangegeven dat je bij alle drie kunt zijn.",
      "You sign up for all three sessions. You did not confirm that you can come to all three."
    )
    : Eligibility.explainReason(reason, checkedFor)

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

/**
 * Registration for this track is not open: the track is not open, or
 * session 1 has started.
 *
 * @since 0.2.0
 * @category errors
 */
export class RegistrationNotOpen extends Schema.TaggedError<RegistrationNotOpen>(
  "@pleegzorg/core/Registration/RegistrationNotOpen"
)("RegistrationNotOpen", { trackId: TrackId, status: StatusName, firstSessionStarted: Schema.Boolean }) {
  override get message(): string {
    return this.firstSessionStarted
      ? "De eerste bijeenkomst is al begonnen. Aanmelden kan niet meer. / The first session has already started. Registration is closed."
      : "Aanmelden voor dit traject kan nu niet. / Registration for this track is not open."
  }
}

/**
 * No registration with this id, or no registration for this token.
 *
 * @since 0.2.0
 * @category errors
 */
export class RegistrationNotFound extends Schema.TaggedError<RegistrationNotFound>(
  "@pleegzorg/core/Registration/RegistrationNotFound"
)("RegistrationNotFound", {}) {
  override get message(): string {
    return "Deze aanmelding bestaat niet (meer). / This registration does not exist (any more)."
  }
}

/**
 * The registration is not in the state the action needs, for example a
 * withdrawal of a registration that was already withdrawn.
 *
 * @since 0.2.0
 * @category errors
 */
export class RegistrationStateConflict extends Schema.TaggedError<RegistrationStateConflict>(
  "@pleegzorg/core/Registration/RegistrationStateConflict"
)("RegistrationStateConflict", {
  status: Schema.Literal("Confirmed", "Waitlisted", "AwaitingConsent", "Withdrawn"),
  problem: LocalizedText.LocalizedText
}) {
  override get message(): string {
    return LocalizedText.bilingual(this.problem)
  }
}

/**
 * Attendance cannot be recorded: the session has not started or is
 * tentative, or the person is not confirmed.
 *
 * @since 0.2.0
 * @category errors
 */
export class AttendanceRefused extends Schema.TaggedError<AttendanceRefused>(
  "@pleegzorg/core/Registration/AttendanceRefused"
)("AttendanceRefused", { session: SessionNumber, problem: LocalizedText.LocalizedText }) {
  override get message(): string {
    return LocalizedText.bilingual(this.problem)
  }
}

// -----------------------------------------------------------------------------
// organiser views
// -----------------------------------------------------------------------------

/**
 * A registration as the organiser sees it (everything but the token hash).
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationDetails extends Schema.Class<RegistrationDetails>("@pleegzorg/core/RegistrationDetails")({
  id: RegistrationId,
  sequence: Schema.Int,
  name: PersonName,
  email: Email,
  language: LocalizedText.Language,
  group: StakeholderGroup.StakeholderGroup,
  municipality: MunicipalityCode,
  parentalConsentRequired: Schema.Boolean,
  consent: Schema.OptionFromNullOr(Consent),
  status: Status,
  registeredAt: Schema.DateTimeUtc,
  waitlistPosition: Schema.optional(Schema.Int)
}) {}

/**
 * How full one group is.
 *
 * @since 0.2.0
 * @category models
 */
export class GroupComposition extends Schema.Class<GroupComposition>("@pleegzorg/core/Registration/GroupComposition")({
  group: StakeholderGroup.StakeholderGroup,
  minimum: Schema.Int,
  maximum: Schema.Int,
  confirmed: Schema.Int,
  waitlisted: Schema.Int,
  awaitingConsent: Schema.Int,
  /** How many more confirmed people the minimum needs (0 when it is met). */
  shortOfMinimum: Schema.Int
}) {}

/**
 * How full a track is, per group and in total, and which minimums are not
 * met yet.
 *
 * @since 0.2.0
 * @category models
 */
export class CompositionOverview extends Schema.Class<CompositionOverview>("@pleegzorg/core/Registration/CompositionOverview")({
  trackId: TrackId,
  groups: Schema.Array(GroupComposition),
  confirmed: Schema.Int,
  maximum: Schema.Int,
  unmetMinimums: Schema.Array(StakeholderGroup.StakeholderGroup)
}) {}
