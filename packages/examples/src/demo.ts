/**
 * `pnpm demo`: the two pilot regions of het goede gesprek over pleegzorg and
 * who may take part in the Rijk van Nijmegen track. Wiring and printing only;
 * every decision comes from @pleegzorg/core.
 */
import { CalendarDate, Eligibility, Geography, LocalizedText, Region, StakeholderGroup } from "@pleegzorg/core"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const pilots = ["JZ32", "JZ34"] as const

// The first session of the Rijk van Nijmegen pilot: 17 November 2022, 16:00 in Nijmegen.
const nijmegenTrack = { region: "JZ32", firstSessionStart: "2022-11-17T15:00:00Z" }

// Made-up people; the first names only make the output readable and are not
// part of what the decision sees.
const people = [
  { name: "Marieke", person: { group: "FosterParent", municipality: "GM0296" } },
  { name: "Sem", person: { group: "FosterChild", municipality: "GM0268", birthDate: "2007-03-02" } },
  { name: "Noor", person: { group: "FosterChild", municipality: "GM0209", birthDate: "2009-06-10" } },
  { name: "Daan", person: { group: "OwnChild", municipality: "GM0252", birthDate: "2006-01-20" } },
  { name: "Fatima", person: { group: "Parent", municipality: "GM0225" } },
  { name: "Jeroen", person: { group: "CareWorker", municipality: "GM0202" } },
  { name: "Anouk", person: { group: "PolicyMaker", municipality: "GM0268" } },
  { name: "Kees", person: { group: "FosterParent", municipality: "GM1982" } }
] as const

const heading = (nl: string, en: string) => Console.log(`\n${nl} / ${en}\n${"=".repeat(nl.length + en.length + 3)}`)

const program = Effect.gen(function*() {
  const geography = yield* Geography.Geography

  yield* heading("Het goede gesprek over pleegzorg: de pilotregio's", "The good conversation about foster care: pilot regions")
  for (const code of pilots) {
    const region = yield* geography.region(code)
    const municipalities = yield* geography.municipalitiesOf(code)
    yield* Console.log(
      `\n${Region.label(region)} (${region.code}): ${municipalities.length} gemeenten / municipalities`
    )
    for (const m of municipalities) yield* Console.log(`  - ${m.name} (${m.code})`)
  }

  yield* heading("Zoeken op naam", "Search by name")
  for (const query of ["mook", "west brabant oost", "Den Bosch"]) {
    const [best] = geography.search(query)
    const found = best === undefined
      ? "niets gevonden / nothing found"
      : best._tag === "Region"
      ? `regio / region ${Region.label(best.region)} (${best.region.code})`
      : `gemeente / municipality ${best.municipality.name} (${best.municipality.code}), regio / region ${
        Region.label(best.region)
      }`
    yield* Console.log(`  "${query}" -> ${found}`)
  }

  const trackRegion = yield* geography.region(nijmegenTrack.region)
  yield* heading(
    `Wie mag meedoen aan het traject in ${Region.label(trackRegion)}?`,
    `Who may take part in the ${Region.label(trackRegion)} track?`
  )
  const track = yield* Schema.decodeUnknown(Eligibility.TrackFacts)(nijmegenTrack)
  const day = Eligibility.firstSessionDay(track)
  const local = DateTime.toParts(DateTime.unsafeMakeZoned(track.firstSessionStart, { timeZone: Eligibility.TIME_ZONE }))
  const time = `${local.hours}:${String(local.minutes).padStart(2, "0")}`
  yield* Console.log(
    `Eerste bijeenkomst / first session: ${CalendarDate.format(day, "nl")}, ${time} / ${CalendarDate.format(day, "en")}, ${time}\n`
  )
  for (const { name, person } of people) {
    const decision = yield* Eligibility.check({ person, track: nijmegenTrack })
    const municipality = yield* geography.municipality(person.municipality)
    const group = StakeholderGroup.describe(person.group).singular
    const mark = decision._tag === "Eligible" ? "JA  / YES" : "NEE / NO "
    yield* Console.log(`${mark}  ${name}, ${group.nl} / ${group.en}, ${municipality.name}`)
    for (const text of Eligibility.explain(decision)) {
      yield* Console.log(`           ${text.nl}\n           ${text.en}`)
    }
  }
  yield* Console.log(
    `\n${LocalizedText.bilingual(LocalizedText.make(
      "We bewaren alleen de uitkomst en de datum waarvoor die geldt. De geboortedatum bewaren we niet.",
      "We keep only the outcome and the date it holds for. We do not keep the birth date."
    ))}`
  )
})

program.pipe(
  Effect.provide(Geography.Geography.Default),
  Effect.catchAll((error) => Console.error(`Fout / error: ${error.message}`).pipe(Effect.andThen(Effect.sync(() => {
    process.exitCode = 1
  })))),
  Effect.runPromise
)
