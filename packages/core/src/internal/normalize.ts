/**
 * Folds a place name for matching: case, accents, ligatures (ĳ), dashes,
 * punctuation and the "'s-" of "'s-Gravenhage" do not count. "Súdwest-Fryslân"
 * and "sudwest fryslan" fold to the same text, and so do "'s-Hertogenbosch",
 * "s hertogenbosch" and "’s–Hertogenbosch". No municipality or region name
 * starts with a lone "s" word, so that prefix can always go.
 *
 * @internal
 */
export const foldName = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[‘’`´ʼ]/g, "'")
    .replace(/^[\s\p{Pd}]*'?s[\s\p{Pd}]+(?=\p{L})/u, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
