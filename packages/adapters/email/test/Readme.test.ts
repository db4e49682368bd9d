// The wiring of the README's quick start, against a real SMTP server.
import { describe, expect, it } from "@effect/vitest"
import { Entropy, Geography, MemoryStorage, Outbox, Registrations, Tracks } from "@pleegzorg/core"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { Dispatcher, Mailer } from "../src/index.js"
import { parseIcs, smtpServer } from "./support.js"

const Core = Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
  Layer.provideMerge(MemoryStorage.layer),
  Layer.provideMerge(Entropy.layerCrypto),
  Layer.provideMerge(Geography.Geography.Default)
)

const Mail = Dispatcher.layer({ interval: "5 seconds" }).pipe(Layer.provide(Mailer.layerSmtp))

const App = Mail.pipe(Layer.provideMerge(Core))

const program = Effect.gen(function*() {
  const tracks = yield* Tracks.Tracks
  const registrations = yield* Registrations.Registrations
  const draft = yield* tracks.createFromTemplate({
    template: "goede-gesprek",
    region: "JZ32",
    phase: "pilot",
    sessions: [
      { date: "2027-11-18", place: { name: "Wijkcentrum De Klif", address: "Hatertseweg 10, Nijmegen" } },
      { date: "2028-02-10", place: { name: "Nijmegen" } },
      { period: "eind maart 2028", place: { name: "Nijmegen" } }
    ]
  })
  const track = yield* tracks.changeStatus(draft.id, { _tag: "Open" })
  yield* registrations.register({
    trackId: track.id,
    name: "Eva de Vries",
    email: "eva@example.org",
    group: "FosterParent",
    municipality: "GM0268",
    availableForAllSessions: true
  })
})

// Polls in real time (the test clock only drives the dispatcher's pause).
const waitUntil = (condition: Effect.Effect<boolean>, tries = 500): Effect.Effect<void> =>
  Effect.flatMap(condition, (done) =>
    done
      ? Effect.void
      : tries === 0
      ? Effect.die(new Error("waited in vain"))
      : Effect.zipRight(Effect.promise(() => new Promise((r) => setTimeout(r, 10))), waitUntil(condition, tries - 1)))

describe("README quick start", () => {
  it.scoped("sends the confirmation in the background, with two sessions in the calendar file", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const env = ConfigProvider.fromMap(
        new Map([
          ["PLEEGZORG_MAIL_FROM", "\"Het goede gesprek\" <noreply@example.org>"],
          ["PLEEGZORG_SMTP_PORT", String(server.port)]
        ])
      )
      yield* Effect.gen(function*() {
        yield* program
        const outbox = yield* Outbox.Outbox
        // move the clock past the dispatcher's pause until the mail is out
        yield* waitUntil(
          TestClock.adjust("1 second").pipe(
            Effect.zipRight(outbox.stats()),
            Effect.map((stats) => stats.pending === 0 && server.received.length === 1),
            Effect.orDie
          )
        )
      }).pipe(Effect.provide(App), Effect.withConfigProvider(env))

      const [mail] = yield* server.parsed()
      expect(mail!.subject).toBe("Je aanmelding is bevestigd: Het goede gesprek over pleegzorg")
      expect(mail!.text).toContain("18 november 2027, 16:00–18:30")
      expect(mail!.text).toContain("eind maart 2028 (datum volgt)")
      expect(parseIcs(mail!.attachments[0]!.content.toString("utf8")).events).toHaveLength(2)
    }))
})
