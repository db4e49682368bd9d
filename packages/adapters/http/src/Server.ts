/**
 * The server: the {@link Api} with its handlers, the organiser middleware,
 * the OpenAPI document (`GET /openapi.json`), a documentation page
 * (`GET /docs`), the withdraw page (`GET /afmelden`), the questionnaire
 * page (`GET /vragenlijst`) and the match page (`GET /koppeling`), and a
 * Node HTTP server to run it on.
 *
 * The handlers use the core services `Tracks`, `Registrations`, `Surveys`,
 * `Agendas`, `Mentoring` and `Geography`; this package does not provide them (nor their storage),
 * so that the application chooses its storage.
 *
 * Nothing here logs requests, bodies, tokens or other personal data.
 *
 * @since 0.2.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiScalar from "@effect/platform/HttpApiScalar"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { Agendas, Geography, Mentoring, Registrations, Surveys, Tracks } from "@pleegzorg/core"
import { createServer } from "node:http"
import * as Authorization from "./Authorization.js"
import * as MatchPage from "./MatchPage.js"
import * as SurveyPage from "./SurveyPage.js"
import * as WithdrawPage from "./WithdrawPage.js"
import {
  AgendasLive,
  AttendanceLive,
  MentoringLive,
  RegionsLive,
  RegistrationsLive,
  SurveysLive,
  TracksLive
} from "./internal/handlers.js"
import { layerErrors } from "./internal/middleware.js"
import { Api } from "./Api.js"

/**
 * The largest request body accepted by default: 64 KiB. A sign-up is well
 * under 1 KiB; a list of invitations holds about a thousand people.
 *
 * @since 0.2.0
 * @category constants
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/**
 * What the handlers need: the core services.
 *
 * @since 0.2.0
 * @category models
 */
export type Services =
  | Tracks.Tracks
  | Registrations.Registrations
  | Surveys.Surveys
  | Agendas.Agendas
  | Mentoring.Mentoring
  | Geography.Geography

/**
 * Options for {@link layerWith}.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** The largest request body, in bytes (default {@link DEFAULT_MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number | undefined
  /** The organiser middleware (default {@link Authorization.layer}: the token from configuration). */
  readonly authorization?: Layer.Layer<Authorization.Authorization, ConfigError.ConfigError> | undefined
  /** Where the documentation page is served (default `/docs`). */
  readonly docsPath?: `/${string}` | undefined
}

/**
 * The API with its handlers, the organiser middleware, the error handling,
 * `GET /openapi.json`, `GET /docs`, `GET /afmelden`, `GET /vragenlijst` and `GET /koppeling`. Serve it with
 * `HttpApiBuilder.serve()` on an `HttpServer`, or use {@link layerServer}.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerWith = (
  options: Options = {}
): Layer.Layer<HttpApi.Api, ConfigError.ConfigError, Services> => {
  // Provide the middleware after the group layers: they require it.
  const api = HttpApiBuilder.api(Api).pipe(
    Layer.provide([RegionsLive, TracksLive, RegistrationsLive, AttendanceLive, SurveysLive, AgendasLive, MentoringLive]),
    Layer.provide(options.authorization ?? Authorization.layer)
  )
  return Layer.mergeAll(
    HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" }),
    HttpApiScalar.layer({ path: options.docsPath ?? "/docs", scalar: { withDefaultFonts: false } }),
    WithdrawPage.layer(),
    SurveyPage.layer(),
    MatchPage.layer(),
    layerErrors(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
  ).pipe(Layer.provideMerge(api))
}

/**
 * {@link layerWith} with the defaults: the organiser token from the
 * configuration value `PLEEGZORG_ORGANISER_TOKEN`, bodies up to 64 KiB,
 * docs at `/docs`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<HttpApi.Api, ConfigError.ConfigError, Services> = layerWith()

/**
 * The headers that carry a personal code: the survey invitation's and the
 * match's. Added to the platform's redacted headers (next to
 * `authorization` and `cookie`), so that a tracer that records request
 * headers records `<redacted>` for them.
 *
 * @since 0.4.0
 * @category constants
 */
export const codeHeaders: ReadonlyArray<string> = ["x-invitation-token", "x-match-code"]

/**
 * Serves `server` (for example `HttpApiBuilder.serve()` with this API) with
 * {@link codeHeaders} redacted in traces. {@link layerServer} does this;
 * wrap your own server layer with it when you serve the API yourself.
 *
 * @since 0.4.0
 * @category layers
 */
export const redactingCodes = <A, E, R>(server: Layer.Layer<A, E, R>): Layer.Layer<A, E, R> =>
  // Set for the rest of the building scope, so that the server fiber (and
  // every request fiber it forks) inherits it.
  Layer.provide(server, Layer.scopedDiscard(Effect.locallyScopedWith(Headers.currentRedactedNames, (names) => [...names, ...codeHeaders])))

/**
 * Options for {@link layerServer}.
 *
 * @since 0.2.0
 * @category models
 */
export interface ServerOptions extends Options {
  /** The port to listen on; `0` picks a free one. */
  readonly port: number
  /** The host to listen on (default: every interface). */
  readonly host?: string | undefined
}

/**
 * A Node HTTP server with the API, listening on `port`, with the personal
 * codes redacted in traces ({@link redactingCodes}). Logs the address it
 * listens on, nothing else.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerServer = (
  options: ServerOptions
): Layer.Layer<never, ConfigError.ConfigError | HttpServerError.ServeError, Services> =>
  redactingCodes(HttpApiBuilder.serve().pipe(
    HttpServer.withLogAddress,
    Layer.provide(layerWith(options)),
    Layer.provide(NodeHttpServer.layer(createServer, {
      port: options.port,
      ...(options.host === undefined ? {} : { host: options.host })
    }))
  ))

/**
 * Runs {@link layerServer} until interrupted.
 *
 * @example
 * ```ts
 * // with Agendas, Geography, MemoryStorage, Mentoring, Entropy, Registrations, Surveys and Tracks of @pleegzorg/core
 * Server.serve({ port: 3000 }).pipe(
 *   Effect.provide(Layer.mergeAll(Agendas.Agendas.Default, Mentoring.Mentoring.Default)),
 *   Effect.provide(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default)),
 *   Effect.provide(Layer.mergeAll(MemoryStorage.layer, Entropy.layerCrypto, Geography.Geography.Default)),
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @since 0.2.0
 * @category running
 */
export const serve = (
  options: ServerOptions
): Effect.Effect<never, ConfigError.ConfigError | HttpServerError.ServeError, Services> =>
  Layer.launch(layerServer(options))
