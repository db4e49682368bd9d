/**
 * Folds a place name for matching: case, accents, hyphens, punctuation and
 * the "'s-" of "'s-Gravenhage" do not count. "Súdwest-Fryslân" and
 * "sudwest fryslan" fold to the same text.
 *
 * @internal
 */
export const foldName = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/^\s*'?s[-\s]+(?=\p{L})/u, (prefix) => (prefix.includes("'") || prefix.includes("-") ? "" : prefix))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
