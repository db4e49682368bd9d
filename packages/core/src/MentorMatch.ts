/**
 * A match between a prospect and a mentor, from proposal to its end:
 * proposed → the mentor accepts (active) or declines → an active match
 * ends, by either side or the organiser, with optional feedback. A
 * declined or ended pair is never proposed again.
 *
 * Each match keeps the weights it was scored with (their version and
 * values), its score, distance and explanation. The mentor answers a
 * proposal with the code from the proposal mail; both sides can end an
 * active match with the code from the introduction mail. Only hashes of
 * those codes are kept.
 *
 * @since 0.4.0
 */
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"
import * as MatchScore from "./MatchScore.js"
import { MentorId, ProspectId } from "./MentorProfile.js"

/**
 * Identifies a match: `mch_` and 20 letters or digits.
 *
 * @since 0.4.0
 * @category models
 */
export const MatchId = Schema.String.pipe(
  Schema.pattern(/^mch_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige koppeling-id. / This is not a valid match id."
  }),
  Schema.brand("@pleegzorg/core/MatchId"),
  Schema.annotations({ identifier: "MatchId" })
)

/**
 * @since 0.4.0
 * @category models
 */
export type MatchId = typeof MatchId.Type

/**
 * Who did something: the mentor, the prospect, or the organiser.
 *
 * @since 0.4.0
 * @category models
 */
export const Party = Schema.Literal("mentor", "prospect", "organiser")

/**
 * @since 0.4.0
 * @category models
 */
export type Party = typeof Party.Type

/**
 * Proposed to the mentor, waiting for an answer.
 *
 * @since 0.4.0
 * @category status
 */
export class Proposed extends Schema.TaggedClass<Proposed>("@pleegzorg/core/MentorMatch/Proposed")("Proposed", {
  at: Schema.DateTimeUtc
}) {}

/**
 * The mentor accepted; both have each other's contact.
 *
 * @since 0.4.0
 * @category status
 */
export class Active extends Schema.TaggedClass<Active>("@pleegzorg/core/MentorMatch/Active")("Active", {
  since: Schema.DateTimeUtc
}) {}

/**
 * The proposal was declined (or withdrawn by the organiser).
 *
 * @since 0.4.0
 * @category status
 */
export class Declined extends Schema.TaggedClass<Declined>("@pleegzorg/core/MentorMatch/Declined")("Declined", {
  at: Schema.DateTimeUtc,
  by: Party
}) {}

/**
 * The match ended, with optional feedback (read by the organiser only).
 *
 * @since 0.4.0
 * @category status
 */
export class Ended extends Schema.TaggedClass<Ended>("@pleegzorg/core/MentorMatch/Ended")("Ended", {
  at: Schema.DateTimeUtc,
  by: Party,
  feedback: Schema.optional(Schema.String.pipe(Schema.maxLength(2000)))
}) {}

/**
 * @since 0.4.0
 * @category status
 */
export const Status = Schema.Union(Proposed, Active, Declined, Ended)

/**
 * @since 0.4.0
 * @category status
 */
export type Status = typeof Status.Type

/**
 * A match.
 *
 * @since 0.4.0
 * @category models
 */
export class Match extends Schema.Class<Match>("@pleegzorg/core/MentorMatch/Match")({
  id: MatchId,
  prospectId: ProspectId,
  mentorId: MentorId,
  score: Schema.Number,
  km: Schema.Number,
  explanation: LocalizedText.LocalizedText,
  weights: MatchScore.Weights,
  runId: Schema.NullOr(Schema.String),
  status: Status,
  mentorTokenHash: Schema.String,
  /** The mentor's code from the proposal mail, still theirs after accepting (then a new code came with the introduction). */
  proposalTokenHash: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  prospectTokenHash: Schema.NullOr(Schema.String),
  /** The outbox ids of the mails about this match, which a removal takes back while unsent. */
  mails: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  version: Schema.Int
}) {}

/**
 * Whether a code's hash is the mentor's for this match: the one from the
 * introduction mail, or (after accepting) the one from the proposal mail.
 *
 * @since 0.4.0
 * @category getters
 */
export const isMentorCode = (match: Pick<Match, "mentorTokenHash" | "proposalTokenHash">, hash: string): boolean =>
  match.mentorTokenHash === hash || match.proposalTokenHash === hash

/**
 * Whether a match still holds a mentor's place: proposed or active.
 *
 * @since 0.4.0
 * @category getters
 */
export const isOpen = (match: Pick<Match, "status">): boolean => match.status._tag === "Proposed" || match.status._tag === "Active"

/**
 * There is no prospect with this id.
 *
 * @since 0.4.0
 * @category errors
 */
export class ProspectNotFound extends Schema.TaggedError<ProspectNotFound>("@pleegzorg/core/MentorMatch/ProspectNotFound")(
  "ProspectNotFound",
  { prospectId: Schema.String }
) {
  override get message() {
    return "Deze aspirant-pleegouder staat er niet (meer) in. / This prospective foster parent is not (or no longer) registered."
  }
}

/**
 * There is no mentor with this id.
 *
 * @since 0.4.0
 * @category errors
 */
export class MentorNotFound extends Schema.TaggedError<MentorNotFound>("@pleegzorg/core/MentorMatch/MentorNotFound")(
  "MentorNotFound",
  { mentorId: Schema.String }
) {
  override get message() {
    return "Deze mentor staat er niet (meer) in. / This mentor is not (or no longer) registered."
  }
}

/**
 * There is no match with this id.
 *
 * @since 0.4.0
 * @category errors
 */
export class MatchNotFound extends Schema.TaggedError<MatchNotFound>("@pleegzorg/core/MentorMatch/MatchNotFound")(
  "MatchNotFound",
  { matchId: Schema.String }
) {
  override get message() {
    return "Deze koppeling bestaat niet. / This match does not exist."
  }
}

/**
 * The code does not belong to this match's mentor (or prospect).
 *
 * @since 0.4.0
 * @category errors
 */
export class NotYourMatch extends Schema.TaggedError<NotYourMatch>("@pleegzorg/core/MentorMatch/NotYourMatch")(
  "NotYourMatch",
  { matchId: Schema.String }
) {
  override get message() {
    return "Deze code hoort niet bij deze koppeling. Gebruik de link uit je eigen mail. / This code does not belong to this match. Use the link from your own mail."
  }
}

/**
 * The match is not in a state that allows this (a proposal already
 * answered, an end of a match that is not active, …). Says why.
 *
 * @since 0.4.0
 * @category errors
 */
export class MatchStateConflict extends Schema.TaggedError<MatchStateConflict>("@pleegzorg/core/MentorMatch/MatchStateConflict")(
  "MatchStateConflict",
  { matchId: Schema.String, status: Schema.String, problem: LocalizedText.LocalizedText }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * A batch run is already going on.
 *
 * @since 0.4.0
 * @category errors
 */
export class BatchRunning extends Schema.TaggedError<BatchRunning>("@pleegzorg/core/MentorMatch/BatchRunning")(
  "BatchRunning",
  { runId: Schema.String, since: Schema.DateTimeUtc }
) {
  override get message() {
    return "Er loopt al een koppelronde. Wacht tot die klaar is. / A matching run is already going on. Wait until it has finished."
  }
}

/**
 * A batch run as recorded: when it started and finished, with the weights
 * version and the counts.
 *
 * @since 0.4.0
 * @category models
 */
export class Run extends Schema.Class<Run>("@pleegzorg/core/MentorMatch/Run")({
  id: Schema.String,
  startedAt: Schema.DateTimeUtc,
  finishedAt: Schema.NullOr(Schema.DateTimeUtc),
  weightsVersion: Schema.String,
  proposed: Schema.Int,
  unmatched: Schema.Int
}) {}
