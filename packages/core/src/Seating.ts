/**
 * Who gets a seat: the pure rules behind confirming, waitlisting and
 * promoting, over the registrations of one track.
 *
 * A person is confirmed while their group is below its maximum and the track
 * below its overall maximum; otherwise they wait on their group's list, first
 * come first served. When a seat comes free, the first waiting person of the
 * same group gets it; if nobody of that group waits (or the group is full),
 * the earliest waiting person of any group that still has room.
 *
 * @since 0.2.0
 */
import * as Arr from "effect/Array"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import { CompositionOverview, GroupComposition, type Registration } from "./Registration.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import type { StatusCount } from "./Storage.js"
import type { Track } from "./Track.js"

type Counted = Pick<Registration, "group" | "status" | "sequence">

const bySequence = Order.mapInput(Order.number, (r: Counted) => r.sequence)

const confirmedIn = (registrations: ReadonlyArray<Counted>, group?: StakeholderGroup.StakeholderGroup) =>
  registrations.filter((r) => r.status._tag === "Confirmed" && (group === undefined || r.group === group)).length

/**
 * Whether someone of `group` can be confirmed, by the counts of a track's
 * registrations per group and status.
 *
 * @since 0.2.0
 * @category rules
 */
export const hasRoomByCounts = (
  track: Track,
  counts: ReadonlyArray<StatusCount>,
  group: StakeholderGroup.StakeholderGroup
): boolean => {
  const confirmed = counts.filter((c) => c.status === "Confirmed")
  const inGroup = confirmed.filter((c) => c.group === group).reduce((n, c) => n + c.count, 0)
  const total = confirmed.reduce((n, c) => n + c.count, 0)
  return inGroup < track.composition.groups[group].maximum && total < track.composition.maximum
}

/**
 * Whether someone of `group` can be confirmed now.
 *
 * @since 0.2.0
 * @category rules
 */
export const hasRoom = (
  track: Track,
  registrations: ReadonlyArray<Counted>,
  group: StakeholderGroup.StakeholderGroup
): boolean =>
  confirmedIn(registrations, group) < track.composition.groups[group].maximum &&
  confirmedIn(registrations) < track.composition.maximum

/**
 * The waiting registration to promote after a seat of `freedGroup` came
 * free, if any.
 *
 * @since 0.2.0
 * @category rules
 */
export const nextToPromote = <R extends Counted>(
  track: Track,
  registrations: ReadonlyArray<R>,
  freedGroup: StakeholderGroup.StakeholderGroup
): Option.Option<R> => {
  const waiting = Arr.sort(
    registrations.filter((r) => r.status._tag === "Waitlisted" && hasRoom(track, registrations, r.group)),
    bySequence
  )
  return Option.orElse(
    Arr.findFirst(waiting, (r) => r.group === freedGroup),
    () => Arr.head(waiting)
  )
}

/**
 * The place of a waiting registration on its group's list (1 is next).
 *
 * @since 0.2.0
 * @category rules
 */
export const waitlistPosition = (registrations: ReadonlyArray<Counted>, registration: Counted): number =>
  registrations.filter((r) =>
    r.status._tag === "Waitlisted" && r.group === registration.group && r.sequence <= registration.sequence
  ).length

/**
 * How full each group and the track are.
 *
 * @since 0.2.0
 * @category rules
 */
export const composition = (track: Track, registrations: ReadonlyArray<Counted>): CompositionOverview => {
  const groups = StakeholderGroup.all.map(({ group }) => {
    const quota = track.composition.groups[group]
    const of = (tag: Registration["status"]["_tag"]) =>
      registrations.filter((r) => r.group === group && r.status._tag === tag).length
    const confirmed = of("Confirmed")
    return new GroupComposition({
      group,
      minimum: quota.minimum,
      maximum: quota.maximum,
      confirmed,
      waitlisted: of("Waitlisted"),
      awaitingConsent: of("AwaitingConsent"),
      shortOfMinimum: Math.max(0, quota.minimum - confirmed)
    })
  })
  return new CompositionOverview({
    trackId: track.id,
    groups,
    confirmed: confirmedIn(registrations),
    maximum: track.composition.maximum,
    unmetMinimums: groups.filter((g) => g.shortOfMinimum > 0).map((g) => g.group)
  })
}
