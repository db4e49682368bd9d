/**
 * The error for input from outside (an HTTP body, a CLI argument, a form)
 * that does not have the expected shape.
 *
 * @since 0.1.0
 */
import * as Array from "effect/Array"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"

/**
 * One thing wrong with the input: where (`path`, such as `person.birthDate`;
 * empty for the input as a whole) and what, in Dutch and English
 * (`"… / …"`).
 *
 * @since 0.1.0
 * @category models
 */
export class Issue extends Schema.Class<Issue>("@pleegzorg/core/InvalidInput/Issue")({
  path: Schema.String,
  message: Schema.String
}) {}

/**
 * Input that could not be decoded. Lists every problem found, each with the
 * field it concerns; nothing was done with the input.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@pleegzorg/core/InvalidInput")(
  "InvalidInput",
  { issues: Schema.NonEmptyArray(Issue) }
) {
  override get message(): string {
    return this.issues.map((issue) => issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`).join("; ")
  }

  /**
   * For people: an opening sentence in Dutch and English, then every issue.
   *
   * @since 0.1.0
   */
  get text(): LocalizedText.LocalizedText {
    return LocalizedText.make(
      `Niet alles is goed ingevuld: ${this.message}`,
      `Not everything was filled in correctly: ${this.message}`
    )
  }
}

// Messages written for this package are Dutch and English already ("… / …").
// Effect's own messages are English; they get a Dutch version in front.
const bilingualIssue = (issue: ParseResult.ArrayFormatterIssue): string => {
  const message = issue.message
  if (message.includes(" / ")) return message
  switch (issue._tag) {
    case "Missing":
      return "Dit veld ontbreekt. / This field is missing."
    case "Unexpected":
      return "Dit veld hoort hier niet. / This field is not expected here."
    case "Type": {
      const typed = /^Expected (.*), actual (.*)$/s.exec(message)
      return typed === null
        ? `Dit heeft niet de goede vorm. / ${message}`
        : `Verwacht ${typed[1]}, maar kreeg ${typed[2]}. / Expected ${typed[1]}, got ${typed[2]}.`
    }
    default:
      return `Dit klopt niet. / ${message}`
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (path: string, message: string): InvalidInput =>
  new InvalidInput({ issues: [new Issue({ path, message })] })

/**
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (error: ParseResult.ParseError): InvalidInput => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
    new Issue({ path: issue.path.map(String).join("."), message: bilingualIssue(issue) })
  )
  return new InvalidInput({
    issues: Array.isNonEmptyArray(issues) ? issues : [new Issue({ path: "", message: error.message })]
  })
}

/**
 * Decodes outside input with a schema, reporting every problem (not just the
 * first) as an {@link InvalidInput}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeEither = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (input: unknown): Either.Either<A, InvalidInput> => Either.mapLeft(decode(input), fromParseError)
}

/**
 * {@link decodeEither} as an Effect.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const run = decodeEither(schema)
  return (input: unknown): Effect.Effect<A, InvalidInput> => run(input)
}
