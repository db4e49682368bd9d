/**
 * The match page (`GET /koppeling`) at work: its script run against the real
 * server in a small stand-in for a browser page (the elements, events and
 * look-ups the script uses, nothing more). What it is served with is tested
 * in Mentoring.test.ts.
 */
import * as HttpServer from "@effect/platform/HttpServer"
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type DomainEvent, MatchingStorage, type MentorMatch, Outbox } from "@pleegzorg/core"
import { call, organiser, TestServer } from "./fixtures.js"

// -----------------------------------------------------------------------------
// a stand-in for the browser page
// -----------------------------------------------------------------------------

type Listener = (event: { preventDefault: () => void }) => void

class Element {
  id = ""
  hidden = false
  value = ""
  disabled = false
  readonly children: Array<Element> = []
  readonly attributes = new Map<string, string>()
  private text = ""
  private readonly listeners = new Map<string, Array<Listener>>()

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.text + this.children.map((child) => child.textContent).join("")
  }
  set textContent(value: string) {
    this.children.length = 0
    this.text = value
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value)
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null
  }
  removeAttribute(name: string) {
    this.attributes.delete(name)
  }
  appendChild(child: Element) {
    this.children.push(child)
    return child
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  dispatch(type: string) {
    for (const listener of this.listeners.get(type) ?? []) listener({ preventDefault: () => {} })
  }
  descendants(): Array<Element> {
    return this.children.flatMap((child) => [child, ...child.descendants()])
  }
}

/** The elements of the served page that the script looks up, Dutch first. */
const makePage = () => {
  const body = new Element("body")
  const add = (tagName: string, id: string, hidden = false) => {
    const element = body.appendChild(new Element(tagName))
    element.id = id
    element.hidden = hidden
    return element
  }
  add("button", "language")
  add("p", "intro", true)
  add("section", "details", true)
  add("p", "explanation")
  add("h2", "about")
  add("ul", "categories")
  add("div", "answer", true)
  add("button", "accept")
  add("button", "decline")
  add("form", "end", true)
  add("textarea", "feedback")
  add("button", "send-end")
  add("p", "result")
  const document = {
    documentElement: { lang: "nl" },
    title: "Koppeling met een mentor",
    createElement: (tagName: string) => new Element(tagName),
    getElementById: (id: string) => body.descendants().find((e) => e.id === id) ?? null,
    querySelectorAll: (selector: string) =>
      selector === "[data-nl]" ? body.descendants().filter((e) => e.attributes.has("data-nl")) : []
  }
  return { document, element: (id: string) => document.getElementById(id)! }
}

/** Runs the page's script at `address`, with `fetch` going to the test server. */
const open = (script: string, server: string, address: string) => {
  const url = new URL(address, "http://localhost")
  const location = {
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    get href() {
      return `http://localhost${this.pathname}${this.search}${this.hash}`
    }
  }
  const visited: Array<string> = [location.href]
  const history = {
    replaceState: (_state: unknown, _title: string, next: string) => {
      const to = new URL(next, "http://localhost")
      location.pathname = to.pathname
      location.search = to.search
      location.hash = to.hash
      visited.push(location.href)
    }
  }
  const requests: Array<{ url: string; body: string }> = []
  const fetchToServer = (path: string, init: { method: string; headers: Record<string, string>; body: string }) => {
    requests.push({ url: path, body: init.body })
    return fetch(`${server}${path}`, { method: init.method, headers: init.headers, body: init.body })
  }
  const page = makePage()
  new Function("document", "location", "history", "fetch", script)(page.document, location, history, fetchToServer)
  return { ...page, location, visited, requests }
}

const until = (condition: () => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 300 && !condition(); i++) yield* Effect.sleep("10 millis")
    expect(condition()).toBe(true)
  })

const serverAddress = HttpServer.addressWith((address) =>
  Effect.succeed(address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : "")
)

const scriptOf = (page: string) => page.slice(page.indexOf("<script>") + 8, page.indexOf("</script>"))

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
      const page = open(script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${proposal!.token}`)

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
      const wrong = open(script, server, `/koppeling#match=${first!.matchId}&code=${second!.token}`)
      yield* until(() => wrong.element("result").textContent.includes("Gebruik de link"))
      expect(wrong.element("result").textContent).toBe(
        "Deze code hoort niet bij deze koppeling. Gebruik de link uit je eigen mail."
      )
      expect(wrong.element("answer").hidden).toBe(true)
      expect((yield* statusOf(first!.matchId))?._tag).toBe("Proposed")

      // No link at all: it says where to find one, and asks nothing of the server.
      const bare = open(script, server, "/koppeling?lang=en")
      expect(bare.element("result").textContent).toContain("Open this page with the link in your email.")
      expect(bare.requests).toEqual([])

      // No: the proposal is declined.
      const page = open(script, server, `/koppeling#match=${second!.matchId}&code=${second!.token}`)
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
      const page = open(script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${forProspect.token}`)

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
      const again = open(script, yield* serverAddress, `/koppeling#match=${proposal!.matchId}&code=${forProspect.token}`)
      yield* until(() => !again.element("intro").hidden)
      expect(again.element("intro").textContent).toBe("Deze koppeling is beëindigd.")
      expect([again.element("answer").hidden, again.element("end").hidden]).toEqual([true, true])
    }).pipe(Effect.provide(TestServer)))
})
