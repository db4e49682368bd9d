/**
 * Text shown to people: Dutch first, English beside it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A text in Dutch (`nl`, the default) and English (`en`).
 *
 * @since 0.1.0
 * @category models
 */
export const LocalizedText = Schema.Struct({
  nl: Schema.String,
  en: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LocalizedText extends Schema.Schema.Type<typeof LocalizedText> {}

/**
 * The languages every user-facing text is available in.
 *
 * @since 0.1.0
 * @category models
 */
export const Language = Schema.Literal("nl", "en")

/**
 * @since 0.1.0
 * @category models
 */
export type Language = typeof Language.Type

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (nl: string, en: string): LocalizedText => ({ nl, en })

/**
 * Dutch with the English beside it, for one-line output such as logs of the
 * examples and error messages: `"Onbekende regio / Unknown region"`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const bilingual = (text: LocalizedText): string => text.nl === text.en ? text.nl : `${text.nl} / ${text.en}`
