/**
 * `pnpm serve`: the HTTP API on an embedded SQLite file, or on PostgreSQL
 * when a connection is configured, for trying it out with curl. Wiring only.
 *
 * Settings come from the environment, with safe defaults printed at start:
 *
 * - `PORT` (default 3000) and `HOST` (default 127.0.0.1: only this machine);
 * - `PLEEGZORG_ORGANISER_TOKEN`: the organiser's bearer token; without it a
 *   random one is made for this run and printed;
 * - `DATABASE_URL` (or `PGHOST` and the other PG variables, with
 *   `PLEEGZORG_PG_SCHEMA`, `PLEEGZORG_PG_TLS`, `PLEEGZORG_PG_POOL_SIZE`): run on
 *   PostgreSQL, so that several servers can share one database;
 * - otherwise `PLEEGZORG_SQLITE_FILE` (default `.data/pleegzorg.sqlite` here);
 * - `PLEEGZORG_SMTP_HOST` and the other `PLEEGZORG_SMTP_*` / `PLEEGZORG_MAIL_FROM`
 *   settings of @pleegzorg/email: without a host, mail goes to a local SMTP
 *   server that writes each message to `.data/mail/` as an `.eml` file;
 * - `PLEEGZORG_PUBLIC_URL`: where the withdraw links in the mails point
 *   (default: this server, whose `/afmelden` page handles them).
 *
 * On the first start it adds one open track (Rijk van Nijmegen, sessions next
 * year) so that registering works right away.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Agendas, Entropy, Geography, Mentoring, Registrations, Surveys, Tracks } from "@pleegzorg/core"
import { Dispatcher, Mailer } from "@pleegzorg/email"
import { Authorization, Server } from "@pleegzorg/http"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Database from "./Database.js"
import * as MailSink from "./MailSink.js"

const dataDirectory = Path.resolve(".data")

const settings = Config.all({
  port: Config.integer("PORT").pipe(Config.withDefault(3000)),
  host: Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
  token: Config.option(Authorization.tokenConfig),
  file: Config.string("PLEEGZORG_SQLITE_FILE").pipe(Config.withDefault(Path.join(dataDirectory, "pleegzorg.sqlite"))),
  smtpHost: Config.option(Config.nonEmptyString("PLEEGZORG_SMTP_HOST")),
  publicUrl: Config.option(Config.nonEmptyString("PLEEGZORG_PUBLIC_URL"))
})

// One open track to try things with, made on the first start only.
const seed = Effect.gen(function*() {
  const tracks = yield* Tracks.Tracks
  const existing = yield* tracks.listByRegion("JZ32" as never)
  const open = existing.find((t) => t.status._tag === "Open")
  if (open !== undefined) return open
  const year = DateTime.toParts(yield* DateTime.now).year + 1
  const place = { name: "Wijkcentrum De Klif", address: "Hatertseweg 10, Nijmegen" }
  const track = yield* tracks.createFromTemplate({
    template: "goede-gesprek",
    region: "JZ32",
    phase: "rollout",
    sessions: [
      { date: `${year}-03-11`, place },
      { date: `${year}-04-15`, place },
      { date: `${year}-05-20`, place }
    ]
  })
  return yield* tracks.changeStatus(track.id, { _tag: "Open" })
})

const main = Effect.gen(function*() {
  const config = yield* settings
  const database = yield* Database.choose({ sqliteFile: config.file })
  if (database.kind === "sqlite") Fs.mkdirSync(Path.dirname(config.file), { recursive: true })
  const token = Option.getOrElse(config.token, () => Redacted.make(Crypto.randomBytes(24).toString("base64url")))
  const generated = Option.isNone(config.token)

  const mail = Option.isSome(config.smtpHost)
    ? Effect.succeed({ mailer: Mailer.layerSmtp, note: `SMTP ${config.smtpHost.value}` })
    : Effect.map(
      MailSink.start({ directory: Path.join(dataDirectory, "mail") }),
      (sink) => ({
        mailer: Mailer.layerSmtpWith({ host: "127.0.0.1", port: sink.port, from: "\"Het goede gesprek\" <noreply@localhost>" }),
        note: `lokale mailserver / local mail server → ${Path.join(dataDirectory, "mail")}/*.eml`
      })
    )
  const { mailer, note } = yield* mail

  const base = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.port}`

  const services = Layer.merge(Agendas.Agendas.Default, Mentoring.Mentoring.Default).pipe(
    Layer.provideMerge(Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default, Surveys.Surveys.Default)),
    Layer.provideMerge(database.layer),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )
  const app = Layer.mergeAll(
    Server.layerServer({
      port: config.port,
      host: config.host,
      authorization: Authorization.layerConfig(Config.succeed(token))
    }),
    // Without a public site of its own, the withdraw links in the mails lead to this server's /afmelden page.
    Dispatcher.layer({
      interval: "2 seconds",
      ...(Option.isNone(config.publicUrl) ? { render: { publicUrl: base } } : {})
    }).pipe(Layer.provide(mailer))
  ).pipe(Layer.provideMerge(services))

  yield* Effect.gen(function*() {
    const track = yield* seed
    yield* Console.log(
      [
        "",
        "Het goede gesprek over pleegzorg: HTTP API",
        `  API:          ${base}   (docs: ${base}/docs, OpenAPI: ${base}/openapi.json)`,
        `  database:     ${database.description}`,
        `  mail:         ${note}`,
        `  organiser:    ${generated ? "token voor deze keer / token for this run (set PLEEGZORG_ORGANISER_TOKEN to choose one)" : "token uit / token from PLEEGZORG_ORGANISER_TOKEN"}`,
        "",
        "Kopieer / copy:",
        `  export API=${base}`,
        `  export TRACK=${track.id}`,
        generated ? `  export TOKEN=${Redacted.value(token)}` : "  export TOKEN=<your PLEEGZORG_ORGANISER_TOKEN>",
        ""
      ].join("\n")
    )
    return yield* Effect.never
  }).pipe(Effect.provide(app))
})

NodeRuntime.runMain(Effect.scoped(main))
