/**
 * The questionnaire page (`GET /vragenlijst`): what it is served with, and
 * its script run against the real server in a small stand-in for a browser
 * page (the elements, events and look-ups the script uses, nothing more).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Survey, SurveyStorage } from "@pleegzorg/core"
import { call, invitedSurvey, storedSurveys, TestServer } from "./fixtures.js"
import { Element, expectSelfContainedPage, makePage, open, scriptOf, serverAddress, until } from "./page.js"


describe("GET /vragenlijst", () => {
  it.live("is a self-contained page that allows only its own script and style, and keeps the code out of the address", () =>
    Effect.gen(function*() {
      const reply = yield* call("GET", "/vragenlijst")
      expectSelfContainedPage(reply)
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

/** The elements of the served page that the script looks up, Dutch first. */
const surveyPage = () =>
  makePage("Vragenlijst", (add) => {
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
  })

describe("the questionnaire page at work", () => {
  it.live("takes the code from #code=, clears it from the address, shows the questions, refuses, then thanks", () =>
    Effect.gen(function*() {
      const { codes, surveyId } = yield* invitedSurvey(1)
      const token = codes[0]!
      const script = scriptOf((yield* call("GET", "/vragenlijst")).text)
      const server = yield* serverAddress
      const page = open(surveyPage(), script, server, `/vragenlijst#code=${token}`)

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
      const again = open(surveyPage(), script, server, `/vragenlijst?lang=en#code=${token}`)
      yield* until(() => again.element("result").textContent.includes("already"))
      expect(again.element("result").textContent).toBe("This invitation was already used to answer the survey.")
      expect(again.location.href).toBe("http://localhost/vragenlijst?lang=en")
    }).pipe(Effect.provide(TestServer)))

  it.live("without a code in the address it asks for one, and says so when it is not right", () =>
    Effect.gen(function*() {
      const script = scriptOf((yield* call("GET", "/vragenlijst")).text)
      const page = open(surveyPage(), script, yield* serverAddress, "/vragenlijst")
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
