/**
 * Free-text answers, made fit to show: only for groups with enough
 * respondents (`DisclosurePolicy` rule `freeText`, default 10), personal data
 * blacked out, in random order, without dates, and held until the organiser
 * has read each one.
 *
 * Blacking out finds e-mail addresses, Dutch phone numbers, postcodes,
 * citizen service numbers (BSN, nine digits that pass the eleven test) and
 * names: capitalised words inside a sentence that are not place names or
 * other known words, and any word after meneer, mevrouw, juf or meester. It
 * errs towards blacking out too much; the organiser's review catches the
 * rest.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type * as DisclosurePolicy from "./DisclosurePolicy.js"
import type * as LocalizedText from "./LocalizedText.js"

/**
 * What was blacked out.
 *
 * @since 0.3.0
 * @category models
 */
export type Redaction = "email" | "phone" | "postcode" | "bsn" | "name"

const replacement: Record<Redaction, string> = {
  email: "[e-mail]",
  phone: "[telefoon]",
  postcode: "[postcode]",
  bsn: "[BSN]",
  name: "[naam]"
}

// Capitalised words that are not names. Place names come from the caller.
const common = new Set(
  [
    "Ik", "Je", "Jij", "We", "Wij", "Ze", "Zij", "Hij", "Het", "De", "Een", "En", "Maar", "Ook", "Dat", "Dit", "Die", "Er", "Als",
    "Pleegzorg", "Pleegouders", "Pleegouder", "Ouders", "Gemeente", "Jeugdzorg", "Jeugdbescherming", "Nederland", "NVP", "Raad",
    "Kinderbescherming", "GI", "Veilig", "Thuis", "School", "Covid", "Corona",
    "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag",
    "Januari", "Februari", "Maart", "April", "Mei", "Juni", "Juli", "Augustus", "September", "Oktober", "November", "December",
    "I", "The", "We", "They", "It", "And", "But"
  ].map((w) => w.toLowerCase())
)

const elevenTest = (digits: string) => {
  if (!/^\d{9}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i)
  sum -= Number(digits[8])
  return sum % 11 === 0 && digits !== "000000000"
}

/**
 * Blacks out personal data in `text`. `known` holds capitalised words that
 * are no names (place names of the region, organisations); compared without
 * case.
 *
 * @since 0.3.0
 * @category redaction
 */
export const redact = (
  text: string,
  known: ReadonlySet<string> = new Set()
): { readonly text: string; readonly redactions: ReadonlyArray<Redaction> } => {
  const found = new Set<Redaction>()
  const mark = (kind: Redaction) => () => {
    found.add(kind)
    return replacement[kind]
  }
  let out = text.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu, mark("email"))
  out = out.replace(/\b\d{3,4}[ .]?\d{2,3}[ .]?\d{2,3}\b/g, (match) => {
    const digits = match.replace(/\D/g, "")
    if (elevenTest(digits)) {
      found.add("bsn")
      return replacement.bsn
    }
    return match
  })
  out = out.replace(/(\+31|0031|\b0)[\s-]?(\(0\))?[\s-]?[1-9](?:[\s-]?\d){8}\b/g, mark("phone"))
  out = out.replace(/\b[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})\b/g, mark("postcode"))
  out = out.replace(/\b(meneer|mevrouw|mevr\.|mw\.|dhr\.|juf|meester)\s+[\p{L}'-]+/giu, (_, title: string) => {
    found.add("name")
    return `${title} ${replacement.name}`
  })
  // A capitalised word not at the start of a sentence, and not known.
  out = out.replace(/(?<=[\p{Ll},;:)\p{N}]\s+|\(|\s-\s)(\p{Lu}[\p{Ll}'-]+)/gu, (word: string) => {
    if (common.has(word.toLowerCase()) || known.has(word.toLowerCase())) return word
    found.add("name")
    return replacement.name
  })
  return { text: out, redactions: [...found] }
}

/**
 * One free-text answer waiting for review: blacked out, with what was
 * blacked out. `id` is only for the organiser's decision (see {@link release}).
 *
 * @since 0.3.0
 * @category models
 */
export interface Pending {
  readonly id: number
  readonly text: string
  readonly redactions: ReadonlyArray<Redaction>
}

/**
 * The free-text answers of one group to one question, before release.
 *
 * @since 0.3.0
 * @category models
 */
export type Prepared =
  | { readonly _tag: "Withheld"; readonly minimum: number; readonly text: LocalizedText.LocalizedText }
  | { readonly _tag: "HeldForReview"; readonly items: ReadonlyArray<Pending> }

/**
 * Prepares the free-text answers of a group with `respondents` people:
 * withheld below the policy's `freeText` minimum; otherwise blacked out and
 * shuffled (Effect's `Random`, so tests can fix the order), to be read by
 * the organiser.
 *
 * @since 0.3.0
 * @category release
 */
export const prepare = (options: {
  readonly respondents: number
  readonly texts: ReadonlyArray<string>
  readonly policy: DisclosurePolicy.Policy
  readonly known?: ReadonlySet<string> | undefined
}): Effect.Effect<Prepared> =>
  options.respondents < options.policy.freeText
    ? Effect.succeed({
      _tag: "Withheld",
      minimum: options.policy.freeText,
      text: {
        nl: `Open antwoorden laten we alleen zien als minstens ${options.policy.freeText} mensen uit de groep de vragenlijst invulden.`,
        en: `Free-text answers are shown only when at least ${options.policy.freeText} people in the group filled in the survey.`
      }
    })
    : Effect.map(Random.shuffle(options.texts.filter((t) => t.trim() !== "")), (shuffled) => ({
      _tag: "HeldForReview" as const,
      items: Array.from(shuffled, (text, id) => ({ id, ...redact(text, options.known) }))
    }))

/**
 * The texts the organiser approved (by {@link Pending} id), in the shuffled
 * order; the rest stays unpublished.
 *
 * @since 0.3.0
 * @category release
 */
export const release = (prepared: Prepared, approved: ReadonlySet<number>): ReadonlyArray<string> =>
  prepared._tag === "Withheld" ? [] : prepared.items.filter((item) => approved.has(item.id)).map((item) => item.text)
