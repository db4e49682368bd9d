/**
 * The storage ports of mentor matching: profiles, matches and batch runs.
 * Removing a profile deletes it: its matches keep only the id, which then
 * points at nothing.
 *
 * @since 0.4.0
 */
import * as Context from "effect/Context"
import type * as DateTime from "effect/DateTime"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { Match, MatchId, Run } from "./MentorMatch.js"
import type { Mentor, MentorId, Prospect, ProspectId } from "./MentorProfile.js"
import type { StorageError } from "./Storage.js"

/**
 * Where prospects are kept.
 *
 * @since 0.4.0
 * @category ports
 */
export class ProspectRepository extends Context.Tag("@pleegzorg/core/ProspectRepository")<
  ProspectRepository,
  {
    readonly insert: (prospect: Prospect) => Effect.Effect<void, StorageError>
    /** Refuses a copy that is not newer (`version`) than the stored one, or one never stored. */
    readonly update: (prospect: Prospect) => Effect.Effect<void, StorageError>
    readonly get: (id: ProspectId) => Effect.Effect<Option.Option<Prospect>, StorageError>
    /** {@link get}, and locks the prospect until the transaction ends. */
    readonly getForUpdate: (id: ProspectId) => Effect.Effect<Option.Option<Prospect>, StorageError>
    /** Deletes the prospect, with everything it holds; true when there was one. */
    readonly remove: (id: ProspectId) => Effect.Effect<boolean, StorageError>
    /** Every prospect, by id. */
    readonly list: () => Effect.Effect<ReadonlyArray<Prospect>, StorageError>
  }
>() {}

/**
 * Where mentors are kept.
 *
 * @since 0.4.0
 * @category ports
 */
export class MentorRepository extends Context.Tag("@pleegzorg/core/MentorRepository")<
  MentorRepository,
  {
    readonly insert: (mentor: Mentor) => Effect.Effect<void, StorageError>
    /** Refuses a copy that is not newer (`version`) than the stored one, or one never stored. */
    readonly update: (mentor: Mentor) => Effect.Effect<void, StorageError>
    readonly get: (id: MentorId) => Effect.Effect<Option.Option<Mentor>, StorageError>
    /** {@link get}, and locks the mentor until the transaction ends: places are decided one at a time. */
    readonly getForUpdate: (id: MentorId) => Effect.Effect<Option.Option<Mentor>, StorageError>
    /** Deletes the mentor; true when there was one. */
    readonly remove: (id: MentorId) => Effect.Effect<boolean, StorageError>
    /** Every mentor, by id. */
    readonly list: () => Effect.Effect<ReadonlyArray<Mentor>, StorageError>
    /** The mentors in these municipalities (codes), by id: those within reach of someone. */
    readonly listIn: (municipalities: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Mentor>, StorageError>
  }
>() {}

/**
 * Where matches are kept.
 *
 * @since 0.4.0
 * @category ports
 */
export class MatchRepository extends Context.Tag("@pleegzorg/core/MatchRepository")<
  MatchRepository,
  {
    readonly insert: (matches: ReadonlyArray<Match>) => Effect.Effect<void, StorageError>
    /** Refuses a copy that is not newer (`version`) than the stored one, or one never stored. */
    readonly update: (match: Match) => Effect.Effect<void, StorageError>
    readonly get: (id: MatchId) => Effect.Effect<Option.Option<Match>, StorageError>
    /** {@link get}, and locks the match until the transaction ends. */
    readonly getForUpdate: (id: MatchId) => Effect.Effect<Option.Option<Match>, StorageError>
    /** The matches of a prospect, by id. */
    readonly listByProspect: (id: ProspectId) => Effect.Effect<ReadonlyArray<Match>, StorageError>
    /** The matches of a mentor, by id. */
    readonly listByMentor: (id: MentorId) => Effect.Effect<ReadonlyArray<Match>, StorageError>
    /** Every match, by id. */
    readonly list: () => Effect.Effect<ReadonlyArray<Match>, StorageError>
    /** How many open matches (proposed or active) each of these mentors has; mentors with none are left out. */
    readonly openCounts: (
      mentorIds: ReadonlyArray<MentorId>
    ) => Effect.Effect<ReadonlyArray<{ readonly mentorId: MentorId; readonly open: number }>, StorageError>
  }
>() {}

/**
 * Where batch runs are recorded, and the lock that lets one run at a time.
 *
 * @since 0.4.0
 * @category ports
 */
export class MatchingRunRepository extends Context.Tag("@pleegzorg/core/MatchingRunRepository")<
  MatchingRunRepository,
  {
    /**
     * Records `run` as started, unless another run started after
     * `staleBefore` has not finished: then that run. Atomic across servers.
     */
    readonly begin: (run: Run, staleBefore: DateTime.Utc) => Effect.Effect<Option.Option<Run>, StorageError>
    /** Records the end of a run (its `finishedAt` and counts). */
    readonly finish: (run: Run) => Effect.Effect<void, StorageError>
    /** The runs, latest first, at most `limit`. */
    readonly list: (limit: number) => Effect.Effect<ReadonlyArray<Run>, StorageError>
  }
>() {}
