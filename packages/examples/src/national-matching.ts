/**
 * `pnpm national`: a national round of mentor matching through the real
 * service on a SQLite file in a temporary folder (removed at the end). The
 * people are made up and seeded (`SyntheticMatching.ts`): every profile goes
 * in through `Mentoring.addMentor` / `addProspect`, one at a time as people
 * sign up, then one `Mentoring.runBatch` proposes a mentor to every waiting
 * prospect it can. Printed: the run's summary, the report of the two pilot
 * regions (JZ32 Rijk van Nijmegen, JZ34 West Brabant Oost) and the national
 * total over all 42 regions, and three proposed pairs with the explanation
 * the mentor gets. The proposal mails stay in the outbox: there is no mail
 * server in this example.
 *
 * Sizes: `NATIONAL_PROSPECTS` (default 3,000) and `NATIONAL_MENTORS`
 * (default 20,000), the size of the benchmark; `NATIONAL_SEED` (default
 * 2026). Ids and codes come from seeded randomness, so that a run can be
 * repeated (never do that in production). Wiring and printing only.
 */
import {
  Entropy,
  Geography,
  type MatchCandidates,
  Mentoring,
  Outbox
} from "@pleegzorg/core"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as SyntheticMatching from "./SyntheticMatching.js"

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return n
}

const prospectCount = positive("NATIONAL_PROSPECTS", 3_000)
const mentorCount = positive("NATIONAL_MENTORS", 20_000)
const seed = positive("NATIONAL_SEED", 2026)
const pilots = ["JZ32", "JZ34"] as const

const fmt = (n: number) => Math.round(n).toLocaleString("nl-NL")
const decimal = (n: number, digits: number) => n.toFixed(digits).replace(".", ",")
const seconds = (ms: number) => `${decimal(ms / 1000, 1)} s`
const heading = (nl: string, en: string) => console.log(`\n${nl} / ${en}\n${"-".repeat(nl.length + en.length + 3)}`)

// A progress bar on one line when stdout is a terminal; otherwise a plain line at every quarter.
const progress = (label: string, total: number) => {
  const tty = process.stdout.isTTY === true
  const started = performance.now()
  let drawn = -1
  let quarters = 0
  return {
    update: (done: number) => {
      const fraction = total === 0 ? 1 : Math.min(1, done / total)
      if (tty) {
        const percent = Math.floor(fraction * 100)
        if (percent === drawn) return
        drawn = percent
        const width = 30
        const filled = Math.round(fraction * width)
        process.stdout.write(
          `\r  ${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}% ` +
            `(${fmt(done)}/${fmt(total)}, ${seconds(performance.now() - started)})`
        )
        return
      }
      while (quarters < 4 && fraction >= (quarters + 1) / 4) {
        quarters++
        console.log(`  ${label}: ${quarters * 25}% (${fmt(done)}/${fmt(total)}, ${seconds(performance.now() - started)})`)
      }
    },
    end: () => {
      if (tty && drawn >= 0) process.stdout.write("\n")
      return performance.now() - started
    }
  }
}

const reasonLabel: Record<MatchCandidates.Reason | "WaitingForRun", string> = {
  NoMentorWithinReach: "geen mentor binnen bereik / no mentor within reach",
  NoSuitableMentor: "geen passende mentor / no suitable mentor",
  AllFull: "passende mentoren vol / suitable mentors full",
  WaitingForRun: "volgende ronde / next run"
}
const reasons = (counts: Readonly<Partial<Record<MatchCandidates.Reason | "WaitingForRun", number>>>) => {
  const parts = Object.entries(reasonLabel).flatMap(([reason, label]) => {
    const n = counts[reason as keyof typeof reasonLabel] ?? 0
    return n === 0 ? [] : [`${label} ${fmt(n)}`]
  })
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`
}

const printReport = (title: string, r: Omit<Mentoring.RegionReport, "region" | "regionName">) => {
  const waiting = Object.values(r.waiting).reduce((a, b) => a + b, 0)
  console.log(title)
  console.log(
    `  aspiranten / prospects ${fmt(r.prospects)}: voorgesteld / proposed ${fmt(r.proposed)}, gekoppeld / matched ${fmt(r.matched)}, ` +
      `wachtend / waiting ${fmt(waiting)}${reasons(r.waiting)}`
  )
  console.log(
    `  score: ${Option.match(r.score, { onNone: () => "-", onSome: (s) => `gemiddeld / mean ${decimal(s.mean, 3)}, laagste / lowest ${decimal(s.lowest, 3)}` })}; ` +
      `afstand / distance: ${Option.match(r.meanKm, { onNone: () => "-", onSome: (km) => `gemiddeld / mean ${decimal(km, 1)} km` })}`
  )
  console.log(
    `  mentoren / mentors ${fmt(r.mentors.total)} (gepauzeerd / paused ${fmt(r.mentors.paused)}), plaatsen / places ${fmt(r.mentors.places)}, ` +
      `bezet / taken ${fmt(r.mentors.used)}; mentoren met 0/1/2/3 aspiranten / mentors with 0/1/2/3 prospects: ${r.mentors.load.map(fmt).join("/")}`
  )
}

// The national total: the 42 regional reports added up (means weighted by the open matches).
const total = (reports: ReadonlyArray<Mentoring.RegionReport>): Omit<Mentoring.RegionReport, "region" | "regionName"> => {
  const sum = (f: (r: Mentoring.RegionReport) => number) => reports.reduce((a, r) => a + f(r), 0)
  const open = (r: Mentoring.RegionReport) => r.proposed + r.matched
  const withScore = reports.filter((r) => Option.isSome(r.score))
  const scored = sum((r) => (Option.isSome(r.score) ? open(r) : 0))
  return {
    prospects: sum((r) => r.prospects),
    proposed: sum((r) => r.proposed),
    matched: sum((r) => r.matched),
    waiting: {
      NoMentorWithinReach: sum((r) => r.waiting.NoMentorWithinReach),
      NoSuitableMentor: sum((r) => r.waiting.NoSuitableMentor),
      AllFull: sum((r) => r.waiting.AllFull),
      WaitingForRun: sum((r) => r.waiting.WaitingForRun)
    },
    score: scored === 0 ? Option.none() : Option.some({
      mean: sum((r) => Option.match(r.score, { onNone: () => 0, onSome: (s) => s.mean * open(r) })) / scored,
      lowest: Math.min(...withScore.map((r) => Option.getOrThrow(r.score).lowest))
    }),
    meanKm: scored === 0
      ? Option.none()
      : Option.some(sum((r) => Option.match(r.meanKm, { onNone: () => 0, onSome: (km) => km * open(r) })) / scored),
    mentors: {
      total: sum((r) => r.mentors.total),
      paused: sum((r) => r.mentors.paused),
      places: sum((r) => r.mentors.places),
      used: sum((r) => r.mentors.used),
      load: [0, 1, 2, 3].map((k) => sum((r) => r.mentors.load[k] ?? 0))
    }
  }
}

const program = Effect.gen(function*() {
  const mentoring = yield* Mentoring.Mentoring
  const gazetteer = yield* Geography.Geography
  const outbox = yield* Outbox.Outbox
  const started = performance.now()
  const municipalityName = (code: string) => Either.match(gazetteer.municipality(code), { onLeft: () => code, onRight: (m) => m.name })
  const regionOf = (code: string) => Either.match(gazetteer.regionOfMunicipality(code), { onLeft: () => "", onRight: (r) => r.code })

  const instance = SyntheticMatching.generate({ prospects: prospectCount, mentors: mentorCount, seed })

  heading("1. Aanmelden", "1. Signing up")
  let at = performance.now()
  const profiles = progress("profielen / profiles", mentorCount + prospectCount)
  let done = 0
  for (const input of instance.mentors) {
    yield* mentoring.addMentor(input)
    profiles.update(++done)
  }
  for (const input of instance.prospects) {
    yield* mentoring.addProspect(input)
    profiles.update(++done)
  }
  const loadMs = profiles.end()
  console.log(
    `${fmt(mentorCount)} mentoren en / mentors and ${fmt(prospectCount)} aspiranten / prospects in ${seconds(loadMs)} ` +
      `(${fmt((done / loadMs) * 1000)} per seconde / per second, elk in een eigen transactie / each in a transaction of its own)`
  )

  heading("2. Koppelronde", "2. Matching run")
  // The bar starts when the run knows how many prospects wait.
  let candidates: ReturnType<typeof progress> | undefined
  at = performance.now()
  const summary = yield* mentoring.runBatch({
    onProgress: (n, waiting) => {
      candidates ??= progress("kandidaten / candidates", waiting)
      candidates.update(n)
    }
  })
  candidates?.end()
  const runMs = performance.now() - at
  const byReason: Partial<Record<MatchCandidates.Reason, number>> = {}
  for (const u of summary.unmatched) byReason[u.reason] = (byReason[u.reason] ?? 0) + 1
  console.log(`Ronde / Run ${summary.runId} (${summary.weightsVersion}) in ${seconds(runMs)}`)
  console.log(`  wachtend / waiting: ${fmt(summary.waiting)}`)
  console.log(`  voorgesteld / proposed: ${fmt(summary.proposed.length)}`)
  console.log(`  zonder mentor / unmatched: ${fmt(summary.unmatched.length)}${reasons(byReason)}`)
  const stats = yield* outbox.stats()
  console.log(
    `  mails in de outbox / mails in the outbox: ${fmt(stats.pending)} (niet verstuurd: geen mailserver in dit voorbeeld / ` +
      `not sent: no mail server in this example)`
  )

  heading("3. Rapport per regio", "3. Report per region")
  at = performance.now()
  const reports: Array<Mentoring.RegionReport> = []
  for (const region of gazetteer.regions) reports.push(yield* mentoring.report(region.code))
  const reportMs = performance.now() - at
  for (const code of pilots) {
    const report = reports.find((r) => r.region === code)!
    printReport(`${report.region} ${report.regionName}`, report)
  }
  printReport(`Nederland / The Netherlands (${reports.length} regio's / regions)`, total(reports))
  console.log(`(${reports.length} rapporten / reports in ${seconds(reportMs)})`)

  heading("4. Voorbeelden", "4. Examples")
  console.log("De uitleg zoals de mentor die krijgt / the explanation as the mentor gets it:")
  at = performance.now()
  const located = yield* Effect.forEach(summary.proposed, (match) =>
    Effect.map(
      Effect.all([mentoring.getProspect(match.prospectId), mentoring.getMentor(match.mentorId)]),
      ([prospect, mentor]) => ({ match, prospect: prospect.municipality, mentor: mentor.municipality })
    ))
  const chosen: Array<(typeof located)[number]> = []
  const choose = (found: (typeof located)[number] | undefined) => {
    if (found !== undefined && !chosen.includes(found)) chosen.push(found)
  }
  // In each pilot region a pair across municipalities if there is one (its explanation shows the distance).
  for (const code of pilots) {
    const here = located.filter((l) => regionOf(l.prospect) === code)
    choose(here.find((l) => l.prospect !== l.mentor) ?? here[0])
  }
  choose([...located].sort((a, b) => a.match.score - b.match.score)[0]) // the weakest proposal
  for (const l of located) if (chosen.length < 3) choose(l)
  chosen.forEach(({ match, mentor, prospect }, i) => {
    console.log(
      `  ${i + 1}. aspirant in ${municipalityName(prospect)} (${regionOf(prospect)}), mentor in ${municipalityName(mentor)}: ` +
        `score ${decimal(match.score, 2)}, ${decimal(match.km, 1)} km`
    )
    console.log(`     ${match.explanation.nl}`)
  })

  heading("Tijden", "Timings")
  console.log(
    `aanmelden / signing up ${seconds(loadMs)}, ronde / run ${seconds(runMs)}, rapporten / reports ${seconds(reportMs)}, ` +
      `totaal / total ${seconds(performance.now() - started)}`
  )
})

const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-national-"))
const filename = Path.join(directory, "pleegzorg.sqlite")
console.log(
  `Landelijke koppelronde / national matching run: ${fmt(prospectCount)} aspiranten / prospects, ${fmt(mentorCount)} mentoren / mentors ` +
    `(verzonnen / made up, seed ${seed}; NATIONAL_PROSPECTS, NATIONAL_MENTORS, NATIONAL_SEED)`
)
console.log(`Database: SQLite ${filename} (verwijderd na afloop / removed at the end)`)

const layer = Mentoring.Mentoring.Default.pipe(
  Layer.provideMerge(SqliteStorage.layer({ filename })),
  Layer.provideMerge(Entropy.layerSeeded(seed)),
  Layer.provideMerge(Geography.Geography.Default)
)

Effect.runPromise(program.pipe(Effect.provide(layer)))
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => Fs.rmSync(directory, { recursive: true, force: true }))
