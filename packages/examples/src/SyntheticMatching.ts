/**
 * A seeded, made-up national instance of mentor matching: prospective
 * foster parents (aspiranten) and experienced foster parents (mentors) on
 * the points of the real 2024 municipalities. The same seed and sizes give
 * the same instance; the mentors do not depend on the number of prospects
 * (each side draws from its own stream).
 *
 * Shared by `pnpm bench matching` (core `MentorProfile.Prospect`/`Mentor`
 * objects with ids by index, in id order) and `pnpm national` (the same
 * people as inputs for `Mentoring.addProspect`/`addMentor`).
 *
 * Where people live: no population figures are bundled, so municipalities
 * are drawn with a skewed weight that looks like population. The 40
 * largest municipalities (roughly the CBS 2023 ranking, only as a shape)
 * are "clusters": the four largest weigh 24, the other 36 weigh 8, and
 * every other municipality weighs 1. That puts some 56 % of the people in
 * those 40 places (really some 42 % of the population lives there) and 14 %
 * in the four largest (really about 15 %); both sides use the same weights,
 * so mentors and prospects concentrate in the same places.
 *
 * The rest, every draw independent:
 * - mentor capacity 1, 2 or 3 with p = .55, .30, .15;
 * - kinds of foster care (long-term .30, short-term .25, part-time .20,
 *   kinship .15, crisis .10): mentors have experience with 1 to 3
 *   (p = .45, .35, .20; 1 to 20 years each), prospects consider 1 or 2
 *   (p = .65, .35);
 * - family situation: couple with children .55, couple without .25,
 *   single .20;
 * - languages: 10 % of prospects prefer another language than Dutch and
 *   list only that one; 15 % of mentors speak one beside Dutch; the rest
 *   Dutch only. Other languages: English, Arabic, Turkish, Polish,
 *   Ukrainian, Frisian, Tigrinya, Somali, German, Spanish (decreasing);
 *   contact mails in English for those who chose English, else Dutch;
 * - availability: 1, 2 or 3 of daytime, evenings, weekends
 *   (p = .40, .40, .20);
 * - made-up names, addresses at example.org.
 */
import { Geography, MentorProfile, MunicipalityPoint } from "@pleegzorg/core"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/**
 * What `Mentoring.addProspect` takes.
 */
export type ProspectInput = typeof MentorProfile.ProspectInput.Encoded

/**
 * What `Mentoring.addMentor` takes.
 */
export type MentorInput = typeof MentorProfile.MentorInput.Encoded

/**
 * A generated instance: the inputs, in a stable order (index = id order).
 */
export interface Instance {
  readonly seed: number
  readonly prospects: ReadonlyArray<ProspectInput>
  readonly mentors: ReadonlyArray<MentorInput>
}

/**
 * The sizes and the seed.
 */
export interface Options {
  readonly prospects: number
  readonly mentors: number
  readonly seed: number
}

// --- randomness --------------------------------------------------------------------------

/**
 * mulberry32: a small seeded generator of numbers in [0, 1).
 */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// A seed per stream, so that one side's draws do not shift the other's.
const streamSeed = (seed: number, stream: number) => {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  return (h ^ (h >>> 15)) >>> 0
}

// Draws from weighted items (cumulative weights, binary search).
const weighted = <A>(items: ReadonlyArray<readonly [A, number]>) => {
  const cumulative: Array<number> = []
  let sum = 0
  for (const [, w] of items) cumulative.push((sum += w))
  return (random: () => number): A => {
    const x = random() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return items[lo]![0]
  }
}

// `count` different items, each drawn by weight among those not drawn yet.
const distinct = <A>(items: ReadonlyArray<readonly [A, number]>, count: number, random: () => number): Array<A> => {
  const left = [...items]
  const chosen: Array<A> = []
  while (chosen.length < count && left.length > 0) {
    const total = left.reduce((s, [, w]) => s + w, 0)
    let x = random() * total
    let at = 0
    while (at < left.length - 1 && x >= left[at]![1]) x -= left[at++]![1]
    chosen.push(left[at]![0])
    left.splice(at, 1)
  }
  return chosen
}

// --- where people live ------------------------------------------------------------------

/**
 * The 40 cluster municipalities, largest first (the first four weigh 24,
 * the others 8; every other municipality weighs 1).
 */
export const clusters: ReadonlyArray<string> = [
  "GM0363", // Amsterdam
  "GM0599", // Rotterdam
  "GM0518", // Den Haag
  "GM0344", // Utrecht
  "GM0772", // Eindhoven
  "GM0014", // Groningen
  "GM0855", // Tilburg
  "GM0034", // Almere
  "GM0758", // Breda
  "GM0268", // Nijmegen
  "GM0200", // Apeldoorn
  "GM0202", // Arnhem
  "GM0392", // Haarlem
  "GM0394", // Haarlemmermeer
  "GM0307", // Amersfoort
  "GM0153", // Enschede
  "GM0479", // Zaanstad
  "GM0796", // 's-Hertogenbosch
  "GM0193", // Zwolle
  "GM0546", // Leiden
  "GM0637", // Zoetermeer
  "GM0080", // Leeuwarden
  "GM0228", // Ede
  "GM0935", // Maastricht
  "GM0505", // Dordrecht
  "GM1783", // Westland
  "GM0484", // Alphen aan den Rijn
  "GM0361", // Alkmaar
  "GM0114", // Emmen
  "GM0503", // Delft
  "GM0983", // Venlo
  "GM0150", // Deventer
  "GM1883", // Sittard-Geleen
  "GM0794", // Helmond
  "GM0828", // Oss
  "GM0362", // Amstelveen
  "GM0402", // Hilversum
  "GM1900", // Súdwest-Fryslân
  "GM0917", // Heerlen
  "GM1930" // Nissewaard
]

let municipalityWeights: ReadonlyArray<readonly [string, number]> | undefined

/**
 * Every municipality of the 2024 data that has a point, with its weight, by code.
 */
export const municipalities = (): ReadonlyArray<readonly [string, number]> => {
  if (municipalityWeights === undefined) {
    const known = Geography.nl2024().municipalities
      .filter((m) => m.validUntil === undefined && Option.isSome(MunicipalityPoint.pointOf(m.code)))
      .map((m): string => m.code)
      .sort()
    const missing = clusters.filter((c) => !known.includes(c))
    if (missing.length > 0) throw new Error(`SyntheticMatching: unknown cluster municipalities ${missing.join(", ")}`)
    municipalityWeights = known.map((code) => {
      const rank = clusters.indexOf(code)
      return [code, rank < 0 ? 1 : rank < 4 ? 24 : 8] as const
    })
  }
  return municipalityWeights
}

// --- the people ---------------------------------------------------------------------------

const careKinds: ReadonlyArray<readonly [MentorProfile.CareKind, number]> = [
  ["LongTerm", 0.3],
  ["ShortTerm", 0.25],
  ["PartTime", 0.2],
  ["Kinship", 0.15],
  ["Crisis", 0.1]
]
const family = weighted<MentorProfile.FamilySituation>([
  ["CoupleWithChildren", 0.55],
  ["CoupleWithoutChildren", 0.25],
  ["Single", 0.2]
])
const otherLanguage = weighted<string>([
  ["en", 0.2],
  ["ar", 0.15],
  ["tr", 0.14],
  ["pl", 0.12],
  ["uk", 0.1],
  ["fy", 0.08],
  ["ti", 0.06],
  ["so", 0.05],
  ["de", 0.05],
  ["es", 0.05]
])
const moments: ReadonlyArray<readonly [MentorProfile.Availability, number]> = [
  ["Daytime", 1],
  ["Evenings", 1],
  ["Weekends", 1]
]
const momentCount = weighted<number>([[1, 0.4], [2, 0.4], [3, 0.2]])
const mentorKindCount = weighted<number>([[1, 0.45], [2, 0.35], [3, 0.2]])
const prospectKindCount = weighted<number>([[1, 0.65], [2, 0.35]])
const capacity = weighted<number>([[1, 0.55], [2, 0.3], [3, 0.15]])

const firstNames = [
  "Anna", "Bram", "Charlotte", "Daan", "Eva", "Finn", "Greet", "Hanna", "Ilse", "Joost", "Karin", "Lars", "Maaike", "Niels",
  "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Thijs", "Ursula", "Vincent", "Wendy", "Yusuf", "Zeynep", "Amira", "Bas",
  "Fenna", "Jesse", "Lieke", "Mohamed", "Noor", "Ruben", "Sophie", "Tim", "Iris"
]
const lastNames = [
  "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
  "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
  "Kok", "Jacobs", "Vermeulen", "Yilmaz", "El Idrissi", "Kowalski", "Haile", "Nowak"
]

const contactOf = (random: () => number, tag: string, language: "nl" | "en") => {
  const first = firstNames[Math.floor(random() * firstNames.length)]!
  const last = lastNames[Math.floor(random() * lastNames.length)]!
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "")
  return { name: `${first} ${last}`, email: `${local}.${tag}@example.org`, language }
}

const availabilityOf = (random: () => number) => distinct(moments, momentCount(random), random)

/**
 * Generates an instance (see the module for the distributions).
 */
export const generate = (options: Options): Instance => {
  const where = weighted(municipalities())
  const forMentors = mulberry32(streamSeed(options.seed, 1))
  const forProspects = mulberry32(streamSeed(options.seed, 2))

  const mentors: Array<MentorInput> = []
  for (let i = 0; i < options.mentors; i++) {
    const random = forMentors
    const municipality = where(random)
    const experience = distinct(careKinds, mentorKindCount(random), random).map((kind) => ({
      kind,
      years: 1 + Math.floor(random() * 20)
    }))
    const situation = family(random)
    const languages = random() < 0.15 ? ["nl", otherLanguage(random)] : ["nl"]
    const availability = availabilityOf(random)
    mentors.push({
      municipality,
      family: situation,
      languages,
      availability,
      experience,
      capacity: capacity(random),
      contact: contactOf(random, `m${i}`, "nl")
    })
  }

  const prospects: Array<ProspectInput> = []
  for (let i = 0; i < options.prospects; i++) {
    const random = forProspects
    const municipality = where(random)
    const considered = distinct(careKinds, prospectKindCount(random), random)
    const situation = family(random)
    const language = random() < 0.1 ? otherLanguage(random) : "nl"
    const availability = availabilityOf(random)
    prospects.push({
      municipality,
      kinds: considered,
      family: situation,
      languages: [language],
      availability,
      contact: contactOf(random, `a${i}`, language === "en" ? "en" : "nl")
    })
  }
  return { seed: options.seed, prospects, mentors }
}

// --- core objects --------------------------------------------------------------------------

const decodeProspect = Schema.decodeUnknownSync(MentorProfile.Prospect)
const decodeMentor = Schema.decodeUnknownSync(MentorProfile.Mentor)

/**
 * The id of the prospect or mentor at an index: sorted ids follow the index.
 */
export const prospectId = (index: number): string => `asp_${String(index).padStart(20, "0")}`

/**
 * @see prospectId
 */
export const mentorId = (index: number): string => `mnt_${String(index).padStart(20, "0")}`

/**
 * When every generated prospect started waiting.
 */
export const since = "2026-11-01T09:00:00.000Z"

/**
 * The prospects as core objects (decoded through the schema, so they are
 * valid), with ids by index.
 */
export const prospects = (instance: Instance): ReadonlyArray<MentorProfile.Prospect> =>
  instance.prospects.map((input, i) => decodeProspect({ ...input, questions: "", id: prospectId(i), since, version: 1 }))

/**
 * The mentors as core objects, all active, with ids by index.
 */
export const mentors = (instance: Instance): ReadonlyArray<MentorProfile.Mentor> =>
  instance.mentors.map((input, i) => decodeMentor({ ...input, id: mentorId(i), active: true, version: 1 }))
