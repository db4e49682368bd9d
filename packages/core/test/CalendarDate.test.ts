import { describe, expect, it } from "@effect/vitest"
import { CalendarDate } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

const decode = Schema.decodeUnknownEither(CalendarDate.CalendarDate)
const date = (s: string) => Schema.decodeSync(CalendarDate.CalendarDate)(s)
const amsterdam = DateTime.zoneUnsafeMakeNamed("Europe/Amsterdam")

describe("CalendarDate", () => {
  it("accepts real dates and refuses impossible ones, naming the value", () => {
    expect(Either.isRight(decode("2024-02-29"))).toBe(true)
    for (const bad of ["2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10"]) {
      const result = decode(bad)
      expect(Either.isLeft(result) && result.left.message, bad).toContain(`De datum ${bad} bestaat niet.`)
    }
    for (const bad of ["17-11-2022", "2022-11-17T10:00", ""]) {
      const result = decode(bad)
      expect(Either.isLeft(result) && result.left.message, bad).toContain(`"${bad}" is geen datum.`)
    }
    const made = CalendarDate.make({ year: 2023, month: 2, day: 29 })
    expect(Either.isLeft(made) && made.left._tag).toBe("InvalidInput")
    expect(Either.isLeft(decode(20221117))).toBe(true)
  })

  it("round-trips every generated date through its parts", () => {
    const arbitrary = Arbitrary.make(CalendarDate.CalendarDate)
    FastCheck.assert(
      FastCheck.property(arbitrary, (d) => {
        expect(Either.getOrThrow(CalendarDate.make(CalendarDate.toParts(d)))).toBe(d)
        expect(Either.isRight(decode(d))).toBe(true)
      })
    )
  })

  it("makes a person a year older on their birthday itself, never earlier", () => {
    const arbitrary = Arbitrary.make(CalendarDate.CalendarDate)
    FastCheck.assert(
      FastCheck.property(arbitrary, FastCheck.integer({ min: 1, max: 100 }), (birth, years) => {
        const year = CalendarDate.toParts(birth).year + years
        const birthday = CalendarDate.birthdayIn(birth, year)
        const { day, month } = CalendarDate.toParts(birthday)
        const dayBefore = day > 1
          ? Either.getOrThrow(CalendarDate.make({ year, month, day: day - 1 }))
          : Either.getOrThrow(
            CalendarDate.make({
              year: month === 1 ? year - 1 : year,
              month: month === 1 ? 12 : month - 1,
              day: CalendarDate.daysInMonth(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1)
            })
          )
        expect(CalendarDate.ageOn(birth, birthday)).toBe(years)
        expect(CalendarDate.ageOn(birth, dayBefore)).toBe(years - 1)
      })
    )
  })

  it("gives someone born on 29 February their birthday on 1 March in other years", () => {
    const leapling = date("2008-02-29")
    expect(CalendarDate.birthdayIn(leapling, 2022)).toBe("2022-03-01")
    expect(CalendarDate.birthdayIn(leapling, 2024)).toBe("2024-02-29")
    expect(CalendarDate.ageOn(leapling, date("2022-02-28"))).toBe(13)
    expect(CalendarDate.ageOn(leapling, date("2022-03-01"))).toBe(14)
    expect(CalendarDate.ageOn(leapling, date("2024-02-28"))).toBe(15)
    expect(CalendarDate.ageOn(leapling, date("2024-02-29"))).toBe(16)
  })

  it("takes the calendar day of an instant in Amsterdam, not in UTC", () => {
    // 00:30 in Amsterdam is 23:30 UTC the day before in winter, 22:30 in summer.
    const winter = DateTime.unsafeMake("2022-11-16T23:30:00Z")
    const summer = DateTime.unsafeMake("2023-06-14T22:30:00Z")
    expect(CalendarDate.fromDateTime(winter, amsterdam)).toBe("2022-11-17")
    expect(CalendarDate.fromDateTime(summer, amsterdam)).toBe("2023-06-15")
    expect(CalendarDate.fromDateTime(summer, DateTime.zoneMakeOffset(0))).toBe("2023-06-14")
  })

  it("writes dates as people read them", () => {
    expect(CalendarDate.format(date("2022-11-17"), "nl")).toBe("17 november 2022")
    expect(CalendarDate.format(date("2023-03-01"), "en")).toBe("1 March 2023")
  })
})
