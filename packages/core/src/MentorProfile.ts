/**
 * The two sides of mentor matching: a prospective foster parent
 * (aspirant-pleegouder) who wants someone to ask, and an experienced foster
 * parent (ervaren pleegouder) who offers to be that person.
 *
 * A profile holds what matching needs (municipality, kinds of foster care,
 * family situation, languages, availability) and the contact for the
 * introduction mail. A prospect's questions are never used for matching and
 * are shown only to the mentor who accepted. Removing a profile erases it.
 *
 * @since 0.4.0
 */
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"
import { MunicipalityCode } from "./Municipality.js"
import { Email, PersonName } from "./Registration.js"

/**
 * The kinds of foster care: crisis, short-term, long-term, part-time
 * (weekends and holidays), and kinship or network foster care.
 *
 * @since 0.4.0
 * @category models
 */
export const CareKind = Schema.Literal("Crisis", "ShortTerm", "LongTerm", "PartTime", "Kinship")

/**
 * @since 0.4.0
 * @category models
 */
export type CareKind = typeof CareKind.Type

/**
 * The kinds of foster care in words.
 *
 * @since 0.4.0
 * @category models
 */
export const careKindLabel: Readonly<Record<CareKind, LocalizedText.LocalizedText>> = {
  Crisis: { nl: "crisispleegzorg", en: "crisis foster care" },
  ShortTerm: { nl: "kortdurende pleegzorg", en: "short-term foster care" },
  LongTerm: { nl: "langdurende pleegzorg", en: "long-term foster care" },
  PartTime: { nl: "deeltijdpleegzorg (weekend en vakantie)", en: "part-time foster care (weekends and holidays)" },
  Kinship: { nl: "netwerkpleegzorg", en: "kinship foster care" }
}

/**
 * The family situation, in broad categories only.
 *
 * @since 0.4.0
 * @category models
 */
export const FamilySituation = Schema.Literal("Single", "CoupleWithChildren", "CoupleWithoutChildren")

/**
 * @since 0.4.0
 * @category models
 */
export type FamilySituation = typeof FamilySituation.Type

/**
 * The family situations in words.
 *
 * @since 0.4.0
 * @category models
 */
export const familyLabel: Readonly<Record<FamilySituation, LocalizedText.LocalizedText>> = {
  Single: { nl: "alleenstaand", en: "single" },
  CoupleWithChildren: { nl: "stel met eigen kinderen", en: "couple with children of their own" },
  CoupleWithoutChildren: { nl: "stel zonder eigen kinderen", en: "couple without children of their own" }
}

/**
 * When someone can talk: during the day, in the evening, at the weekend.
 *
 * @since 0.4.0
 * @category models
 */
export const Availability = Schema.Literal("Daytime", "Evenings", "Weekends")

/**
 * @since 0.4.0
 * @category models
 */
export type Availability = typeof Availability.Type

/**
 * The moments in words.
 *
 * @since 0.4.0
 * @category models
 */
export const availabilityLabel: Readonly<Record<Availability, LocalizedText.LocalizedText>> = {
  Daytime: { nl: "overdag", en: "daytime" },
  Evenings: { nl: "'s avonds", en: "evenings" },
  Weekends: { nl: "in het weekend", en: "weekends" }
}

/**
 * A language, as its ISO 639-1 code in lower case (`nl`, `en`, `ar`, `tr`,
 * `pl`, `fy`, …).
 *
 * @since 0.4.0
 * @category models
 */
export const LanguageCode = Schema.String.pipe(
  Schema.pattern(/^[a-z]{2}$/, {
    message: () => "Gebruik een taalcode van twee letters, zoals nl of en. / Use a two-letter language code, such as nl or en."
  }),
  Schema.brand("@pleegzorg/core/LanguageCode"),
  Schema.annotations({ identifier: "LanguageCode" })
)

/**
 * @since 0.4.0
 * @category models
 */
export type LanguageCode = typeof LanguageCode.Type

const names: Record<string, LocalizedText.LocalizedText> = {
  nl: { nl: "Nederlands", en: "Dutch" },
  en: { nl: "Engels", en: "English" },
  fy: { nl: "Fries", en: "Frisian" },
  de: { nl: "Duits", en: "German" },
  fr: { nl: "Frans", en: "French" },
  ar: { nl: "Arabisch", en: "Arabic" },
  tr: { nl: "Turks", en: "Turkish" },
  pl: { nl: "Pools", en: "Polish" },
  ti: { nl: "Tigrinya", en: "Tigrinya" },
  so: { nl: "Somalisch", en: "Somali" },
  uk: { nl: "Oekraïens", en: "Ukrainian" },
  es: { nl: "Spaans", en: "Spanish" },
  pt: { nl: "Portugees", en: "Portuguese" }
}

/**
 * The name of a language, or its code when this library does not know it.
 *
 * @since 0.4.0
 * @category models
 */
export const languageLabel = (code: string): LocalizedText.LocalizedText => names[code] ?? { nl: code, en: code }

// A set given as a list: at least one, no repeats.
const setOf = <A, I>(
  item: Schema.Schema<A, I>,
  what: LocalizedText.LocalizedText
): Schema.Schema<ReadonlyArray<A>, ReadonlyArray<I>> =>
  Schema.Array(item).pipe(
    Schema.minItems(1, { message: () => `Kies minstens één ${what.nl}. / Choose at least one ${what.en}.` }),
    Schema.filter((items) => new Set(items).size === items.length || `Elke ${what.nl} één keer. / Each ${what.en} once.`)
  )

/**
 * Identifies a prospect: `asp_` and 20 letters or digits.
 *
 * @since 0.4.0
 * @category models
 */
export const ProspectId = Schema.String.pipe(
  Schema.pattern(/^asp_[0-9a-z]{20}$/),
  Schema.brand("@pleegzorg/core/ProspectId"),
  Schema.annotations({ identifier: "ProspectId" })
)

/**
 * @since 0.4.0
 * @category models
 */
export type ProspectId = typeof ProspectId.Type

/**
 * Identifies a mentor: `mnt_` and 20 letters or digits.
 *
 * @since 0.4.0
 * @category models
 */
export const MentorId = Schema.String.pipe(
  Schema.pattern(/^mnt_[0-9a-z]{20}$/),
  Schema.brand("@pleegzorg/core/MentorId"),
  Schema.annotations({ identifier: "MentorId" })
)

/**
 * @since 0.4.0
 * @category models
 */
export type MentorId = typeof MentorId.Type

/**
 * How to reach someone for the introduction.
 *
 * @since 0.4.0
 * @category models
 */
export class Contact extends Schema.Class<Contact>("@pleegzorg/core/MentorProfile/Contact")({
  name: PersonName,
  email: Email,
  language: LocalizedText.Language
}) {}

/**
 * Experience with one kind of foster care, in whole years.
 *
 * @since 0.4.0
 * @category models
 */
export class Experience extends Schema.Class<Experience>("@pleegzorg/core/MentorProfile/Experience")({
  kind: CareKind,
  years: Schema.Int.pipe(Schema.between(0, 60, { message: () => "Aantal jaren: 0 tot 60. / Years: 0 to 60." }))
}) {}

const matchingFields = {
  municipality: MunicipalityCode,
  family: FamilySituation,
  languages: setOf(LanguageCode, { nl: "taal", en: "language" }),
  availability: setOf(Availability, { nl: "moment", en: "moment" })
}

/**
 * What a prospect fills in.
 *
 * @since 0.4.0
 * @category inputs
 */
export const ProspectInput = Schema.Struct({
  ...matchingFields,
  kinds: setOf(CareKind, { nl: "vorm van pleegzorg", en: "kind of foster care" }),
  questions: Schema.optionalWith(Schema.Trim.pipe(Schema.maxLength(2000)), { default: () => "" }),
  contact: Contact
})

/**
 * What a mentor fills in. Capacity: how many prospects at a time, 1 to 3.
 *
 * @since 0.4.0
 * @category inputs
 */
export const MentorInput = Schema.Struct({
  ...matchingFields,
  experience: Schema.Array(Experience).pipe(
    Schema.minItems(1, { message: () => "Kies minstens één vorm van pleegzorg. / Choose at least one kind of foster care." }),
    Schema.filter((items) =>
      new Set(items.map((e) => e.kind)).size === items.length || "Elke vorm van pleegzorg één keer. / Each kind of foster care once."
    )
  ),
  capacity: Schema.Int.pipe(
    Schema.between(1, 3, { message: () => "Een mentor neemt 1 tot 3 aspiranten tegelijk. / A mentor takes 1 to 3 prospects at a time." })
  ),
  contact: Contact
})

/**
 * A prospective foster parent; `since` is when they started waiting.
 *
 * @since 0.4.0
 * @category models
 */
export class Prospect extends Schema.Class<Prospect>("@pleegzorg/core/MentorProfile/Prospect")({
  id: ProspectId,
  ...ProspectInput.fields,
  questions: Schema.String,
  since: Schema.DateTimeUtc,
  version: Schema.Int
}) {}

/**
 * An experienced foster parent. A paused mentor gets no new proposals;
 * their current matches go on.
 *
 * @since 0.4.0
 * @category models
 */
export class Mentor extends Schema.Class<Mentor>("@pleegzorg/core/MentorProfile/Mentor")({
  id: MentorId,
  ...MentorInput.fields,
  active: Schema.Boolean,
  version: Schema.Int
}) {}

/**
 * The kinds of foster care a mentor has experience with.
 *
 * @since 0.4.0
 * @category getters
 */
export const kindsOf = (mentor: Pick<Mentor, "experience">): ReadonlyArray<CareKind> => mentor.experience.map((e) => e.kind)
