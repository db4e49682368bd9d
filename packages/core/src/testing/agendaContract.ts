// The agenda part of the storage contract (see StorageContract.run).
import { describe, expect } from "@effect/vitest"
import type { Vitest } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Agenda from "../Agenda.js"
import * as AgendaAction from "../AgendaAction.js"
import { AgendaRepository } from "../AgendaStorage.js"
import type * as CalendarDate from "../CalendarDate.js"
import type * as Entropy from "../Entropy.js"
import type { RegionCode } from "../Region.js"
import { TrackRepository, Transactor } from "../Storage.js"
import * as Fixtures from "./fixtures.js"

type Services = Transactor | TrackRepository | AgendaRepository | Entropy.Entropy

const storedAgenda = (region?: string) =>
  Effect.gen(function*() {
    const track = yield* Fixtures.track(region === undefined ? undefined : { region: region as RegionCode })
    yield* (yield* TrackRepository).insert(track)
    return yield* Fixtures.agenda(track)
  })

/** @internal */
export const tests = (it: Vitest.MethodsNonLive<Services>): void => {
  describe("agendas", () => {
    it.effect("an agenda reads back whole (versions, progress, reviews, contacts), by id and by track", () =>
      Effect.gen(function*() {
        const repo = yield* AgendaRepository
        const agenda = yield* storedAgenda()
        yield* repo.insert(agenda)
        expect(yield* repo.get(agenda.id)).toEqual(Option.some(agenda))
        expect(yield* repo.getForUpdate(agenda.id)).toEqual(Option.some(agenda))
        expect(yield* repo.findByTrack(agenda.trackId)).toEqual(Option.some(agenda))
        expect(yield* repo.get("agd_00000000000000000000" as Agenda.AgendaId)).toEqual(Option.none())
      }))

    it.effect("an update replaces the agenda; an outdated copy, an unknown agenda and a second agenda for a track are refused", () =>
      Effect.gen(function*() {
        const repo = yield* AgendaRepository
        const agenda = yield* storedAgenda()
        yield* repo.insert(agenda)
        const action = agenda.draft.actions[1]!
        const progressed = new Agenda.Agenda({
          ...agenda,
          progress: {
            ...agenda.progress,
            [action.id]: new Agenda.Progress({
              status: new AgendaAction.Dropped({ on: "2030-09-01" as CalendarDate.CalendarDate, reason: "Geen budget." }),
              notes: []
            })
          },
          version: agenda.version + 1
        })
        yield* repo.update(progressed)
        expect(yield* repo.get(agenda.id)).toEqual(Option.some(progressed))
        expect((yield* Effect.flip(repo.update(agenda)))._tag).toBe("StorageError")
        expect(yield* repo.get(agenda.id)).toEqual(Option.some(progressed))
        const other = yield* storedAgenda()
        expect((yield* Effect.flip(repo.update(new Agenda.Agenda({ ...other, version: 5 }))))._tag).toBe("StorageError")
        const sameTrack = new Agenda.Agenda({ ...other, trackId: agenda.trackId })
        expect((yield* Effect.flip(repo.insert(sameTrack)))._tag).toBe("StorageError")
        expect(yield* repo.get(other.id)).toEqual(Option.none())
      }))

    it.effect("agendas are listed by region and all together, by id", () =>
      Effect.gen(function*() {
        const repo = yield* AgendaRepository
        const before = (yield* repo.list()).length
        const a = yield* storedAgenda("JZ41")
        const b = yield* storedAgenda("JZ41")
        const c = yield* storedAgenda("JZ21")
        yield* repo.insert(a)
        yield* repo.insert(b)
        yield* repo.insert(c)
        const inRegion = (yield* repo.listByRegion("JZ41" as RegionCode)).map((x) => x.id)
        expect(inRegion.filter((id) => id === a.id || id === b.id)).toEqual([a.id, b.id].sort())
        expect(inRegion).not.toContain(c.id)
        const all = (yield* repo.list()).map((x) => x.id)
        expect(all.length).toBe(before + 3)
        expect(all).toEqual([...all].sort())
      }))

    it.effect("a failed transaction leaves the agenda as it was", () =>
      Effect.gen(function*() {
        const repo = yield* AgendaRepository
        const { withTransaction } = yield* Transactor
        const agenda = yield* storedAgenda()
        yield* repo.insert(agenda)
        const result = yield* withTransaction(Effect.gen(function*() {
          yield* repo.update(new Agenda.Agenda({ ...agenda, notified: ["due:x"], version: agenda.version + 1 }))
          return yield* Effect.fail("boom" as const)
        })).pipe(Effect.flip)
        expect(result).toBe("boom")
        expect(yield* repo.get(agenda.id)).toEqual(Option.some(agenda))
      }))
  })
}
