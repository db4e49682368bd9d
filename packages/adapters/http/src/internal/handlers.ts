import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  Agenda,
  AgendaExport,
  Agendas,
  CalendarDate,
  Disclosure,
  Geography,
  LocalizedText,
  type MentorMatch,
  Mentoring,
  Region,
  RegionalFigures,
  Registrations,
  StartReport,
  type Survey,
  type SurveyInvitation,
  Surveys,
  Track,
  Tracks
} from "@pleegzorg/core"
import * as Api from "../Api.js"
import { badRequestAt, http, invalidFigures, registrationRefused, trackNotFound } from "./errors.js"

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

// A code from a mail comes from the body or a header, never from the
// address: a query in the address is refused, so that a link that puts the
// code there does not work (the code would already be in access logs and
// browser history).
const codeFrom = <A extends string>(
  request: HttpServerRequest.HttpServerRequest,
  body: A | undefined,
  header: A | undefined,
  names: {
    /** The field in the body. */
    readonly field: string
    /** The header, as people write it. */
    readonly header: string
    /** Where the code comes from, for the person. */
    readonly missing: LocalizedText.LocalizedText
  }
) => {
  const query = request.url.indexOf("?")
  const params = query === -1 ? [] : [...new URLSearchParams(request.url.slice(query + 1)).keys()]
  if (params.length > 0) {
    return Effect.fail(badRequestAt(
      params[0]!,
      LocalizedText.make(
        `Zet de code nooit in het adres. Stuur hem in de inhoud van het verzoek (${names.field}) of in de header ${names.header}.`,
        `Never put the code in the address. Send it in the body of the request (${names.field}) or in the header ${names.header}.`
      )
    ))
  }
  if (body !== undefined && header !== undefined && body !== header) {
    return Effect.fail(badRequestAt(
      names.field,
      LocalizedText.make(
        "Er zijn twee verschillende codes gestuurd. Stuur er één.",
        "Two different codes were sent. Send one."
      )
    ))
  }
  const code = body ?? header
  return code === undefined ? Effect.fail(badRequestAt(names.field, names.missing)) : Effect.succeed(code)
}

const invitationToken = (
  request: HttpServerRequest.HttpServerRequest,
  body: SurveyInvitation.InvitationToken | undefined,
  header: SurveyInvitation.InvitationToken | undefined
) =>
  codeFrom(request, body, header, {
    field: "token",
    header: "X-Invitation-Token",
    missing: LocalizedText.make(
      "De code uit je uitnodiging ontbreekt. Gebruik de link uit je uitnodiging.",
      "The code from your invitation is missing. Use the link in your invitation."
    )
  })

const thanks = LocalizedText.make(
  "Dank je wel! Je antwoorden zijn bewaard. We bespreken de uitkomsten in de tweede bijeenkomst.",
  "Thank you! Your answers have been saved. We will discuss the results in the second session."
)

// Reports are read by organisers and may be kept on their computers; the
// server keeps no copy in a cache on the way.
const reportHeaders = (language: LocalizedText.Language | undefined) => ({
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  ...(language === undefined ? {} : { "content-language": language })
})

/**
 * The Content-Security-Policy of the HTML report: it loads nothing, runs no
 * script, and may only use the styles inside it.
 */
export const reportContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The surveys group: the `Surveys` service. */
export const SurveysLive = HttpApiBuilder.group(Api.Api, "surveys", (handlers) =>
  Effect.gen(function*() {
    const surveys = yield* Surveys.Surveys

    // A report that cannot be made from a closed survey is a bug, not the
    // caller's mistake: core reports it as InvalidInput, which would be a 400.
    const report = (id: Survey.SurveyId) =>
      surveys.report(id).pipe(Effect.catchTag("InvalidInput", (error) => Effect.die(error)), http)

    return handlers
      .handle("createSurvey", ({ path, payload }) =>
        encoded(Api.CreateSurveyBody, payload).pipe(
          Effect.flatMap((body) => surveys.create({ ...body, trackId: path.trackId })),
          http
        ))
      .handle("getSurvey", ({ path }) => http(surveys.get(path.surveyId)))
      .handle("adaptSurvey", ({ path, payload }) =>
        encoded(Api.AdaptSurveyBody, payload).pipe(
          Effect.flatMap((body) => surveys.adapt(path.surveyId, body)),
          http
        ))
      .handle("openSurvey", ({ path }) => http(surveys.open(path.surveyId)))
      .handle("closeSurvey", ({ path }) => http(surveys.close(path.surveyId)))
      .handle("invite", ({ path, payload }) =>
        encoded(Api.InviteBody, payload).pipe(
          Effect.flatMap((body) => surveys.invite(path.surveyId, body.invitees)),
          Effect.map((sent) => new Api.InvitationsSent(sent)),
          http
        ))
      .handle("remind", ({ path }) =>
        surveys.remind(path.surveyId).pipe(Effect.map((reminded) => new Api.RemindersSent({ reminded })), http))
      .handle("reviewOpenAnswers", ({ path, payload }) =>
        encoded(Api.ReviewBody, payload).pipe(
          Effect.flatMap((decisions) => surveys.reviewOpenAnswers(path.surveyId, decisions)),
          http
        ))
      .handle("report", ({ path }) => report(path.surveyId))
      .handle("reportMarkdown", ({ path, urlParams }) =>
        Effect.map(report(path.surveyId), (data) =>
          HttpServerResponse.text(StartReport.toMarkdown(data, urlParams.lang), {
            contentType: "text/markdown; charset=utf-8",
            headers: {
              ...reportHeaders(urlParams.lang),
              "content-disposition": `inline; filename="startrapport-${path.surveyId}-${urlParams.lang}.md"`
            }
          })))
      .handle("reportHtml", ({ path, urlParams }) =>
        Effect.map(report(path.surveyId), (data) =>
          HttpServerResponse.text(StartReport.toHtml(data, urlParams.lang), {
            contentType: "text/html; charset=utf-8",
            headers: {
              ...reportHeaders(urlParams.lang),
              "content-security-policy": reportContentSecurityPolicy,
              "referrer-policy": "no-referrer",
              "x-frame-options": "DENY",
              "content-disposition": `inline; filename="startrapport-${path.surveyId}-${urlParams.lang}.html"`
            }
          })))
      .handle("reportCsv", ({ path }) =>
        Effect.map(report(path.surveyId), (data) =>
          HttpServerResponse.text(Disclosure.toCsv(data.release), {
            contentType: "text/csv; charset=utf-8",
            headers: {
              ...reportHeaders(undefined),
              "content-disposition": `attachment; filename="startrapport-${path.surveyId}.csv"`
            }
          })))
      .handle("importFigures", ({ payload }) =>
        Either.match(RegionalFigures.fromCsv(payload), {
          onLeft: (invalid) => Effect.fail(invalidFigures(invalid)),
          onRight: (figures) =>
            surveys.importFigures(figures).pipe(Effect.map((imported) => new Api.FiguresImported({ imported })), http)
        }))
      .handle("questionnaire", ({ headers, payload, request }) =>
        Effect.gen(function*() {
          const token = yield* invitationToken(request, payload.token, headers["x-invitation-token"])
          const found = yield* http(surveys.questionnaire(token))
          return new Api.QuestionnaireView(found)
        }))
      .handle("answer", ({ headers, payload, request }) =>
        Effect.gen(function*() {
          const token = yield* invitationToken(request, payload.token, headers["x-invitation-token"])
          yield* http(surveys.answer(token, payload.answers))
          return new Api.AnswersReceived({ thanks })
        }))
  }))

// What evidence may cite, without a figure that is not shown: only the value
// of a shown cell is copied, so that no suppressed value can leave.
const citableOf = (published: {
  readonly releases: ReadonlyMap<string, Disclosure.ProtectedRelease>
  readonly figures: ReadonlySet<string>
}): Api.CitableEvidence => ({
  releases: [...published.releases].map(([releaseId, release]) => {
    const label = new Map(release.cells.map((c) => [c.key, c.label]))
    return {
      releaseId,
      respondents: release.cells.flatMap((c) =>
        c.respondents._tag === "Shown" ? [{ cell: c.key, label: c.label, value: c.respondents.value }] : []
      ),
      questions: release.questions.flatMap((q) => {
        const cells = q.cells.flatMap((c) =>
          c.figure._tag === "Shown"
            ? [{ cell: c.key, label: label.get(c.key) ?? LocalizedText.make(c.key, c.key), figure: c.figure.value }]
            : []
        )
        return cells.length === 0 ? [] : [{ question: q.id, label: q.label, cells }]
      })
    }
  }),
  figures: [...published.figures].sort().map((key) => {
    // indicator|area|period: the area and period hold no "|"; an indicator might.
    const parts = key.split("|")
    return { indicator: parts.slice(0, -2).join("|"), area: parts.at(-2) ?? "", period: parts.at(-1) ?? "" }
  })
})

/** The agendas group: the `Agendas` service, and the public agenda of a track. */
export const AgendasLive = HttpApiBuilder.group(Api.Api, "agendas", (handlers) =>
  Effect.gen(function*() {
    const agendas = yield* Agendas.Agendas
    const tracks = yield* Tracks.Tracks
    const geography = yield* Geography.Geography

    const regionName = (code: string) => Either.match(geography.region(code), { onLeft: () => code, onRight: Region.label })
    const today = Effect.map(DateTime.now, (now) => CalendarDate.fromDateTime(now, Track.timeZone()))

    // The agenda of a track, for the public: 404 when the track has none, or
    // is a draft (which the public cannot tell from a track that does not exist).
    const publicAgenda = (trackId: Track.TrackId) =>
      http(Effect.gen(function*() {
        const track = yield* tracks.get(trackId)
        if (track.status._tag === "Draft") return yield* new Track.TrackNotFound({ trackId })
        return yield* agendas.ofTrack(trackId)
      }))
    const refusedView = (conflict: Agenda.AgendaStateConflict) => http(Effect.fail(conflict))

    // What an export needs besides the agenda: the region's name, the
    // track's title (not of a draft, which the public does not see) and today.
    const exportInput = (agenda: Agenda.Agenda, version: number | undefined) =>
      Effect.gen(function*() {
        const track = yield* tracks.get(agenda.trackId).pipe(
          Effect.map(Option.some),
          Effect.catchTag("TrackNotFound", () => Effect.succeed(Option.none<Track.Track>())),
          http
        )
        const title = Option.filter(track, (t) => t.status._tag !== "Draft")
        return {
          agenda,
          regionName: regionName(agenda.region),
          ...(Option.isSome(title) ? { trackTitle: title.value.title } : {}),
          today: yield* today,
          ...(version === undefined ? {} : { version })
        } satisfies AgendaExport.Input
      })

    const exported = (
      trackId: Track.TrackId,
      version: number | undefined,
      render: (input: AgendaExport.Input) => Either.Either<string, Agenda.AgendaStateConflict>
    ) =>
      Effect.gen(function*() {
        const agenda = yield* publicAgenda(trackId)
        const input = yield* exportInput(agenda, version)
        const text = yield* Either.match(render(input), { onLeft: refusedView, onRight: Effect.succeed })
        return { text, name: `verbeteragenda-${agenda.region}-v${version ?? agenda.versions.length}` }
      })

    return handlers
      .handle("createAgenda", ({ path, payload }) =>
        encoded(Api.CreateAgendaBody, payload).pipe(
          Effect.flatMap((body) => agendas.create({ ...body, trackId: path.trackId })),
          http
        ))
      .handle("getAgenda", ({ path }) => http(agendas.get(path.agendaId)))
      .handle("setAgendaThemes", ({ path, payload }) =>
        encoded(Api.AgendaThemesBody, payload).pipe(
          Effect.flatMap((themes) => agendas.setThemes(path.agendaId, themes)),
          http
        ))
      .handle("addAgendaAction", ({ path, payload }) =>
        encoded(Api.ActionBody, payload).pipe(
          Effect.flatMap((action) => agendas.addAction(path.agendaId, action)),
          http
        ))
      .handle("updateAgendaAction", ({ path, payload }) =>
        encoded(Api.ActionPatchBody, payload).pipe(
          Effect.flatMap((patch) => agendas.updateAction(path.agendaId, path.actionId, patch)),
          http
        ))
      .handle("removeAgendaAction", ({ path }) => http(agendas.removeAction(path.agendaId, path.actionId)))
      .handle("adoptAgenda", ({ path, payload }) =>
        encoded(Api.AdoptBody, payload).pipe(
          Effect.flatMap((body) => agendas.adopt(path.agendaId, body)),
          http
        ))
      .handle("changeActionStatus", ({ path, payload }) =>
        encoded(Api.ActionStatusBody, payload).pipe(
          Effect.flatMap((body) => agendas.changeStatus(path.agendaId, path.actionId, body)),
          http
        ))
      .handle("addActionNote", ({ path, payload }) =>
        encoded(Api.ActionNoteBody, payload).pipe(
          Effect.flatMap((body) => agendas.addNote(path.agendaId, path.actionId, body)),
          http
        ))
      .handle("setActionContact", ({ path, payload }) =>
        encoded(Api.ActionContactBody, payload).pipe(
          Effect.flatMap((body) => agendas.setContact(path.agendaId, path.actionId, body)),
          http
        ))
      .handle("recordAgendaReview", ({ path, payload }) =>
        encoded(Api.AgendaReviewBody, payload).pipe(
          Effect.flatMap((body) => agendas.recordReview(path.agendaId, body)),
          http
        ))
      .handle("agendaOverview", ({ path, urlParams }) => http(agendas.overview(path.agendaId, urlParams.today)))
      .handle("regionAgendaOverview", ({ path, urlParams }) => http(agendas.regionOverview(path.code, urlParams.today)))
      .handle("nationalAgendaOverview", ({ urlParams }) =>
        Effect.gen(function*() {
          const day = urlParams.today ?? (yield* today)
          const standings = yield* http(agendas.national(day))
          return {
            today: day,
            regions: standings.regions.map((r) => ({ ...r, regionName: regionName(r.region) })),
            themes: standings.themes
          }
        }))
      .handle("nationalAgendaOverviewCsv", ({ urlParams }) =>
        Effect.gen(function*() {
          const day = urlParams.today ?? (yield* today)
          const standings = yield* http(agendas.national(day))
          return HttpServerResponse.text(AgendaExport.nationalCsv(standings, regionName), {
            contentType: "text/csv; charset=utf-8",
            headers: {
              ...reportHeaders(undefined),
              "content-disposition": `attachment; filename="verbeteragenda-landelijk-${day}.csv"`
            }
          })
        }))
      .handle("remindAgendas", ({ payload }) =>
        agendas.remind(payload).pipe(
          // Every agenda it reminds for was just listed: one that is gone is a bug, not the caller's mistake.
          Effect.catchTag("AgendaNotFound", (error) => Effect.die(error)),
          Effect.map((sent) => new Api.AgendaRemindersSent(sent)),
          http
        ))
      .handle("citableEvidence", ({ path }) => agendas.citable(path.agendaId).pipe(Effect.map(citableOf), http))
      .handle("publicAgenda", ({ path, urlParams }) =>
        Effect.gen(function*() {
          const agenda = yield* publicAgenda(path.trackId)
          const view = yield* Either.match(Agenda.publicView(agenda, urlParams.version), {
            onLeft: refusedView,
            onRight: Effect.succeed
          })
          return { ...view, regionName: regionName(agenda.region) }
        }))
      .handle("publicAgendaHtml", ({ path, urlParams }) =>
        Effect.map(
          exported(path.trackId, urlParams.version, (input) => AgendaExport.toHtml(input, urlParams.lang)),
          ({ name, text }) =>
            HttpServerResponse.text(text, {
              contentType: "text/html; charset=utf-8",
              headers: {
                ...reportHeaders(urlParams.lang),
                "content-security-policy": reportContentSecurityPolicy,
                "referrer-policy": "no-referrer",
                "x-frame-options": "DENY",
                "content-disposition": `inline; filename="${name}-${urlParams.lang}.html"`
              }
            })
        ))
      .handle("publicAgendaMarkdown", ({ path, urlParams }) =>
        Effect.map(
          exported(path.trackId, urlParams.version, (input) => AgendaExport.toMarkdown(input, urlParams.lang)),
          ({ name, text }) =>
            HttpServerResponse.text(text, {
              contentType: "text/markdown; charset=utf-8",
              headers: {
                ...reportHeaders(urlParams.lang),
                "content-disposition": `inline; filename="${name}-${urlParams.lang}.md"`
              }
            })
        ))
      .handle("publicAgendaCsv", ({ path, urlParams }) =>
        Effect.map(
          exported(path.trackId, urlParams.version, AgendaExport.toCsv),
          ({ name, text }) =>
            HttpServerResponse.text(text, {
              contentType: "text/csv; charset=utf-8",
              headers: { ...reportHeaders(undefined), "content-disposition": `attachment; filename="${name}.csv"` }
            })
        ))
  }))

const matchCode = (request: HttpServerRequest.HttpServerRequest, body: string | undefined, header: string | undefined) =>
  codeFrom(request, body, header, {
    field: "code",
    header: "X-Match-Code",
    missing: LocalizedText.make(
      "De code uit je mail ontbreekt. Gebruik de link uit je mail.",
      "The code from your email is missing. Use the link in your email."
    )
  })

const accepted = LocalizedText.make(
  "Dank je wel! Jullie krijgen allebei een mail met de naam en het e-mailadres van de ander. Neem gerust zelf contact op. In die mail staat ook een nieuwe link, waarmee je de koppeling later kunt beëindigen.",
  "Thank you! You will both get an email with the other's name and email address. Feel free to get in touch yourself. That email also has a new link, with which you can end the match later."
)

const declined = LocalizedText.make(
  "Helemaal goed, dank je wel voor je antwoord. We zoeken een andere mentor voor deze aspirant-pleegouder. Je hoort niets meer over dit voorstel.",
  "That is perfectly fine, thank you for your answer. We will look for another mentor for this prospective foster parent. You will hear nothing more about this proposal."
)

const endedFor = (by: MentorMatch.Party) =>
  by === "prospect"
    ? LocalizedText.make(
      "De koppeling is beëindigd. Je krijgt een mail ter bevestiging. We zoeken een nieuwe mentor voor je; zodra die ja zegt, krijg je weer een mail.",
      "The match has ended. You will get an email to confirm. We are looking for a new mentor for you; as soon as they say yes, you will get another email."
    )
    : LocalizedText.make(
      "De koppeling is beëindigd. Je krijgt een mail ter bevestiging. Dank je wel voor je tijd als mentor!",
      "The match has ended. You will get an email to confirm. Thank you for your time as a mentor!"
    )

/**
 * The mentoring group: the `Mentoring` service. Matches leave through
 * `Api.Match`, which has no field for the hashes of the codes.
 */
export const MentoringLive = HttpApiBuilder.group(Api.Api, "mentoring", (handlers) =>
  Effect.gen(function*() {
    const mentoring = yield* Mentoring.Mentoring
    return handlers
      .handle("createProspect", ({ payload }) =>
        encoded(Api.ProspectBody, payload).pipe(Effect.flatMap(mentoring.addProspect), http))
      .handle("getProspect", ({ path }) => http(mentoring.getProspect(path.prospectId)))
      .handle("updateProspect", ({ path, payload }) =>
        encoded(Api.ProspectPatchBody, payload).pipe(
          Effect.flatMap((patch) => mentoring.updateProspect(path.prospectId, patch)),
          http
        ))
      .handle("removeProspect", ({ path }) => http(mentoring.removeProspect(path.prospectId)))
      .handle("prospectSuggestions", ({ path }) => http(mentoring.suggestions(path.prospectId)))
      .handle("prospectMatches", ({ path }) => http(mentoring.matchesOfProspect(path.prospectId)))
      .handle("createMentor", ({ payload }) =>
        encoded(Api.MentorBody, payload).pipe(Effect.flatMap(mentoring.addMentor), http))
      .handle("getMentor", ({ path }) => http(mentoring.getMentor(path.mentorId)))
      .handle("updateMentor", ({ path, payload }) =>
        encoded(Api.MentorPatchBody, payload).pipe(
          Effect.flatMap((patch) => mentoring.updateMentor(path.mentorId, patch)),
          http
        ))
      .handle("removeMentor", ({ path }) => http(mentoring.removeMentor(path.mentorId)))
      .handle("pauseMentor", ({ path }) => http(mentoring.pauseMentor(path.mentorId)))
      .handle("resumeMentor", ({ path }) => http(mentoring.resumeMentor(path.mentorId)))
      .handle("runMatching", ({ payload }) =>
        encoded(Api.RunBody, payload).pipe(
          Effect.flatMap((body) => mentoring.runBatch({ weights: body.weights })),
          http
        ))
      .handle("listRuns", () => http(mentoring.runs()))
      .handle("mentoringReport", ({ path }) => http(mentoring.report(path.code)))
      .handle("endMatchByOrganiser", ({ path, payload }) =>
        mentoring.endByOrganiser(path.matchId, payload.feedback).pipe(
          // The organiser needs no code: "not your match" cannot happen here.
          Effect.catchTag("NotYourMatch", (error) => Effect.die(error)),
          http
        ))
      .handle("viewMatch", ({ headers, path, payload, request }) =>
        Effect.gen(function*() {
          const code = yield* matchCode(request, payload.code, headers["x-match-code"])
          return yield* http(mentoring.view(path.matchId, code))
        }))
      .handle("acceptMatch", ({ headers, path, payload, request }) =>
        Effect.gen(function*() {
          const code = yield* matchCode(request, payload.code, headers["x-match-code"])
          const match = yield* http(mentoring.accept(path.matchId, code))
          return new Api.MatchAnswered({ matchId: match.id, status: "Active", text: accepted })
        }))
      .handle("declineMatch", ({ headers, path, payload, request }) =>
        Effect.gen(function*() {
          const code = yield* matchCode(request, payload.code, headers["x-match-code"])
          yield* http(mentoring.decline(path.matchId, code))
          // Whether another mentor was proposed is not the declining mentor's business.
          return new Api.MatchAnswered({ matchId: path.matchId, status: "Declined", text: declined })
        }))
      .handle("endMatch", ({ headers, path, payload, request }) =>
        Effect.gen(function*() {
          const code = yield* matchCode(request, payload.code, headers["x-match-code"])
          yield* http(mentoring.end(path.matchId, code, payload.feedback))
          const match = yield* http(mentoring.getMatch(path.matchId))
          const by = match.status._tag === "Ended" ? match.status.by : "mentor"
          return new Api.MatchAnswered({ matchId: path.matchId, status: "Ended", text: endedFor(by) })
        }))
  }))
