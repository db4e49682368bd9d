// Test support: sample events, a real SMTP server on 127.0.0.1, and a small
// iCalendar reader. Not a test file itself.
import ICAL from "ical.js"
import {
  Agenda,
  AgendaAction,
  CalendarDate,
  DomainEvent,
  Entropy,
  Geography,
  LocalizedText,
  MatchScore,
  MemoryStorage,
  MentorMatch,
  Outbox,
  Registration,
  Registrations,
  Storage,
  Survey,
  SurveyInvitation,
  Track,
  Tracks
} from "@pleegzorg/core"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Net from "node:net"
import { type ParsedMail, simpleParser } from "mailparser"
import { SMTPServer } from "smtp-server"

// -----------------------------------------------------------------------------
// sample events
// -----------------------------------------------------------------------------

export const date = Schema.decodeSync(CalendarDate.CalendarDate)

export const fixed = (day: string, from: string, to: string) =>
  new Track.Fixed({ start: Track.atAmsterdamTime(date(day), from), end: Track.atAmsterdamTime(date(day), to) })

export const trackId = "trk_0123456789abcdefghij" as Track.TrackId
export const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde" as Registration.PersonalToken

export const sessions = (
  third: Track.Timing = fixed("2023-03-23", "16:00", "20:30"),
  second: Track.Timing = fixed("2023-02-09", "16:00", "20:30")
): Track.Sessions => [
  new Track.Session({
    number: 1,
    timing: fixed("2022-11-17", "16:00", "18:30"),
    place: new Track.Place({ name: "Wijkcentrum De Klif", address: "Hatertseweg 10, Nijmegen" })
  }),
  new Track.Session({ number: 2, timing: second, place: new Track.Place({ name: "Nijmegen" }) }),
  new Track.Session({ number: 3, timing: third, place: new Track.Place({ name: "Nijmegen" }) })
]

export const summary = (s: Track.Sessions = sessions()) =>
  new DomainEvent.TrackSummary({
    id: trackId,
    title: LocalizedText.make("Het goede gesprek over pleegzorg", "The good conversation about foster care"),
    regionName: "Rijk van Nijmegen",
    sessions: s
  })

export const recipient = (
  overrides: { name?: string; email?: string; language?: LocalizedText.Language } = {}
) =>
  new DomainEvent.Recipient({
    registrationId: "reg_0123456789abcdefghij" as Registration.RegistrationId,
    name: overrides.name ?? "Eva de Vries",
    email: (overrides.email ?? "eva@example.org") as Registration.Email,
    language: overrides.language ?? "nl",
    group: "FosterParent"
  })

let counter = 0
export const eventId = () => `evt_${String(++counter).padStart(20, "0")}` as DomainEvent.EventId

export const occurredAt = DateTime.unsafeMake("2022-10-01T08:00:00Z") as DateTime.Utc

export const base = (overrides: Parameters<typeof recipient>[0] = {}, s?: Track.Sessions) => ({
  id: eventId(),
  occurredAt,
  recipient: recipient(overrides),
  track: summary(s)
})

export const tentativeMarch = () => {
  const period = Track.periodFromDutch("eind maart 2023")
  if (period._tag === "Left") throw new Error(period.left)
  return new Track.Tentative({ period: period.right })
}

/** One event of every kind about a track (all but the survey events). */
export const trackKinds = (overrides: Parameters<typeof recipient>[0] = {}): ReadonlyArray<DomainEvent.DomainEvent> => [
  new DomainEvent.RegistrationConfirmed({ ...base(overrides), token }),
  new DomainEvent.RegistrationWaitlisted({ ...base(overrides), token, position: 2 }),
  new DomainEvent.ConsentRequested({ ...base(overrides), token }),
  new DomainEvent.RegistrationRepeated({ ...base(overrides), status: "Waitlisted", position: 3 }),
  new DomainEvent.RegistrationPromoted(base(overrides)),
  new DomainEvent.RegistrationWithdrawn({ ...base(overrides), by: "person" }),
  new DomainEvent.SessionRescheduled({
    ...base(overrides),
    session: 2,
    previous: fixed("2023-02-02", "16:00", "20:30"),
    previousPlace: new Track.Place({ name: "Arnhem" })
  }),
  new DomainEvent.TrackCancelled({ ...base(overrides), reason: "Te weinig aanmeldingen" }),
  new DomainEvent.ReminderDue({ ...base(overrides), session: 1 })
]

export const invitationToken = "Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe_Dc-Ba_zyxw" as SurveyInvitation.InvitationToken

export const surveySummary = (overrides: { title?: string; pooled?: boolean } = {}) =>
  new DomainEvent.SurveySummary({
    id: "srv_0123456789abcdefghij" as Survey.SurveyId,
    title: overrides.title === undefined
      ? LocalizedText.make("Vragenlijst pleegzorg", "Foster care survey")
      : LocalizedText.make(overrides.title, overrides.title),
    regionName: "Rijk van Nijmegen",
    group: Survey.groupLabel(overrides.pooled === true ? "Professionals" : "FosterFamily"),
    pooled: overrides.pooled ?? false
  })

/**
 * The invitee: Eva de Vries, in Dutch, unless overridden. `name: undefined`
 * gives an invitee without a name (leaving `name` out keeps Eva's).
 */
export const invitee = (
  overrides: { name?: string | undefined; email?: string; language?: LocalizedText.Language } = {}
) => {
  const name = "name" in overrides ? overrides.name : "Eva de Vries"
  const email = (overrides.email ?? "eva@example.org") as Registration.Email
  const language = overrides.language ?? "nl"
  return name === undefined
    ? new DomainEvent.Invitee({ email, language })
    : new DomainEvent.Invitee({ name, email, language })
}

export const surveyBase = (
  overrides: Parameters<typeof invitee>[0] = {},
  survey: Parameters<typeof surveySummary>[0] = {}
) => ({
  id: eventId(),
  occurredAt,
  recipient: invitee(overrides),
  survey: surveySummary(survey),
  token: invitationToken
})

/** One event of every kind about a survey. */
export const surveyKinds = (overrides: Parameters<typeof invitee>[0] = {}): ReadonlyArray<DomainEvent.DomainEvent> => [
  new DomainEvent.SurveyInvited(surveyBase(overrides)),
  new DomainEvent.SurveyReminded(surveyBase(overrides))
]

export const agendaId = "agd_0123456789abcdefghij" as Agenda.AgendaId

/**
 * The owner of an action: Eva de Vries, in Dutch, teamleider at
 * Pleegzorgaanbieder, unless overridden. `name: undefined` gives an owner
 * without a name.
 */
export const owner = (
  overrides: { name?: string | undefined; email?: string; language?: LocalizedText.Language } = {}
) => {
  const name = "name" in overrides ? overrides.name : "Eva de Vries"
  const fields = {
    email: (overrides.email ?? "eva@example.org") as Registration.Email,
    language: overrides.language ?? "nl",
    organisation: "Pleegzorgaanbieder",
    role: "teamleider"
  }
  return name === undefined ? new DomainEvent.ActionOwner(fields) : new DomainEvent.ActionOwner({ ...fields, name })
}

export const agendaSummary = (version = 1) =>
  new DomainEvent.AgendaSummary({
    id: agendaId,
    trackId,
    regionName: "Rijk van Nijmegen",
    version,
    adoptedOn: date("2024-04-18")
  })

let actionCounter = 0

export const action = (
  overrides: Partial<Pick<DomainEvent.ActionSummary, "title" | "theme" | "status">> & { start?: string; due?: string } = {}
) =>
  new DomainEvent.ActionSummary({
    id: `act_${String(++actionCounter).padStart(20, "0")}` as AgendaAction.ActionId,
    title: overrides.title ?? "Kennismaking pleegouders en ouders",
    theme: overrides.theme ?? "Samenwerking",
    start: date(overrides.start ?? "2024-05-01"),
    due: date(overrides.due ?? "2024-09-30"),
    status: overrides.status ?? "Agreed"
  })

export const agendaBase = (overrides: Parameters<typeof owner>[0] = {}, version = 1) => ({
  id: eventId(),
  occurredAt,
  recipient: owner(overrides),
  agenda: agendaSummary(version)
})

/** One event of every kind about an improvement agenda. */
export const agendaKinds = (overrides: Parameters<typeof owner>[0] = {}): ReadonlyArray<DomainEvent.DomainEvent> => [
  new DomainEvent.AgendaAdopted({
    ...agendaBase(overrides),
    actions: [action({ status: "Proposed" }), action({ title: "Vaste contactpersoon", status: "Agreed" })]
  }),
  new DomainEvent.ActionDueSoon({ ...agendaBase(overrides), action: action({ status: "InProgress" }), days: 14 }),
  new DomainEvent.ActionOverdue({ ...agendaBase(overrides), action: action({ status: "InProgress" }) }),
  new DomainEvent.ReviewDueSoon({
    ...agendaBase(overrides),
    moment: 6,
    due: date("2024-10-18"),
    actions: [action({ status: "InProgress" })]
  })
]

export const matchId = "mch_0123456789abcdefghij" as MentorMatch.MatchId
export const matchToken = "Mq7Np2Lr9Ks4Jt6Hu1Gv8Fw3Ex5Dy0Cz_Ba-Zc_mnop"

/** A mentor or prospect: Eva de Vries, in Dutch, unless overridden. */
export const matchContact = (overrides: { name?: string; email?: string; language?: LocalizedText.Language } = {}) =>
  new DomainEvent.MatchContact({
    name: overrides.name ?? "Eva de Vries",
    email: (overrides.email ?? "eva@example.org") as Registration.Email,
    language: overrides.language ?? "nl"
  })

/**
 * The prospect of the samples, as a mentor sees it before saying yes: in
 * Rijk van Nijmegen, thinking of short-term and part-time foster care, a
 * couple with children, Dutch and English, evenings and weekends.
 */
export const prospectSummary = () =>
  new DomainEvent.ProspectSummary({
    regionName: "Rijk van Nijmegen",
    kinds: ["ShortTerm", "PartTime"],
    family: "CoupleWithChildren",
    languages: ["nl", "en"],
    availability: ["Evenings", "Weekends"]
  })

/** The explanation core gives for the sample prospect and a mentor 12.4 km away. */
export const matchExplanation = (): LocalizedText.LocalizedText => {
  const prospect = prospectSummary()
  const mentor: MatchScore.Side = {
    kinds: ["ShortTerm", "LongTerm"],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings"]
  }
  return Either.getOrThrow(MatchScore.score(prospect, mentor, 12.4, MatchScore.standard)).explanation
}

export const matchBase = (overrides: Parameters<typeof matchContact>[0] = {}) => ({
  id: eventId(),
  occurredAt,
  recipient: matchContact(overrides),
  matchId
})

export const proposed = (overrides: Parameters<typeof matchContact>[0] = {}, km = 12.4) =>
  new DomainEvent.MentorProposed({
    ...matchBase(overrides),
    token: matchToken,
    prospect: prospectSummary(),
    km,
    explanation: matchExplanation()
  })

/** The introduction to one side; the other is Sam Bakker (the prospect) or Anna Jansen (the mentor). */
export const introduced = (
  role: "mentor" | "prospect",
  overrides: Parameters<typeof matchContact>[0] = {},
  questions?: string
) =>
  new DomainEvent.MatchIntroduced({
    ...matchBase(overrides),
    role,
    token: matchToken,
    other: role === "mentor"
      ? { name: "Sam Bakker", email: "sam.bakker@example.net" as Registration.Email }
      : { name: "Anna Jansen", email: "anna.jansen@example.net" as Registration.Email },
    ...(questions === undefined ? {} : { questions }),
    regionName: "Rijk van Nijmegen"
  })

export const ended = (
  role: "mentor" | "prospect",
  by: MentorMatch.Party,
  searching: boolean,
  overrides: Parameters<typeof matchContact>[0] = {}
) => new DomainEvent.MatchEnded({ ...matchBase(overrides), role, by, searching })

/** One event of every kind about mentor matching. */
export const matchKinds = (overrides: Parameters<typeof matchContact>[0] = {}): ReadonlyArray<DomainEvent.DomainEvent> => [
  proposed(overrides),
  introduced("mentor", overrides, "Hoe vertel je het aan je eigen kinderen?"),
  ended("prospect", "mentor", true, overrides)
]

/** One event of every kind: first those about a track, then a survey, then an improvement agenda, then mentor matching. */
export const everyKind = (overrides: Parameters<typeof recipient>[0] = {}): ReadonlyArray<DomainEvent.DomainEvent> => [
  ...trackKinds(overrides),
  ...surveyKinds(overrides),
  ...agendaKinds(overrides),
  ...matchKinds(overrides)
]

// -----------------------------------------------------------------------------
// core services on memory storage
// -----------------------------------------------------------------------------

export const coreServices: Layer.Layer<
  | Tracks.Tracks
  | Registrations.Registrations
  | Storage.Transactor
  | Storage.TrackRepository
  | Storage.RegistrationRepository
  | Storage.AttendanceRepository
  | Outbox.Outbox
  | Entropy.Entropy
  | Geography.Geography
> = Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerSeeded(1)),
  Layer.provideMerge(Geography.Geography.Default)
)

export const openTrack: Effect.Effect<Track.Track, never, Tracks.Tracks> = Effect.gen(function*() {
  const tracks = yield* Tracks.Tracks
  const track = yield* tracks.createFromTemplate({
    template: "goede-gesprek",
    region: "JZ32",
    phase: "pilot",
    sessions: [
      { date: "2022-11-17", place: { name: "Nijmegen" } },
      { date: "2023-02-09", place: { name: "Nijmegen" } },
      { date: "2023-03-23", place: { name: "Nijmegen" } }
    ]
  })
  return yield* tracks.changeStatus(track.id, { _tag: "Open" })
}).pipe(Effect.orDie)

export const person = (trackId: Track.TrackId, i: number, group = "FosterParent") => ({
  trackId,
  name: `Persoon ${i}`,
  email: `persoon${i}@example.org`,
  language: "nl",
  group,
  municipality: "GM0268",
  availableForAllSessions: true
})

// -----------------------------------------------------------------------------
// a real SMTP server
// -----------------------------------------------------------------------------

export interface Received {
  readonly from: string | undefined
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

export interface TestSmtpServer {
  readonly port: number
  readonly received: ReadonlyArray<Received>
  readonly parsed: () => Effect.Effect<ReadonlyArray<ParsedMail>>
}

export interface ServerOptions {
  /** Listen on this port (0: any free one). */
  readonly port?: number
  /** Reply to RCPT TO for this address with this code and text. */
  readonly rejectRecipient?: (address: string) => { readonly code: number; readonly text: string } | undefined
}

/** An smtp-server on 127.0.0.1, closed when the scope ends. */
export const smtpServer = (options: ServerOptions = {}): Effect.Effect<TestSmtpServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: SMTPServer; state: TestSmtpServer }>((resume) => {
      const received: Array<Received> = []
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onRcptTo(address, _session, callback) {
          const rejection = options.rejectRecipient?.(address.address)
          if (rejection === undefined) return callback()
          const error = Object.assign(new Error(rejection.text), { responseCode: rejection.code })
          return callback(error)
        },
        onData(stream, session, callback) {
          const chunks: Array<Buffer> = []
          stream.on("data", (chunk: Buffer) => chunks.push(chunk))
          stream.on("end", () => {
            received.push({
              from: session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString("utf8")
            })
            callback()
          })
        }
      })
      const listener = server.listen(options.port ?? 0, "127.0.0.1", () => {
        const port = (listener.address() as Net.AddressInfo).port
        resume(Effect.succeed({
          server,
          state: {
            port,
            received,
            parsed: () => Effect.promise(() => Promise.all(received.map((r) => simpleParser(r.raw))))
          }
        }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => server.close(() => resume(Effect.void)))
  ).pipe(Effect.map(({ state }) => state))

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export const freePort: Effect.Effect<number> = Effect.async((resume) => {
  const probe = Net.createServer()
  probe.listen(0, "127.0.0.1", () => {
    const port = (probe.address() as Net.AddressInfo).port
    probe.close(() => resume(Effect.succeed(port)))
  })
})

// -----------------------------------------------------------------------------
// a small iCalendar reader (enough for our own files)
// -----------------------------------------------------------------------------

export type IcsComponent = Readonly<Record<string, string>>

export const parseIcs = (text: string): { readonly calendar: IcsComponent; readonly events: ReadonlyArray<IcsComponent> } => {
  // unfold: a line break followed by a space or tab continues the line
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter((l) => l.length > 0)
  const calendar: Record<string, string> = {}
  const events: Array<Record<string, string>> = []
  let current: Record<string, string> | undefined
  for (const line of lines) {
    const colon = line.indexOf(":")
    const name = line.slice(0, colon).split(";")[0]!.toUpperCase()
    const value = line.slice(colon + 1)
    if (name === "BEGIN" && value === "VEVENT") current = {}
    else if (name === "END" && value === "VEVENT") {
      events.push(current!)
      current = undefined
    } else if (name !== "BEGIN" && name !== "END") (current ?? calendar)[name] = value
  }
  return { calendar, events }
}

/**
 * The events of a calendar file as a calendar program reads them (ical.js,
 * with the file's own VTIMEZONE): UID, and start and end as UTC instants.
 */
export const icsInstants = (text: string): ReadonlyArray<{ uid: string; start: string; end: string; zone: string }> => {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component)
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: String(component.getFirstProperty("dtstart")?.getParameter("tzid") ?? "")
    }
  })
}
