import { describe, expect, it } from "@effect/vitest"
import { AgendaAction, type CalendarDate } from "@pleegzorg/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"

const day = (s: string) => s as CalendarDate.CalendarDate
const proposed = new AgendaAction.Proposed()

describe("AgendaAction.transition", () => {
  it("proposed → agreed → in progress → done with a closing note", () => {
    const agreed = Either.getOrThrow(AgendaAction.transition(proposed, { _tag: "Agreed" }, day("2023-04-01")))
    const running = Either.getOrThrow(AgendaAction.transition(agreed, { _tag: "InProgress" }, day("2023-05-01")))
    const done = AgendaAction.transition(running, { _tag: "Done", note: "  Startgesprek staat in het werkproces. " }, day("2023-11-01"))
    expect(done).toEqual(Either.right(new AgendaAction.Done({ on: day("2023-11-01"), note: "Startgesprek staat in het werkproces." })))
  })

  it("not in progress before it is agreed, not done without a note, not dropped without a reason, and never after done", () => {
    const early = AgendaAction.transition(proposed, { _tag: "InProgress" }, day("2023-04-01"))
    expect(Either.isLeft(early) && early.left.problem.en).toBe("An action can only be in progress once its owner has agreed to it.")
    const running = new AgendaAction.InProgress({ since: day("2023-05-01") })
    const silent = AgendaAction.transition(running, { _tag: "Done", note: " " }, day("2023-06-01"))
    expect(Either.isLeft(silent) && silent.left.problem.nl).toBe("Schrijf bij het afronden op hoe het is gegaan.")
    expect(Either.isLeft(AgendaAction.transition(running, { _tag: "Dropped", reason: "" }, day("2023-06-01")))).toBe(true)
    const done = new AgendaAction.Done({ on: day("2023-06-01"), note: "klaar" })
    expect(Either.isLeft(AgendaAction.transition(done, { _tag: "Dropped", reason: "toch niet" }, day("2023-07-01")))).toBe(true)
    expect(Either.isRight(AgendaAction.transition(proposed, { _tag: "Dropped", reason: "Geen eigenaar gevonden" }, day("2023-07-01")))).toBe(true)
  })

  it("for any status and request, a refusal names both, and an allowed change leads where the rules say", () => {
    const allowed: Record<string, ReadonlyArray<string>> = {
      Proposed: ["Agreed", "Dropped"],
      Agreed: ["InProgress", "Dropped"],
      InProgress: ["Done", "Dropped"],
      Done: [],
      Dropped: []
    }
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(AgendaAction.Status), Arbitrary.make(AgendaAction.TargetStatus), (status, target) => {
        const result = AgendaAction.transition(status, target, day("2024-01-01"))
        const wordsGiven = target._tag === "Done" ? target.note.trim() !== "" : target._tag === "Dropped" ? target.reason.trim() !== "" : true
        const since = status._tag === "Agreed" ? status.on : status._tag === "InProgress" ? status.since : undefined
        const notEarlier = since === undefined || since <= "2024-01-01"
        if (allowed[status._tag]!.includes(target._tag) && wordsGiven && notEarlier) {
          expect(Either.isRight(result) && result.right._tag).toBe(target._tag)
        } else {
          expect(Either.isLeft(result) && [result.left.from, result.left.to]).toEqual([status._tag, target._tag])
        }
      })
    )
  })
})

describe("AgendaAction dates", () => {
  it("a status cannot start before the current one began", () => {
    const refused = AgendaAction.transition(new AgendaAction.Agreed({ on: day("2023-05-01") }), { _tag: "InProgress" }, day("2023-04-30"))
    expect(Either.isLeft(refused) && refused.left.problem.nl).toBe("De datum (2023-04-30) ligt voor de dag waarop de huidige status begon (2023-05-01).")
    expect(Either.isRight(AgendaAction.transition(new AgendaAction.Agreed({ on: day("2023-05-01") }), { _tag: "InProgress" }, day("2023-05-01")))).toBe(true)
  })

  it("a due date before the start is refused with both dates; overdue means past due and still open", () => {
    const refused = AgendaAction.checkDates(day("2023-06-01"), day("2023-05-31"))
    expect(Either.isLeft(refused) && refused.left.problem.nl).toBe("De einddatum (2023-05-31) ligt voor de startdatum (2023-06-01).")
    expect(Either.isRight(AgendaAction.checkDates(day("2023-06-01"), day("2023-06-01")))).toBe(true)
    const open = { due: day("2023-09-01"), status: new AgendaAction.InProgress({ since: day("2023-06-01") }) }
    expect(AgendaAction.isOverdue(open, day("2023-09-02"))).toBe(true)
    expect(AgendaAction.isOverdue(open, day("2023-09-01"))).toBe(false)
    expect(AgendaAction.isOverdue({ ...open, status: new AgendaAction.Done({ on: day("2023-09-05"), note: "klaar" }) }, day("2023-10-01"))).toBe(false)
  })
})
