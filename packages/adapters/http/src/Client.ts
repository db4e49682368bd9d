/**
 * A typed client of the {@link Api}, derived from the contract: every
 * endpoint is a function with typed path, payload, success and errors.
 *
 * @since 0.2.0
 */
import type * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import { Api } from "./Api.js"

/**
 * The client's type: `client.tracks.getTrack({ path: { trackId } })` and so on.
 *
 * @since 0.2.0
 * @category models
 */
export type Client = typeof Api extends HttpApi.HttpApi<infer _Id, infer Groups, infer ApiError, infer _R>
  ? HttpApiClient.Client<Groups, ApiError, never>
  : never

/**
 * Makes a client for a server at `baseUrl`. With `organiserToken`, every
 * request carries it (`Authorization: Bearer …`), so that organiser
 * endpoints can be called; without it, only public endpoints succeed.
 *
 * Needs an `HttpClient` (for example `FetchHttpClient.layer` or
 * `NodeHttpClient.layerUndici`).
 *
 * @example
 * ```ts
 * // with Effect, FetchHttpClient and this package's Client
 * const program = Effect.gen(function*() {
 *   const client = yield* Client.makeClient({ baseUrl: "http://localhost:3000" })
 *   return yield* client.regions.listRegions()
 * }).pipe(Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeClient = (options: {
  readonly baseUrl: string | URL
  readonly organiserToken?: string | Redacted.Redacted | undefined
}): Effect.Effect<Client, never, HttpClient.HttpClient> => {
  const token = options.organiserToken
  return HttpApiClient.make(Api, {
    baseUrl: options.baseUrl,
    ...(token === undefined
      ? {}
      : { transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken(token)) })
  })
}
