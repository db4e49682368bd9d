/**
 * What the participants found in session 2, per theme: what goes well and
 * what could be better, each optionally backed by evidence. Evidence points
 * only at what was published — a shown figure of a protected survey
 * release, a regional figure, or a note from the session — never at a
 * suppressed cell or at anyone's answer.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Disclosure from "./Disclosure.js"
import * as LocalizedText from "./LocalizedText.js"

/**
 * A figure of a published start report: the release, the question (or ""
 * for the number of respondents) and the group (cell key) it is shown for.
 *
 * @since 0.3.0
 * @category evidence
 */
export class SurveyResult extends Schema.TaggedClass<SurveyResult>("@pleegzorg/core/AgendaFinding/SurveyResult")("SurveyResult", {
  releaseId: Schema.NonEmptyTrimmedString,
  question: Schema.String,
  cell: Schema.NonEmptyTrimmedString
}) {}

/**
 * A regional figure, by indicator, area and period.
 *
 * @since 0.3.0
 * @category evidence
 */
export class RegionalFigure extends Schema.TaggedClass<RegionalFigure>("@pleegzorg/core/AgendaFinding/RegionalFigure")("RegionalFigure", {
  indicator: Schema.NonEmptyTrimmedString,
  area: Schema.NonEmptyTrimmedString,
  period: Schema.NonEmptyTrimmedString
}) {}

/**
 * Something said in the session, written down without names.
 *
 * @since 0.3.0
 * @category evidence
 */
export class SessionNote extends Schema.TaggedClass<SessionNote>("@pleegzorg/core/AgendaFinding/SessionNote")("SessionNote", {
  text: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(2000))
}) {}

/**
 * @since 0.3.0
 * @category evidence
 */
export const Evidence = Schema.Union(SurveyResult, RegionalFigure, SessionNote)

/**
 * @since 0.3.0
 * @category evidence
 */
export type Evidence = typeof Evidence.Type

/**
 * One statement: something that goes well, or could be better.
 *
 * @since 0.3.0
 * @category models
 */
export class Statement extends Schema.Class<Statement>("@pleegzorg/core/AgendaFinding/Statement")({
  kind: Schema.Literal("GoesWell", "CouldBeBetter"),
  text: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(1000)),
  evidence: Schema.Array(Evidence)
}) {}

/**
 * A theme of session 2 with its statements, such as "samenwerking tussen
 * pleegouders en ouders".
 *
 * @since 0.3.0
 * @category models
 */
export class Theme extends Schema.Class<Theme>("@pleegzorg/core/AgendaFinding/Theme")({
  name: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  statements: Schema.Array(Statement)
}) {}

/**
 * Evidence that points at something not published: a suppressed figure, a
 * question or group the release does not have, an unknown release or
 * figure. Says which, in plain words; names no value.
 *
 * @since 0.3.0
 * @category errors
 */
export class EvidenceNotPublished extends Schema.TaggedError<EvidenceNotPublished>("@pleegzorg/core/AgendaFinding/EvidenceNotPublished")(
  "EvidenceNotPublished",
  { problem: LocalizedText.LocalizedText }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * What evidence may point at: the releases made so far (by id) and the
 * regional figures there are (as `indicator|area|period`).
 *
 * @since 0.3.0
 * @category models
 */
export interface Published {
  readonly releases: ReadonlyMap<string, Disclosure.ProtectedRelease>
  readonly figures: ReadonlySet<string>
}

const notPublished = (nl: string, en: string) => Either.left(new EvidenceNotPublished({ problem: { nl, en } }))

/**
 * Checks that `evidence` points at something published: a survey figure
 * must be shown (not suppressed) in its release, a regional figure must
 * exist. A session note is always fine.
 *
 * @since 0.3.0
 * @category validation
 */
export const checkEvidence = (evidence: Evidence, published: Published): Either.Either<void, EvidenceNotPublished> => {
  switch (evidence._tag) {
    case "SessionNote":
      return Either.void
    case "RegionalFigure":
      return published.figures.has(`${evidence.indicator}|${evidence.area}|${evidence.period}`)
        ? Either.void
        : notPublished(
          `Er is geen regionaal cijfer ${evidence.indicator} voor ${evidence.area} over ${evidence.period}.`,
          `There is no regional figure ${evidence.indicator} for ${evidence.area} over ${evidence.period}.`
        )
    case "SurveyResult": {
      const release = published.releases.get(evidence.releaseId)
      if (release === undefined) {
        return notPublished("Deze publicatie van de vragenlijst bestaat niet.", "This release of the survey does not exist.")
      }
      const shown = evidence.question === ""
        ? release.cells.find((c) => c.key === evidence.cell)?.respondents._tag === "Shown"
        : release.questions.find((q) => q.id === evidence.question)?.cells.find((c) => c.key === evidence.cell)?.figure._tag ===
          "Shown"
      return shown ? Either.void : notPublished(
        "Dit cijfer is niet gepubliceerd (te weinig antwoorden, of verborgen om een kleine groep te beschermen). Je kunt er niet naar verwijzen.",
        "This figure was not published (too few answers, or hidden to protect a small group). You cannot refer to it."
      )
    }
  }
}

/**
 * Checks every piece of evidence of every theme; returns every problem.
 *
 * @since 0.3.0
 * @category validation
 */
export const checkThemes = (
  themes: ReadonlyArray<Theme>,
  published: Published
): Either.Either<void, ReadonlyArray<EvidenceNotPublished>> => {
  const problems = themes.flatMap((theme) =>
    theme.statements.flatMap((statement) =>
      statement.evidence.flatMap((evidence) => Either.match(checkEvidence(evidence, published), { onLeft: (e) => [e], onRight: () => [] }))
    )
  )
  return problems.length === 0 ? Either.void : Either.left(problems)
}
