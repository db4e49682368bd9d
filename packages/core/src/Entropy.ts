/**
 * Randomness for ids and personal tokens, behind a port so that tests can
 * make it repeatable. The default uses the platform's cryptographic random
 * source (`crypto.getRandomValues`).
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { sha256Hex } from "./internal/sha256.js"

interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T
}
const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto

/**
 * @since 0.2.0
 * @category ports
 */
export class Entropy extends Context.Tag("@pleegzorg/core/Entropy")<
  Entropy,
  { readonly randomBytes: (length: number) => Effect.Effect<Uint8Array> }
>() {}

/**
 * Cryptographically strong randomness: the default.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerCrypto: Layer.Layer<Entropy> = Layer.succeed(Entropy, {
  randomBytes: (length) => Effect.sync(() => webCrypto().getRandomValues(new Uint8Array(length)))
})

/**
 * Repeatable randomness from a seed, for tests and demos. Never in
 * production: tokens made with it can be guessed.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSeeded = (seed: number): Layer.Layer<Entropy> =>
  Layer.sync(Entropy, () => {
    // splitmix32: small, fast and good enough to be unpredictable-looking in tests
    let state = seed >>> 0
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    return {
      randomBytes: (length) =>
        Effect.sync(() => {
          const bytes = new Uint8Array(length)
          for (let i = 0; i < length; i++) bytes[i] = next() & 0xff
          return bytes
        })
    }
  })

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

/**
 * A new id: the prefix, `_`, and 20 random lowercase letters or digits
 * (about 103 bits).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeId = <P extends string>(prefix: P): Effect.Effect<`${P}_${string}`, never, Entropy> =>
  Effect.map(Entropy.pipe(Effect.flatMap((e) => e.randomBytes(20))), (bytes) => {
    let id = ""
    // 252 is the largest multiple of 36 below 256; the small bias left is harmless for ids
    for (const byte of bytes) id += alphabet[byte % 36]
    return `${prefix}_${id}` as const
  })

/**
 * A new personal token: 32 random bytes, base64url (43 characters).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeToken: Effect.Effect<string, never, Entropy> = Effect.map(
  Entropy.pipe(Effect.flatMap((e) => e.randomBytes(32))),
  (bytes) => base64Url(bytes)
)

const base64Url = (bytes: Uint8Array): string => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
  let out = ""
  let i = 0
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]! + chars[(n >> 6) & 63]! + chars[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]! + chars[(n >> 6) & 63]!
  }
  return out
}

/**
 * The SHA-256 of a token, hex: what storage keeps instead of the token.
 * For ASCII text only (tokens are base64url), whose characters are their
 * bytes; other characters are cut to their low byte.
 *
 * @since 0.2.0
 * @category utils
 */
export const hashToken = (token: string): Effect.Effect<string> => Effect.sync(() => sha256Hex(token))
