/**
 * A track: the three sessions of *het goede gesprek* in one region, who may
 * fill its seats, and where it is in its life.
 *
 * Everything here is data plus pure rules: the schedule rule (three sessions
 * in order that do not overlap), the composition rule (a minimum and maximum
 * per stakeholder group, and an overall maximum) and the lifecycle
 * (draft → open → registration closed → running → completed, or cancelled).
 * The `Tracks` service applies them and stores the result.
 *
 * @since 0.2.0
 */
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import * as LocalizedText from "./LocalizedText.js"
import { RegionCode } from "./Region.js"
import * as StakeholderGroup from "./StakeholderGroup.js"

/**
 * The time zone of every session.
 *
 * @since 0.2.0
 * @category constants
 */
export const TIME_ZONE = "Europe/Amsterdam"

let amsterdam: DateTime.TimeZone | undefined
/**
 * The {@link TIME_ZONE} as an Effect time zone, made once.
 *
 * @since 0.2.0
 * @category constants
 */
export const timeZone = (): DateTime.TimeZone => (amsterdam ??= DateTime.zoneUnsafeMakeNamed(TIME_ZONE))

// -----------------------------------------------------------------------------
// ids and small values
// -----------------------------------------------------------------------------

/**
 * Identifies a track: `trk_` and 20 letters or digits.
 *
 * @since 0.2.0
 * @category models
 */
export const TrackId = Schema.String.pipe(
  Schema.pattern(/^trk_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige traject-id. / This is not a valid track id."
  }),
  Schema.brand("@pleegzorg/core/TrackId"),
  Schema.annotations({ identifier: "TrackId", description: "trk_ followed by 20 lowercase letters or digits" })
)

/**
 * @since 0.2.0
 * @category models
 */
export type TrackId = typeof TrackId.Type

/**
 * A pilot (the first regions) or part of the rollout.
 *
 * @since 0.2.0
 * @category models
 */
export const Phase = Schema.Literal("pilot", "rollout").annotations({ identifier: "Phase" })

/**
 * @since 0.2.0
 * @category models
 */
export type Phase = typeof Phase.Type

/**
 * The number of a session: 1, 2 or 3.
 *
 * @since 0.2.0
 * @category models
 */
export const SessionNumber = Schema.Literal(1, 2, 3).annotations({ identifier: "SessionNumber" })

/**
 * @since 0.2.0
 * @category models
 */
export type SessionNumber = typeof SessionNumber.Type

/**
 * The three session numbers in order.
 *
 * @since 0.2.0
 * @category constants
 */
export const sessionNumbers: readonly [1, 2, 3] = [1, 2, 3]

/**
 * What each session is for, in the words the programme uses.
 *
 * @since 0.2.0
 * @category getters
 */
export const sessionTitle = (number: SessionNumber): LocalizedText.LocalizedText => {
  switch (number) {
    case 1:
      return LocalizedText.make("Kennismaken", "Getting acquainted")
    case 2:
      return LocalizedText.make("Bespreken hoe het gaat", "How foster care is going")
    case 3:
      return LocalizedText.make("Samen verbeterplan", "Improvement plan together")
  }
}

const Text = (max: number) =>
  Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => "Vul dit in. / Please fill this in." }),
    Schema.maxLength(max, { message: () => `Gebruik hoogstens ${max} tekens. / Use at most ${max} characters.` })
  )

/**
 * Where a session takes place.
 *
 * @since 0.2.0
 * @category models
 */
export class Place extends Schema.Class<Place>("@pleegzorg/core/Track/Place")({
  name: Text(200),
  address: Schema.optional(Text(300))
}) {}

// -----------------------------------------------------------------------------
// timing
// -----------------------------------------------------------------------------

/**
 * A stretch of calendar days, told as people say it: "eind maart 2023".
 *
 * @since 0.2.0
 * @category models
 */
export class Period extends Schema.Class<Period>("@pleegzorg/core/Track/Period")({
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
  label: LocalizedText.LocalizedText
}) {}

const dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
const englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
const parts = {
  begin: { from: 1, to: 10, en: "early" },
  half: { from: 11, to: 20, en: "mid" },
  midden: { from: 11, to: 20, en: "mid" },
  eind: { from: 21, to: 31, en: "late" }
} as const

/**
 * Reads a period as a Dutch organiser writes it: `eind maart 2023`,
 * `begin mei 2023`, `half februari 2023` or a whole month (`april 2023`).
 * Begin is the 1st to the 10th, half (or midden) the 11th to the 20th, eind
 * the 21st to the last day.
 *
 * @since 0.2.0
 * @category constructors
 */
export const periodFromDutch = (text: string): Either.Either<Period, string> => {
  const match = /^\s*(?:(begin|half|midden|eind)\s+)?([a-z]+)\s+(\d{4})\s*$/i.exec(text)
  const month = match === null ? -1 : dutchMonths.indexOf(match[2]!.toLowerCase())
  if (match === null || month < 0) {
    return Either.left(
      `"${text}" is geen periode die we kennen. Schrijf bijvoorbeeld "eind maart 2023" of "mei 2023". / "${text}" is not a period we understand. Write for example "eind maart 2023" or "mei 2023".`
    )
  }
  const year = Number(match[3])
  const last = CalendarDate.daysInMonth(year, month + 1)
  const part = match[1] === undefined ? undefined : parts[match[1].toLowerCase() as keyof typeof parts]
  const day = (d: number) => `${year}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}` as CalendarDate.CalendarDate
  const nl = `${part === undefined ? "" : `${match[1]!.toLowerCase()} `}${dutchMonths[month]} ${year}`
  const en = `${part === undefined ? "" : `${part.en} `}${englishMonths[month]} ${year}`
  return Either.right(
    new Period({
      from: day(part?.from ?? 1),
      to: day(part?.to ?? last),
      label: LocalizedText.make(nl, en)
    })
  )
}

/**
 * A period written in Dutch (see {@link periodFromDutch}), decoded into a
 * {@link Period}.
 *
 * @since 0.2.0
 * @category models
 */
export const DutchPeriod = Schema.transformOrFail(Schema.String, Schema.typeSchema(Period), {
  strict: true,
  decode: (text, _, ast) =>
    Either.mapLeft(periodFromDutch(text), (message) => new ParseResult.Type(ast, text, message)),
  encode: (period) => Either.right(period.label.nl)
}).annotations({ identifier: "DutchPeriod" })

/**
 * A session with its date and times fixed.
 *
 * @since 0.2.0
 * @category models
 */
export class Fixed extends Schema.TaggedClass<Fixed>("@pleegzorg/core/Track/Fixed")("Fixed", {
  start: Schema.DateTimeUtc,
  end: Schema.DateTimeUtc
}) {}

/**
 * A session known only as a period ("eind maart 2023"), to be fixed later.
 *
 * @since 0.2.0
 * @category models
 */
export class Tentative extends Schema.TaggedClass<Tentative>("@pleegzorg/core/Track/Tentative")("Tentative", {
  period: Period
}) {}

/**
 * When a session is: fixed, or tentative.
 *
 * @since 0.2.0
 * @category models
 */
export const Timing = Schema.Union(Fixed, Tentative).annotations({ identifier: "Timing" })

/**
 * @since 0.2.0
 * @category models
 */
export type Timing = typeof Timing.Type

/**
 * One of the three sessions.
 *
 * @since 0.2.0
 * @category models
 */
export class Session extends Schema.Class<Session>("@pleegzorg/core/Track/Session")({
  number: SessionNumber,
  timing: Timing,
  place: Place
}) {}

/**
 * The three sessions, in order.
 *
 * @since 0.2.0
 * @category models
 */
export const Sessions = Schema.Tuple(Session, Session, Session).annotations({ identifier: "Sessions" })

/**
 * @since 0.2.0
 * @category models
 */
export type Sessions = typeof Sessions.Type

const startOfDay = (date: CalendarDate.CalendarDate): DateTime.Utc => {
  const { year, month, day } = CalendarDate.toParts(date)
  return DateTime.toUtc(
    DateTime.unsafeMakeZoned({ year, month, day }, { timeZone: timeZone(), adjustForTimeZone: true })
  )
}

const nextDay = (date: CalendarDate.CalendarDate): CalendarDate.CalendarDate =>
  CalendarDate.fromDateTime(DateTime.add(startOfDay(date), { hours: 36 }), timeZone())

/**
 * The earliest moment a session can start: its start, or the start of the
 * first day of its period.
 *
 * @since 0.2.0
 * @category getters
 */
export const earliestStart = (timing: Timing): DateTime.Utc =>
  timing._tag === "Fixed" ? timing.start : startOfDay(timing.period.from)

/**
 * The latest moment a session can end: its end, or the end of the last day
 * of its period.
 *
 * @since 0.2.0
 * @category getters
 */
export const latestEnd = (timing: Timing): DateTime.Utc =>
  timing._tag === "Fixed" ? timing.end : startOfDay(nextDay(timing.period.to))

/**
 * A date and a time of day in Amsterdam, as UTC.
 *
 * @since 0.2.0
 * @category constructors
 */
export const atAmsterdamTime = (date: CalendarDate.CalendarDate, time: TimeOfDay): DateTime.Utc => {
  const { year, month, day } = CalendarDate.toParts(date)
  const [hours, minutes] = time.split(":").map(Number) as [number, number]
  return DateTime.toUtc(
    DateTime.unsafeMakeZoned({ year, month, day, hours, minutes }, { timeZone: timeZone(), adjustForTimeZone: true })
  )
}

/**
 * A time of day, `HH:MM`.
 *
 * @since 0.2.0
 * @category models
 */
export const TimeOfDay = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: () => "Schrijf een tijd als UU:MM, bijvoorbeeld 16:00. / Write a time as HH:MM, for example 16:00."
  }),
  Schema.annotations({ identifier: "TimeOfDay" })
)

/**
 * @since 0.2.0
 * @category models
 */
export type TimeOfDay = typeof TimeOfDay.Type

const timeOfDayOf = (instant: DateTime.DateTime): TimeOfDay => {
  const p = DateTime.toParts(DateTime.setZone(instant, timeZone()))
  return `${String(p.hours).padStart(2, "0")}:${String(p.minutes).padStart(2, "0")}`
}

/**
 * Writes a session's time as people read it, in Amsterdam time:
 * `17 november 2022, 16:00–18:30` or, while tentative, `eind maart 2023`.
 *
 * @since 0.2.0
 * @category formatting
 */
export const formatTiming = (timing: Timing, language: LocalizedText.Language): string => {
  if (timing._tag === "Tentative") {
    return language === "nl"
      ? `${timing.period.label.nl} (datum volgt)`
      : `${timing.period.label.en} (date to follow)`
  }
  const day = CalendarDate.fromDateTime(timing.start, timeZone())
  return `${CalendarDate.format(day, language)}, ${timeOfDayOf(timing.start)}–${timeOfDayOf(timing.end)}`
}

const MAXIMUM_SESSION_HOURS = 12

/**
 * Checks that the three sessions are numbered 1, 2, 3, that each fixed one
 * ends after it starts and lasts at most 12 hours, and that each ends before
 * the next can start (a tentative period counts as the whole period).
 * Returns every problem.
 *
 * @since 0.2.0
 * @category validation
 */
export const scheduleProblems = (sessions: Sessions): ReadonlyArray<LocalizedText.LocalizedText> => {
  const problems: Array<LocalizedText.LocalizedText> = []
  sessions.forEach((session, index) => {
    if (session.number !== index + 1) {
      problems.push(LocalizedText.make(
        `Bijeenkomst ${index + 1} heeft nummer ${session.number}.`,
        `Session ${index + 1} has number ${session.number}.`
      ))
    }
    const { timing } = session
    if (timing._tag === "Fixed") {
      const minutes = DateTime.distance(timing.start, timing.end) / 60_000
      if (minutes <= 0) {
        problems.push(LocalizedText.make(
          `Bijeenkomst ${index + 1} eindigt niet na het begin.`,
          `Session ${index + 1} does not end after it starts.`
        ))
      } else if (minutes > MAXIMUM_SESSION_HOURS * 60) {
        problems.push(LocalizedText.make(
          `Bijeenkomst ${index + 1} duurt langer dan ${MAXIMUM_SESSION_HOURS} uur.`,
          `Session ${index + 1} lasts longer than ${MAXIMUM_SESSION_HOURS} hours.`
        ))
      }
    } else if (timing.period.to < timing.period.from) {
      problems.push(LocalizedText.make(
        `De periode van bijeenkomst ${index + 1} eindigt voor het begin.`,
        `The period of session ${index + 1} ends before it starts.`
      ))
    }
  })
  for (const [a, b] of [[0, 1], [1, 2]] as const) {
    const first = sessions[a].timing
    const second = sessions[b].timing
    if (DateTime.greaterThan(latestEnd(first), earliestStart(second))) {
      problems.push(LocalizedText.make(
        `Bijeenkomst ${b + 1} kan beginnen voordat bijeenkomst ${a + 1} is afgelopen. De bijeenkomsten moeten na elkaar komen.`,
        `Session ${b + 1} could start before session ${a + 1} has ended. The sessions must follow one another.`
      ))
    }
  }
  return problems
}

// -----------------------------------------------------------------------------
// composition
// -----------------------------------------------------------------------------

/**
 * How many people of one group may (maximum) and should (minimum) take part.
 *
 * @since 0.2.0
 * @category models
 */
export class Quota extends Schema.Class<Quota>("@pleegzorg/core/Track/Quota")({
  minimum: Schema.NonNegativeInt,
  maximum: Schema.NonNegativeInt
}) {}

const quotaFields = Object.fromEntries(
  StakeholderGroup.StakeholderGroup.literals.map((group) => [group, Quota])
) as { readonly [G in StakeholderGroup.StakeholderGroup]: typeof Quota }

/**
 * The composition of a track: a quota for every stakeholder group and a
 * maximum for everyone together. A group with maximum 0 cannot sign up.
 *
 * @since 0.2.0
 * @category models
 */
export class Composition extends Schema.Class<Composition>("@pleegzorg/core/Track/Composition")({
  groups: Schema.Struct(quotaFields),
  maximum: Schema.Int.pipe(Schema.between(1, 1000))
}) {}

/**
 * What is wrong with a composition: a minimum above its maximum, or minimums
 * that together exceed the overall maximum.
 *
 * @since 0.2.0
 * @category validation
 */
export const compositionProblems = (composition: Composition): ReadonlyArray<LocalizedText.LocalizedText> => {
  const problems: Array<LocalizedText.LocalizedText> = []
  let minimums = 0
  for (const info of StakeholderGroup.all) {
    const quota = composition.groups[info.group]
    minimums += quota.minimum
    if (quota.minimum > quota.maximum) {
      problems.push(LocalizedText.make(
        `Voor ${info.label.nl.toLowerCase()} is het minimum (${quota.minimum}) hoger dan het maximum (${quota.maximum}).`,
        `For ${info.label.en.toLowerCase()} the minimum (${quota.minimum}) is above the maximum (${quota.maximum}).`
      ))
    }
  }
  if (minimums > composition.maximum) {
    problems.push(LocalizedText.make(
      `De minimums samen (${minimums}) zijn meer dan het totale maximum (${composition.maximum}).`,
      `The minimums together (${minimums}) exceed the overall maximum (${composition.maximum}).`
    ))
  }
  return problems
}

// -----------------------------------------------------------------------------
// lifecycle
// -----------------------------------------------------------------------------

/**
 * @since 0.2.0
 * @category models
 */
export class Draft extends Schema.TaggedClass<Draft>("@pleegzorg/core/Track/Draft")("Draft", {}) {}

/**
 * @since 0.2.0
 * @category models
 */
export class Open extends Schema.TaggedClass<Open>("@pleegzorg/core/Track/Open")("Open", {
  since: Schema.DateTimeUtc
}) {}

/**
 * @since 0.2.0
 * @category models
 */
export class RegistrationClosed
  extends Schema.TaggedClass<RegistrationClosed>("@pleegzorg/core/Track/RegistrationClosed")("RegistrationClosed", {
    since: Schema.DateTimeUtc
  })
{}

/**
 * @since 0.2.0
 * @category models
 */
export class Running extends Schema.TaggedClass<Running>("@pleegzorg/core/Track/Running")("Running", {
  since: Schema.DateTimeUtc
}) {}

/**
 * @since 0.2.0
 * @category models
 */
export class Completed extends Schema.TaggedClass<Completed>("@pleegzorg/core/Track/Completed")("Completed", {
  since: Schema.DateTimeUtc
}) {}

/**
 * @since 0.2.0
 * @category models
 */
export class Cancelled extends Schema.TaggedClass<Cancelled>("@pleegzorg/core/Track/Cancelled")("Cancelled", {
  since: Schema.DateTimeUtc,
  reason: Text(1000)
}) {}

/**
 * Where a track is in its life.
 *
 * @since 0.2.0
 * @category models
 */
export const Status = Schema.Union(Draft, Open, RegistrationClosed, Running, Completed, Cancelled).annotations({
  identifier: "TrackStatus"
})

/**
 * @since 0.2.0
 * @category models
 */
export type Status = typeof Status.Type

/**
 * The name of a status.
 *
 * @since 0.2.0
 * @category models
 */
export const StatusName = Schema.Literal("Draft", "Open", "RegistrationClosed", "Running", "Completed", "Cancelled")
  .annotations({ identifier: "TrackStatusName" })

/**
 * @since 0.2.0
 * @category models
 */
export type StatusName = typeof StatusName.Type

/**
 * A status in plain words.
 *
 * @since 0.2.0
 * @category formatting
 */
export const statusLabel = (status: StatusName): LocalizedText.LocalizedText => {
  switch (status) {
    case "Draft":
      return LocalizedText.make("in voorbereiding", "in preparation")
    case "Open":
      return LocalizedText.make("open voor aanmelden", "open for registration")
    case "RegistrationClosed":
      return LocalizedText.make("gesloten voor aanmelden", "closed for registration")
    case "Running":
      return LocalizedText.make("bezig", "running")
    case "Completed":
      return LocalizedText.make("afgerond", "completed")
    case "Cancelled":
      return LocalizedText.make("geannuleerd", "cancelled")
  }
}

// What moving to a status is called, to finish "Daarom kan het niet …".
const transitionVerb = (status: StatusName): LocalizedText.LocalizedText => {
  switch (status) {
    case "Draft":
      return LocalizedText.make("terug naar voorbereiding", "go back to preparation")
    case "Open":
      return LocalizedText.make("open voor aanmelden", "open for registration")
    case "RegistrationClosed":
      return LocalizedText.make("sluiten voor aanmelden", "close for registration")
    case "Running":
      return LocalizedText.make("starten", "start")
    case "Completed":
      return LocalizedText.make("afgerond worden", "be completed")
    case "Cancelled":
      return LocalizedText.make("geannuleerd worden", "be cancelled")
  }
}

// -----------------------------------------------------------------------------
// the track
// -----------------------------------------------------------------------------

/**
 * A track of three sessions in one region.
 *
 * `version` goes up by one with every change, so that storage can refuse a
 * change made on an outdated copy. `remindersSent` lists the sessions whose
 * reminder has gone out for their current time.
 *
 * @since 0.2.0
 * @category models
 */
export class Track extends Schema.Class<Track>("@pleegzorg/core/Track")({
  id: TrackId,
  region: RegionCode,
  phase: Phase,
  title: LocalizedText.LocalizedText,
  introduction: LocalizedText.LocalizedText,
  sessions: Sessions,
  composition: Composition,
  status: Status,
  remindersSent: Schema.Array(SessionNumber),
  createdAt: Schema.DateTimeUtc,
  version: Schema.Int
}) {}

/**
 * The session with a number.
 *
 * @since 0.2.0
 * @category getters
 */
export const session = (track: Track, number: SessionNumber): Session => track.sessions[number - 1]!

/**
 * The sessions that are still tentative.
 *
 * @since 0.2.0
 * @category getters
 */
export const tentativeSessions = (track: Track): ReadonlyArray<SessionNumber> =>
  track.sessions.filter((s) => s.timing._tag === "Tentative").map((s) => s.number)

/**
 * The start of session 1, if it is fixed.
 *
 * @since 0.2.0
 * @category getters
 */
export const firstSessionStart = (track: Track): Option.Option<DateTime.Utc> => {
  const timing = track.sessions[0].timing
  return timing._tag === "Fixed" ? Option.some(timing.start) : Option.none()
}

/**
 * Whether a track is still going (not completed, not cancelled).
 *
 * @since 0.2.0
 * @category predicates
 */
export const isActive = (track: Track): boolean =>
  track.status._tag !== "Completed" && track.status._tag !== "Cancelled"

/**
 * Replaces one session's timing (and optionally its place).
 *
 * @since 0.2.0
 * @category combinators
 */
export const withSession = (track: Track, number: SessionNumber, timing: Timing, place?: Place): Sessions =>
  Arr.map(track.sessions, (s) =>
    s.number === number ? new Session({ number, timing, place: place ?? s.place }) : s) as unknown as Sessions

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

/**
 * No track with this id.
 *
 * @since 0.2.0
 * @category errors
 */
export class TrackNotFound extends Schema.TaggedError<TrackNotFound>("@pleegzorg/core/Track/TrackNotFound")(
  "TrackNotFound",
  { trackId: Schema.String }
) {
  override get message(): string {
    return `Dit traject bestaat niet. / This track does not exist.`
  }
}

/**
 * The track cannot go from its status to the one asked for; `problem` says
 * why in plain words.
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidTransition extends Schema.TaggedError<InvalidTransition>("@pleegzorg/core/Track/InvalidTransition")(
  "InvalidTransition",
  { trackId: TrackId, from: StatusName, to: StatusName, problem: LocalizedText.LocalizedText }
) {
  override get message(): string {
    return LocalizedText.bilingual(this.problem)
  }
}

/**
 * The sessions break the schedule rule (see {@link scheduleProblems}).
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidSchedule extends Schema.TaggedError<InvalidSchedule>("@pleegzorg/core/Track/InvalidSchedule")(
  "InvalidSchedule",
  { problems: Schema.NonEmptyArray(LocalizedText.LocalizedText) }
) {
  override get message(): string {
    return this.problems.map(LocalizedText.bilingual).join(" ")
  }
}

/**
 * The composition breaks its rule (see {@link compositionProblems}).
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidComposition
  extends Schema.TaggedError<InvalidComposition>("@pleegzorg/core/Track/InvalidComposition")("InvalidComposition", {
    problems: Schema.NonEmptyArray(LocalizedText.LocalizedText)
  })
{
  override get message(): string {
    return this.problems.map(LocalizedText.bilingual).join(" ")
  }
}

/**
 * Checks sessions against the schedule rule.
 *
 * @since 0.2.0
 * @category validation
 */
export const validateSchedule = (sessions: Sessions): Either.Either<Sessions, InvalidSchedule> => {
  const problems = scheduleProblems(sessions)
  return Arr.isNonEmptyReadonlyArray(problems)
    ? Either.left(new InvalidSchedule({ problems: [...problems] as [LocalizedText.LocalizedText, ...Array<LocalizedText.LocalizedText>] }))
    : Either.right(sessions)
}

/**
 * Checks a composition against its rule.
 *
 * @since 0.2.0
 * @category validation
 */
export const validateComposition = (composition: Composition): Either.Either<Composition, InvalidComposition> => {
  const problems = compositionProblems(composition)
  return Arr.isNonEmptyReadonlyArray(problems)
    ? Either.left(new InvalidComposition({ problems: [...problems] as [LocalizedText.LocalizedText, ...Array<LocalizedText.LocalizedText>] }))
    : Either.right(composition)
}

/**
 * A status an organiser can ask for. `Cancelled` needs a reason.
 *
 * @since 0.2.0
 * @category models
 */
export const TargetStatus = Schema.Union(
  Schema.TaggedStruct("Open", {}),
  Schema.TaggedStruct("RegistrationClosed", {}),
  Schema.TaggedStruct("Running", {}),
  Schema.TaggedStruct("Completed", {}),
  Schema.TaggedStruct("Cancelled", { reason: Text(1000) })
).annotations({ identifier: "TargetStatus" })

/**
 * @since 0.2.0
 * @category models
 */
export type TargetStatus = typeof TargetStatus.Type

const allowed: Record<StatusName, ReadonlyArray<StatusName>> = {
  Draft: ["Open", "Cancelled"],
  Open: ["RegistrationClosed", "Cancelled"],
  RegistrationClosed: ["Open", "Running", "Cancelled"],
  Running: ["Completed", "Cancelled"],
  Completed: [],
  Cancelled: []
}

/**
 * Moves a track to another status, at `now`, or says why it cannot:
 *
 * - draft → open needs session 1 fixed and in the future;
 * - open → registration closed; closed → open again while session 1 is
 *   still ahead;
 * - closed → running needs all three sessions fixed;
 * - running → completed needs session 3 to have ended;
 * - cancelled (with a reason) from any status before completed.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const transition = (
  track: Track,
  target: TargetStatus,
  now: DateTime.Utc
): Either.Either<Track, InvalidTransition> => {
  const from = track.status._tag
  const refuse = (nl: string, en: string) =>
    Either.left(new InvalidTransition({ trackId: track.id, from, to: target._tag, problem: LocalizedText.make(nl, en) }))
  if (!allowed[from].includes(target._tag)) {
    const now = statusLabel(from)
    const verb = transitionVerb(target._tag)
    return refuse(
      `Het traject is nu ${now.nl}. Daarom kan het niet ${verb.nl}.`,
      `The track is ${now.en} now, so it cannot ${verb.en}.`
    )
  }
  const first = track.sessions[0].timing
  const firstAhead = first._tag === "Fixed" && DateTime.lessThan(now, first.start)
  let status: Status
  switch (target._tag) {
    case "Open":
      if (first._tag !== "Fixed") {
        return refuse(
          "Zet eerst de datum en tijd van bijeenkomst 1 vast. Daarna kan aanmelden open.",
          "Fix the date and time of session 1 first. Then registration can open."
        )
      }
      if (!firstAhead) {
        return refuse(
          "Bijeenkomst 1 is al begonnen. Aanmelden kan niet meer open.",
          "Session 1 has already started. Registration cannot open any more."
        )
      }
      status = new Open({ since: now })
      break
    case "RegistrationClosed":
      status = new RegistrationClosed({ since: now })
      break
    case "Running": {
      const tentative = tentativeSessions(track)
      if (tentative.length > 0) {
        return refuse(
          `Zet eerst de datum van bijeenkomst ${tentative.join(" en ")} vast.`,
          `Fix the date of session ${tentative.join(" and ")} first.`
        )
      }
      status = new Running({ since: now })
      break
    }
    case "Completed": {
      const third = track.sessions[2].timing
      if (third._tag !== "Fixed" || DateTime.lessThan(now, third.end)) {
        return refuse(
          "Het traject is pas afgerond als bijeenkomst 3 is geweest.",
          "The track is only completed once session 3 has taken place."
        )
      }
      status = new Completed({ since: now })
      break
    }
    case "Cancelled":
      status = new Cancelled({ since: now, reason: target.reason })
      break
  }
  return Either.right(new Track({ ...track, status, version: track.version + 1 }))
}
