/**
 * Templates for tracks: what stays the same when the dialogue rolls out to
 * another region (the default times of the three sessions, the composition,
 * the texts), and what a region fills in (its dates or periods, its places).
 *
 * @since 0.2.0
 */
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import * as LocalizedText from "./LocalizedText.js"
import { SessionStart } from "./Eligibility.js"
import { RegionCode } from "./Region.js"
import * as Track from "./Track.js"

/**
 * The default start and end time of a session in a template.
 *
 * @since 0.2.0
 * @category models
 */
export class SessionDefaults extends Schema.Class<SessionDefaults>("@pleegzorg/core/TrackTemplate/SessionDefaults")({
  startTime: Track.TimeOfDay,
  endTime: Track.TimeOfDay
}) {}

/**
 * A template: titles, introduction, composition and default session times.
 *
 * @since 0.2.0
 * @category models
 */
export class TrackTemplate extends Schema.Class<TrackTemplate>("@pleegzorg/core/TrackTemplate")({
  name: Schema.NonEmptyTrimmedString,
  title: LocalizedText.LocalizedText,
  introduction: LocalizedText.LocalizedText,
  composition: Track.Composition,
  sessions: Schema.Tuple(SessionDefaults, SessionDefaults, SessionDefaults)
}) {}

const quota = (minimum: number, maximum: number) => new Track.Quota({ minimum, maximum })

/**
 * The template of *het goede gesprek over pleegzorg*, as piloted in Rijk van
 * Nijmegen: session 1 from 16:00 to 18:30, sessions 2 and 3 from 16:00 to
 * 20:30 (with a meal). At most 24 people, with 3–8 foster parents, 2–4
 * foster children, 0–3 own children, 1–4 parents, 2–5 care workers and 1–3
 * policy makers.
 *
 * @since 0.2.0
 * @category constants
 */
export const goedeGesprek: TrackTemplate = new TrackTemplate({
  name: "goede-gesprek",
  title: LocalizedText.make("Het goede gesprek over pleegzorg", "The good conversation about foster care"),
  introduction: LocalizedText.make(
    "In drie bijeenkomsten praten pleegouders, pleegkinderen, eigen kinderen, ouders, pleegzorgbegeleiders en beleidsmakers samen over pleegzorg in de regio. Samen maken we een plan om het beter te maken.",
    "In three sessions foster parents, foster children, own children, parents, care workers and policy makers talk together about foster care in the region. Together we make a plan to improve it."
  ),
  composition: new Track.Composition({
    groups: {
      FosterParent: quota(3, 8),
      FosterChild: quota(2, 4),
      OwnChild: quota(0, 3),
      Parent: quota(1, 4),
      CareWorker: quota(2, 5),
      PolicyMaker: quota(1, 3)
    },
    maximum: 24
  }),
  sessions: [
    new SessionDefaults({ startTime: "16:00", endTime: "18:30" }),
    new SessionDefaults({ startTime: "16:00", endTime: "20:30" }),
    new SessionDefaults({ startTime: "16:00", endTime: "20:30" })
  ]
})

/**
 * The templates this package knows by name.
 *
 * @since 0.2.0
 * @category constants
 */
export const builtIn: ReadonlyArray<TrackTemplate> = [goedeGesprek]

/**
 * When a session of a new track takes place, as the organiser knows it:
 *
 * - `{ date }`: on that day at the template's default times;
 * - `{ date, startTime, endTime }`: on that day at other times;
 * - `{ start, end }`: exact times with their offset;
 * - `{ period }`: only a period is known yet, in Dutch ("eind maart 2023").
 *
 * @since 0.2.0
 * @category models
 */
export const SessionPlan = Schema.Union(
  Schema.Struct({
    date: CalendarDate.CalendarDate,
    startTime: Schema.optional(Track.TimeOfDay),
    endTime: Schema.optional(Track.TimeOfDay),
    place: Track.Place
  }),
  Schema.Struct({ start: SessionStart, end: SessionStart, place: Track.Place }),
  Schema.Struct({ period: Track.DutchPeriod, place: Track.Place })
).annotations({ identifier: "SessionPlan" })

/**
 * @since 0.2.0
 * @category models
 */
export type SessionPlan = typeof SessionPlan.Type

/**
 * What it takes to make a track from a template for a region.
 *
 * @since 0.2.0
 * @category models
 */
export const FromTemplate = Schema.Struct({
  region: RegionCode,
  phase: Track.Phase,
  sessions: Schema.Tuple(SessionPlan, SessionPlan, SessionPlan),
  title: Schema.optional(LocalizedText.LocalizedText),
  composition: Schema.optional(Track.Composition)
}).annotations({ identifier: "FromTemplate" })

/**
 * @since 0.2.0
 * @category models
 */
export type FromTemplate = typeof FromTemplate.Type

/**
 * The timing a plan stands for, with the template's default times filling in
 * what the plan leaves out.
 *
 * @since 0.2.0
 * @category constructors
 */
export const timingOf = (plan: SessionPlan, defaults: SessionDefaults): Track.Timing => {
  if ("period" in plan) return new Track.Tentative({ period: plan.period })
  if ("start" in plan) return new Track.Fixed({ start: plan.start, end: plan.end })
  return new Track.Fixed({
    start: Track.atAmsterdamTime(plan.date, plan.startTime ?? defaults.startTime),
    end: Track.atAmsterdamTime(plan.date, plan.endTime ?? defaults.endTime)
  })
}

/**
 * The sessions for a template and three plans.
 *
 * @since 0.2.0
 * @category constructors
 */
export const sessionsOf = (template: TrackTemplate, plans: FromTemplate["sessions"]): Track.Sessions =>
  Arr.map(Track.sessionNumbers, (number) => {
    const plan = plans[number - 1]!
    return new Track.Session({ number, timing: timingOf(plan, template.sessions[number - 1]!), place: plan.place })
  }) as unknown as Track.Sessions

const timeOf = (instant: DateTime.Utc): Track.TimeOfDay => {
  const p = DateTime.toParts(DateTime.setZone(instant, Track.timeZone()))
  return `${String(p.hours).padStart(2, "0")}:${String(p.minutes).padStart(2, "0")}`
}

/**
 * A template taken from an existing track, so that a region's own choices
 * (times, composition, texts) carry over to the next region. Tentative
 * sessions keep the default times of `fallback`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fromTrack = (track: Track.Track, fallback: TrackTemplate = goedeGesprek): TrackTemplate =>
  new TrackTemplate({
    name: `from-${track.id}`,
    title: track.title,
    introduction: track.introduction,
    composition: track.composition,
    sessions: Arr.map(track.sessions, (s, i) =>
      s.timing._tag === "Fixed"
        ? new SessionDefaults({ startTime: timeOf(s.timing.start), endTime: timeOf(s.timing.end) })
        : fallback.sessions[i]!) as unknown as TrackTemplate["sessions"]
  })
