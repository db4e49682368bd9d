// The matching part of the storage contract (see StorageContract.run).
import { describe, expect } from "@effect/vitest"
import type { Vitest } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Entropy from "../Entropy.js"
import { MatchingRunRepository, MatchRepository, MentorRepository, ProspectRepository } from "../MatchingStorage.js"
import * as MatchScore from "../MatchScore.js"
import * as MentorMatch from "../MentorMatch.js"
import * as MentorProfile from "../MentorProfile.js"
import { Transactor } from "../Storage.js"
import * as Fixtures from "./fixtures.js"

type Services = Transactor | ProspectRepository | MentorRepository | MatchRepository | MatchingRunRepository | Entropy.Entropy

const match = (prospect: MentorProfile.Prospect, mentor: MentorProfile.Mentor) =>
  Effect.map(Entropy.makeId("mch"), (id) =>
    new MentorMatch.Match({
      id: id as MentorMatch.MatchId,
      prospectId: prospect.id,
      mentorId: mentor.id,
      score: 0.8125,
      km: 15.07,
      explanation: { nl: "afstand 15,1 km (+0,19)", en: "distance 15.1 km (+0.19)" },
      weights: MatchScore.standard,
      runId: "run_1",
      status: new MentorMatch.Proposed({ at: DateTime.unsafeMake("2030-02-01T10:00:00Z") }),
      mentorTokenHash: "hash-mentor",
      prospectTokenHash: null,
      version: 1
    }))

const run = (id: string, startedAt: string) =>
  new MentorMatch.Run({
    id,
    startedAt: DateTime.unsafeMake(startedAt),
    finishedAt: null,
    weightsVersion: "standaard-2026-11",
    proposed: 0,
    unmatched: 0
  })

/** @internal */
export const tests = (it: Vitest.MethodsNonLive<Services>): void => {
  describe("matching", () => {
    it.effect("profiles read back as written, updates on outdated copies are refused, removal deletes", () =>
      Effect.gen(function*() {
        const prospects = yield* ProspectRepository
        const mentors = yield* MentorRepository
        const p = yield* Fixtures.prospect()
        const m = yield* Fixtures.mentor()
        yield* prospects.insert(p)
        yield* mentors.insert(m)
        expect(yield* prospects.get(p.id)).toEqual(Option.some(p))
        expect(yield* mentors.getForUpdate(m.id)).toEqual(Option.some(m))
        const paused = new MentorProfile.Mentor({ ...m, active: false, version: 2 })
        yield* mentors.update(paused)
        expect((yield* Effect.flip(mentors.update(new MentorProfile.Mentor({ ...m, capacity: 3, version: 2 }))))._tag).toBe("StorageError")
        expect(yield* mentors.get(m.id)).toEqual(Option.some(paused))
        expect((yield* Effect.flip(prospects.insert(p)))._tag).toBe("StorageError")
        expect((yield* prospects.list()).map((x) => x.id)).toContain(p.id)
        expect(yield* prospects.remove(p.id)).toBe(true)
        expect(yield* prospects.remove(p.id)).toBe(false)
        expect(yield* prospects.get(p.id)).toEqual(Option.none())
        expect((yield* prospects.list()).map((x) => x.id)).not.toContain(p.id)
      }))

    it.effect("matches: a batch is stored at once or not at all; by prospect and by mentor; an update replaces", () =>
      Effect.gen(function*() {
        const repo = yield* MatchRepository
        const p = yield* Fixtures.prospect()
        const q = yield* Fixtures.prospect()
        const m = yield* Fixtures.mentor()
        yield* (yield* ProspectRepository).insert(p)
        yield* (yield* ProspectRepository).insert(q)
        yield* (yield* MentorRepository).insert(m)
        const a = yield* match(p, m)
        const b = yield* match(q, m)
        yield* repo.insert([a, b])
        expect(yield* repo.get(a.id)).toEqual(Option.some(a))
        expect((yield* repo.listByMentor(m.id)).map((x) => x.id)).toEqual([a.id, b.id].sort())
        expect((yield* repo.listByProspect(q.id)).map((x) => x.id)).toEqual([b.id])
        const c = yield* match(p, m)
        expect((yield* Effect.flip(repo.insert([c, a])))._tag).toBe("StorageError")
        expect(yield* repo.get(c.id)).toEqual(Option.none())
        const active = new MentorMatch.Match({
          ...a,
          status: new MentorMatch.Active({ since: DateTime.unsafeMake("2030-02-03T10:00:00Z") }),
          prospectTokenHash: "hash-prospect",
          version: 2
        })
        yield* repo.update(active)
        expect(yield* repo.getForUpdate(a.id)).toEqual(Option.some(active))
        expect((yield* Effect.flip(repo.update(a)))._tag).toBe("StorageError")
        const all = (yield* repo.list()).map((x) => x.id)
        expect(all).toEqual([...all].sort())
      }))

    it.effect("mentors by municipality, and the open matches per mentor", () =>
      Effect.gen(function*() {
        const mentors = yield* MentorRepository
        const repo = yield* MatchRepository
        // a municipality of its own, so that other tests' mentors do not count
        const a = yield* Fixtures.mentor("GM1690")
        const b = yield* Fixtures.mentor("GM1690")
        const c = yield* Fixtures.mentor("GM1699")
        for (const m of [a, b, c]) yield* mentors.insert(m)
        expect((yield* mentors.listIn(["GM1690"])).map((m) => m.id)).toEqual([a.id, b.id].sort())
        expect((yield* mentors.listIn(["GM1690", "GM1699"])).map((m) => m.id)).toEqual([a.id, b.id, c.id].sort())
        expect(yield* mentors.listIn([])).toEqual([])
        const p = yield* Fixtures.prospect()
        yield* (yield* ProspectRepository).insert(p)
        const proposed = yield* match(p, a)
        const active = new MentorMatch.Match({ ...(yield* match(p, a)), status: new MentorMatch.Active({ since: DateTime.unsafeMake("2030-02-03T10:00:00Z") }) })
        const declined = new MentorMatch.Match({
          ...(yield* match(p, b)),
          status: new MentorMatch.Declined({ at: DateTime.unsafeMake("2030-02-03T10:00:00Z"), by: "mentor" })
        })
        yield* repo.insert([proposed, active, declined])
        expect(yield* repo.openCounts([a.id, b.id, c.id])).toEqual([{ mentorId: a.id, open: 2 }])
        expect(yield* repo.openCounts([])).toEqual([])
      }))

    it.effect("runs: one at a time unless the running one is stale; latest first", () =>
      Effect.gen(function*() {
        const repo = yield* MatchingRunRepository
        const suffix = (yield* Entropy.makeId("run")).slice(4)
        const first = run(`run_a${suffix}`, "2031-01-01T10:00:00Z")
        expect(yield* repo.begin(first, DateTime.unsafeMake("2031-01-01T09:30:00Z"))).toEqual(Option.none())
        const second = run(`run_b${suffix}`, "2031-01-01T10:05:00Z")
        const blocked = yield* repo.begin(second, DateTime.unsafeMake("2031-01-01T09:35:00Z"))
        expect(Option.map(blocked, (r) => r.id)).toEqual(Option.some(first.id))
        // 30 minutes later the first counts as crashed
        const third = run(`run_c${suffix}`, "2031-01-01T10:40:00Z")
        expect(yield* repo.begin(third, DateTime.unsafeMake("2031-01-01T10:10:00Z"))).toEqual(Option.none())
        const done = new MentorMatch.Run({ ...third, finishedAt: DateTime.unsafeMake("2031-01-01T10:41:00Z"), proposed: 12, unmatched: 1 })
        yield* repo.finish(done)
        const fourth = run(`run_d${suffix}`, "2031-01-01T10:50:00Z")
        expect(yield* repo.begin(fourth, DateTime.unsafeMake("2031-01-01T10:20:00Z"))).toEqual(Option.none())
        const latest = yield* repo.list(2)
        expect(latest.map((r) => r.id)).toEqual([fourth.id, third.id])
        expect(latest[1]).toEqual(done)
      }))

    it.effect("a failed transaction leaves profiles and matches as they were", () =>
      Effect.gen(function*() {
        const { withTransaction } = yield* Transactor
        const p = yield* Fixtures.prospect()
        const m = yield* Fixtures.mentor()
        const outcome = yield* withTransaction(Effect.gen(function*() {
          yield* (yield* ProspectRepository).insert(p)
          yield* (yield* MentorRepository).insert(m)
          yield* (yield* MatchRepository).insert([yield* match(p, m)])
          return yield* Effect.fail("boom" as const)
        })).pipe(Effect.flip)
        expect(outcome).toBe("boom")
        expect(yield* (yield* ProspectRepository).get(p.id)).toEqual(Option.none())
        expect(yield* (yield* MentorRepository).get(m.id)).toEqual(Option.none())
        expect(yield* (yield* MatchRepository).listByProspect(p.id)).toEqual([])
      }))
  })
}
