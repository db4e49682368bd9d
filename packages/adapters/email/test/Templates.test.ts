import { describe, expect, it } from "@effect/vitest"
import { DomainEvent, Track } from "@pleegzorg/core"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import { Calendar, type Mailer, Templates } from "../src/index.js"
import {
  action,
  agendaBase,
  agendaKinds,
  base,
  date,
  ended,
  everyKind,
  fixed,
  icsInstants,
  introduced,
  invitationToken,
  matchExplanation,
  matchId,
  matchKinds,
  matchToken,
  parseIcs,
  proposed,
  sessions,
  surveyBase,
  surveyKinds,
  tentativeMarch,
  token,
  trackId,
  trackKinds
} from "./support.js"

const ics = (mail: { readonly attachments: ReadonlyArray<{ readonly content: string }> }) =>
  parseIcs(mail.attachments[0]!.content)

describe("Templates", () => {
  it("has a sample of every kind of event, each rendered with its own Message-ID and no leftover placeholders", () => {
    expect(new Set(everyKind().map((e) => e._tag)).size).toBe(DomainEvent.DomainEvent.members.length)
    for (const language of ["nl", "en"] as const) {
      for (const event of everyKind({ language })) {
        const mail = Templates.render(event)
        expect(mail.messageId).toBe(`<${event.id}@pleegzorg>`)
        expect(mail.headers["Content-Language"]).toBe(language)
        expect(`${mail.subject}${mail.text}${mail.html}`, event._tag).not.toMatch(/undefined|\[object/)
      }
    }
  })

  it("every mail about a track names the track, the region and all three sessions with time and place, in Dutch and English", () => {
    const expected = {
      nl: ["Het goede gesprek over pleegzorg", "17 november 2022, 16:00–18:30", "9 februari 2023, 16:00–20:30", "23 maart 2023, 16:00–20:30", "Wijkcentrum De Klif, Hatertseweg 10, Nijmegen", "Hallo Eva de Vries,"],
      en: ["The good conversation about foster care", "17 November 2022, 16:00–18:30", "9 February 2023, 16:00–20:30", "23 March 2023, 16:00–20:30", "Wijkcentrum De Klif, Hatertseweg 10, Nijmegen", "Hello Eva de Vries,"]
    } as const
    for (const language of ["nl", "en"] as const) {
      const events = trackKinds({ language })
      expect(new Set(events.map((e) => e._tag)).size).toBe(9)
      for (const event of events) {
        const mail = Templates.render(event)
        for (const part of [mail.text, mail.html]) {
          for (const text of [...expected[language], "Rijk van Nijmegen"]) {
            expect(part, `${language} ${event._tag}`).toContain(text)
          }
        }
        expect(mail.subject).toContain(expected[language][0])
        expect(mail.to).toEqual({ name: "Eva de Vries", address: "eva@example.org" })
        expect(mail.messageId).toBe(`<${event.id}@pleegzorg>`)
        expect(mail.headers["Content-Language"]).toBe(language)
        // Dutch mails say "je"; English ones carry no Dutch
        if (language === "en") expect(mail.text, event._tag).not.toMatch(/\b(je|bijeenkomst|Hallo)\b/i)
        else expect(mail.text, event._tag).toMatch(/\bje\b/)
      }
    }
  })

  it("the confirmation gives the personal code, how to use it, and a link when a public address is set", () => {
    const event = new DomainEvent.RegistrationConfirmed({ ...base(), token })
    const plain = Templates.render(event)
    expect(plain.text).toContain("Kun je toch niet meedoen? Meld je dan af met je persoonlijke code:")
    expect(plain.text).toContain(token)
    expect(plain.text).not.toContain("http")
    const linked = Templates.render(event, { publicUrl: "https://pleegzorg.example.org/" })
    const link = `https://pleegzorg.example.org/afmelden#code=${token}`
    expect(linked.text).toContain(link)
    expect(linked.html).toContain(`<a href="${link}">`)
    const custom = Templates.render(event, { withdrawLink: (t) => `https://x.example/w#${t}` })
    expect(custom.text).toContain(`https://x.example/w#${token}`)
  })

  it("gives the same mail for the same event, so a retry is a true duplicate", () => {
    const event = new DomainEvent.RegistrationConfirmed({ ...base(), token })
    expect(Templates.render(event)).toEqual(Templates.render(event))
  })

  it("sends a calendar file with confirmation, promotion, reschedule, withdrawal and cancellation only", () => {
    const withCalendar = everyKind().filter((e) => Templates.render(e).attachments.length > 0).map((e) => e._tag)
    expect(withCalendar).toEqual([
      "RegistrationConfirmed",
      "RegistrationPromoted",
      "RegistrationWithdrawn",
      "SessionRescheduled",
      "TrackCancelled"
    ])
    for (const event of everyKind()) {
      const mail = Templates.render(event)
      expect(mail.text.includes(".ics"), event._tag).toBe(mail.attachments.length > 0)
    }
  })

  it("shows a tentative session as its period, leaves it out of the calendar file, and says its date follows", () => {
    const event = new DomainEvent.RegistrationConfirmed({ ...base({}, sessions(tentativeMarch())), token })
    const nl = Templates.render(event)
    expect(nl.text).toContain("eind maart 2023 (datum volgt)")
    expect(nl.text).toContain("De datum van bijeenkomst 3 volgt nog.")
    expect(nl.text).toContain("Er staan alleen bijeenkomst 1 en 2 in")
    expect(ics(nl).events.map((e) => e["UID"])).toEqual([
      Calendar.uid(event.track.id, 1),
      Calendar.uid(event.track.id, 2)
    ])
    const en = Templates.render(
      new DomainEvent.RegistrationPromoted(base({ language: "en" }, sessions(tentativeMarch(), tentativeMarch())))
    )
    expect(en.text).toContain("late March 2023 (date to follow)")
    expect(en.text).toContain("The dates of sessions 2 and 3 will follow.")
    expect(ics(en).events).toHaveLength(1)
  })

  it("escapes names and places in the HTML", () => {
    const event = new DomainEvent.RegistrationConfirmed({ ...base({ name: "<b>Eve</b>" }), token })
    const mail = Templates.render(event)
    expect(mail.html).toContain("Hallo &lt;b&gt;Eve&lt;/b&gt;,")
    expect(mail.html).not.toContain("<b>")
    expect(mail.text).toContain("Hallo <b>Eve</b>,")
    expect(Templates.escapeHtml(`"O'Neil" & <script>`)).toBe("&quot;O&#39;Neil&quot; &amp; &lt;script&gt;")
  })

  it("the waitlist notice gives the position, and the code only when the event has one", () => {
    const withToken = Templates.render(new DomainEvent.RegistrationWaitlisted({ ...base(), token, position: 3 }))
    expect(withToken.subject).toBe("Je staat op de wachtlijst: Het goede gesprek over pleegzorg")
    expect(withToken.text).toContain("Je plek op de wachtlijst: 3")
    expect(withToken.text).toContain("De plekken voor pleegouders zijn nu vol.")
    expect(withToken.text).toContain(token)
    const without = Templates.render(new DomainEvent.RegistrationWaitlisted({ ...base(), position: 1 }))
    expect(without.text).toContain("de persoonlijke code uit je eerste mail")
  })

  it("the consent request says that a parent or guardian must agree and the organisers record it", () => {
    const mail = Templates.render(new DomainEvent.ConsentRequested({ ...base(), token }))
    expect(mail.text).toContain("Je bent jonger dan 16 jaar. Daarom moet een ouder of voogd eerst toestemming geven.")
    expect(mail.text).toContain("De organisatie legt de toestemming vast.")
    expect(mail.text).toContain(token)
  })

  it("the withdrawal confirmation says who withdrew", () => {
    const byPerson = Templates.render(new DomainEvent.RegistrationWithdrawn({ ...base(), by: "person" }))
    expect(byPerson.text).toContain("Je hebt je afgemeld")
    const byOrganiser = Templates.render(new DomainEvent.RegistrationWithdrawn({ ...base(), by: "organiser" }))
    expect(byOrganiser.text).toContain("De organisatie heeft je aanmelding voor")
  })

  it("the reschedule notice shows old and new, and its calendar file updates the same entries", () => {
    const confirmed = new DomainEvent.RegistrationConfirmed({ ...base(), token })
    const later = DateTime.unsafeMake("2022-12-01T10:00:00Z") as DateTime.Utc
    const moved = new DomainEvent.SessionRescheduled({
      ...base({}, sessions(undefined, fixed("2023-02-16", "17:00", "21:00"))),
      occurredAt: later,
      session: 2,
      previous: fixed("2023-02-09", "16:00", "20:30"),
      previousPlace: new Track.Place({ name: "Nijmegen" })
    })
    const mail = Templates.render(moved)
    expect(mail.subject).toBe("Bijeenkomst 2 is verplaatst: Het goede gesprek over pleegzorg")
    expect(mail.text).toContain("Eerst: 9 februari 2023, 16:00–20:30, Nijmegen")
    expect(mail.text).toContain("Nu: 16 februari 2023, 17:00–21:00, Nijmegen")
    expect(mail.text).not.toContain("plek is ook veranderd")
    const before = ics(Templates.render(confirmed)).events
    const after = ics(mail).events
    expect(after.map((e) => e["UID"])).toEqual(before.map((e) => e["UID"]))
    expect(after[1]!["DTSTART"]).toBe("20230216T170000")
    expect(icsInstants(mail.attachments[0]!.content)[1]!.start).toBe("2023-02-16T16:00:00.000Z")
    for (const [i, event] of after.entries()) {
      expect(Number(event["SEQUENCE"])).toBeGreaterThan(Number(before[i]!["SEQUENCE"]))
    }
  })

  it("a date that becomes fixed is announced as such; a date that is lost again cancels its calendar entry", () => {
    const nowFixed = Templates.render(
      new DomainEvent.SessionRescheduled({
        ...base(),
        session: 3,
        previous: tentativeMarch(),
        previousPlace: new Track.Place({ name: "Nijmegen" })
      })
    )
    expect(nowFixed.subject).toBe("De datum van bijeenkomst 3 staat vast: Het goede gesprek over pleegzorg")
    expect(nowFixed.text).toContain("Eerst: eind maart 2023 (datum volgt), Nijmegen")
    expect(ics(nowFixed).events).toHaveLength(3)

    const lost = Templates.render(
      new DomainEvent.SessionRescheduled({
        ...base({}, sessions(tentativeMarch())),
        session: 3,
        previous: fixed("2023-03-23", "16:00", "20:30"),
        previousPlace: new Track.Place({ name: "Nijmegen" })
      })
    )
    const events = ics(lost).events
    expect(events.map((e) => [e["UID"]!.slice(-12), e["STATUS"]])).toEqual([
      ["-1@pleegzorg", "CONFIRMED"],
      ["-2@pleegzorg", "CONFIRMED"],
      ["-3@pleegzorg", "CANCELLED"]
    ])
  })

  it("the reminder names the session, its time and its place", () => {
    const mail = Templates.render(new DomainEvent.ReminderDue({ ...base(), session: 1 }))
    expect(mail.subject).toBe("Herinnering: bijeenkomst 1 van Het goede gesprek over pleegzorg")
    expect(mail.text).toContain("Over een paar dagen is bijeenkomst 1 (Kennismaken)")
    expect(mail.text).toContain("Wanneer: 17 november 2022, 16:00–18:30")
    expect(mail.text).toContain("Waar: Wijkcentrum De Klif, Hatertseweg 10, Nijmegen")
  })

  it("tells how to reach the organisers when a contact is configured", () => {
    const event = new DomainEvent.RegistrationConfirmed({ ...base(), token })
    expect(Templates.render(event).text).not.toContain("Vragen?")
    const mail = Templates.render(event, { contact: "pleegzorg@example.org of 024 123 45 67" })
    expect(mail.text).toContain("Vragen? Neem contact op met de organisatie: pleegzorg@example.org of 024 123 45 67")
    expect(mail.text.indexOf("Vragen?")).toBeLessThan(mail.text.indexOf("Hartelijke groet"))
  })

  it("a repeated sign-up tells the address its status and changes nothing", () => {
    const mail = Templates.render(new DomainEvent.RegistrationRepeated({ ...base(), status: "Waitlisted", position: 3 }))
    expect(mail.subject).toBe("Je bent al aangemeld: Het goede gesprek over pleegzorg")
    expect(mail.text).toContain("Je staat op de wachtlijst. Je bent nummer 3.")
    expect(mail.text).toContain("Heb jij dit niet gedaan? Dan hoef je niets te doen.")
    expect(mail.text).not.toContain(token)
  })

  it("a cancelled track is told with the organiser's reason", () => {
    const mail = Templates.render(new DomainEvent.TrackCancelled({ ...base(), reason: "Te weinig aanmeldingen" }))
    expect(mail.subject).toBe("Het traject gaat niet door: Het goede gesprek over pleegzorg")
    expect(mail.text).toContain("Reden: Te weinig aanmeldingen")
    expect(mail.text).toContain("Deze bijeenkomsten gaan dus niet door:")
    // the calendar file takes the same entries out of the calendar: same UIDs, cancelled
    const events = ics(mail).events
    expect(events.map((e) => [e["UID"]!.slice(-12), e["STATUS"]])).toEqual([
      ["-1@pleegzorg", "CANCELLED"],
      ["-2@pleegzorg", "CANCELLED"],
      ["-3@pleegzorg", "CANCELLED"]
    ])
  })

  it("a withdrawal's calendar file takes the sessions out of the calendar", () => {
    const mail = Templates.render(new DomainEvent.RegistrationWithdrawn({ ...base(), by: "person" }))
    expect(mail.text).toContain("Open dan het agendabestand (.ics) in de bijlage: dan haalt je agenda ze weg.")
    expect(ics(mail).events.map((e) => e["STATUS"])).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"])
  })

  it("writes session times on the Amsterdam clock, summer time included", () => {
    // sessions 2 and 3 in summer time (UTC+2) and just after the clocks went back (UTC+1)
    const summer = new DomainEvent.RegistrationConfirmed({
      ...base({}, sessions(fixed("2023-10-31", "16:00", "20:30"), fixed("2023-06-15", "16:00", "20:30"))),
      token
    })
    const file = Templates.render(summer).attachments[0]!.content
    expect(file).toContain("BEGIN:VTIMEZONE")
    expect(file).toContain("DTSTART;TZID=Europe/Amsterdam:20230615T160000")
    expect(icsInstants(file).map((e) => e.start)).toEqual([
      "2022-11-17T15:00:00.000Z",
      "2023-06-15T14:00:00.000Z",
      "2023-10-31T15:00:00.000Z"
    ])
  })

  it("no calendar file holds personal data", () => {
    for (const event of everyKind({ name: "Zoë Zuidema", email: "zoe@voorbeeld.nl" })) {
      for (const attachment of Templates.render(event).attachments) {
        for (const secret of ["Zoë", "Zuidema", "zoe@", "voorbeeld", token, invitationToken, "reg_"]) {
          expect(attachment.content).not.toContain(secret)
        }
      }
    }
  })
})

describe("Templates: survey invitation and reminder", () => {
  const publicUrl = "https://pleegzorg.example.org/"
  const link = `https://pleegzorg.example.org/vragenlijst#code=${invitationToken}`
  const invited = (...args: Parameters<typeof surveyBase>) => new DomainEvent.SurveyInvited(surveyBase(...args))
  const reminded = (...args: Parameters<typeof surveyBase>) => new DomainEvent.SurveyReminded(surveyBase(...args))

  it("the Dutch invitation says why, that it is anonymous, how long it takes, and links to the survey", () => {
    const event = invited()
    const mail = Templates.render(event, { publicUrl })
    expect(mail.subject).toBe("Doe mee aan de vragenlijst over pleegzorg in Rijk van Nijmegen")
    expect(mail.to).toEqual({ name: "Eva de Vries", address: "eva@example.org" })
    expect(mail.messageId).toBe(`<${event.id}@pleegzorg>`)
    expect(mail.headers["Content-Language"]).toBe("nl")
    expect(mail.attachments).toEqual([])
    for (
      const sentence of [
        "Hallo Eva de Vries,",
        "We nodigen je uit voor een vragenlijst over pleegzorg in de regio Rijk van Nijmegen.",
        "Vragenlijst: Vragenlijst pleegzorg",
        "In de tweede bijeenkomst bespreken we de uitkomsten van deze vragenlijst. Ze zijn het begin van het gesprek.",
        "De vragenlijst is anoniem. We bewaren niet wie wat heeft geantwoord.",
        "We laten antwoorden alleen zien per groep, en alleen als die groep groot genoeg is.",
        "Je antwoorden tellen mee bij de groep pleeggezinnen.",
        "Het invullen duurt ongeveer 10 minuten.",
        `Vul de vragenlijst in via deze link:\n\n${link}\n`,
        "De organisatie van het goede gesprek over pleegzorg, regio Rijk van Nijmegen"
      ]
    ) expect(mail.text).toContain(sentence)
    expect(mail.html).toContain(`<a href="${link}">${link}</a>`)
    expect(mail.html).toContain("Het invullen duurt ongeveer 10 minuten.")
    expect(mail.text).not.toContain(".ics")
  })

  it("the English invitation says the same in English, without Dutch", () => {
    const mail = Templates.render(invited({ language: "en" }), { publicUrl })
    expect(mail.subject).toBe("Take part in the survey about foster care in Rijk van Nijmegen")
    expect(mail.headers["Content-Language"]).toBe("en")
    for (
      const sentence of [
        "Hello Eva de Vries,",
        "Survey: Foster care survey",
        "In the second session we discuss the results of this survey. They are the start of the conversation.",
        "The survey is anonymous. We do not keep who answered what.",
        "We only show answers per group, and only for groups that are large enough.",
        "Your answers are counted in the group foster families.",
        "It takes about 10 minutes.",
        `Fill in the survey with this link:\n\n${link}\n`
      ]
    ) expect(mail.text).toContain(sentence)
    expect(mail.html).toContain(`<html lang="en">`)
    // (the link's path is Dutch: /vragenlijst)
    expect(mail.text.replace(/https:\/\/\S+/g, "")).not.toMatch(/\b(je|jouw|vragenlijst|Hallo|regio)\b/i)
  })

  it("a pooled invitation says plainly that the group was too small and whose answers they count with; only then", () => {
    const nl = Templates.render(invited({}, { pooled: true }))
    expect(nl.text).toContain(
      "Er zijn maar weinig mensen uit jouw groep uitgenodigd. Die groep is te klein om apart te laten zien. Daarom tellen we je antwoorden samen met die van professionals (hulpverleners en beleidsmakers)."
    )
    expect(nl.text).not.toContain("Je antwoorden tellen mee bij de groep")
    const en = Templates.render(invited({ language: "en" }, { pooled: true }))
    expect(en.text).toContain(
      "That group is too small to be shown on its own. So we count your answers together with those of professionals (care workers and policy makers)."
    )
    for (const language of ["nl", "en"] as const) {
      const own = Templates.render(invited({ language }, { pooled: false }))
      expect(own.text).not.toMatch(/te klein|too small|samen met die van|together with those of/)
    }
  })

  it("greets without a name when there is none, and addresses the mail to the address alone", () => {
    for (const language of ["nl", "en"] as const) {
      for (const event of surveyKinds({ name: undefined, language })) {
        const mail = Templates.render(event, { publicUrl })
        const hello = language === "nl" ? "Hallo," : "Hello,"
        expect(mail.text.startsWith(`${hello}\n\n`), event._tag).toBe(true)
        expect(mail.html).toContain(`<p>${hello}</p>`)
        expect(mail.to).toEqual({ address: "eva@example.org" })
      }
    }
  })

  it("escapes the survey title in the HTML", () => {
    for (const event of [invited({}, { title: "Zorg <b>samen</b> & \"beter\"" }), reminded({}, { title: "Zorg <b>samen</b>" })]) {
      const mail = Templates.render(event, { publicUrl })
      expect(mail.html).toContain("Zorg &lt;b&gt;samen&lt;/b&gt;")
      expect(mail.html).not.toContain("<b>")
      expect(mail.text).toContain("Vragenlijst: Zorg <b>samen</b>")
    }
  })

  it("puts the token only after # in a link, never in a URL's path or query", () => {
    const addresses = ["https://pleegzorg.example.org", "https://pleegzorg.example.org/", "https://example.org/pleegzorg/"]
    for (const address of addresses) {
      for (const language of ["nl", "en"] as const) {
        for (const event of surveyKinds({ language })) {
          const mail = Templates.render(event, { publicUrl: address })
          const urls = [
            ...[...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
            ...[...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))
          ]
          expect(urls, `${address} ${event._tag}`).toHaveLength(2)
          for (const url of urls.map((u) => new URL(u))) {
            expect(url.pathname).toBe(`${new URL(address).pathname.replace(/\/$/, "")}/vragenlijst`)
            expect(url.search).toBe("")
            expect(url.hash).toBe(`#code=${invitationToken}`)
          }
          // and nowhere else: every time the token appears, it follows "#code="
          for (const part of [mail.text, mail.html]) {
            let at = part.indexOf(invitationToken)
            expect(at).toBeGreaterThan(0)
            while (at !== -1) {
              expect(part.slice(at - 6, at)).toBe("#code=")
              at = part.indexOf(invitationToken, at + 1)
            }
          }
        }
      }
    }
  })

  it("without a public address gives the code and where to enter it", () => {
    const nl = Templates.render(invited())
    expect(nl.text).toContain(
      `Ga naar de vragenlijst op de website van het goede gesprek over pleegzorg. Vul daar deze code in:\n\n    ${invitationToken}\n`
    )
    expect(nl.text).toContain("De code is alleen voor jou en werkt één keer.")
    expect(nl.text).not.toContain("http")
    expect(nl.html).toContain(`<code>${invitationToken}</code>`)
    const en = Templates.render(reminded({ language: "en" }))
    expect(en.text).toContain(`Enter this new code there:\n\n    ${invitationToken}\n`)
    expect(en.text).toContain("The code in your first email works too.")
  })

  it("the reminder is short: not filled in yet, the new link, and ignore it if you did", () => {
    const nl = Templates.render(reminded(), { publicUrl })
    expect(nl.subject).toBe("Herinnering: de vragenlijst over pleegzorg in Rijk van Nijmegen")
    for (
      const sentence of [
        "Heb je de vragenlijst over pleegzorg in de regio Rijk van Nijmegen nog niet ingevuld? Dat kan nog steeds. Het duurt ongeveer 10 minuten.",
        `Vul de vragenlijst in via deze nieuwe link:\n\n${link}\n`,
        "De link uit je eerste mail werkt ook nog.",
        "Heb je de vragenlijst al ingevuld? Dank je wel! Dan kun je deze mail negeren.",
        "Wij kunnen niet zien wie welke antwoorden gaf. Zo blijft de vragenlijst anoniem."
      ]
    ) expect(nl.text).toContain(sentence)
    expect(nl.attachments).toEqual([])
    expect(nl.text.length).toBeLessThan(Templates.render(invited(), { publicUrl }).text.length)
    const en = Templates.render(reminded({ language: "en" }), { publicUrl })
    expect(en.subject).toBe("Reminder: the survey about foster care in Rijk van Nijmegen")
    expect(en.text).toContain("Have you not filled in the survey about foster care in the region Rijk van Nijmegen yet?")
    expect(en.text).toContain(`Fill in the survey with this new link:\n\n${link}\n`)
    expect(en.text).toContain("Then you can ignore this email. We cannot see who gave which answers.")
  })
})

describe("Templates: improvement agenda", () => {
  const publicUrl = "https://pleegzorg.example.org/"
  const link = `https://pleegzorg.example.org/tracks/${trackId}/agenda.html`
  const linkEn = `${link}?lang=en`
  const adopted = (
    owner: Parameters<typeof agendaBase>[0] = {},
    actions: ReadonlyArray<DomainEvent.ActionSummary> = [action({ status: "Proposed" })],
    version = 1
  ) =>
    new DomainEvent.AgendaAdopted({ ...agendaBase(owner, version), actions })
  const dueSoon = (owner: Parameters<typeof agendaBase>[0] = {}, days = 14, title?: string) =>
    new DomainEvent.ActionDueSoon({
      ...agendaBase(owner),
      action: action({ status: "InProgress", ...(title === undefined ? {} : { title }) }),
      days
    })
  const overdue = (owner: Parameters<typeof agendaBase>[0] = {}, title?: string) =>
    new DomainEvent.ActionOverdue({
      ...agendaBase(owner),
      action: action({ status: "Agreed", ...(title === undefined ? {} : { title }) })
    })
  const review = (
    owner: Parameters<typeof agendaBase>[0] = {},
    actions: ReadonlyArray<DomainEvent.ActionSummary> = [action({ status: "InProgress" })]
  ) =>
    new DomainEvent.ReviewDueSoon({ ...agendaBase(owner), moment: 6, due: date("2024-10-18"), actions })

  const expectAll = (part: string, sentences: ReadonlyArray<string>) => {
    for (const sentence of sentences) expect(part).toContain(sentence)
  }

  it("the adoption tells the owner the date, lists their actions with theme, period and status, and links to the agenda", () => {
    const event = adopted({}, [action({ status: "Proposed" }), action({ title: "Vaste contactpersoon", theme: "Contact", status: "Agreed" })])
    const nl = Templates.render(event, { publicUrl })
    expect(nl.subject).toBe("De verbeteragenda voor Rijk van Nijmegen is vastgesteld")
    expect(nl.to).toEqual({ name: "Eva de Vries", address: "eva@example.org" })
    expect(nl.messageId).toBe(`<${event.id}@pleegzorg>`)
    expect(nl.headers["Content-Language"]).toBe("nl")
    expect(nl.attachments).toEqual([])
    expectAll(nl.text, [
      "Hallo Eva de Vries,",
      "De verbeteragenda voor de regio Rijk van Nijmegen is op 18 april 2024 vastgesteld.",
      "Je bent eigenaar van deze acties (teamleider, Pleegzorgaanbieder):",
      "Kennismaking pleegouders en ouders\n   Thema: Samenwerking\n   Periode: 1 mei 2024 – 30 september 2024\n   Status: Voorgesteld",
      "Vaste contactpersoon\n   Thema: Contact\n   Periode: 1 mei 2024 – 30 september 2024\n   Status: Afgesproken",
      "Kijk je of de acties kloppen?",
      "Staat een actie nog op Voorgesteld? Spreek die dan af met de organisatie. Dan wordt de status Afgesproken.",
      `Hier lees je de hele verbeteragenda:\n\n${link}\n`,
      "De organisatie van het goede gesprek over pleegzorg, regio Rijk van Nijmegen",
      "Deze mail is automatisch verstuurd."
    ])
    expect(nl.text).not.toContain("Versie")
    expect(nl.text).not.toContain(".ics")
    expect(nl.html).toContain(`<a href="${link}">${link}</a>`)
    expect(nl.html).toContain("<li><strong>Vaste contactpersoon</strong><br>\nThema: Contact<br>\n")

    const en = Templates.render(adopted({ language: "en" }, event.actions), { publicUrl })
    expect(en.subject).toBe("The improvement agenda for Rijk van Nijmegen has been adopted")
    expect(en.headers["Content-Language"]).toBe("en")
    expectAll(en.text, [
      "Hello Eva de Vries,",
      "The improvement agenda for the region Rijk van Nijmegen was adopted on 18 April 2024.",
      "You are the owner of these actions (teamleider, Pleegzorgaanbieder):",
      "Kennismaking pleegouders en ouders\n   Theme: Samenwerking\n   Period: 1 May 2024 – 30 September 2024\n   Status: Proposed",
      "Status: Agreed",
      "Is an action still Proposed? Then please agree it with the organisers, and its status becomes Agreed.",
      `You can read the whole improvement agenda here:\n\n${linkEn}\n`
    ])
    expect(en.html).toContain(`<a href="${linkEn}">${linkEn}</a>`)
  })

  it("a later version says its number; one action is named in the singular; agreed actions need no agreement", () => {
    const nl = Templates.render(adopted({}, [action({ status: "Agreed" })], 3), { publicUrl })
    expect(nl.subject).toBe("Versie 3 van de verbeteragenda voor Rijk van Nijmegen is vastgesteld")
    expect(nl.text).toContain("Versie 3 van de verbeteragenda voor de regio Rijk van Nijmegen is op 18 april 2024 vastgesteld.")
    expect(nl.text).toContain("Je bent eigenaar van deze actie (teamleider, Pleegzorgaanbieder):")
    expect(nl.text).toContain("Kijk je of de actie klopt?")
    expect(nl.text).not.toContain("Voorgesteld")
    const en = Templates.render(adopted({ language: "en" }, [action({ status: "Proposed" })], 2), { publicUrl })
    expect(en.subject).toBe("Version 2 of the improvement agenda for Rijk van Nijmegen has been adopted")
    expect(en.text).toContain("Version 2 of the improvement agenda for the region Rijk van Nijmegen was adopted on 18 April 2024.")
    expect(en.text).toContain("Its status is still Proposed. Please agree it with the organisers")
    const none = Templates.render(adopted({}, [], 2), { publicUrl })
    expect(none.text).toContain("In deze versie ben je geen eigenaar van een actie. Je hoeft niets te doen.")
    expect(none.text).toContain(link)
  })

  it("names every status in Dutch and English", () => {
    const statuses = ["Proposed", "Agreed", "InProgress", "Done", "Dropped"] as const
    const event = adopted({}, statuses.map((status) => action({ status })))
    const labels = (text: string) => [...text.matchAll(/^ {3}Status: (.+)$/gm)].map((m) => m[1])
    expect(labels(Templates.render(event).text)).toEqual(["Voorgesteld", "Afgesproken", "Loopt", "Klaar", "Gestopt"])
    const en = adopted({ language: "en" }, event.actions)
    expect(labels(Templates.render(en).text)).toEqual(["Proposed", "Agreed", "In progress", "Done", "Dropped"])
  })

  it("an action due soon gives its date, how many days are left and its status, and asks for a note", () => {
    const nl = Templates.render(dueSoon(), { publicUrl })
    expect(nl.subject).toBe("Herinnering: “Kennismaking pleegouders en ouders” moet op 30 september 2024 klaar zijn")
    expectAll(nl.text, [
      "De actie “Kennismaking pleegouders en ouders” uit de verbeteragenda voor de regio Rijk van Nijmegen moet op 30 september 2024 klaar zijn. Dat is over 14 dagen.",
      "Thema: Samenwerking\nPeriode: 1 mei 2024 – 30 september 2024\nStatus: Loopt",
      "Hoe staat het ervoor? Stuur de organisatie een korte notitie over hoe het gaat.",
      "Is de actie al klaar? Schrijf dan kort op hoe het is gegaan. Dan sluit de organisatie de actie af.",
      link
    ])
    expect(nl.attachments).toEqual([])
    expect(Templates.render(dueSoon({}, 1)).text).toContain("Dat is morgen.")
    const en = Templates.render(dueSoon({ language: "en" }), { publicUrl })
    expect(en.subject).toBe("Reminder: “Kennismaking pleegouders en ouders” is due on 30 September 2024")
    expectAll(en.text, [
      "The action “Kennismaking pleegouders en ouders” from the improvement agenda for the region Rijk van Nijmegen is due on 30 September 2024. That is in 14 days.",
      "Theme: Samenwerking\nPeriod: 1 May 2024 – 30 September 2024\nStatus: In progress",
      "Send the organisers a short note on the progress.",
      "Then write briefly how it went, and the organisers will close it.",
      linkEn
    ])
    expect(Templates.render(dueSoon({ language: "en" }, 1)).text).toContain("That is tomorrow.")
  })

  it("an overdue action gives its date and three ways on: an update, a new date in a new version, or dropping it with a reason", () => {
    const nl = Templates.render(overdue(), { publicUrl })
    expect(nl.subject).toBe("De einddatum is voorbij: “Kennismaking pleegouders en ouders”")
    expectAll(nl.text, [
      "De actie “Kennismaking pleegouders en ouders” uit de verbeteragenda voor de regio Rijk van Nijmegen moest op 30 september 2024 klaar zijn. Volgens de agenda is de actie nog niet klaar.",
      "Status: Afgesproken",
      "Laat de organisatie weten hoe het ervoor staat. Kies wat past:\n- Geef een update",
      "Spreek dan met de organisatie een nieuwe einddatum af. Die komt in een nieuwe versie van de verbeteragenda.",
      "Gaat de actie niet door? Laat dan weten waarom. Dan wordt de actie gestopt.",
      link
    ])
    expect(nl.html).toContain("Kies wat past:<br>\n- Geef een update")
    const en = Templates.render(overdue({ language: "en" }), { publicUrl })
    expect(en.subject).toBe("Past its due date: “Kennismaking pleegouders en ouders”")
    expectAll(en.text, [
      "The action “Kennismaking pleegouders en ouders” from the improvement agenda for the region Rijk van Nijmegen was due on 30 September 2024. According to the agenda it is not done yet.",
      "Status: Agreed",
      "- Give an update: how is it going, and when will the action be done?",
      "Then agree a new due date with the organisers. It goes into a new version of the improvement agenda.",
      "- Will the action not go ahead? Then let them know why, and the action will be dropped.",
      linkEn
    ])
  })

  it("a coming review gives the moment and the date, lists the owner's open actions, and asks for a note on each", () => {
    const actions = [action({ status: "InProgress" }), action({ title: "Vaste contactpersoon", status: "Agreed", due: "2025-01-31" })]
    const nl = Templates.render(review({}, actions), { publicUrl })
    expect(nl.subject).toBe("Evaluatie van de verbeteragenda voor Rijk van Nijmegen na 6 maanden")
    expectAll(nl.text, [
      "Rond 18 oktober 2024 is de evaluatie van de verbeteragenda voor de regio Rijk van Nijmegen. Dat is de tussentijdse bespreking na 6 maanden.",
      "Deze acties van jou staan nog open:",
      "Kennismaking pleegouders en ouders\n   Thema: Samenwerking\n   Periode: 1 mei 2024 – 30 september 2024\n   Status: Loopt",
      "Vaste contactpersoon\n   Thema: Samenwerking\n   Periode: 1 mei 2024 – 31 januari 2025\n   Status: Afgesproken",
      "Wil je de organisatie vóór de bespreking per actie een korte notitie sturen? Schrijf op hoe het gaat en wat er nog nodig is.",
      link
    ])
    const en = Templates.render(review({ language: "en" }, actions), { publicUrl })
    expect(en.subject).toBe("Review of the improvement agenda for Rijk van Nijmegen after 6 months")
    expectAll(en.text, [
      "The improvement agenda for the region Rijk van Nijmegen is reviewed around 18 October 2024. That is the interim review after 6 months",
      "These actions of yours are still open:",
      "Period: 1 May 2024 – 31 January 2025\n   Status: Agreed",
      "Could you send the organisers a short note on each action before the review?",
      linkEn
    ])
    const done = Templates.render(review({}, []))
    expect(done.text).toContain("Je hebt geen open acties meer. Je hoeft niets te doen.")
  })

  it("escapes action titles in the HTML, and keeps them as written in the text", () => {
    const title = `Plan <b>&"samen"`
    const escaped = "Plan &lt;b&gt;&amp;&quot;samen&quot;"
    const events = [
      adopted({}, [action({ title, theme: "<i>thema</i>" })]),
      dueSoon({}, 14, title),
      overdue({}, title),
      review({}, [action({ title })])
    ]
    for (const event of events) {
      const mail = Templates.render(event, { publicUrl })
      expect(mail.html, event._tag).toContain(escaped)
      expect(mail.html, event._tag).not.toMatch(/<b>|<i>/)
      expect(mail.text, event._tag).toContain(title)
    }
    // subjects are plain text; the HTML title escapes them
    const subject = Templates.render(events[1]!).html.match(/<title>(.*)<\/title>/)![1]
    expect(subject).toContain(escaped)
  })

  it("English owners get English mails, without Dutch", () => {
    // the data of the examples is Dutch; what is left must be English
    const data = [
      "Eva de Vries",
      "Kennismaking pleegouders en ouders",
      "Vaste contactpersoon",
      "Samenwerking",
      "teamleider",
      "Pleegzorgaanbieder",
      "Rijk van Nijmegen"
    ]
    for (const event of agendaKinds({ language: "en" })) {
      const mail = Templates.render(event, { publicUrl })
      expect(mail.headers["Content-Language"]).toBe("en")
      expect(mail.html).toContain(`<html lang="en">`)
      expect(mail.text).toContain(linkEn)
      for (const part of [mail.subject, mail.text]) {
        const rest = data.reduce((text, d) => text.replaceAll(d, ""), part).replace(/https:\/\/\S+/g, "")
        expect(rest, event._tag).not.toMatch(
          /\b(je|jouw|de|het|van|actie|acties|verbeteragenda|evaluatie|Hallo|regio|Thema|Periode|Voorgesteld|Afgesproken|Loopt|Klaar|Gestopt|organisatie)\b/
        )
      }
    }
  })

  it("greets without a name when there is none, and addresses the mail to the address alone", () => {
    for (const language of ["nl", "en"] as const) {
      for (const event of agendaKinds({ name: undefined, language })) {
        const mail = Templates.render(event, { publicUrl })
        const hello = language === "nl" ? "Hallo," : "Hello,"
        expect(mail.text.startsWith(`${hello}\n\n`), event._tag).toBe(true)
        expect(mail.to).toEqual({ address: "eva@example.org" })
      }
    }
  })

  it("without a public address says where the agenda is, with no link; the link is built like the others", () => {
    for (const event of agendaKinds()) {
      const mail = Templates.render(event)
      expect(mail.text).toContain("De hele verbeteragenda staat op de website van het goede gesprek over pleegzorg.")
      expect(mail.text).not.toContain("http")
      expect(mail.html).not.toContain("<a ")
    }
    expect(Templates.render(agendaKinds({ language: "en" })[0]!).text).toContain(
      "The whole improvement agenda is on the website of the good conversation about foster care."
    )
    expect(Templates.agendaLink(trackId, "nl", {})).toEqual(Option.none())
    for (const address of ["https://example.org/pleegzorg", "https://example.org/pleegzorg/", "https://example.org/pleegzorg//"]) {
      expect(Templates.agendaLink(trackId, "nl", { publicUrl: address })).toEqual(
        Option.some(`https://example.org/pleegzorg/tracks/${trackId}/agenda.html`)
      )
      expect(Templates.agendaLink(trackId, "en", { publicUrl: address })).toEqual(
        Option.some(`https://example.org/pleegzorg/tracks/${trackId}/agenda.html?lang=en`)
      )
    }
  })
})

describe("Templates: mentor matching", () => {
  const publicUrl = "https://pleegzorg.example.org/"
  const link = `https://pleegzorg.example.org/koppeling#match=${matchId}&code=${matchToken}`
  const explanation = matchExplanation()
  const questions = `Hoe vertel je het aan je eigen kinderen?\n<script>alert("hoi")</script> & wat doe je met "oma's"?`

  const expectAll = (part: string, sentences: ReadonlyArray<string>) => {
    for (const sentence of sentences) expect(part).toContain(sentence)
  }

  // the links in a mail: in the text, and the href of each anchor
  const links = (mail: Mailer.Mail) => [
    ...[...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
    ...[...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))
  ]

  it("the Dutch proposal tells the mentor who asks (categories only), why it fits, and how to answer", () => {
    const event = proposed({ name: "Anna Jansen", email: "anna@example.org" })
    const mail = Templates.render(event, { publicUrl })
    expect(mail.subject).toBe("Wil je mentor zijn voor iemand in Rijk van Nijmegen?")
    expect(mail.to).toEqual({ name: "Anna Jansen", address: "anna@example.org" })
    expect(mail.messageId).toBe(`<${event.id}@pleegzorg>`)
    expect(mail.headers["Content-Language"]).toBe("nl")
    expect(mail.attachments).toEqual([])
    expectAll(mail.text, [
      "Hallo Anna Jansen,",
      "Iemand in de regio Rijk van Nijmegen denkt erover om pleegouder te worden. Deze persoon wil graag vragen stellen aan een ervaren pleegouder.",
      "Wil je mentor zijn?",
      [
        "Denkt aan: kortdurende pleegzorg en deeltijdpleegzorg (weekend en vakantie)",
        "Gezinssituatie: stel met eigen kinderen",
        "Talen: Nederlands en Engels",
        "Kan praten: 's avonds en in het weekend",
        "Afstand tot jou: ongeveer 12 km"
      ].join("\n"),
      `Waarom we denken dat het past:\n${explanation.nl}`,
      "Alleen als jij ja zegt, krijgen jullie elkaars naam en e-mailadres.",
      `Geef je antwoord via deze link:\n\n${link}\n`,
      "Je mag ook nee zeggen. Je hoeft niet uit te leggen waarom.",
      "We vragen je nooit voor meer aspirant-pleegouders dan je zelf hebt aangegeven.",
      "De organisatie van het goede gesprek over pleegzorg, regio Rijk van Nijmegen"
    ])
    expect(explanation.nl).toContain("afstand 12,4 km")
    expect(mail.html).toContain(`<a href="${link.replace("&", "&amp;")}">`)
    expect(mail.html).toContain("<strong>Kan praten:</strong> &#39;s avonds en in het weekend")
  })

  it("the English proposal says the same in English, with the English explanation", () => {
    const mail = Templates.render(proposed({ language: "en" }), { publicUrl })
    expect(mail.subject).toBe("Would you like to be a mentor for someone in Rijk van Nijmegen?")
    expect(mail.headers["Content-Language"]).toBe("en")
    expect(mail.html).toContain(`<html lang="en">`)
    expectAll(mail.text, [
      "Hello Eva de Vries,",
      "Someone in the region Rijk van Nijmegen is thinking about becoming a foster parent, and would like to ask an experienced foster parent some questions.",
      [
        "Considering: short-term foster care and part-time foster care (weekends and holidays)",
        "Family situation: couple with children of their own",
        "Languages: Dutch and English",
        "Can talk: evenings and weekends",
        "Distance from you: about 12 km"
      ].join("\n"),
      `Why we think it is a good fit:\n${explanation.en}`,
      "Only if you say yes will you get each other's name and email address.",
      `Give your answer with this link:\n\n${link}\n`,
      "You can also say no. You do not need to give a reason.",
      "We never ask you to take on more prospective foster parents than you told us you have room for."
    ])
    expect(explanation.en).toContain("distance 12.4 km")
    expect(mail.text).not.toContain(explanation.nl)
  })

  it("gives the distance in whole kilometres, and under 1 km as less than 1 km", () => {
    expect(Templates.render(proposed({}, 7.6)).text).toContain("Afstand tot jou: ongeveer 8 km")
    expect(Templates.render(proposed({}, 0)).text).toContain("Afstand tot jou: minder dan 1 km")
    expect(Templates.render(proposed({ language: "en" }, 0.4)).text).toContain("Distance from you: less than 1 km")
  })

  it("the proposal holds no name or address of the prospect: no @ except in the contact line the organisers set", () => {
    // the prospect of the samples, as the introduction to the mentor names them
    const prospect = introduced("mentor").other
    for (const language of ["nl", "en"] as const) {
      const bare = Templates.render(proposed({ language }), { publicUrl })
      for (const part of [bare.subject, bare.text, bare.html]) {
        expect(part).not.toContain("@")
        expect(part).not.toContain(prospect.name)
        expect(part).not.toContain("Bakker")
      }
      const contact = "mentoren@pleegzorg.example.org"
      const withContact = Templates.render(proposed({ language }), { publicUrl, contact })
      const lines = withContact.text.split("\n").filter((line) => line.includes("@"))
      expect(lines).toEqual([
        language === "nl"
          ? `Vragen? Neem contact op met de organisatie: ${contact}`
          : `Questions? Contact the organisers: ${contact}`
      ])
      expect(withContact.html.replaceAll(contact, "")).not.toContain("@")
      expect(withContact.text).not.toContain(prospect.email)
    }
  })

  it("puts the match and the token only after # in a link, never in a URL's path or query", () => {
    const addresses = ["https://pleegzorg.example.org", "https://pleegzorg.example.org/", "https://example.org/pleegzorg/"]
    const events = (language: "nl" | "en") => [
      proposed({ language }),
      introduced("mentor", { language }, questions),
      introduced("prospect", { language })
    ]
    for (const address of addresses) {
      for (const language of ["nl", "en"] as const) {
        for (const event of events(language)) {
          const mail = Templates.render(event, { publicUrl: address })
          const urls = links(mail)
          expect(urls, `${address} ${event._tag}`).toHaveLength(2)
          for (const url of urls.map((u) => new URL(u))) {
            expect(url.pathname).toBe(`${new URL(address).pathname.replace(/\/$/, "")}/koppeling`)
            expect(url.search).toBe("")
            expect(url.hash).toBe(`#match=${matchId}&code=${matchToken}`)
          }
          // and nowhere else: take the links out, and the token is gone
          const href = urls[0]!
          expect(mail.text.replaceAll(href, "")).not.toContain(matchToken)
          expect(mail.html.replaceAll(href.replace("&", "&amp;"), "")).not.toContain(matchToken)
          expect(mail.subject).not.toContain(matchToken)
        }
      }
    }
    expect(Templates.matchLink(matchId, matchToken, {})).toEqual(Option.none())
  })

  it("without a public address gives the match number, the code and where to enter them", () => {
    const nl = Templates.render(proposed())
    expect(nl.text).toContain(
      `Ga naar de pagina over mentoren op de website van het goede gesprek over pleegzorg. Geef daar je antwoord met het nummer van de koppeling en deze code:\n\nKoppeling: ${matchId}\n\n    ${matchToken}\n`
    )
    expect(nl.text).toContain("De code is alleen voor jou. Stuur deze mail daarom niet door.")
    expect(nl.html).toContain(`<code>${matchToken}</code>`)
    const end = Templates.render(introduced("prospect"))
    expect(end.text).toContain("Wil je het contact stoppen? Dat mag altijd. Ga naar de pagina over mentoren")
    expect(end.text).toContain(`Koppeling: ${matchId}\n\n    ${matchToken}\n`)
    const en = Templates.render(introduced("mentor", { language: "en" }))
    expect(en.text).toContain(
      `Do you want to end the contact? You can at any time. Go to the page about mentors on the website of the good conversation about foster care. Enter the match number and this code there:\n\nMatch: ${matchId}\n\n    ${matchToken}\n`
    )
    for (const event of [nl, end, en]) {
      expect(event.text).not.toContain("http")
      expect(event.html).not.toContain("<a ")
    }
  })

  it("the introduction to the mentor names the prospect with their address, quotes their questions, gives tips and how to end it", () => {
    const mail = Templates.render(introduced("mentor", { name: "Anna Jansen", email: "anna@example.org" }, questions), { publicUrl })
    expect(mail.subject).toBe("Je bent nu mentor van Sam Bakker")
    expect(mail.to).toEqual({ name: "Anna Jansen", address: "anna@example.org" })
    expect(mail.attachments).toEqual([])
    expectAll(mail.text, [
      "Hallo Anna Jansen,",
      "Dank je wel dat je ja hebt gezegd! Je bent nu mentor van Sam Bakker.",
      "Sam Bakker woont in de regio Rijk van Nijmegen en denkt erover om pleegouder te worden.",
      "Naam: Sam Bakker\nE-mailadres: sam.bakker@example.net",
      `Dit wil Sam Bakker graag vragen:\n\n> Hoe vertel je het aan je eigen kinderen?\n> <script>alert("hoi")</script> & wat doe je met "oma's"?\n`,
      "Tips voor het contact:\n- Stuur Sam Bakker een mail. Spreek af voor een eerste telefoongesprek, of voor een kop koffie.",
      "- Sam Bakker mag je alles vragen. Er zijn geen domme vragen.",
      "- Vertel over je eigen ervaring als pleegouder",
      "- Vertel niets over je pleegkinderen waaraan iemand ze kan herkennen, zoals namen of wat ze hebben meegemaakt. Dat is vertrouwelijk.",
      `Wil je het contact stoppen? Dat mag altijd. Gebruik dan deze link:\n\n${link}\n`
    ])

    const en = Templates.render(introduced("mentor", { language: "en" }, questions), { publicUrl })
    expect(en.subject).toBe("You are now the mentor of Sam Bakker")
    expectAll(en.text, [
      "Thank you for saying yes! You are now the mentor of Sam Bakker.",
      "Name: Sam Bakker\nEmail address: sam.bakker@example.net",
      "This is what Sam Bakker would like to ask:\n\n> Hoe vertel je het aan je eigen kinderen?",
      "- Share your own experience as a foster parent",
      "- Do not share anything about your foster children that could identify them",
      `Do you want to end the contact? You can at any time. Then use this link:\n\n${link}\n`
    ])
  })

  it("escapes the prospect's questions in the HTML, and keeps them as written in the text", () => {
    const mail = Templates.render(introduced("mentor", {}, questions), { publicUrl })
    expect(mail.html).toContain(
      "<blockquote><p>Hoe vertel je het aan je eigen kinderen?<br>\n&lt;script&gt;alert(&quot;hoi&quot;)&lt;/script&gt; &amp; wat doe je met &quot;oma&#39;s&quot;?</p></blockquote>"
    )
    expect(mail.html).not.toContain("<script")
    expect(mail.html).not.toMatch(/&(?![a-z]+;|#\d+;)/)
    expect(mail.text).toContain(`> <script>alert("hoi")</script> & wat doe je met "oma's"?`)
  })

  it("the introduction to the prospect names the mentor, and never shows the questions", () => {
    const mail = Templates.render(introduced("prospect", {}, questions), { publicUrl })
    expect(mail.subject).toBe("Je mentor is Anna Jansen")
    expectAll(mail.text, [
      "Goed nieuws! Een ervaren pleegouder in de regio Rijk van Nijmegen wil je mentor zijn: Anna Jansen.",
      "Naam: Anna Jansen\nE-mailadres: anna.jansen@example.net",
      "- Je mag alles vragen. Er zijn geen domme vragen.",
      "- Anna Jansen vertelt over de eigen ervaring als pleegouder",
      "- Anna Jansen vertelt niets over de eigen pleegkinderen waaraan iemand ze kan herkennen",
      `Wil je het contact stoppen? Dat mag altijd. Gebruik dan deze link:\n\n${link}\n`
    ])
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain("eigen kinderen?")
      expect(part).not.toContain("script")
      expect(part).not.toContain("graag vragen")
    }
    expect(mail.text).not.toMatch(/^>/m)
    expect(mail.html).not.toContain("<blockquote>")
    const en = Templates.render(introduced("prospect", { language: "en" }, questions), { publicUrl })
    expect(en.subject).toBe("Your mentor is Anna Jansen")
    expect(en.text).toContain("- You can ask anything. There are no silly questions.")
    expect(en.text).not.toContain("would like to ask")
    // and for the mentor, no questions: nothing to quote
    for (const empty of [undefined, "", "   \n "]) {
      const none = Templates.render(introduced("mentor", {}, empty), { publicUrl })
      expect(none.text).not.toContain("graag vragen")
      expect(none.html).not.toContain("<blockquote>")
    }
  })

  it("the end of a match: the prospect hears a new mentor is sought; nothing about why", () => {
    for (const by of ["mentor", "prospect", "organiser"] as const) {
      const nl = Templates.render(ended("prospect", by, true))
      expect(nl.subject).toBe("We zoeken een nieuwe mentor voor je")
      expect(nl.text).toContain(
        "Het contact met je mentor is gestopt. We zoeken een nieuwe mentor voor je. Hebben we iemand gevonden? Dan krijg je een mail."
      )
      expect(nl.text).toContain("De organisatie van het goede gesprek over pleegzorg\n")
      const en = Templates.render(ended("prospect", by, true, { language: "en" }))
      expect(en.subject).toBe("We are looking for a new mentor for you")
      expect(en.text).toContain(
        "The contact with your mentor has ended. We are looking for a new mentor for you. When we have found someone, you will get an email."
      )
      for (const mail of [nl, en]) {
        expect(mail.text).not.toMatch(/omdat|reden|waarom|because|reason|why/i)
        expect(mail.attachments).toEqual([])
      }
    }
    const done = Templates.render(ended("prospect", "prospect", false))
    expect(done.subject).toBe("Het contact met je mentor is gestopt")
    expect(done.text).not.toContain("nieuwe mentor voor je")
  })

  it("the end of a match: the mentor hears who ended it, thanks, and that there is room again", () => {
    const who = {
      mentor: ["Je hebt het contact met je aspirant-pleegouder gestopt.", "You have ended the contact with your prospective foster parent."],
      prospect: [
        "De aspirant-pleegouder met wie je contact had, heeft het contact gestopt.",
        "The prospective foster parent you were in contact with has ended the contact."
      ],
      organiser: [
        "De organisatie heeft het contact tussen jou en je aspirant-pleegouder gestopt.",
        "The organisers have ended the contact between you and your prospective foster parent."
      ]
    } as const
    for (const by of ["mentor", "prospect", "organiser"] as const) {
      const nl = Templates.render(ended("mentor", by, false))
      expect(nl.subject).toBe("Het contact met je aspirant-pleegouder is gestopt")
      expectAll(nl.text, [
        who[by][0],
        "Dank je wel dat je je ervaring hebt gedeeld! Je hebt nu weer ruimte voor een nieuwe aspirant-pleegouder."
      ])
      for (const other of Object.values(who)) if (other !== who[by]) expect(nl.text).not.toContain(other[0])
      const en = Templates.render(ended("mentor", by, false, { language: "en" }))
      expect(en.subject).toBe("The contact with your prospective foster parent has ended")
      expectAll(en.text, [who[by][1], "Thank you for sharing your experience! You now have room again for someone new."])
      for (const mail of [nl, en]) expect(mail.text).not.toMatch(/omdat|reden|waarom|because|reason|why/i)
    }
  })

  it("English mentors and prospects get English mails, without Dutch", () => {
    const data = ["Eva de Vries", "Sam Bakker", "Anna Jansen", "Rijk van Nijmegen", "Hoe vertel je het aan je eigen kinderen?"]
    const events = [
      ...matchKinds({ language: "en" }),
      introduced("prospect", { language: "en" }),
      ended("mentor", "organiser", false, { language: "en" }),
      ended("prospect", "prospect", false, { language: "en" })
    ]
    for (const options of [{ publicUrl }, {}]) {
      for (const event of events) {
        const mail = Templates.render(event, options)
        expect(mail.headers["Content-Language"]).toBe("en")
        for (const part of [mail.subject, mail.text]) {
          const rest = data.reduce((text, d) => text.replaceAll(d, ""), part).replace(/https:\/\/\S+/g, "")
          expect(rest, event._tag).not.toMatch(
            /\b(je|jij|jou|jouw|jullie|de|het|van|en|voor|een|koppeling|pleegzorg|pleegouder|aspirant|regio|Hallo|organisatie|overdag|avonds|Nederlands|Engels|afstand|ervaring)\b/i
          )
        }
      }
    }
  })
})
