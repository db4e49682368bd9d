import { describe, expect, it } from "@effect/vitest"
import { Agenda, AgendaAction, AgendaFinding, type CalendarDate, type Region, type Track } from "@pleegzorg/core"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

const day = (s: string) => s as CalendarDate.CalendarDate
const theme = new AgendaFinding.Theme({
  name: "Samenwerking tussen pleegouders en ouders",
  statements: [new AgendaFinding.Statement({ kind: "CouldBeBetter", text: "Ouders worden te laat betrokken.", evidence: [] })]
})
const action = (overrides: Partial<ConstructorParameters<typeof AgendaAction.Action>[0]> = {}) =>
  new AgendaAction.Action({
    id: "act_00000000000000000001" as AgendaAction.ActionId,
    title: "Startgesprek met praktische afspraken bij elke plaatsing",
    description: "Pleegouders, ouders en de pleegzorgwerker maken aan het begin samen afspraken.",
    theme: theme.name,
    owner: new AgendaAction.Owner({ organisation: "Pleegzorgaanbieder", role: "teamleider" }),
    groups: ["FosterParent", "Parent", "CareWorker"],
    start: day("2023-05-01"),
    due: day("2023-12-31"),
    success: "Bij 9 van de 10 nieuwe plaatsingen is er een startgesprek geweest.",
    status: new AgendaAction.Proposed(),
    notes: [],
    ...overrides
  })
const draft = (actions: ReadonlyArray<AgendaAction.Action>) => new Agenda.Content({ themes: [theme], actions })
const agenda = new Agenda.Agenda({
  id: "agd_00000000000000000001" as Agenda.AgendaId,
  trackId: "trk_00000000000000000001" as Track.TrackId,
  region: "JZ32" as Region.RegionCode,
  draft: draft([action()]),
  versions: [],
  version: 1
})

describe("Agenda.adopt", () => {
  it("the first adoption makes version 1; a change later needs what and why, and version 1 stays as it was", () => {
    const first = Either.getOrThrow(Agenda.adopt(agenda, day("2023-03-23")))
    expect(Option.map(Agenda.current(first), (v) => [v.number, v.adoptedOn, Option.isNone(v.change)])).toEqual(Option.some([1, "2023-03-23", true]))
    const edited = new Agenda.Agenda({ ...first, draft: draft([action({ due: day("2024-03-31") })]) })
    const noReason = Agenda.adopt(edited, day("2023-09-23"))
    expect(Either.isLeft(noReason) && noReason.left.problems.map((p) => p.en)).toEqual(["For a new version, write down what changes and why."])
    const second = Either.getOrThrow(
      Agenda.adopt(edited, day("2023-09-23"), { what: "Startgesprek loopt tot eind maart", why: "Het werkproces is later klaar dan gedacht" })
    )
    expect(second.versions.map((v) => v.number)).toEqual([1, 2])
    expect(second.versions[0]!.content.actions[0]!.due).toBe("2023-12-31")
    expect(second.versions[1]!.content.actions[0]!.due).toBe("2024-03-31")
    expect(Option.map(second.versions[1]!.change, (c) => c.why)).toEqual(Option.some("Het werkproces is later klaar dan gedacht"))
  })

  it("refuses with every problem: no change since the last version, an unknown theme, a due date before the start, no actions", () => {
    const first = Either.getOrThrow(Agenda.adopt(agenda, day("2023-03-23")))
    const same = Agenda.adopt(new Agenda.Agenda({ ...first, draft: draft([action()]) }), day("2023-04-01"), { what: "niets", why: "niets" })
    expect(Either.isLeft(same) && same.left.problems.map((p) => p.en)).toEqual(["Nothing has changed since the previous version."])
    const broken = Agenda.adopt(
      new Agenda.Agenda({ ...agenda, draft: draft([action({ theme: "Onbekend thema", due: day("2023-04-01") })]) }),
      day("2023-03-23")
    )
    expect(Either.isLeft(broken) && broken.left.problems.map((p) => p.en)).toEqual([
      'The action "Startgesprek met praktische afspraken bij elke plaatsing" belongs to the theme "Onbekend thema", which is not on the agenda.',
      "Startgesprek met praktische afspraken bij elke plaatsing: The due date (2023-04-01) is before the start date (2023-05-01)."
    ])
    const empty = Agenda.adopt(new Agenda.Agenda({ ...agenda, draft: draft([]) }), day("2023-03-23"))
    expect(Either.isLeft(empty) && empty.left.problems.map((p) => p.en)).toEqual(["An agenda has at least one action."])
  })
})

describe("Agenda.publicView", () => {
  const withContact = action()
  const adopted = Either.getOrThrow(Agenda.adopt(
    new Agenda.Agenda({
      ...agenda,
      draft: draft([withContact]),
      contacts: { [withContact.id]: new AgendaAction.Contact({ email: "teamleider@example.org" as never, language: "nl" }) }
    }),
    day("2023-03-23")
  ))
  const progressed = new Agenda.Agenda({
    ...adopted,
    progress: { [withContact.id]: new Agenda.Progress({ status: new AgendaAction.Agreed({ on: day("2023-04-01") }), notes: [] }) }
  })

  it("shows the version in force with the status as it is now, and never an owner's contact", () => {
    const view = Either.getOrThrow(Agenda.publicView(progressed))
    expect([view.inForce, view.version.number, view.version.content.actions[0]!.status._tag]).toEqual([true, 1, "Agreed"])
    expect(JSON.stringify(view)).not.toContain("teamleider@example.org")
    expect(view.version.content.actions[0]!.owner).toEqual(new AgendaAction.Owner({ organisation: "Pleegzorgaanbieder", role: "teamleider" }))
  })

  it("an earlier version shows as adopted; an agenda not adopted, or a version that is not there, says why", () => {
    const edited = new Agenda.Agenda({ ...progressed, draft: draft([action({ id: withContact.id, due: day("2024-06-30") })]) })
    const second = Either.getOrThrow(Agenda.adopt(edited, day("2023-09-01"), { what: "Later klaar.", why: "Minder mensen." }))
    const first = Either.getOrThrow(Agenda.publicView(second, 1))
    expect([first.inForce, first.version.content.actions[0]!.status._tag, first.version.content.actions[0]!.due]).toEqual([false, "Proposed", "2023-12-31"])
    expect(Either.getOrThrow(Agenda.publicView(second)).versions.map((v) => v.number)).toEqual([1, 2])
    expect(Either.flip(Agenda.publicView(second, 3)).pipe(Either.getOrThrow).message).toContain("geen versie 3")
    expect(Either.flip(Agenda.publicView(agenda)).pipe(Either.getOrThrow).problem.en).toContain("not been adopted")
  })
})
