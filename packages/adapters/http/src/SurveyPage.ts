/**
 * The page behind the link in a survey invitation
 * (`/vragenlijst#code=…`, see `@pleegzorg/email`). It reads the code from
 * the part after `#` (which browsers keep out of server logs) and removes it
 * from the address bar, fetches the questionnaire with
 * `POST /survey/questionnaire`, shows the questions, and sends the answers
 * to `POST /survey/answers`. A refused answer shows each problem next to its
 * question; after a good one the page thanks the person.
 *
 * Dutch by default, English with the button at the top or `?lang=en`. The
 * code can also be typed in (the invitation mail gives it as text too). No
 * scripts or styles from elsewhere: the page allows only its own inline
 * script and style (by hash) and talks only to its own server.
 *
 * @since 0.3.0
 */
import type * as Layer from "effect/Layer"
import * as Page from "./internal/page.js"

const style = `
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  button { font-size: 1.1rem; padding: .6rem 1.2rem; }
  input, textarea { font-size: 1rem; }
  #code, textarea { width: 100%; padding: .4rem; box-sizing: border-box; }
  fieldset { border: 1px solid #bbb; border-radius: .4rem; margin: 1.2rem 0; padding: .8rem 1rem; }
  fieldset.wrong { border: 2px solid #b00020; }
  legend { font-weight: 600; padding: 0 .3rem; }
  .option { display: block; padding: .25rem 0; }
  .option input { margin-right: .5rem; }
  .hint { color: #555; font-size: .95rem; margin: .2rem 0; }
  .problem { color: #b00020; font-weight: 600; margin: .3rem 0 0; }
  .problem:empty { display: none; }
  .language { text-align: right; margin: 0; }
  .language button { font-size: .95rem; padding: .3rem .8rem; }
`

// Plain JavaScript for every browser of the last years. Everything from the
// server is put on the page as text (textContent), never as HTML.
const script = `
  "use strict"
  var lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "nl"
  // The code arrives after "#", which browsers do not send to the server.
  // It is taken out of the address bar at once, and kept only in this page.
  var token = new URLSearchParams(location.hash.slice(1)).get("code")
  if (location.hash) history.replaceState(null, "", location.pathname + location.search)
  // POST /survey/... next to this page, also behind a path prefix or with a trailing slash.
  var base = location.pathname.replace(/\\/+$/, "").replace(/[^/]*$/, "")
  var endpoints = { questionnaire: base + "survey/questionnaire", answers: base + "survey/answers" }
  var questions = []
  var view = null

  var words = {
    wait: { nl: "Even geduld…", en: "One moment…" },
    failed: { nl: "Dat lukte niet. Probeer het later nog eens.", en: "That did not work. Please try again later." },
    required: { nl: " (verplicht)", en: " (required)" },
    scale: [
      { nl: "1 – helemaal oneens", en: "1 – strongly disagree" },
      { nl: "2 – oneens", en: "2 – disagree" },
      { nl: "3 – neutraal", en: "3 – neutral" },
      { nl: "4 – eens", en: "4 – agree" },
      { nl: "5 – helemaal eens", en: "5 – strongly agree" }
    ],
    several: { nl: "Je mag meer dan één antwoord kiezen.", en: "You may choose more than one answer." },
    wholeNumber: { nl: "Vul een heel getal in.", en: "Fill in a whole number." }
  }

${Page.scriptHelpers}
  function applyLanguage() {
    document.documentElement.lang = lang
    var nodes = document.querySelectorAll("[data-nl]")
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = nodes[i].getAttribute("data-" + lang)
    var toggle = el("language")
    toggle.textContent = lang === "nl" ? "English" : "Nederlands"
    toggle.lang = lang === "nl" ? "en" : "nl"
    document.title = view ? view.survey.title[lang] : (lang === "nl" ? "Vragenlijst" : "Survey")
  }
  el("language").addEventListener("click", function () {
    lang = lang === "nl" ? "en" : "nl"
    history.replaceState(null, "", location.pathname + (lang === "en" ? "?lang=en" : ""))
    applyLanguage()
  })

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer"
    }).then(function (reply) {
      return reply.json().catch(function () { return {} }).then(function (json) { return { reply: reply, body: json } })
    })
  }

  function option(type, name, value, text) {
    var label = document.createElement("label")
    label.className = "option"
    var input = document.createElement("input")
    input.type = type
    input.name = name
    input.value = String(value)
    var span = document.createElement("span")
    say(span, text)
    label.appendChild(input)
    label.appendChild(span)
    return label
  }
  function hint(text) {
    var p = document.createElement("p")
    p.className = "hint"
    say(p, text)
    return p
  }

  function render(found) {
    view = found
    questions = found.questionnaire.questions
    say(el("title"), found.survey.title)
    say(el("about"), {
      nl: "Regio " + found.survey.regionName + ". Je antwoorden tellen mee bij de groep: " + found.survey.group.nl + ".",
      en: "Region " + found.survey.regionName + ". Your answers count in the group: " + found.survey.group.en + "."
    })
    el("about").hidden = false
    say(el("introduction"), found.questionnaire.introduction)
    var list = el("list")
    list.textContent = ""
    questions.forEach(function (q, index) {
      var set = document.createElement("fieldset")
      set.id = "question-" + index
      var legend = document.createElement("legend")
      say(legend, {
        nl: (index + 1) + ". " + q.text.nl + (q.required ? words.required.nl : ""),
        en: (index + 1) + ". " + q.text.en + (q.required ? words.required.en : "")
      })
      set.appendChild(legend)
      var name = "answer-" + index
      if (q._tag === "Likert") {
        words.scale.forEach(function (text, i) { set.appendChild(option("radio", name, i + 1, text)) })
      } else if (q._tag === "SingleChoice") {
        q.options.forEach(function (text, i) { set.appendChild(option("radio", name, i, text)) })
      } else if (q._tag === "MultipleChoice") {
        set.appendChild(hint(words.several))
        q.options.forEach(function (text, i) { set.appendChild(option("checkbox", name, i, text)) })
      } else if (q._tag === "Number") {
        set.appendChild(hint({
          nl: "Een heel getal van " + q.min + " tot en met " + q.max + ".",
          en: "A whole number from " + q.min + " to " + q.max + "."
        }))
        var number = document.createElement("input")
        number.type = "number"
        number.min = String(q.min)
        number.max = String(q.max)
        number.step = "1"
        number.inputMode = "numeric"
        number.setAttribute("aria-label", q.text[lang])
        set.appendChild(number)
      } else {
        set.appendChild(hint({
          nl: "Hoogstens " + q.maxLength + " tekens. Schrijf geen namen of andere dingen waaraan iemand te herkennen is.",
          en: "At most " + q.maxLength + " characters. Do not write names or anything else by which someone could be recognised."
        }))
        var text = document.createElement("textarea")
        text.rows = 5
        text.maxLength = q.maxLength
        text.setAttribute("aria-label", q.text[lang])
        set.appendChild(text)
      }
      var problem = document.createElement("p")
      problem.className = "problem"
      problem.id = "problem-" + index
      set.setAttribute("aria-describedby", problem.id)
      set.appendChild(problem)
      list.appendChild(set)
    })
    el("start").hidden = true
    el("questions").hidden = false
    applyLanguage()
  }

  function start(code) {
    token = code.trim()
    el("start").hidden = true
    status(words.wait)
    post(endpoints.questionnaire, { token: token }).then(function (answer) {
      if (answer.reply.ok) { status(null); render(answer.body) }
      else { status(messageOf(answer.body)); el("start").hidden = false }
    }, function () { status(words.failed); el("start").hidden = false })
  }

  el("start").addEventListener("submit", function (event) {
    event.preventDefault()
    start(el("code").value)
  })

  function clearProblems() {
    questions.forEach(function (q, index) {
      el("question-" + index).classList.remove("wrong")
      var problem = el("problem-" + index)
      problem.removeAttribute("data-nl")
      problem.removeAttribute("data-en")
      problem.textContent = ""
    })
  }
  function showProblem(index, text) {
    el("question-" + index).classList.add("wrong")
    say(el("problem-" + index), text)
  }

  // Per question id the answer; a question without an answer is left out.
  function collect() {
    var answers = {}
    var wrong = []
    questions.forEach(function (q, index) {
      var set = el("question-" + index)
      if (q._tag === "Likert" || q._tag === "SingleChoice") {
        var chosen = set.querySelector("input:checked")
        if (chosen) answers[q.id] = Number(chosen.value)
      } else if (q._tag === "MultipleChoice") {
        var all = set.querySelectorAll("input:checked")
        if (all.length > 0) answers[q.id] = Array.prototype.map.call(all, function (input) { return Number(input.value) })
      } else if (q._tag === "Number") {
        var input = set.querySelector("input")
        if (input.validity && input.validity.badInput) wrong.push(index)
        else if (input.value.trim() !== "") answers[q.id] = Number(input.value)
      } else {
        var text = set.querySelector("textarea").value
        if (text.trim() !== "") answers[q.id] = text
      }
    })
    return { answers: answers, wrong: wrong }
  }

  el("questions").addEventListener("submit", function (event) {
    event.preventDefault()
    clearProblems()
    var send = el("send")
    var given = collect()
    if (given.wrong.length > 0) {
      given.wrong.forEach(function (index) { showProblem(index, words.wholeNumber) })
      el("question-" + given.wrong[0]).scrollIntoView()
      return
    }
    send.disabled = true
    status(words.wait)
    post(endpoints.answers, { token: token, answers: given.answers }).then(function (answer) {
      send.disabled = false
      if (answer.reply.ok) {
        token = null
        el("questions").hidden = true
        status(answer.body.thanks || { nl: "Dank je wel!", en: "Thank you!" })
        window.scrollTo(0, 0)
        return
      }
      var problems = answer.reply.status === 422 && answer.body.problems ? answer.body.problems : []
      var first = -1
      var general = []
      problems.forEach(function (p) {
        var index = questions.findIndex(function (q) { return q.id === p.question })
        if (index === -1) general.push(p.text)
        else { showProblem(index, p.text); if (first === -1 || index < first) first = index }
      })
      var summary = messageOf(answer.body)
      if (general.length > 0) {
        summary = {
          nl: summary.nl + " " + general.map(function (t) { return t.nl }).join(" "),
          en: summary.en + " " + general.map(function (t) { return t.en }).join(" ")
        }
      }
      status(summary)
      if (first !== -1) el("question-" + first).scrollIntoView()
    }, function () { send.disabled = false; status(words.failed) })
  })

  applyLanguage()
  if (token) { el("code").value = token; start(token) }
  else el("start").hidden = false
`

export const contentSecurityPolicy = Page.forPage({ script, style })

const page = `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Vragenlijst</title>
<style>${style}</style>
</head>
<body>
<main>
<p class="language"><button type="button" id="language" lang="en">English</button></p>
<h1 id="title" data-nl="Vragenlijst" data-en="Survey">Vragenlijst</h1>
<p id="about" hidden></p>
<noscript><p>Deze pagina werkt alleen met JavaScript. <span lang="en">This page needs JavaScript.</span></p></noscript>
<form id="start" hidden>
  <p><label for="code" data-nl="De code uit je uitnodiging" data-en="The code from your invitation">De code uit je uitnodiging</label><br>
  <input id="code" autocomplete="off" autocapitalize="none" spellcheck="false" required></p>
  <p><button type="submit" data-nl="Naar de vragen" data-en="To the questions">Naar de vragen</button></p>
</form>
<form id="questions" hidden novalidate>
  <p id="introduction"></p>
  <div id="list"></div>
  <p><button id="send" type="submit" data-nl="Antwoorden versturen" data-en="Send answers">Antwoorden versturen</button></p>
</form>
<p id="result" role="status" aria-live="polite"></p>
</main>
<script>${script}</script>
</body>
</html>
`

/**
 * Serves the questionnaire page at `path` (default `/vragenlijst`, where the
 * invitation mails of `@pleegzorg/email` link to). Included in
 * `Server.layer`.
 *
 * @since 0.3.0
 * @category layers
 */
export const layer = (options?: { readonly path?: `/${string}` | undefined }): Layer.Layer<never> =>
  Page.serve(options?.path ?? "/vragenlijst", page, contentSecurityPolicy)
