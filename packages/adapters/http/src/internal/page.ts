import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import { createHash } from "node:crypto"

const hash = (content: string) => `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`

/**
 * The Content-Security-Policy of a self-contained page: only its own inline
 * script and style (by hash), requests only to its own server, nothing else.
 * An injected script, or a form posting elsewhere, cannot run.
 *
 * @internal
 */
export const forPage = (page: { readonly script: string; readonly style: string }): string =>
  [
    "default-src 'none'",
    `script-src ${hash(page.script)}`,
    `style-src ${hash(page.style)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join("; ")

/**
 * Serves a self-contained page at `path`: never cached, no referrer, not in
 * a frame, and only its own script and style ({@link forPage}).
 *
 * @internal
 */
export const serve = (
  path: `/${string}`,
  html: string,
  contentSecurityPolicy: string
): Layer.Layer<never> =>
  HttpApiBuilder.Router.use((router) =>
    router.get(
      path,
      Effect.succeed(HttpServerResponse.html(html).pipe(
        HttpServerResponse.setHeader("content-security-policy", contentSecurityPolicy),
        HttpServerResponse.setHeader("cache-control", "no-store"),
        HttpServerResponse.setHeader("referrer-policy", "no-referrer"),
        HttpServerResponse.setHeader("x-content-type-options", "nosniff"),
        HttpServerResponse.setHeader("x-frame-options", "DENY")
      ))
    )
  )

/**
 * The helpers every page script starts with, in its own scope: `el` (by id),
 * `say` (a text in both languages, shown in `lang`), `status` (the
 * `#result` line) and `messageOf` (the text of an error answer, or
 * `words.failed`). The script defines `lang` and `words`.
 *
 * @internal
 */
export const scriptHelpers = `  function el(id) { return document.getElementById(id) }
  function say(node, text) {
    node.setAttribute("data-nl", text.nl)
    node.setAttribute("data-en", text.en)
    node.textContent = text[lang]
  }
  function status(text) {
    var result = el("result")
    if (text) say(result, text)
    else { result.removeAttribute("data-nl"); result.removeAttribute("data-en"); result.textContent = "" }
  }
  function messageOf(body) {
    if (body && body.issues && body.issues[0] && body.issues[0].text) return body.issues[0].text
    return body && body.text ? body.text : words.failed
  }`
