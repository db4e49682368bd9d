/**
 * A small mentor-matching round in the two pilot regions for the demo:
 * prospective foster parents and experienced foster parents, one batch
 * run, the pairs with their explanations, a mentor who accepts (both get
 * an introduction), one who declines (the prospect goes to the next
 * mentor), and the report per region. Wiring and printing only; the people
 * are made up.
 */
import { Mentoring, type MentorProfile, Outbox } from "@pleegzorg/core"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

const person = (name: string) => ({
  name,
  email: `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(/ +/g, ".")}@example.org`,
  language: "nl" as const
})

const prospects: ReadonlyArray<typeof MentorProfile.ProspectInput.Encoded> = [
  {
    municipality: "GM0268",
    kinds: ["LongTerm"],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings"],
    questions: "Hoe bereid je je eigen kinderen voor op een pleegkind?",
    contact: person("Sanne Bakker")
  },
  {
    municipality: "GM0252",
    kinds: ["Crisis", "ShortTerm"],
    family: "Single",
    languages: ["nl", "ar"],
    availability: ["Daytime", "Weekends"],
    questions: "Kan ik als alleenstaande crisisopvang doen naast mijn werk?",
    contact: person("Yasmina Haddad")
  },
  {
    municipality: "GM1945",
    kinds: ["PartTime"],
    family: "CoupleWithoutChildren",
    languages: ["nl"],
    availability: ["Weekends"],
    contact: person("Ruud en Ellen Vos")
  },
  {
    municipality: "GM0826",
    kinds: ["LongTerm", "Kinship"],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings", "Weekends"],
    questions: "Mijn nichtje komt misschien bij ons wonen. Wat verandert er dan?",
    contact: person("Mark de Graaf")
  },
  {
    municipality: "GM0758",
    kinds: ["ShortTerm"],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings"],
    contact: person("Linda Verhoeven")
  }
]

const mentors: ReadonlyArray<typeof MentorProfile.MentorInput.Encoded> = [
  {
    municipality: "GM0268",
    experience: [{ kind: "LongTerm", years: 12 }, { kind: "PartTime", years: 4 }],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings", "Weekends"],
    capacity: 2,
    contact: person("Joke Hendriks")
  },
  {
    municipality: "GM0209",
    experience: [{ kind: "Crisis", years: 6 }],
    family: "Single",
    languages: ["nl", "ar"],
    availability: ["Daytime"],
    capacity: 1,
    contact: person("Fatima Bouzid")
  },
  {
    municipality: "GM0296",
    experience: [{ kind: "PartTime", years: 3 }, { kind: "ShortTerm", years: 2 }],
    family: "CoupleWithoutChildren",
    languages: ["nl"],
    availability: ["Weekends"],
    capacity: 1,
    contact: person("Henk Willems")
  },
  {
    municipality: "GM0826",
    experience: [{ kind: "Kinship", years: 9 }],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings"],
    capacity: 1,
    contact: person("Anja Claassen")
  },
  {
    municipality: "GM1719",
    experience: [{ kind: "ShortTerm", years: 5 }, { kind: "LongTerm", years: 5 }],
    family: "CoupleWithChildren",
    languages: ["nl"],
    availability: ["Evenings"],
    capacity: 2,
    contact: person("Peter van Dongen")
  }
]

const decimal = (n: number) => n.toFixed(2).replace(".", ",")

export const run = <E, R>(options: {
  readonly clock: { readonly setTo: (iso: string) => Effect.Effect<void> }
  readonly deliver: (options: { readonly brief: true }) => Effect.Effect<unknown, E, R>
}): Effect.Effect<void, unknown, R | Mentoring.Mentoring | Outbox.Outbox> =>
  Effect.gen(function*() {
    const mentoring = yield* Mentoring.Mentoring
    const outbox = yield* Outbox.Outbox
    yield* options.clock.setTo("2023-05-08T10:00:00+02:00")
    const names = new Map<string, string>()
    for (const input of prospects) {
      const p = yield* mentoring.addProspect(input)
      names.set(p.id, p.contact.name)
    }
    for (const input of mentors) {
      const m = yield* mentoring.addMentor(input)
      names.set(m.id, m.contact.name)
    }
    yield* Console.log(`Aanmeldingen / Sign-ups: ${prospects.length} aspirant-pleegouders / prospective foster parents, ${mentors.length} mentoren / mentors`)

    // The codes are only in the mails; the demo reads them from the outbox, as a mail program would show them.
    const codes = new Map<string, string>()
    const peek = Effect.gen(function*() {
      const entries = yield* outbox.claim({ now: yield* DateTime.now, limit: 1_000, lease: Duration.zero })
      for (const { event } of entries) if (event._tag === "MentorProposed") codes.set(event.matchId, event.token)
    })

    const batch = yield* mentoring.runBatch()
    yield* Console.log(`Koppelronde / Matching run (gewichten / weights ${batch.weightsVersion}): ${batch.proposed.length} voorstellen / proposals, ${batch.unmatched.length} zonder mentor / without a mentor`)
    const byName = (a: { readonly prospectId: string }, b: { readonly prospectId: string }) =>
      names.get(a.prospectId)!.localeCompare(names.get(b.prospectId)!, "nl")
    for (const match of [...batch.proposed].sort(byName)) {
      yield* Console.log(`  ${names.get(match.prospectId)} → ${names.get(match.mentorId)} (${decimal(match.score)})`)
      yield* Console.log(`    ${match.explanation.nl}`)
    }
    for (const { prospectId, reason } of batch.unmatched) {
      yield* Console.log(`  ${names.get(prospectId)}: nog geen mentor / no mentor yet (${reason})`)
    }
    yield* peek
    yield* options.deliver({ brief: true })

    // Sanne's mentor says yes; the mentor asked for Ruud and Ellen says no.
    yield* options.clock.setTo("2023-05-10T19:30:00+02:00")
    const proposalFor = (name: string) => batch.proposed.find((m) => names.get(m.prospectId) === name)
    const yes = proposalFor("Sanne Bakker")
    const no = proposalFor("Ruud en Ellen Vos")
    if (yes !== undefined) {
      yield* mentoring.accept(yes.id, codes.get(yes.id)!)
      yield* Console.log(`${names.get(yes.mentorId)} zegt ja / says yes: ${names.get(yes.prospectId)} en ${names.get(yes.mentorId)} krijgen elkaars naam en e-mailadres / get each other's name and address`)
    }
    if (no !== undefined) {
      const declined = yield* mentoring.decline(no.id, codes.get(no.id)!)
      yield* Console.log(
        `${names.get(no.mentorId)} zegt nee / says no: ${names.get(no.prospectId)} ${
          Option.match(declined.next, {
            onNone: () => "wacht op de volgende ronde / waits for the next run",
            onSome: (next) => `gaat naar / goes to ${names.get(next.mentorId)}`
          })
        }`
      )
    }
    yield* peek
    yield* options.deliver({ brief: true })

    for (const region of ["JZ32", "JZ34"]) {
      const report = yield* mentoring.report(region)
      const score = Option.match(report.score, {
        onNone: () => "–",
        onSome: (s) => `gemiddeld / mean ${decimal(s.mean)}, laagste / lowest ${decimal(s.lowest)}`
      })
      yield* Console.log(
        `${report.regionName}: ${report.prospects} aspiranten / prospects, ${report.matched} gekoppeld / matched, ${report.proposed} voorgesteld / proposed, ${
          Object.values(report.waiting).reduce((a, b) => a + b, 0)
        } wachtend / waiting; score ${score}; mentoren / mentors ${report.mentors.used}/${report.mentors.places} plaatsen bezet / places taken`
      )
    }
  })
