import { Recipient, TrackSummary } from "../DomainEvent.js"
import type { Registration } from "../Registration.js"
import type { Track } from "../Track.js"

// Both are built from stored, decoded values: no need to validate them again.

export const recipientOf = (registration: Registration): Recipient =>
  new Recipient({
    registrationId: registration.id,
    name: registration.name,
    email: registration.email,
    language: registration.language,
    group: registration.group
  }, true)

export const summaryOf = (track: Track, regionName: string): TrackSummary =>
  new TrackSummary({ id: track.id, title: track.title, regionName, sessions: track.sessions }, true)
