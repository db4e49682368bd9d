/**
 * The six groups of people in het goede gesprek over pleegzorg, and what each
 * of them may do.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as LocalizedText from "./LocalizedText.js"

/**
 * Groups with a minimum age (14): foster children and foster parents' own
 * children. They give a birth date when they sign up.
 *
 * @since 0.1.0
 * @category models
 */
export const YouthGroup = Schema.Literal("FosterChild", "OwnChild")

/**
 * @since 0.1.0
 * @category models
 */
export type YouthGroup = typeof YouthGroup.Type

/**
 * Groups without a minimum age. They are not asked for a birth date.
 *
 * @since 0.1.0
 * @category models
 */
export const AdultGroup = Schema.Literal("FosterParent", "Parent", "CareWorker", "PolicyMaker")

/**
 * @since 0.1.0
 * @category models
 */
export type AdultGroup = typeof AdultGroup.Type

/**
 * One of the six stakeholder groups.
 *
 * @since 0.1.0
 * @category models
 */
export const StakeholderGroup = Schema.Literal(...YouthGroup.literals, ...AdultGroup.literals).annotations({
  identifier: "StakeholderGroup"
})

/**
 * @since 0.1.0
 * @category models
 */
export type StakeholderGroup = typeof StakeholderGroup.Type

/**
 * The four audiences a survey goes to. Foster children and own children 14+
 * answer with their foster family.
 *
 * @since 0.1.0
 * @category models
 */
export const SurveyAudience = Schema.Literal("FosterFamilies", "Parents", "CareWorkers", "PolicyMakers").annotations({
  identifier: "SurveyAudience"
})

/**
 * @since 0.1.0
 * @category models
 */
export type SurveyAudience = typeof SurveyAudience.Type

/**
 * Where a person's municipality is taken from: families by where they live,
 * professionals by where they work.
 *
 * @since 0.1.0
 * @category models
 */
export type Locality = "residence" | "work"

/**
 * What a group is and may do.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupInfo {
  readonly group: StakeholderGroup
  /** Plural label, as in a list of who takes part. */
  readonly label: LocalizedText.LocalizedText
  /** Singular label, as in "je meldt je aan als …". */
  readonly singular: LocalizedText.LocalizedText
  readonly takesPartInDialogue: boolean
  readonly surveyAudience: Option.Option<SurveyAudience>
  readonly minimumAge: Option.Option<number>
  readonly locality: Locality
}

const { make: text } = LocalizedText

/**
 * The minimum age of foster children and own children for the dialogue.
 *
 * @since 0.1.0
 * @category constants
 */
export const YOUTH_MINIMUM_AGE = 14

/**
 * Every group, in the order used in overviews. All six take part in the
 * dialogue and receive a survey; only the two youth groups have a minimum age.
 *
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<GroupInfo> = [
  {
    group: "FosterParent",
    label: text("pleegouders", "foster parents"),
    singular: text("pleegouder", "foster parent"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("FosterFamilies"),
    minimumAge: Option.none(),
    locality: "residence"
  },
  {
    group: "FosterChild",
    label: text("pleegkinderen (14+)", "foster children (14+)"),
    singular: text("pleegkind", "foster child"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("FosterFamilies"),
    minimumAge: Option.some(YOUTH_MINIMUM_AGE),
    locality: "residence"
  },
  {
    group: "OwnChild",
    label: text("eigen kinderen van pleegouders (14+)", "foster parents' own children (14+)"),
    singular: text("eigen kind van pleegouders", "foster parents' own child"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("FosterFamilies"),
    minimumAge: Option.some(YOUTH_MINIMUM_AGE),
    locality: "residence"
  },
  {
    group: "Parent",
    label: text("ouders", "(birth) parents"),
    singular: text("ouder", "(birth) parent"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("Parents"),
    minimumAge: Option.none(),
    locality: "residence"
  },
  {
    // Pleegzorgbegeleiders and other professionals of foster-care providers.
    group: "CareWorker",
    label: text("hulpverleners", "care workers"),
    singular: text("hulpverlener", "care worker"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("CareWorkers"),
    minimumAge: Option.none(),
    locality: "work"
  },
  {
    group: "PolicyMaker",
    label: text("beleidsmakers", "policy makers"),
    singular: text("beleidsmaker", "policy maker"),
    takesPartInDialogue: true,
    surveyAudience: Option.some("PolicyMakers"),
    minimumAge: Option.none(),
    locality: "work"
  }
]

const byGroup = new Map(all.map((i) => [i.group, i]))

/**
 * What a group is and may do.
 *
 * @since 0.1.0
 * @category getters
 */
export const describe = (group: StakeholderGroup): GroupInfo => byGroup.get(group)!

/**
 * Labels of the survey audiences.
 *
 * @since 0.1.0
 * @category getters
 */
export const audienceLabel = (audience: SurveyAudience): LocalizedText.LocalizedText => {
  switch (audience) {
    case "FosterFamilies":
      return LocalizedText.make("pleeggezinnen", "foster families")
    case "Parents":
      return LocalizedText.make("ouders", "(birth) parents")
    case "CareWorkers":
      return LocalizedText.make("hulpverleners", "care workers")
    case "PolicyMakers":
      return LocalizedText.make("beleidsmakers", "policy makers")
  }
}

/**
 * The groups whose members answer a survey for `audience`.
 *
 * @since 0.1.0
 * @category getters
 */
export const groupsOfAudience = (audience: SurveyAudience): ReadonlyArray<StakeholderGroup> =>
  all.filter((i) => Option.contains(i.surveyAudience, audience)).map((i) => i.group)

/**
 * @since 0.1.0
 * @category predicates
 */
export const isYouthGroup = (group: StakeholderGroup): group is YouthGroup =>
  Schema.is(YouthGroup)(group)
