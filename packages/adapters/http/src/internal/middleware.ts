import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiError from "@effect/platform/HttpApiError"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpMethod from "@effect/platform/HttpMethod"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Api from "../Api.js"
import * as ApiError from "../ApiError.js"
import {
  badRequestOfDecodeError,
  internalServerError,
  malformedJson,
  payloadTooLarge,
  routeNotFound,
  unsupportedMediaType,
  unsupportedMediaTypeCsv
} from "./errors.js"

// Endpoints whose body is not JSON, by method and path, with the media type
// they take. Every other body must be JSON.
const textBodies: ReadonlyMap<string, string> = new Map([["POST /regional-figures", "text/csv"]])

const textBodyOf = (request: HttpServerRequest.HttpServerRequest): string | undefined => {
  let path: string
  try {
    path = new URL(request.url, "http://localhost").pathname
  } catch {
    return undefined
  }
  return textBodies.get(`${request.method} ${path}`)
}

// A body sent without a length (chunked) is read here, up to `limit` bytes.
// Past the limit the rest is read and dropped, so that the client gets its
// 413 instead of a reset connection; past `drainLimit` the connection is cut.
const readUnsized = (request: HttpServerRequest.HttpServerRequest, limit: number, drainLimit: number) =>
  Effect.gen(function*() {
    const chunks: Array<Uint8Array> = []
    let size = 0
    yield* Stream.runForEachWhile(request.stream, (chunk) =>
      Effect.sync(() => {
        size += chunk.length
        if (size <= limit) chunks.push(chunk)
        return size <= drainLimit
      }))
    if (size > limit) return Option.none()
    const body = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    return Option.some(body)
  })

// The request with its body already read: the platform's decoders read it
// from here instead of from the (consumed) socket.
const withBody = (request: HttpServerRequest.HttpServerRequest, body: Uint8Array): HttpServerRequest.HttpServerRequest => {
  const text = new TextDecoder().decode(body)
  const decodeError = (cause: unknown) => new HttpServerError.RequestError({ request, reason: "Decode", cause })
  return Object.create(request, {
    text: { value: Effect.succeed(text) },
    json: { value: Effect.try({ try: () => (text === "" ? null : JSON.parse(text)) as unknown, catch: decodeError }) },
    urlParamsBody: {
      value: Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: decodeError })
    },
    arrayBuffer: { value: Effect.sync(() => body.slice().buffer) },
    stream: { value: Stream.succeed(body) }
  }) as HttpServerRequest.HttpServerRequest
}

const json = <A, I>(schema: Schema.Schema<A, I>, value: A, status: number) =>
  HttpServerResponse.unsafeJson(Schema.encodeSync(schema)(value), { status })

// What the platform reports when reading the body goes wrong: it dies with a
// RequestError ("Decode"), whose cause says whether the body was too large.
const bodyProblem = (defect: unknown, limit: number) => {
  if (!HttpServerError.isServerError(defect) || defect._tag !== "RequestError" || defect.reason !== "Decode") {
    return undefined
  }
  const cause = (defect as { readonly cause?: unknown }).cause
  return cause instanceof Error && cause.message === "maxBytes exceeded" ? payloadTooLarge(limit) : malformedJson()
}

/**
 * Makes every client mistake a 4xx with a JSON body, and every bug a 500
 * with a body that tells nothing:
 *
 * - a body that is not JSON: 415 (for `POST /regional-figures`: a body that
 *   is not CSV);
 * - a body above `limit` bytes: 413, before it is read when the request says
 *   its length;
 * - a path or body that does not decode: 400 with the issues (instead of the
 *   platform's English-only `HttpApiDecodeError`);
 * - malformed JSON: 400 (the platform treats it as a defect);
 * - a path no endpoint has: 404;
 * - anything else unexpected: 500, logged without details that could hold
 *   personal data.
 */
export const layerErrors = (limit: number): Layer.Layer<never> =>
  HttpApiBuilder.middleware(Api.Api, (app) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const declared = request.headers["content-length"]
      const contentType = request.headers["content-type"]
      const textBody = textBodyOf(request)
      if (textBody !== undefined) {
        if (contentType === undefined || contentType.toLowerCase().split(";")[0]!.trim() !== textBody) {
          return yield* Effect.fail(unsupportedMediaTypeCsv())
        }
      } else if (
        HttpMethod.hasBody(request.method) && declared !== "0" && contentType !== undefined &&
        !contentType.toLowerCase().includes("json")
      ) {
        return yield* Effect.fail(unsupportedMediaType())
      }
      if (declared !== undefined) {
        // Refused before a byte of the body is read.
        if (Number(declared) > limit) return yield* Effect.fail(payloadTooLarge(limit))
        return yield* app
      }
      if (!HttpMethod.hasBody(request.method)) return yield* app
      const body = yield* Effect.orDie(readUnsized(request, limit, limit * 16))
      if (Option.isNone(body)) return yield* Effect.fail(payloadTooLarge(limit))
      return yield* Effect.provideService(app, HttpServerRequest.HttpServerRequest, withBody(request, body.value))
    }).pipe(
      HttpIncomingMessage.withMaxBodySize(Option.some(limit)),
      Effect.catchAllCause((cause): Effect.Effect<HttpServerResponse.HttpServerResponse, unknown> => {
        const failure = Cause.failureOption(cause)
        if (Option.isSome(failure)) {
          const error: unknown = failure.value
          if (error instanceof HttpApiError.HttpApiDecodeError) return Effect.fail(badRequestOfDecodeError(error))
          if (HttpServerError.isServerError(error) && error._tag === "RouteNotFound") {
            return Effect.succeed(json(ApiError.NotFound, routeNotFound(), 404))
          }
          // Declared errors: HttpApiBuilder encodes them with their status.
          return Effect.failCause(cause)
        }
        const defect = Cause.dieOption(cause)
        if (Option.isSome(defect)) {
          const problem = bodyProblem(defect.value, limit)
          if (problem !== undefined) return Effect.fail(problem)
          const kind = defect.value instanceof Error ? defect.value.name : typeof defect.value
          return Effect.logError("unexpected defect").pipe(
            Effect.annotateLogs({ kind }),
            Effect.as(json(ApiError.InternalServerError, internalServerError(), 500))
          )
        }
        return Effect.failCause(cause)
      })
    ) as Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest>)
