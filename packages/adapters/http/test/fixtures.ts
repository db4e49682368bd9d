/**
 * A real server on a free port with the core services over memory storage,
 * a clock the tests can move, and helpers to call it.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Headers from "@effect/platform/Headers"
import type * as HttpMethod from "@effect/platform/HttpMethod"
import * as HttpServer from "@effect/platform/HttpServer"
import { expect, it } from "@effect/vitest"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Clock from "effect/Clock"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import {
  Agendas,
  AgendaStorage,
  Entropy,
  Geography,
  MatchingStorage,
  MemoryStorage,
  Mentoring,
  Outbox,
  type Region,
  Registrations,
  Storage,
  Surveys,
  SurveyStorage,
  Tracks
} from "@pleegzorg/core"
import { Authorization, Server } from "@pleegzorg/http"

export const TOKEN = "organiser-token-for-the-tests-0123456789"
export const WRONG_TOKEN = "organiser-token-for-the-tests-0123456780"

// -----------------------------------------------------------------------------
// time
// -----------------------------------------------------------------------------

/** Moves the server's clock: `travel(ms)` adds to the wall clock. */
export class TestTime extends Context.Tag("test/TestTime")<TestTime, {
  readonly travel: (duration: Duration.DurationInput) => Effect.Effect<void>
}>() {}

const timeLayer = Layer.unwrapEffect(Effect.sync(() => {
  let offset = 0
  const live = Clock.make()
  const millis = () => live.unsafeCurrentTimeMillis() + offset
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: millis,
    currentTimeMillis: Effect.sync(millis),
    unsafeCurrentTimeNanos: () => live.unsafeCurrentTimeNanos() + BigInt(offset) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => live.unsafeCurrentTimeNanos() + BigInt(offset) * 1_000_000n),
    sleep: (duration) => live.sleep(duration)
  }
  return Layer.merge(
    Layer.setClock(clock),
    Layer.succeed(TestTime, {
      travel: (duration) => Effect.sync(() => { offset += Duration.toMillis(duration) })
    })
  )
}))

// -----------------------------------------------------------------------------
// the server
// -----------------------------------------------------------------------------

const config = Layer.setConfigProvider(
  ConfigProvider.fromMap(new Map([[Authorization.TOKEN_CONFIG, TOKEN]]))
)

/** A fresh server with fresh memory storage, every time it is provided. */
export const TestServer: Layer.Layer<
  | HttpClient.HttpClient
  | HttpServer.HttpServer
  | Outbox.Outbox
  | Storage.TrackRepository
  | Storage.RegistrationRepository
  | SurveyStorage.SurveyRepository
  | SurveyStorage.InvitationRepository
  | SurveyStorage.AnswerRepository
  | SurveyStorage.ReleaseRepository
  | SurveyStorage.RegionalFigureRepository
  | AgendaStorage.AgendaRepository
  | MatchingStorage.ProspectRepository
  | MatchingStorage.MentorRepository
  | MatchingStorage.MatchRepository
  | MatchingStorage.MatchingRunRepository
  | TestTime,
  unknown
> = HttpApiBuilder.serve().pipe(
  Layer.provide(Server.layer),
  Layer.provide(Layer.mergeAll(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(
    Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default))
  )),
  Layer.provideMerge(Layer.mergeAll(MemoryStorage.layer, Entropy.layerSeeded(42), Geography.Geography.Default)),
  Layer.provide(config),
  Layer.provideMerge(NodeHttpServer.layerTest),
  Layer.provideMerge(timeLayer)
)

/**
 * What is stored, read past the API: the tracks of JZ32 and the
 * registrations of each. Used to check that a refused request stored nothing.
 */
export const stored = Effect.gen(function*() {
  const tracks = yield* Storage.TrackRepository
  const registrations = yield* Storage.RegistrationRepository
  const all = yield* tracks.listByRegion("JZ32" as Region.RegionCode)
  const perTrack = yield* Effect.forEach(all, (track) =>
    Effect.map(registrations.listByTrack(track.id), (list) => [track.id, list.map((r) => `${r.id}:${r.status._tag}`)] as const))
  return { tracks: all.map((t) => `${t.id}:${t.status._tag}:${t.version}`), registrations: Object.fromEntries(perTrack) }
})

/** The address of the running test server, for a typed client. */
export const baseUrl = HttpServer.addressFormattedWith((address) => Effect.succeed(address))

// -----------------------------------------------------------------------------
// calls
// -----------------------------------------------------------------------------

export interface Reply {
  readonly status: number
  readonly headers: Headers.Headers
  readonly text: string
  readonly body: any
}

export interface CallOptions {
  /** Sent as JSON. */
  readonly body?: unknown
  /** Sent as is, with `contentType` (default application/json). */
  readonly raw?: string | Uint8Array
  readonly contentType?: string
  readonly token?: string
  readonly headers?: Record<string, string>
}

/** One request; never fails on a status. */
export const call = (method: HttpMethod.HttpMethod, path: string, options: CallOptions = {}) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(path)
    if (options.token !== undefined) request = HttpClientRequest.bearerToken(request, options.token)
    if (options.headers !== undefined) request = HttpClientRequest.setHeaders(request, options.headers)
    if (options.body !== undefined) request = HttpClientRequest.bodyUnsafeJson(request, options.body)
    if (typeof options.raw === "string") {
      request = HttpClientRequest.bodyText(request, options.raw, options.contentType ?? "application/json")
    } else if (options.raw !== undefined) {
      request = HttpClientRequest.bodyUint8Array(request, options.raw, options.contentType ?? "application/json")
    }
    const response = yield* client.execute(request)
    const text = yield* response.text
    let body: unknown = undefined
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: response.status, headers: response.headers, text, body } as Reply
  })

/** The same, as an organiser. */
export const organiser = (method: HttpMethod.HttpMethod, path: string, options: CallOptions = {}) =>
  call(method, path, { ...options, token: TOKEN })

// -----------------------------------------------------------------------------
// the organiser role
// -----------------------------------------------------------------------------

/** A 401 in JSON with the Bearer challenge and `code`, in Dutch and English. */
export const expectUnauthorized = (
  reply: { status: number; headers: Record<string, string>; body: any },
  code: string
) => {
  expect(reply.status).toBe(401)
  expect(reply.headers["content-type"]).toContain("application/json")
  expect(reply.headers["www-authenticate"]).toMatch(/^Bearer/)
  expect(reply.body).toMatchObject({ _tag: "Unauthorized", code })
  expect(reply.body.text.nl).toMatch(/organisator/)
  expect(reply.body.text.en).toMatch(/organiser/)
}

/**
 * Registers the three ways to lack the organiser's token as tests: none, a
 * wrong one, the right one in another scheme. Each must be a 401 that
 * stores nothing: `send` makes the call with the token and headers given,
 * and returns the reply with what is stored before and after it.
 */
export const refusesWithoutTheRightToken = <E>(
  send: (
    token: string | undefined,
    headers?: Record<string, string>
  ) => Effect.Effect<
    { readonly reply: Parameters<typeof expectUnauthorized>[0]; readonly before: unknown; readonly after: unknown },
    E,
    Layer.Layer.Success<typeof TestServer>
  >
) => {
  const refuses = (name: string, code: string, token: string | undefined, headers?: Record<string, string>) =>
    it.live(name, () =>
      Effect.gen(function*() {
        const { after, before, reply } = yield* send(token, headers)
        expectUnauthorized(reply, code)
        expect(after).toEqual(before)
      }).pipe(Effect.provide(TestServer)))
  refuses("refuses a request without a token with 401 and stores nothing", "MissingToken", undefined)
  refuses("refuses a wrong token with 401 and stores nothing", "InvalidToken", WRONG_TOKEN)
  refuses("refuses the right token in another scheme than Bearer with 401 and stores nothing", "InvalidToken", undefined, {
    authorization: `Basic ${TOKEN}`
  })
}

// -----------------------------------------------------------------------------
// data
// -----------------------------------------------------------------------------

const DAY = 24 * 60 * 60 * 1000

/** A calendar day `days` from now (UTC). */
export const dayFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

/** Session 1 is a year ahead, so that the wall clock never catches up. */
export const firstDay = dayFromNow(365)

/** A birth date that makes someone `years` old (and a month) on `day`. */
export const birthDateFor = (years: number, day: string = firstDay): string => {
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCFullYear(date.getUTCFullYear() - years)
  return new Date(date.getTime() - 30 * DAY).toISOString().slice(0, 10)
}

export const place = { name: "Buurthuis De Ster", address: "Hoofdstraat 1, Nijmegen" }

/** A track from the built-in template in Rijk van Nijmegen (JZ32). */
export const fromTemplate = {
  template: "goede-gesprek",
  region: "JZ32",
  phase: "pilot",
  sessions: [
    { date: firstDay, place },
    { date: dayFromNow(379), place },
    { date: dayFromNow(393), place }
  ]
}

/** A track with everything spelled out. */
export const createTrack = {
  region: "JZ32",
  phase: "rollout",
  title: { nl: "Het goede gesprek", en: "The good conversation" },
  introduction: { nl: "Drie bijeenkomsten.", en: "Three sessions." },
  composition: {
    groups: {
      FosterParent: { minimum: 1, maximum: 8 },
      FosterChild: { minimum: 0, maximum: 4 },
      OwnChild: { minimum: 0, maximum: 3 },
      Parent: { minimum: 0, maximum: 4 },
      CareWorker: { minimum: 0, maximum: 5 },
      PolicyMaker: { minimum: 0, maximum: 3 }
    },
    maximum: 24
  },
  sessions: [
    { date: firstDay, startTime: "16:00", endTime: "18:30", place },
    { date: dayFromNow(379), place, startTime: "16:00", endTime: "20:30" },
    { period: "eind maart 2099", place }
  ]
}

/** A foster parent from Nijmegen (GM0268, in JZ32). */
export const fosterParent = (email = "anna@example.nl") => ({
  name: "Anna de Vries",
  email,
  group: "FosterParent",
  municipality: "GM0268",
  availableForAllSessions: true
})

/** A foster child of `years` on the day of session 1. */
export const fosterChild = (years: number, email = "sem@example.nl") => ({
  name: "Sem",
  email,
  group: "FosterChild",
  municipality: "GM0268",
  birthDate: birthDateFor(years),
  availableForAllSessions: true
})

/** Creates a track from the template and opens it; returns its id. */
export const openTrack = Effect.gen(function*() {
  const created = yield* organiser("POST", "/tracks/from-template", { body: fromTemplate })
  if (created.status !== 201) return yield* Effect.dieMessage(`create: ${created.status} ${created.text}`)
  const opened = yield* organiser("POST", `/tracks/${created.body.id}/status`, { body: { _tag: "Open" } })
  if (opened.status !== 200) return yield* Effect.dieMessage(`open: ${opened.status} ${opened.text}`)
  return created.body.id as string
})

/**
 * Registers someone (public) and expects 202; returns their registration as
 * the organiser sees it (the public answer does not show it).
 */
export const registered = (trackId: string, body: { readonly email: string }) =>
  Effect.gen(function*() {
    const reply = yield* call("POST", `/tracks/${trackId}/registrations`, { body })
    if (reply.status !== 202) return yield* Effect.dieMessage(`register: ${reply.status} ${reply.text}`)
    const list = yield* organiser("GET", `/tracks/${trackId}/registrations`)
    const found = (list.body as Array<{ id: string; email: string; status: { _tag: string } }>)
      .find((r) => r.email === body.email.trim().toLowerCase())
    if (found === undefined) return yield* Effect.dieMessage("register: not in the organiser's list")
    return found
  })

/** The personal token that went out to `email` (read from the outbox). */
export const tokenFor = (email: string): Effect.Effect<string, Storage.StorageError, Outbox.Outbox> =>
  Effect.gen(function*() {
    const outbox = yield* Outbox.Outbox
    const entries = yield* outbox.claim({
      now: DateTime.unsafeMake(Date.now() + 1000 * DAY),
      limit: 1000,
      lease: Duration.seconds(1)
    })
    const found = entries.find((entry) =>
      entry.event.recipient.email === email && "token" in entry.event && entry.event.token !== undefined
    )
    return Option.fromNullable(found).pipe(
      Option.map((entry) => (entry.event as { token: string }).token),
      Option.getOrThrowWith(() => new Error(`no token for ${email}`))
    )
  })

// -----------------------------------------------------------------------------
// surveys
// -----------------------------------------------------------------------------

/**
 * What is stored of the surveys of JZ32, read past the API: per survey its
 * status, version and review decisions, its invitations (used or not, and
 * reminded), the ids of its answers and of its releases in the ledger; and
 * the regional figures. Used to check that a refused request stored nothing.
 */
export const storedSurveys = Effect.gen(function*() {
  const surveys = yield* SurveyStorage.SurveyRepository
  const invitations = yield* SurveyStorage.InvitationRepository
  const answers = yield* SurveyStorage.AnswerRepository
  const releases = yield* SurveyStorage.ReleaseRepository
  const tracks = yield* (yield* Storage.TrackRepository).listByRegion("JZ32" as Region.RegionCode)
  const all = (yield* Effect.forEach(tracks, (track) => surveys.listByTrack(track.id))).flat()
  const perSurvey = yield* Effect.forEach(all, (survey) =>
    Effect.gen(function*() {
      const invited = yield* invitations.listBySurvey(survey.id)
      return [survey.id, {
        survey: `${survey.status._tag}:${survey.version}:${survey.openAnswers.map((i) => i.decision).join(",")}`,
        invitations: invited.map((i) => `${i.id}:${i.used}:${i.reminders}`),
        answers: (yield* answers.coverage(survey.id)).map((a) => a.id),
        releases: (yield* releases.list(survey.id)).map((r) => r.releaseId)
      }] as const
    }))
  const figures = yield* (yield* SurveyStorage.RegionalFigureRepository).listByArea("JZ32")
  return { surveys: Object.fromEntries(perSurvey), figures: figures.map((f) => `${f.indicator}:${f.period}:${f.value}`) }
})

/** Creates a survey of a new track (default questionnaires); returns its id. */
export const draftSurvey = Effect.gen(function*() {
  const trackId = yield* openTrack
  const created = yield* organiser("POST", `/tracks/${trackId}/surveys`, { body: {} })
  if (created.status !== 201) return yield* Effect.dieMessage(`create survey: ${created.status} ${created.text}`)
  return created.body.id as string
})

/** A draft survey, opened. */
export const openSurvey = Effect.gen(function*() {
  const surveyId = yield* draftSurvey
  const opened = yield* organiser("POST", `/surveys/${surveyId}/open`)
  if (opened.status !== 200) return yield* Effect.dieMessage(`open survey: ${opened.status} ${opened.text}`)
  return surveyId
})

/** `count` people of `audience` from Nijmegen, to invite. */
export const invitees = (count: number, audience: string, prefix: string = audience.toLowerCase()) =>
  Array.from({ length: count }, (_, i) => ({ email: `${prefix}${i}@example.org`, audience, municipality: "GM0268" }))

/**
 * The survey codes that went out by mail (invitations and reminders), per
 * address, taken out of the outbox.
 */
export const surveyCodes: Effect.Effect<Map<string, string>, Storage.StorageError, Outbox.Outbox> = Effect.gen(function*() {
  const outbox = yield* Outbox.Outbox
  const entries = yield* outbox.claim({
    now: DateTime.unsafeMake(Date.now() + 1000 * DAY),
    limit: 10_000,
    lease: Duration.seconds(1)
  })
  const codes = new Map<string, string>()
  for (const entry of entries) {
    const event = entry.event
    if (event._tag === "SurveyInvited" || event._tag === "SurveyReminded") {
      codes.set(event.recipient.email, event.token)
      yield* outbox.complete(event.id)
    }
  }
  return codes
})

/** An open survey with `count` foster families invited; returns its id and their codes. */
export const invitedSurvey = (count = 6) =>
  Effect.gen(function*() {
    const surveyId = yield* openSurvey
    const sent = yield* organiser("POST", `/surveys/${surveyId}/invitations`, {
      body: { invitees: invitees(count, "FosterFamily", "gezin") }
    })
    if (sent.status !== 200) return yield* Effect.dieMessage(`invite: ${sent.status} ${sent.text}`)
    const codes = yield* surveyCodes
    return { surveyId, codes: [...codes.values()] }
  })

/** A closed survey with `answering` of its `count` invited foster families answering. */
export const closedSurvey = (count = 6, answering = count) =>
  Effect.gen(function*() {
    const { codes, surveyId } = yield* invitedSurvey(count)
    for (const [i, token] of codes.slice(0, answering).entries()) {
      const reply = yield* call("POST", "/survey/answers", { body: { token, answers: { "gaat-goed": 1 + (i % 5) } } })
      if (reply.status !== 200) return yield* Effect.dieMessage(`answer: ${reply.status} ${reply.text}`)
    }
    const closed = yield* organiser("POST", `/surveys/${surveyId}/close`)
    if (closed.status !== 200) return yield* Effect.dieMessage(`close: ${closed.status} ${closed.text}`)
    return surveyId
  })
