/**
 * A small stand-in for a browser page, for the tests of the pages' scripts:
 * the elements, events and look-ups the scripts use, nothing more. The
 * script runs against the real test server.
 */
import * as HttpServer from "@effect/platform/HttpServer"
import { expect } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"

/** The inline script of a served page. */
export const scriptOf = (page: string) => page.slice(page.indexOf("<script>") + 8, page.indexOf("</script>"))

const styleOf = (page: string) => page.slice(page.indexOf("<style>") + 7, page.indexOf("</style>"))
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`

/**
 * Checks how a self-contained page is served: HTML, never cached, no
 * referrer, not in a frame, and a CSP that allows only its own script and
 * style (by hash) and requests to its own server.
 */
export const expectSelfContainedPage = (reply: { readonly status: number; readonly headers: Record<string, string | undefined>; readonly text: string }) => {
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
  expect(csp).toContain("form-action 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toContain("unsafe")
  expect(reply.text).not.toMatch(/<script[^>]+src=/)
  expect(reply.text).not.toMatch(/<link\b/i)
}

type Listener = (event: { preventDefault: () => void }) => void

export class Element {
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

/**
 * A document of `elements` (added under the body by `build`), Dutch first.
 * `add(tagName, id, texts?, hidden?)` adds one; texts set its two languages.
 */
export const makePage = (
  title: string,
  build: (add: (tagName: string, id: string, texts?: { nl: string; en: string }, hidden?: boolean) => Element) => void
) => {
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
  build(add)
  const document = {
    documentElement: { lang: "nl" },
    title,
    createElement: (tagName: string) => new Element(tagName),
    getElementById: (id: string) => body.descendants().find((e) => e.id === id) ?? null,
    querySelectorAll: (selector: string) => body.querySelectorAll(selector)
  }
  return { document, element: (id: string) => document.getElementById(id)! }
}

/** Runs the page's script at `address`, with `fetch` going to the test server. */
export const open = (page: ReturnType<typeof makePage>, script: string, server: string, address: string) => {
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

export const until = (condition: () => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 300 && !condition(); i++) yield* Effect.sleep("10 millis")
    expect(condition()).toBe(true)
  })

export const serverAddress = HttpServer.addressWith((address) =>
  Effect.succeed(address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : "")
)

