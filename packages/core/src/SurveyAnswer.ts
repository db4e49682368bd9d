/**
 * One person's answers to a questionnaire: checked against the
 * questionnaire, and stored without anything that could lead back to them.
 *
 * A stored answer has a random id and holds the survey, the report group
 * and (if asked) the municipality, and the answers. It has no token, no
 * time, no address, and nothing about the device or connection it came from.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as LocalizedText from "./LocalizedText.js"
import { MunicipalityCode } from "./Municipality.js"
import * as Survey from "./Survey.js"

/**
 * Identifies a stored answer: `ans_` and 20 random letters or digits, so the
 * id says nothing about when it was given.
 *
 * @since 0.3.0
 * @category models
 */
export const AnswerId = Schema.String.pipe(
  Schema.pattern(/^ans_[0-9a-z]{20}$/),
  Schema.brand("@pleegzorg/core/AnswerId"),
  Schema.annotations({ identifier: "AnswerId" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type AnswerId = typeof AnswerId.Type

/**
 * The answer to one question: a scale point (1–5), an option's position
 * (from 0), several positions, a whole number, or a text.
 *
 * @since 0.3.0
 * @category models
 */
export const Value = Schema.Union(Schema.Int, Schema.Array(Schema.Int), Schema.String)

/**
 * @since 0.3.0
 * @category models
 */
export type Value = typeof Value.Type

/**
 * A stored answer. See the module for what it does not hold.
 *
 * @since 0.3.0
 * @category models
 */
export class Answer extends Schema.Class<Answer>("@pleegzorg/core/SurveyAnswer/Answer")({
  id: AnswerId,
  surveyId: Survey.SurveyId,
  group: Survey.ReportGroup,
  municipality: Schema.OptionFromNullOr(MunicipalityCode),
  values: Schema.Record({ key: Schema.String, value: Value })
}) {}

/**
 * What a respondent sends: per question id the answer. A question left out
 * (or an empty text) is not answered.
 *
 * @since 0.3.0
 * @category models
 */
export const AnswersInput = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.3.0
 * @category models
 */
export type AnswersInput = typeof AnswersInput.Type

/**
 * What is wrong with one answer, or with the whole (an unknown question).
 *
 * @since 0.3.0
 * @category models
 */
export interface Problem {
  readonly question: string
  readonly problem: LocalizedText.LocalizedText
}

/**
 * The answers do not fit the questionnaire; every problem is listed, and
 * nothing was stored.
 *
 * @since 0.3.0
 * @category errors
 */
export class AnswersRefused extends Schema.TaggedError<AnswersRefused>("@pleegzorg/core/SurveyAnswer/AnswersRefused")(
  "AnswersRefused",
  {
    problems: Schema.Array(Schema.Struct({
      question: Schema.String,
      problem: Schema.Struct({ nl: Schema.String, en: Schema.String })
    }))
  }
) {
  override get message() {
    return this.problems.map((p) => `${p.question}: ${p.problem.en}`).join("; ")
  }
}

const isInt = (u: unknown): u is number => typeof u === "number" && Number.isInteger(u)

const check = (question: Survey.Question, raw: unknown): Either.Either<Option.Option<Value>, LocalizedText.LocalizedText> => {
  const missing = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "") ||
    (Array.isArray(raw) && raw.length === 0 && question._tag !== "MultipleChoice")
  if (missing) {
    return question.required
      ? Either.left({ nl: "Deze vraag moet je beantwoorden.", en: "This question needs an answer." })
      : Either.right(Option.none())
  }
  switch (question._tag) {
    case "Likert":
      return isInt(raw) && raw >= 1 && raw <= 5
        ? Either.right(Option.some(raw))
        : Either.left({ nl: "Kies een antwoord van 1 tot en met 5.", en: "Choose an answer from 1 to 5." })
    case "SingleChoice":
      return isInt(raw) && raw >= 0 && raw < question.options.length
        ? Either.right(Option.some(raw))
        : Either.left({ nl: "Kies een van de antwoorden.", en: "Choose one of the answers." })
    case "MultipleChoice": {
      const ok = Array.isArray(raw) && raw.every((x) => isInt(x) && x >= 0 && x < question.options.length) &&
        new Set(raw).size === raw.length
      if (!ok) return Either.left({ nl: "Kies een of meer van de antwoorden, elk één keer.", en: "Choose one or more of the answers, each once." })
      if (raw.length === 0) {
        return question.required
          ? Either.left({ nl: "Deze vraag moet je beantwoorden.", en: "This question needs an answer." })
          : Either.right(Option.none())
      }
      return Either.right(Option.some([...(raw as Array<number>)].sort((a, b) => a - b)))
    }
    case "Number":
      return isInt(raw) && raw >= question.min && raw <= question.max
        ? Either.right(Option.some(raw))
        : Either.left({
          nl: `Vul een heel getal in van ${question.min} tot en met ${question.max}.`,
          en: `Fill in a whole number from ${question.min} to ${question.max}.`
        })
    case "FreeText":
      return typeof raw === "string" && raw.trim().length <= question.maxLength
        ? Either.right(Option.some(raw.trim()))
        : Either.left({
          nl: `Schrijf een tekst van hoogstens ${question.maxLength} tekens.`,
          en: `Write a text of at most ${question.maxLength} characters.`
        })
  }
}

/**
 * Checks `input` against `questionnaire`: every answer of the right kind and
 * in range, every required question answered, no unknown question. Returns
 * the answers to keep, or every problem at once.
 *
 * @since 0.3.0
 * @category validation
 */
export const validate = (
  questionnaire: Survey.Questionnaire,
  input: AnswersInput
): Either.Either<Readonly<Record<string, Value>>, AnswersRefused> => {
  const problems: Array<Problem> = []
  const values: Record<string, Value> = {}
  const known = new Set(questionnaire.questions.map((q) => q.id))
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      problems.push({
        question: key,
        problem: { nl: "Deze vraag staat niet in de vragenlijst.", en: "This question is not in the questionnaire." }
      })
    }
  }
  for (const question of questionnaire.questions) {
    const result = check(question, input[question.id])
    if (Either.isLeft(result)) problems.push({ question: question.id, problem: result.left })
    else if (Option.isSome(result.right)) values[question.id] = result.right.value
  }
  return problems.length > 0 ? Either.left(new AnswersRefused({ problems })) : Either.right(values)
}

/**
 * What one answer adds to the counts of its survey (see
 * `SurveyStorage.Count`): one row for the respondent (`question` "",
 * `value` 0), one per number, scale point or single choice, one per chosen
 * option of a multiple choice plus one with `value` −1 for having answered
 * it. Texts add nothing. For storage adapters that keep counts up to date.
 *
 * @since 0.3.0
 * @category counting
 */
export const countsOf = (
  answer: Answer
): ReadonlyArray<{ readonly question: string; readonly value: number }> => {
  const rows: Array<{ question: string; value: number }> = [{ question: "", value: 0 }]
  for (const [question, value] of Object.entries(answer.values)) {
    if (typeof value === "number") rows.push({ question, value })
    else if (Array.isArray(value)) {
      rows.push({ question, value: -1 })
      for (const option of value) rows.push({ question, value: option })
    }
  }
  return rows
}
