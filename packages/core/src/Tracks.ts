/**
 * The `Tracks` service: create tracks (directly or from a template), move
 * them through their lifecycle, reschedule sessions, and send reminders.
 *
 * It requires the storage ports, the outbox, {@link Entropy} and
 * {@link Geography}; it does not provide them, so that an application
 * chooses its storage.
 *
 * @since 0.2.0
 */
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type DomainEvent, type EventId, ReminderDue, SessionRescheduled, TrackCancelled } from "./DomainEvent.js"
import { Entropy, makeId } from "./Entropy.js"
import { Geography } from "./Geography.js"
import * as CalendarDate from "./CalendarDate.js"
import * as InvalidInput from "./InvalidInput.js"
import * as LocalizedText from "./LocalizedText.js"
import { Outbox } from "./Outbox.js"
import { RegionCode } from "./Region.js"
import { recipientOf, summaryOf, trackOrNotFound } from "./internal/events.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import { RegistrationRepository, TrackRepository, Transactor } from "./Storage.js"
import * as Track from "./Track.js"
import * as TrackTemplate from "./TrackTemplate.js"

/**
 * A new track with everything spelled out.
 *
 * @since 0.2.0
 * @category models
 */
export const CreateTrack = Schema.Struct({
  region: RegionCode,
  phase: Track.Phase,
  title: LocalizedText.LocalizedText,
  introduction: LocalizedText.LocalizedText,
  composition: Track.Composition,
  sessions: Schema.Tuple(TrackTemplate.SessionPlan, TrackTemplate.SessionPlan, TrackTemplate.SessionPlan)
}).annotations({ identifier: "CreateTrack" })

/**
 * @since 0.2.0
 * @category models
 */
export type CreateTrack = typeof CreateTrack.Type

/**
 * A new track from a template: a built-in one by name (`"goede-gesprek"`) or
 * an existing track, whose times, composition and texts carry over.
 *
 * @since 0.2.0
 * @category models
 */
export const CreateFromTemplate = Schema.extend(
  Schema.Struct({
    template: Schema.Union(Schema.Literal("goede-gesprek"), Schema.Struct({ track: Track.TrackId }))
  }),
  TrackTemplate.FromTemplate
).annotations({ identifier: "CreateFromTemplate" })

/**
 * @since 0.2.0
 * @category models
 */
export type CreateFromTemplate = typeof CreateFromTemplate.Type

/**
 * A new time (and optionally place) for one session.
 *
 * @since 0.2.0
 * @category models
 */
export const Reschedule = Schema.Union(
  Schema.Struct({
    date: TrackTemplate.SessionPlan.members[0].fields.date,
    startTime: Track.TimeOfDay,
    endTime: Track.TimeOfDay,
    place: Schema.optional(Track.Place)
  }),
  Schema.Struct({
    start: TrackTemplate.SessionPlan.members[1].fields.start,
    end: TrackTemplate.SessionPlan.members[1].fields.end,
    place: Schema.optional(Track.Place)
  }),
  Schema.Struct({ period: Track.DutchPeriod, place: Schema.optional(Track.Place) })
).annotations({ identifier: "Reschedule" })

/**
 * @since 0.2.0
 * @category models
 */
export type Reschedule = typeof Reschedule.Type

/**
 * How many days before a session its reminder goes out, by default.
 *
 * @since 0.2.0
 * @category constants
 */
export const DEFAULT_REMINDER_DAYS = 3

const decodeCreate = InvalidInput.decode(CreateTrack)
const decodeFromTemplate = InvalidInput.decode(CreateFromTemplate)
const decodeReschedule = InvalidInput.decode(Reschedule)
const decodeTarget = InvalidInput.decode(Track.TargetStatus)

/**
 * @since 0.2.0
 * @category services
 */
export class Tracks extends Effect.Service<Tracks>()("@pleegzorg/core/Tracks", {
  effect: Effect.gen(function*() {
    const tracks = yield* TrackRepository
    const registrations = yield* RegistrationRepository
    const outbox = yield* Outbox
    const { withTransaction } = yield* Transactor
    const entropy = yield* Entropy
    const gazetteer = yield* Geography

    const requireRegion = (code: RegionCode) => gazetteer.region(code)

    const newEventId = Effect.map(makeId("evt").pipe(Effect.provideService(Entropy, entropy)), (id) => id as EventId)

    const load = (id: Track.TrackId) => trackOrNotFound(id)(tracks.getForUpdate(id))

    const insertNew = (fields: {
      region: RegionCode
      phase: Track.Phase
      title: LocalizedText.LocalizedText
      introduction: LocalizedText.LocalizedText
      composition: Track.Composition
      sessions: Track.Sessions
    }) =>
      Effect.gen(function*() {
        yield* requireRegion(fields.region)
        const sessions = yield* Track.validateSchedule(fields.sessions)
        const composition = yield* Track.validateComposition(fields.composition)
        const track = new Track.Track({
          ...fields,
          sessions,
          composition,
          id: (yield* makeId("trk").pipe(Effect.provideService(Entropy, entropy))) as Track.TrackId,
          status: new Track.Draft(),
          remindersSent: [],
          createdAt: yield* DateTime.now,
          version: 1
        })
        yield* tracks.insert(track)
        return track
      })

    const get = Effect.fn("Tracks.get")(function*(id: Track.TrackId) {
      return yield* trackOrNotFound(id)(tracks.get(id))
    })

    /** Creates a draft track. */
    const create = Effect.fn("Tracks.create")(function*(input: unknown) {
      const request = yield* decodeCreate(input)
      const template = new TrackTemplate.TrackTemplate({ ...TrackTemplate.goedeGesprek, composition: request.composition })
      return yield* insertNew({ ...request, sessions: TrackTemplate.sessionsOf(template, request.sessions) })
    })

    /** Creates a draft track from a template, for another region. */
    const createFromTemplate = Effect.fn("Tracks.createFromTemplate")(function*(input: unknown) {
      const request = yield* decodeFromTemplate(input)
      const template = typeof request.template === "string"
        ? TrackTemplate.goedeGesprek
        : TrackTemplate.fromTrack(yield* get(request.template.track))
      return yield* insertNew({
        region: request.region,
        phase: request.phase,
        title: request.title ?? template.title,
        introduction: template.introduction,
        composition: request.composition ?? template.composition,
        sessions: TrackTemplate.sessionsOf(template, request.sessions)
      })
    })

    const listByRegion = Effect.fn("Tracks.listByRegion")(function*(region: RegionCode) {
      yield* requireRegion(region)
      return yield* tracks.listByRegion(region)
    })

    /**
     * Moves a track to another status (see `Track.transition`). Cancelling
     * tells everyone still signed up, with the reason.
     */
    const changeStatus = Effect.fn("Tracks.changeStatus")(function*(id: Track.TrackId, target: unknown) {
      const wanted = yield* decodeTarget(target)
      return yield* withTransaction(Effect.gen(function*() {
        const track = yield* load(id)
        const now = yield* DateTime.now
        const next = yield* Track.transition(track, wanted, now)
        yield* tracks.update(next)
        if (next.status._tag === "Cancelled") {
          const reason = next.status.reason
          const summary = summaryOf(next, gazetteer)
          const signedUp = (yield* registrations.listByTrack(id)).filter((r) => r.status._tag !== "Withdrawn")
          const events: Array<DomainEvent> = []
          for (const registration of signedUp) {
            events.push(
              new TrackCancelled({
                id: yield* newEventId,
                occurredAt: now,
                recipient: recipientOf(registration),
                track: summary,
                reason
              })
            )
          }
          yield* outbox.append(events)
        }
        return next
      }))
    })

    /**
     * Gives a session a new time (or fixes a tentative one), and tells every
     * confirmed person. A session that has started cannot move.
     */
    const reschedule = Effect.fn("Tracks.reschedule")(
      function*(id: Track.TrackId, number: Track.SessionNumber, input: unknown) {
        const plan = yield* decodeReschedule(input)
        return yield* withTransaction(Effect.gen(function*() {
          const track = yield* load(id)
          const now = yield* DateTime.now
          const before = Track.session(track, number)
          if (!Track.isActive(track)) {
            return yield* new Track.InvalidTransition({
              trackId: id,
              from: track.status._tag,
              to: track.status._tag,
              problem: LocalizedText.make(
                "Een afgerond of geannuleerd traject kan niet meer veranderen.",
                "A completed or cancelled track cannot change any more."
              )
            })
          }
          if (before.timing._tag === "Fixed" && DateTime.lessThanOrEqualTo(before.timing.start, now)) {
            return yield* new Track.InvalidSchedule({
              problems: [LocalizedText.make(
                `Bijeenkomst ${number} is al begonnen en kan niet meer verschuiven.`,
                `Session ${number} has already started and cannot move any more.`
              )]
            })
          }
          const timing = "period" in plan
            ? new Track.Tentative({ period: plan.period })
            : "start" in plan
            ? new Track.Fixed({ start: plan.start, end: plan.end })
            : new Track.Fixed({
              start: Track.atAmsterdamTime(plan.date, plan.startTime),
              end: Track.atAmsterdamTime(plan.date, plan.endTime)
            })
          if (timing._tag === "Tentative" && track.status._tag !== "Draft" && number === 1) {
            return yield* new Track.InvalidSchedule({
              problems: [LocalizedText.make(
                "Aanmelden is al open. Bijeenkomst 1 heeft dan een vaste datum nodig.",
                "Registration has opened, so session 1 needs a fixed date."
              )]
            })
          }
          if (timing._tag === "Tentative" && track.status._tag === "Running") {
            return yield* new Track.InvalidSchedule({
              problems: [LocalizedText.make(
                "Het traject loopt al. Elke bijeenkomst heeft dan een vaste datum nodig.",
                "The track is running, so every session needs a fixed date."
              )]
            })
          }
          if (timing._tag === "Fixed" && DateTime.lessThanOrEqualTo(timing.start, now)) {
            return yield* new Track.InvalidSchedule({
              problems: [LocalizedText.make(
                `De nieuwe tijd van bijeenkomst ${number} ligt in het verleden.`,
                `The new time of session ${number} is in the past.`
              )]
            })
          }
          // Ages were decided for the day of session 1, and birth dates are
          // not kept: session 1 cannot move to an earlier day once young
          // people have signed up, or someone could be too young after all.
          if (number === 1 && before.timing._tag === "Fixed" && timing._tag === "Fixed") {
            const oldDay = CalendarDate.fromDateTime(before.timing.start, Track.timeZone())
            const newDay = CalendarDate.fromDateTime(timing.start, Track.timeZone())
            const youth = (yield* registrations.listByTrack(id)).some((r) =>
              r.status._tag !== "Withdrawn" && StakeholderGroup.isYouthGroup(r.group)
            )
            if (newDay < oldDay && youth) {
              return yield* new Track.InvalidSchedule({
                problems: [LocalizedText.make(
                  "Bijeenkomst 1 kan niet naar een eerdere dag: er hebben zich al jongeren aangemeld, en hun leeftijd is bepaald voor de oude datum.",
                  "Session 1 cannot move to an earlier day: young people have already signed up, and their age was decided for the old date."
                )]
              })
            }
          }
          const sessions = yield* Track.validateSchedule(Track.withSession(track, number, timing, plan.place))
          const next = new Track.Track({
            ...track,
            sessions,
            remindersSent: track.remindersSent.filter((n) => n !== number),
            version: track.version + 1
          })
          yield* tracks.update(next)
          const summary = summaryOf(next, gazetteer)
          const confirmed = (yield* registrations.listByTrack(id)).filter((r) => r.status._tag === "Confirmed")
          const events: Array<DomainEvent> = []
          for (const registration of confirmed) {
            events.push(
              new SessionRescheduled({
                id: yield* newEventId,
                occurredAt: now,
                recipient: recipientOf(registration),
                track: summary,
                session: number,
                previous: before.timing,
                previousPlace: before.place
              })
            )
          }
          yield* outbox.append(events)
          return next
        }))
      }
    )

    /**
     * Queues a reminder for every confirmed person of every session that
     * starts within `daysBefore` days (default 3) and was not reminded of
     * yet. Call it from a schedule (every hour, say); it is safe to call
     * often. Returns how many reminders were queued.
     */
    const queueDueReminders = Effect.fn("Tracks.queueDueReminders")(
      function*(options?: { readonly daysBefore?: number }) {
        const window = Duration.days(options?.daysBefore ?? DEFAULT_REMINDER_DAYS)
        const now = yield* DateTime.now
        const candidates = yield* tracks.listActive()
        let queued = 0
        for (const candidate of candidates) {
          queued += yield* withTransaction(Effect.gen(function*() {
            const track = yield* load(candidate.id)
            const due = track.sessions.filter((s) =>
              s.timing._tag === "Fixed" &&
              !track.remindersSent.includes(s.number) &&
              DateTime.lessThan(now, s.timing.start) &&
              DateTime.lessThanOrEqualTo(s.timing.start, DateTime.addDuration(now, window))
            )
            if (!Arr.isNonEmptyReadonlyArray(due) || track.status._tag === "Draft") return 0
            const confirmed = (yield* registrations.listByTrack(track.id)).filter((r) => r.status._tag === "Confirmed")
            const summary = summaryOf(track, gazetteer)
            const events: Array<DomainEvent> = []
            for (const s of due) {
              for (const registration of confirmed) {
                events.push(
                  new ReminderDue({
                    id: yield* newEventId,
                    occurredAt: now,
                    recipient: recipientOf(registration),
                    track: summary,
                    session: s.number
                  })
                )
              }
            }
            yield* tracks.update(
              new Track.Track({
                ...track,
                remindersSent: [...track.remindersSent, ...due.map((s) => s.number)],
                version: track.version + 1
              })
            )
            yield* outbox.append(events)
            return events.length
          }))
        }
        return queued
      }
    )

    return { create, createFromTemplate, get, listByRegion, changeStatus, reschedule, queueDueReminders } as const
  })
}) {}
