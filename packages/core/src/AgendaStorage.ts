/**
 * The storage port of improvement agendas. An agenda is kept whole (draft,
 * versions, progress, reviews) as one record per track, with `version` for
 * optimistic concurrency, as tracks and surveys are.
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { Agenda, AgendaId } from "./Agenda.js"
import type { RegionCode } from "./Region.js"
import type { StorageError } from "./Storage.js"
import type { TrackId } from "./Track.js"

/**
 * Where agendas are kept. A track has at most one agenda.
 *
 * @since 0.3.0
 * @category ports
 */
export class AgendaRepository extends Context.Tag("@pleegzorg/core/AgendaRepository")<
  AgendaRepository,
  {
    /** Refuses a second agenda with the same id or for the same track. */
    readonly insert: (agenda: Agenda) => Effect.Effect<void, StorageError>
    /** Refuses a copy that is not newer (`version`) than the stored one, or one never stored. */
    readonly update: (agenda: Agenda) => Effect.Effect<void, StorageError>
    readonly get: (id: AgendaId) => Effect.Effect<Option.Option<Agenda>, StorageError>
    /** {@link get}, and locks the agenda until the transaction ends. */
    readonly getForUpdate: (id: AgendaId) => Effect.Effect<Option.Option<Agenda>, StorageError>
    readonly findByTrack: (trackId: TrackId) => Effect.Effect<Option.Option<Agenda>, StorageError>
    /** The agendas of a region, by id. */
    readonly listByRegion: (region: RegionCode) => Effect.Effect<ReadonlyArray<Agenda>, StorageError>
    /** Every agenda, by id: for the national overview and the daily reminders. */
    readonly list: () => Effect.Effect<ReadonlyArray<Agenda>, StorageError>
  }
>() {}
