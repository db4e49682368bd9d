/**
 * Look-ups of youth-care regions and municipalities: by code, by name, the
 * region of a municipality, and a forgiving name search. The Dutch
 * reference data for 2024 (42 regions, 342 municipalities) ships with the
 * package; see {@link nl2024}.
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Order from "effect/Order"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import * as data2024 from "./internal/geography2024.js"
import { foldName } from "./internal/normalize.js"
import * as InvalidInput from "./InvalidInput.js"
import * as LocalizedText from "./LocalizedText.js"
import { Municipality, MunicipalityCode } from "./Municipality.js"
import { Region, RegionCode } from "./Region.js"

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

/**
 * No region has this code or name. `value` is what was asked for.
 *
 * @since 0.1.0
 * @category errors
 */
export class RegionNotFound extends Schema.TaggedError<RegionNotFound>("@pleegzorg/core/RegionNotFound")(
  "RegionNotFound",
  { value: Schema.String }
) {
  /** @since 0.1.0 */
  get text(): LocalizedText.LocalizedText {
    return LocalizedText.make(
      `Er is geen jeugdzorgregio "${this.value}".`,
      `There is no youth-care region "${this.value}".`
    )
  }
  override get message(): string {
    return LocalizedText.bilingual(this.text)
  }
}

/**
 * A municipality named in a suggestion or in an ambiguity.
 *
 * @since 0.1.0
 * @category models
 */
export class MunicipalityRef extends Schema.Class<MunicipalityRef>("@pleegzorg/core/MunicipalityRef")({
  code: MunicipalityCode,
  name: Schema.String
}) {}

/**
 * No municipality has this code or name. `suggestions` holds close names,
 * if any ("Bergen" suggests "Bergen (L.)" and "Bergen (NH.)").
 *
 * @since 0.1.0
 * @category errors
 */
export class MunicipalityNotFound
  extends Schema.TaggedError<MunicipalityNotFound>("@pleegzorg/core/MunicipalityNotFound")(
    "MunicipalityNotFound",
    { value: Schema.String, suggestions: Schema.Array(MunicipalityRef) }
  )
{
  /** @since 0.1.0 */
  get text(): LocalizedText.LocalizedText {
    const names = this.suggestions.map((s) => s.name).join(", ")
    return LocalizedText.make(
      `Er is geen gemeente "${this.value}".${names === "" ? "" : ` Bedoel je: ${names}?`}`,
      `There is no municipality "${this.value}".${names === "" ? "" : ` Did you mean: ${names}?`}`
    )
  }
  override get message(): string {
    return LocalizedText.bilingual(this.text)
  }
}

/**
 * A name that fits more than one municipality exactly. Ask which one, or use
 * the code.
 *
 * @since 0.1.0
 * @category errors
 */
export class AmbiguousMunicipalityName
  extends Schema.TaggedError<AmbiguousMunicipalityName>("@pleegzorg/core/AmbiguousMunicipalityName")(
    "AmbiguousMunicipalityName",
    { value: Schema.String, candidates: Schema.Array(MunicipalityRef) }
  )
{
  /** @since 0.1.0 */
  get text(): LocalizedText.LocalizedText {
    const names = this.candidates.map((s) => `${s.name} (${s.code})`).join(", ")
    return LocalizedText.make(
      `"${this.value}" past bij meer dan één gemeente: ${names}.`,
      `"${this.value}" fits more than one municipality: ${names}.`
    )
  }
  override get message(): string {
    return LocalizedText.bilingual(this.text)
  }
}

/**
 * Reference data that cannot be used: a code twice, a municipality in a
 * region that is not there, or a region name shared by two regions.
 *
 * @since 0.1.0
 * @category errors
 */
export class InconsistentDataset extends Schema.TaggedError<InconsistentDataset>(
  "@pleegzorg/core/InconsistentDataset"
)("InconsistentDataset", { problem: Schema.String }) {
  override get message(): string {
    return `inconsistent reference data: ${this.problem}`
  }
}

// -----------------------------------------------------------------------------
// models
// -----------------------------------------------------------------------------

/**
 * Which year the data describes (peiljaar) and from when it holds. A later
 * edition with merged municipalities is a new `Dataset`; codes of ended
 * municipalities stay in it with `validUntil`, so stored codes keep resolving.
 *
 * @since 0.1.0
 * @category models
 */
export class Edition extends Schema.Class<Edition>("@pleegzorg/core/Edition")({
  referenceYear: Schema.Int,
  validFrom: CalendarDate.CalendarDate,
  validUntil: Schema.optional(CalendarDate.CalendarDate),
  source: Schema.String
}) {}

/**
 * Reference data to build a {@link Gazetteer} from.
 *
 * @since 0.1.0
 * @category models
 */
export interface Dataset {
  readonly edition: Edition
  readonly regions: ReadonlyArray<Region>
  readonly municipalities: ReadonlyArray<Municipality>
}

/**
 * How well a search hit matches, best first: the whole name, the start of
 * the name, the start of each word, or somewhere inside.
 *
 * @since 0.1.0
 * @category models
 */
export type MatchQuality = "exact" | "prefix" | "words" | "substring"

/**
 * One result of {@link Gazetteer.search}. `matchedName` is the name or alias
 * that matched ("Den Haag" for 's-Gravenhage).
 *
 * @since 0.1.0
 * @category models
 */
export type SearchHit =
  | {
    readonly _tag: "Region"
    readonly region: Region
    readonly matchedName: string
    readonly quality: MatchQuality
  }
  | {
    readonly _tag: "Municipality"
    readonly municipality: Municipality
    readonly region: Region
    readonly matchedName: string
    readonly quality: MatchQuality
  }

/**
 * The look-ups. Every method that takes outside text returns an `Either`
 * (usable directly, or with `yield*` inside `Effect.gen`) whose error names
 * the value that was not found or not valid.
 *
 * @since 0.1.0
 * @category models
 */
export interface Gazetteer {
  readonly edition: Edition
  /** All regions, by code. */
  readonly regions: ReadonlyArray<Region>
  /** All municipalities, by name. */
  readonly municipalities: ReadonlyArray<Municipality>
  /** A region by its code (`"JZ32"`; case and spaces around it are ignored). */
  readonly region: (code: string) => Either.Either<Region, InvalidInput.InvalidInput | RegionNotFound>
  /** A region by its CBS name, display name or an alias, ignoring case, accents and hyphens. */
  readonly regionByName: (name: string) => Either.Either<Region, RegionNotFound>
  /** A municipality by its code (`"GM0268"`). */
  readonly municipality: (
    code: string
  ) => Either.Either<Municipality, InvalidInput.InvalidInput | MunicipalityNotFound>
  /** A municipality by its CBS name or an alias ("Den Haag"). */
  readonly municipalityByName: (
    name: string
  ) => Either.Either<Municipality, MunicipalityNotFound | AmbiguousMunicipalityName>
  /** The municipalities of a region, by name. */
  readonly municipalitiesOf: (
    regionCode: string
  ) => Either.Either<ReadonlyArray<Municipality>, InvalidInput.InvalidInput | RegionNotFound>
  /** The region of a municipality given by code (`GM…`) or by name. */
  readonly regionOfMunicipality: (
    codeOrName: string
  ) => Either.Either<Region, InvalidInput.InvalidInput | MunicipalityNotFound | AmbiguousMunicipalityName>
  /**
   * Regions and municipalities whose name or alias matches, best first
   * ("mook" finds Mook en Middelaar, "west brabant oost" finds JZ34).
   * An empty query finds nothing.
   */
  readonly search: (query: string, options?: { readonly limit?: number | undefined }) => ReadonlyArray<SearchHit>
}

// -----------------------------------------------------------------------------
// constructors
// -----------------------------------------------------------------------------

let collator: Intl.Collator | undefined
const nameOrder: Order.Order<string> = (a, b) => {
  const c = (collator ??= new Intl.Collator("nl")).compare(a, b)
  return c < 0 ? -1 : c > 0 ? 1 : 0
}

const qualityRank: Record<MatchQuality, number> = { exact: 0, prefix: 1, words: 2, substring: 3 }

const match = (query: string, queryWords: ReadonlyArray<string>, entry: Entry): MatchQuality | undefined => {
  const { folded, words } = entry
  if (folded === query) return "exact"
  if (folded.startsWith(query)) return "prefix"
  let from = 0
  for (const q of queryWords) {
    const at = words.findIndex((w, i) => i >= from && w.startsWith(q))
    if (at < 0) {
      from = -1
      break
    }
    from = at + 1
  }
  if (from >= 0) return "words"
  if (folded.includes(query)) return "substring"
  return undefined
}

// Best match first; on equal quality regions before municipalities, then by name.
const hitOrder: Order.Order<SearchHit> = Order.combine(
  Order.mapInput(Order.number, (hit: SearchHit) => qualityRank[hit.quality] * 2 + (hit._tag === "Region" ? 0 : 1)),
  Order.mapInput(nameOrder, (hit: SearchHit) => hit.matchedName)
)

interface Entry {
  readonly name: string
  readonly folded: string
  readonly words: ReadonlyArray<string>
}

const entriesOf = (names: ReadonlyArray<string>): ReadonlyArray<Entry> =>
  names.map((name) => {
    const folded = foldName(name)
    return { name, folded, words: folded.split(" ") }
  })

// Codes are accepted in any case and with spaces around them; an error names
// the value as it was given. Callers from plain JavaScript may pass anything,
// so a value that is not text is refused rather than thrown on.
const lenient = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = InvalidInput.decodeEither(schema)
  return (code: string) =>
    typeof code === "string" ? Either.orElse(decode(code.trim().toUpperCase()), () => decode(code)) : decode(code)
}
const decodeText = InvalidInput.decodeEither(Schema.String)
const decodeRegionCode = lenient(RegionCode)
const decodeMunicipalityCode = lenient(MunicipalityCode)
const looksLikeMunicipalityCode = /^\s*gm\s*\d/i

/**
 * Builds the look-ups over a data set. Fails when the data is inconsistent:
 * a code twice, a municipality in an unknown region, or two regions with the
 * same name.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (dataset: Dataset): Either.Either<Gazetteer, InconsistentDataset> => {
  const inconsistent = (problem: string) => Either.left(new InconsistentDataset({ problem }))
  const regionsByCode = new Map<string, Region>()
  for (const region of dataset.regions) {
    if (regionsByCode.has(region.code)) return inconsistent(`region ${region.code} appears twice`)
    regionsByCode.set(region.code, region)
  }
  const municipalitiesByCode = new Map<string, Municipality>()
  const municipalitiesByRegion = new Map<string, Array<Municipality>>()
  for (const municipality of dataset.municipalities) {
    if (municipalitiesByCode.has(municipality.code)) {
      return inconsistent(`municipality ${municipality.code} appears twice`)
    }
    if (!regionsByCode.has(municipality.region)) {
      return inconsistent(`municipality ${municipality.code} is in unknown region ${municipality.region}`)
    }
    municipalitiesByCode.set(municipality.code, municipality)
    const list = municipalitiesByRegion.get(municipality.region) ?? []
    list.push(municipality)
    municipalitiesByRegion.set(municipality.region, list)
  }
  const byName = Order.mapInput(nameOrder, (m: Municipality) => m.name)
  const regions = Arr.sort(dataset.regions, Order.mapInput(Order.string, (r: Region) => r.code))
  const municipalities = Arr.sort(dataset.municipalities, byName)
  for (const [code, list] of municipalitiesByRegion) municipalitiesByRegion.set(code, Arr.sort(list, byName))

  const regionEntries = regions.map((region) => ({
    region,
    names: entriesOf([region.name, ...(region.displayName === undefined ? [] : [region.displayName]), ...region.aliases])
  }))
  const municipalityEntries = municipalities.map((municipality) => ({
    municipality,
    names: entriesOf([municipality.name, ...municipality.aliases])
  }))

  // Exact name look-ups go through an index of folded names and aliases.
  const index = <E extends { readonly names: ReadonlyArray<Entry> }, A>(
    entries: ReadonlyArray<E>,
    pick: (entry: E) => A
  ) => {
    const map = new Map<string, Array<A>>()
    for (const entry of entries) {
      for (const folded of new Set(entry.names.map((n) => n.folded))) {
        const list = map.get(folded) ?? []
        list.push(pick(entry))
        map.set(folded, list)
      }
    }
    return map
  }
  const regionsByName = index(regionEntries, (e) => e.region)
  for (const [name, list] of regionsByName) {
    if (list.length > 1) return inconsistent(`regions ${list.map((r) => r.code).join(" and ")} share the name "${name}"`)
  }
  const municipalitiesByName = index(municipalityEntries, (e) => e.municipality)

  const regionOfCode = (code: string) => regionsByCode.get(code)!
  const ref = (m: Municipality) => new MunicipalityRef({ code: m.code, name: m.name })

  const search: Gazetteer["search"] = (query, options) => {
    if (typeof query !== "string") return []
    const folded = foldName(query)
    if (folded === "") return []
    const words = folded.split(" ")
    const hits: Array<SearchHit> = []
    const best = (names: ReadonlyArray<Entry>) => {
      let found: { quality: MatchQuality; name: string } | undefined
      for (const entry of names) {
        const quality = match(folded, words, entry)
        if (quality !== undefined && (found === undefined || qualityRank[quality] < qualityRank[found.quality])) {
          found = { quality, name: entry.name }
        }
      }
      return found
    }
    for (const { names, region } of regionEntries) {
      const found = best(names)
      if (found) hits.push({ _tag: "Region", region, matchedName: found.name, quality: found.quality })
    }
    for (const { municipality, names } of municipalityEntries) {
      const found = best(names)
      if (found) {
        const region = regionOfCode(municipality.region)
        hits.push({ _tag: "Municipality", municipality, region, matchedName: found.name, quality: found.quality })
      }
    }
    const limit = Math.max(0, options?.limit ?? 10)
    return Arr.sort(hits, hitOrder).slice(0, limit)
  }

  const region: Gazetteer["region"] = (code) =>
    Either.flatMap(
      decodeRegionCode(code),
      (valid) => Either.fromNullable(regionsByCode.get(valid), () => new RegionNotFound({ value: code }))
    )

  const regionByName: Gazetteer["regionByName"] = (name) => {
    const found = typeof name === "string" ? regionsByName.get(foldName(name)) : undefined
    return found ? Either.right(found[0]!) : Either.left(new RegionNotFound({ value: String(name) }))
  }

  const municipality: Gazetteer["municipality"] = (code) =>
    Either.flatMap(
      decodeMunicipalityCode(code),
      (valid) =>
        Either.fromNullable(
          municipalitiesByCode.get(valid),
          () => new MunicipalityNotFound({ value: code, suggestions: [] })
        )
    )

  const municipalityByName: Gazetteer["municipalityByName"] = (name) => {
    if (typeof name !== "string") return Either.left(new MunicipalityNotFound({ value: String(name), suggestions: [] }))
    const exact = municipalitiesByName.get(foldName(name)) ?? []
    if (exact.length === 1) return Either.right(exact[0]!)
    if (exact.length > 1) {
      return Either.left(new AmbiguousMunicipalityName({ value: name, candidates: exact.map(ref) }))
    }
    const suggestions = search(name, { limit: regions.length + 3 })
      .flatMap((hit) => hit._tag === "Municipality" ? [ref(hit.municipality)] : [])
      .slice(0, 3)
    return Either.left(new MunicipalityNotFound({ value: name, suggestions }))
  }

  const municipalitiesOf: Gazetteer["municipalitiesOf"] = (regionCode) =>
    Either.map(region(regionCode), (r) => municipalitiesByRegion.get(r.code) ?? [])

  const regionOfMunicipality: Gazetteer["regionOfMunicipality"] = (codeOrName) =>
{
    const found: Either.Either<
      Municipality,
      InvalidInput.InvalidInput | MunicipalityNotFound | AmbiguousMunicipalityName
    > = Either.flatMap(
      decodeText(codeOrName),
      (text): Either.Either<
        Municipality,
        InvalidInput.InvalidInput | MunicipalityNotFound | AmbiguousMunicipalityName
      > => looksLikeMunicipalityCode.test(text) ? municipality(text) : municipalityByName(text)
    )
    return Either.map(found, (m) => regionOfCode(m.region))
  }

  return Either.right({
    edition: dataset.edition,
    regions,
    municipalities,
    region,
    regionByName,
    municipality,
    municipalityByName,
    municipalitiesOf,
    regionOfMunicipality,
    search
  })
}

// -----------------------------------------------------------------------------
// the Dutch data
// -----------------------------------------------------------------------------

/**
 * The 2024 reference data as plain records: 42 regions and 342
 * municipalities, with CBS names and common names as aliases.
 *
 * @since 0.1.0
 * @category constants
 */
export const dataset2024 = (): Dataset => ({
  edition: new Edition({
    referenceYear: data2024.edition.referenceYear,
    validFrom: data2024.edition.validFrom as CalendarDate.CalendarDate,
    source: data2024.edition.source
  }),
  regions: data2024.regions.map(([code, name, displayName, aliases]) =>
    new Region({
      code: code as RegionCode,
      name,
      aliases,
      ...(displayName === null ? {} : { displayName })
    })
  ),
  municipalities: data2024.municipalities.map(([code, name, region, aliases, validFrom]) =>
    new Municipality({
      code: code as MunicipalityCode,
      name,
      aliases,
      region: region as RegionCode,
      ...(validFrom === null ? {} : { validFrom: validFrom as CalendarDate.CalendarDate })
    })
  )
})

let cached: Gazetteer | undefined

/**
 * The Dutch youth-care regions and municipalities of 2024 (peiljaar 2024),
 * built on first use.
 *
 * @since 0.1.0
 * @category constants
 */
export const nl2024 = (): Gazetteer => {
  if (cached === undefined) {
    cached = Either.getOrThrowWith(make(dataset2024()), (message) => new Error(`bundled data: ${message}`))
  }
  return cached
}

// -----------------------------------------------------------------------------
// service
// -----------------------------------------------------------------------------

/**
 * The look-ups as a service, so that programs can swap in another edition of
 * the data. `Geography.Default` provides {@link nl2024}; `Geography.layer`
 * provides your own.
 *
 * @since 0.1.0
 * @category services
 */
export class Geography extends Effect.Service<Geography>()("@pleegzorg/core/Geography", {
  sync: nl2024
}) {
  /**
   * Your own data, for example a later edition.
   *
   * @since 0.1.0
   */
  static readonly layer = (gazetteer: Gazetteer): Layer.Layer<Geography> =>
    Layer.succeed(Geography, Geography.make(gazetteer))
}
