/**
 * Invitations to a survey, kept apart from the answers.
 *
 * An invitation knows who was invited (until the survey closes), their
 * audience, and whether it was used: `used` is a flag, never a time. Its
 * tokens are stored only as hashes, in a table of their own; a reminder adds
 * a new token. Nothing links an invitation or a token to an answer.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"
import { MunicipalityCode } from "./Municipality.js"
import { Email, PersonName } from "./Registration.js"
import { Audience, SurveyId } from "./Survey.js"

/**
 * Identifies an invitation: `inv_` and 20 letters or digits.
 *
 * @since 0.3.0
 * @category models
 */
export const InvitationId = Schema.String.pipe(
  Schema.pattern(/^inv_[0-9a-z]{20}$/),
  Schema.brand("@pleegzorg/core/InvitationId"),
  Schema.annotations({ identifier: "InvitationId" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type InvitationId = typeof InvitationId.Type

/**
 * The single-use token of an invitation: 43 URL-safe characters (256 bits
 * from a cryptographic source). It travels in the mail and in the body or a
 * header of the request that answers, never in a URL path or query.
 *
 * @since 0.3.0
 * @category models
 */
export const InvitationToken = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{43}$/, {
    message: () =>
      "Deze code klopt niet. Gebruik de link uit je uitnodiging. / This code is not right. Use the link in your invitation."
  }),
  Schema.brand("@pleegzorg/core/InvitationToken"),
  Schema.annotations({ identifier: "InvitationToken" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type InvitationToken = typeof InvitationToken.Type

/**
 * Someone to invite.
 *
 * @since 0.3.0
 * @category models
 */
export const Invitee = Schema.Struct({
  name: Schema.optional(PersonName),
  email: Email,
  language: Schema.optionalWith(LocalizedText.Language, { default: () => "nl" as const }),
  audience: Audience,
  municipality: Schema.optional(MunicipalityCode)
})

/**
 * @since 0.3.0
 * @category models
 */
export type Invitee = typeof Invitee.Type

/**
 * @since 0.3.0
 * @category models
 */
export type InviteeInput = typeof Invitee.Encoded

/**
 * A stored invitation. `contact` is erased when the survey closes.
 *
 * @since 0.3.0
 * @category models
 */
export class Invitation extends Schema.Class<Invitation>("@pleegzorg/core/SurveyInvitation/Invitation")({
  id: InvitationId,
  surveyId: SurveyId,
  audience: Audience,
  municipality: Schema.OptionFromNullOr(MunicipalityCode),
  contact: Schema.OptionFromNullOr(Schema.Struct({
    name: Schema.OptionFromNullOr(PersonName),
    email: Email,
    language: LocalizedText.Language
  })),
  used: Schema.Boolean,
  reminders: Schema.Int
}) {}

/**
 * The token is not one of an invitation to an open survey.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvitationNotFound extends Schema.TaggedError<InvitationNotFound>("@pleegzorg/core/SurveyInvitation/InvitationNotFound")(
  "InvitationNotFound",
  {}
) {
  override get message() {
    return "Deze link hoort niet bij een vragenlijst die nu open is. / This link does not belong to a survey that is open now."
  }
}

/**
 * The invitation was already used: each invitation answers once.
 *
 * @since 0.3.0
 * @category errors
 */
export class AlreadyAnswered extends Schema.TaggedError<AlreadyAnswered>("@pleegzorg/core/SurveyInvitation/AlreadyAnswered")(
  "AlreadyAnswered",
  {}
) {
  override get message() {
    return "Met deze uitnodiging is de vragenlijst al ingevuld. / This invitation was already used to answer the survey."
  }
}
