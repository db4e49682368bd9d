import { describe, expect, it } from "@effect/vitest"
import { AgendaAction, AgendaFollowUp, CalendarDate } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"

const day = (s: string) => s as CalendarDate.CalendarDate

const action = (n: number, due: string, status: AgendaAction.Status) =>
  new AgendaAction.Action({
    id: `act_${String(n).padStart(20, "0")}` as AgendaAction.ActionId,
    title: `Actie ${n}`,
    description: "",
    theme: "Overbelasting van pleegouders",
    owner: new AgendaAction.Owner({ organisation: "Gemeente Nijmegen", role: "beleidsmaker jeugd" }),
    groups: ["FosterParent"],
    start: day("2023-04-01"),
    due: day(due),
    success: "Minder pleegouders stoppen.",
    status,
    notes: []
  })

describe("AgendaFollowUp", () => {
  it("review moments fall 3, 6 and 12 months after adoption, on the last day of a shorter month when needed", () => {
    expect(AgendaFollowUp.reviewDates(day("2023-03-31"))).toEqual([
      { moment: 3, due: "2023-06-30" },
      { moment: 6, due: "2023-09-30" },
      { moment: 12, due: "2024-03-31" }
    ])
    expect(AgendaFollowUp.addMonths(day("2023-11-30"), 3)).toBe("2024-02-29")
  })

  it("adding months always gives a real date, never earlier, and the same day when that day exists", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(CalendarDate.CalendarDate), FastCheck.integer({ min: 0, max: 36 }), (date, months) => {
        const later = AgendaFollowUp.addMonths(date, months)
        expect(later >= date).toBe(true)
        const { day: d } = CalendarDate.toParts(date)
        const parts = CalendarDate.toParts(later)
        expect(parts.day).toBe(Math.min(d, CalendarDate.daysInMonth(parts.year, parts.month)))
      })
    )
  })

  it("the overview counts actions by status, lists the overdue ones, the missed reviews and the next one", () => {
    const adopted = {
      adoptedOn: day("2023-03-23"),
      actions: [
        action(1, "2023-09-01", new AgendaAction.InProgress({ since: day("2023-05-01") })),
        action(2, "2023-12-31", new AgendaAction.Agreed({ on: day("2023-04-01") })),
        action(3, "2023-08-01", new AgendaAction.Done({ on: day("2023-07-15"), note: "Buddy-lijst staat online." })),
        action(4, "2023-06-01", new AgendaAction.Dropped({ on: day("2023-05-15"), reason: "Geen budget." }))
      ]
    }
    const held = [new AgendaFollowUp.Review({ moment: 3, on: day("2023-06-27"), notes: [] })]
    const now = AgendaFollowUp.overview(adopted, held, day("2023-10-02"))
    expect(now.byStatus).toEqual({ Proposed: 0, Agreed: 1, InProgress: 1, Done: 1, Dropped: 1 })
    expect(now.overdue).toEqual([adopted.actions[0]!.id])
    expect(now.missedReviews).toEqual([6])
    expect(now.nextReview).toEqual(Option.some({ moment: 12, due: "2024-03-23" }))
  })

  it("the national overview: which regions adopted an agenda, how far along they are, and which themes recur", () => {
    const version = (themes: ReadonlyArray<string>, actions: ReadonlyArray<AgendaAction.Action>) => ({
      adoptedOn: day("2023-03-23"),
      content: { themes: themes.map((name) => ({ name })), actions }
    })
    const result = AgendaFollowUp.national([
      {
        region: "JZ32",
        agenda: Option.some({ versions: [version(["Overbelasting van pleegouders"], []), version(["Overbelasting van pleegouders", "Eigen kinderen"], [
          action(1, "2023-09-01", new AgendaAction.InProgress({ since: day("2023-05-01") })),
          action(2, "2023-08-01", new AgendaAction.Done({ on: day("2023-07-15"), note: "klaar" }))
        ])] }),
        reviews: []
      },
      { region: "JZ34", agenda: Option.some({ versions: [version([" overbelasting van pleegouders "], [])] }), reviews: [] },
      { region: "JZ01", agenda: Option.none(), reviews: [] },
      // its own moments: after 1, 2, 4 and 12 months, three of them past
      { region: "JZ02", agenda: Option.some({ versions: [version(["Eigen kinderen"], [])] }), reviews: [], moments: [1, 2, 4, 12] }
    ], day("2023-10-02"))
    expect(result.regions).toEqual([
      { region: "JZ32", adopted: true, versions: 2, actions: 2, done: 1, overdue: 1, missedReviews: 2 },
      { region: "JZ34", adopted: true, versions: 1, actions: 0, done: 0, overdue: 0, missedReviews: 2 },
      { region: "JZ01", adopted: false, versions: 0, actions: 0, done: 0, overdue: 0, missedReviews: 0 },
      { region: "JZ02", adopted: true, versions: 1, actions: 0, done: 0, overdue: 0, missedReviews: 3 }
    ])
    expect(result.themes).toEqual([
      { theme: "Eigen kinderen", regions: 2 },
      { theme: "Overbelasting van pleegouders", regions: 2 }
    ])
  })
})
