import { describe, expect, it } from "@effect/vitest"
import {
  type DomainEvent,
  Entropy,
  Geography,
  MatchCandidates,
  MatchingStorage,
  MatchScore,
  MemoryStorage,
  MentorMatch,
  Mentoring,
  MentorProfile,
  Outbox
} from "@pleegzorg/core"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

const services = (seed?: number) =>
  Mentoring.Mentoring.Default.pipe(
    Layer.provideMerge(MemoryStorage.layer),
    Layer.provideMerge(seed === undefined ? Entropy.layerCrypto : Entropy.layerSeeded(seed)),
    Layer.provideMerge(Geography.Geography.Default)
  )

const far = DateTime.unsafeMake("2200-01-01T00:00:00Z")
const mailed = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({ now: far, limit: 10_000, lease: Duration.minutes(1) })
  yield* Effect.forEach(entries, (e) => outbox.complete(e.event.id))
  return entries.map((e) => e.event)
})
const proposals = (events: ReadonlyArray<DomainEvent.DomainEvent>) =>
  events.filter((e): e is DomainEvent.MentorProposed => e._tag === "MentorProposed")

const contact = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.org`, language: "nl" as const })
const prospectInput = (
  name: string,
  municipality: string,
  more: Partial<typeof MentorProfile.ProspectInput.Encoded> = {}
): typeof MentorProfile.ProspectInput.Encoded => ({
  municipality,
  kinds: ["LongTerm"],
  family: "CoupleWithChildren",
  languages: ["nl"],
  availability: ["Evenings"],
  questions: `Vraag van ${name}: hoe gaat het met de eigen kinderen?`,
  contact: contact(name),
  ...more
})
const mentorInput = (
  name: string,
  municipality: string,
  capacity: number,
  more: Partial<typeof MentorProfile.MentorInput.Encoded> = {}
): typeof MentorProfile.MentorInput.Encoded => ({
  municipality,
  experience: [{ kind: "LongTerm", years: 8 }],
  family: "CoupleWithChildren",
  languages: ["nl"],
  availability: ["Evenings"],
  capacity,
  contact: contact(name),
  ...more
})

// Nijmegen area: four prospects, two mentors with three places between them.
const pilot = Effect.gen(function*() {
  const mentoring = yield* Mentoring.Mentoring
  const p = [
    yield* mentoring.addProspect(prospectInput("Sanne Bakker", "GM0268")),
    yield* mentoring.addProspect(prospectInput("Ali Yilmaz", "GM0252")),
    yield* mentoring.addProspect(prospectInput("Eva de Wit", "GM0209")),
    yield* mentoring.addProspect(prospectInput("Tom Peters", "GM0296"))
  ]
  const m = [
    yield* mentoring.addMentor(mentorInput("Joke Hendriks", "GM0268", 2)),
    yield* mentoring.addMentor(mentorInput("Karin Smit", "GM0202", 1))
  ]
  return { p, m }
})

describe("Mentoring", () => {
  it.effect("a batch proposes as many pairs as places allow, never over capacity, each explained, with categories only to the mentor", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { m } = yield* pilot
      const run = yield* mentoring.runBatch()
      expect([run.waiting, run.proposed.length, run.unmatched.length]).toEqual([4, 3, 1])
      expect(run.unmatched[0]!.reason).toBe("AllFull")
      const perMentor = run.proposed.reduce((acc, x) => acc.set(x.mentorId, (acc.get(x.mentorId) ?? 0) + 1), new Map<string, number>())
      expect(perMentor.get(m[0]!.id)).toBe(2)
      expect(perMentor.get(m[1]!.id)).toBe(1)
      expect(run.proposed.every((x) => x.weights.version === "standaard-2026-11" && x.status._tag === "Proposed")).toBe(true)
      const mails = proposals(yield* mailed)
      expect(mails).toHaveLength(3)
      expect(mails[0]!.explanation.nl).toMatch(/^(afstand \d+,\d km|zelfde gemeente) \(\+0,\d\d\), ervaring met langdurende pleegzorg/)
      // the mentor learns categories, never the prospect's name, address or questions
      expect(JSON.stringify(mails.map((e) => e.prospect))).not.toMatch(/Sanne|Ali|Eva|Tom|example\.org|Vraag/)
      // a second run changes nothing: open matches stay, the mentors are full
      const again = yield* mentoring.runBatch()
      expect([again.waiting, again.proposed.length]).toEqual([1, 0])
    }).pipe(Effect.provide(services())))

  it.effect("the mentor accepts with the code from their mail: then, and only then, both get the other's name and address", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      yield* mentoring.runBatch()
      const [first, second] = proposals(yield* mailed)
      const seen = yield* mentoring.view(first!.matchId, first!.token)
      expect([seen.role, seen.status, JSON.stringify(seen)]).toEqual(["mentor", "Proposed", expect.not.stringMatching(/@|Sanne|Ali|Eva|Tom/)])
      expect((yield* Effect.flip(mentoring.view(first!.matchId, second!.token)))._tag).toBe("NotYourMatch")
      const notYours = yield* Effect.flip(mentoring.accept(first!.matchId, second!.token))
      expect(notYours._tag).toBe("NotYourMatch")
      expect((yield* mentoring.getMatch(first!.matchId)).status._tag).toBe("Proposed")
      expect(yield* mailed).toEqual([])
      const active = yield* mentoring.accept(first!.matchId, first!.token)
      expect(active.status._tag).toBe("Active")
      const intro = (yield* mailed).filter((e): e is DomainEvent.MatchIntroduced => e._tag === "MatchIntroduced")
      expect(intro.map((e) => e.role).sort()).toEqual(["mentor", "prospect"])
      const toMentor = intro.find((e) => e.role === "mentor")!
      const toProspect = intro.find((e) => e.role === "prospect")!
      expect(toMentor.questions).toMatch(/^Vraag van /)
      expect(toProspect.questions).toBeUndefined()
      expect(toMentor.other.email).toBe(toProspect.recipient.email)
      // the proposal code stays the mentor's: a second click is told it was answered
      const twice = yield* Effect.flip(mentoring.accept(first!.matchId, first!.token))
      expect(twice._tag).toBe("MatchStateConflict")
      expect((yield* mentoring.view(first!.matchId, first!.token)).status).toBe("Active")
      const answered = yield* Effect.flip(mentoring.decline(first!.matchId, "x"))
      expect(answered._tag).toBe("NotYourMatch")
      const unknown = yield* Effect.flip(mentoring.accept("mch_00000000000000000000", first!.token))
      expect(unknown._tag).toBe("MatchNotFound")
    }).pipe(Effect.provide(services())))

  it.effect("a decline makes the pair ineligible and proposes the prospect to the next mentor with room", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { m, p } = yield* pilot
      // one prospect, two mentors: the nearer one first
      yield* mentoring.removeProspect(p[1]!.id)
      yield* mentoring.removeProspect(p[2]!.id)
      yield* mentoring.removeProspect(p[3]!.id)
      yield* mentoring.runBatch()
      const [proposal] = proposals(yield* mailed)
      const first = yield* mentoring.getMatch(proposal!.matchId)
      expect(first.mentorId).toBe(m[0]!.id)
      const result = yield* mentoring.decline(proposal!.matchId, proposal!.token)
      expect((yield* mentoring.getMatch(proposal!.matchId)).status).toMatchObject({ _tag: "Declined", by: "mentor" })
      expect(Option.map(result.next, (x) => x.mentorId)).toEqual(Option.some(m[1]!.id))
      const next = proposals(yield* mailed)
      expect(next).toHaveLength(1)
      // declined by the second too: nobody left, and the first is never asked again
      yield* mentoring.decline(next[0]!.matchId, next[0]!.token)
      const run = yield* mentoring.runBatch()
      expect(run.proposed).toEqual([])
      expect(run.unmatched).toEqual([{ prospectId: p[0]!.id, reason: "NoSuitableMentor" }])
      const none = yield* mentoring.suggestions(p[0]!.id)
      expect([Option.isNone(none.pick), none.reason]).toEqual([true, "NoSuitableMentor"])
    }).pipe(Effect.provide(services())))

  it.effect("an active match ends by either side with its code; the prospect hears a new mentor is sought and gets one", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      yield* mentoring.runBatch()
      const [proposal] = proposals(yield* mailed)
      yield* mentoring.accept(proposal!.matchId, proposal!.token)
      const wim = yield* mentoring.addMentor(mentorInput("Wim Jansen", "GM0268", 1))
      const codes = (yield* mailed).filter((e): e is DomainEvent.MatchIntroduced => e._tag === "MatchIntroduced")
      const prospectCode = codes.find((e) => e.role === "prospect")!.token
      const tooLong = yield* Effect.flip(mentoring.end(proposal!.matchId, prospectCode, "x".repeat(2001)))
      expect(tooLong._tag).toBe("InvalidInput")
      const ended = yield* mentoring.end(proposal!.matchId, prospectCode, "We hebben alles besproken, dank je wel!")
      expect((yield* mentoring.getMatch(proposal!.matchId)).status).toMatchObject({ _tag: "Ended", by: "prospect", feedback: "We hebben alles besproken, dank je wel!" })
      const events = yield* mailed
      const notices = events.filter((e): e is DomainEvent.MatchEnded => e._tag === "MatchEnded")
      expect(notices.map((e) => [e.role, e.searching]).sort()).toEqual([["mentor", false], ["prospect", true]])
      // re-matched at once, to the mentor who still has room, who gets the proposal
      expect(Option.map(ended.next, (x) => x.mentorId)).toEqual(Option.some(wim.id))
      expect(proposals(events).map((e) => e.recipient.name)).toEqual(["Wim Jansen"])
      const again = yield* Effect.flip(mentoring.end(proposal!.matchId, prospectCode))
      expect(again._tag).toBe("MatchStateConflict")
    }).pipe(Effect.provide(services())))

  it.effect("suggestions: the pick and two to four alternatives with room, best first, explained", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { p } = yield* pilot
      for (const [i, code] of ["GM0202", "GM0252", "GM0209", "GM0225"].entries()) {
        yield* mentoring.addMentor(mentorInput(`Mentor ${i}`, code, 1, i === 3 ? { languages: ["ar"] } : {}))
      }
      const s = yield* mentoring.suggestions(p[0]!.id)
      expect(Option.isSome(s.pick)).toBe(true)
      expect(s.alternatives.length).toBeGreaterThanOrEqual(2)
      expect(s.alternatives.length).toBeLessThanOrEqual(4)
      const scores = [Option.getOrThrow(s.pick).score, ...s.alternatives.map((a) => a.score)]
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      expect(Option.getOrThrow(s.pick).explanation.en).toMatch(/^(same municipality|distance [\d.]+ km) \(\+0\.\d\d\), experience with long-term foster care/)
      expect((yield* Effect.flip(mentoring.suggestions("asp_00000000000000000000")))._tag).toBe("ProspectNotFound")
    }).pipe(Effect.provide(services())))

  it.effect("suggestions follow a paused mentor at once: they read the mentors within reach as stored now", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { m, p } = yield* pilot
      const before = yield* mentoring.suggestions(p[0]!.id)
      expect(Option.map(before.pick, (s) => s.mentorId)).toEqual(Option.some(m[0]!.id))
      yield* mentoring.pauseMentor(m[0]!.id)
      const after = yield* mentoring.suggestions(p[0]!.id)
      expect(Option.map(after.pick, (s) => s.mentorId)).toEqual(Option.some(m[1]!.id))
      // a mentor beyond the reach is never read: Schiermonnikoog is far from Nijmegen
      const far = yield* mentoring.addMentor(mentorInput("Ver Weg", "GM0088", 3))
      const all = yield* mentoring.suggestions(p[0]!.id)
      expect([Option.getOrUndefined(all.pick)?.mentorId, ...all.alternatives.map((a) => a.mentorId)]).not.toContain(far.id)
    }).pipe(Effect.provide(services())))

  it.effect("suggestions read mentors ring by ring and still give exactly the best five of a search over every mentor", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      let seed = 11
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
      const codes = Geography.nl2024().municipalities.map((m) => m.code as string)
      const near = ["GM0268", "GM0252", "GM0209", "GM0202", "GM0296", "GM1945", "GM0225", "GM0228", "GM0299", "GM0944"]
      const kinds = ["Crisis", "ShortTerm", "LongTerm", "PartTime", "Kinship"] as const
      for (let i = 0; i < 300; i++) {
        yield* mentoring.addMentor(mentorInput(`Mentor ${i}`, random() < 0.5 ? near[i % near.length]! : codes[Math.floor(random() * codes.length)]!, 1 + (i % 3), {
          experience: [{ kind: kinds[i % 5]!, years: 2 }],
          availability: [(["Daytime", "Evenings", "Weekends"] as const)[i % 3]!]
        }))
      }
      const everyone = yield* (yield* MatchingStorage.MentorRepository).list()
      const pool = MatchCandidates.pool(everyone, (m) => m.capacity)
      for (const home of ["GM0268", "GM0014", "GM0363", "GM0088", "GM0935"]) {
        const prospect = yield* mentoring.addProspect(prospectInput(`P ${home}`, home))
        const s = yield* mentoring.suggestions(prospect.id)
        const full = MatchCandidates.search(prospect, pool, MatchScore.standard, { limit: 5 })
        expect([...Option.toArray(s.pick), ...s.alternatives].map((x) => x.mentorId)).toEqual(full.candidates.map((c) => everyone[c.mentor]!.id))
        expect(s.reason).toBe(full.reason)
      }
    }).pipe(Effect.provide(services())))

  it.effect("bad input gets a typed error naming the problem, and nothing is written", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const before = (yield* (yield* MatchingStorage.ProspectRepository).list()).length
      expect((yield* Effect.flip(mentoring.addProspect(prospectInput("X", "GM9999"))))._tag).toBe("MunicipalityNotFound")
      const empty = yield* Effect.flip(mentoring.addProspect(prospectInput("X", "GM0268", { kinds: [] })))
      expect(empty.message).toContain("minstens één vorm van pleegzorg")
      const capacity = yield* Effect.flip(mentoring.addMentor(mentorInput("Y", "GM0268", 4)))
      expect(capacity.message).toContain("1 tot 3")
      expect((yield* Effect.flip(mentoring.addMentor(mentorInput("Y", "GM0268", 1, { experience: [] }))))._tag).toBe("InvalidInput")
      expect((yield* (yield* MatchingStorage.ProspectRepository).list()).length).toBe(before)
      expect(yield* (yield* MatchingStorage.MentorRepository).list()).toEqual([])
      const weights = yield* Effect.flip(mentoring.runBatch({ weights: { ...MatchScore.standard, reachKm: -1 } }))
      expect(weights._tag).toBe("InvalidInput")
      expect(yield* mentoring.runs()).toEqual([])
    }).pipe(Effect.provide(services())))

  it.effect("one batch at a time: while one runs, another is refused and writes nothing", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      const now = yield* DateTime.now
      const runs = yield* MatchingStorage.MatchingRunRepository
      yield* runs.begin(new MentorMatch.Run({ id: "run_elsewhere", startedAt: now, finishedAt: null, weightsVersion: "x", proposed: 0, unmatched: 0 }), DateTime.subtract(now, { minutes: 30 }))
      const refused = yield* Effect.flip(mentoring.runBatch())
      expect(refused).toMatchObject({ _tag: "BatchRunning", runId: "run_elsewhere" })
      expect(yield* (yield* MatchingStorage.MatchRepository).list()).toEqual([])
      expect(yield* mailed).toEqual([])
    }).pipe(Effect.provide(services())))

  it.effect("removing a prospect erases the profile; an active match ends and the mentor is told", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      yield* mentoring.runBatch()
      const [proposal] = proposals(yield* mailed)
      const active = yield* mentoring.accept(proposal!.matchId, proposal!.token)
      yield* mailed
      yield* mentoring.removeProspect(active.prospectId)
      expect((yield* Effect.flip(mentoring.getProspect(active.prospectId)))._tag).toBe("ProspectNotFound")
      expect((yield* mentoring.getMatch(active.id)).status).toMatchObject({ _tag: "Ended", by: "organiser" })
      const notices = (yield* mailed).filter((e): e is DomainEvent.MatchEnded => e._tag === "MatchEnded")
      expect(notices.map((e) => e.role)).toEqual(["mentor"])
    }).pipe(Effect.provide(services())))

  it.effect("mails about a removed prospect that have not gone out yet are taken back; the mentor is told the match ended", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      yield* mentoring.runBatch()
      const outbox = yield* Outbox.Outbox
      // peek at the proposals without taking them out (a lease of zero), as a mail program would see them
      const waiting = (yield* outbox.claim({ now: far, limit: 100, lease: Duration.zero })).map((e) => e.event)
      const proposal = proposals(waiting)[0]!
      const active = yield* mentoring.accept(proposal.matchId, proposal.token)
      const other = proposals(waiting).find((e) => e.matchId !== proposal.matchId)!
      yield* mentoring.removeProspect(active.prospectId)
      const left = yield* mailed
      const aboutThem = left.filter((e) =>
        (e._tag === "MentorProposed" || e._tag === "MatchIntroduced") && e.matchId === proposal.matchId
      )
      expect(aboutThem).toEqual([])
      expect(left.filter((e) => e._tag === "MatchEnded").map((e) => (e as DomainEvent.MatchEnded).role)).toEqual(["mentor"])
      // other people's mails stay
      expect(proposals(left).map((e) => e.matchId)).toContain(other.matchId)
    }).pipe(Effect.provide(services())))

  it.effect("the report per region: matched, proposed, waiting and why, scores, distance and mentor load", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      yield* pilot
      yield* mentoring.addProspect(prospectInput("Far Away", "GM0088")) // Schiermonnikoog: no mentor within reach
      yield* mentoring.runBatch()
      const [proposal] = proposals(yield* mailed)
      yield* mentoring.accept(proposal!.matchId, proposal!.token)
      const report = yield* mentoring.report("JZ32")
      expect([report.regionName, report.prospects, report.matched, report.proposed]).toEqual(["Rijk van Nijmegen", 4, 1, 2])
      expect(report.waiting).toEqual({ NoMentorWithinReach: 0, NoSuitableMentor: 0, AllFull: 1, WaitingForRun: 0 })
      // Karin Smit lives in Arnhem, which is in another region
    expect(report.mentors).toEqual({ total: 1, paused: 0, places: 2, used: 2, load: [0, 0, 1, 0] })
      expect(Option.getOrThrow(report.score).lowest).toBeLessThanOrEqual(Option.getOrThrow(report.score).mean)
      const north = yield* mentoring.report(Either.getOrThrow(Geography.nl2024().regionOfMunicipality("GM0088")).code)
      expect(north.waiting.NoMentorWithinReach).toBe(1)
      expect((yield* Effect.flip(mentoring.report("JZ99")))._tag).toBe("RegionNotFound")
    }).pipe(Effect.provide(services())))

  it.effect("a prospect removed while a run searches is not proposed: the run reads each prospect again under lock", () => {
    // The prospect list as the run reads it, with its first prospect removed right after.
    const racing = Layer.effect(
      MatchingStorage.ProspectRepository,
      Effect.map(MatchingStorage.ProspectRepository, (real) => ({
        ...real,
        list: () => Effect.tap(real.list(), (all) => (all.length === 0 ? Effect.void : real.remove(all[0]!.id)))
      }))
    )
    const layer = Mentoring.Mentoring.Default.pipe(
      Layer.provide(racing),
      Layer.provideMerge(MemoryStorage.layer),
      Layer.provideMerge(Entropy.layerCrypto),
      Layer.provideMerge(Geography.Geography.Default)
    )
    return Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { p } = yield* pilot
      // a place for everyone, so that the search gives each of the four a mentor
      yield* mentoring.addMentor(mentorInput("Wim Jansen", "GM0268", 1))
      const gone = [...p].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!
      const run = yield* mentoring.runBatch()
      expect(run.proposed.map((m) => m.prospectId)).not.toContain(gone.id)
      expect(proposals(yield* mailed)).toHaveLength(run.proposed.length)
      expect(run.proposed.length).toBe(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("after a removal or an end nothing of a family stays: feedback goes, a closed match shows no categories, a removed mentor is not suggested", () =>
    Effect.gen(function*() {
      const mentoring = yield* Mentoring.Mentoring
      const { m, p } = yield* pilot
      const first = yield* mentoring.suggestions(p[0]!.id)
      expect(Option.map(first.pick, (s) => s.mentorId)).toEqual(Option.some(m[0]!.id))
      yield* mentoring.runBatch()
      const mails = proposals(yield* mailed)
      const mine = mails.find((e) => e.recipient.name === "Joke Hendriks")!
      yield* mentoring.accept(mine.matchId, mine.token)
      const code = ((yield* mailed).find((e) => e._tag === "MatchIntroduced" && e.role === "prospect") as DomainEvent.MatchIntroduced).token
      yield* mentoring.end(mine.matchId, code, "Fijn contact met de familie Bakker.")
      const other = mails.find((e) => e.matchId !== mine.matchId)!
      yield* mentoring.decline(other.matchId, other.token)
      expect(Option.isNone((yield* mentoring.view(other.matchId, other.token)).prospect)).toBe(true)
      const ended = yield* mentoring.getMatch(mine.matchId)
      yield* mentoring.removeProspect(ended.prospectId)
      expect((yield* mentoring.getMatch(mine.matchId)).status).toEqual(new MentorMatch.Ended({ at: (ended.status as MentorMatch.Ended).at, by: "prospect" }))
      yield* mentoring.removeMentor(m[1]!.id)
      const still = p.find((x) => x.id !== ended.prospectId)!
      const after = yield* mentoring.suggestions(still.id)
      expect([Option.getOrUndefined(after.pick)?.mentorId, ...after.alternatives.map((a) => a.mentorId)]).not.toContain(m[1]!.id)
    }).pipe(Effect.provide(services())))

  it("the same input gives the same pairs", async () => {
    const pairs = () =>
      Effect.gen(function*() {
        const mentoring = yield* Mentoring.Mentoring
        yield* pilot
        const run = yield* mentoring.runBatch()
        return run.proposed.map((x) => [x.prospectId, x.mentorId, x.score])
      }).pipe(Effect.provide(services(7)), Effect.runPromise)
    expect(await pairs()).toEqual(await pairs())
  })
})
