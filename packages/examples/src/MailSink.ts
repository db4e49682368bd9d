/**
 * A local SMTP server that keeps what it receives: where the demo and
 * `pnpm serve` send mail when no real server is configured. Listens on
 * 127.0.0.1 only.
 */
import * as Effect from "effect/Effect"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { type ParsedMail, simpleParser } from "mailparser"
import { SMTPServer } from "smtp-server"

export interface Received {
  readonly raw: Buffer
  readonly parsed: ParsedMail
}

export const start = (options?: { readonly port?: number; readonly directory?: string }) =>
  Effect.acquireRelease(
    Effect.async<{ readonly port: number; readonly received: Array<Received>; readonly server: SMTPServer }, Error>(
      (resume) => {
        const received: Array<Received> = []
        let count = 0
        const server = new SMTPServer({
          authOptional: true,
          disabledCommands: ["STARTTLS"],
          logger: false,
          onData(stream, _session, callback) {
            const chunks: Array<Buffer> = []
            stream.on("data", (chunk: Buffer) => chunks.push(chunk))
            stream.on("end", () => {
              const raw = Buffer.concat(chunks)
              if (options?.directory !== undefined) {
                Fs.mkdirSync(options.directory, { recursive: true })
                Fs.writeFileSync(Path.join(options.directory, `${String(++count).padStart(4, "0")}.eml`), raw)
              }
              simpleParser(raw).then(
                (parsed) => {
                  received.push({ raw, parsed })
                  callback()
                },
                (error: Error) => callback(error)
              )
            })
          }
        })
        server.on("error", (error) => resume(Effect.fail(error)))
        server.listen(options?.port ?? 0, "127.0.0.1", () => {
          const address = server.server.address()
          const port = typeof address === "object" && address !== null ? address.port : 0
          resume(Effect.succeed({ port, received, server }))
        })
      }
    ),
    ({ server }) => Effect.async<void>((resume) => server.close(() => resume(Effect.void)))
  )
