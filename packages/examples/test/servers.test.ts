// Two `pnpm serve` processes on one PostgreSQL database, as behind a load
// balancer: sign-ups split over both must not oversell a group, and the mail
// dispatchers of both must send every message exactly once.
import { afterAll, describe, expect, inject, it } from "@effect/vitest"
import { Track } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"
import * as Path from "node:path"
import * as Url from "node:url"
import Pg from "pg"
import * as MailSink from "../src/MailSink.js"

const root = Path.resolve(Path.dirname(Url.fileURLToPath(import.meta.url)), "..")
const server = inject("postgres")
const token = "organiser-token-for-the-two-servers-test"

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = Net.createServer()
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

const children: Array<ChildProcess.ChildProcess> = []
const scope = Effect.runSync(Scope.make())
afterAll(async () => {
  for (const child of children) child.kill("SIGTERM")
  await Effect.runPromise(Scope.close(scope, Exit.void))
})

// Starts `src/serve.ts` and waits until it prints its `export TRACK=` line.
const serve = async (env: Record<string, string>): Promise<string> => {
  const port = await freePort()
  const child = ChildProcess.spawn(Path.join(root, "node_modules/.bin/tsx"), ["src/serve.ts"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"]
  })
  children.push(child)
  let output = ""
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("export TRACK=")) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", read)
    child.stderr.on("data", read)
    child.on("exit", (code) => reject(new Error(`server stopped (${code}):\n${output}`)))
  })
  return `http://127.0.0.1:${port}`
}

const post = async (url: string, body: unknown, organiser = false) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(organiser ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: await response.json() as Record<string, unknown> }
}

const place = { name: "Wijkcentrum De Klif, Nijmegen" }

describe.runIf(server !== null)("two servers on one PostgreSQL database", () => {
  it("200 sign-ups split over two servers for 20 seats: 20 confirmed, 180 waitlisted in arrival order, each mail sent once", async () => {
    const schema = `${server!.schemaPrefix}_servers`
    const sink = await Effect.runPromise(Scope.extend(MailSink.start(), scope))
    const env = {
      DATABASE_URL: server!.url,
      PLEEGZORG_PG_SCHEMA: schema,
      PLEEGZORG_PG_POOL_SIZE: "5",
      PLEEGZORG_ORGANISER_TOKEN: token,
      PLEEGZORG_SMTP_HOST: "127.0.0.1",
      PLEEGZORG_SMTP_PORT: String(sink.port),
      PLEEGZORG_MAIL_FROM: "Het goede gesprek <noreply@pleegzorg.example>",
      PLEEGZORG_PUBLIC_URL: "https://pleegzorg.example"
    }
    // One after the other, so that only the first adds the example track.
    const a = await serve(env)
    const b = await serve(env)

    const created = await post(`${a}/tracks/from-template`, {
      template: "goede-gesprek",
      region: "JZ32",
      phase: "rollout",
      composition: Schema.encodeSync(Track.Composition)(Fixtures.onlyGroup("FosterParent", 20)),
      sessions: [{ date: "2099-03-11", place }, { date: "2099-04-15", place }, { date: "2099-05-20", place }]
    }, true)
    expect(created.status).toBe(201)
    const track = String(created.body["id"])
    expect((await post(`${b}/tracks/${track}/status`, { _tag: "Open" }, true)).status).toBe(200)

    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      post(`${i % 2 === 0 ? a : b}/tracks/${track}/registrations`, {
        name: `Deelnemer ${i + 1}`,
        email: `deelnemer${i + 1}@example.org`,
        group: "FosterParent",
        municipality: "GM0268",
        availableForAllSessions: true
      })))
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(202))

    // The seats, as the database holds them.
    const db = new Pg.Client({ connectionString: server!.url })
    await db.connect()
    const stored = await db.query<{ sequence: number; status: string; email: string }>(
      `SELECT sequence, status, email FROM ${schema}.registrations WHERE track_id = $1 ORDER BY sequence`,
      [track]
    )
    expect(stored.rows.map((r) => r.sequence)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(stored.rows.filter((r) => r.status === "Confirmed").map((r) => r.sequence)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1)
    )
    expect(stored.rows.filter((r) => r.status === "Waitlisted")).toHaveLength(180)

    // Both dispatchers poll every 2 seconds. Wait for 200 mails, then three
    // more rounds of both, in which a second copy would have shown up.
    const deadline = Date.now() + 60_000
    while (sink.received.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    await new Promise((r) => setTimeout(r, 6_000))
    const mails = sink.received.map((m) => m.parsed)
    expect(mails).toHaveLength(200)
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(200)
    const recipients = mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address)
    expect(new Set(recipients)).toEqual(new Set(stored.rows.map((r) => r.email)))
    // The waitlisted heard their place in line: positions 1..180, each once, in
    // the order of arrival.
    const position = new Map(stored.rows.map((r) => [r.email, r.sequence - 20]))
    const waitlistMails = mails.filter((m) => /wachtlijst/i.test(m.subject ?? ""))
    expect(waitlistMails).toHaveLength(180)
    for (const mail of waitlistMails) {
      const address = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? ""
      expect(mail.text?.match(/Je plek op de wachtlijst: (\d+)/)?.[1]).toBe(String(position.get(address)))
    }
    const left = await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${schema}.outbox`)
    expect(left.rows[0]?.n).toBe("0")
    await db.end()
  }, 120_000)
})
