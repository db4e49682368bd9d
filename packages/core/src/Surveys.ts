/**
 * The Surveys service: a survey of a track from its draft to the start
 * report for session 2.
 *
 * - `create`, `adapt` (draft only), `open` (freezes the questionnaires),
 *   `close` (prepares the free texts for review and erases the invitees'
 *   names and addresses).
 * - `invite` sends invitations with a single-use token; `remind` sends a new
 *   token to every invitation not used yet. Both go through the outbox.
 * - `questionnaire` and `answer`, with the token: the answer is checked
 *   against the questionnaire and stored without the token or anything
 *   else that links it to the invitation; the invitation is marked used.
 * - `reviewOpenAnswers` records the organiser's decisions on free texts.
 * - `report` (closed only): the figures through the disclosure engine, the
 *   approved free texts, the regional figures, checked against earlier
 *   releases and recorded in the ledger.
 * - `published`: what an improvement agenda may cite for a track: each
 *   release in the ledger (as protected) and the regional figures.
 *
 * @since 0.3.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Disclosure from "./Disclosure.js"
import * as DisclosurePolicy from "./DisclosurePolicy.js"
import { type EventId, Invitee as EventInvitee, SurveyInvited, SurveyReminded, SurveySummary } from "./DomainEvent.js"
import { Entropy, hashToken, makeId, makeToken } from "./Entropy.js"
import { type Gazetteer, Geography } from "./Geography.js"
import * as InvalidInput from "./InvalidInput.js"
import { trackOrNotFound } from "./internal/events.js"
import * as LocalizedText from "./LocalizedText.js"
import * as OpenAnswers from "./OpenAnswers.js"
import { Outbox } from "./Outbox.js"
import { label as regionLabel } from "./Region.js"
import type * as RegionalFigures from "./RegionalFigures.js"
import * as ReleaseLedger from "./ReleaseLedger.js"
import { TrackRepository, Transactor } from "./Storage.js"
import * as Survey from "./Survey.js"
import * as SurveyAnswer from "./SurveyAnswer.js"
import * as SurveyInvitation from "./SurveyInvitation.js"
import * as SurveyTemplate from "./SurveyTemplate.js"
import {
  AnswerRepository,
  type Count,
  type InvitationCount,
  InvitationRepository,
  RegionalFigureRepository,
  ReleaseRepository,
  SurveyRepository
} from "./SurveyStorage.js"
import { TrackId } from "./Track.js"

const Override = Schema.Struct({
  rule: DisclosurePolicy.Rule,
  value: Schema.Int,
  reason: Schema.String,
  decidedBy: Schema.String
})

/**
 * What `create` takes. Without questionnaires the defaults of
 * `SurveyTemplate` are used; without a title, "Vragenlijst over pleegzorg in
 * <regio>".
 *
 * @since 0.3.0
 * @category inputs
 */
export const CreateSurvey = Schema.Struct({
  trackId: TrackId,
  title: Schema.optional(LocalizedText.LocalizedText),
  questionnaires: Schema.optional(Schema.Array(Survey.Questionnaire)),
  policy: Schema.optional(Schema.Array(Override))
})

/**
 * What `adapt` takes: the parts to replace.
 *
 * @since 0.3.0
 * @category inputs
 */
export const AdaptSurvey = Schema.Struct({
  title: Schema.optional(LocalizedText.LocalizedText),
  questionnaires: Schema.optional(Schema.Array(Survey.Questionnaire)),
  policy: Schema.optional(Schema.Array(Override))
})

/**
 * The organiser's decision on free texts, by group, question and position.
 *
 * @since 0.3.0
 * @category inputs
 */
export const ReviewDecisions = Schema.Array(Schema.Struct({
  group: Survey.ReportGroup,
  question: Survey.QuestionId,
  position: Schema.Int,
  approved: Schema.Boolean
}))

/**
 * The free texts of one group to one question in a report: the approved
 * ones, or why there are none.
 *
 * @since 0.3.0
 * @category models
 */
export interface ReportTexts {
  readonly group: Survey.ReportGroup
  readonly question: string
  readonly texts: ReadonlyArray<string>
  readonly withheld: LocalizedText.LocalizedText | undefined
  readonly pendingReview: number
}

/**
 * Everything the start report shows, all of it already protected.
 *
 * @since 0.3.0
 * @category models
 */
export interface StartReportData {
  readonly releaseId: string
  readonly survey: {
    readonly id: Survey.SurveyId
    readonly title: LocalizedText.LocalizedText
    readonly region: string
    readonly regionName: string
    readonly closedOn: string
  }
  readonly release: Disclosure.ProtectedRelease
  readonly questions: ReadonlyArray<{ readonly id: string; readonly text: LocalizedText.LocalizedText; readonly kind: Survey.Question["_tag"] }>
  readonly openAnswers: ReadonlyArray<ReportTexts>
  readonly figures: ReadonlyArray<RegionalFigures.Figure>
}

const decodeCreate = InvalidInput.decode(CreateSurvey)
const decodeAdapt = InvalidInput.decode(AdaptSurvey)
const decodeInvitees = InvalidInput.decode(Schema.Array(SurveyInvitation.Invitee).pipe(Schema.minItems(1), Schema.maxItems(10_000)))
const decodeToken = InvalidInput.decode(SurveyInvitation.InvitationToken)
const decodeAnswers = InvalidInput.decode(SurveyAnswer.AnswersInput)
const decodeDecisions = InvalidInput.decode(ReviewDecisions)

const conflict = (survey: Survey.Survey, nl: string, en: string) =>
  new Survey.SurveyStateConflict({ surveyId: survey.id, status: survey.status._tag, problem: { nl, en } })

const cellKey = {
  all: "all",
  group: (group: Survey.ReportGroup) => `group:${group}`,
  municipality: (code: string) => `gemeente:${code}`
}

const inCell = (key: string, row: { readonly group: string; readonly municipality: string | null }) =>
  key === cellKey.all || key === cellKey.group(row.group as Survey.ReportGroup) ||
  (row.municipality !== null && key === cellKey.municipality(row.municipality))

// The declared shape of every start report: everyone, each report group,
// and (when every answer has one) each municipality of the region, one
// attribute at a time, over public lists so that empty groups show too.
const releaseInput = (
  survey: Survey.Survey,
  counts: ReadonlyArray<Count>,
  invited: ReadonlyArray<InvitationCount>,
  gazetteer: Gazetteer
): Disclosure.ReleaseInput => {
  const respondentRows = counts.filter((c) => c.question === "")
  const sum = (rows: ReadonlyArray<Count>) => rows.reduce((n, c) => n + c.count, 0)
  const groups = Survey.ReportGroup.literals.filter((g) => Object.values(survey.groups).includes(g))
  const invitedOf = (group: Survey.ReportGroup) =>
    invited.filter((i) => (survey.groups[i.audience] ?? i.audience) === group).reduce((n, i) => n + i.invited, 0)
  const byMunicipality = respondentRows.length > 0 && respondentRows.every((c) => c.municipality !== null)
  const municipalities = byMunicipality ? Either.getOrElse(gazetteer.municipalitiesOf(survey.region), () => []) : []
  const cells: Array<Disclosure.CellInput> = [
    {
      key: cellKey.all,
      label: { nl: "Iedereen", en: "Everyone" },
      breakdown: 0,
      respondents: sum(respondentRows),
      invited: invited.reduce((n, i) => n + i.invited, 0)
    },
    ...groups.map((group): Disclosure.CellInput => ({
      key: cellKey.group(group),
      label: Survey.groupLabel(group),
      breakdown: 1,
      respondents: sum(respondentRows.filter((c) => c.group === group)),
      invited: invitedOf(group)
    })),
    ...municipalities.map((m): Disclosure.CellInput => ({
      key: cellKey.municipality(m.code),
      label: { nl: m.name, en: m.name },
      breakdown: 1,
      respondents: sum(respondentRows.filter((c) => c.municipality === m.code))
    }))
  ]
  const relations: Array<Disclosure.Relation> = [
    { total: cellKey.all, parts: groups.map(cellKey.group) },
    ...(municipalities.length > 0 ? [{ total: cellKey.all, parts: municipalities.map((m) => cellKey.municipality(m.code)) }] : [])
  ]
  const questions = Survey.allQuestions(survey).filter((q) => q._tag !== "FreeText").map((question): Disclosure.QuestionInput => {
    const rows = counts.filter((c) => c.question === question.id)
    const answersIn = (key: string): Disclosure.Answers => {
      const mine = rows.filter((r) => inCell(key, r))
      const at = (value: number) => sum(mine.filter((r) => r.value === value))
      switch (question._tag) {
        case "Likert":
          return { _tag: "Likert", counts: [at(1), at(2), at(3), at(4), at(5)] }
        case "SingleChoice":
          return { _tag: "Choice", options: question.options, counts: question.options.map((_, i) => at(i)), answered: sum(mine) }
        case "MultipleChoice":
          return { _tag: "Choice", options: question.options, counts: question.options.map((_, i) => at(i)), answered: at(-1) }
        default:
          return { _tag: "Number", values: mine.flatMap((r) => Array<number>(r.count).fill(r.value)) }
      }
    }
    return { id: question.id, label: question.text, cells: Object.fromEntries(cells.map((c) => [c.key, answersIn(c.key)])) }
  })
  return { cells, relations, questions }
}

const pairs: ReadonlyArray<readonly [Survey.Audience, Survey.Audience, Survey.ReportGroup]> = [
  ["FosterFamily", "Parent", "Families"],
  ["CareWorker", "PolicyMaker", "Professionals"]
]

const decideGroups = (
  invited: (audience: Survey.Audience) => number,
  minimum: number
): Partial<Record<Survey.Audience, Survey.ReportGroup>> => {
  const groups: Partial<Record<Survey.Audience, Survey.ReportGroup>> = {}
  for (const [a, b, pooled] of pairs) {
    const apart = invited(a) >= minimum && invited(b) >= minimum
    groups[a] = apart ? a : pooled
    groups[b] = apart ? b : pooled
  }
  return groups
}

/**
 * @since 0.3.0
 * @category services
 */
export class Surveys extends Effect.Service<Surveys>()("@pleegzorg/core/Surveys", {
  effect: Effect.gen(function*() {
    const surveys = yield* SurveyRepository
    const invitations = yield* InvitationRepository
    const answers = yield* AnswerRepository
    const releases = yield* ReleaseRepository
    const figures = yield* RegionalFigureRepository
    const tracks = yield* TrackRepository
    const outbox = yield* Outbox
    const { withTransaction } = yield* Transactor
    const entropy = yield* Entropy
    const gazetteer = yield* Geography

    const random = <A>(effect: Effect.Effect<A, never, Entropy>) => Effect.provideService(effect, Entropy, entropy)
    const newEventId = Effect.map(random(makeId("evt")), (id) => id as EventId)

    const load = (id: Survey.SurveyId) =>
      Effect.flatMap(surveys.getForUpdate(id), Option.match({
        onNone: () => Effect.fail(new Survey.SurveyNotFound({ surveyId: id })),
        onSome: Effect.succeed
      }))
    const read = (id: string) =>
      Effect.flatMap(surveys.get(id as Survey.SurveyId), Option.match({
        onNone: () => Effect.fail(new Survey.SurveyNotFound({ surveyId: id })),
        onSome: Effect.succeed
      }))

    const policyOf = (overrides: ReadonlyArray<typeof Override.Type> | undefined) =>
      overrides === undefined ? Effect.succeed(DisclosurePolicy.standard) : DisclosurePolicy.make(overrides)

    const checkQuestionnaires = (questionnaires: ReadonlyArray<Survey.Questionnaire>) => {
      const problems = Survey.problemsOf(questionnaires)
      return problems.length === 0 ? Effect.void : Effect.fail(new Survey.InvalidQuestionnaire({ problems }))
    }

    const regionName = (code: string) =>
      Either.match(gazetteer.region(code), { onLeft: () => code, onRight: regionLabel })

    const save = (survey: Survey.Survey, changes: Partial<Survey.Survey>) => {
      const next = new Survey.Survey({ ...survey, ...changes, version: survey.version + 1 })
      return Effect.as(surveys.update(next), next)
    }

    const create = Effect.fn("Surveys.create")(function*(input: typeof CreateSurvey.Encoded) {
      const request = yield* decodeCreate(input)
      const questionnaires = request.questionnaires ?? SurveyTemplate.defaults
      yield* checkQuestionnaires(questionnaires)
      const policy = yield* policyOf(request.policy)
      const track = yield* trackOrNotFound(request.trackId)(tracks.get(request.trackId))
      const name = regionName(track.region)
      const survey = new Survey.Survey({
        id: (yield* random(makeId("srv"))) as Survey.SurveyId,
        trackId: track.id,
        region: track.region,
        title: request.title ?? { nl: `Vragenlijst over pleegzorg in ${name}`, en: `Survey on foster care in ${name}` },
        questionnaires,
        status: new Survey.Draft(),
        groups: {},
        policy,
        openAnswers: [],
        version: 1
      })
      yield* surveys.insert(survey)
      return survey
    })

    const adapt = Effect.fn("Surveys.adapt")(function*(id: Survey.SurveyId, input: typeof AdaptSurvey.Encoded) {
      const request = yield* decodeAdapt(input)
      if (request.questionnaires !== undefined) yield* checkQuestionnaires(request.questionnaires)
      const policy = request.policy === undefined ? undefined : yield* policyOf(request.policy)
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Draft") {
          return yield* conflict(
            survey,
            "Een vragenlijst kun je alleen aanpassen zolang hij nog niet open is.",
            "A survey can only be adapted before it opens."
          )
        }
        return yield* save(survey, {
          ...(request.title === undefined ? {} : { title: request.title }),
          ...(request.questionnaires === undefined ? {} : { questionnaires: request.questionnaires }),
          ...(policy === undefined ? {} : { policy })
        })
      }))
    })

    const open = Effect.fn("Surveys.open")(function*(id: Survey.SurveyId) {
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Draft") {
          return yield* conflict(survey, "Deze vragenlijst is al open geweest.", "This survey has already been opened.")
        }
        return yield* save(survey, { status: new Survey.Open({ since: yield* DateTime.now }) })
      }))
    })

    const invite = Effect.fn("Surveys.invite")(function*(id: Survey.SurveyId, input: ReadonlyArray<SurveyInvitation.InviteeInput>) {
      const people = yield* decodeInvitees(input)
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Open") {
          return yield* conflict(
            survey,
            "Uitnodigen kan alleen als de vragenlijst open is.",
            "Invitations can only be sent while the survey is open."
          )
        }
        const existing = yield* invitations.listBySurvey(survey.id)
        const known = new Set(existing.flatMap((i) => Option.toArray(Option.map(i.contact, (c) => c.email))))
        const fresh = people.filter((p, index) => !known.has(p.email) && people.findIndex((q) => q.email === p.email) === index)
        // The groups are decided by the first invitations, for every
        // audience at once, and each invitation says which group its answers
        // count in. Care workers and policy makers, and foster families and
        // parents, are pooled as a pair when either has too few invited.
        const groups = Object.keys(survey.groups).length > 0 ? survey.groups : decideGroups(
          (audience) => fresh.filter((p) => p.audience === audience).length,
          survey.policy.minGroup
        )
        const updated = yield* save(survey, { groups })
        const now = yield* DateTime.now
        const rows: Array<{ readonly invitation: SurveyInvitation.Invitation; readonly tokenHash: string }> = []
        const events: Array<SurveyInvited> = []
        for (const person of fresh) {
          const invitation = new SurveyInvitation.Invitation({
            id: (yield* random(makeId("inv"))) as SurveyInvitation.InvitationId,
            surveyId: survey.id,
            audience: person.audience,
            municipality: Option.fromNullable(person.municipality),
            contact: Option.some({ name: Option.fromNullable(person.name), email: person.email, language: person.language }),
            used: false,
            reminders: 0
          })
          const token = (yield* random(makeToken)) as SurveyInvitation.InvitationToken
          rows.push({ invitation, tokenHash: yield* hashToken(token) })
          events.push(
            new SurveyInvited({
              id: yield* newEventId,
              occurredAt: now,
              recipient: new EventInvitee({ ...(person.name === undefined ? {} : { name: person.name }), email: person.email, language: person.language }),
              survey: summaryOf(updated, person.audience),
              token
            })
          )
        }
        yield* invitations.insert(rows.map((r) => r.invitation))
        for (const row of rows) yield* invitations.addToken(row.invitation.id, row.tokenHash)
        yield* outbox.append(events)
        return { invited: rows.length, skipped: people.length - rows.length, groups: updated.groups }
      }))
    })

    const summaryOf = (survey: Survey.Survey, audience: Survey.Audience) => {
      const group = survey.groups[audience] ?? audience
      return new SurveySummary({
        id: survey.id,
        title: survey.title,
        regionName: regionName(survey.region),
        group: Survey.groupLabel(group),
        pooled: group !== audience
      })
    }

    const remind = Effect.fn("Surveys.remind")(function*(id: Survey.SurveyId) {
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Open") {
          return yield* conflict(survey, "Herinneren kan alleen als de vragenlijst open is.", "Reminders can only be sent while the survey is open.")
        }
        const now = yield* DateTime.now
        const events: Array<SurveyReminded> = []
        for (const invitation of yield* invitations.listBySurvey(survey.id)) {
          if (invitation.used || Option.isNone(invitation.contact)) continue
          const contact = invitation.contact.value
          const token = (yield* random(makeToken)) as SurveyInvitation.InvitationToken
          yield* invitations.addToken(invitation.id, yield* hashToken(token))
          yield* invitations.update(new SurveyInvitation.Invitation({ ...invitation, reminders: invitation.reminders + 1 }))
          events.push(
            new SurveyReminded({
              id: yield* newEventId,
              occurredAt: now,
              recipient: new EventInvitee({
                ...Option.match(contact.name, { onNone: () => ({}), onSome: (name) => ({ name }) }),
                email: contact.email,
                language: contact.language
              }),
              survey: summaryOf(survey, invitation.audience),
              token
            })
          )
        }
        yield* outbox.append(events)
        return events.length
      }))
    })

    const invitationOf = (token: string) =>
      Effect.gen(function*() {
        const valid = yield* Effect.mapError(decodeToken(token), () => new SurveyInvitation.InvitationNotFound())
        return yield* Effect.flatMap(invitations.findByTokenHash(yield* hashToken(valid)), Option.match({
          onNone: () => Effect.fail(new SurveyInvitation.InvitationNotFound()),
          onSome: Effect.succeed
        }))
      })

    const questionnaire = Effect.fn("Surveys.questionnaire")(function*(token: string) {
      const invitation = yield* invitationOf(token)
      const survey = yield* read(invitation.surveyId)
      const form = Survey.questionnaireFor(survey, invitation.audience)
      if (survey.status._tag !== "Open" || form === undefined) return yield* new SurveyInvitation.InvitationNotFound()
      if (invitation.used) return yield* new SurveyInvitation.AlreadyAnswered()
      return { survey: summaryOf(survey, invitation.audience), questionnaire: form }
    })

    const answer = Effect.fn("Surveys.answer")(function*(token: string, input: unknown) {
      const given = yield* decodeAnswers(input)
      const hash = yield* Effect.flatMap(Effect.mapError(decodeToken(token), () => new SurveyInvitation.InvitationNotFound()), hashToken)
      const answerId = (yield* random(makeId("ans"))) as SurveyAnswer.AnswerId
      yield* withTransaction(Effect.gen(function*() {
        const found = yield* invitations.findByTokenHash(hash)
        if (Option.isNone(found)) return yield* new SurveyInvitation.InvitationNotFound()
        // The survey's lock orders this answer against closing and against a
        // second answer with the same invitation.
        const survey = yield* load(found.value.surveyId)
        const invitation = Option.getOrElse(yield* invitations.findByTokenHash(hash), () => found.value)
        const form = Survey.questionnaireFor(survey, invitation.audience)
        if (survey.status._tag !== "Open" || form === undefined) return yield* new SurveyInvitation.InvitationNotFound()
        if (invitation.used) return yield* new SurveyInvitation.AlreadyAnswered()
        const values = yield* SurveyAnswer.validate(form, given)
        yield* answers.insert(
          new SurveyAnswer.Answer({
            id: answerId,
            surveyId: survey.id,
            group: survey.groups[invitation.audience] ?? invitation.audience,
            municipality: invitation.municipality,
            values
          })
        )
        yield* invitations.update(new SurveyInvitation.Invitation({ ...invitation, used: true }))
      }))
    })

    const close = Effect.fn("Surveys.close")(function*(id: Survey.SurveyId) {
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Open") {
          return yield* conflict(survey, "Alleen een open vragenlijst kun je sluiten.", "Only an open survey can be closed.")
        }
        const counts = yield* answers.counts(survey.id)
        const respondents = (group: Survey.ReportGroup) =>
          counts.filter((c) => c.group === group && c.question === "").reduce((n, c) => n + c.count, 0)
        const texts = yield* answers.freeTexts(survey.id)
        const known = new Set(
          Either.getOrElse(gazetteer.municipalitiesOf(survey.region), () => []).flatMap((m) => m.name.toLowerCase().split(/\s+/))
        )
        known.add(regionName(survey.region).toLowerCase())
        const openAnswers: Array<Survey.ReviewItem> = []
        for (const group of new Set(texts.map((t) => t.group))) {
          for (const question of new Set(texts.filter((t) => t.group === group).map((t) => t.question))) {
            const prepared = yield* OpenAnswers.prepare({
              respondents: respondents(group),
              texts: texts.filter((t) => t.group === group && t.question === question).map((t) => t.text),
              policy: survey.policy,
              known
            })
            if (prepared._tag === "HeldForReview") {
              for (const item of prepared.items) {
                openAnswers.push(new Survey.ReviewItem({
                  group,
                  question: question as Survey.Question["id"],
                  position: item.id,
                  text: item.text,
                  redactions: item.redactions,
                  decision: "pending"
                }))
              }
            }
          }
        }
        yield* invitations.eraseContacts(survey.id)
        yield* answers.seal(survey.id)
        return yield* save(survey, { status: new Survey.Closed({ since: yield* DateTime.now }), openAnswers })
      }))
    })

    const reviewOpenAnswers = Effect.fn("Surveys.reviewOpenAnswers")(function*(id: Survey.SurveyId, input: unknown) {
      const decisions = yield* decodeDecisions(input)
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Closed") {
          return yield* conflict(survey, "Open antwoorden lees je na het sluiten.", "Free-text answers are reviewed after closing.")
        }
        const decide = new Map(decisions.map((d) => [`${d.group}|${d.question}|${d.position}`, d.approved]))
        const unknown = decisions.filter((d) =>
          !survey.openAnswers.some((i) => i.group === d.group && i.question === d.question && i.position === d.position)
        )
        if (unknown.length > 0) {
          return yield* InvalidInput.make(
            "",
            `${unknown.length} beslissing(en) gaan over een antwoord dat er niet is. / ${unknown.length} decision(s) refer to an answer that does not exist.`
          )
        }
        return yield* save(survey, {
          openAnswers: survey.openAnswers.map((item) => {
            const approved = decide.get(`${item.group}|${item.question}|${item.position}`)
            return approved === undefined ? item : new Survey.ReviewItem({ ...item, decision: approved ? "approved" : "rejected" })
          })
        })
      }))
    })

    const report = Effect.fn("Surveys.report")(function*(id: Survey.SurveyId) {
      return yield* withTransaction(Effect.gen(function*() {
        const survey = yield* load(id)
        if (survey.status._tag !== "Closed") {
          return yield* conflict(
            survey,
            "Resultaten komen er pas als de vragenlijst gesloten is.",
            "Results are made only after the survey has closed."
          )
        }
        const counts = yield* answers.counts(survey.id)
        const invitedCounts = yield* invitations.counts(survey.id)
        const input = releaseInput(survey, counts, invitedCounts, gazetteer)
        const release = yield* Either.mapLeft(Disclosure.protect(input, survey.policy), (e) =>
          InvalidInput.make("", `${e.problem.nl} / ${e.problem.en}`))
        const releaseId = yield* random(makeId("rel"))
        const coverage = yield* answers.coverage(survey.id)
        const shown = release.cells.filter((c) => c.respondents._tag === "Shown")
        // One pass over the answers, not one per cell: a region has tens of
        // thousands. The ids come from storage, so they need no check again.
        const byCell = new Map<string, Array<string>>()
        const add = (key: string, id: string) => {
          const list = byCell.get(key)
          if (list === undefined) byCell.set(key, [id])
          else list.push(id)
        }
        for (const a of coverage) {
          add(cellKey.all, a.id)
          add(cellKey.group(a.group), a.id)
          if (a.municipality !== null) add(cellKey.municipality(a.municipality), a.id)
        }
        const entry = new ReleaseLedger.Entry({
          releaseId,
          groups: shown.map((cell) => new ReleaseLedger.Covered({ key: cell.key, answers: byCell.get(cell.key) ?? [] }, true))
        }, true)
        const earlier = yield* releases.list(survey.id)
        // The same figures asked for again (as HTML after Markdown, say) are
        // the same release, already checked and recorded.
        const same = earlier.find((e) => ReleaseLedger.sameCoverage(e, entry))
        if (same === undefined) {
          yield* ReleaseLedger.check(earlier, entry, survey.policy)
          yield* releases.append(survey.id, entry)
        }

        const openAnswers: Array<ReportTexts> = []
        for (const group of Survey.ReportGroup.literals.filter((g) => Object.values(survey.groups).includes(g))) {
          const respondents = counts.filter((c) => c.group === group && c.question === "").reduce((n, c) => n + c.count, 0)
          for (const question of Survey.allQuestions(survey).filter((q) => q._tag === "FreeText")) {
            const items = survey.openAnswers.filter((i) => i.group === group && i.question === question.id)
            openAnswers.push({
              group,
              question: question.id,
              texts: items.filter((i) => i.decision === "approved").map((i) => i.text),
              withheld: respondents < survey.policy.freeText
                ? {
                  nl: `Open antwoorden laten we alleen zien als minstens ${survey.policy.freeText} mensen uit de groep de vragenlijst invulden.`,
                  en: `Free-text answers are shown only when at least ${survey.policy.freeText} people in the group filled in the survey.`
                }
                : undefined,
              pendingReview: items.filter((i) => i.decision === "pending").length
            })
          }
        }
        const regional = [...(yield* figures.listByArea(survey.region)), ...(yield* figures.listByArea("NL"))]
        const data: StartReportData = {
          releaseId: same?.releaseId ?? releaseId,
          survey: {
            id: survey.id,
            title: survey.title,
            region: survey.region,
            regionName: regionName(survey.region),
            closedOn: DateTime.formatIsoDateUtc(survey.status.since)
          },
          release,
          questions: Survey.allQuestions(survey).map((q) => ({ id: q.id, text: q.text, kind: q._tag })),
          openAnswers,
          figures: regional
        }
        return data
      }))
    })

    const importFigures = Effect.fn("Surveys.importFigures")(function*(list: ReadonlyArray<RegionalFigures.Figure>) {
      yield* withTransaction(figures.upsert(list))
      return list.length
    })

    const get = Effect.fn("Surveys.get")(function*(id: string) {
      return yield* read(id)
    })

    // The figures of a closed survey no longer change, so a release made
    // again from them is the one published under each of its ledger ids.
    const published = Effect.fn("Surveys.published")(function*(trackId: TrackId) {
      const releasesById = new Map<string, Disclosure.ProtectedRelease>()
      for (const survey of yield* surveys.listByTrack(trackId)) {
        if (survey.status._tag !== "Closed") continue
        const entries = yield* releases.list(survey.id)
        if (entries.length === 0) continue
        const input = releaseInput(survey, yield* answers.counts(survey.id), yield* invitations.counts(survey.id), gazetteer)
        const release = Either.getOrUndefined(Disclosure.protect(input, survey.policy))
        if (release === undefined) continue
        // Only where it shows the groups the ledger recorded as published (a
        // changed gazetteer, say, could make it differ).
        const shown = release.cells.filter((c) => c.respondents._tag === "Shown").map((c) => c.key).sort().join("|")
        for (const entry of entries) {
          if (entry.groups.map((g) => g.key).sort().join("|") === shown) releasesById.set(entry.releaseId, release)
        }
      }
      const track = yield* trackOrNotFound(trackId)(tracks.get(trackId))
      const regional = [...(yield* figures.listByArea(track.region)), ...(yield* figures.listByArea("NL"))]
      return {
        releases: releasesById,
        figures: new Set(regional.map((f) => `${f.indicator}|${f.area}|${f.period}`))
      }
    })

    return {
      create,
      adapt,
      open,
      invite,
      remind,
      questionnaire,
      answer,
      close,
      reviewOpenAnswers,
      report,
      importFigures,
      get,
      published
    } as const
  })
}) {}
