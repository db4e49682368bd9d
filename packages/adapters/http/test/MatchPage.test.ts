/**
 * The match page (`GET /koppeling`) at work: its script run against the real
 * server in a small stand-in for a browser page (the elements, events and
 * look-ups the script uses, nothing more). What it is served with is tested
 * in Mentoring.test.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type DomainEvent, MatchingStorage, type MentorMatch, Outbox } from "@pleegzorg/core"
import { call, organiser, TestServer } from "./fixtures.js"
import { makePage, open, scriptOf, serverAddress, until } from "./page.js"

/** The elements of the served page that the script looks up, Dutch first. */
const matchPage = () =>
  makePage("Koppeling met een mentor", (add) => {
    add("button", "language")
    add("p", "intro", undefined, true)
    add("section", "details", undefined, true)
    add("p", "explanation")
    add("h2", "about")
    add("ul", "categories")
    add("div", "answer", undefined, true)
    add("button", "accept")
    add("button", "decline")
    add("form", "end", undefined, true)
    add("textarea", "feedback")
    add("button", "send-end")
    add("p", "result")
  })


// -----------------------------------------------------------------------------
// data
// -----------------------------------------------------------------------------

const contact = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.org`, language: "nl" })

/** Two prospects and one mentor in Nijmegen with two places, a run, and the two proposals from the outbox. */
const proposed = Effect.gen(function*() {
  for (const [name, kinds] of [["Sanne Bakker", ["LongTerm", "Crisis"]], ["Ali Yilmaz", ["LongTerm"]]] as const) {
    const reply = yield* organiser("POST", "/mentoring/prospects", {
      body: {
        municipality: "GM0268",
        kinds,
        family: "CoupleWithChildren",
        languages: ["nl", "ar"],
        availability: ["Evenings", "Weekends"],
        questions: "Hoe gaat het met de eigen kinderen?",
        contact: contact(name)
      }
    })
    expect(reply.status, reply.text).toBe(201)
  }
  const mentor = yield* organiser("POST", "/mentoring/mentors", {
    body: {
      municipality: "GM0268",
      experience: [{ kind: "LongTerm", years: 8 }, { kind: "Crisis", years: 2 }],
      family: "CoupleWithChildren",
      languages: ["nl"],
      availability: ["Evenings"],
      capacity: 2,
      contact: contact("Joke Hendriks")
    }
  })
  expect(mentor.status, mentor.text).toBe(201)
  expect((yield* organiser("POST", "/mentoring/runs", { body: {} })).status).toBe(200)
  return yield* mail("MentorProposed")
})

/** The mail of one kind that went out since the last look, taken out of the outbox. */
const mail = <T extends "MentorProposed" | "MatchIntroduced">(tag: T) =>
  Effect.gen(function*() {
    const outbox = yield* Outbox.Outbox
    const entries = yield* outbox.claim({
      now: DateTime.unsafeMake(Date.now() + 1000 * 24 * 60 * 60 * 1000),
      limit: 1000,
      lease: Duration.seconds(1)
    })
    yield* Effect.forEach(entries, (entry) => outbox.complete(entry.event.id))
    return entries.map((entry) => entry.event).filter((event): event is Extract<DomainEvent.DomainEvent, { _tag: T }> =>
      event._tag === tag
    )
  })

const statusOf = (matchId: string) =>
  Effect.gen(function*() {
    const match = yield* (yield* MatchingStorage.MatchRepository).get(matchId as MentorMatch.MatchId)
    return match._tag === "Some" ? match.value.status : undefined
  })

// -----------------------------------------------------------------------------
// the page at work
// -----------------------------------------------------------------------------

describe("the match page at work", () => {
  it.live("the mentor opens the proposal from the mail, reads why in Dutch or English, and says yes", () =>
    Effect.gen(function*() {
      const [proposal] = yield* proposed
      const script = scriptOf((yield* call("GET", "/koppeling")).text)
      const page = open(matchPage(), script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${proposal!.token}`)

      // The match and the code are out of the address bar before anything else happens.
      expect(page.visited[1]).toBe("http://localhost/koppeling")
      expect(page.location.href).not.toContain(proposal!.token)
      yield* until(() => !page.element("intro").hidden)
      expect(page.requests.map((r) => r.url)).toEqual([`/mentoring/matches/${proposal!.matchId}/view`])
      expect(JSON.parse(page.requests[0]!.body)).toEqual({ code: proposal!.token })

      // Dutch: why, and the prospect's categories, in words; the buttons to answer.
      expect(page.element("intro").textContent).toContain("Je bent voorgesteld als mentor voor een aspirant-pleegouder.")
      expect(page.element("explanation").textContent).toBe(proposal!.explanation.nl)
      const lines = () => page.element("categories").children.map((li) => li.textContent)
      expect(lines()).toEqual([
        "Regio: Rijk van Nijmegen",
        expect.stringMatching(/^Vorm van pleegzorg: (langdurende pleegzorg en crisispleegzorg|langdurende pleegzorg)$/),
        "Gezinssituatie: stel met eigen kinderen",
        "Talen: Nederlands en Arabisch",
        "Beschikbaar: 's avonds en in het weekend"
      ])
      expect(page.element("answer").hidden).toBe(false)
      expect(page.element("end").hidden).toBe(true)
      expect(page.element("result").textContent).toBe("")

      // English with the button, without another request.
      page.element("language").dispatch("click")
      expect(page.location.search).toBe("?lang=en")
      expect(page.element("explanation").textContent).toBe(proposal!.explanation.en)
      expect(lines()).toContain("Languages: Dutch and Arabic")
      expect(lines()).toContain("Available: evenings and weekends")
      expect(page.requests).toHaveLength(1)

      // Yes: the match is active, the buttons are gone, and the page says what happens next.
      page.element("accept").dispatch("click")
      yield* until(() => page.element("answer").hidden)
      expect(page.element("result").textContent).toContain("Thank you! You will both get an email")
      expect(JSON.parse(page.requests.at(-1)!.body)).toEqual({ code: proposal!.token })
      expect((yield* statusOf(proposal!.matchId))?._tag).toBe("Active")
    }).pipe(Effect.provide(TestServer)))

  it.live("the mentor says no; a wrong code or no link is said in words, and answers nothing", () =>
    Effect.gen(function*() {
      const [first, second] = yield* proposed
      const script = scriptOf((yield* call("GET", "/koppeling")).text)
      const server = yield* serverAddress

      // Someone else's code: the server's reason, no buttons.
      const wrong = open(matchPage(), script, server, `/koppeling#match=${first!.matchId}&code=${second!.token}`)
      yield* until(() => wrong.element("result").textContent.includes("Gebruik de link"))
      expect(wrong.element("result").textContent).toBe(
        "Deze code hoort niet bij deze koppeling. Gebruik de link uit je eigen mail."
      )
      expect(wrong.element("answer").hidden).toBe(true)
      expect((yield* statusOf(first!.matchId))?._tag).toBe("Proposed")

      // No link at all: it says where to find one, and asks nothing of the server.
      const bare = open(matchPage(), script, server, "/koppeling?lang=en")
      expect(bare.element("result").textContent).toContain("Open this page with the link in your email.")
      expect(bare.requests).toEqual([])

      // No: the proposal is declined.
      const page = open(matchPage(), script, server, `/koppeling#match=${second!.matchId}&code=${second!.token}`)
      yield* until(() => !page.element("answer").hidden)
      page.element("decline").dispatch("click")
      yield* until(() => page.element("answer").hidden)
      expect(page.element("result").textContent).toContain("Helemaal goed, dank je wel voor je antwoord.")
      expect(yield* statusOf(second!.matchId)).toMatchObject({ _tag: "Declined", by: "mentor" })
    }).pipe(Effect.provide(TestServer)))

  it.live("either side ends an active match with the link from the introduction mail, with feedback", () =>
    Effect.gen(function*() {
      const [proposal] = yield* proposed
      expect((yield* call("POST", `/mentoring/matches/${proposal!.matchId}/accept`, { body: { code: proposal!.token } })).status)
        .toBe(200)
      const introductions = yield* mail("MatchIntroduced")
      const forProspect = introductions.find((e) => e.role === "prospect")!
      const script = scriptOf((yield* call("GET", "/koppeling")).text)
      const page = open(matchPage(), script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${forProspect.token}`)

      yield* until(() => !page.element("end").hidden)
      expect(page.element("intro").textContent).toContain("Deze koppeling loopt.")
      expect(page.element("answer").hidden).toBe(true)
      page.element("feedback").value = "  Fijne gesprekken gehad.  "
      page.element("end").dispatch("submit")
      yield* until(() => page.element("end").hidden)
      expect(page.element("result").textContent).toContain("De koppeling is beëindigd.")
      expect(page.element("result").textContent).toContain("We zoeken een nieuwe mentor voor je")
      expect(JSON.parse(page.requests.at(-1)!.body)).toEqual({ code: forProspect.token, feedback: "Fijne gesprekken gehad." })
      expect(yield* statusOf(proposal!.matchId)).toMatchObject({ _tag: "Ended", by: "prospect", feedback: "Fijne gesprekken gehad." })

      // Opened again: the page says it has ended, and offers nothing.
      const again = open(matchPage(), script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${forProspect.token}`)
      yield* until(() => !again.element("intro").hidden)
      expect(again.element("intro").textContent).toBe("Deze koppeling is beëindigd.")
      expect([again.element("answer").hidden, again.element("end").hidden]).toEqual([true, true])
    }).pipe(Effect.provide(TestServer)))
})
