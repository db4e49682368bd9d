/**
 * The `Registrations` service: sign up for a whole track, withdraw, record a
 * parent's consent, record attendance, and the organiser's views.
 *
 * Every change runs in one transaction with its outbox events, so a seat and
 * its message are stored together or not at all.
 *
 * @since 0.2.0
 */
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Attendance from "./Attendance.js"
import * as CalendarDate from "./CalendarDate.js"
import {
  ConsentRequested,
  type DomainEvent,
  type EventId,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationRepeated,
  RegistrationWaitlisted,
  RegistrationWithdrawn,
  type TrackSummary
} from "./DomainEvent.js"
import * as Eligibility from "./Eligibility.js"
import { Entropy, hashToken, makeId, makeToken } from "./Entropy.js"
import { Geography } from "./Geography.js"
import * as InvalidInput from "./InvalidInput.js"
import * as LocalizedText from "./LocalizedText.js"
import { Outbox } from "./Outbox.js"
import * as Registration from "./Registration.js"
import { recipientOf, summaryOf, trackOrNotFound } from "./internal/events.js"
import * as Seating from "./Seating.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import { AttendanceRepository, RegistrationRepository, TrackRepository, Transactor } from "./Storage.js"
import * as Track from "./Track.js"

// A repeated sign-up is told to its address at most once in this time.
const REPEAT_NOTICE_INTERVAL_MS = 24 * 60 * 60 * 1000

const decodeInput = InvalidInput.decode(Registration.RegistrationInput)
const decodeToken = InvalidInput.decode(Registration.PersonalToken)
const decodeConsent = InvalidInput.decode(Registration.Consent)
const decodeAttendance = InvalidInput.decode(Attendance.AttendanceInput)

const viewOf = (
  registration: Registration.Registration,
  all: ReadonlyArray<Registration.Registration>
): Registration.RegistrationView =>
  new Registration.RegistrationView({
    id: registration.id,
    trackId: registration.trackId,
    group: registration.group,
    status: registration.status,
    parentalConsentRequired: registration.eligibility.parentalConsentRequired,
    ...(registration.status._tag === "Waitlisted"
      ? { waitlistPosition: Seating.waitlistPosition(all, registration) }
      : {})
  })

/**
 * @since 0.2.0
 * @category services
 */
export class Registrations extends Effect.Service<Registrations>()("@pleegzorg/core/Registrations", {
  effect: Effect.gen(function*() {
    const tracks = yield* TrackRepository
    const registrations = yield* RegistrationRepository
    const attendance = yield* AttendanceRepository
    const outbox = yield* Outbox
    const { withTransaction } = yield* Transactor
    const entropy = yield* Entropy
    const gazetteer = yield* Geography

    // When each registration was last told that its address signed up again
    // (kept by this process; a restart may allow one more message).
    const repeatNoticed = new Map<string, number>()

    const newId = <P extends string>(prefix: P) => makeId(prefix).pipe(Effect.provideService(Entropy, entropy))

    const summary = (track: Track.Track): TrackSummary => summaryOf(track, gazetteer)

    const loadTrack = (id: Track.TrackId) => trackOrNotFound(id)(tracks.getForUpdate(id))

    // For views: reads without locking.
    const readTrack = (id: Track.TrackId) => trackOrNotFound(id)(tracks.get(id))

    const loadRegistration = (id: Registration.RegistrationId) =>
      Effect.flatMap(registrations.get(id), Option.match({
        onNone: () => Effect.fail(new Registration.RegistrationNotFound()),
        onSome: Effect.succeed
      }))

    // Confirmed or waitlisted, by the seat rule, at `now`.
    const seat = (track: Track.Track, all: ReadonlyArray<Registration.Registration>, group: StakeholderGroup.StakeholderGroup, now: DateTime.Utc) =>
      Seating.hasRoom(track, all, group)
        ? new Registration.Confirmed({ since: now })
        : new Registration.Waitlisted({ since: now })

    // Consent cannot be given on a day that has not come yet.
    const checkConsentDate = (consent: Registration.Consent, now: DateTime.Utc, path: string) => {
      const today = CalendarDate.fromDateTime(now, Track.timeZone())
      return consent.givenOn > today
        ? Effect.fail(InvalidInput.make(
          path,
          `De datum van de toestemming (${consent.givenOn}) ligt in de toekomst. / The date of the consent (${consent.givenOn}) is in the future.`
        ))
        : Effect.void
    }

    const firstSessionAhead = (track: Track.Track, now: DateTime.Utc) =>
      Option.match(Track.firstSessionStart(track), {
        onNone: () => true,
        onSome: (start) => DateTime.lessThan(now, start)
      })

    /**
     * Signs a person up for all three sessions of a track. Decodes the input
     * (a form, an HTTP body), checks that registration is open, decides
     * eligibility for the day of session 1, and then confirms, waitlists,
     * or (for an under-16 without recorded consent) waits for consent. A
     * refusal stores nothing. An address already signed up gets a message
     * and the caller `AlreadyRegistered`, with nothing about that
     * registration.
     */
    const register = Effect.fn("Registrations.register")(function*(input: unknown) {
      const request = yield* decodeInput(input)
      // Made before the transaction: hashing waits for the platform's crypto,
      // and a transaction should hold the database no longer than it must.
      const token = (yield* makeToken.pipe(Effect.provideService(Entropy, entropy))) as Registration.PersonalToken
      const tokenHash = yield* hashToken(token)
      const registrationId = (yield* newId("reg")) as Registration.RegistrationId
      const eventId = (yield* newId("evt")) as EventId
      return yield* withTransaction(Effect.gen(function*() {
        const track = yield* loadTrack(request.trackId)
        const now = yield* DateTime.now
        const firstStart = Track.firstSessionStart(track)
        const started = Option.isSome(firstStart) && DateTime.lessThanOrEqualTo(firstStart.value, now)
        if (track.status._tag !== "Open" || started || Option.isNone(firstStart)) {
          return yield* new Registration.RegistrationNotOpen({
            trackId: track.id,
            status: track.status._tag,
            firstSessionStarted: started
          })
        }
        const person = "birthDate" in request
          ? { group: request.group, municipality: request.municipality, birthDate: request.birthDate }
          : { group: request.group, municipality: request.municipality }
        const decision = yield* Eligibility.decide(gazetteer, {
          person: person as Eligibility.Applicant,
          track: { region: track.region, firstSessionStart: firstStart.value }
        })
        const reasons: Array<Registration.RefusalReason> = []
        if (!request.availableForAllSessions) reasons.push(new Registration.NotAvailableForAllSessions())
        if (decision._tag === "Ineligible") reasons.push(...decision.reasons)
        if (Arr.isNonEmptyArray(reasons)) {
          return new Registration.Refused({ checkedFor: decision.checkedFor, reasons })
        }
        const eligible = decision as Eligibility.Eligible
        if (request.consent !== undefined && eligible.parentalConsentRequired) {
          yield* checkConsentDate(request.consent, now, "consent.givenOn")
        }
        // Only now, after every check that depends on the form alone: a form
        // that would be refused is refused whoever owns the address, so the
        // answer never tells whether that address is signed up.
        const existing = yield* registrations.findActiveByEmail(track.id, request.email)
        if (Option.isSome(existing) && existing.value.status._tag !== "Withdrawn") {
          // Tell the address, not the caller (see Registration.AlreadyRegistered),
          // at most once a day: repeating a sign-up must not flood someone's inbox.
          const { status } = existing.value
          const last = repeatNoticed.get(existing.value.id)
          if (last === undefined || now.epochMillis - last >= REPEAT_NOTICE_INTERVAL_MS) {
            repeatNoticed.set(existing.value.id, now.epochMillis)
            const all = status._tag === "Waitlisted" ? yield* registrations.listByTrack(track.id) : []
            yield* outbox.append([
              new RegistrationRepeated({
                id: eventId,
                occurredAt: now,
                recipient: recipientOf(existing.value),
                track: summary(track),
                status: status._tag,
                ...(status._tag === "Waitlisted" ? { position: Seating.waitlistPosition(all, existing.value) } : {})
              })
            ])
          }
          return new Registration.AlreadyRegistered({ trackId: track.id })
        }
        // Counts, not every registration: this runs for each sign-up.
        const counts = yield* registrations.countsByTrack(track.id)
        const consent = eligible.parentalConsentRequired ? Option.fromNullable(request.consent) : Option.none()
        const status = eligible.parentalConsentRequired && Option.isNone(consent)
          ? new Registration.AwaitingConsent({ since: now }, true)
          : Seating.hasRoomByCounts(track, counts, request.group)
          ? new Registration.Confirmed({ since: now }, true)
          : new Registration.Waitlisted({ since: now }, true)
        const registration = new Registration.Registration({
          id: registrationId,
          trackId: track.id,
          sequence: yield* registrations.nextSequence(track.id),
          name: request.name,
          email: request.email,
          language: request.language,
          group: request.group,
          municipality: request.municipality,
          eligibility: eligible,
          consent,
          status,
          registeredAt: now,
          tokenHash
        }, true)
        yield* registrations.insert(registration)
        // The newcomer is last in line: their place is one more than those waiting in the group now.
        const position = 1 + counts
          .filter((c) => c.status === "Waitlisted" && c.group === registration.group)
          .reduce((n, c) => n + c.count, 0)
        const fields = {
          id: eventId,
          occurredAt: now,
          recipient: recipientOf(registration),
          track: summary(track),
          token
        }
        // Built from values decoded above, so the constructors skip validating them again.
        yield* outbox.append([
          status._tag === "Confirmed"
            ? new RegistrationConfirmed(fields, true)
            : status._tag === "Waitlisted"
            ? new RegistrationWaitlisted({ ...fields, position }, true)
            : new ConsentRequested(fields, true)
        ])
        return new Registration.Accepted({
          registration: new Registration.RegistrationView({
            id: registration.id,
            trackId: registration.trackId,
            group: registration.group,
            status,
            parentalConsentRequired: eligible.parentalConsentRequired,
            ...(status._tag === "Waitlisted" ? { waitlistPosition: position } : {})
          }, true)
        }, true)
      }))
    })

    // Withdraws inside a transaction and promotes whoever is next. The track
    // is locked first and the registration read again under that lock, so
    // that two withdrawals of the same registration cannot both pass.
    const withdrawIn = (found: Registration.Registration, by: "person" | "organiser") =>
      Effect.gen(function*() {
        const track = yield* loadTrack(found.trackId)
        const registration = yield* loadRegistration(found.id)
        if (registration.status._tag === "Withdrawn") {
          return yield* new Registration.RegistrationStateConflict({
            status: "Withdrawn",
            problem: LocalizedText.make(
              "Deze aanmelding is al ingetrokken.",
              "This registration has already been withdrawn."
            )
          })
        }
        const now = yield* DateTime.now
        const withdrawn = new Registration.Registration({
          ...registration,
          status: new Registration.Withdrawn({ since: now, by })
        })
        yield* registrations.update(withdrawn)
        const events: Array<DomainEvent> = [
          new RegistrationWithdrawn({
            id: (yield* newId("evt")) as EventId,
            occurredAt: now,
            recipient: recipientOf(withdrawn),
            track: summary(track),
            by
          })
        ]
        // A seat freed before session 1 goes to the next in line; later, a
        // newcomer would have missed the first session.
        if (registration.status._tag === "Confirmed" && Track.isActive(track) && firstSessionAhead(track, now)) {
          const all = yield* registrations.listByTrack(track.id)
          const next = Seating.nextToPromote(track, all, registration.group)
          if (Option.isSome(next)) {
            const promoted = new Registration.Registration({
              ...next.value,
              status: new Registration.Confirmed({ since: now })
            })
            yield* registrations.update(promoted)
            events.push(
              new RegistrationPromoted({
                id: (yield* newId("evt")) as EventId,
                occurredAt: now,
                recipient: recipientOf(promoted),
                track: summary(track)
              })
            )
          }
        }
        yield* outbox.append(events)
        return withdrawn
      })

    /** Withdraws with the personal token from the confirmation mail. */
    const withdraw = Effect.fn("Registrations.withdraw")(function*(token: unknown) {
      const valid = yield* decodeToken(token)
      const hash = yield* hashToken(valid)
      return yield* withTransaction(Effect.gen(function*() {
        const found = yield* registrations.findByTokenHash(hash)
        if (Option.isNone(found)) return yield* new Registration.RegistrationNotFound()
        const withdrawn = yield* withdrawIn(found.value, "person")
        return viewOf(withdrawn, [])
      }))
    })

    /** Withdraws a registration on the organiser's word. */
    const withdrawByOrganiser = Effect.fn("Registrations.withdrawByOrganiser")(
      function*(id: Registration.RegistrationId) {
        return yield* withTransaction(Effect.gen(function*() {
          const withdrawn = yield* withdrawIn(yield* loadRegistration(id), "organiser")
          return viewOf(withdrawn, [])
        }))
      }
    )

    /**
     * Records a parent's or guardian's consent for an under-16, and gives
     * them a seat (or a place on the waitlist) from now.
     */
    const recordConsent = Effect.fn("Registrations.recordConsent")(
      function*(id: Registration.RegistrationId, input: unknown) {
        const consent = yield* decodeConsent(input)
        return yield* withTransaction(Effect.gen(function*() {
          // Lock the track, then read the registration under that lock.
          const track = yield* loadTrack((yield* loadRegistration(id)).trackId)
          const registration = yield* loadRegistration(id)
          if (registration.status._tag !== "AwaitingConsent") {
            return yield* new Registration.RegistrationStateConflict({
              status: registration.status._tag,
              problem: LocalizedText.make(
                "Voor deze aanmelding wachten we niet op toestemming.",
                "This registration is not waiting for consent."
              )
            })
          }
          const now = yield* DateTime.now
          if (track.status._tag !== "Open" || !firstSessionAhead(track, now)) {
            return yield* new Registration.RegistrationNotOpen({
              trackId: track.id,
              status: track.status._tag,
              firstSessionStarted: !firstSessionAhead(track, now)
            })
          }
          yield* checkConsentDate(consent, now, "givenOn")
          const all = yield* registrations.listByTrack(track.id)
          // The seat is decided now: someone who waits joins the end of the
          // line, behind those already waiting, with a new arrival number.
          const updated = new Registration.Registration({
            ...registration,
            sequence: yield* registrations.nextSequence(track.id),
            consent: Option.some(consent),
            status: seat(track, all, registration.group, now)
          })
          yield* registrations.update(updated)
          const withUpdated = all.map((r) => (r.id === updated.id ? updated : r))
          const fields = {
            id: (yield* newId("evt")) as EventId,
            occurredAt: now,
            recipient: recipientOf(updated),
            track: summary(track)
          }
          // The token was in the consent request mail already; this message
          // only tells the outcome.
          yield* outbox.append([
            updated.status._tag === "Confirmed"
              ? new RegistrationPromoted(fields)
              : new RegistrationWaitlisted({ ...fields, position: Seating.waitlistPosition(withUpdated, updated) })
          ])
          return viewOf(updated, withUpdated)
        }))
      }
    )

    /** The registrations of a track, in order of arrival, for the organiser. */
    const list = Effect.fn("Registrations.list")(function*(trackId: Track.TrackId) {
      yield* readTrack(trackId)
      const all = yield* registrations.listByTrack(trackId)
      return all.map((r) =>
        new Registration.RegistrationDetails({
          id: r.id,
          sequence: r.sequence,
          name: r.name,
          email: r.email,
          language: r.language,
          group: r.group,
          municipality: r.municipality,
          parentalConsentRequired: r.eligibility.parentalConsentRequired,
          consent: r.consent,
          status: r.status,
          registeredAt: r.registeredAt,
          ...(r.status._tag === "Waitlisted" ? { waitlistPosition: Seating.waitlistPosition(all, r) } : {})
        })
      )
    })

    /** How full each group is, and which minimums are not met. */
    const composition = Effect.fn("Registrations.composition")(function*(trackId: Track.TrackId) {
      const track = yield* readTrack(trackId)
      return Seating.composition(track, yield* registrations.listByTrack(trackId))
    })

    /**
     * Records whether a confirmed person was at a session. The session must
     * be fixed and have started.
     */
    const recordAttendance = Effect.fn("Registrations.recordAttendance")(function*(input: unknown) {
      const request = yield* decodeAttendance(input)
      return yield* withTransaction(Effect.gen(function*() {
        const track = yield* loadTrack(request.trackId)
        const registration = yield* loadRegistration(request.registrationId)
        const now = yield* DateTime.now
        const timing = Track.session(track, request.session).timing
        const refuse = (nl: string, en: string) =>
          new Registration.AttendanceRefused({ session: request.session, problem: LocalizedText.make(nl, en) })
        if (registration.trackId !== track.id) return yield* new Registration.RegistrationNotFound()
        if (track.status._tag === "Cancelled") {
          return yield* refuse("Dit traject is geannuleerd.", "This track has been cancelled.")
        }
        if (timing._tag !== "Fixed" || DateTime.lessThan(now, timing.start)) {
          return yield* refuse(
            `Bijeenkomst ${request.session} is nog niet begonnen.`,
            `Session ${request.session} has not started yet.`
          )
        }
        // Someone who withdrew after the session started was there (or not) all the same.
        const withdrewLater = registration.status._tag === "Withdrawn" &&
          DateTime.greaterThanOrEqualTo(registration.status.since, timing.start)
        if (registration.status._tag !== "Confirmed" && !withdrewLater) {
          return yield* refuse(
            "Alleen voor bevestigde deelnemers houden we aanwezigheid bij.",
            "Attendance is only kept for confirmed participants."
          )
        }
        const record = new Attendance.AttendanceRecord({ ...request, recordedAt: now })
        yield* attendance.record(record)
        return record
      }))
    })

    /** Attendance per session and group. */
    const attendanceOverview = Effect.fn("Registrations.attendanceOverview")(function*(trackId: Track.TrackId) {
      yield* readTrack(trackId)
      const all = yield* registrations.listByTrack(trackId)
      const records = yield* attendance.listByTrack(trackId)
      const sessions = Track.sessionNumbers.map((session) => {
        // Those confirmed now, and those with a record for this session (who
        // may have withdrawn since): a withdrawal does not erase the past.
        const counted = all.filter((r) =>
          r.status._tag === "Confirmed" ||
          records.some((a) => a.session === session && a.registrationId === r.id)
        )
        const groups = StakeholderGroup.all.map(({ group }) => {
          const members = counted.filter((r) => r.group === group)
          const marks = members.map((r) =>
            records.find((a) => a.session === session && a.registrationId === r.id)?.present
          )
          return new Attendance.GroupAttendance({
            group,
            confirmed: members.length,
            present: marks.filter((m) => m === true).length,
            absent: marks.filter((m) => m === false).length,
            notRecorded: marks.filter((m) => m === undefined).length
          })
        })
        return new Attendance.SessionAttendance({
          session,
          groups,
          present: groups.reduce((n, g) => n + g.present, 0)
        })
      })
      return new Attendance.Overview({
        trackId,
        sessions: sessions as unknown as Attendance.Overview["sessions"]
      })
    })

    return {
      register,
      withdraw,
      withdrawByOrganiser,
      recordConsent,
      list,
      composition,
      recordAttendance,
      attendanceOverview
    } as const
  })
}) {}
