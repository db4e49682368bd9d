import { describe, expect, it } from "@effect/vitest"
import { DomainEvent, MemoryStorage, Outbox, Registrations } from "@pleegzorg/core"
import * as ConfigProvider from "effect/ConfigProvider"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { Dispatcher, Mailer } from "../src/index.js"
import {
  action,
  agendaBase,
  base,
  coreServices,
  everyKind,
  freePort,
  introduced,
  matchId,
  matchToken,
  openTrack,
  person,
  proposed,
  smtpServer,
  token,
  trackId
} from "./support.js"

const FROM = "\"Het goede gesprek\" <noreply@example.org>"
const mailerAt = (port: number) => Mailer.layerSmtpWith({ host: "127.0.0.1", port, from: FROM, timeout: "5 seconds" })
const at = (iso: string) => TestClock.setTime(DateTime.toEpochMillis(DateTime.unsafeMake(iso)))
const outbox = Outbox.Outbox

describe("Dispatcher", () => {
  it.scoped("survives an SMTP outage during 50 registrations: nothing is lost, nothing is sent twice", () =>
    Effect.gen(function*() {
      yield* at("2022-10-01T08:00:00Z")
      const port = yield* freePort
      const registrations = yield* Registrations.Registrations
      const track = yield* openTrack
      const groups = ["FosterParent", "Parent", "CareWorker", "PolicyMaker"]
      for (let i = 1; i <= 50; i++) {
        const outcome = yield* registrations.register(person(track.id, i, groups[i % groups.length]))
        expect(outcome._tag).toBe("Accepted")
      }
      const box = yield* outbox
      expect((yield* box.stats()).pending).toBe(50)
      // the ids of the 50 events (a lease of zero reserves nothing)
      const ids = (yield* box.claim({ now: yield* DateTime.now, limit: 100, lease: Duration.zero })).map((e) => e.event.id)
      expect(ids).toHaveLength(50)

      // the server is down: every send fails, every entry stays with its attempt counted
      const down = yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailerAt(port)))
      expect(down).toEqual({ sent: 0, retried: 50, givenUp: 0, released: 0 })
      expect(yield* box.stats()).toEqual({ pending: 50, failing: 50, givenUp: 0 })
      const now = yield* DateTime.now
      for (const id of ids) {
        const entry = Option.getOrThrow(yield* box.get(id))
        expect(entry.attempts).toBe(1)
        expect(entry.lastError).toEqual(Option.some("ECONNREFUSED"))
        // first retry after 5 seconds, give or take 10 %
        const wait = DateTime.distance(now, entry.nextAttemptAt)
        expect(wait).toBeGreaterThanOrEqual(4_500)
        expect(wait).toBeLessThanOrEqual(5_500)
      }
      // not due yet: a round right away sends nothing and counts no attempt
      expect(yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailerAt(port)))).toEqual({
        sent: 0,
        retried: 0,
        givenUp: 0,
        released: 0
      })

      // the server comes back on the same port
      const server = yield* smtpServer({ port })
      yield* TestClock.adjust("6 seconds")
      const up = yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailerAt(port)))
      expect(up).toEqual({ sent: 50, retried: 0, givenUp: 0, released: 0 })
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })

      expect(server.received).toHaveLength(50)
      const recipients = server.received.flatMap((r) => r.to).sort()
      const expected = Array.from({ length: 50 }, (_, i) => `persoon${i + 1}@example.org`).sort()
      expect(recipients).toEqual(expected)
      const mails = yield* server.parsed()
      expect(mails.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@pleegzorg>`).sort())

      // and later rounds send nothing more
      yield* TestClock.adjust("2 hours")
      expect(yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailerAt(port)))).toEqual({
        sent: 0,
        retried: 0,
        givenUp: 0,
        released: 0
      })
      expect(server.received).toHaveLength(50)
    }).pipe(Effect.provide(coreServices)))

  it.scoped("gives up at once on an unknown recipient (550) and keeps sending the others", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer({
        rejectRecipient: (address) =>
          address === "weg@example.org" ? { code: 550, text: "5.1.1 <weg@example.org>: no such user" } : undefined
      })
      const gone = new DomainEvent.RegistrationConfirmed({ ...base({ email: "weg@example.org" }), token })
      const box = yield* outbox
      yield* box.append([...everyKind().slice(0, 2), gone, everyKind()[3]!])
      const mailer = mailerAt(server.port)

      expect(yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailer))).toEqual({ sent: 3, retried: 0, givenUp: 1, released: 0 })
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 1 })
      const kept = yield* box.get(gone.id)
      expect(Option.map(kept, (e) => [e.attempts, Option.getOrNull(e.lastError)])).toEqual(
        Option.some([1, "SMTP 550 (RCPT TO)"])
      )
      // never tried again
      yield* TestClock.adjust("1 day")
      expect(yield* Dispatcher.dispatchOnce().pipe(Effect.provide(mailer))).toEqual({ sent: 0, retried: 0, givenUp: 0, released: 0 })
      expect(server.received.map((r) => r.to[0])).not.toContain("weg@example.org")
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it.effect("starts no send in the last fifth of the lease: the rest of a slow batch is released, and goes out next round", () =>
    Effect.gen(function*() {
      const box = yield* outbox
      const events = everyKind().slice(0, 5)
      yield* box.append(events)
      // A mail server that takes 3 seconds per message, one at a time.
      const sent: Array<string> = []
      const slow = Layer.succeed(Mailer.Mailer, Mailer.Mailer.of({
        send: (mail) => Effect.zipRight(Effect.sleep("3 seconds"), Effect.sync(() => void sent.push(mail.to.address)))
      }))
      const options = { lease: "10 seconds", concurrency: 1 } as const
      const round = yield* Effect.fork(Dispatcher.dispatchOnce(options).pipe(Effect.provide(slow)))
      for (let i = 0; i < 4; i++) yield* TestClock.adjust("3 seconds")
      // Sends start at 0, 3 and 6 seconds; at 9 seconds the lease (10 s) is
      // in its last fifth, so the last two are released, not attempted.
      expect(yield* round.await.pipe(Effect.flatten)).toEqual({ sent: 3, retried: 0, givenUp: 0, released: 2 })
      const left = yield* Effect.forEach(events.slice(3), (e) => box.get(e.id))
      expect(left.map((e) => Option.map(e, (x) => [x.attempts, Option.getOrNull(x.lastError)]))).toEqual([
        Option.some([0, null]),
        Option.some([0, null])
      ])
      // Released means free at once: the next round takes them.
      const next = yield* Effect.fork(Dispatcher.dispatchOnce(options).pipe(Effect.provide(slow)))
      for (let i = 0; i < 2; i++) yield* TestClock.adjust("3 seconds")
      expect(yield* next.await.pipe(Effect.flatten)).toEqual({ sent: 2, retried: 0, givenUp: 0, released: 0 })
      expect(sent).toHaveLength(5)
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it.effect("waits twice as long after each failure, and gives up after the maximum number of attempts", () =>
    Effect.gen(function*() {
      const port = yield* freePort
      const box = yield* outbox
      const event = new DomainEvent.RegistrationPromoted(base())
      yield* box.append([event])
      const options = { maxAttempts: 4, initialDelay: "10 seconds", maxDelay: "30 seconds" } as const
      const waits: Array<number> = []
      for (let round = 1; round <= 4; round++) {
        const result = yield* Dispatcher.dispatchOnce(options).pipe(Effect.provide(mailerAt(port)))
        const entry = Option.getOrThrow(yield* box.get(event.id))
        expect(entry.attempts).toBe(round)
        if (round < 4) {
          expect(result).toEqual({ sent: 0, retried: 1, givenUp: 0, released: 0 })
          const wait = DateTime.distance(yield* DateTime.now, entry.nextAttemptAt)
          waits.push(wait)
          yield* TestClock.adjust(Duration.millis(wait))
        } else {
          expect(result).toEqual({ sent: 0, retried: 0, givenUp: 1, released: 0 })
          expect(entry.lastError).toEqual(Option.some("ECONNREFUSED; gave up after 4 attempts"))
        }
      }
      // 10 s, 20 s, then capped at 30 s; each within 10 % jitter
      for (const [i, nominal] of [10_000, 20_000, 30_000].entries()) {
        expect(Math.abs(waits[i]! - nominal)).toBeLessThanOrEqual(nominal * 0.1)
      }
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 1 })
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it.scoped("sends an adopted agenda from the outbox to each action owner, in their language, with the link to the agenda", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const box = yield* outbox
      const actions = [
        action({ title: "Kennismaking <pleegouders> & ouders", status: "Proposed" }),
        action({ title: "Vaste contactpersoon", status: "Agreed", due: "2025-01-31" })
      ]
      const nl = new DomainEvent.AgendaAdopted({ ...agendaBase({ email: "eigenaar@example.org" }, 2), actions })
      const en = new DomainEvent.AgendaAdopted({
        ...agendaBase({ name: undefined, email: "owner@example.org", language: "en" }, 2),
        actions: actions.slice(1)
      })
      yield* box.append([nl, en])

      const render = { publicUrl: "https://pleegzorg.example.org" }
      const result = yield* Dispatcher.dispatchOnce({ render }).pipe(Effect.provide(mailerAt(server.port)))
      expect(result).toEqual({ sent: 2, retried: 0, givenUp: 0, released: 0 })
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })

      // sent side by side: which arrived first is not fixed
      expect(server.received.map((r) => r.to[0]).sort()).toEqual(["eigenaar@example.org", "owner@example.org"])
      const parsed = yield* server.parsed()
      const to = (address: string) => parsed[server.received.findIndex((r) => r.to[0] === address)]
      const dutch = to("eigenaar@example.org")
      const english = to("owner@example.org")
      const link = `https://pleegzorg.example.org/tracks/${trackId}/agenda.html`

      expect(dutch!.messageId).toBe(`<${nl.id}@pleegzorg>`)
      expect(dutch!.subject).toBe("Versie 2 van de verbeteragenda voor Rijk van Nijmegen is vastgesteld")
      expect(dutch!.headers.get("content-language")).toBe("nl")
      expect(dutch!.to).toMatchObject({ value: [{ name: "Eva de Vries", address: "eigenaar@example.org" }] })
      expect(dutch!.attachments).toEqual([])
      for (
        const sentence of [
          "Hallo Eva de Vries,",
          "Versie 2 van de verbeteragenda voor de regio Rijk van Nijmegen is op 18 april 2024 vastgesteld.",
          "Je bent eigenaar van deze acties (teamleider, Pleegzorgaanbieder):",
          "Kennismaking <pleegouders> & ouders\n   Thema: Samenwerking\n   Periode: 1 mei 2024 – 30 september 2024\n   Status: Voorgesteld",
          "Vaste contactpersoon\n   Thema: Samenwerking\n   Periode: 1 mei 2024 – 31 januari 2025\n   Status: Afgesproken",
          "Spreek die dan af met de organisatie. Dan wordt de status Afgesproken.",
          `Hier lees je de hele verbeteragenda:\n\n${link}\n`
        ]
      ) expect(dutch!.text).toContain(sentence)
      expect(dutch!.html).toContain("<strong>Kennismaking &lt;pleegouders&gt; &amp; ouders</strong>")
      expect(dutch!.html).toContain(`<a href="${link}">`)

      expect(english!.subject).toBe("Version 2 of the improvement agenda for Rijk van Nijmegen has been adopted")
      expect(english!.headers.get("content-language")).toBe("en")
      expect(english!.text).toContain("Hello,\n\nVersion 2 of the improvement agenda for the region Rijk van Nijmegen was adopted on 18 April 2024.")
      expect(english!.text).toContain("You are the owner of this action (teamleider, Pleegzorgaanbieder):")
      expect(english!.text).toContain(`${link}?lang=en`)
      expect(english!.text).not.toContain("Kennismaking")
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it.scoped("sends a mentor proposal and both introductions from the outbox, each in its reader's language, the code only after #", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const box = yield* outbox
      const proposal = proposed({ name: "Anna Jansen", email: "anna@example.org" })
      const toMentor = introduced("mentor", { name: "Anna Jansen", email: "anna@example.org" }, "Mag ik <b>alles</b> vragen? & hoe lang duurt het?")
      const toProspect = introduced("prospect", { name: "Sam Bakker", email: "sam@example.org", language: "en" }, "Mag ik <b>alles</b> vragen?")
      yield* box.append([proposal, toMentor, toProspect])

      const render = { publicUrl: "https://pleegzorg.example.org" }
      const result = yield* Dispatcher.dispatchOnce({ render, concurrency: 1 }).pipe(Effect.provide(mailerAt(server.port)))
      expect(result).toEqual({ sent: 3, retried: 0, givenUp: 0, released: 0 })
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })

      const parsed = yield* server.parsed()
      const byId = (id: string) => parsed.find((m) => m.messageId === `<${id}@pleegzorg>`)!
      const link = `https://pleegzorg.example.org/koppeling#match=${matchId}&code=${matchToken}`

      const ask = byId(proposal.id)
      expect(ask.subject).toBe("Wil je mentor zijn voor iemand in Rijk van Nijmegen?")
      expect(ask.to).toMatchObject({ value: [{ name: "Anna Jansen", address: "anna@example.org" }] })
      expect(ask.headers.get("content-language")).toBe("nl")
      expect(ask.attachments).toEqual([])
      expect(ask.text).toContain("Alleen als jij ja zegt, krijgen jullie elkaars naam en e-mailadres.")
      expect(ask.text).toContain(`Geef je antwoord via deze link:\n\n${link}\n`)
      expect(ask.html).toContain(`<a href="${link.replace("&", "&amp;")}">`)
      expect(`${ask.text}${ask.html}`).not.toContain("@")

      const mentor = byId(toMentor.id)
      expect(mentor.subject).toBe("Je bent nu mentor van Sam Bakker")
      expect(mentor.text).toContain("Naam: Sam Bakker\nE-mailadres: sam.bakker@example.net")
      expect(mentor.text).toContain("> Mag ik <b>alles</b> vragen? & hoe lang duurt het?")
      expect(mentor.html).toContain("<blockquote><p>Mag ik &lt;b&gt;alles&lt;/b&gt; vragen? &amp; hoe lang duurt het?</p></blockquote>")
      expect(mentor.html).not.toContain("<b>")

      const prospect = byId(toProspect.id)
      expect(prospect.subject).toBe("Your mentor is Anna Jansen")
      expect(prospect.to).toMatchObject({ value: [{ name: "Sam Bakker", address: "sam@example.org" }] })
      expect(prospect.headers.get("content-language")).toBe("en")
      expect(prospect.text).toContain("Name: Anna Jansen\nEmail address: anna.jansen@example.net")
      expect(prospect.text).toContain(`Then use this link:\n\n${link}\n`)
      expect(`${prospect.text}${prospect.html}`).not.toContain("alles")

      // the token only in the links, after #: not in the rest of the body, not in a header
      for (const mail of [ask, mentor, prospect]) {
        expect(mail.text!.replaceAll(link, "")).not.toContain(matchToken)
        expect((mail.html || "").replaceAll(link.replace("&", "&amp;"), "")).not.toContain(matchToken)
        expect(JSON.stringify([...mail.headers])).not.toContain(matchToken)
      }
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it("backoff doubles from 5 seconds up to an hour", () => {
    expect([1, 2, 3, 4, 10, 11, 40].map((n) => Duration.toSeconds(Dispatcher.backoff(n)))).toEqual([
      5,
      10,
      20,
      40,
      2560,
      3600,
      3600
    ])
  })

  it.scoped("logs counts and codes only: no address, name or token", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer({
        rejectRecipient: (address) => address.startsWith("weg") ? { code: 550, text: `<${address}> unknown` } : undefined
      })
      const box = yield* outbox
      yield* box.append([
        new DomainEvent.RegistrationConfirmed({ ...base({ name: "Geheime Naam", email: "weg@example.org" }), token }),
        new DomainEvent.RegistrationConfirmed({ ...base({ name: "Geheime Naam", email: "er@example.org" }), token })
      ])
      const lines: Array<string> = []
      const capture = Logger.make(({ annotations, message }) => {
        lines.push(JSON.stringify({ message, annotations: Object.fromEntries(annotations) }))
      })
      const result = yield* Dispatcher.dispatchOnce().pipe(
        Effect.provide(mailerAt(server.port)),
        Effect.provide(Logger.replace(Logger.defaultLogger, capture))
      )
      expect(result).toEqual({ sent: 1, retried: 0, givenUp: 1, released: 0 })
      expect(lines.length).toBeGreaterThan(0)
      const log = lines.join("\n")
      expect(log).toContain("\"sent\":1")
      expect(log).toContain("SMTP 550 (RCPT TO)")
      for (const secret of ["@", "Geheime", token]) expect(log).not.toContain(secret)
    }).pipe(Effect.provide(MemoryStorage.layer)))

  it.live("Dispatcher.layer sends in the background, with the withdraw link from PLEEGZORG_PUBLIC_URL", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* smtpServer()
      const storage = yield* Layer.build(MemoryStorage.layer)
      const box = yield* Effect.provide(outbox, storage)
      yield* box.append([new DomainEvent.RegistrationConfirmed({ ...base(), token })])
      const config = ConfigProvider.fromMap(new Map([["PLEEGZORG_PUBLIC_URL", "https://pleegzorg.example.org"]]))
      const background = Dispatcher.layer({ interval: "50 millis" }).pipe(
        Layer.provide(mailerAt(server.port)),
        Layer.provide(Layer.setConfigProvider(config)),
        Layer.provide(Layer.succeedContext(storage))
      )
      yield* Layer.build(background)
      yield* waitUntil(() => server.received.length === 1)
      // a later event is picked up by a later round
      yield* box.append([new DomainEvent.RegistrationPromoted(base())])
      yield* waitUntil(() => server.received.length === 2)
      const [confirmation] = yield* server.parsed()
      expect(confirmation!.text).toContain(`https://pleegzorg.example.org/afmelden#code=${token}`)
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })
    })))

  it.live("Dispatcher.layer deletes mail it gave up on once it is older than keepGivenUp", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* smtpServer({ rejectRecipient: () => ({ code: 550, text: "No such user" }) })
      const storage = yield* Layer.build(MemoryStorage.layer)
      const box = yield* Effect.provide(outbox, storage)
      const event = new DomainEvent.RegistrationConfirmed({ ...base(), token })
      yield* box.append([event])
      const background = Dispatcher.layer({ interval: "50 millis", keepGivenUp: "200 millis" }).pipe(
        Layer.provide(mailerAt(server.port)),
        Layer.provide(Layer.succeedContext(storage))
      )
      yield* Layer.build(background)
      // given up (550), kept for a while, then gone with the code in it
      yield* waitUntil(() => Effect.runSync(Effect.provide(box.stats(), storage)).givenUp === 1)
      yield* waitUntil(() => Option.isNone(Effect.runSync(Effect.provide(box.get(event.id), storage))))
      expect(yield* box.stats()).toEqual({ pending: 0, failing: 0, givenUp: 0 })
    })))
})

const waitUntil = (condition: () => boolean): Effect.Effect<void> =>
  Effect.suspend(() => (condition() ? Effect.void : Effect.zipRight(Effect.sleep("10 millis"), waitUntil(condition)))).pipe(
    Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("timed out waiting") }),
    Effect.orDie
  )

