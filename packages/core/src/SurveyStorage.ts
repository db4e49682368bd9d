/**
 * The storage ports of surveys. Invitations (with their token hashes) and
 * answers are separate ports, and an adapter keeps them in separate tables
 * with no key between them: nothing a port returns links a token or an
 * invitation to an answer.
 *
 * Answers are written once and read back only as counts
 * ({@link AnswerRepository} `counts`), as the free texts of a survey, and as
 * the ids per group that the release ledger needs. There is no method that
 * returns one person's answers.
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as RegionalFigures from "./RegionalFigures.js"
import type * as ReleaseLedger from "./ReleaseLedger.js"
import type { StorageError } from "./Storage.js"
import type { ReportGroup, Survey, SurveyId } from "./Survey.js"
import type { Answer } from "./SurveyAnswer.js"
import type { Invitation, InvitationId } from "./SurveyInvitation.js"
import type { TrackId } from "./Track.js"

/**
 * Where surveys are kept.
 *
 * @since 0.3.0
 * @category ports
 */
export class SurveyRepository extends Context.Tag("@pleegzorg/core/SurveyRepository")<
  SurveyRepository,
  {
    readonly insert: (survey: Survey) => Effect.Effect<void, StorageError>
    /** Refuses a copy that is not newer (`version`) than the stored one, or one never stored. */
    readonly update: (survey: Survey) => Effect.Effect<void, StorageError>
    readonly get: (id: SurveyId) => Effect.Effect<Option.Option<Survey>, StorageError>
    /** {@link get}, and locks the survey until the transaction ends. */
    readonly getForUpdate: (id: SurveyId) => Effect.Effect<Option.Option<Survey>, StorageError>
    readonly listByTrack: (trackId: TrackId) => Effect.Effect<ReadonlyArray<Survey>, StorageError>
  }
>() {}

/**
 * Invited people per audience of a survey, and how many invitations were
 * used.
 *
 * @since 0.3.0
 * @category models
 */
export interface InvitationCount {
  readonly audience: Invitation["audience"]
  readonly invited: number
  readonly used: number
}

/**
 * Where invitations and their token hashes are kept.
 *
 * @since 0.3.0
 * @category ports
 */
export class InvitationRepository extends Context.Tag("@pleegzorg/core/InvitationRepository")<
  InvitationRepository,
  {
    readonly insert: (invitations: ReadonlyArray<Invitation>) => Effect.Effect<void, StorageError>
    /** Adds a token (its hash) to an invitation; the invitation's earlier tokens stay valid. */
    readonly addToken: (invitationId: InvitationId, tokenHash: string) => Effect.Effect<void, StorageError>
    readonly findByTokenHash: (tokenHash: string) => Effect.Effect<Option.Option<Invitation>, StorageError>
    /** Stores `used` and `reminders`; the rest of an invitation does not change. Refuses an unknown id. */
    readonly update: (invitation: Invitation) => Effect.Effect<void, StorageError>
    /** In no particular order that could matter: by id. */
    readonly listBySurvey: (surveyId: SurveyId) => Effect.Effect<ReadonlyArray<Invitation>, StorageError>
    readonly counts: (surveyId: SurveyId) => Effect.Effect<ReadonlyArray<InvitationCount>, StorageError>
    /** Erases names and addresses (the survey closed); audiences and used flags stay for the response rates. */
    readonly eraseContacts: (surveyId: SurveyId) => Effect.Effect<number, StorageError>
  }
>() {}

/**
 * One count of answers: in `group` and `municipality` (null: not asked),
 * how many gave `value` to `question`.
 *
 * - Likert: `value` 1–5; single choice: the option's position; multiple
 *   choice: each chosen option's position, plus one row with `value` −1 per
 *   person who answered; number: the number.
 * - The respondents themselves: `question` "" and `value` 0.
 *
 * @since 0.3.0
 * @category models
 */
export interface Count {
  readonly group: ReportGroup
  readonly municipality: string | null
  readonly question: string
  readonly value: number
  readonly count: number
}

/**
 * Where answers are kept.
 *
 * @since 0.3.0
 * @category ports
 */
export class AnswerRepository extends Context.Tag("@pleegzorg/core/AnswerRepository")<
  AnswerRepository,
  {
    /** Stores one answer and adds it to the counts. */
    readonly insert: (answer: Answer) => Effect.Effect<void, StorageError>
    /** Many answers at once (an import), in one statement per batch where the database allows. */
    readonly insertMany: (answers: ReadonlyArray<Answer>) => Effect.Effect<void, StorageError>
    /** Every count of a survey (see {@link Count}): what a report is made from. */
    readonly counts: (surveyId: SurveyId) => Effect.Effect<ReadonlyArray<Count>, StorageError>
    /** The free-text answers of a survey per group and question, in order of answer id (random). */
    readonly freeTexts: (
      surveyId: SurveyId
    ) => Effect.Effect<ReadonlyArray<{ readonly group: ReportGroup; readonly question: string; readonly text: string }>, StorageError>
    /**
     * Called when the survey closes, in that transaction: rewrites its answers
     * so that nothing kept with them follows the order in which they came
     * (on PostgreSQL every row gets the same transaction id and lies in id
     * order; old row versions go with the next `VACUUM`). A storage that
     * keeps no such trace may do nothing.
     */
    readonly seal: (surveyId: SurveyId) => Effect.Effect<void, StorageError>
    /** The answer ids per group and municipality, for the release ledger. */
    readonly coverage: (
      surveyId: SurveyId
    ) => Effect.Effect<
      ReadonlyArray<{ readonly id: string; readonly group: ReportGroup; readonly municipality: string | null }>,
      StorageError
    >
  }
>() {}

/**
 * Where the releases of each survey are recorded, for the overlap rule.
 *
 * @since 0.3.0
 * @category ports
 */
export class ReleaseRepository extends Context.Tag("@pleegzorg/core/ReleaseRepository")<
  ReleaseRepository,
  {
    readonly append: (surveyId: SurveyId, entry: ReleaseLedger.Entry) => Effect.Effect<void, StorageError>
    readonly list: (surveyId: SurveyId) => Effect.Effect<ReadonlyArray<ReleaseLedger.Entry>, StorageError>
  }
>() {}

/**
 * Where regional figures are kept: one per indicator, region and period
 * (a later import of the same replaces it).
 *
 * @since 0.3.0
 * @category ports
 */
export class RegionalFigureRepository extends Context.Tag("@pleegzorg/core/RegionalFigureRepository")<
  RegionalFigureRepository,
  {
    readonly upsert: (figures: ReadonlyArray<RegionalFigures.Figure>) => Effect.Effect<void, StorageError>
    /** The figures of a region (`JZ32`) or of the country (`NL`). */
    readonly listByArea: (area: string) => Effect.Effect<ReadonlyArray<RegionalFigures.Figure>, StorageError>
  }
>() {}
