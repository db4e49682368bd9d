/**
 * How to reach the SMTP server, read from the environment with Effect
 * `Config`.
 *
 * | variable | default |
 * |---|---|
 * | `PLEEGZORG_SMTP_HOST` | `127.0.0.1` |
 * | `PLEEGZORG_SMTP_PORT` | 465 when secure, 587 with a user, else 25 |
 * | `PLEEGZORG_SMTP_SECURE` | `false` (TLS from the start; otherwise STARTTLS when offered) |
 * | `PLEEGZORG_SMTP_USER` | none |
 * | `PLEEGZORG_SMTP_PASSWORD` | none (read as `Redacted`) |
 * | `PLEEGZORG_MAIL_FROM` | required, e.g. `"Het goede gesprek" <noreply@example.org>` |
 * | `PLEEGZORG_MAIL_REPLY_TO` | none |
 *
 * @since 0.2.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import type * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"

/**
 * The settings of the SMTP mailer. Only `from` is required; see
 * {@link resolve} for the defaults.
 *
 * @since 0.2.0
 * @category models
 */
export interface SmtpConfig {
  /** Host name or address of the SMTP server; default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 465 when `secure`, 587 when a user is set, else 25. */
  readonly port?: number | undefined
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  readonly secure?: boolean | undefined
  readonly user?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
  /** The sender, `"Het goede gesprek" <noreply@example.org>` or a bare address. */
  readonly from: string
  /** Where replies go, if not to `from`. */
  readonly replyTo?: string | undefined
  /** How long to wait for a connection, the greeting and each reply; default 10 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * The port used when none is configured: 465 for implicit TLS, 587 (mail
 * submission) when logging in, and 25 for a relay without login (a local
 * Postfix, say).
 *
 * @since 0.2.0
 * @category getters
 */
export const defaultPort = (config: Pick<SmtpConfig, "secure" | "user">): number =>
  config.secure === true ? 465 : config.user !== undefined ? 587 : 25

// An optional setting; set but empty (`PLEEGZORG_SMTP_USER=` in an env file) counts as not set.
const optional = (name: string) =>
  Config.option(Config.string(name)).pipe(Config.map(Option.filter((s) => s.trim() !== "")))

const looksLikeAddress = (text: string) => /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(text)

/**
 * The SMTP settings from the environment (see the table above). Fails with a
 * `ConfigError` when `PLEEGZORG_MAIL_FROM` is missing or holds no address,
 * when a port is not a number from 1 to 65535, or when a password comes
 * without a user.
 *
 * @since 0.2.0
 * @category config
 */
export const config: Config.Config<SmtpConfig> = Config.all({
  host: Config.string("PLEEGZORG_SMTP_HOST").pipe(Config.withDefault("127.0.0.1")),
  port: Config.option(
    Config.integer("PLEEGZORG_SMTP_PORT").pipe(
      Config.validate({ message: "Expected a port from 1 to 65535", validation: (n) => n >= 1 && n <= 65535 })
    )
  ),
  secure: Config.boolean("PLEEGZORG_SMTP_SECURE").pipe(Config.withDefault(false)),
  user: optional("PLEEGZORG_SMTP_USER"),
  password: Config.option(Config.redacted("PLEEGZORG_SMTP_PASSWORD")),
  from: Config.nonEmptyString("PLEEGZORG_MAIL_FROM").pipe(
    Config.validate({ message: "Expected a sender with an email address", validation: looksLikeAddress })
  ),
  replyTo: optional("PLEEGZORG_MAIL_REPLY_TO").pipe(
    Config.validate({
      message: "Expected an email address",
      validation: Option.match({ onNone: () => true, onSome: looksLikeAddress })
    })
  )
}).pipe(
  Config.mapOrFail((c) =>
    Option.isSome(c.password) && Option.isNone(c.user)
      ? Either.left(
        ConfigError.InvalidData(["PLEEGZORG_SMTP_PASSWORD"], "A password needs PLEEGZORG_SMTP_USER as well")
      )
      : Either.right<SmtpConfig>({
        host: c.host,
        port: Option.getOrUndefined(c.port),
        secure: c.secure,
        user: Option.getOrUndefined(c.user),
        password: Option.getOrUndefined(c.password),
        from: c.from,
        replyTo: Option.getOrUndefined(c.replyTo)
      })
  )
)

/**
 * A configuration with every default filled in.
 *
 * @since 0.2.0
 * @category models
 */
export interface Resolved {
  readonly host: string
  readonly port: number
  readonly secure: boolean
  readonly auth: Option.Option<{ readonly user: string; readonly password: Option.Option<Redacted.Redacted<string>> }>
  readonly from: string
  readonly replyTo: Option.Option<string>
  readonly timeout: Duration.DurationInput
}

/**
 * Fills in the defaults.
 *
 * @since 0.2.0
 * @category constructors
 */
export const resolve = (config: SmtpConfig): Resolved => ({
  host: config.host ?? "127.0.0.1",
  port: config.port ?? defaultPort(config),
  secure: config.secure ?? false,
  auth: config.user === undefined
    ? Option.none()
    : Option.some({ user: config.user, password: Option.fromNullable(config.password) }),
  from: config.from,
  replyTo: Option.fromNullable(config.replyTo),
  timeout: config.timeout ?? "10 seconds"
})
