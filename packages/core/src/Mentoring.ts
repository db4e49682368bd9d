/**
 * The Mentoring service: prospective foster parents get an experienced
 * foster parent they can ask anything.
 *
 * - Profiles: `addProspect`, `updateProspect`, `removeProspect`,
 *   `addMentor`, `updateMentor`, `pauseMentor`, `resumeMentor`,
 *   `removeMentor`. Removing erases the profile; its open matches end.
 * - `runBatch`: over every waiting prospect and the mentors' remaining
 *   places, the assignment that first matches as many prospects as possible
 *   and then has the highest total score (exact, `MatchingSolver`, over the
 *   best K mentors per prospect from `MatchCandidates`). Open matches stay as
 *   they are; one run at a time.
 * - `suggestions`: for one prospect, the best mentor with room and two to
 *   four alternatives.
 * - `accept` / `decline` (the mentor, with the code from the proposal
 *   mail), `end` (either side, with the code from the introduction mail),
 *   `endByOrganiser`. Only when the mentor accepts do both get the other's
 *   name and address. A decline or an end makes the pair ineligible and
 *   proposes the prospect to the next best mentor.
 * - `report`: per region, who waits and why, who is matched, scores,
 *   distances and the mentors' load.
 *
 * @since 0.4.0
 */
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  type DomainEvent,
  type EventId,
  MatchContact,
  MatchEnded,
  MatchIntroduced,
  MentorProposed,
  ProspectSummary
} from "./DomainEvent.js"
import { Entropy, hashToken, makeId, makeToken } from "./Entropy.js"
import { Geography } from "./Geography.js"
import * as InvalidInput from "./InvalidInput.js"
import * as MatchCandidates from "./MatchCandidates.js"
import { MatchingRunRepository, MatchRepository, MentorRepository, ProspectRepository } from "./MatchingStorage.js"
import * as MatchingSolver from "./MatchingSolver.js"
import * as MatchScore from "./MatchScore.js"
import * as MentorMatch from "./MentorMatch.js"
import * as MentorProfile from "./MentorProfile.js"
import { label as regionLabel, type RegionCode } from "./Region.js"
import { MunicipalityNotFound } from "./Geography.js"
import * as MunicipalityPoint from "./MunicipalityPoint.js"
import { Grid } from "./MunicipalityPoint.js"
import { Outbox } from "./Outbox.js"
import { type StorageError, Transactor } from "./Storage.js"

/**
 * The parts of a prospect's profile to change.
 *
 * @since 0.4.0
 * @category inputs
 */
export const ProspectPatch = Schema.Struct({
  municipality: Schema.optional(MentorProfile.ProspectInput.fields.municipality),
  kinds: Schema.optional(MentorProfile.ProspectInput.fields.kinds),
  family: Schema.optional(MentorProfile.ProspectInput.fields.family),
  languages: Schema.optional(MentorProfile.ProspectInput.fields.languages),
  availability: Schema.optional(MentorProfile.ProspectInput.fields.availability),
  questions: Schema.optional(Schema.Trim.pipe(Schema.maxLength(2000))),
  contact: Schema.optional(MentorProfile.Contact)
})

/**
 * The parts of a mentor's profile to change.
 *
 * @since 0.4.0
 * @category inputs
 */
export const MentorPatch = Schema.Struct({
  municipality: Schema.optional(MentorProfile.MentorInput.fields.municipality),
  experience: Schema.optional(MentorProfile.MentorInput.fields.experience),
  family: Schema.optional(MentorProfile.MentorInput.fields.family),
  languages: Schema.optional(MentorProfile.MentorInput.fields.languages),
  availability: Schema.optional(MentorProfile.MentorInput.fields.availability),
  capacity: Schema.optional(MentorProfile.MentorInput.fields.capacity),
  contact: Schema.optional(MentorProfile.Contact)
})

/**
 * One mentor suggested for a prospect: score, distance, explanation.
 *
 * @since 0.4.0
 * @category models
 */
export interface Suggestion {
  readonly mentorId: MentorProfile.MentorId
  readonly score: number
  readonly km: number
  readonly explanation: MatchScore.Scored["explanation"]
  readonly placesLeft: number
}

/**
 * The suggestions for one prospect: the best mentor with room (what the
 * optimiser picks for one prospect on its own) and up to four alternatives
 * that still have room, never a mentor the prospect has or had; or why
 * there is none. Read from storage as it is now: only the mentors within
 * reach, ring by ring, until no mentor further away could beat those found.
 *
 * @since 0.4.0
 * @category models
 */
export interface Suggestions {
  readonly prospectId: MentorProfile.ProspectId
  readonly pick: Option.Option<Suggestion>
  readonly alternatives: ReadonlyArray<Suggestion>
  readonly reason: MatchCandidates.Reason | undefined
}

/**
 * What a batch run did.
 *
 * @since 0.4.0
 * @category models
 */
export interface RunSummary {
  readonly runId: string
  readonly weightsVersion: string
  readonly waiting: number
  readonly proposed: ReadonlyArray<MentorMatch.Match>
  readonly unmatched: ReadonlyArray<{ readonly prospectId: MentorProfile.ProspectId; readonly reason: MatchCandidates.Reason }>
}

/**
 * Where matching stands in a region.
 *
 * @since 0.4.0
 * @category models
 */
export interface RegionReport {
  readonly region: RegionCode
  readonly regionName: string
  readonly prospects: number
  /** With a proposal waiting for the mentor's answer. */
  readonly proposed: number
  /** With an active match. */
  readonly matched: number
  /** Without a match; by why. `WaitingForRun`: a mentor has room, the next run proposes one. */
  readonly waiting: Readonly<Record<MatchCandidates.Reason | "WaitingForRun", number>>
  /** Over the open matches of the region's prospects. */
  readonly score: Option.Option<{ readonly mean: number; readonly lowest: number }>
  readonly meanKm: Option.Option<number>
  readonly mentors: {
    readonly total: number
    readonly paused: number
    readonly places: number
    readonly used: number
    /** Active mentors by how many open matches they have (0 to 3). */
    readonly load: ReadonlyArray<number>
  }
}

/**
 * What the holder of a code sees of their match: their role, the status,
 * the distance and explanation, and the prospect's categories.
 *
 * @since 0.4.0
 * @category models
 */
export interface MatchView {
  readonly matchId: MentorMatch.MatchId
  readonly role: "mentor" | "prospect"
  readonly status: MentorMatch.Status["_tag"]
  readonly km: number
  readonly explanation: MatchScore.Scored["explanation"]
  readonly prospect: Option.Option<ProspectSummary>
}

/**
 * Options of a batch run.
 *
 * @since 0.4.0
 * @category inputs
 */
export interface RunOptions {
  /** The weights (default `MatchScore.standard`). */
  readonly weights?: unknown
  /** Called with how many prospects have their candidates, for a progress indicator. */
  readonly onProgress?: (done: number, total: number) => void
  /** A run that has not finished after this long counts as crashed (default 30 minutes). */
  readonly staleAfter?: Duration.DurationInput
}

const decodeProspect = InvalidInput.decode(MentorProfile.ProspectInput)
const decodeMentor = InvalidInput.decode(MentorProfile.MentorInput)
const decodeProspectPatch = InvalidInput.decode(ProspectPatch)
const decodeMentorPatch = InvalidInput.decode(MentorPatch)
const decodeFeedback = InvalidInput.decode(Schema.Trim.pipe(Schema.maxLength(2000)))

const byId = <A extends { readonly id: string }>(items: ReadonlyArray<A>) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const contactOf = (contact: MentorProfile.Contact) => new MatchContact(contact, true)

const conflict = (match: MentorMatch.Match, nl: string, en: string) =>
  new MentorMatch.MatchStateConflict({ matchId: match.id, status: match.status._tag, problem: { nl, en } })

/**
 * @since 0.4.0
 * @category services
 */
export class Mentoring extends Effect.Service<Mentoring>()("@pleegzorg/core/Mentoring", {
  effect: Effect.gen(function*() {
    const prospects = yield* ProspectRepository
    const mentors = yield* MentorRepository
    const matches = yield* MatchRepository
    const runs = yield* MatchingRunRepository
    const outbox = yield* Outbox
    const { withTransaction } = yield* Transactor
    const entropy = yield* Entropy
    const gazetteer = yield* Geography

    const random = <A>(effect: Effect.Effect<A, never, Entropy>) => Effect.provideService(effect, Entropy, entropy)
    const newEventId = Effect.map(random(makeId("evt")), (id) => id as EventId)
    const newToken = Effect.gen(function*() {
      const token = yield* random(makeToken)
      return { token, hash: yield* hashToken(token) }
    })
    const regionOf = (municipality: string) =>
      Either.match(gazetteer.regionOfMunicipality(municipality), { onLeft: () => undefined, onRight: (r) => r })

    // A municipality must be known and have a point, or distances cannot be measured.
    const checkMunicipality = (code: string) =>
      Either.isRight(gazetteer.municipality(code)) && Option.isSome(MunicipalityPoint.pointOf(code))
        ? Effect.void
        : Effect.fail(new MunicipalityNotFound({ value: code, suggestions: [] }))

    const weightsOf = (input: unknown) =>
      input === undefined ? Effect.succeed(MatchScore.standard) : Either.match(MatchScore.decodeWeights(input), {
        onLeft: Effect.fail,
        onRight: Effect.succeed
      })

    // A record read (or read and locked), or the error that says it is not there.
    const found = <A, E>(read: Effect.Effect<Option.Option<A>, StorageError>, missing: () => E) =>
      Effect.flatMap(read, Option.match({ onNone: () => Effect.fail(missing()), onSome: Effect.succeed }))
    const readProspect = (id: string, lock: boolean) =>
      found(
        (lock ? prospects.getForUpdate : prospects.get)(id as MentorProfile.ProspectId),
        () => new MentorMatch.ProspectNotFound({ prospectId: id })
      )
    const readMentor = (id: string, lock: boolean) =>
      found((lock ? mentors.getForUpdate : mentors.get)(id as MentorProfile.MentorId), () => new MentorMatch.MentorNotFound({ mentorId: id }))
    const readMatch = (id: string, lock: boolean) =>
      found((lock ? matches.getForUpdate : matches.get)(id as MentorMatch.MatchId), () => new MentorMatch.MatchNotFound({ matchId: id }))
    const loadProspect = (id: string) => readProspect(id, true)
    const loadMentor = (id: string) => readMentor(id, true)
    const loadMatch = (id: string) => readMatch(id, true)

    const summaryOf = (prospect: MentorProfile.Prospect) =>
      new ProspectSummary({
        regionName: Option.match(Option.fromNullable(regionOf(prospect.municipality)), { onNone: () => "", onSome: regionLabel }),
        kinds: prospect.kinds,
        family: prospect.family,
        languages: prospect.languages,
        availability: prospect.availability
      }, true)

    // A proposal: the match, and the mail to the mentor with the code to answer.
    const propose = (
      prospect: MentorProfile.Prospect,
      mentor: MentorProfile.Mentor,
      weights: MatchScore.Weights,
      runId: string | null,
      at: DateTime.Utc
    ) =>
      Effect.gen(function*() {
        const km = Either.getOrElse(MunicipalityPoint.between(prospect.municipality, mentor.municipality), () => Infinity)
        const scored = MatchScore.score(prospect, MatchScore.mentorSide(mentor), km, weights)
        if (Either.isLeft(scored)) return Option.none()
        const { hash, token } = yield* newToken
        const eventId = yield* newEventId
        const match = new MentorMatch.Match({
          id: (yield* random(makeId("mch"))) as MentorMatch.MatchId,
          prospectId: prospect.id,
          mentorId: mentor.id,
          score: scored.right.score,
          km: Math.round(km * 10) / 10,
          explanation: scored.right.explanation,
          weights,
          runId,
          status: new MentorMatch.Proposed({ at }),
          mentorTokenHash: hash,
          prospectTokenHash: null,
          mails: [eventId],
          version: 1
        }, true)
        const event = new MentorProposed({
          id: eventId,
          occurredAt: at,
          recipient: contactOf(mentor.contact),
          matchId: match.id,
          token,
          prospect: summaryOf(prospect),
          km: match.km,
          explanation: scored.right.explanation
        }, true)
        return Option.some({ match, event })
      })

    // Everything a search needs, as stored now.
    const state = Effect.gen(function*() {
      const allMentors = yield* mentors.list() // by id, as the port promises
      const allMatches = yield* matches.list()
      const open = new Map<string, number>()
      const excluded = new Map<string, Set<string>>()
      const busy = new Set<string>()
      for (const m of allMatches) {
        if (MentorMatch.isOpen(m)) {
          open.set(m.mentorId, (open.get(m.mentorId) ?? 0) + 1)
          busy.add(m.prospectId)
        } else {
          const set = excluded.get(m.prospectId) ?? new Set<string>()
          set.add(m.mentorId)
          excluded.set(m.prospectId, set)
        }
      }
      const pool = MatchCandidates.pool(allMentors, (m) => m.capacity - (open.get(m.id) ?? 0))
      return { pool, open, excluded, busy, matches: allMatches }
    })

    // Reports are an overview of every region, so 42 of them in a row may
    // share one national pool, a moment old. A pool is used as it is for 5 s
    // while no mentor or match changed through this service; up to 60 s old
    // it is still used once more while a fresh one loads in the background;
    // older than that, or after such a change, a fresh one is loaded first.
    // Changes by other servers show within those times.
    let generation = 0
    let cached: { readonly generation: number; readonly at: number; readonly state: Effect.Effect.Success<typeof state> } | undefined
    let refreshing = false
    const changed = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.ensuring(effect, Effect.sync(() => void generation++))
    const load = Effect.gen(function*() {
      const mark = generation
      const at = DateTime.toEpochMillis(yield* DateTime.now)
      const fresh = yield* state
      cached = { generation: mark, at, state: fresh }
      return fresh
    })
    const recentState = Effect.gen(function*() {
      const now = DateTime.toEpochMillis(yield* DateTime.now)
      const age = cached === undefined ? Infinity : now - cached.at
      if (cached === undefined || age < 0 || age >= 60_000) return yield* load
      if ((cached.generation !== generation || age >= 5_000) && !refreshing) {
        refreshing = true
        yield* Effect.forkDaemon(load.pipe(Effect.ignore, Effect.ensuring(Effect.sync(() => void (refreshing = false)))))
      }
      return cached.state
    })
    // Reports count what happened: after a change through this service they load afresh.
    const currentState = Effect.suspend(() =>
      cached !== undefined && cached.generation === generation ? recentState : load
    )

    // For one prospect: the best `limit` mentors with room, read from storage
    // as they are now, and the mentors it may not get (declined, ended, or its
    // own now). Mentors are read ring by ring (5 km, 10 km, 20 km, … up to
    // the reach): when no mentor beyond a ring could beat the ones found, the
    // search is over, as the full search would stop there too.
    const bestNearby = (prospect: MentorProfile.Prospect, weights: MatchScore.Weights, limit: number) =>
      Effect.gen(function*() {
        const theirs = yield* matches.listByProspect(prospect.id)
        const excluded = new Set<string>(theirs.map((m) => m.mentorId))
        const busy = theirs.some(MentorMatch.isOpen)
        const around = Grid.nearest(prospect.municipality).filter((n) => n.km <= weights.reachKm)
        const found: Array<MentorProfile.Mentor> = []
        const open = new Map<string, number>()
        let read = 0
        for (let radius = 5;; radius *= 2) {
          // Each ring reads only the municipalities not read before.
          let inside = read
          while (inside < around.length && around[inside]!.km <= radius) inside++
          const ring = yield* mentors.listIn(around.slice(read, inside).map((n) => n.code))
          for (const c of yield* matches.openCounts(ring.map((m) => m.id))) open.set(c.mentorId, c.open)
          found.push(...ring)
          read = inside
          // In id order, as a full pool: equal scores then go the same way.
          found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          const pool = MatchCandidates.pool(found, (m) => m.capacity - (open.get(m.id) ?? 0))
          const result = MatchCandidates.search(prospect, pool, weights, { limit, excluded })
          const next = around[inside]
          const last = result.candidates[limit - 1]
          if (next === undefined || (last !== undefined && MatchScore.upperBound(next.km, weights) < last.score)) {
            return { pool, result, excluded, busy }
          }
        }
      })

    // The best mentor with room for one prospect, proposed (inside a transaction).
    const rematch = (prospectId: MentorProfile.ProspectId, weights: MatchScore.Weights, at: DateTime.Utc) =>
      Effect.gen(function*() {
        const prospect = yield* prospects.getForUpdate(prospectId)
        if (Option.isNone(prospect)) return Option.none()
        const now = yield* bestNearby(prospect.value, weights, 5)
        if (now.busy) return Option.none()
        const found = now.result
        // The candidates are locked in id order (as a batch does), then tried best first.
        const withRoom = new Map<string, MentorProfile.Mentor>()
        for (const id of found.candidates.map((c) => now.pool.mentors[c.mentor]!.id).sort()) {
          const stored = yield* roomOf(id)
          if (stored !== undefined) withRoom.set(id, stored)
        }
        for (const candidate of found.candidates) {
          const mentor = withRoom.get(now.pool.mentors[candidate.mentor]!.id)
          if (mentor === undefined) continue
          const proposal = yield* propose(prospect.value, mentor, weights, null, at)
          if (Option.isNone(proposal)) continue
          yield* matches.insert([proposal.value.match])
          yield* outbox.append([proposal.value.event])
          return Option.some(proposal.value.match)
        }
        return Option.none()
      })

    // Locks the mentor and counts again: places are decided one at a time.
    // The mentor as stored, when they have a place left.
    const roomOf = (mentorId: MentorProfile.MentorId) =>
      Effect.gen(function*() {
        const mentor = yield* mentors.getForUpdate(mentorId)
        if (Option.isNone(mentor) || !mentor.value.active) return undefined
        const open = (yield* matches.listByMentor(mentorId)).filter(MentorMatch.isOpen).length
        return open < mentor.value.capacity ? mentor.value : undefined
      })

    const addProspect = Effect.fn("Mentoring.addProspect")(function*(input: typeof MentorProfile.ProspectInput.Encoded) {
      const request = yield* decodeProspect(input)
      yield* checkMunicipality(request.municipality)
      const prospect = new MentorProfile.Prospect({
        ...request,
        id: (yield* random(makeId("asp"))) as MentorProfile.ProspectId,
        since: yield* DateTime.now,
        version: 1
      })
      yield* withTransaction(prospects.insert(prospect))
      return prospect
    })

    const addMentor = Effect.fn("Mentoring.addMentor")(function*(input: typeof MentorProfile.MentorInput.Encoded) {
      const request = yield* decodeMentor(input)
      yield* checkMunicipality(request.municipality)
      const mentor = new MentorProfile.Mentor({
        ...request,
        id: (yield* random(makeId("mnt"))) as MentorProfile.MentorId,
        active: true,
        version: 1
      })
      yield* withTransaction(mentors.insert(mentor))
      return mentor
    })

    const defined = (patch: object) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))

    const updateProspect = Effect.fn("Mentoring.updateProspect")(
      function*(id: string, input: typeof ProspectPatch.Encoded) {
        const patch = yield* decodeProspectPatch(input)
        if (patch.municipality !== undefined) yield* checkMunicipality(patch.municipality)
        return yield* withTransaction(Effect.gen(function*() {
          const prospect = yield* loadProspect(id)
          const next = new MentorProfile.Prospect({ ...prospect, ...defined(patch), version: prospect.version + 1 })
          yield* prospects.update(next)
          return next
        }))
      }
    )

    const updateMentor = Effect.fn("Mentoring.updateMentor")(function*(id: string, input: typeof MentorPatch.Encoded) {
      const patch = yield* decodeMentorPatch(input)
      if (patch.municipality !== undefined) yield* checkMunicipality(patch.municipality)
      return yield* withTransaction(Effect.gen(function*() {
        const mentor = yield* loadMentor(id)
        const next = new MentorProfile.Mentor({ ...mentor, ...defined(patch), version: mentor.version + 1 })
        yield* mentors.update(next)
        return next
      }))
    })

    const setActive = (id: string, active: boolean) =>
      withTransaction(Effect.gen(function*() {
        const mentor = yield* loadMentor(id)
        if (mentor.active === active) return mentor
        const next = new MentorProfile.Mentor({ ...mentor, active, version: mentor.version + 1 })
        yield* mentors.update(next)
        return next
      }))
    const pauseMentor = Effect.fn("Mentoring.pauseMentor")(function*(id: string) {
      return yield* setActive(id, false)
    })
    const resumeMentor = Effect.fn("Mentoring.resumeMentor")(function*(id: string) {
      return yield* setActive(id, true)
    })

    // Ends an open match (proposal withdrawn or match ended) and tells whoever
    // must hear it; `except` is a side that is being removed and gets no mail.
    const close = (
      match: MentorMatch.Match,
      by: MentorMatch.Party,
      at: DateTime.Utc,
      options: { readonly feedback?: string; readonly except?: "mentor" | "prospect" } = {}
    ) =>
      Effect.gen(function*() {
        const status = match.status._tag === "Proposed"
          ? new MentorMatch.Declined({ at, by })
          : new MentorMatch.Ended({ at, by, ...(options.feedback ? { feedback: options.feedback } : {}) })
        yield* matches.update(new MentorMatch.Match({ ...match, status, version: match.version + 1 }, true))
        if (match.status._tag !== "Active") return
        const events: Array<DomainEvent> = []
        const tell = (role: "mentor" | "prospect", contact: MentorProfile.Contact) =>
          Effect.map(newEventId, (id) =>
            events.push(
              new MatchEnded({ id, occurredAt: at, recipient: contactOf(contact), role, matchId: match.id, by, searching: role === "prospect" }, true)
            ))
        if (options.except !== "prospect") {
          const prospect = yield* prospects.get(match.prospectId)
          if (Option.isSome(prospect)) yield* tell("prospect", prospect.value.contact)
        }
        if (options.except !== "mentor") {
          const mentor = yield* mentors.get(match.mentorId)
          if (Option.isSome(mentor)) yield* tell("mentor", mentor.value.contact)
        }
        if (events.length > 0) yield* outbox.append(events)
      })

    // Mails about a match that have not gone out yet (a proposal, an
    // introduction) carry the removed person's data: take them back. One a
    // dispatcher is sending at this moment may still go.
    const takeBackMails = (list: ReadonlyArray<MentorMatch.Match>) =>
      Effect.forEach(list.flatMap((m) => m.mails), (id) => outbox.complete(id as EventId), { discard: true })

    const removeProspect = Effect.fn("Mentoring.removeProspect")(function*(id: string) {
      return yield* withTransaction(Effect.gen(function*() {
        const prospect = yield* loadProspect(id)
        const at = yield* DateTime.now
        const theirs = yield* matches.listByProspect(prospect.id)
        yield* takeBackMails(theirs)
        for (const match of theirs) {
          if (MentorMatch.isOpen(match)) {
            yield* close(match, "organiser", at, { except: "prospect" })
          } else if (match.status._tag === "Ended" && match.status.feedback !== undefined) {
            // Feedback is free text and may be about the family: it goes with the profile.
            const { feedback: _, ...status } = match.status
            yield* matches.update(
              new MentorMatch.Match({ ...match, status: new MentorMatch.Ended(status), version: match.version + 1 }, true)
            )
          }
        }
        yield* prospects.remove(prospect.id)
      }))
    })

    const removeMentor = Effect.fn("Mentoring.removeMentor")(function*(id: string) {
      return yield* withTransaction(Effect.gen(function*() {
        const mentor = yield* loadMentor(id)
        const at = yield* DateTime.now
        const theirs = yield* matches.listByMentor(mentor.id)
        yield* takeBackMails(theirs)
        const open = theirs.filter(MentorMatch.isOpen)
        for (const match of open) yield* close(match, "organiser", at, { except: "mentor" })
        yield* mentors.remove(mentor.id)
        for (const match of open) yield* rematch(match.prospectId, match.weights, at)
      }))
    })

    const runBatch = Effect.fn("Mentoring.runBatch")(function*(options: RunOptions = {}) {
      const weights = yield* weightsOf(options.weights)
      const startedAt = yield* DateTime.now
      const run = new MentorMatch.Run({
        id: yield* random(makeId("run")),
        startedAt,
        finishedAt: null,
        weightsVersion: weights.version,
        proposed: 0,
        unmatched: 0
      })
      const staleBefore = DateTime.subtractDuration(startedAt, Duration.decode(options.staleAfter ?? Duration.minutes(30)))
      const running = yield* withTransaction(runs.begin(run, staleBefore))
      if (Option.isSome(running)) {
        return yield* new MentorMatch.BatchRunning({ runId: running.value.id, since: running.value.startedAt })
      }
      return yield* Effect.gen(function*() {
        const now = yield* state
        const waiting = byId(yield* prospects.list()).filter((p) => !now.busy.has(p.id))
        const graph = MatchCandidates.graph(
          waiting,
          now.pool,
          weights,
          (p) => now.excluded.get(p.id),
          options.onProgress === undefined ? undefined : (done) => options.onProgress!(done, waiting.length)
        )
        options.onProgress?.(waiting.length, waiting.length)
        const solution = MatchingSolver.solve(graph.problem)
        const at = yield* DateTime.now
        const unmatched: Array<{ prospectId: MentorProfile.ProspectId; reason: MatchCandidates.Reason }> = []
        const proposed = yield* withTransaction(Effect.gen(function*() {
          const made: Array<MentorMatch.Match> = []
          const events: Array<DomainEvent> = []
          // Places are counted again under lock: something may have changed
          // since the search. Mentors are locked in id order, so that two
          // transactions never wait for each other's locks.
          const chosen = new Map<string, MentorProfile.Mentor>()
          for (let i = 0; i < waiting.length; i++) {
            const arc = solution.arc[i]!
            if (arc >= 0) chosen.set(now.pool.mentors[graph.problem.mentor[arc]!]!.id, now.pool.mentors[graph.problem.mentor[arc]!]!)
          }
          const room = new Map<string, { mentor: MentorProfile.Mentor; left: number }>()
          for (const id of [...chosen.keys()].sort()) {
            const stored = yield* mentors.getForUpdate(id as MentorProfile.MentorId)
            if (Option.isNone(stored) || !stored.value.active) continue
            const open = (yield* matches.listByMentor(stored.value.id)).filter(MentorMatch.isOpen).length
            room.set(id, { mentor: stored.value, left: stored.value.capacity - open })
          }
          for (let i = 0; i < waiting.length; i++) {
            const arc = solution.arc[i]!
            const id = waiting[i]!.id
            if (arc < 0) {
              unmatched.push({ prospectId: id, reason: graph.reasons.get(i) ?? "AllFull" })
              continue
            }
            // The prospect as stored now: removed meanwhile, or matched by someone else, is skipped.
            const prospect = yield* prospects.getForUpdate(id)
            if (Option.isNone(prospect)) continue
            if ((yield* matches.listByProspect(id)).some(MentorMatch.isOpen)) continue
            const place = room.get(now.pool.mentors[graph.problem.mentor[arc]!]!.id)
            if (place === undefined || place.left <= 0) {
              unmatched.push({ prospectId: id, reason: "AllFull" })
              continue
            }
            const proposal = yield* propose(prospect.value, place.mentor, weights, run.id, at)
            if (Option.isNone(proposal)) continue
            place.left--
            made.push(proposal.value.match)
            events.push(proposal.value.event)
          }
          if (made.length > 0) {
            yield* matches.insert(made)
            yield* outbox.append(events)
          }
          return made
        }))
        yield* withTransaction(runs.finish(
          new MentorMatch.Run({ ...run, finishedAt: yield* DateTime.now, proposed: proposed.length, unmatched: unmatched.length })
        ))
        const summary: RunSummary = { runId: run.id, weightsVersion: weights.version, waiting: waiting.length, proposed, unmatched }
        return summary
      }).pipe(
        // A failed or interrupted run must not keep the lock until it goes stale.
        Effect.onExit((exit) =>
          Exit.isSuccess(exit)
            ? Effect.void
            : Effect.flatMap(DateTime.now, (at) => withTransaction(runs.finish(new MentorMatch.Run({ ...run, finishedAt: at })))).pipe(
              Effect.ignore
            )
        )
      )
    })

    const suggestions = Effect.fn("Mentoring.suggestions")(function*(id: string, options: { readonly weights?: unknown } = {}) {
      const weights = yield* weightsOf(options.weights)
      const prospect = yield* readProspect(id, false)
      const { pool, result: found } = yield* bestNearby(prospect, weights, 5)
      const list = found.candidates.flatMap((c): Array<Suggestion> => {
        const mentor = pool.mentors[c.mentor]!
        return Either.match(MatchScore.score(prospect, MatchScore.mentorSide(mentor), c.km, weights), {
          onLeft: () => [],
          onRight: (s) => [{
            mentorId: mentor.id,
            score: s.score,
            km: Math.round(c.km * 10) / 10,
            explanation: s.explanation,
            placesLeft: pool.remaining[c.mentor]!
          }]
        })
      })
      const result: Suggestions = {
        prospectId: prospect.id,
        pick: Option.fromNullable(list[0]),
        alternatives: list.slice(1, 5),
        reason: found.reason
      }
      return result
    })

    const accept = Effect.fn("Mentoring.accept")(function*(matchId: string, token: string) {
      const hash = yield* hashToken(token)
      return yield* withTransaction(Effect.gen(function*() {
        const match = yield* loadMatch(matchId)
        if (!MentorMatch.isMentorCode(match, hash)) return yield* new MentorMatch.NotYourMatch({ matchId: match.id })
        if (match.status._tag !== "Proposed") {
          return yield* conflict(
            match,
            "Dit voorstel is al beantwoord of is niet meer open.",
            "This proposal has already been answered or is no longer open."
          )
        }
        const prospect = yield* loadProspect(match.prospectId)
        const mentor = yield* loadMentor(match.mentorId)
        const at = yield* DateTime.now
        const forMentor = yield* newToken
        const forProspect = yield* newToken
        const toMentor = yield* newEventId
        const toProspect = yield* newEventId
        const active = new MentorMatch.Match({
          ...match,
          status: new MentorMatch.Active({ since: at }),
          mentorTokenHash: forMentor.hash,
          proposalTokenHash: match.mentorTokenHash,
          prospectTokenHash: forProspect.hash,
          mails: [...match.mails, toMentor, toProspect],
          version: match.version + 1
        }, true)
        yield* matches.update(active)
        const region = Option.match(Option.fromNullable(regionOf(prospect.municipality)), { onNone: () => "", onSome: regionLabel })
        yield* outbox.append([
          new MatchIntroduced({
            id: toMentor,
            occurredAt: at,
            recipient: contactOf(mentor.contact),
            role: "mentor",
            matchId: match.id,
            token: forMentor.token,
            other: { name: prospect.contact.name, email: prospect.contact.email },
            ...(prospect.questions === "" ? {} : { questions: prospect.questions }),
            regionName: region
          }, true),
          new MatchIntroduced({
            id: toProspect,
            occurredAt: at,
            recipient: contactOf(prospect.contact),
            role: "prospect",
            matchId: match.id,
            token: forProspect.token,
            other: { name: mentor.contact.name, email: mentor.contact.email },
            regionName: region
          }, true)
        ])
        return active
      }))
    })

    const decline = Effect.fn("Mentoring.decline")(function*(matchId: string, token: string) {
      const hash = yield* hashToken(token)
      return yield* withTransaction(Effect.gen(function*() {
        const match = yield* loadMatch(matchId)
        if (!MentorMatch.isMentorCode(match, hash)) return yield* new MentorMatch.NotYourMatch({ matchId: match.id })
        if (match.status._tag !== "Proposed") {
          return yield* conflict(
            match,
            "Dit voorstel is al beantwoord of is niet meer open.",
            "This proposal has already been answered or is no longer open."
          )
        }
        const at = yield* DateTime.now
        yield* close(match, "mentor", at)
        return { declined: match.id, next: yield* rematch(match.prospectId, match.weights, at) }
      }))
    })

    const endWith = (matchId: string, who: (match: MentorMatch.Match) => Effect.Effect<MentorMatch.Party, MentorMatch.NotYourMatch>, feedback: unknown) =>
      Effect.gen(function*() {
        const text = feedback === undefined ? "" : yield* decodeFeedback(feedback)
        return yield* withTransaction(Effect.gen(function*() {
          const match = yield* loadMatch(matchId)
          const by = yield* who(match)
          if (match.status._tag !== "Active") {
            return yield* conflict(
              match,
              "Alleen een koppeling die loopt, kan stoppen.",
              "Only a match that is going on can end."
            )
          }
          const at = yield* DateTime.now
          yield* close(match, by, at, text === "" ? {} : { feedback: text })
          return { ended: match.id, next: yield* rematch(match.prospectId, match.weights, at) }
        }))
      })

    const end = Effect.fn("Mentoring.end")(function*(matchId: string, token: string, feedback?: unknown) {
      const hash = yield* hashToken(token)
      return yield* endWith(matchId, (match) =>
        MentorMatch.isMentorCode(match, hash)
          ? Effect.succeed("mentor" as const)
          : match.prospectTokenHash === hash
          ? Effect.succeed("prospect" as const)
          : Effect.fail(new MentorMatch.NotYourMatch({ matchId: match.id })), feedback)
    })

    const endByOrganiser = Effect.fn("Mentoring.endByOrganiser")(function*(matchId: string, feedback?: unknown) {
      return yield* endWith(matchId, () => Effect.succeed("organiser" as const), feedback)
    })

    const getProspect = Effect.fn("Mentoring.getProspect")(function*(id: string) {
      return yield* readProspect(id, false)
    })
    const getMentor = Effect.fn("Mentoring.getMentor")(function*(id: string) {
      return yield* readMentor(id, false)
    })
    const getMatch = Effect.fn("Mentoring.getMatch")(function*(id: string) {
      return yield* readMatch(id, false)
    })
    const matchesOfProspect = Effect.fn("Mentoring.matchesOfProspect")(function*(id: string) {
      yield* getProspect(id)
      return yield* matches.listByProspect(id as MentorProfile.ProspectId)
    })

    const report = Effect.fn("Mentoring.report")(function*(region: string, options: { readonly weights?: unknown } = {}) {
      const weights = yield* weightsOf(options.weights)
      const found = yield* Either.match(gazetteer.region(region), { onLeft: Effect.fail, onRight: Effect.succeed })
      const inRegion = (municipality: string) => regionOf(municipality)?.code === found.code
      const now = yield* currentState
      const mine = byId(yield* prospects.list()).filter((p) => inRegion(p.municipality))
      const ids = new Set(mine.map((p) => p.id))
      const open = now.matches.filter((m) => MentorMatch.isOpen(m) && ids.has(m.prospectId))
      const waiting = { NoMentorWithinReach: 0, NoSuitableMentor: 0, AllFull: 0, WaitingForRun: 0 }
      for (const prospect of mine.filter((p) => !now.busy.has(p.id))) {
        const set = now.excluded.get(prospect.id)
        const result = MatchCandidates.search(prospect, now.pool, weights, { limit: 1, ...(set ? { excluded: set } : {}) })
        waiting[result.reason ?? "WaitingForRun"]++
      }
      const regionMentors = now.pool.mentors.filter((m) => inRegion(m.municipality))
      const load = [0, 0, 0, 0]
      let used = 0
      for (const m of regionMentors.filter((m) => m.active)) {
        const n = Math.min(3, now.open.get(m.id) ?? 0)
        load[n]!++
        used += now.open.get(m.id) ?? 0
      }
      const scores = open.map((m) => m.score)
      const result: RegionReport = {
        region: found.code,
        regionName: regionLabel(found),
        prospects: mine.length,
        proposed: open.filter((m) => m.status._tag === "Proposed").length,
        matched: open.filter((m) => m.status._tag === "Active").length,
        waiting,
        score: scores.length === 0
          ? Option.none()
          : Option.some({ mean: scores.reduce((a, b) => a + b, 0) / scores.length, lowest: Math.min(...scores) }),
        meanKm: open.length === 0 ? Option.none() : Option.some(open.reduce((a, m) => a + m.km, 0) / open.length),
        mentors: {
          total: regionMentors.length,
          paused: regionMentors.filter((m) => !m.active).length,
          places: regionMentors.filter((m) => m.active).reduce((a, m) => a + m.capacity, 0),
          used,
          load
        }
      }
      return result
    })

    // What the holder of a code may see of their match: no names before the mentor agrees.
    const view = Effect.fn("Mentoring.view")(function*(matchId: string, token: string) {
      const hash = yield* hashToken(token)
      const match = yield* getMatch(matchId)
      const role = MentorMatch.isMentorCode(match, hash) ? "mentor" as const : match.prospectTokenHash === hash ? "prospect" as const : undefined
      if (role === undefined) return yield* new MentorMatch.NotYourMatch({ matchId: match.id })
      // The prospect's categories only while the match is open: not to be followed after a decline or an end.
      const prospect = MentorMatch.isOpen(match) ? yield* prospects.get(match.prospectId) : Option.none()
      const result: MatchView = {
        matchId: match.id,
        role,
        status: match.status._tag,
        km: match.km,
        explanation: match.explanation,
        prospect: Option.map(prospect, summaryOf)
      }
      return result
    })

    const runsList = Effect.fn("Mentoring.runs")(function*(limit = 20) {
      return yield* runs.list(limit)
    })

    return {
      // A prospect's profile is not part of the pool: sign-ups keep it.
      addProspect,
      updateProspect,
      removeProspect: (id: string) => changed(removeProspect(id)),
      addMentor: (input: typeof MentorProfile.MentorInput.Encoded) => changed(addMentor(input)),
      updateMentor: (id: string, input: typeof MentorPatch.Encoded) => changed(updateMentor(id, input)),
      pauseMentor: (id: string) => changed(pauseMentor(id)),
      resumeMentor: (id: string) => changed(resumeMentor(id)),
      // An erased mentor must not be suggested from memory: the pool goes at once.
      removeMentor: (id: string) => changed(removeMentor(id)).pipe(Effect.ensuring(Effect.sync(() => void (cached = undefined)))),
      runBatch: (options?: RunOptions) => changed(runBatch(options)),
      suggestions,
      accept: (matchId: string, token: string) => changed(accept(matchId, token)),
      decline: (matchId: string, token: string) => changed(decline(matchId, token)),
      end: (matchId: string, token: string, feedback?: unknown) => changed(end(matchId, token, feedback)),
      endByOrganiser: (matchId: string, feedback?: unknown) => changed(endByOrganiser(matchId, feedback)),
      getProspect,
      getMentor,
      getMatch,
      matchesOfProspect,
      report,
      view,
      runs: runsList
    } as const
  })
}) {}
