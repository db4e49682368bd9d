/**
 * Who may take part in a track: a pure decision for a person and a track.
 *
 * A person takes part in the region where they live (families) or work
 * (professionals). Foster children and own children take part from 14, by
 * their age on the day of the first session in Amsterdam. Under-16s need a
 * parent's or guardian's consent before their data may be processed (the
 * Dutch GDPR implementation, UAVG art. 5, sets the age of consent at 16).
 *
 * The birth date is needed to decide, but a {@link Decision} does not hold
 * it: keep the decision (outcome, the date it was checked for, whether consent
 * is needed) and throw the birth date away.
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import { type Gazetteer, Geography, MunicipalityNotFound, RegionNotFound } from "./Geography.js"
import * as InvalidInput from "./InvalidInput.js"
import * as LocalizedText from "./LocalizedText.js"
import { MunicipalityCode } from "./Municipality.js"
import { label, RegionCode } from "./Region.js"
import * as StakeholderGroup from "./StakeholderGroup.js"

/**
 * Under this age a parent or guardian must consent before a participant's
 * data is processed (UAVG art. 5).
 *
 * @since 0.1.0
 * @category constants
 */
export const AGE_OF_CONSENT = 16

/**
 * The time zone whose calendar decides ages: the sessions are in the
 * Netherlands.
 *
 * @since 0.1.0
 * @category constants
 */
export const TIME_ZONE = "Europe/Amsterdam"

// A birth date further back than this is a typing error, not an age.
const MAXIMUM_PLAUSIBLE_AGE = 120

let amsterdam: DateTime.TimeZone | undefined
const timeZone = () => (amsterdam ??= DateTime.zoneUnsafeMakeNamed(TIME_ZONE))

// -----------------------------------------------------------------------------
// input
// -----------------------------------------------------------------------------

const youthApplicant = <G extends StakeholderGroup.YouthGroup>(group: G) =>
  Schema.Struct({
    group: Schema.Literal(group),
    municipality: MunicipalityCode,
    birthDate: Schema.propertySignature(CalendarDate.CalendarDate).annotations({
      missingMessage: () =>
        "De geboortedatum ontbreekt. Die is nodig voor pleegkinderen en eigen kinderen. / The birth date is missing. It is needed for foster children and own children."
    })
  })

const adultApplicant = <G extends StakeholderGroup.AdultGroup>(group: G) =>
  Schema.Struct({
    group: Schema.Literal(group),
    municipality: MunicipalityCode
  })

/**
 * A person who wants to take part, in the shape that a sign-up form sends.
 *
 * - Foster children and own children give a birth date, only to decide
 *   their age; `municipality` is where they live.
 * - Adults give no birth date. `municipality` is where they live (foster
 *   parents, parents) or work (care workers, policy makers).
 *
 * One member per group, so that a decoding error speaks only of the fields
 * of the group that was given.
 *
 * @since 0.1.0
 * @category models
 */
export const Applicant = Schema.Union(
  youthApplicant("FosterChild"),
  youthApplicant("OwnChild"),
  adultApplicant("FosterParent"),
  adultApplicant("Parent"),
  adultApplicant("CareWorker"),
  adultApplicant("PolicyMaker")
).annotations({ identifier: "Applicant" })

/**
 * @since 0.1.0
 * @category models
 */
export type Applicant = typeof Applicant.Type

const instantWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

/**
 * The start of a session: an ISO 8601 time **with** its offset
 * (`2022-11-17T16:00:00+01:00` or `2022-11-17T15:00:00Z`), in the years 2000
 * to 2999. A time without an offset, as a `datetime-local` form field sends
 * it, is refused: read as UTC, an evening session in Amsterdam would fall on
 * the wrong day.
 *
 * @since 0.1.0
 * @category models
 */
export const SessionStart = Schema.String.pipe(
  Schema.filter((s) =>
    instantWithZone.test(s) ||
    `"${s}" is geen tijdstip met tijdzone. Schrijf bijvoorbeeld 2022-11-17T16:00:00+01:00. / "${s}" is not a time with a time zone. Write for example 2022-11-17T16:00:00+01:00.`
  ),
  Schema.compose(Schema.DateTimeUtc),
  Schema.filter((instant) => {
    const year = DateTime.getPartUtc(instant, "year")
    return (year >= 2000 && year <= 2999) ||
      `Het jaar ${year} kan niet kloppen voor een bijeenkomst. / The year ${year} cannot be right for a session.`
  }),
  Schema.annotations({ identifier: "SessionStart" })
)

/**
 * What the decision needs to know about a track: its region and when its
 * first session starts.
 *
 * @since 0.1.0
 * @category models
 */
export const TrackFacts = Schema.Struct({
  region: RegionCode,
  firstSessionStart: SessionStart
})

/**
 * @since 0.1.0
 * @category models
 */
export type TrackFacts = typeof TrackFacts.Type

/**
 * The day a track's first session falls on in Amsterdam.
 *
 * @since 0.1.0
 * @category getters
 */
export const firstSessionDay = (track: TrackFacts): CalendarDate.CalendarDate =>
  CalendarDate.fromDateTime(track.firstSessionStart, timeZone())

/**
 * A person and a track. Decoding refuses a birth date after the first
 * session or more than 120 years before it: such a date is a typing error,
 * not an age.
 *
 * @since 0.1.0
 * @category models
 */
export const Request = Schema.Struct({
  person: Applicant,
  track: TrackFacts
}).pipe(
  Schema.filter(({ person, track }) => {
    if (!("birthDate" in person)) return true
    const { birthDate } = person
    const day = firstSessionDay(track)
    const problem = birthDate > day
      ? `De geboortedatum ${birthDate} ligt na de eerste bijeenkomst. Kijk of je de goede datum hebt ingevuld. / The birth date ${birthDate} is after the first session. Please check the date you entered.`
      : CalendarDate.ageOn(birthDate, day) > MAXIMUM_PLAUSIBLE_AGE
      ? `De geboortedatum ${birthDate} kan niet kloppen. Kijk of je de goede datum hebt ingevuld. / The birth date ${birthDate} cannot be right. Please check the date you entered.`
      : undefined
    return problem === undefined || { path: ["person", "birthDate"], message: problem }
  }),
  Schema.annotations({ identifier: "EligibilityRequest" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Request = typeof Request.Type

// -----------------------------------------------------------------------------
// decision
// -----------------------------------------------------------------------------

/**
 * The person's municipality is not in the track's region. Names are included
 * so that the reason can be told without further look-ups.
 *
 * @since 0.1.0
 * @category models
 */
export class OutsideRegion extends Schema.TaggedClass<OutsideRegion>("@pleegzorg/core/Eligibility/OutsideRegion")(
  "OutsideRegion",
  {
    /** Whether the municipality is where the person lives or works. */
    locality: Schema.Literal("residence", "work"),
    municipality: MunicipalityCode,
    municipalityName: Schema.String,
    municipalityRegion: RegionCode,
    municipalityRegionName: Schema.String,
    trackRegion: RegionCode,
    trackRegionName: Schema.String
  }
) {}

/**
 * The person is younger than their group's minimum age on the day of the
 * first session.
 *
 * @since 0.1.0
 * @category models
 */
export class BelowMinimumAge
  extends Schema.TaggedClass<BelowMinimumAge>("@pleegzorg/core/Eligibility/BelowMinimumAge")("BelowMinimumAge", {
    group: StakeholderGroup.YouthGroup,
    minimumAge: Schema.Int,
    age: Schema.Int
  })
{}

/**
 * Why a person may not take part.
 *
 * @since 0.1.0
 * @category models
 */
export const IneligibilityReason = Schema.Union(OutsideRegion, BelowMinimumAge)

/**
 * @since 0.1.0
 * @category models
 */
export type IneligibilityReason = typeof IneligibilityReason.Type

/**
 * The person may take part. `parentalConsentRequired` is true for under-16s:
 * registration must then record a parent's or guardian's consent before it
 * confirms.
 *
 * @since 0.1.0
 * @category models
 */
export class Eligible extends Schema.TaggedClass<Eligible>("@pleegzorg/core/Eligibility/Eligible")("Eligible", {
  /** The day the decision was made for: the first session, in Amsterdam. */
  checkedFor: CalendarDate.CalendarDate,
  parentalConsentRequired: Schema.Boolean
}) {}

/**
 * The person may not take part, with every reason (not just the first).
 *
 * @since 0.1.0
 * @category models
 */
export class Ineligible extends Schema.TaggedClass<Ineligible>("@pleegzorg/core/Eligibility/Ineligible")(
  "Ineligible",
  {
    checkedFor: CalendarDate.CalendarDate,
    reasons: Schema.NonEmptyArray(IneligibilityReason)
  }
) {}

/**
 * The outcome of {@link decide}. Holds no birth date and can be stored as
 * it is.
 *
 * @since 0.1.0
 * @category models
 */
export const Decision = Schema.Union(Eligible, Ineligible).annotations({ identifier: "EligibilityDecision" })

/**
 * @since 0.1.0
 * @category models
 */
export type Decision = typeof Decision.Type

/**
 * Decides for a decoded request. Fails only when the request names a
 * municipality or region that the data does not know.
 *
 * @since 0.1.0
 * @category decisions
 */
export const decide = (
  gazetteer: Gazetteer,
  request: Request
): Either.Either<Decision, MunicipalityNotFound | RegionNotFound> =>
  Either.gen(function*() {
    const { person, track } = request
    const trackRegion = yield* regionIn(gazetteer, track.region)
    const municipality = yield* municipalityIn(gazetteer, person.municipality)
    const municipalityRegion = yield* regionIn(gazetteer, municipality.region)
    const checkedFor = firstSessionDay(track)
    const info = StakeholderGroup.describe(person.group)
    const reasons: Array<IneligibilityReason> = []

    if (municipality.region !== trackRegion.code) {
      reasons.push(
        new OutsideRegion({
          locality: info.locality,
          municipality: municipality.code,
          municipalityName: municipality.name,
          municipalityRegion: municipalityRegion.code,
          municipalityRegionName: label(municipalityRegion),
          trackRegion: trackRegion.code,
          trackRegionName: label(trackRegion)
        })
      )
    }

    // Only the youth groups give a birth date, so only they have an age here.
    const youth = "birthDate" in person
      ? { group: person.group, age: CalendarDate.ageOn(person.birthDate, checkedFor) }
      : undefined
    if (youth !== undefined && Option.isSome(info.minimumAge) && youth.age < info.minimumAge.value) {
      reasons.push(new BelowMinimumAge({ group: youth.group, minimumAge: info.minimumAge.value, age: youth.age }))
    }

    return Arr.isNonEmptyArray(reasons)
      ? new Ineligible({ checkedFor, reasons })
      : new Eligible({
        checkedFor,
        parentalConsentRequired: youth !== undefined && youth.age < AGE_OF_CONSENT
      })
  })

// The request was decoded, so its codes are well formed: only "not in the
// data" remains, and an InvalidInput from the look-up cannot occur.
const regionIn = (gazetteer: Gazetteer, code: RegionCode) =>
  Either.mapLeft(gazetteer.region(code), (e) => e._tag === "RegionNotFound" ? e : new RegionNotFound({ value: code }))

const municipalityIn = (gazetteer: Gazetteer, code: MunicipalityCode) =>
  Either.mapLeft(
    gazetteer.municipality(code),
    (e) => e._tag === "MunicipalityNotFound" ? e : new MunicipalityNotFound({ value: code, suggestions: [] })
  )

const decodeRequest = InvalidInput.decode(Request)

/**
 * Decodes outside input (a form, an HTTP body) and decides, with the
 * reference data of the {@link Geography} service.
 *
 * @example
 * ```ts
 * // with Eligibility and Geography of @pleegzorg/core, and Effect
 * const decision = Eligibility.check({
 *   person: { group: "FosterChild", municipality: "GM0268", birthDate: "2009-03-01" },
 *   track: { region: "JZ32", firstSessionStart: "2022-11-17T15:00:00Z" }
 * }).pipe(Effect.provide(Geography.Geography.Default), Effect.runSync)
 * ```
 *
 * @since 0.1.0
 * @category decisions
 */
export const check = Effect.fn("Eligibility.check")(function*(input: unknown) {
  const request = yield* decodeRequest(input)
  const gazetteer = yield* Geography
  return yield* decide(gazetteer, request)
})

// -----------------------------------------------------------------------------
// explanations
// -----------------------------------------------------------------------------

/**
 * A reason in plain words, addressed to the person ("je"), Dutch and English.
 *
 * @since 0.1.0
 * @category formatting
 */
export const explainReason = (reason: IneligibilityReason, checkedFor: CalendarDate.CalendarDate): LocalizedText.LocalizedText => {
  switch (reason._tag) {
    case "OutsideRegion": {
      const where = reason.locality === "residence"
        ? { nl: "Je woont in", en: "You live in" }
        : { nl: "Je werkt in", en: "You work in" }
      return LocalizedText.make(
        `${where.nl} ${reason.municipalityName}. Die gemeente hoort bij de regio ${reason.municipalityRegionName}. Dit traject is voor de regio ${reason.trackRegionName}.`,
        `${where.en} ${reason.municipalityName}, which belongs to the region ${reason.municipalityRegionName}. This track is for the region ${reason.trackRegionName}.`
      )
    }
    case "BelowMinimumAge":
      return LocalizedText.make(
        `De eerste bijeenkomst is op ${CalendarDate.format(checkedFor, "nl")}. Dan ben je ${reason.age} jaar. Je kunt meedoen als je ${reason.minimumAge} jaar of ouder bent.`,
        `The first session is on ${CalendarDate.format(checkedFor, "en")}. You will be ${reason.age} then. You can take part if you are ${reason.minimumAge} or older.`
      )
  }
}

/**
 * The whole decision in plain words: first whether the person can take part,
 * then one sentence per reason, or (for an eligible under-16) that consent
 * comes first.
 *
 * @since 0.1.0
 * @category formatting
 */
export const explain = (decision: Decision): Arr.NonEmptyReadonlyArray<LocalizedText.LocalizedText> => {
  if (decision._tag === "Ineligible") {
    return [
      LocalizedText.make("Je kunt niet meedoen aan dit traject.", "You cannot take part in this track."),
      ...decision.reasons.map((reason) => explainReason(reason, decision.checkedFor))
    ]
  }
  const yes = LocalizedText.make("Je kunt meedoen aan dit traject.", "You can take part in this track.")
  return decision.parentalConsentRequired
    ? [
      yes,
      LocalizedText.make(
        `Je bent jonger dan ${AGE_OF_CONSENT} jaar. Daarom moet een ouder of voogd eerst toestemming geven. Pas daarna gebruiken we je gegevens.`,
        `You are under ${AGE_OF_CONSENT}, so a parent or guardian must give permission first. Only then do we use your details.`
      )
    ]
    : [yes]
}
