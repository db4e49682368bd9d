/**
 * Calendar files (`.ics`, iCalendar) for the sessions of a track.
 *
 * One event per session whose date and time are fixed; tentative sessions
 * are left out. Each session keeps the same UID for its whole life
 * (`<trackId>-<n>@pleegzorg`), and the SEQUENCE grows with the moment of the
 * change, so that opening the file of a later mail (a reschedule) updates
 * the entries the earlier file made instead of adding new ones.
 *
 * Times are written on the Amsterdam clock with their zone
 * (`DTSTART;TZID=Europe/Amsterdam:20221117T160000`), and the file carries
 * the zone's rules (VTIMEZONE), so every calendar places them right.
 *
 * The file holds no personal data: no attendees, no organiser, no name, no
 * token. Only the track and session titles, the region, the place and the
 * times.
 *
 * @since 0.2.0
 */
import { type DomainEvent, type LocalizedText, Track } from "@pleegzorg/core"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as ics from "ics"

/**
 * The UID of a session's calendar event: `<trackId>-<n>@pleegzorg`.
 *
 * @since 0.2.0
 * @category getters
 */
export const uid = (trackId: Track.TrackId, session: Track.SessionNumber): string => `${trackId}-${session}@pleegzorg`

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1)

/**
 * The SEQUENCE for a file written for a change at `at`: the seconds since
 * 2020-01-01 UTC. A later change gives a higher number, and the number fits
 * the 31 bits calendars expect until long after 2080.
 *
 * @since 0.2.0
 * @category getters
 */
export const sequence = (at: DateTime.Utc): number =>
  Math.max(0, Math.floor((at.epochMillis - SEQUENCE_EPOCH) / 1000))

/**
 * The place as one line: name and, when known, address.
 *
 * @since 0.2.0
 * @category formatting
 */
export const placeLine = (place: Track.Place): string =>
  place.address === undefined ? place.name : `${place.name}, ${place.address}`

/**
 * The file name of the attachment.
 *
 * @since 0.2.0
 * @category constants
 */
export const filename = (language: LocalizedText.Language): string =>
  language === "nl" ? "bijeenkomsten.ics" : "sessions.ics"

/**
 * A session whose calendar entry must be cancelled: it had a fixed time
 * (`timing`, at `place`) and has none any more.
 *
 * @since 0.2.0
 * @category models
 */
export interface CancelledSession {
  readonly number: Track.SessionNumber
  readonly timing: Track.Fixed
  readonly place: Track.Place
}

/**
 * The calendar for a track's sessions as an event shows them, in the
 * recipient's language: one event per fixed session, plus a cancelled event
 * for each of `cancelled`. None when there is nothing to put in it.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (
  track: DomainEvent.TrackSummary,
  options: {
    readonly language: LocalizedText.Language
    readonly changedAt: DateTime.Utc
    readonly cancelled?: ReadonlyArray<CancelledSession> | undefined
    /** Every fixed session is off for this person (a withdrawal, a cancelled track). */
    readonly allCancelled?: boolean | undefined
  }
): Option.Option<string> => {
  const { changedAt, language } = options
  const title = track.title[language]
  const event = (
    number: Track.SessionNumber,
    timing: Track.Fixed,
    place: Track.Place,
    status: "CONFIRMED" | "CANCELLED"
  ): ics.EventAttributes => {
    const name = Track.sessionTitle(number)[language]
    const attributes: ics.EventAttributes & { readonly timestamp: number } = {
      uid: uid(track.id, number),
      sequence: sequence(changedAt),
      // DTSTAMP: when this version was made, so that the file is the same on every retry
      timestamp: changedAt.epochMillis,
      title: `${title}: ${number}. ${name}`,
      description: language === "nl"
        ? `Bijeenkomst ${number} van 3 (${name}) van ${title}, regio ${track.regionName}.`
        : `Session ${number} of 3 (${name}) of ${title}, region ${track.regionName}.`,
      location: placeLine(place),
      start: timing.start.epochMillis,
      startInputType: "utc",
      startOutputType: "utc",
      end: timing.end.epochMillis,
      endInputType: "utc",
      endOutputType: "utc",
      status,
      busyStatus: status === "CONFIRMED" ? "BUSY" : "FREE"
    }
    return attributes
  }
  const events: Array<ics.EventAttributes> = []
  for (const session of track.sessions) {
    if (session.timing._tag === "Fixed") {
      events.push(event(session.number, session.timing, session.place, options.allCancelled ? "CANCELLED" : "CONFIRMED"))
    }
  }
  for (const gone of options.cancelled ?? []) {
    if (track.sessions[gone.number - 1]!.timing._tag !== "Fixed") {
      events.push(event(gone.number, gone.timing, gone.place, "CANCELLED"))
    }
  }
  if (events.length === 0) return Option.none()
  const result = ics.createEvents(events, { productId: PRODUCT_ID, method: "PUBLISH" })
  return result.error === null && result.value !== null ? Option.some(inAmsterdamTime(result.value)) : Option.none()
}

// The Europe/Amsterdam rules since 1996 (EU summer time): what a calendar
// needs to read the TZID times below without a time-zone database.
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${Track.TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE"
]

const pad = (n: number) => String(n).padStart(2, "0")

// 20221117T150000Z → 20221117T160000, the same moment on the Amsterdam clock.
const amsterdamLocal = (utc: string): string => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(utc)!
  const instant = DateTime.unsafeMake(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  )
  const p = DateTime.toParts(DateTime.setZone(instant, Track.timeZone()))
  return `${p.year}${pad(p.month)}${pad(p.day)}T${pad(p.hours)}${pad(p.minutes)}${pad(p.seconds)}`
}

// The `ics` library writes times in UTC; the sessions are in Amsterdam, so
// the file says so: DTSTART;TZID=Europe/Amsterdam:… with the zone's rules
// beside it. DTSTAMP stays in UTC, as the standard asks.
const inAmsterdamTime = (calendar: string): string => {
  const lines = calendar.split("\r\n").map((line) => {
    const time = /^(DTSTART|DTEND):(\d{8}T\d{6}Z)$/.exec(line)
    return time === null ? line : `${time[1]};TZID=${Track.TIME_ZONE}:${amsterdamLocal(time[2]!)}`
  })
  const first = lines.indexOf("BEGIN:VEVENT")
  return [...lines.slice(0, first), ...VTIMEZONE, ...lines.slice(first)].join("\r\n")
}

/**
 * The PRODID of the files.
 *
 * @since 0.2.0
 * @category constants
 */
export const PRODUCT_ID = "-//pleegzorg//email//NL"

/**
 * The content type of the attachment.
 *
 * @since 0.2.0
 * @category constants
 */
export const CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"

/**
 * How many sessions a calendar for this track holds (the fixed ones).
 *
 * @since 0.2.0
 * @category getters
 */
export const fixedSessions = (track: DomainEvent.TrackSummary): ReadonlyArray<Track.SessionNumber> =>
  track.sessions.filter((s) => s.timing._tag === "Fixed").map((s) => s.number)
