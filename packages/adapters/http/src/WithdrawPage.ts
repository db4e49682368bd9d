/**
 * The page behind the withdraw link in the confirmation mail
 * (`/afmelden#code=…`, see `@pleegzorg/email`). It reads the code from the
 * part after `#` (which browsers keep out of server logs), asks the person
 * to confirm (mail scanners open links, and must not withdraw anyone), and
 * then sends it to `POST /withdrawals`. Dutch first, English below; no
 * scripts or styles from elsewhere.
 *
 * @since 0.2.0
 */
import type * as Layer from "effect/Layer"
import * as Page from "./internal/page.js"

const style = `
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  button { font-size: 1.1rem; padding: .6rem 1.2rem; }
  input { font-size: 1rem; width: 100%; padding: .4rem; box-sizing: border-box; }
  .en { color: #555; }
`

const script = `
  // The code arrives after "#", which browsers do not send to the server.
  const code = new URLSearchParams(location.hash.slice(1)).get("code")
  if (code) {
    document.getElementById("code").value = code
    history.replaceState(null, "", location.pathname)
  }
  // POST /withdrawals next to this page, also behind a path prefix or with a trailing slash.
  const endpoint = location.pathname.replace(/\\/+$/, "").replace(/[^/]*$/, "") + "withdrawals"
  document.getElementById("form").addEventListener("submit", async (event) => {
    event.preventDefault()
    const result = document.getElementById("result")
    const send = document.getElementById("send")
    send.disabled = true
    result.textContent = "Even geduld… / One moment…"
    try {
      const reply = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: document.getElementById("code").value.trim() })
      })
      const body = await reply.json().catch(() => ({}))
      if (reply.ok) {
        result.textContent = "Je bent afgemeld. Je krijgt nog een mail ter bevestiging. / You have withdrawn. You will get an email to confirm."
        document.getElementById("form").hidden = true
      } else {
        result.textContent = body.text ? body.text.nl + " / " + body.text.en : "Dat lukte niet. Probeer het later nog eens. / That did not work. Please try again later."
        send.disabled = false
      }
    } catch {
      result.textContent = "Dat lukte niet. Probeer het later nog eens. / That did not work. Please try again later."
      send.disabled = false
    }
  })
`

const contentSecurityPolicy = Page.forPage({ script, style })

const page = `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Afmelden / Withdraw</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>Afmelden <span class="en" lang="en">/ Withdraw</span></h1>
<p>Wil je je afmelden voor alle drie de bijeenkomsten? Heb je een plek? Dan kan iemand van de wachtlijst die plek krijgen.</p>
<p class="en" lang="en">Do you want to withdraw from all three sessions? If you have a place, someone on the waitlist can get it.</p>
<noscript><p>Deze pagina werkt alleen met JavaScript. Je kunt de organisatie ook vragen om je af te melden. <span lang="en">This page needs JavaScript. You can also ask the organisers to withdraw you.</span></p></noscript>
<form id="form">
  <p><label for="code">Je persoonlijke code uit de mail <span class="en" lang="en">/ Your personal code from the email</span></label><br>
  <input id="code" autocomplete="off" autocapitalize="none" spellcheck="false" required></p>
  <p><button id="send" type="submit">Ja, meld me af <span class="en" lang="en">/ Yes, withdraw</span></button></p>
</form>
<p id="result" role="status" aria-live="polite"></p>
</main>
<script>${script}</script>
</body>
</html>
`

/**
 * Serves the withdraw page at `path` (default `/afmelden`). Included in
 * `Server.layer`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options?: { readonly path?: `/${string}` | undefined }): Layer.Layer<never> =>
  Page.serve(options?.path ?? "/afmelden", page, contentSecurityPolicy)
