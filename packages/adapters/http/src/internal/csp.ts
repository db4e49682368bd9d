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
