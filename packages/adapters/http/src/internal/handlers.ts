import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Geography, LocalizedText, Region, Registrations, Track, Tracks } from "@pleegzorg/core"
import * as Api from "../Api.js"
import { http, registrationRefused, trackNotFound } from "./errors.js"

// The contract decodes the body; core decodes what it is given once more
// (it takes outside input), so it gets the encoded form back. Encoding a
// value that was just decoded cannot fail; if it did, that is a bug.
const encoded = <A, I>(schema: Schema.Schema<A, I>, value: A): Effect.Effect<I> =>
  Effect.orDie(Schema.encode(schema)(value))

/** The regions group: look-ups in the `Geography` service. */
export const RegionsLive = HttpApiBuilder.group(Api.Api, "regions", (handlers) =>
  Effect.gen(function*() {
    const geography = yield* Geography.Geography
    const counts = new Map<string, number>()
    for (const m of geography.municipalities) counts.set(m.region, (counts.get(m.region) ?? 0) + 1)
    const summary = (region: Region.Region) =>
      new Api.RegionSummary({
        code: region.code,
        name: region.name,
        label: Region.label(region),
        municipalityCount: counts.get(region.code) ?? 0
      })
    return handlers
      .handle("listRegions", () => Effect.succeed(geography.regions.map(summary)))
      .handle("getRegion", ({ path }) =>
        Effect.gen(function*() {
          const region = yield* geography.region(path.code)
          const municipalities = yield* geography.municipalitiesOf(region.code)
          return new Api.RegionDetails({
            code: region.code,
            name: region.name,
            label: Region.label(region),
            aliases: region.aliases,
            municipalities
          })
        }).pipe(http))
      .handle("regionOfMunicipality", ({ path }) =>
        Effect.gen(function*() {
          const municipality = yield* geography.municipality(path.code)
          const region = yield* geography.region(municipality.region)
          return new Api.MunicipalityRegion({ municipality, region: summary(region) })
        }).pipe(http))
  }))

/** The tracks group: the `Tracks` service. */
export const TracksLive = HttpApiBuilder.group(Api.Api, "tracks", (handlers) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const geography = yield* Geography.Geography

    const publicView = (track: Track.Track, now: DateTime.Utc) =>
      new Api.PublicTrack({
        id: track.id,
        region: track.region,
        regionName: Either.match(geography.region(track.region), {
          onLeft: () => track.region,
          onRight: Region.label
        }),
        phase: track.phase,
        title: track.title,
        introduction: track.introduction,
        sessions: track.sessions,
        composition: track.composition,
        status: track.status._tag,
        registrationOpen: track.status._tag === "Open" && Option.match(Track.firstSessionStart(track), {
          onNone: () => false,
          onSome: (start) => DateTime.lessThan(now, start)
        })
      })

    // A draft is the organiser's work in progress: the public does not see
    // it, and cannot tell it from a track that does not exist.
    const isPublished = (track: Track.Track) => track.status._tag !== "Draft"

    return handlers
      .handle("createTrack", ({ payload }) =>
        encoded(Api.CreateTrackBody, payload).pipe(Effect.flatMap(tracks.create), http))
      .handle("createFromTemplate", ({ payload }) =>
        encoded(Api.CreateFromTemplateBody, payload).pipe(Effect.flatMap(tracks.createFromTemplate), http))
      .handle("getTrack", ({ path }) =>
        Effect.gen(function*() {
          const track = yield* http(tracks.get(path.trackId))
          if (!isPublished(track)) return yield* Effect.fail(trackNotFound())
          return publicView(track, yield* DateTime.now)
        }))
      .handle("listRegionTracks", ({ path }) =>
        Effect.gen(function*() {
          const region = yield* geography.region(path.code)
          const list = yield* tracks.listByRegion(region.code)
          const now = yield* DateTime.now
          return list.filter(isPublished).map((track) => publicView(track, now))
        }).pipe(http))
      .handle("changeStatus", ({ path, payload }) =>
        encoded(Api.ChangeStatusBody, payload).pipe(
          Effect.flatMap((target) => tracks.changeStatus(path.trackId, target)),
          http
        ))
      .handle("reschedule", ({ path, payload }) =>
        encoded(Api.RescheduleBody, payload).pipe(
          Effect.flatMap((plan) => tracks.reschedule(path.trackId, path.number, plan)),
          http
        ))
  }))

/** The registrations group: the `Registrations` service. */
export const RegistrationsLive = HttpApiBuilder.group(Api.Api, "registrations", (handlers) =>
  Effect.gen(function*() {
    const registrations = yield* Registrations.Registrations
    return handlers
      .handle("register", ({ path, payload }) =>
        Effect.gen(function*() {
          const body = yield* encoded(Api.RegisterBody, payload)
          const outcome = yield* http(registrations.register({ ...body, trackId: path.trackId }))
          if (outcome._tag === "Refused") return yield* Effect.fail(registrationRefused(outcome))
          // Accepted or already signed up: the same answer (see Api.SignUpReceived).
          return new Api.SignUpReceived({
            trackId: path.trackId,
            text: LocalizedText.make(
              "Dank je wel! We hebben je aanmelding ontvangen. Je krijgt zo een mail. Daarin lees je of je een plek hebt, of je op de wachtlijst staat, of dat je eerst toestemming nodig hebt van een ouder of voogd. Geen mail gekregen? Kijk dan ook bij je ongewenste mail.",
              "Thank you! We have received your registration. You will get an email shortly. It tells you whether you have a place, whether you are on the waitlist, or whether you first need permission from a parent or guardian. No email? Then also check your spam folder."
            )
          })
        }))
      .handle("withdraw", ({ payload }) => http(registrations.withdraw(payload.token)))
      .handle("listRegistrations", ({ path }) => http(registrations.list(path.trackId)))
      .handle("composition", ({ path }) => http(registrations.composition(path.trackId)))
      .handle("withdrawByOrganiser", ({ path }) => http(registrations.withdrawByOrganiser(path.registrationId)))
      .handle("recordConsent", ({ path, payload }) =>
        encoded(Api.ConsentBody, payload).pipe(
          Effect.flatMap((consent) => registrations.recordConsent(path.registrationId, consent)),
          http
        ))
  }))

/** The attendance group: the `Registrations` service. */
export const AttendanceLive = HttpApiBuilder.group(Api.Api, "attendance", (handlers) =>
  Effect.gen(function*() {
    const registrations = yield* Registrations.Registrations
    return handlers
      .handle("recordAttendance", ({ path, payload }) =>
        http(registrations.recordAttendance({
          trackId: path.trackId,
          session: path.number,
          registrationId: path.registrationId,
          present: payload.present
        })))
      .handle("attendanceOverview", ({ path }) => http(registrations.attendanceOverview(path.trackId)))
  }))
