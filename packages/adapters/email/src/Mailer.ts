/**
 * The `Mailer` port: sends one rendered mail, or says whether trying again
 * later can help. `layerSmtp` implements it over SMTP with nodemailer.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as ConfigError from "effect/ConfigError"
import * as nodemailer from "nodemailer"
import * as SmtpConfig from "./SmtpConfig.js"

/**
 * A file sent along with a mail.
 *
 * @since 0.2.0
 * @category models
 */
export interface Attachment {
  readonly filename: string
  readonly content: string
  readonly contentType: string
}

/**
 * A mail ready to send. The sender comes from the mailer's configuration.
 *
 * @since 0.2.0
 * @category models
 */
export interface Mail {
  /** The recipient; `name` is absent when the person gave none (a survey invitee or an action owner may have none). */
  readonly to: { readonly name?: string; readonly address: string }
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly attachments: ReadonlyArray<Attachment>
  /** `<evt_…@pleegzorg>`: the same event always gives the same Message-ID. */
  readonly messageId: string
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Sending failed.
 *
 * `transient` says whether the same mail may go through later: true for a
 * server that cannot be reached, a timeout, a 4xx reply, or a refusal that
 * is about the server or the configuration rather than this mail (login,
 * sender); false for a 5xx reply to this mail's recipient or content (for
 * example 550, unknown recipient). `code` says what happened without
 * personal data (`"ECONNREFUSED"`, `"SMTP 451 (RCPT TO)"`): it is what the
 * outbox keeps.
 *
 * @since 0.2.0
 * @category errors
 */
export class MailError extends Data.TaggedError("@pleegzorg/email/MailError")<{
  readonly transient: boolean
  readonly code: string
}> {
  override get message(): string {
    return `${this.transient ? "Transient" : "Permanent"} mail failure: ${this.code}`
  }
}

/**
 * @since 0.2.0
 * @category ports
 */
export class Mailer extends Context.Tag("@pleegzorg/email/Mailer")<
  Mailer,
  { readonly send: (mail: Mail) => Effect.Effect<void, MailError> }
>() {}

// -----------------------------------------------------------------------------
// SMTP
// -----------------------------------------------------------------------------

interface SmtpFailure {
  readonly code?: unknown
  readonly originalCode?: unknown
  readonly responseCode?: unknown
  readonly command?: unknown
}

// Refusals of the mail itself: its recipient (RCPT TO) or its content (DATA).
const MESSAGE_COMMANDS = new Set(["RCPT TO", "DATA"])
const KNOWN_COMMANDS = new Set(["CONN", "EHLO", "HELO", "LHLO", "STARTTLS", "MAIL FROM", "RCPT TO", "DATA", "RSET"])
// Refused before anything went over the wire, because of the mail itself.
const PERMANENT_CODES = new Set(["EENVELOPE", "EMESSAGE", "EMAXRECIPIENTS"])
const errorCode = /^E[A-Z0-9_]{1,30}$/

/**
 * Turns what nodemailer (or anything else) threw into a {@link MailError},
 * keeping only codes: never the server's text, which may quote an address.
 *
 * @since 0.2.0
 * @category errors
 */
export const classify = (error: unknown): MailError => {
  const e: SmtpFailure = typeof error === "object" && error !== null ? error : {}
  const str = (u: unknown) => (typeof u === "string" ? u : undefined)
  const command = str(e.command)
  const known = command !== undefined && KNOWN_COMMANDS.has(command) ? command : undefined
  const responseCode = typeof e.responseCode === "number" && Number.isInteger(e.responseCode)
    ? e.responseCode
    : undefined
  if (responseCode !== undefined && responseCode >= 200 && responseCode < 600) {
    const code = `SMTP ${responseCode}${known === undefined ? "" : ` (${known})`}`
    const permanent = responseCode >= 500 && responseCode !== 503 && known !== undefined &&
      MESSAGE_COMMANDS.has(known)
    return new MailError({ transient: !permanent, code })
  }
  const original = str(e.originalCode)
  const own = str(e.code)
  const code = original !== undefined && errorCode.test(original)
    ? original
    : own !== undefined && errorCode.test(own)
    ? own
    : "UNKNOWN"
  return new MailError({ transient: !(own !== undefined && PERMANENT_CODES.has(own)), code })
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.")

/**
 * A mailer over SMTP with these settings. Connections are pooled (at most
 * five) and closed when the layer's scope ends. When a user is set and the
 * server is not on this machine, STARTTLS is required, so that a password
 * never crosses the network in the clear.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSmtpWith = (config: SmtpConfig.SmtpConfig): Layer.Layer<Mailer> =>
  Layer.scoped(
    Mailer,
    Effect.gen(function*() {
      const c = SmtpConfig.resolve(config)
      const timeout = Duration.toMillis(Duration.decode(c.timeout))
      const transport = yield* Effect.acquireRelease(
        Effect.sync(() =>
          nodemailer.createTransport({
            pool: true,
            maxConnections: 5,
            host: c.host,
            port: c.port,
            secure: c.secure,
            requireTLS: !c.secure && Option.isSome(c.auth) && !isLoopback(c.host),
            connectionTimeout: timeout,
            greetingTimeout: timeout,
            socketTimeout: timeout * 3,
            ...Option.match(c.auth, {
              onNone: () => ({}),
              onSome: ({ password, user }) => ({
                auth: { user, pass: Option.match(password, { onNone: () => "", onSome: Redacted.value }) }
              })
            }),
            logger: false
          })
        ),
        (t) => Effect.sync(() => t.close())
      )
      const replyTo = Option.getOrUndefined(c.replyTo)
      const send = (mail: Mail) =>
        Effect.tryPromise({
          try: (signal) =>
            transport.sendMail({
              from: c.from,
              ...(replyTo === undefined ? {} : { replyTo }),
              to: mail.to.name === undefined ? mail.to.address : { name: mail.to.name, address: mail.to.address },
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                content: a.content,
                contentType: a.contentType
              })),
              messageId: mail.messageId,
              headers: { ...mail.headers },
              signal
            }),
          catch: classify
        }).pipe(Effect.asVoid, Effect.withSpan("Mailer.send"))
      return Mailer.of({ send })
    })
  )

/**
 * A mailer over SMTP configured from the environment (see `SmtpConfig`).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerSmtp: Layer.Layer<Mailer, ConfigError.ConfigError> = Layer.unwrapEffect(
  Effect.map(SmtpConfig.config, layerSmtpWith)
)
