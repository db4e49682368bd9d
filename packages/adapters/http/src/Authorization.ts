/**
 * The organiser role: a bearer token from configuration. Endpoints marked
 * with the {@link Authorization} middleware refuse a request without the
 * right token with `401` and a Dutch and English message.
 *
 * The token is compared in constant time (both sides are hashed with
 * SHA-256 first, so neither its content nor its length leaks through
 * timing), and it is never logged.
 *
 * @since 0.2.0
 */
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { LocalizedText } from "@pleegzorg/core"
import * as ApiError from "./ApiError.js"

/**
 * The name of the configuration value that holds the organiser token.
 *
 * @since 0.2.0
 * @category constants
 */
export const TOKEN_CONFIG = "PLEEGZORG_ORGANISER_TOKEN"

/**
 * The shortest organiser token the server accepts.
 *
 * @since 0.2.0
 * @category constants
 */
export const MINIMUM_TOKEN_LENGTH = 16

/**
 * The bearer scheme of organisers, as the OpenAPI document shows it.
 *
 * @since 0.2.0
 * @category security
 */
export const organiserBearer: HttpApiSecurity.Bearer = HttpApiSecurity.bearer.pipe(
  HttpApiSecurity.annotate(
    OpenApi.Description,
    "The organiser token (configuration PLEEGZORG_ORGANISER_TOKEN), sent as `Authorization: Bearer <token>`."
  )
)

/**
 * Marks an endpoint (or a group) as organiser only.
 *
 * @since 0.2.0
 * @category middleware
 */
export class Authorization extends HttpApiMiddleware.Tag<Authorization>()("@pleegzorg/http/Authorization", {
  failure: ApiError.Unauthorized,
  security: { organiser: organiserBearer }
}) {}

const missing = LocalizedText.make(
  "Dit kan alleen een organisator. Stuur het organisatortoken mee: Authorization: Bearer <token>.",
  "Only an organiser can do this. Send the organiser token: Authorization: Bearer <token>."
)

const invalid = LocalizedText.make(
  "Dit organisatortoken klopt niet.",
  "This organiser token is not valid."
)

interface SubtleCrypto {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>
}

const sha256 = (text: string): Effect.Effect<Uint8Array> =>
  Effect.promise(() =>
    (globalThis as unknown as { crypto: { subtle: SubtleCrypto } }).crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(text)
    )
  ).pipe(Effect.map((digest) => new Uint8Array(digest)))

/**
 * Whether two byte strings are equal, in time that depends only on their
 * lengths (which are fixed for digests).
 *
 * @since 0.2.0
 * @category utils
 */
export const constantTimeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i % Math.max(b.length, 1)] ?? 0)
  return difference === 0
}

const challenge = HttpApp.appendPreResponseHandler((_request, response) =>
  Effect.succeed(HttpServerResponse.setHeader(response, "www-authenticate", "Bearer realm=\"pleegzorg-organiser\""))
)

const refuse = (code: "MissingToken" | "InvalidToken") =>
  Effect.zipRight(
    challenge,
    Effect.fail(new ApiError.Unauthorized({ code, ...ApiError.describe(code === "MissingToken" ? missing : invalid) }))
  )

/**
 * The organiser token from configuration: a string of at least
 * {@link MINIMUM_TOKEN_LENGTH} characters.
 *
 * @since 0.2.0
 * @category config
 */
export const tokenConfig: Config.Config<Redacted.Redacted> = Config.redacted(TOKEN_CONFIG).pipe(
  Config.validate({
    message: `must be at least ${MINIMUM_TOKEN_LENGTH} characters long`,
    validation: (token) => Redacted.value(token).trim().length >= MINIMUM_TOKEN_LENGTH
  })
)

const longEnough = (config: Config.Config<Redacted.Redacted>) =>
  Config.validate(config, {
    message: `The organiser token must be at least ${MINIMUM_TOKEN_LENGTH} characters long`,
    validation: (token) => Redacted.value(token).trim().length >= MINIMUM_TOKEN_LENGTH
  })

/**
 * The middleware for a token read from `config` (default {@link tokenConfig}),
 * for example `Config.succeed(Redacted.make(token))`. A token shorter than
 * {@link MINIMUM_TOKEN_LENGTH} is refused with a `ConfigError`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerConfig = (
  config: Config.Config<Redacted.Redacted> = tokenConfig
): Layer.Layer<Authorization, ConfigError.ConfigError> =>
  Layer.effect(
    Authorization,
    Effect.gen(function*() {
      const expected = yield* sha256(Redacted.value(yield* longEnough(config)).trim())
      return Authorization.of({
        organiser: () =>
          Effect.gen(function*() {
            // Read the header ourselves: the scheme must be Bearer.
            const request = yield* HttpServerRequest.HttpServerRequest
            const header = request.headers["authorization"]
            if (header === undefined || header.trim() === "") return yield* refuse("MissingToken")
            const match = /^Bearer[ ]+(.+)$/i.exec(header.trim())
            const supplied = yield* sha256(match === null ? "" : match[1]!.trim())
            if (match === null || !constantTimeEqual(supplied, expected)) return yield* refuse("InvalidToken")
          })
      })
    })
  )

/**
 * The middleware, with the token from the configuration value
 * `PLEEGZORG_ORGANISER_TOKEN`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<Authorization, ConfigError.ConfigError> = layerConfig()
