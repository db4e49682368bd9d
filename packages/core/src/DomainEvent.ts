/**
 * What happened to a registration or a track that a person must hear about.
 *
 * Each event is addressed to one person and carries what a message needs
 * (the recipient, the track as it is now, and for new registrations the
 * personal token), so that the mail side can render it without reading
 * storage. Events are written to the outbox in the same transaction as the
 * change they describe.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { AgendaId } from "./Agenda.js"
import { ActionId } from "./AgendaAction.js"
import { CalendarDate } from "./CalendarDate.js"
import { MatchId, Party } from "./MentorMatch.js"
import { Availability, CareKind, FamilySituation } from "./MentorProfile.js"
import * as LocalizedText from "./LocalizedText.js"
import { Email, PersonalToken, PersonName, RegistrationId } from "./Registration.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import { SurveyId } from "./Survey.js"
import { InvitationToken } from "./SurveyInvitation.js"
import { Session, SessionNumber, Sessions, Timing, TrackId } from "./Track.js"

/**
 * Identifies an event: `evt_` and 20 letters or digits.
 *
 * @since 0.2.0
 * @category models
 */
export const EventId = Schema.String.pipe(
  Schema.pattern(/^evt_[0-9a-z]{20}$/),
  Schema.brand("@pleegzorg/core/EventId"),
  Schema.annotations({ identifier: "EventId" })
)

/**
 * @since 0.2.0
 * @category models
 */
export type EventId = typeof EventId.Type

/**
 * The person a message goes to.
 *
 * @since 0.2.0
 * @category models
 */
export class Recipient extends Schema.Class<Recipient>("@pleegzorg/core/DomainEvent/Recipient")({
  registrationId: RegistrationId,
  name: PersonName,
  email: Email,
  language: LocalizedText.Language,
  group: StakeholderGroup.StakeholderGroup
}) {}

/**
 * The track as a message shows it.
 *
 * @since 0.2.0
 * @category models
 */
export class TrackSummary extends Schema.Class<TrackSummary>("@pleegzorg/core/DomainEvent/TrackSummary")({
  id: TrackId,
  title: LocalizedText.LocalizedText,
  regionName: Schema.String,
  sessions: Sessions
}) {}

const fields = {
  id: EventId,
  occurredAt: Schema.DateTimeUtc,
  recipient: Recipient,
  track: TrackSummary
}

/**
 * A registration was confirmed. Carries the personal token for withdrawing.
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationConfirmed
  extends Schema.TaggedClass<RegistrationConfirmed>("@pleegzorg/core/DomainEvent/RegistrationConfirmed")(
    "RegistrationConfirmed",
    { ...fields, token: PersonalToken }
  )
{}

/**
 * A registration went onto the waitlist of its group. `token` is there when
 * this is the person's first message (not after a consent was recorded: the
 * consent request carried it).
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationWaitlisted
  extends Schema.TaggedClass<RegistrationWaitlisted>("@pleegzorg/core/DomainEvent/RegistrationWaitlisted")(
    "RegistrationWaitlisted",
    { ...fields, token: Schema.optional(PersonalToken), position: Schema.Int }
  )
{}

/**
 * An under-16 registered; a parent's or guardian's consent is needed first.
 *
 * @since 0.2.0
 * @category models
 */
export class ConsentRequested
  extends Schema.TaggedClass<ConsentRequested>("@pleegzorg/core/DomainEvent/ConsentRequested")(
    "ConsentRequested",
    { ...fields, token: PersonalToken }
  )
{}

/**
 * Someone signed up again with an address that is already signed up for the
 * track. Told to that address, with the status of its registration, so that
 * its owner knows (and nobody else learns it).
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationRepeated
  extends Schema.TaggedClass<RegistrationRepeated>("@pleegzorg/core/DomainEvent/RegistrationRepeated")(
    "RegistrationRepeated",
    {
      ...fields,
      status: Schema.Literal("Confirmed", "Waitlisted", "AwaitingConsent"),
      position: Schema.optional(Schema.Int)
    }
  )
{}

/**
 * A seat came free and a waitlisted person (or one whose consent arrived)
 * got it.
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationPromoted
  extends Schema.TaggedClass<RegistrationPromoted>("@pleegzorg/core/DomainEvent/RegistrationPromoted")(
    "RegistrationPromoted",
    fields
  )
{}

/**
 * A registration was withdrawn, by the person or by the organiser.
 *
 * @since 0.2.0
 * @category models
 */
export class RegistrationWithdrawn
  extends Schema.TaggedClass<RegistrationWithdrawn>("@pleegzorg/core/DomainEvent/RegistrationWithdrawn")(
    "RegistrationWithdrawn",
    { ...fields, by: Schema.Literal("person", "organiser") }
  )
{}

/**
 * A session moved, or its date was fixed. `previous` is the timing before.
 *
 * @since 0.2.0
 * @category models
 */
export class SessionRescheduled
  extends Schema.TaggedClass<SessionRescheduled>("@pleegzorg/core/DomainEvent/SessionRescheduled")(
    "SessionRescheduled",
    { ...fields, session: SessionNumber, previous: Timing, previousPlace: Session.fields.place }
  )
{}

/**
 * The track was cancelled: told to everyone still signed up (confirmed,
 * waitlisted or waiting for consent), with the organiser's reason.
 *
 * @since 0.2.0
 * @category models
 */
export class TrackCancelled extends Schema.TaggedClass<TrackCancelled>("@pleegzorg/core/DomainEvent/TrackCancelled")(
  "TrackCancelled",
  { ...fields, reason: Schema.String }
) {}

/**
 * A session is a few days away.
 *
 * @since 0.2.0
 * @category models
 */
export class ReminderDue extends Schema.TaggedClass<ReminderDue>("@pleegzorg/core/DomainEvent/ReminderDue")(
  "ReminderDue",
  { ...fields, session: SessionNumber }
) {}

/**
 * The person a survey invitation goes to: no registration, maybe no name.
 *
 * @since 0.3.0
 * @category models
 */
export class Invitee extends Schema.Class<Invitee>("@pleegzorg/core/DomainEvent/Invitee")({
  name: Schema.optional(PersonName),
  email: Email,
  language: LocalizedText.Language
}) {}

/**
 * The survey as an invitation shows it: its title and region, and the group
 * the person's answers are counted in. `pooled` says that their audience
 * was too small to be shown on its own, which the invitation tells them.
 *
 * @since 0.3.0
 * @category models
 */
export class SurveySummary extends Schema.Class<SurveySummary>("@pleegzorg/core/DomainEvent/SurveySummary")({
  id: SurveyId,
  title: LocalizedText.LocalizedText,
  regionName: Schema.String,
  group: LocalizedText.LocalizedText,
  pooled: Schema.Boolean
}) {}

/**
 * Someone is invited to a survey. Carries the single-use token.
 *
 * @since 0.3.0
 * @category models
 */
export class SurveyInvited extends Schema.TaggedClass<SurveyInvited>("@pleegzorg/core/DomainEvent/SurveyInvited")(
  "SurveyInvited",
  { id: EventId, occurredAt: Schema.DateTimeUtc, recipient: Invitee, survey: SurveySummary, token: InvitationToken }
) {}

/**
 * Someone invited has not answered yet. Carries a new token; the earlier one
 * keeps working too, until either is used.
 *
 * @since 0.3.0
 * @category models
 */
export class SurveyReminded extends Schema.TaggedClass<SurveyReminded>("@pleegzorg/core/DomainEvent/SurveyReminded")(
  "SurveyReminded",
  { id: EventId, occurredAt: Schema.DateTimeUtc, recipient: Invitee, survey: SurveySummary, token: InvitationToken }
) {}

/**
 * The owner of an action, as a message addresses them.
 *
 * @since 0.3.0
 * @category models
 */
export class ActionOwner extends Schema.Class<ActionOwner>("@pleegzorg/core/DomainEvent/ActionOwner")({
  name: Schema.optional(PersonName),
  email: Email,
  language: LocalizedText.Language,
  organisation: Schema.String,
  role: Schema.String
}) {}

/**
 * The agenda as a message shows it: region, track (for the link to read
 * it), the version in force and when it was adopted.
 *
 * @since 0.3.0
 * @category models
 */
export class AgendaSummary extends Schema.Class<AgendaSummary>("@pleegzorg/core/DomainEvent/AgendaSummary")({
  id: AgendaId,
  trackId: TrackId,
  regionName: Schema.String,
  version: Schema.Int,
  adoptedOn: CalendarDate
}) {}

/**
 * An action as a message shows it.
 *
 * @since 0.3.0
 * @category models
 */
export class ActionSummary extends Schema.Class<ActionSummary>("@pleegzorg/core/DomainEvent/ActionSummary")({
  id: ActionId,
  title: Schema.String,
  theme: Schema.String,
  start: CalendarDate,
  due: CalendarDate,
  status: Schema.Literal("Proposed", "Agreed", "InProgress", "Done", "Dropped")
}) {}

const agendaFields = {
  id: EventId,
  occurredAt: Schema.DateTimeUtc,
  recipient: ActionOwner,
  agenda: AgendaSummary
}

/**
 * The agenda was adopted (or a new version of it): told to each owner with
 * a contact, with the actions they own in it.
 *
 * @since 0.3.0
 * @category models
 */
export class AgendaAdopted extends Schema.TaggedClass<AgendaAdopted>("@pleegzorg/core/DomainEvent/AgendaAdopted")(
  "AgendaAdopted",
  { ...agendaFields, actions: Schema.Array(ActionSummary) }
) {}

/**
 * An action the recipient owns is due in `days` days and not done.
 *
 * @since 0.3.0
 * @category models
 */
export class ActionDueSoon extends Schema.TaggedClass<ActionDueSoon>("@pleegzorg/core/DomainEvent/ActionDueSoon")(
  "ActionDueSoon",
  { ...agendaFields, action: ActionSummary, days: Schema.Int }
) {}

/**
 * An action the recipient owns is past its due date and not done or
 * dropped.
 *
 * @since 0.3.0
 * @category models
 */
export class ActionOverdue extends Schema.TaggedClass<ActionOverdue>("@pleegzorg/core/DomainEvent/ActionOverdue")(
  "ActionOverdue",
  { ...agendaFields, action: ActionSummary }
) {}

/**
 * A review of the agenda (`moment` months after adoption) is due on `due`:
 * told to each owner with a contact, with their actions still open.
 *
 * @since 0.3.0
 * @category models
 */
export class ReviewDueSoon extends Schema.TaggedClass<ReviewDueSoon>("@pleegzorg/core/DomainEvent/ReviewDueSoon")(
  "ReviewDueSoon",
  { ...agendaFields, moment: Schema.Int, due: CalendarDate, actions: Schema.Array(ActionSummary) }
) {}

/**
 * A prospect or mentor, as a matching message addresses them.
 *
 * @since 0.4.0
 * @category models
 */
export class MatchContact extends Schema.Class<MatchContact>("@pleegzorg/core/DomainEvent/MatchContact")({
  name: PersonName,
  email: Email,
  language: LocalizedText.Language
}) {}

/**
 * What a mentor learns of a prospect before accepting: categories only.
 *
 * @since 0.4.0
 * @category models
 */
export class ProspectSummary extends Schema.Class<ProspectSummary>("@pleegzorg/core/DomainEvent/ProspectSummary")({
  regionName: Schema.String,
  kinds: Schema.Array(CareKind),
  family: FamilySituation,
  languages: Schema.Array(Schema.String),
  availability: Schema.Array(Availability)
}) {}

/**
 * A mentor is asked to take on a prospect. Carries the code to accept or
 * decline, and the explanation of the match.
 *
 * @since 0.4.0
 * @category models
 */
export class MentorProposed extends Schema.TaggedClass<MentorProposed>("@pleegzorg/core/DomainEvent/MentorProposed")(
  "MentorProposed",
  {
    id: EventId,
    occurredAt: Schema.DateTimeUtc,
    recipient: MatchContact,
    matchId: MatchId,
    token: Schema.String,
    prospect: ProspectSummary,
    km: Schema.Number,
    explanation: LocalizedText.LocalizedText
  }
) {}

/**
 * Both sides agreed: each gets the other's name and address. The mentor
 * also gets the prospect's questions. Carries the code to end the match.
 *
 * @since 0.4.0
 * @category models
 */
export class MatchIntroduced extends Schema.TaggedClass<MatchIntroduced>("@pleegzorg/core/DomainEvent/MatchIntroduced")(
  "MatchIntroduced",
  {
    id: EventId,
    occurredAt: Schema.DateTimeUtc,
    recipient: MatchContact,
    role: Schema.Literal("mentor", "prospect"),
    matchId: MatchId,
    token: Schema.String,
    other: Schema.Struct({ name: PersonName, email: Email }),
    questions: Schema.optional(Schema.String),
    regionName: Schema.String
  }
) {}

/**
 * An active match ended. To the prospect: a new mentor is being sought
 * (`searching`). To the mentor: they are free again.
 *
 * @since 0.4.0
 * @category models
 */
export class MatchEnded extends Schema.TaggedClass<MatchEnded>("@pleegzorg/core/DomainEvent/MatchEnded")(
  "MatchEnded",
  {
    id: EventId,
    occurredAt: Schema.DateTimeUtc,
    recipient: MatchContact,
    role: Schema.Literal("mentor", "prospect"),
    matchId: MatchId,
    by: Party,
    searching: Schema.Boolean
  }
) {}

/**
 * Every event.
 *
 * @since 0.2.0
 * @category models
 */
export const DomainEvent = Schema.Union(
  RegistrationConfirmed,
  RegistrationWaitlisted,
  ConsentRequested,
  RegistrationRepeated,
  RegistrationPromoted,
  RegistrationWithdrawn,
  SessionRescheduled,
  TrackCancelled,
  ReminderDue,
  SurveyInvited,
  SurveyReminded,
  AgendaAdopted,
  ActionDueSoon,
  ActionOverdue,
  ReviewDueSoon,
  MentorProposed,
  MatchIntroduced,
  MatchEnded
).annotations({ identifier: "DomainEvent" })

/**
 * @since 0.2.0
 * @category models
 */
export type DomainEvent = typeof DomainEvent.Type

/**
 * An event as JSON (what the outbox stores).
 *
 * @since 0.2.0
 * @category models
 */
export const DomainEventFromJson = Schema.parseJson(DomainEvent)
