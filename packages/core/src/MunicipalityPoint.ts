/**
 * One point per municipality and straight-line distances between
 * municipalities, for matching by distance (a mentor near a foster parent).
 * The points are rough (a town centre or a point somewhere in the
 * municipality, good to a few kilometres; see DATA.md): use them to rank
 * and to cut off, not to measure travel.
 *
 * @since 0.4.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as data from "./internal/points2023.js"
import * as LocalizedText from "./LocalizedText.js"

// -----------------------------------------------------------------------------
// models
// -----------------------------------------------------------------------------

/**
 * A point in degrees (WGS84): `lat` north, `lon` east.
 *
 * @since 0.4.0
 * @category models
 */
export interface Point {
  readonly lat: number
  readonly lon: number
}

/**
 * A municipality at a distance from an origin.
 *
 * @since 0.4.0
 * @category models
 */
export interface Neighbour {
  readonly code: string
  readonly km: number
}

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

/**
 * No point is known for this municipality code: it is not a 2024
 * municipality, or not a code at all.
 *
 * @since 0.4.0
 * @category errors
 */
export class UnknownMunicipality extends Schema.TaggedError<UnknownMunicipality>(
  "@pleegzorg/core/MunicipalityPoint/UnknownMunicipality"
)("UnknownMunicipality", { code: Schema.String }) {
  /** @since 0.4.0 */
  get text(): LocalizedText.LocalizedText {
    return LocalizedText.make(
      `Deze gemeente kennen we niet: ${this.code}`,
      `We do not know this municipality: ${this.code}`
    )
  }
  override get message(): string {
    return LocalizedText.bilingual(this.text)
  }
}

// -----------------------------------------------------------------------------
// points and distances
// -----------------------------------------------------------------------------

const points: ReadonlyArray<Point> = data.codes.map((_, i) => Object.freeze({ lat: data.lat[i]!, lon: data.lon[i]! }))
const indexOf: ReadonlyMap<string, number> = new Map(data.codes.map((code, i) => [code, i]))

/**
 * The mean radius of the Earth (IUGG), in kilometres.
 *
 * @since 0.4.0
 * @category constants
 */
export const earthRadiusKm = 6371.0088

/**
 * The point of a municipality, by CBS code (`GM0268`). Every municipality of
 * 2024 has one.
 *
 * @since 0.4.0
 * @category getters
 */
export const pointOf = (code: string): Option.Option<Point> => {
  const i = indexOf.get(code)
  return i === undefined ? Option.none() : Option.some(points[i]!)
}

const toRadians = Math.PI / 180

/**
 * Great-circle distance in kilometres (haversine formula, radius
 * {@link earthRadiusKm}). Symmetric, and 0 from a point to itself.
 *
 * @since 0.4.0
 * @category distances
 */
export const distanceKm = (a: Point, b: Point): number => {
  const dLat = (b.lat - a.lat) * toRadians
  const dLon = (b.lon - a.lon) * toRadians
  const sinLat = Math.sin(dLat / 2)
  const sinLon = Math.sin(dLon / 2)
  const h = sinLat * sinLat + Math.cos(a.lat * toRadians) * Math.cos(b.lat * toRadians) * sinLon * sinLon
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Distance in kilometres between the points of two municipalities, by CBS
 * code. Fails with the first code that has no point.
 *
 * @since 0.4.0
 * @category distances
 */
export const between = (codeA: string, codeB: string): Either.Either<number, UnknownMunicipality> => {
  const a = indexOf.get(codeA)
  if (a === undefined) return Either.left(new UnknownMunicipality({ code: codeA }))
  const b = indexOf.get(codeB)
  if (b === undefined) return Either.left(new UnknownMunicipality({ code: codeB }))
  return Either.right(distanceKm(points[a]!, points[b]!))
}

// -----------------------------------------------------------------------------
// neighbour search
// -----------------------------------------------------------------------------

/**
 * Neighbour search over all municipalities.
 *
 * @since 0.4.0
 * @category models
 */
export interface Grid {
  /**
   * Every municipality (the origin included) with its distance from `code`,
   * nearest first: the origin itself at 0 km, then by distance, equal
   * distances by code. Walk it outward and stop at the first one too far
   * away. Computed on first use per origin and kept. An unknown code gives
   * an empty list; check it with {@link pointOf} or {@link between} first.
   */
  readonly nearest: (code: string) => ReadonlyArray<Neighbour>
}

const nearestCache = new Map<number, ReadonlyArray<Neighbour>>()
const noNeighbours: ReadonlyArray<Neighbour> = Object.freeze([])

const nearestOf = (origin: number): ReadonlyArray<Neighbour> => {
  const from = points[origin]!
  const km = points.map((p) => distanceKm(from, p))
  // Codes are sorted in the data, so the index breaks ties by code.
  const order = points.map((_, i) => i).sort((i, j) =>
    i === origin ? -1 : j === origin ? 1 : km[i]! - km[j]! || i - j
  )
  return Object.freeze(order.map((i) => Object.freeze({ code: data.codes[i]!, km: km[i]! })))
}

/**
 * Neighbour search over the points of the 2024 municipalities (342 × 342
 * distances at most, each origin computed once).
 *
 * @since 0.4.0
 * @category constants
 */
export const Grid: Grid = {
  nearest: (code) => {
    const origin = indexOf.get(code)
    if (origin === undefined) return noNeighbours
    let list = nearestCache.get(origin)
    if (list === undefined) {
      list = nearestOf(origin)
      nearestCache.set(origin, list)
    }
    return list
  }
}
