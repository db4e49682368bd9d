/**
 * The improvement agenda (verbeteragenda) of a track: a draft that the
 * participants shape in session 3, then adopted (vastgesteld) as a version
 * that never changes. A later change is adopted as a new version, with
 * what changed and why; earlier versions stay readable.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AgendaAction from "./AgendaAction.js"
import * as AgendaFinding from "./AgendaFinding.js"
import * as AgendaFollowUp from "./AgendaFollowUp.js"
import { CalendarDate } from "./CalendarDate.js"
import * as LocalizedText from "./LocalizedText.js"
import { RegionCode } from "./Region.js"
import { TrackId } from "./Track.js"

/**
 * Identifies an agenda: `agd_` and 20 letters or digits.
 *
 * @since 0.3.0
 * @category models
 */
export const AgendaId = Schema.String.pipe(
  Schema.pattern(/^agd_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige agenda-id. / This is not a valid agenda id."
  }),
  Schema.brand("@pleegzorg/core/AgendaId"),
  Schema.annotations({ identifier: "AgendaId" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type AgendaId = typeof AgendaId.Type

/**
 * The findings and actions of an agenda, as drafted or as adopted.
 *
 * @since 0.3.0
 * @category models
 */
export class Content extends Schema.Class<Content>("@pleegzorg/core/Agenda/Content")({
  themes: Schema.Array(AgendaFinding.Theme),
  actions: Schema.Array(AgendaAction.Action)
}) {}

/**
 * What changed since the previous version, and why.
 *
 * @since 0.3.0
 * @category models
 */
export class Change extends Schema.Class<Change>("@pleegzorg/core/Agenda/Change")({
  what: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(2000)),
  why: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(2000))
}) {}

/**
 * An adopted version: numbered from 1, with its date and, from version 2
 * on, the change that made it.
 *
 * @since 0.3.0
 * @category models
 */
export class Version extends Schema.Class<Version>("@pleegzorg/core/Agenda/Version")({
  number: Schema.Int.pipe(Schema.positive()),
  adoptedOn: CalendarDate,
  content: Content,
  change: Schema.OptionFromNullOr(Change)
}) {}

/**
 * How an action is going now: its status and dated notes. Kept apart from
 * the versions, which say what was agreed and never change, so that work
 * on an action does not need a new version.
 *
 * @since 0.3.0
 * @category models
 */
export class Progress extends Schema.Class<Progress>("@pleegzorg/core/Agenda/Progress")({
  status: AgendaAction.Status,
  notes: Schema.Array(AgendaAction.ProgressNote)
}) {}

const emptyList = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Array(item).pipe(Schema.propertySignature, Schema.withConstructorDefault(() => []))

/**
 * The agenda of a track: the draft being worked on, every adopted version,
 * the progress of each action, the reviews held (at `moments` months after
 * the first adoption), the owners' contacts and which reminders were sent. `version` counts
 * stored changes (for storage), not adoptions.
 *
 * @since 0.3.0
 * @category models
 */
export class Agenda extends Schema.Class<Agenda>("@pleegzorg/core/Agenda")({
  id: AgendaId,
  trackId: TrackId,
  region: RegionCode,
  draft: Content,
  versions: Schema.Array(Version),
  progress: Schema.Record({ key: Schema.String, value: Progress }).pipe(
    Schema.propertySignature,
    Schema.withConstructorDefault(() => ({}))
  ),
  moments: Schema.Array(Schema.Int.pipe(Schema.between(1, 120))).pipe(
    Schema.propertySignature,
    Schema.withConstructorDefault(() => AgendaFollowUp.defaultMoments)
  ),
  reviews: emptyList(AgendaFollowUp.Review),
  /** Where each action's owner gets mail, by action id; never part of a version. */
  contacts: Schema.Record({ key: Schema.String, value: AgendaAction.Contact }).pipe(
    Schema.propertySignature,
    Schema.withConstructorDefault(() => ({}))
  ),
  notified: emptyList(Schema.String),
  version: Schema.Int
}) {}

/**
 * There is no agenda with this id.
 *
 * @since 0.3.0
 * @category errors
 */
export class AgendaNotFound extends Schema.TaggedError<AgendaNotFound>("@pleegzorg/core/Agenda/AgendaNotFound")(
  "AgendaNotFound",
  { agendaId: Schema.String }
) {
  override get message() {
    return "Deze verbeteragenda bestaat niet. / This improvement agenda does not exist."
  }
}

/**
 * The agenda has no action with this id.
 *
 * @since 0.3.0
 * @category errors
 */
export class ActionNotFound extends Schema.TaggedError<ActionNotFound>("@pleegzorg/core/Agenda/ActionNotFound")(
  "ActionNotFound",
  { agendaId: Schema.String, actionId: Schema.String }
) {
  override get message() {
    return "Deze actie staat niet in de verbeteragenda. / This action is not on the improvement agenda."
  }
}

/**
 * The request does not fit where the agenda is: a second agenda for a
 * track, a review before adoption, and the like. Says why.
 *
 * @since 0.3.0
 * @category errors
 */
export class AgendaStateConflict extends Schema.TaggedError<AgendaStateConflict>("@pleegzorg/core/Agenda/AgendaStateConflict")(
  "AgendaStateConflict",
  { agendaId: Schema.String, problem: LocalizedText.LocalizedText }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * An action as it stands now: its definition with the status and notes of
 * its progress (or as drafted, when there is no progress yet).
 *
 * @since 0.3.0
 * @category getters
 */
export const live = (agenda: Agenda, action: AgendaAction.Action): AgendaAction.Action => {
  const progress = agenda.progress[action.id]
  return progress === undefined
    ? action
    : new AgendaAction.Action({ ...action, status: progress.status, notes: progress.notes }, true)
}

/**
 * The version in force with every action as it stands now, if adopted.
 *
 * @since 0.3.0
 * @category getters
 */
export const inForce = (agenda: Agenda): Option.Option<{ readonly version: Version; readonly actions: ReadonlyArray<AgendaAction.Action> }> =>
  Option.map(current(agenda), (version) => ({ version, actions: version.content.actions.map((a) => live(agenda, a)) }))

/**
 * When the agenda was first adopted: review moments count from there.
 *
 * @since 0.3.0
 * @category getters
 */
export const firstAdoptedOn = (agenda: Agenda): Option.Option<CalendarDate> =>
  Option.map(Option.fromNullable(agenda.versions[0]), (v) => v.adoptedOn)

/**
 * The agenda cannot be adopted as it is; every problem is listed.
 *
 * @since 0.3.0
 * @category errors
 */
export class NotAdoptable extends Schema.TaggedError<NotAdoptable>("@pleegzorg/core/Agenda/NotAdoptable")("NotAdoptable", {
  problems: Schema.Array(LocalizedText.LocalizedText)
}) {
  override get message() {
    return this.problems.map((p) => `${p.nl} / ${p.en}`).join("; ")
  }
}

// Compared as stored: the arrays inside are plain arrays, which structural
// equality would compare by reference.
const encodeContent = Schema.encodeSync(Content)
// Progress (status and notes) is not a change of the agenda itself.
const definition = (content: Content) =>
  JSON.stringify(encodeContent(
    new Content({
      themes: content.themes,
      actions: content.actions.map((a) => new AgendaAction.Action({ ...a, status: new AgendaAction.Proposed(), notes: [] }, true))
    }, true)
  ))
const sameContent = (a: Content, b: Content) => definition(a) === definition(b)

/**
 * The version in force: the last adopted one, if any.
 *
 * @since 0.3.0
 * @category getters
 */
export const current = (agenda: Pick<Agenda, "versions">): Option.Option<Version> => Option.fromNullable(agenda.versions.at(-1))

/**
 * Adopts the draft on `on` as the next version. The first adoption needs no
 * change note; every later one needs what changed and why, and a draft that
 * differs from the version in force. Every action must belong to a theme of
 * the draft and be due on or after its start, and there must be at least
 * one action.
 *
 * @since 0.3.0
 * @category adoption
 */
export const adopt = (
  agenda: Agenda,
  on: CalendarDate,
  change?: { readonly what: string; readonly why: string }
): Either.Either<Agenda, NotAdoptable> => {
  const problems: Array<LocalizedText.LocalizedText> = []
  const draft = agenda.draft
  if (draft.actions.length === 0) {
    problems.push({ nl: "Een agenda heeft minstens één actie.", en: "An agenda has at least one action." })
  }
  const themes = new Set(draft.themes.map((t) => t.name))
  for (const action of draft.actions) {
    if (!themes.has(action.theme)) {
      problems.push({
        nl: `De actie "${action.title}" hoort bij het thema "${action.theme}", dat niet in de agenda staat.`,
        en: `The action "${action.title}" belongs to the theme "${action.theme}", which is not on the agenda.`
      })
    }
    Either.match(AgendaAction.checkDates(action.start, action.due), {
      onLeft: (e) => problems.push({ nl: `${action.title}: ${e.problem.nl}`, en: `${action.title}: ${e.problem.en}` }),
      onRight: () => undefined
    })
  }
  const inForce = current(agenda)
  // A version records each action as it stood when adopted.
  const snapshot = new Content({ themes: draft.themes, actions: draft.actions.map((a) => live(agenda, a)) }, true)
  const tooLong = change !== undefined && (change.what.trim().length > 2000 || change.why.trim().length > 2000)
  if (tooLong) {
    problems.push({
      nl: "Schrijf wat er verandert en waarom in hoogstens 2000 tekens elk.",
      en: "Write what changes and why in at most 2000 characters each."
    })
  }
  const note = change === undefined || tooLong || change.what.trim() === "" || change.why.trim() === ""
    ? undefined
    : new Change({ what: change.what.trim(), why: change.why.trim() })
  if (Option.isSome(inForce)) {
    if (on < inForce.value.adoptedOn) {
      problems.push({
        nl: `Versie ${inForce.value.number} is vastgesteld op ${inForce.value.adoptedOn}; een nieuwe versie kan niet eerder zijn (${on}).`,
        en: `Version ${inForce.value.number} was adopted on ${inForce.value.adoptedOn}; a new version cannot be earlier (${on}).`
      })
    }
    if (note === undefined) {
      problems.push({
        nl: "Schrijf bij een nieuwe versie op wat er verandert en waarom.",
        en: "For a new version, write down what changes and why."
      })
    }
    if (sameContent(inForce.value.content, snapshot)) {
      problems.push({
        nl: "Er is niets veranderd sinds de vorige versie.",
        en: "Nothing has changed since the previous version."
      })
    }
  }
  if (problems.length > 0) return Either.left(new NotAdoptable({ problems }))
  const version = new Version({
    number: agenda.versions.length + 1,
    adoptedOn: on,
    content: snapshot,
    change: Option.isSome(inForce) ? Option.fromNullable(note) : Option.none()
  })
  return Either.right(new Agenda({ ...agenda, versions: [...agenda.versions, version], version: agenda.version + 1 }))
}

/**
 * An adopted version as everyone with the track's link may read it: the
 * actions as they stand now (for the version in force) or as adopted (for
 * an earlier one), and the list of versions. Contacts are never part of it.
 *
 * @since 0.3.0
 * @category models
 */
export interface PublicView {
  readonly agendaId: AgendaId
  readonly trackId: TrackId
  readonly region: RegionCode
  readonly version: Version
  readonly inForce: boolean
  readonly versions: ReadonlyArray<{ readonly number: number; readonly adoptedOn: CalendarDate; readonly change: Option.Option<Change> }>
  readonly reviews: ReadonlyArray<AgendaFollowUp.Review>
  readonly moments: ReadonlyArray<number>
}

/**
 * The public view of version `number` (default: the version in force), or
 * why there is none: the agenda is not adopted, or has no such version.
 *
 * @since 0.3.0
 * @category getters
 */
export const publicView = (agenda: Agenda, number?: number): Either.Either<PublicView, AgendaStateConflict> => {
  const last = agenda.versions.length
  if (last === 0) {
    return Either.left(
      new AgendaStateConflict({
        agendaId: agenda.id,
        problem: { nl: "Deze verbeteragenda is nog niet vastgesteld.", en: "This improvement agenda has not been adopted yet." }
      })
    )
  }
  const wanted = number ?? last
  const chosen = agenda.versions[wanted - 1]
  if (chosen === undefined || !Number.isInteger(wanted)) {
    return Either.left(
      new AgendaStateConflict({
        agendaId: agenda.id,
        problem: { nl: `Er is geen versie ${wanted}; de laatste is versie ${last}.`, en: `There is no version ${wanted}; the latest is version ${last}.` }
      })
    )
  }
  const inForce = wanted === last
  const actions = inForce ? chosen.content.actions.map((a) => live(agenda, a)) : chosen.content.actions
  return Either.right({
    agendaId: agenda.id,
    trackId: agenda.trackId,
    region: agenda.region,
    version: new Version({ ...chosen, content: new Content({ themes: chosen.content.themes, actions }, true) }, true),
    inForce,
    versions: agenda.versions.map((v) => ({ number: v.number, adoptedOn: v.adoptedOn, change: v.change })),
    reviews: agenda.reviews,
    moments: agenda.moments
  })
}
