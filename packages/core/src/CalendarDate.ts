/**
 * Calendar dates (a day without a time), as used for birth dates and for the
 * day a decision was made for.
 *
 * @since 0.1.0
 */
import type * as Brand from "effect/Brand"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Order from "effect/Order"
import * as Schema from "effect/Schema"
import * as InvalidInput from "./InvalidInput.js"
import type { Language } from "./LocalizedText.js"

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * @since 0.1.0
 * @category predicates
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Number of days in a month (1 = January).
 *
 * @since 0.1.0
 * @category utils
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const parse = (s: string): { year: number; month: number; day: number } | undefined => {
  const m = isoDate.exec(s)
  if (m === null) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  return { year, month, day }
}

/**
 * A date that exists on the calendar, written `YYYY-MM-DD`. `2023-02-29` and
 * `2024-13-01` are refused with a message that names the value.
 *
 * @since 0.1.0
 * @category models
 */
export const CalendarDate = Schema.String.pipe(
  Schema.filter((s) =>
    parse(s) !== undefined ||
    (isoDate.test(s)
      ? `De datum ${s} bestaat niet. / The date ${s} does not exist.`
      : `"${s}" is geen datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2009-03-01. / "${s}" is not a date. Write it as YYYY-MM-DD, for example 2009-03-01.`)
  ),
  Schema.brand("@pleegzorg/core/CalendarDate"),
  Schema.annotations({
    identifier: "CalendarDate",
    description: "A calendar date, YYYY-MM-DD",
    arbitrary: () => (fc) =>
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) =>
        new Date(ms).toISOString().slice(0, 10) as string & Brand.Brand<"@pleegzorg/core/CalendarDate">
      )
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type CalendarDate = typeof CalendarDate.Type

/**
 * The parts of a date; `month` runs from 1 (January) to 12.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parts {
  readonly year: number
  readonly month: number
  readonly day: number
}

const pad = (n: number, width: number) => String(n).padStart(width, "0")

const decodeDate = InvalidInput.decodeEither(CalendarDate)

/**
 * Builds a date from its parts, or says why that date does not exist.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (parts: Parts): Either.Either<CalendarDate, InvalidInput.InvalidInput> =>
  decodeDate(`${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`)

const unsafeFromParts = (parts: Parts): CalendarDate =>
  `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}` as CalendarDate

/**
 * @since 0.1.0
 * @category getters
 */
export const toParts = (date: CalendarDate): Parts => parse(date)!

/**
 * The calendar date of an instant in a time zone: the first session of a
 * track starting at 00:30 in Amsterdam is on that Amsterdam day, even though
 * it is still the day before in UTC. Meant for instants in the years 1 to
 * 9999, the range a {@link CalendarDate} can hold; decode outside instants
 * with a schema that keeps them in range (as `Eligibility.TrackFacts` does).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromDateTime = (instant: DateTime.DateTime, timeZone: DateTime.TimeZone): CalendarDate => {
  const parts = DateTime.toParts(DateTime.setZone(instant, timeZone))
  return unsafeFromParts({ year: parts.year, month: parts.month, day: parts.day })
}

/**
 * Dates in calendar order (the ISO form sorts as text).
 *
 * @since 0.1.0
 * @category instances
 */
export const OrderCalendarDate: Order.Order<CalendarDate> = Order.string

/**
 * The day a person born on `birthDate` has their birthday in `year`. Someone
 * born on 29 February has it on 1 March in years without that day: they turn
 * 14 on 1 March, not on 28 February, which is the common Dutch practice and
 * the cautious choice for a minimum age.
 *
 * @since 0.1.0
 * @category utils
 */
export const birthdayIn = (birthDate: CalendarDate, year: number): CalendarDate => {
  const { day, month } = toParts(birthDate)
  return month === 2 && day === 29 && !isLeapYear(year)
    ? unsafeFromParts({ year, month: 3, day: 1 })
    : unsafeFromParts({ year, month, day })
}

/**
 * Age in whole years on a date; a person is a year older on their birthday
 * itself (see {@link birthdayIn} for 29 February). Negative when `on` lies
 * before the birth date.
 *
 * @since 0.1.0
 * @category utils
 */
export const ageOn = (birthDate: CalendarDate, on: CalendarDate): number => {
  const born = toParts(birthDate)
  const year = toParts(on).year
  const years = year - born.year
  return on < birthdayIn(birthDate, year) ? years - 1 : years
}

const monthNames: Record<Language, ReadonlyArray<string>> = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
}

/**
 * Writes a date as people read it: `17 november 2022`, `17 November 2022`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (date: CalendarDate, language: Language): string => {
  const { day, month, year } = toParts(date)
  return `${day} ${monthNames[language][month - 1]} ${year}`
}
