/**
 * `pnpm bench tracks`:
 *
 * 1. registrations through the core service, on a SQLite file, per second,
 *    against the same on the in-memory storage (the baseline);
 * 2. the HTTP register endpoint under load (autocannon, 50 connections, on
 *    127.0.0.1) against a bare HttpApi endpoint that does no work, all
 *    measured in this run, each server in its own process. A second bare
 *    endpoint reads the same JSON body without checking it: it shows how
 *    much of the gap is reading a body at all.
 *
 * Targets (issue 3): the register endpoint keeps at least 0.7× the bare
 * endpoint's throughput, with p99 under 50 ms at 50 connections.
 */
import { Entropy, Geography, MemoryStorage, type Outbox, Registrations, type Storage, Tracks } from "@pleegzorg/core"
import { SqliteStorage } from "@pleegzorg/sqlite"
import autocannon from "autocannon"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Readline from "node:readline"
import * as Url from "node:url"
import { openTrackInput } from "./tracks-fixture.js"

const here = Path.dirname(Url.fileURLToPath(import.meta.url))
const fmt = (n: number) => Math.round(n).toLocaleString("en-US")

// Registers `count` people, spread over tracks of 50, one after the other; returns registrations per second.
type Ports =
  | Storage.Transactor
  | Storage.TrackRepository
  | Storage.RegistrationRepository
  | Storage.AttendanceRepository
  | Outbox.Outbox

const serviceRate = <E>(storage: Layer.Layer<Ports, E>, count: number) =>
  Effect.gen(function*() {
    const tracks = yield* Tracks.Tracks
    const registrations = yield* Registrations.Registrations
    const ids: Array<string> = []
    for (let i = 0; i < Math.ceil(count / 50) + 1; i++) {
      const track = yield* tracks.createFromTemplate(openTrackInput)
      yield* tracks.changeStatus(track.id, { _tag: "Open" })
      ids.push(track.id)
    }
    const signUp = (i: number) =>
      registrations.register({
        trackId: ids[i % ids.length],
        name: `Deelnemer ${i}`,
        email: `deelnemer${i}@example.org`,
        group: "FosterParent",
        municipality: "GM0268",
        availableForAllSessions: true
      })
    for (let i = 0; i < 200; i++) yield* signUp(count + i) // warm-up
    const start = performance.now()
    for (let i = 0; i < count; i++) yield* signUp(i)
    return (count / (performance.now() - start)) * 1000
  }).pipe(
    Effect.provide(
      Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
        Layer.provideMerge(storage),
        Layer.provideMerge(Entropy.layerCrypto),
        Layer.provideMerge(Geography.Geography.Default)
      )
    )
  )

interface Started {
  readonly port: number
  readonly tracks: ReadonlyArray<string>
  readonly stop: () => void
}

const startServer = (mode: "bare" | "register"): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = ChildProcess.spawn(
      process.execPath,
      ["--import", "tsx", Path.join(here, "server.ts"), mode],
      { stdio: ["ignore", "pipe", "inherit"] }
    )
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`bench server (${mode}) stopped with ${code}`)))
    Readline.createInterface({ input: child.stdout }).once("line", (line) => {
      const { port, tracks } = JSON.parse(line) as { port: number; tracks: Array<string> }
      resolve({ port, tracks, stop: () => child.kill() })
    })
  })

// Every request signs up someone new, across warm-up and measurement alike.
let next = 0

const load = (server: Started, path: (i: number) => string, seconds: number) =>
  autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: 50,
    duration: seconds,
    requests: [{
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest: (request) => {
        const n = next++
        return {
          ...request,
          path: path(n),
          body: JSON.stringify({
            name: `Deelnemer ${n}`,
            email: `deelnemer${n}@example.org`,
            group: "FosterParent",
            municipality: "GM0268",
            availableForAllSessions: true
          })
        }
      }
    }]
  })

const measureHttp = async (mode: "bare" | "bare-body" | "register", seconds: number) => {
  const server = await startServer(mode === "register" ? "register" : "bare")
  try {
    const path = mode === "bare"
      ? () => "/bare"
      : mode === "bare-body"
      ? () => "/bare-body"
      : (n: number) => `/tracks/${server.tracks[n % server.tracks.length]}/registrations`
    await load(server, path, 2) // warm-up
    const result = await load(server, path, seconds)
    return {
      rate: result.requests.average,
      p99: result.latency.p99,
      p50: result.latency.p50,
      bad: result.non2xx + result.errors + result.timeouts,
      total: result.requests.total
    }
  } finally {
    server.stop()
  }
}

export const run = async () => {
  const count = 2000
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-bench-"))
  const sqlite = await Effect.runPromise(
    serviceRate(SqliteStorage.layer({ filename: Path.join(directory, "service.sqlite") }), count)
  )
  const memory = await Effect.runPromise(serviceRate(MemoryStorage.layer, count))
  console.log(`register, core service on a SQLite file      ${fmt(sqlite).padStart(8)} /s   ${(sqlite / memory).toFixed(2)}x`)
  console.log(`  baseline: the same on in-memory storage    ${fmt(memory).padStart(8)} /s   1.00x   (core's reference storage: no indexes, every look-up scans)`)

  const seconds = Number(process.env["BENCH_SECONDS"] ?? 10)
  const bare = await measureHttp("bare", seconds)
  const bareBody = await measureHttp("bare-body", seconds)
  const register = await measureHttp("register", seconds)
  const line = (label: string, m: typeof bare, ratio: number) =>
    console.log(
      `${label.padEnd(45)}${fmt(m.rate).padStart(8)} req/s   ${ratio.toFixed(2)}x   p50 ${m.p50} ms   p99 ${m.p99} ms   (${fmt(m.total)} requests, ${m.bad} not 2xx)`
    )
  const ratio = register.rate / bare.rate
  line("POST /tracks/:id/registrations, 50 conns", register, ratio)
  line("  baseline: bare HttpApi endpoint", bare, 1)
  line("  also: bare endpoint that reads the body", bareBody, bareBody.rate / bare.rate)
  console.log(
    `register against the body-reading endpoint: ${(register.rate / bareBody.rate).toFixed(2)}x`
  )
  const throughputOk = ratio >= 0.7
  const latencyOk = register.p99 < 50
  console.log(
    `targets: throughput >= 0.70x bare: ${throughputOk ? "met" : "NOT met"} (${ratio.toFixed(2)}x); p99 < 50 ms: ${latencyOk ? "met" : "NOT met"} (${register.p99} ms)`
  )
}
