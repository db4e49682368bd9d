/**
 * A survey before session 2 of a track: a questionnaire per audience, a
 * lifecycle (draft → open → closed), and the groups its results are shown
 * for.
 *
 * The questionnaires are frozen when the survey opens. Answers are taken
 * only while it is open, and results are made only after it closed.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import * as DisclosurePolicy from "./DisclosurePolicy.js"
import * as LocalizedText from "./LocalizedText.js"
import { RegionCode } from "./Region.js"
import { TrackId } from "./Track.js"

/**
 * Identifies a survey: `srv_` and 20 letters or digits.
 *
 * @since 0.3.0
 * @category models
 */
export const SurveyId = Schema.String.pipe(
  Schema.pattern(/^srv_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige vragenlijst-id. / This is not a valid survey id."
  }),
  Schema.brand("@pleegzorg/core/SurveyId"),
  Schema.annotations({ identifier: "SurveyId" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type SurveyId = typeof SurveyId.Type

/**
 * Who a questionnaire is for: foster families (foster parents, and foster
 * children and own children of 14 and older), (birth) parents, care workers
 * and policy makers.
 *
 * @since 0.3.0
 * @category models
 */
export const Audience = Schema.Literal("FosterFamily", "Parent", "CareWorker", "PolicyMaker")

/**
 * @since 0.3.0
 * @category models
 */
export type Audience = typeof Audience.Type

/**
 * Every audience, in the order reports list them.
 *
 * @since 0.3.0
 * @category constants
 */
export const audiences: ReadonlyArray<Audience> = ["FosterFamily", "Parent", "CareWorker", "PolicyMaker"]

/**
 * The name of an audience.
 *
 * @since 0.3.0
 * @category getters
 */
export const audienceLabel = (audience: Audience): LocalizedText.LocalizedText => {
  switch (audience) {
    case "FosterFamily":
      return { nl: "Pleeggezinnen", en: "Foster families" }
    case "Parent":
      return { nl: "Ouders", en: "(Birth) parents" }
    case "CareWorker":
      return { nl: "Hulpverleners", en: "Care workers" }
    case "PolicyMaker":
      return { nl: "Beleidsmakers", en: "Policy makers" }
  }
}

/**
 * The group a result is shown for. An audience with enough people invited
 * is its own group; one with too few is pooled: care workers and policy
 * makers as professionals, foster families and parents as families.
 *
 * @since 0.3.0
 * @category models
 */
export const ReportGroup = Schema.Literal(
  "FosterFamily",
  "Parent",
  "CareWorker",
  "PolicyMaker",
  "Professionals",
  "Families"
)

/**
 * @since 0.3.0
 * @category models
 */
export type ReportGroup = typeof ReportGroup.Type

/**
 * The name of a report group.
 *
 * @since 0.3.0
 * @category getters
 */
export const groupLabel = (group: ReportGroup): LocalizedText.LocalizedText =>
  group === "Professionals"
    ? { nl: "Professionals (hulpverleners en beleidsmakers)", en: "Professionals (care workers and policy makers)" }
    : group === "Families"
    ? { nl: "Gezinnen (pleeggezinnen en ouders)", en: "Families (foster families and parents)" }
    : audienceLabel(group)

/**
 * Identifies a question within a survey: lower-case letters, digits and
 * `-`, such as `samenwerking-ouders`. A question with the same id in two
 * questionnaires is the same question, and its answers are counted together.
 *
 * @since 0.3.0
 * @category models
 */
export const QuestionId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9-]{0,63}$/, {
    message: () =>
      "Een vraag-id bestaat uit kleine letters, cijfers en streepjes. / A question id is lower-case letters, digits and dashes."
  }),
  Schema.annotations({ identifier: "QuestionId" })
)

const questionFields = {
  id: QuestionId,
  text: LocalizedText.LocalizedText,
  required: Schema.Boolean
}

/**
 * A statement to agree with on a scale of 1 (helemaal oneens / strongly
 * disagree) to 5 (helemaal eens / strongly agree).
 *
 * @since 0.3.0
 * @category questions
 */
export class Likert extends Schema.TaggedClass<Likert>("@pleegzorg/core/Survey/Likert")("Likert", questionFields) {}

/**
 * One option from a list.
 *
 * @since 0.3.0
 * @category questions
 */
export class SingleChoice extends Schema.TaggedClass<SingleChoice>("@pleegzorg/core/Survey/SingleChoice")("SingleChoice", {
  ...questionFields,
  options: Schema.Array(LocalizedText.LocalizedText).pipe(Schema.minItems(2), Schema.maxItems(12))
}) {}

/**
 * Any number of options from a list.
 *
 * @since 0.3.0
 * @category questions
 */
export class MultipleChoice
  extends Schema.TaggedClass<MultipleChoice>("@pleegzorg/core/Survey/MultipleChoice")("MultipleChoice", {
    ...questionFields,
    options: Schema.Array(LocalizedText.LocalizedText).pipe(Schema.minItems(2), Schema.maxItems(12))
  })
{}

/**
 * A whole number between `min` and `max`.
 *
 * @since 0.3.0
 * @category questions
 */
export class NumberQuestion extends Schema.TaggedClass<NumberQuestion>("@pleegzorg/core/Survey/NumberQuestion")("Number", {
  ...questionFields,
  min: Schema.Int,
  max: Schema.Int
}) {}

/**
 * An open answer, at most `maxLength` characters (default 1000). Released
 * only for large enough groups, after the personal data in it is blacked
 * out and the organiser has read it.
 *
 * @since 0.3.0
 * @category questions
 */
export class FreeText extends Schema.TaggedClass<FreeText>("@pleegzorg/core/Survey/FreeText")("FreeText", {
  ...questionFields,
  maxLength: Schema.Int.pipe(Schema.between(1, 5000))
}) {}

/**
 * @since 0.3.0
 * @category questions
 */
export const Question = Schema.Union(Likert, SingleChoice, MultipleChoice, NumberQuestion, FreeText)

/**
 * @since 0.3.0
 * @category questions
 */
export type Question = typeof Question.Type

/**
 * The questions for one audience, in order, with an introduction.
 *
 * @since 0.3.0
 * @category models
 */
export class Questionnaire extends Schema.Class<Questionnaire>("@pleegzorg/core/Survey/Questionnaire")({
  audience: Audience,
  introduction: LocalizedText.LocalizedText,
  questions: Schema.Array(Question).pipe(Schema.minItems(1), Schema.maxItems(60))
}) {}

/**
 * Being prepared: questionnaires can still change.
 *
 * @since 0.3.0
 * @category status
 */
export class Draft extends Schema.TaggedClass<Draft>("@pleegzorg/core/Survey/Draft")("Draft", {}) {}

/**
 * Taking answers; the questionnaires are frozen.
 *
 * @since 0.3.0
 * @category status
 */
export class Open extends Schema.TaggedClass<Open>("@pleegzorg/core/Survey/Open")("Open", {
  since: Schema.DateTimeUtc
}) {}

/**
 * No more answers; results can be made.
 *
 * @since 0.3.0
 * @category status
 */
export class Closed extends Schema.TaggedClass<Closed>("@pleegzorg/core/Survey/Closed")("Closed", {
  since: Schema.DateTimeUtc
}) {}

/**
 * @since 0.3.0
 * @category status
 */
export const Status = Schema.Union(Draft, Open, Closed)

/**
 * @since 0.3.0
 * @category status
 */
export type Status = typeof Status.Type

/**
 * One free-text answer waiting for, or past, the organiser's review:
 * personal data already blacked out, in shuffled order (`position`).
 *
 * @since 0.3.0
 * @category models
 */
export class ReviewItem extends Schema.Class<ReviewItem>("@pleegzorg/core/Survey/ReviewItem")({
  group: ReportGroup,
  question: QuestionId,
  position: Schema.Int,
  text: Schema.String,
  redactions: Schema.Array(Schema.Literal("email", "phone", "postcode", "bsn", "name")),
  decision: Schema.Literal("pending", "approved", "rejected")
}) {}

/**
 * A survey of a track.
 *
 * - `groups`: per audience the group its results are shown in; decided when
 *   the first invitations go out (see `Surveys.invite`) and told in them.
 * - `policy`: the disclosure rules for every release of this survey, with
 *   any override and its reason.
 * - `openAnswers`: the free-text answers prepared at closing, for review.
 *
 * @since 0.3.0
 * @category models
 */
export class Survey extends Schema.Class<Survey>("@pleegzorg/core/Survey")({
  id: SurveyId,
  trackId: TrackId,
  region: RegionCode,
  title: LocalizedText.LocalizedText,
  questionnaires: Schema.Array(Questionnaire),
  status: Status,
  groups: Schema.partial(Schema.Record({ key: Audience, value: ReportGroup })),
  policy: DisclosurePolicy.Policy,
  openAnswers: Schema.Array(ReviewItem),
  version: Schema.Int
}) {}

/**
 * The questionnaire for `audience`, if the survey has one.
 *
 * @since 0.3.0
 * @category getters
 */
export const questionnaireFor = (survey: Survey, audience: Audience): Questionnaire | undefined =>
  survey.questionnaires.find((q) => q.audience === audience)

/**
 * Every question of the survey once, in the order of first appearance.
 *
 * @since 0.3.0
 * @category getters
 */
export const allQuestions = (survey: Pick<Survey, "questionnaires">): ReadonlyArray<Question> => {
  const seen = new Map<string, Question>()
  for (const questionnaire of survey.questionnaires) {
    for (const question of questionnaire.questions) if (!seen.has(question.id)) seen.set(question.id, question)
  }
  return [...seen.values()]
}

/**
 * There is no survey with this id.
 *
 * @since 0.3.0
 * @category errors
 */
export class SurveyNotFound extends Schema.TaggedError<SurveyNotFound>("@pleegzorg/core/Survey/SurveyNotFound")(
  "SurveyNotFound",
  { surveyId: Schema.String }
) {
  override get message() {
    return `Er is geen vragenlijst met id ${this.surveyId}. / There is no survey with id ${this.surveyId}.`
  }
}

/**
 * The survey is not in the state this needs: adapting an open survey,
 * answering a closed one, a report before closing.
 *
 * @since 0.3.0
 * @category errors
 */
export class SurveyStateConflict extends Schema.TaggedError<SurveyStateConflict>("@pleegzorg/core/Survey/SurveyStateConflict")(
  "SurveyStateConflict",
  { surveyId: Schema.String, status: Schema.Literal("Draft", "Open", "Closed"), problem: LocalizedText.LocalizedText }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * Questionnaires that cannot be used: a question id twice in one
 * questionnaire, the same id with another type elsewhere, a number question
 * whose minimum is above its maximum, an audience twice.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidQuestionnaire extends Schema.TaggedError<InvalidQuestionnaire>("@pleegzorg/core/Survey/InvalidQuestionnaire")(
  "InvalidQuestionnaire",
  { problems: Schema.Array(LocalizedText.LocalizedText) }
) {
  override get message() {
    return this.problems.map((p) => `${p.nl} / ${p.en}`).join("; ")
  }
}

/**
 * Every problem of a set of questionnaires (empty when they can be used).
 *
 * @since 0.3.0
 * @category validation
 */
export const problemsOf = (questionnaires: ReadonlyArray<Questionnaire>): ReadonlyArray<LocalizedText.LocalizedText> => {
  const problems: Array<LocalizedText.LocalizedText> = []
  const audiencesSeen = new Set<Audience>()
  const kinds = new Map<string, string>()
  for (const questionnaire of questionnaires) {
    if (audiencesSeen.has(questionnaire.audience)) {
      problems.push({
        nl: `Er zijn twee vragenlijsten voor ${audienceLabel(questionnaire.audience).nl.toLowerCase()}.`,
        en: `There are two questionnaires for ${audienceLabel(questionnaire.audience).en.toLowerCase()}.`
      })
    }
    audiencesSeen.add(questionnaire.audience)
    const ids = new Set<string>()
    for (const question of questionnaire.questions) {
      if (ids.has(question.id)) {
        problems.push({
          nl: `De vraag ${question.id} staat twee keer in de vragenlijst voor ${audienceLabel(questionnaire.audience).nl.toLowerCase()}.`,
          en: `The question ${question.id} is twice in the questionnaire for ${audienceLabel(questionnaire.audience).en.toLowerCase()}.`
        })
      }
      ids.add(question.id)
      const kind = question._tag === "SingleChoice" || question._tag === "MultipleChoice"
        ? `${question._tag}:${question.options.length}`
        : question._tag === "Number"
        ? `Number:${question.min}:${question.max}`
        : question._tag
      const earlier = kinds.get(question.id)
      if (earlier !== undefined && earlier !== kind) {
        problems.push({
          nl: `De vraag ${question.id} is in twee vragenlijsten een ander soort vraag.`,
          en: `The question ${question.id} is a different kind of question in two questionnaires.`
        })
      }
      kinds.set(question.id, kind)
      if (question._tag === "Number" && question.min > question.max) {
        problems.push({
          nl: `Bij de vraag ${question.id} is het minimum (${question.min}) groter dan het maximum (${question.max}).`,
          en: `The question ${question.id} has a minimum (${question.min}) above its maximum (${question.max}).`
        })
      }
    }
  }
  return problems
}
