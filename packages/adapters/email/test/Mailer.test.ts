import { describe, expect, it } from "@effect/vitest"
import { DomainEvent } from "@pleegzorg/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Mailer, Templates } from "../src/index.js"
import { base, freePort, icsInstants, invitationToken, parseIcs, smtpServer, surveyBase, token } from "./support.js"

const FROM = "\"Het goede gesprek\" <noreply@example.org>"

const sendWith = (port: number, mail: Mailer.Mail) =>
  Effect.flatMap(Mailer.Mailer, (mailer) => mailer.send(mail)).pipe(
    Effect.provide(Mailer.layerSmtpWith({ host: "127.0.0.1", port, from: FROM, timeout: "5 seconds" }))
  )

describe("Mailer over SMTP", () => {
  it.scoped("delivers a Dutch confirmation with the token and a calendar file of the three sessions", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const event = new DomainEvent.RegistrationConfirmed({ ...base(), token })
      yield* sendWith(server.port, Templates.render(event))

      expect(server.received).toHaveLength(1)
      expect(server.received[0]!.to).toEqual(["eva@example.org"])
      expect(server.received[0]!.from).toBe("noreply@example.org")
      const [mail] = yield* server.parsed()
      expect(mail!.subject).toBe("Je aanmelding is bevestigd: Het goede gesprek over pleegzorg")
      expect(mail!.messageId).toBe(`<${event.id}@pleegzorg>`)
      expect(mail!.headers.get("auto-submitted")).toBe("auto-generated")
      const to = mail!.to
      expect(Array.isArray(to) ? undefined : to?.value).toEqual([{ name: "Eva de Vries", address: "eva@example.org" }])
      const text = mail!.text!
      expect(text).toContain("Hallo Eva de Vries,")
      expect(text).toContain("Rijk van Nijmegen")
      expect(text).toContain("17 november 2022, 16:00–18:30")
      expect(text).toContain("9 februari 2023, 16:00–20:30")
      expect(text).toContain("23 maart 2023, 16:00–20:30")
      expect(text).toContain(token)
      expect(mail!.html).toContain(token)

      expect(mail!.attachments).toHaveLength(1)
      const attachment = mail!.attachments[0]!
      expect(attachment.filename).toBe("bijeenkomsten.ics")
      expect(attachment.contentType).toBe("text/calendar")
      const ics = attachment.content.toString("utf8")
      const { calendar, events } = parseIcs(ics)
      expect(calendar["METHOD"]).toBe("PUBLISH")
      // local Amsterdam times with the zone, which a calendar reads as these instants
      expect(events.map((e) => [e["UID"], e["DTSTART"], e["DTEND"]])).toEqual([
        [`${event.track.id}-1@pleegzorg`, "20221117T160000", "20221117T183000"],
        [`${event.track.id}-2@pleegzorg`, "20230209T160000", "20230209T203000"],
        [`${event.track.id}-3@pleegzorg`, "20230323T160000", "20230323T203000"]
      ])
      expect(icsInstants(ics)).toEqual([
        { uid: `${event.track.id}-1@pleegzorg`, start: "2022-11-17T15:00:00.000Z", end: "2022-11-17T17:30:00.000Z", zone: "Europe/Amsterdam" },
        { uid: `${event.track.id}-2@pleegzorg`, start: "2023-02-09T15:00:00.000Z", end: "2023-02-09T19:30:00.000Z", zone: "Europe/Amsterdam" },
        { uid: `${event.track.id}-3@pleegzorg`, start: "2023-03-23T15:00:00.000Z", end: "2023-03-23T19:30:00.000Z", zone: "Europe/Amsterdam" }
      ])
      // nothing about the person in the calendar file
      for (const secret of ["Eva", "Vries", "eva@example.org", "example.org", token]) {
        expect(ics).not.toContain(secret)
      }
      expect(ics).not.toMatch(/ATTENDEE|ORGANIZER/)
    }))

  it.scoped("delivers English to a person who chose English, with the name escaped in the HTML", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const event = new DomainEvent.RegistrationPromoted(base({ language: "en", name: "<b>Eve</b> & co" }))
      yield* sendWith(server.port, Templates.render(event))
      const [mail] = yield* server.parsed()
      expect(mail!.subject).toBe("You have a place: The good conversation about foster care")
      expect(mail!.text).toContain("17 November 2022, 16:00–18:30")
      expect(mail!.text).toContain("Hello <b>Eve</b> & co,")
      expect(mail!.html).toContain("Hello &lt;b&gt;Eve&lt;/b&gt; &amp; co,")
      expect(mail!.html).not.toContain("<b>Eve</b>")
      expect(mail!.attachments[0]!.filename).toBe("sessions.ics")
    }))

  it.scoped("delivers a survey invitation to an invitee without a name, the code after # in the link", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer()
      const event = new DomainEvent.SurveyInvited(surveyBase({ name: undefined }, { pooled: true }))
      yield* sendWith(server.port, Templates.render(event, { publicUrl: "https://pleegzorg.example.org" }))

      expect(server.received).toHaveLength(1)
      expect(server.received[0]!.to).toEqual(["eva@example.org"])
      const [mail] = yield* server.parsed()
      expect(mail!.subject).toBe("Doe mee aan de vragenlijst over pleegzorg in Rijk van Nijmegen")
      expect(mail!.messageId).toBe(`<${event.id}@pleegzorg>`)
      expect(mail!.headers.get("content-language")).toBe("nl")
      const to = mail!.to
      expect(Array.isArray(to) ? undefined : to?.text).toBe("eva@example.org")
      const link = `https://pleegzorg.example.org/vragenlijst#code=${invitationToken}`
      const text = mail!.text!
      expect(text.startsWith("Hallo,\n")).toBe(true)
      expect(text).toContain(`Vul de vragenlijst in via deze link:\n\n${link}\n`)
      expect(text).toContain("Daarom tellen we je antwoorden samen met die van professionals (hulpverleners en beleidsmakers).")
      expect(text).toContain("Het invullen duurt ongeveer 10 minuten.")
      expect(mail!.html).toContain(`<a href="${link}">`)
      expect(mail!.attachments).toEqual([])
    }))

  it.scoped("an unknown recipient (550) is a permanent failure, and the error does not repeat the address", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer({
        rejectRecipient: (address) =>
          address === "nobody@example.org"
            ? { code: 550, text: "5.1.1 <nobody@example.org>: Recipient address rejected" }
            : undefined
      })
      const event = new DomainEvent.RegistrationConfirmed({ ...base({ email: "nobody@example.org" }), token })
      const result = yield* Effect.either(sendWith(server.port, Templates.render(event)))
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isRight(result)) return
      expect(result.left.transient).toBe(false)
      expect(result.left.code).toBe("SMTP 550 (RCPT TO)")
      expect(result.left.message).not.toContain("nobody")
      expect(JSON.stringify(result.left)).not.toContain("nobody")
      expect(server.received).toHaveLength(0)
    }))

  it.scoped("a temporary refusal (451) is transient", () =>
    Effect.gen(function*() {
      const server = yield* smtpServer({
        rejectRecipient: () => ({ code: 451, text: "4.3.0 Try again later" })
      })
      const result = yield* Effect.either(
        sendWith(server.port, Templates.render(new DomainEvent.RegistrationPromoted(base())))
      )
      expect(Either.isLeft(result) && [result.left.transient, result.left.code]).toEqual([true, "SMTP 451 (RCPT TO)"])
    }))

  it.effect("a server that is down is a transient failure: ECONNREFUSED", () =>
    Effect.gen(function*() {
      const port = yield* freePort
      const result = yield* Effect.either(
        sendWith(port, Templates.render(new DomainEvent.RegistrationPromoted(base())))
      )
      expect(Either.isLeft(result) && [result.left.transient, result.left.code]).toEqual([true, "ECONNREFUSED"])
    }))
})

describe("Mailer.classify", () => {
  it("calls a refusal of this mail permanent and trouble with the server or the settings transient", () => {
    const cases: ReadonlyArray<[unknown, boolean, string]> = [
      [{ code: "EENVELOPE", responseCode: 550, command: "RCPT TO", response: "550 <a@b.nl> unknown" }, false, "SMTP 550 (RCPT TO)"],
      [{ code: "EMESSAGE", responseCode: 552, command: "DATA" }, false, "SMTP 552 (DATA)"],
      [{ code: "EENVELOPE", responseCode: 451, command: "RCPT TO" }, true, "SMTP 451 (RCPT TO)"],
      [{ code: "EENVELOPE", responseCode: 503, command: "RCPT TO" }, true, "SMTP 503 (RCPT TO)"],
      // a wrong password or a refused sender holds for every mail: fix the settings, the mail goes out
      [{ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" }, true, "SMTP 535"],
      [{ code: "EENVELOPE", responseCode: 553, command: "MAIL FROM" }, true, "SMTP 553 (MAIL FROM)"],
      [{ code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }, true, "ECONNREFUSED"],
      [{ code: "ETIMEDOUT", command: "CONN" }, true, "ETIMEDOUT"],
      [{ code: "EENVELOPE", command: "API" }, false, "EENVELOPE"],
      [new Error("something <a@b.nl> odd"), true, "UNKNOWN"],
      ["not even an error", true, "UNKNOWN"]
    ]
    for (const [error, transient, code] of cases) {
      const classified = Mailer.classify(error)
      expect([classified.transient, classified.code], JSON.stringify(error)).toEqual([transient, code])
    }
  })
})
