/**
 * The page behind the links in the mentoring mails
 * (`/koppeling#match=<matchId>&code=<code>`, see `@pleegzorg/email`). It
 * reads the match and the code from the part after `#` (which browsers keep
 * out of server logs) and removes them from the address bar, fetches the
 * match with `POST /mentoring/matches/:matchId/view`, and shows the
 * explanation of the match and the prospect's categories (never a name or
 * an address). For a proposal the mentor answers "Ja, ik wil mentor zijn
 * voor deze aspirant" or "Nee, liever niet"; an active match can be ended
 * by either side, with optional feedback for the organiser. Nothing is sent
 * but by pressing a button: mail scanners open links and must not answer
 * for anyone.
 *
 * Dutch by default, English with the button at the top or `?lang=en`. No
 * scripts or styles from elsewhere: the page allows only its own inline
 * script and style (by hash) and talks only to its own server.
 *
 * @since 0.4.0
 */
import type * as Layer from "effect/Layer"
import { MentorProfile } from "@pleegzorg/core"
import * as Page from "./internal/page.js"

const style = `
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  button { font-size: 1.1rem; padding: .6rem 1.2rem; margin: 0 .5rem .5rem 0; }
  textarea { font-size: 1rem; width: 100%; padding: .4rem; box-sizing: border-box; }
  h2 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; }
  ul { padding-left: 1.2rem; }
  .hint { color: #555; font-size: .95rem; margin: .2rem 0; }
  .language { text-align: right; margin: 0; }
  .language button { font-size: .95rem; padding: .3rem .8rem; }
  #result { font-weight: 600; }
`

// The words of core for the categories, so that the page says what the mails say.
const labels = {
  kinds: MentorProfile.careKindLabel,
  family: MentorProfile.familyLabel,
  availability: MentorProfile.availabilityLabel
}

// Plain JavaScript for every browser of the last years. Everything from the
// server is put on the page as text (textContent), never as HTML.
const script = `
  "use strict"
  var lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "nl"
  // The match and the code arrive after "#", which browsers do not send to the server.
  // They are taken out of the address bar at once, and kept only in this page.
  var fragment = new URLSearchParams(location.hash.slice(1))
  var matchId = fragment.get("match")
  var code = fragment.get("code")
  if (location.hash) history.replaceState(null, "", location.pathname + location.search)
  // POST /mentoring/matches/... next to this page, also behind a path prefix or with a trailing slash.
  var base = location.pathname.replace(/\\/+$/, "").replace(/[^/]*$/, "")
  var labels = ${JSON.stringify(labels)}

  var words = {
    wait: { nl: "Even geduld…", en: "One moment…" },
    failed: { nl: "Dat lukte niet. Probeer het later nog eens.", en: "That did not work. Please try again later." },
    noLink: {
      nl: "Open deze pagina met de link uit je mail. Daarin staan de koppeling en je persoonlijke code.",
      en: "Open this page with the link in your email. It holds the match and your personal code."
    },
    proposed: {
      nl: "Je bent voorgesteld als mentor voor een aspirant-pleegouder. Hieronder lees je waarom, en wat we al over de aspirant mogen vertellen. Naam en e-mailadres krijg je pas als je ja zegt.",
      en: "You have been proposed as a mentor for a prospective foster parent. Below you can read why, and what we may already tell you about them. You get their name and email address only once you say yes."
    },
    waiting: {
      nl: "Dit voorstel wacht op het antwoord van de mentor.",
      en: "This proposal is waiting for the mentor's answer."
    },
    active: {
      nl: "Deze koppeling loopt. Wil je hem beëindigen? Dat kan hieronder, met een korte toelichting als je wilt.",
      en: "This match is going on. Do you want to end it? You can do so below, with a short note if you like."
    },
    declined: { nl: "Dit voorstel is niet meer open.", en: "This proposal is no longer open." },
    ended: { nl: "Deze koppeling is beëindigd.", en: "This match has ended." },
    region: { nl: "Regio", en: "Region" },
    kinds: { nl: "Vorm van pleegzorg", en: "Kind of foster care" },
    family: { nl: "Gezinssituatie", en: "Family situation" },
    languages: { nl: "Talen", en: "Languages" },
    availability: { nl: "Beschikbaar", en: "Available" }
  }

${Page.scriptHelpers}
  function applyLanguage() {
    document.documentElement.lang = lang
    var nodes = document.querySelectorAll("[data-nl]")
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = nodes[i].getAttribute("data-" + lang)
    var toggle = el("language")
    toggle.textContent = lang === "nl" ? "English" : "Nederlands"
    toggle.lang = lang === "nl" ? "en" : "nl"
    document.title = lang === "nl" ? "Koppeling met een mentor" : "Mentor match"
  }
  el("language").addEventListener("click", function () {
    lang = lang === "nl" ? "en" : "nl"
    history.replaceState(null, "", location.pathname + (lang === "en" ? "?lang=en" : ""))
    applyLanguage()
  })

  function post(action, body) {
    return fetch(base + "mentoring/matches/" + encodeURIComponent(matchId) + "/" + action, {
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

  // A language by its name in both languages; its code when the browser does not know it.
  function languageName(item, language) {
    try { return new Intl.DisplayNames([language], { type: "language" }).of(item) || item } catch (e) { return item }
  }
  function both(items, name) {
    function list(language) {
      var names = items.map(function (item) { return name(item, language) })
      return names.length <= 1 ? names.join("") : names.slice(0, -1).join(", ") + (language === "nl" ? " en " : " and ") + names[names.length - 1]
    }
    return { nl: list("nl"), en: list("en") }
  }
  function line(label, text) {
    var item = document.createElement("li")
    say(item, { nl: label.nl + ": " + text.nl, en: label.en + ": " + text.en })
    el("categories").appendChild(item)
  }
  function label(table) { return function (item, language) { return table[item] ? table[item][language] : item } }

  function show(found) {
    say(el("intro"), found.status === "Proposed" ? (found.role === "mentor" ? words.proposed : words.waiting)
      : found.status === "Active" ? words.active
      : found.status === "Declined" ? words.declined
      : words.ended)
    el("intro").hidden = false
    say(el("explanation"), found.explanation)
    el("categories").textContent = ""
    if (found.prospect) {
      var p = found.prospect
      if (p.regionName) line(words.region, { nl: p.regionName, en: p.regionName })
      line(words.kinds, both(p.kinds, label(labels.kinds)))
      line(words.family, both([p.family], label(labels.family)))
      line(words.languages, both(p.languages, languageName))
      line(words.availability, both(p.availability, label(labels.availability)))
    }
    el("about").hidden = !found.prospect
    el("details").hidden = false
    el("answer").hidden = !(found.role === "mentor" && found.status === "Proposed")
    el("end").hidden = found.status !== "Active"
    applyLanguage()
  }

  function done(text) {
    // The code has done its work: a new one (if any) comes by mail.
    code = null
    el("answer").hidden = true
    el("end").hidden = true
    status(text)
  }
  function send(action, body) {
    var buttons = [el("accept"), el("decline"), el("send-end")]
    buttons.forEach(function (b) { b.disabled = true })
    status(words.wait)
    post(action, body).then(function (answer) {
      buttons.forEach(function (b) { b.disabled = false })
      if (answer.reply.ok) done(answer.body.text)
      else status(messageOf(answer.body))
    }, function () {
      buttons.forEach(function (b) { b.disabled = false })
      status(words.failed)
    })
  }

  el("accept").addEventListener("click", function () { send("accept", { code: code }) })
  el("decline").addEventListener("click", function () { send("decline", { code: code }) })
  el("end").addEventListener("submit", function (event) {
    event.preventDefault()
    var feedback = el("feedback").value.trim()
    send("end", feedback === "" ? { code: code } : { code: code, feedback: feedback })
  })

  applyLanguage()
  if (matchId && code) {
    status(words.wait)
    post("view", { code: code }).then(function (answer) {
      if (answer.reply.ok) { status(null); show(answer.body) }
      else status(messageOf(answer.body))
    }, function () { status(words.failed) })
  } else status(words.noLink)
`

/**
 * The Content-Security-Policy of the match page: only its own inline script
 * and style (by hash), requests only to its own server.
 *
 * @since 0.4.0
 * @category constants
 */
export const contentSecurityPolicy: string = Page.forPage({ script, style })

const page = `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Koppeling met een mentor</title>
<style>${style}</style>
</head>
<body>
<main>
<p class="language"><button type="button" id="language" lang="en">English</button></p>
<h1 data-nl="Koppeling met een mentor" data-en="Mentor match">Koppeling met een mentor</h1>
<noscript><p>Deze pagina werkt alleen met JavaScript. Lukt dat niet, neem dan contact op met de pleegzorgaanbieder. <span lang="en">This page needs JavaScript. If that does not work, please contact the foster care provider.</span></p></noscript>
<p id="intro" hidden></p>
<section id="details" hidden>
  <h2 data-nl="Waarom deze koppeling" data-en="Why this match">Waarom deze koppeling</h2>
  <p id="explanation"></p>
  <h2 id="about" data-nl="Over de aspirant-pleegouder" data-en="About the prospective foster parent">Over de aspirant-pleegouder</h2>
  <ul id="categories"></ul>
</section>
<div id="answer" hidden>
  <button id="accept" type="button" data-nl="Ja, ik wil mentor zijn voor deze aspirant" data-en="Yes, I want to be a mentor for this prospective foster parent">Ja, ik wil mentor zijn voor deze aspirant</button>
  <button id="decline" type="button" data-nl="Nee, liever niet" data-en="No, I would rather not">Nee, liever niet</button>
</div>
<form id="end" hidden>
  <p><label for="feedback" data-nl="Hoe ging het? Dit mag leeg blijven. Alleen de pleegzorgaanbieder leest het." data-en="How did it go? You may leave this empty. Only the foster care provider reads it.">Hoe ging het? Dit mag leeg blijven. Alleen de pleegzorgaanbieder leest het.</label><br>
  <textarea id="feedback" rows="4" maxlength="2000"></textarea></p>
  <p><button id="send-end" type="submit" data-nl="Koppeling beëindigen" data-en="End the match">Koppeling beëindigen</button></p>
</form>
<p id="result" role="status" aria-live="polite"></p>
</main>
<script>${script}</script>
</body>
</html>
`

/**
 * Serves the match page at `path` (default `/koppeling`, where the
 * mentoring mails of `@pleegzorg/email` link to). Included in
 * `Server.layer`.
 *
 * @since 0.4.0
 * @category layers
 */
export const layer = (options?: { readonly path?: `/${string}` | undefined }): Layer.Layer<never> =>
  Page.serve(options?.path ?? "/koppeling", page, contentSecurityPolicy)
