import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { Recipient, TrackSummary } from "../DomainEvent.js"
import type { Gazetteer } from "../Geography.js"
import { label } from "../Region.js"
import type { Registration } from "../Registration.js"
import { type Track, type TrackId, TrackNotFound } from "../Track.js"

// Both are built from stored, decoded values: no need to validate them again.

export const recipientOf = (registration: Registration): Recipient =>
  new Recipient({
    registrationId: registration.id,
    name: registration.name,
    email: registration.email,
    language: registration.language,
    group: registration.group
  }, true)

export const summaryOf = (track: Track, gazetteer: Gazetteer): TrackSummary =>
  new TrackSummary({
    id: track.id,
    title: track.title,
    regionName: Either.match(gazetteer.region(track.region), { onLeft: () => track.region, onRight: label }),
    sessions: track.sessions
  }, true)

// A track read from storage, or TrackNotFound.
export const trackOrNotFound = (id: TrackId) => <E, R>(read: Effect.Effect<Option.Option<Track>, E, R>) =>
  Effect.flatMap(read, Option.match({
    onNone: () => Effect.fail(new TrackNotFound({ trackId: id })),
    onSome: Effect.succeed
  }))
