/**
 * The reference storage: every storage port in memory, with real
 * transactions (one at a time; a failure rolls every write back). For tests,
 * demos and prototypes; it forgets everything when the process ends.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { Agenda } from "./Agenda.js"
import { AgendaRepository } from "./AgendaStorage.js"
import type { AttendanceRecord } from "./Attendance.js"
import { MatchingRunRepository, MatchRepository, MentorRepository, ProspectRepository } from "./MatchingStorage.js"
import type { Match, Run } from "./MentorMatch.js"
import type { Mentor, MentorId, Prospect } from "./MentorProfile.js"
import type { EventId } from "./DomainEvent.js"
import { Outbox, OutboxEntry } from "./Outbox.js"
import type { Registration } from "./Registration.js"
import type { Figure } from "./RegionalFigures.js"
import type { Entry } from "./ReleaseLedger.js"
import { AttendanceRepository, RegistrationRepository, type StatusCount, StorageError, TrackRepository, Transactor } from "./Storage.js"
import type { ReportGroup, Survey } from "./Survey.js"
import { type Answer, countsOf } from "./SurveyAnswer.js"
import { Invitation } from "./SurveyInvitation.js"
import {
  AnswerRepository,
  type Count,
  InvitationRepository,
  RegionalFigureRepository,
  ReleaseRepository,
  SurveyRepository
} from "./SurveyStorage.js"
import type { Track } from "./Track.js"

interface Leased {
  readonly entry: OutboxEntry
  readonly sequence: number
  readonly lockedUntil: number
  readonly givenUp: boolean
}

interface State {
  tracks: Map<string, Track>
  registrations: Map<string, Registration>
  attendance: Map<string, AttendanceRecord>
  outbox: Map<string, Leased>
  outboxSequence: number
  surveys: Map<string, Survey>
  invitations: Map<string, Invitation>
  tokens: Map<string, string>
  answers: Map<string, Answer>
  releases: Map<string, ReadonlyArray<Entry>>
  figures: Map<string, Figure>
  agendas: Map<string, Agenda>
  prospects: Map<string, Prospect>
  mentors: Map<string, Mentor>
  matches: Map<string, Match>
  runs: Map<string, Run>
}


/**
 * Every storage port (`Transactor`, `TrackRepository`,
 * `RegistrationRepository`, `AttendanceRepository`, `Outbox`, the survey
 * ports of `SurveyStorage`, `AgendaRepository` and the matching ports of
 * `MatchingStorage`) over one fresh in-memory store.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<
  | Transactor
  | TrackRepository
  | RegistrationRepository
  | AttendanceRepository
  | Outbox
  | SurveyRepository
  | InvitationRepository
  | AnswerRepository
  | ReleaseRepository
  | RegionalFigureRepository
  | AgendaRepository
  | ProspectRepository
  | MentorRepository
  | MatchRepository
  | MatchingRunRepository
> = Layer.effectContext(
  Effect.gen(function*() {
    const state: State = {
      tracks: new Map(),
      registrations: new Map(),
      attendance: new Map(),
      outbox: new Map(),
      outboxSequence: 0,
      surveys: new Map(),
      invitations: new Map(),
      tokens: new Map(),
      answers: new Map(),
      releases: new Map(),
      figures: new Map(),
      agendas: new Map(),
      prospects: new Map(),
      mentors: new Map(),
      matches: new Map(),
      runs: new Map()
    }
    const lock = yield* Effect.makeSemaphore(1)

    // Every write inside a transaction records how to undo it, in the
    // journal of that transaction. The journal travels with the fiber (a
    // FiberRef), so concurrent savepoints and fibers forked inside a
    // transaction each find their own. A failure undoes its own journal,
    // newest first; a nested transaction acts as a savepoint and on success
    // hands its steps to the one around it. Once a transaction ends its
    // journal is closed: a fiber it forked then starts a transaction of its
    // own instead of writing into one that no longer runs.
    interface Journal {
      readonly undo: Array<() => void>
      open: boolean
    }
    const current = FiberRef.unsafeMake<Journal | undefined>(undefined)
    const set = <K, V>(journal: Journal, map: Map<K, V>, key: K, value: V) => {
      const had = map.has(key)
      const previous = map.get(key)
      journal.undo.push(() => void (had ? map.set(key, previous as V) : map.delete(key)))
      map.set(key, value)
    }
    const remove = <K, V>(journal: Journal, map: Map<K, V>, key: K) => {
      if (map.has(key)) {
        const previous = map.get(key) as V
        journal.undo.push(() => void map.set(key, previous))
      }
      map.delete(key)
    }

    const rollingBack = <A, E, R>(self: Effect.Effect<A, E, R>, parent: Journal | undefined) =>
      Effect.suspend(() => {
        const mine: Journal = { undo: [], open: true }
        return Effect.locally(self, current, mine).pipe(
          Effect.onExit((exit) => Effect.sync(() => {
            mine.open = false
            if (Exit.isFailure(exit)) {
              for (let i = mine.undo.length - 1; i >= 0; i--) mine.undo[i]!()
            } else if (parent !== undefined) {
              for (const step of mine.undo) parent.undo.push(step)
            }
          }))
        )
      })

    const withTransaction = <A, E, R>(self: Effect.Effect<A, E, R>) =>
      Effect.flatMap(FiberRef.get(current), (journal) =>
        journal?.open === true ? rollingBack(self, journal) : lock.withPermits(1)(rollingBack(self, undefined)))

    const refuse = (operation: string, reason: string) => Effect.fail(new StorageError({ operation, reason }))

    // Every write runs in a transaction: its own (taking the lock), or the
    // caller's. So a rollback never undoes a write made outside it.
    const locked = <A, E>(write: (journal: Journal) => Effect.Effect<A, E>) =>
      withTransaction(Effect.flatMap(FiberRef.get(current), (journal) => write(journal!)))

    const sorted = <A>(values: Iterable<A>, key: (a: A) => number) =>
      Array.from(values).sort((a, b) => key(a) - key(b))

    const tracks = TrackRepository.of({
      insert: (track) =>
        locked((j) => Effect.suspend(() =>
          state.tracks.has(track.id)
            ? refuse("TrackRepository.insert", "a track with this id exists")
            : Effect.sync(() => void set(j, state.tracks, track.id, track))
        )),
      update: (track) =>
        locked((j) => Effect.suspend(() => {
          const stored = state.tracks.get(track.id)
          if (stored === undefined) return refuse("TrackRepository.update", "no such track")
          if (stored.version >= track.version) return refuse("TrackRepository.update", "the track changed meanwhile")
          return Effect.sync(() => void set(j, state.tracks, track.id, track))
        })),
      get: (id) => Effect.sync(() => Option.fromNullable(state.tracks.get(id))),
      getForUpdate: (id) => Effect.sync(() => Option.fromNullable(state.tracks.get(id))),
      listByRegion: (region) =>
        Effect.sync(() =>
          sorted([...state.tracks.values()].filter((t) => t.region === region), (t) => t.createdAt.epochMillis)
        ),
      listActive: () =>
        Effect.sync(() =>
          sorted(
            [...state.tracks.values()].filter((t) => ["Open", "RegistrationClosed", "Running"].includes(t.status._tag)),
            (t) => t.createdAt.epochMillis
          )
        )
    })

    const registrations = RegistrationRepository.of({
      insert: (registration) =>
        locked((j) => Effect.suspend(() => {
          const all = [...state.registrations.values()]
          if (!state.tracks.has(registration.trackId)) return refuse("RegistrationRepository.insert", "no such track")
          if (
            state.registrations.has(registration.id) ||
            all.some((r) => r.trackId === registration.trackId && r.sequence === registration.sequence) ||
            all.some((r) => r.tokenHash === registration.tokenHash) ||
            (registration.status._tag !== "Withdrawn" && all.some((r) =>
              r.trackId === registration.trackId && r.email === registration.email && r.status._tag !== "Withdrawn"
            ))
          ) return refuse("RegistrationRepository.insert", "unique constraint")
          return Effect.sync(() => void set(j, state.registrations, registration.id, registration))
        })),
      update: (registration) =>
        locked((j) => Effect.suspend(() =>
          state.registrations.has(registration.id)
            ? Effect.sync(() => void set(j, state.registrations, registration.id, registration))
            : refuse("RegistrationRepository.update", "no such registration")
        )),
      get: (id) => Effect.sync(() => Option.fromNullable(state.registrations.get(id))),
      findByTokenHash: (hash) =>
        Effect.sync(() => Option.fromNullable([...state.registrations.values()].find((r) => r.tokenHash === hash))),
      findActiveByEmail: (trackId, email) =>
        Effect.sync(() =>
          Option.fromNullable(
            [...state.registrations.values()].find((r) =>
              r.trackId === trackId && r.email === email && r.status._tag !== "Withdrawn"
            )
          )
        ),
      listByTrack: (trackId) =>
        Effect.sync(() =>
          sorted([...state.registrations.values()].filter((r) => r.trackId === trackId), (r) => r.sequence)
        ),
      countsByTrack: (trackId) =>
        Effect.sync(() => {
          const counts = new Map<string, StatusCount>()
          for (const r of state.registrations.values()) {
            if (r.trackId !== trackId) continue
            const key = `${r.group}/${r.status._tag}`
            const count = counts.get(key)?.count ?? 0
            counts.set(key, { group: r.group, status: r.status._tag, count: count + 1 })
          }
          return [...counts.values()]
        }),
      nextSequence: (trackId) =>
        Effect.sync(() =>
          1 + [...state.registrations.values()].reduce((max, r) => (r.trackId === trackId ? Math.max(max, r.sequence) : max), 0)
        )
    })

    const attendance = AttendanceRepository.of({
      record: (record) =>
        locked((j) => Effect.sync(() => void set(j, state.attendance, `${record.registrationId}/${record.session}`, record))),
      listByTrack: (trackId) =>
        Effect.sync(() => [...state.attendance.values()].filter((a) => a.trackId === trackId))
    })

    const change = (j: Journal, id: EventId, f: (leased: Leased) => Leased) =>
      Effect.sync(() => {
        const leased = state.outbox.get(id)
        if (leased !== undefined) set(j, state.outbox, id, f(leased))
      })

    const outbox = Outbox.of({
      append: (events) =>
        Effect.flatMap(DateTime.now, (now) =>
          locked((j) => Effect.sync(() => {
            for (const event of events) {
              set(j, state.outbox, event.id, {
                entry: new OutboxEntry({ event, attempts: 0, nextAttemptAt: now, lastError: Option.none() }),
                sequence: ++state.outboxSequence,
                lockedUntil: 0,
                givenUp: false
              })
            }
          }))),
      claim: ({ lease, limit, now }) =>
        locked((j) => Effect.sync(() => {
          const at = now.epochMillis
          const due = sorted(
            [...state.outbox.values()].filter((l) =>
              !l.givenUp && l.entry.nextAttemptAt.epochMillis <= at && l.lockedUntil <= at
            ),
            (l) => l.sequence
          ).slice(0, limit)
          for (const l of due) {
            set(j, state.outbox, l.entry.event.id, { ...l, lockedUntil: DateTime.addDuration(now, lease).epochMillis })
          }
          return due.map((l) => l.entry)
        })),
      complete: (id) => locked((j) => Effect.sync(() => void remove(j, state.outbox, id))),
      release: (id) => locked((j) => change(j, id, (l) => ({ ...l, lockedUntil: 0 }))),
      retryLater: (id, at, error) =>
        locked((j) => change(j, id, (l) => ({
          ...l,
          lockedUntil: 0,
          entry: new OutboxEntry({
            ...l.entry,
            attempts: l.entry.attempts + 1,
            nextAttemptAt: at,
            lastError: Option.some(error)
          })
        }))),
      giveUp: (id, error) =>
        Effect.flatMap(DateTime.now, (now) =>
          locked((j) => change(j, id, (l) => ({
            ...l,
            givenUp: true,
            entry: new OutboxEntry({
              ...l.entry,
              attempts: l.entry.attempts + 1,
              nextAttemptAt: now,
              lastError: Option.some(error)
            })
          })))),
      removeGivenUp: (before) =>
        locked((j) => Effect.sync(() => {
          let removed = 0
          for (const [id, l] of state.outbox) {
            if (l.givenUp && l.entry.nextAttemptAt.epochMillis < before.epochMillis) {
              remove(j, state.outbox, id)
              removed++
            }
          }
          return removed
        })),
      get: (id) => Effect.sync(() => Option.map(Option.fromNullable(state.outbox.get(id)), (l) => l.entry)),
      stats: () =>
        Effect.sync(() => {
          const all = [...state.outbox.values()]
          return {
            pending: all.filter((l) => !l.givenUp).length,
            failing: all.filter((l) => !l.givenUp && l.entry.attempts > 0).length,
            givenUp: all.filter((l) => l.givenUp).length
          }
        })
    })

    const byId = <A extends { readonly id: string }>(values: Iterable<A>) =>
      Array.from(values).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

    const surveys = SurveyRepository.of({
      insert: (survey) =>
        locked((j) => Effect.suspend(() =>
          state.surveys.has(survey.id)
            ? refuse("SurveyRepository.insert", "a survey with this id exists")
            : Effect.sync(() => void set(j, state.surveys, survey.id, survey))
        )),
      update: (survey) =>
        locked((j) => Effect.suspend(() => {
          const stored = state.surveys.get(survey.id)
          if (stored === undefined) return refuse("SurveyRepository.update", "no such survey")
          if (stored.version >= survey.version) return refuse("SurveyRepository.update", "the survey changed meanwhile")
          return Effect.sync(() => void set(j, state.surveys, survey.id, survey))
        })),
      get: (id) => Effect.sync(() => Option.fromNullable(state.surveys.get(id))),
      getForUpdate: (id) => Effect.sync(() => Option.fromNullable(state.surveys.get(id))),
      listByTrack: (trackId) => Effect.sync(() => byId([...state.surveys.values()].filter((s) => s.trackId === trackId)))
    })

    const invitations = InvitationRepository.of({
      insert: (rows) =>
        locked((j) => Effect.suspend(() =>
          rows.some((r) => state.invitations.has(r.id)) || new Set(rows.map((r) => r.id)).size !== rows.length
            ? refuse("InvitationRepository.insert", "an invitation with this id exists")
            : Effect.sync(() => rows.forEach((r) => set(j, state.invitations, r.id, r)))
        )),
      addToken: (invitationId, hash) =>
        locked((j) => Effect.suspend(() =>
          !state.invitations.has(invitationId)
            ? refuse("InvitationRepository.addToken", "no such invitation")
            : state.tokens.has(hash)
            ? refuse("InvitationRepository.addToken", "this token exists")
            : Effect.sync(() => void set(j, state.tokens, hash, invitationId))
        )),
      findByTokenHash: (hash) =>
        Effect.sync(() => Option.flatMap(Option.fromNullable(state.tokens.get(hash)), (id) => Option.fromNullable(state.invitations.get(id)))),
      update: (invitation) =>
        locked((j) => Effect.suspend(() => {
          const stored = state.invitations.get(invitation.id)
          if (stored === undefined) return refuse("InvitationRepository.update", "no such invitation")
          return Effect.sync(() =>
            void set(j, state.invitations, invitation.id, new Invitation({ ...stored, used: invitation.used, reminders: invitation.reminders }))
          )
        })),
      listBySurvey: (surveyId) => Effect.sync(() => byId([...state.invitations.values()].filter((i) => i.surveyId === surveyId))),
      counts: (surveyId) =>
        Effect.sync(() => {
          const counts = new Map<Invitation["audience"], { invited: number; used: number }>()
          for (const i of state.invitations.values()) {
            if (i.surveyId !== surveyId) continue
            const c = counts.get(i.audience) ?? { invited: 0, used: 0 }
            counts.set(i.audience, { invited: c.invited + 1, used: c.used + (i.used ? 1 : 0) })
          }
          return [...counts].map(([audience, c]) => ({ audience, ...c }))
        }),
      eraseContacts: (surveyId) =>
        locked((j) => Effect.sync(() => {
          let erased = 0
          for (const i of state.invitations.values()) {
            if (i.surveyId === surveyId && Option.isSome(i.contact)) {
              set(j, state.invitations, i.id, new Invitation({ ...i, contact: Option.none() }))
              erased++
            }
          }
          return erased
        }))
    })

    const insertAnswers = (operation: string, rows: ReadonlyArray<Answer>) =>
      locked((j) => Effect.suspend(() =>
        rows.some((a) => state.answers.has(a.id)) || new Set(rows.map((a) => a.id)).size !== rows.length
          ? refuse(operation, "an answer with this id exists")
          : Effect.sync(() => rows.forEach((a) => set(j, state.answers, a.id, a)))
      ))
    const answersOf = (surveyId: string) => byId([...state.answers.values()].filter((a) => a.surveyId === surveyId))

    const answers = AnswerRepository.of({
      insert: (answer) => insertAnswers("AnswerRepository.insert", [answer]),
      insertMany: (rows) => insertAnswers("AnswerRepository.insertMany", rows),
      counts: (surveyId) =>
        Effect.sync(() => {
          const counts = new Map<string, Count>()
          for (const answer of answersOf(surveyId)) {
            const municipality = Option.getOrNull(answer.municipality)
            for (const row of countsOf(answer)) {
              const key = JSON.stringify([answer.group, municipality, row.question, row.value])
              const count = counts.get(key)?.count ?? 0
              counts.set(key, { group: answer.group, municipality, question: row.question, value: row.value, count: count + 1 })
            }
          }
          return [...counts.values()]
        }),
      freeTexts: (surveyId) =>
        Effect.sync(() =>
          answersOf(surveyId).flatMap((a) =>
            Object.entries(a.values).flatMap(([question, value]) =>
              typeof value === "string" ? [{ group: a.group as ReportGroup, question, text: value }] : []
            )
          )
        ),
      // A Map keeps insertion order, but every read here sorts by id.
      seal: () => Effect.void,
      coverage: (surveyId) =>
        Effect.sync(() => answersOf(surveyId).map((a) => ({ id: a.id, group: a.group, municipality: Option.getOrNull(a.municipality) })))
    })

    const releases = ReleaseRepository.of({
      append: (surveyId, entry) =>
        locked((j) => Effect.sync(() => void set(j, state.releases, surveyId, [...(state.releases.get(surveyId) ?? []), entry]))),
      list: (surveyId) => Effect.sync(() => state.releases.get(surveyId) ?? [])
    })

    const figureKey = (f: Figure) => JSON.stringify([f.indicator, f.area, f.period])
    const figures = RegionalFigureRepository.of({
      upsert: (rows) => locked((j) => Effect.sync(() => rows.forEach((f) => set(j, state.figures, figureKey(f), f)))),
      listByArea: (area) =>
        Effect.sync(() =>
          [...state.figures.values()].filter((f) => f.area === area).sort((a, b) =>
            a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0
          )
        )
    })

    const agendas = AgendaRepository.of({
      insert: (agenda) =>
        locked((j) => Effect.suspend(() =>
          state.agendas.has(agenda.id)
            ? refuse("AgendaRepository.insert", "an agenda with this id exists")
            : [...state.agendas.values()].some((a) => a.trackId === agenda.trackId)
            ? refuse("AgendaRepository.insert", "this track has an agenda")
            : Effect.sync(() => void set(j, state.agendas, agenda.id, agenda))
        )),
      update: (agenda) =>
        locked((j) => Effect.suspend(() => {
          const stored = state.agendas.get(agenda.id)
          if (stored === undefined) return refuse("AgendaRepository.update", "no such agenda")
          if (stored.version >= agenda.version) return refuse("AgendaRepository.update", "the agenda changed meanwhile")
          return Effect.sync(() => void set(j, state.agendas, agenda.id, agenda))
        })),
      get: (id) => Effect.sync(() => Option.fromNullable(state.agendas.get(id))),
      getForUpdate: (id) => Effect.sync(() => Option.fromNullable(state.agendas.get(id))),
      findByTrack: (trackId) => Effect.sync(() => Option.fromNullable([...state.agendas.values()].find((a) => a.trackId === trackId))),
      listByRegion: (region) => Effect.sync(() => byId([...state.agendas.values()].filter((a) => a.region === region))),
      list: () => Effect.sync(() => byId(state.agendas.values()))
    })

    // Profiles and matches: documents with optimistic versions, as agendas.
    const documents = <A extends { readonly id: string; readonly version: number }>(name: string, map: Map<string, A>) => ({
      insert: (item: A) =>
        locked((j) => Effect.suspend(() =>
          map.has(item.id)
            ? refuse(`${name}.insert`, "a record with this id exists")
            : Effect.sync(() => void set(j, map, item.id, item))
        )),
      update: (item: A) =>
        locked((j) => Effect.suspend(() => {
          const stored = map.get(item.id)
          if (stored === undefined) return refuse(`${name}.update`, "no such record")
          if (stored.version >= item.version) return refuse(`${name}.update`, "the record changed meanwhile")
          return Effect.sync(() => void set(j, map, item.id, item))
        })),
      get: (id: string) => Effect.sync(() => Option.fromNullable(map.get(id))),
      getForUpdate: (id: string) => Effect.sync(() => Option.fromNullable(map.get(id))),
      remove: (id: string) => locked((j) => Effect.sync(() => {
        const had = map.has(id)
        remove(j, map, id)
        return had
      })),
      list: () => Effect.sync(() => byId(map.values()))
    })
    const prospectDocs = documents("ProspectRepository", state.prospects)
    const prospects = ProspectRepository.of(prospectDocs)
    const mentors = MentorRepository.of({
      ...documents("MentorRepository", state.mentors),
      listIn: (municipalities) =>
        Effect.sync(() => {
          const wanted = new Set(municipalities)
          return byId([...state.mentors.values()].filter((m) => wanted.has(m.municipality)))
        })
    })
    const matchDocs = documents("MatchRepository", state.matches)
    const matches = MatchRepository.of({
      ...matchDocs,
      insert: (rows) =>
        locked((j) => Effect.suspend(() => {
          if (rows.some((m) => state.matches.has(m.id)) || new Set(rows.map((m) => m.id)).size !== rows.length) {
            return refuse("MatchRepository.insert", "a match with this id exists")
          }
          return Effect.sync(() => rows.forEach((m) => set(j, state.matches, m.id, m)))
        })),
      listByProspect: (id) => Effect.sync(() => byId([...state.matches.values()].filter((m) => m.prospectId === id))),
      listByMentor: (id) => Effect.sync(() => byId([...state.matches.values()].filter((m) => m.mentorId === id))),
      openCounts: (ids) =>
        Effect.sync(() => {
          const wanted = new Set<string>(ids)
          const counts = new Map<MentorId, number>()
          for (const m of state.matches.values()) {
            if (wanted.has(m.mentorId) && (m.status._tag === "Proposed" || m.status._tag === "Active")) {
              counts.set(m.mentorId, (counts.get(m.mentorId) ?? 0) + 1)
            }
          }
          return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mentorId, open]) => ({ mentorId, open }))
        })
    })
    const runs = MatchingRunRepository.of({
      begin: (run, staleBefore) =>
        locked((j) => Effect.sync(() => {
          const running = [...state.runs.values()].find((r) =>
            r.finishedAt === null && DateTime.greaterThan(r.startedAt, staleBefore)
          )
          if (running !== undefined) return Option.some(running)
          set(j, state.runs, run.id, run)
          return Option.none()
        })),
      finish: (run) =>
        locked((j) => Effect.suspend(() =>
          state.runs.has(run.id)
            ? Effect.sync(() => void set(j, state.runs, run.id, run))
            : refuse("MatchingRunRepository.finish", "no such run")
        )),
      list: (limit) =>
        Effect.sync(() =>
          [...state.runs.values()].sort((a, b) =>
            DateTime.toEpochMillis(b.startedAt) - DateTime.toEpochMillis(a.startedAt) || (a.id < b.id ? 1 : -1)
          ).slice(0, limit)
        )
    })

    return Context.make(Transactor, { withTransaction }).pipe(
      Context.add(TrackRepository, tracks),
      Context.add(RegistrationRepository, registrations),
      Context.add(AttendanceRepository, attendance),
      Context.add(Outbox, outbox),
      Context.add(SurveyRepository, surveys),
      Context.add(InvitationRepository, invitations),
      Context.add(AnswerRepository, answers),
      Context.add(ReleaseRepository, releases),
      Context.add(RegionalFigureRepository, figures),
      Context.add(AgendaRepository, agendas),
      Context.add(ProspectRepository, prospects),
      Context.add(MentorRepository, mentors),
      Context.add(MatchRepository, matches),
      Context.add(MatchingRunRepository, runs)
    )
  })
)
