/**
 * Follow-up of an adopted agenda: review moments (by default 3, 6 and 12
 * months after adoption) with a note per action, and an overview of where a
 * region stands — actions by status, overdue actions, missed reviews, the
 * next review.
 *
 * @since 0.3.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AgendaAction from "./AgendaAction.js"
import * as CalendarDate from "./CalendarDate.js"

/**
 * The default review moments, in months after adoption.
 *
 * @since 0.3.0
 * @category constants
 */
export const defaultMoments: ReadonlyArray<number> = [3, 6, 12]

/**
 * A note on one action at a review.
 *
 * @since 0.3.0
 * @category models
 */
export class ReviewNote extends Schema.Class<ReviewNote>("@pleegzorg/core/AgendaFollowUp/ReviewNote")({
  action: AgendaAction.ActionId,
  text: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(4000))
}) {}

/**
 * A review held: which moment (months after adoption), when, and the notes.
 *
 * @since 0.3.0
 * @category models
 */
export class Review extends Schema.Class<Review>("@pleegzorg/core/AgendaFollowUp/Review")({
  moment: Schema.Int.pipe(Schema.positive()),
  on: CalendarDate.CalendarDate,
  notes: Schema.Array(ReviewNote)
}) {}

/**
 * `date` plus `months`, on the same day of the month or the last day of a
 * shorter month (31 January + 1 month is 28 or 29 February).
 *
 * @since 0.3.0
 * @category dates
 */
export const addMonths = (date: CalendarDate.CalendarDate, months: number): CalendarDate.CalendarDate => {
  const { day, month, year } = CalendarDate.toParts(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  const d = Math.min(day, CalendarDate.daysInMonth(y, m))
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as CalendarDate.CalendarDate
}

/**
 * When each review is due.
 *
 * @since 0.3.0
 * @category dates
 */
export const reviewDates = (
  adoptedOn: CalendarDate.CalendarDate,
  moments: ReadonlyArray<number> = defaultMoments
): ReadonlyArray<{ readonly moment: number; readonly due: CalendarDate.CalendarDate }> =>
  [...moments].sort((a, b) => a - b).map((moment) => ({ moment, due: addMonths(adoptedOn, moment) }))

/**
 * Where an adopted agenda stands on `today`.
 *
 * @since 0.3.0
 * @category models
 */
export interface Overview {
  readonly byStatus: Readonly<Record<AgendaAction.Status["_tag"], number>>
  readonly overdue: ReadonlyArray<AgendaAction.ActionId>
  readonly missedReviews: ReadonlyArray<number>
  readonly nextReview: Option.Option<{ readonly moment: number; readonly due: CalendarDate.CalendarDate }>
}

/**
 * The overview of the actions of an adopted version, the reviews held, and
 * the review moments.
 *
 * @since 0.3.0
 * @category overviews
 */
export const overview = (
  adopted: { readonly adoptedOn: CalendarDate.CalendarDate; readonly actions: ReadonlyArray<AgendaAction.Action> },
  reviews: ReadonlyArray<Review>,
  today: CalendarDate.CalendarDate,
  moments: ReadonlyArray<number> = defaultMoments
): Overview => {
  const byStatus: Record<AgendaAction.Status["_tag"], number> = { Proposed: 0, Agreed: 0, InProgress: 0, Done: 0, Dropped: 0 }
  for (const action of adopted.actions) byStatus[action.status._tag]++
  const held = new Set(reviews.map((r) => r.moment))
  const dates = reviewDates(adopted.adoptedOn, moments)
  return {
    byStatus,
    overdue: adopted.actions.filter((a) => AgendaAction.isOverdue(a, today)).map((a) => a.id),
    missedReviews: dates.filter((d) => d.due < today && !held.has(d.moment)).map((d) => d.moment),
    nextReview: Option.fromNullable(dates.find((d) => d.due >= today && !held.has(d.moment)))
  }
}

/**
 * One region in the national overview.
 *
 * @since 0.3.0
 * @category models
 */
export interface RegionStanding {
  readonly region: string
  readonly adopted: boolean
  readonly versions: number
  readonly actions: number
  readonly done: number
  readonly overdue: number
  readonly missedReviews: number
}

/**
 * The national rollout at a glance: per region whether its agenda is
 * adopted and how far along it is, and which themes recur across regions
 * (compared without case and surrounding spaces; most regions first, then
 * by name).
 *
 * @since 0.3.0
 * @category overviews
 */
export const national = (
  regions: ReadonlyArray<{
    readonly region: string
    readonly agenda: Option.Option<{
      readonly versions: ReadonlyArray<{
        readonly adoptedOn: CalendarDate.CalendarDate
        readonly content: { readonly themes: ReadonlyArray<{ readonly name: string }>; readonly actions: ReadonlyArray<AgendaAction.Action> }
      }>
    }>
    readonly reviews: ReadonlyArray<Review>
    /** The agenda's review moments (default 3, 6 and 12 months). */
    readonly moments?: ReadonlyArray<number>
  }>,
  today: CalendarDate.CalendarDate
): {
  readonly regions: ReadonlyArray<RegionStanding>
  readonly themes: ReadonlyArray<{ readonly theme: string; readonly regions: number }>
} => {
  const themes = new Map<string, { theme: string; regions: Set<string> }>()
  const standings = regions.map(({ agenda, moments, region, reviews }): RegionStanding => {
    const latest = Option.flatMap(agenda, (a) => Option.fromNullable(a.versions.at(-1)))
    if (Option.isNone(latest)) {
      return { region, adopted: false, versions: 0, actions: 0, done: 0, overdue: 0, missedReviews: 0 }
    }
    const version = latest.value
    for (const { name } of version.content.themes) {
      const key = name.trim().toLowerCase()
      const entry = themes.get(key) ?? { theme: name.trim(), regions: new Set<string>() }
      entry.regions.add(region)
      themes.set(key, entry)
    }
    const view = overview({ adoptedOn: version.adoptedOn, actions: version.content.actions }, reviews, today, moments)
    return {
      region,
      adopted: true,
      versions: Option.match(agenda, { onNone: () => 0, onSome: (a) => a.versions.length }),
      actions: version.content.actions.length,
      done: view.byStatus.Done,
      overdue: view.overdue.length,
      missedReviews: view.missedReviews.length
    }
  })
  return {
    regions: standings,
    themes: [...themes.values()]
      .map((t) => ({ theme: t.theme, regions: t.regions.size }))
      .sort((a, b) => b.regions - a.regions || a.theme.localeCompare(b.theme, "nl"))
  }
}
