/**
 * The questionnaire page (`GET /vragenlijst`): what it is served with, and
 * its script run against the real server in a small stand-in for a browser
 * page (the elements, events and look-ups the script uses, nothing more).
 */
import * as HttpServer from "@effect/platform/HttpServer"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Survey, SurveyStorage } from "@pleegzorg/core"
import { createHash } from "node:crypto"
import { call, invitedSurvey, storedSurveys, TestServer } from "./fixtures.js"

const scriptOf = (page: string) => page.slice(page.indexOf("<script>") + 8, page.indexOf("</script>"))
const styleOf = (page: string) => page.slice(page.indexOf("<style>") + 7, page.indexOf("</style>"))
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`

describe("GET /vragenlijst", () => {
  it.live("is a self-contained page that allows only its own script and style, and keeps the code out of the address", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/vragenlijst")
      expect(reply.status).toBe(200)
      expect(reply.headers["content-type"]).toContain("text/html")
      expect(reply.headers["cache-control"]).toBe("no-store")
      expect(reply.headers["referrer-policy"]).toBe("no-referrer")
      expect(reply.headers["x-frame-options"]).toBe("DENY")
      expect(reply.headers["x-content-type-options"]).toBe("nosniff")
      const csp = reply.headers["content-security-policy"]!
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain(`script-src ${sha256(scriptOf(reply.text))}`)
      expect(csp).toContain(`style-src ${sha256(styleOf(reply.text))}`)
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain("unsafe")
      expect(reply.text).toContain("<html lang=\"nl\">")
      expect(reply.text).not.toMatch(/<script[^>]+src=/)
      expect(reply.text).not.toMatch(/<link\b/)
      // without a name the code field is never sent in a URL, even when scripts are off
      expect(reply.text).not.toMatch(/<input[^>]*\bname=/)
      const script = scriptOf(reply.text)
      expect(() => new Function(script)).not.toThrow()
      // what comes from the server goes on the page as text, never as HTML
      expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
      // it finds POST /survey/... next to the page, also behind a prefix or with a trailing slash
      const base = /var base = (location\.pathname\.replace.*)$/m.exec(script)![1]!
      const resolve = (pathname: string) => new Function("location", `return ${base} + "survey/answers"`)({ pathname })
      expect(["/vragenlijst", "/vragenlijst/", "/api/vragenlijst"].map(resolve))
        .toEqual(["/survey/answers", "/survey/answers", "/api/survey/answers"])
    }).pipe(Effect.provide(TestServer)))
})

// -----------------------------------------------------------------------------
// a stand-in for the browser page
// -----------------------------------------------------------------------------

type Listener = (event: { preventDefault: () => void }) => void

class Element {
  [property: string]: unknown
  id = ""
  hidden = false
  value = ""
  checked = false
  disabled = false
  type = ""
  name = ""
  className = ""
  readonly children: Array<Element> = []
  readonly attributes = new Map<string, string>()
  readonly validity = { badInput: false }
  readonly classes = new Set<string>()
  readonly classList = {
    add: (name: string) => void this.classes.add(name),
    remove: (name: string) => void this.classes.delete(name),
    contains: (name: string) => this.classes.has(name)
  }
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
  scrollIntoView() {}
  descendants(): Array<Element> {
    return this.children.flatMap((child) => [child, ...child.descendants()])
  }
  querySelectorAll(selector: string): Array<Element> {
    const match = (e: Element) =>
      selector === "[data-nl]" ? e.attributes.has("data-nl")
      : selector === "input:checked" ? e.tagName === "input" && e.checked
      : e.tagName === selector
    return this.descendants().filter(match)
  }
  querySelector(selector: string): Element | null {
    return this.querySelectorAll(selector)[0] ?? null
  }
}

/** The elements of the served page that the script looks up, Dutch first. */
const makePage = () => {
  const body = new Element("body")
  const add = (tagName: string, id: string, texts?: { nl: string; en: string }, hidden = false) => {
    const element = body.appendChild(new Element(tagName))
    element.id = id
    element.hidden = hidden
    if (texts !== undefined) {
      element.setAttribute("data-nl", texts.nl)
      element.setAttribute("data-en", texts.en)
      element.textContent = texts.nl
    }
    return element
  }
  add("button", "language")
  add("h1", "title", { nl: "Vragenlijst", en: "Survey" })
  add("p", "about", undefined, true)
  add("form", "start", undefined, true)
  add("input", "code")
  const questions = add("form", "questions", undefined, true)
  questions.appendChild(new Element("p")).id = "introduction"
  questions.appendChild(new Element("div")).id = "list"
  questions.appendChild(new Element("button")).id = "send"
  add("p", "result")
  const documentElement = { lang: "nl" }
  const document = {
    documentElement,
    title: "Vragenlijst",
    createElement: (tagName: string) => new Element(tagName),
    getElementById: (id: string) => body.descendants().find((e) => e.id === id) ?? null,
    querySelectorAll: (selector: string) => body.querySelectorAll(selector)
  }
  return { document, element: (id: string) => document.getElementById(id)! }
}

/** Runs the page's script at `address`, with `fetch` going to the test server. */
const open = (script: string, server: string, address: string) => {
  const url = new URL(address, "http://localhost")
  const location = { pathname: url.pathname, search: url.search, hash: url.hash, get href() { return `http://localhost${this.pathname}${this.search}${this.hash}` } }
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
  const window = { scrollTo: () => {} }
  new Function("document", "location", "history", "fetch", "window", script)(
    page.document,
    location,
    history,
    fetchToServer,
    window
  )
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

describe("the questionnaire page at work", () => {
  it.live("takes the code from #code=, clears it from the address, shows the questions, refuses, then thanks", () =>
    Effect.gen(function*() {
      const { codes, surveyId } = yield* invitedSurvey(1)
      const token = codes[0]!
      const script = scriptOf((yield* call("GET", "/vragenlijst")).text)
      const server = yield* serverAddress
      const page = open(script, server, `/vragenlijst#code=${token}`)

      // The code is out of the address bar before anything else happens, and no request carries it in its address.
      expect(page.visited[1]).toBe("http://localhost/vragenlijst")
      expect(page.location.href).not.toContain(token)
      yield* until(() => page.element("list").children.length > 0)
      expect(page.requests.map((r) => r.url)).toEqual(["/survey/questionnaire"])
      expect(JSON.parse(page.requests[0]!.body)).toEqual({ token })

      // Dutch: the title of the survey, the group, and the nine questions of foster families.
      const list = page.element("list")
      expect(page.element("title").textContent).toBe("Vragenlijst over pleegzorg in Rijk van Nijmegen")
      expect(page.element("about").textContent).toBe(
        "Regio Rijk van Nijmegen. Je antwoorden tellen mee bij de groep: Gezinnen (pleeggezinnen en ouders)."
      )
      expect(page.element("start").hidden).toBe(true)
      expect(page.element("questions").hidden).toBe(false)
      const sets = list.children
      expect(sets).toHaveLength(9)
      expect(sets[0]!.querySelector("legend")!.textContent).toBe("1. Pleegzorg in onze regio gaat over het algemeen goed.")
      expect(sets[0]!.querySelectorAll("input").map((i) => [i.type, i.value])).toEqual(
        [["radio", "1"], ["radio", "2"], ["radio", "3"], ["radio", "4"], ["radio", "5"]]
      )
      const number = sets[5]!.querySelector("input")!
      expect([number.type, number["min"], number["max"]]).toEqual(["number", "0", "40"])
      expect(sets[6]!.querySelectorAll("input").every((i) => i.type === "checkbox")).toBe(true)
      expect(sets[8]!.querySelector("textarea")!["maxLength"]).toBe(1000)

      // English with the button, without reloading: the address says so, answers stay.
      page.element("language").dispatch("click")
      expect(page.location.search).toBe("?lang=en")
      expect(sets[0]!.querySelector("legend")!.textContent).toBe("1. Overall, foster care in our region goes well.")
      expect(sets[0]!.querySelectorAll("span")[0]!.textContent).toBe("1 – strongly disagree")

      // A number out of range: the server's reason next to the question, nothing stored.
      const before = yield* storedSurveys
      sets[0]!.querySelectorAll("input")[3]!.checked = true
      number.value = "99"
      page.element("questions").dispatch("submit")
      yield* until(() => sets[5]!.classList.contains("wrong"))
      const problem = sets[5]!.children.at(-1)!
      expect(problem.className).toBe("problem")
      expect(problem.textContent).toBe("Fill in a whole number from 0 to 40.")
      expect(sets[0]!.classList.contains("wrong")).toBe(false)
      expect(yield* storedSurveys).toEqual(before)

      // Put right, with two topics and a text: stored as given, and thanks.
      number.value = "7"
      const topics = sets[6]!.querySelectorAll("input")
      topics[0]!.checked = true
      topics[2]!.checked = true
      sets[8]!.querySelector("textarea")!.value = "Meer tijd voor de eigen kinderen."
      page.element("questions").dispatch("submit")
      yield* until(() => page.element("questions").hidden)
      expect(page.element("result").textContent).toContain("Thank you!")
      expect(sets[5]!.classList.contains("wrong")).toBe(false)
      const sent = JSON.parse(page.requests.at(-1)!.body)
      expect(sent).toEqual({
        token,
        answers: { "gaat-goed": 4, "jaren-betrokken": 7, "onderwerpen": [0, 2], "wat-kan-beter": "Meer tijd voor de eigen kinderen." }
      })
      const counts = yield* (yield* SurveyStorage.AnswerRepository).counts(surveyId as Survey.SurveyId)
      expect(counts.filter((c) => c.question === "onderwerpen").map((c) => c.value).sort()).toEqual([-1, 0, 2])

      // Opened again with the same code: the page says it was used.
      const again = open(script, server, `/vragenlijst?lang=en#code=${token}`)
      yield* until(() => again.element("result").textContent.includes("already"))
      expect(again.element("result").textContent).toBe("This invitation was already used to answer the survey.")
      expect(again.location.href).toBe("http://localhost/vragenlijst?lang=en")
    }).pipe(Effect.provide(TestServer)))

  it.live("without a code in the address it asks for one, and says so when it is not right", () =>
    Effect.gen(function*() {
      const script = scriptOf((yield* call("GET", "/vragenlijst")).text)
      const page = open(script, yield* serverAddress, "/vragenlijst")
      expect(page.element("start").hidden).toBe(false)
      expect(page.requests).toEqual([])
      page.element("code").value = "  niet-de-code  "
      page.element("start").dispatch("submit")
      yield* until(() => page.element("result").textContent.includes("Gebruik de link"))
      expect(page.element("result").textContent).toBe("Deze code klopt niet. Gebruik de link uit je uitnodiging.")
      expect(page.element("start").hidden).toBe(false)
      expect(JSON.parse(page.requests[0]!.body)).toEqual({ token: "niet-de-code" })
    }).pipe(Effect.provide(TestServer)))
})
