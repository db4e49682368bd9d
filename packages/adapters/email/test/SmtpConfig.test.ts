import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { SmtpConfig, Templates } from "../src/index.js"

const read = (env: Record<string, string>) =>
  Effect.either(SmtpConfig.config).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

const FROM = "\"Het goede gesprek\" <noreply@example.org>"

describe("SmtpConfig", () => {
  it.effect("needs only the sender; the rest has defaults", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(yield* read({ PLEEGZORG_MAIL_FROM: FROM }))
      expect(config.from).toBe(FROM)
      const resolved = SmtpConfig.resolve(config)
      expect([resolved.host, resolved.port, resolved.secure, Option.isNone(resolved.auth)]).toEqual([
        "127.0.0.1",
        25,
        false,
        true
      ])
    }))

  it.effect("picks 587 for a login and 465 for TLS from the start, unless a port is given", () =>
    Effect.gen(function*() {
      const login = Either.getOrThrow(
        yield* read({ PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_USER: "mailer", PLEEGZORG_SMTP_PASSWORD: "s3cret" })
      )
      expect(SmtpConfig.resolve(login).port).toBe(587)
      const tls = Either.getOrThrow(yield* read({ PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_SECURE: "true" }))
      expect(SmtpConfig.resolve(tls).port).toBe(465)
      const given = Either.getOrThrow(
        yield* read({ PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_SECURE: "true", PLEEGZORG_SMTP_PORT: "2465" })
      )
      expect(SmtpConfig.resolve(given).port).toBe(2465)
    }))

  it.effect("treats a variable that is set but empty as not set", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(
        yield* read({ PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_USER: "", PLEEGZORG_MAIL_REPLY_TO: " " })
      )
      expect([config.user, config.replyTo, SmtpConfig.resolve(config).port]).toEqual([undefined, undefined, 25])
      const options = yield* Templates.config.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["PLEEGZORG_PUBLIC_URL", ""]])))
      )
      expect(options).toEqual({})
      const both = yield* Templates.config.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([
          ["PLEEGZORG_PUBLIC_URL", "https://pleegzorg.example.org"],
          ["PLEEGZORG_MAIL_CONTACT", " pleegzorg@example.org of 024 123 45 67 "]
        ])))
      )
      expect(both).toEqual({ publicUrl: "https://pleegzorg.example.org", contact: "pleegzorg@example.org of 024 123 45 67" })
    }))

  it.effect("keeps the password redacted", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(
        yield* read({ PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_USER: "mailer", PLEEGZORG_SMTP_PASSWORD: "s3cret" })
      )
      expect(Redacted.value(config.password!)).toBe("s3cret")
      expect(String(config.password)).not.toContain("s3cret")
      expect(JSON.stringify(config)).not.toContain("s3cret")
    }))

  it.effect("refuses a missing sender, a bad port, and a password without a user", () =>
    Effect.gen(function*() {
      const problems = [
        {},
        { PLEEGZORG_MAIL_FROM: "noreply" },
        { PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_PORT: "70000" },
        { PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_PORT: "smtp" },
        { PLEEGZORG_MAIL_FROM: FROM, PLEEGZORG_SMTP_PASSWORD: "s3cret" }
      ]
      for (const env of problems) {
        const result = yield* read(env)
        expect(Either.isLeft(result), JSON.stringify(env)).toBe(true)
        if (Either.isLeft(result)) expect(String(result.left)).not.toContain("s3cret")
      }
    }))

  it.effect("reads the public address for withdraw links, when there is one", () =>
    Effect.gen(function*() {
      const withUrl = yield* Templates.config.pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["PLEEGZORG_PUBLIC_URL", "https://pleegzorg.example.org"]]))
        )
      )
      expect(withUrl).toEqual({ publicUrl: "https://pleegzorg.example.org" })
      const without = yield* Templates.config.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map())))
      expect(without).toEqual({})
      const bad = yield* Effect.either(
        Templates.config.pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["PLEEGZORG_PUBLIC_URL", "pleegzorg.example.org"]])))
        )
      )
      expect(Either.isLeft(bad)).toBe(true)
    }))
})
