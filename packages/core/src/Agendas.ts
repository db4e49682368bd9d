/**
 * The Agendas service: the improvement agenda (verbeteragenda) of a track,
 * from the findings of session 2 to the follow-up after adoption.
 *
 * - `create` makes the empty draft of a track (one agenda per track).
 * - `setThemes` records the findings: themes with what goes well and what
 *   could be better, each piece of evidence checked to point only at what
 *   was published (a shown figure of a release of the track's survey, a
 *   regional figure, or a session note).
 * - `addAction`, `updateAction`, `removeAction` shape the actions of the
 *   draft in session 3; `adopt` makes the draft a version that never
 *   changes, and mails each owner with a contact.
 * - `changeStatus` and `addNote` record how an action goes; `recordReview`
 *   the review at 3, 6 and 12 months (or the agenda's own moments).
 * - `overview` (one agenda), `regionOverview` (the agenda in force of a
 *   region), `national` (all regions) and `remind` (mail
 *   owners when a due date or review comes close, or an action is overdue;
 *   each once) for the follow-up.
 * - `setContact` corrects or erases where an owner gets mail, without a new
 *   version: contacts are never part of a version.
 *
 * Every write checks its input first and runs in one transaction: a refused
 * request writes nothing.
 *
 * @since 0.3.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Agenda from "./Agenda.js"
import * as AgendaAction from "./AgendaAction.js"
import * as AgendaFinding from "./AgendaFinding.js"
import * as AgendaFollowUp from "./AgendaFollowUp.js"
import { AgendaRepository } from "./AgendaStorage.js"
import * as CalendarDate from "./CalendarDate.js"
import {
  ActionDueSoon,
  ActionOverdue,
  ActionOwner,
  ActionSummary,
  AgendaAdopted,
  AgendaSummary,
  type DomainEvent,
  type EventId,
  ReviewDueSoon
} from "./DomainEvent.js"
import { Entropy, makeId } from "./Entropy.js"
import { Geography } from "./Geography.js"
import * as InvalidInput from "./InvalidInput.js"
import { trackOrNotFound } from "./internal/events.js"
import { Outbox } from "./Outbox.js"
import { label as regionLabel, RegionCode } from "./Region.js"
import { TrackRepository, Transactor } from "./Storage.js"
import { StakeholderGroup } from "./StakeholderGroup.js"
import { Surveys } from "./Surveys.js"
import * as Track from "./Track.js"

/**
 * What `create` takes: the track, and the review moments in months after
 * adoption (default 3, 6 and 12).
 *
 * @since 0.3.0
 * @category inputs
 */
export const CreateAgenda = Schema.Struct({
  trackId: Track.TrackId,
  moments: Schema.optional(
    Schema.Array(Schema.Int.pipe(Schema.between(1, 120))).pipe(Schema.minItems(1), Schema.maxItems(12))
  )
})

/**
 * The findings of session 2, as `setThemes` takes them.
 *
 * @since 0.3.0
 * @category inputs
 */
export const Themes = Schema.Array(AgendaFinding.Theme).pipe(Schema.maxItems(30))

/**
 * The owner of an action as `addAction` and `updateAction` take it: the
 * organisation and role, and optionally where they get mail (kept apart
 * from the action, see `Agenda`).
 *
 * @since 0.3.0
 * @category inputs
 */
export const OwnerInput = Schema.Struct({
  ...AgendaAction.Owner.fields,
  contact: Schema.optional(AgendaAction.Contact)
})

/**
 * A new action, as `addAction` takes it. It starts as proposed.
 *
 * @since 0.3.0
 * @category inputs
 */
export const ActionInput = Schema.Struct({
  title: AgendaAction.Action.fields.title,
  description: Schema.optionalWith(AgendaAction.Action.fields.description, { default: () => "" }),
  theme: Schema.NonEmptyTrimmedString,
  owner: OwnerInput,
  groups: Schema.optionalWith(Schema.Array(StakeholderGroup), { default: () => [] }),
  start: CalendarDate.CalendarDate,
  due: CalendarDate.CalendarDate,
  success: AgendaAction.Action.fields.success
})

/**
 * The parts of an action to change, as `updateAction` takes them.
 *
 * @since 0.3.0
 * @category inputs
 */
export const ActionPatch = Schema.Struct({
  title: Schema.optional(AgendaAction.Action.fields.title),
  description: Schema.optional(AgendaAction.Action.fields.description),
  theme: Schema.optional(Schema.NonEmptyTrimmedString),
  /** Replaces the owner; without `contact`, the action's contact is removed. */
  owner: Schema.optional(OwnerInput),
  groups: Schema.optional(Schema.Array(StakeholderGroup)),
  start: Schema.optional(CalendarDate.CalendarDate),
  due: Schema.optional(CalendarDate.CalendarDate),
  success: Schema.optional(AgendaAction.Action.fields.success)
})

/**
 * What `adopt` takes: the date (default today) and, for a later version,
 * what changed and why.
 *
 * @since 0.3.0
 * @category inputs
 */
export const AdoptInput = Schema.Struct({
  on: Schema.optional(CalendarDate.CalendarDate),
  change: Schema.optional(Schema.Struct({
    what: Schema.String.pipe(Schema.maxLength(2000)),
    why: Schema.String.pipe(Schema.maxLength(2000))
  }))
})

/**
 * What `changeStatus` takes: the status asked for (with the closing note
 * or the reason) and the date (default today).
 *
 * @since 0.3.0
 * @category inputs
 */
export const StatusInput = Schema.Struct({
  status: AgendaAction.TargetStatus,
  on: Schema.optional(CalendarDate.CalendarDate)
})

/**
 * What `addNote` takes.
 *
 * @since 0.3.0
 * @category inputs
 */
export const NoteInput = Schema.Struct({
  text: AgendaAction.ProgressNote.fields.text,
  on: Schema.optional(CalendarDate.CalendarDate)
})

/**
 * What `recordReview` takes: the moment (months after adoption), the date
 * (default today) and a note per action.
 *
 * @since 0.3.0
 * @category inputs
 */
export const ReviewInput = Schema.Struct({
  moment: Schema.Int.pipe(Schema.positive()),
  on: Schema.optional(CalendarDate.CalendarDate),
  notes: Schema.Array(AgendaFollowUp.ReviewNote).pipe(Schema.maxItems(200))
})

/**
 * How close a due date or review must be for `remind` to mail about it.
 *
 * @since 0.3.0
 * @category inputs
 */
export interface RemindOptions {
  /** Days before a due date (default 14). */
  readonly dueWithinDays?: number
  /** Days before a review (default 14). */
  readonly reviewWithinDays?: number
  /** The day to remind for (default today in Amsterdam). */
  readonly today?: CalendarDate.CalendarDate
}

/**
 * Where an adopted agenda stands, for the organiser.
 *
 * @since 0.3.0
 * @category models
 */
export interface AgendaOverview {
  readonly agendaId: Agenda.AgendaId
  readonly trackId: Track.TrackId
  readonly region: RegionCode
  readonly regionName: string
  readonly version: number
  readonly adoptedOn: CalendarDate.CalendarDate
  readonly today: CalendarDate.CalendarDate
  readonly overview: AgendaFollowUp.Overview
  readonly reviews: ReadonlyArray<{
    readonly moment: number
    readonly due: CalendarDate.CalendarDate
    readonly heldOn: Option.Option<CalendarDate.CalendarDate>
  }>
}

/**
 * What `remind` sent.
 *
 * @since 0.3.0
 * @category models
 */
export interface Reminded {
  readonly dueSoon: number
  readonly overdue: number
  readonly reviews: number
}

/**
 * What `setContact` takes: the owner's new contact, or null to erase it.
 * Works for every action, adopted or draft, and needs no new version.
 *
 * @since 0.3.0
 * @category inputs
 */
export const ContactInput = Schema.Struct({ contact: Schema.NullOr(AgendaAction.Contact) })

const MAX_ACTIONS = 100

const decodeCreate = InvalidInput.decode(CreateAgenda)
const decodeThemes = InvalidInput.decode(Themes)
const decodeAction = InvalidInput.decode(ActionInput)
const decodePatch = InvalidInput.decode(ActionPatch)
const decodeAdopt = InvalidInput.decode(AdoptInput)
const decodeStatus = InvalidInput.decode(StatusInput)
const decodeNote = InvalidInput.decode(NoteInput)
const decodeReview = InvalidInput.decode(ReviewInput)
const decodeContact = InvalidInput.decode(ContactInput)

const conflict = (agenda: { readonly id: string }, nl: string, en: string) =>
  new Agenda.AgendaStateConflict({ agendaId: agenda.id, problem: { nl, en } })

const themeKey = (name: string) => name.trim().toLowerCase()

const daysBetween = (from: CalendarDate.CalendarDate, to: CalendarDate.CalendarDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

const summaryOfAction = (action: AgendaAction.Action) =>
  new ActionSummary({
    id: action.id,
    title: action.title,
    theme: action.theme,
    start: action.start,
    due: action.due,
    status: action.status._tag
  }, true)

const ownerOf = (action: AgendaAction.Action, contact: AgendaAction.Contact) =>
  new ActionOwner({
    ...(contact.name === undefined ? {} : { name: contact.name }),
    email: contact.email,
    language: contact.language,
    organisation: action.owner.organisation,
    role: action.owner.role
  }, true)

// The actions per owner: one mail per address and role, not per action.
const byContact = (actions: ReadonlyArray<AgendaAction.Action>, contacts: Agenda.Agenda["contacts"]) => {
  const groups = new Map<string, { owner: ActionOwner; actions: Array<AgendaAction.Action> }>()
  for (const action of actions) {
    const contact = contacts[action.id]
    if (contact === undefined) continue
    const key = JSON.stringify([contact.email, action.owner.organisation, action.owner.role])
    const entry = groups.get(key)
    if (entry === undefined) groups.set(key, { owner: ownerOf(action, contact), actions: [action] })
    else entry.actions.push(action)
  }
  return [...groups.values()]
}

const splitOwner = (input: typeof OwnerInput.Type) => ({
  owner: new AgendaAction.Owner({ organisation: input.organisation, role: input.role }),
  contact: input.contact
})

const withContact = (contacts: Agenda.Agenda["contacts"], id: string, contact: AgendaAction.Contact | undefined) => {
  const next = { ...contacts }
  if (contact === undefined) delete next[id]
  else next[id] = contact
  return next
}

const isOpen = (action: AgendaAction.Action) => action.status._tag !== "Done" && action.status._tag !== "Dropped"

/**
 * @since 0.3.0
 * @category services
 */
export class Agendas extends Effect.Service<Agendas>()("@pleegzorg/core/Agendas", {
  effect: Effect.gen(function*() {
    const agendas = yield* AgendaRepository
    const tracks = yield* TrackRepository
    const outbox = yield* Outbox
    const { withTransaction } = yield* Transactor
    const entropy = yield* Entropy
    const gazetteer = yield* Geography
    const surveys = yield* Surveys

    const random = <A>(effect: Effect.Effect<A, never, Entropy>) => Effect.provideService(effect, Entropy, entropy)
    const newEventId = Effect.map(random(makeId("evt")), (id) => id as EventId)
    const today = Effect.map(DateTime.now, (now) => CalendarDate.fromDateTime(now, Track.timeZone()))
    const regionName = (code: string) => Either.match(gazetteer.region(code), { onLeft: () => code, onRight: regionLabel })

    const load = (id: string) =>
      Effect.flatMap(agendas.getForUpdate(id as Agenda.AgendaId), Option.match({
        onNone: () => Effect.fail(new Agenda.AgendaNotFound({ agendaId: id })),
        onSome: Effect.succeed
      }))
    const read = (id: string) =>
      Effect.flatMap(agendas.get(id as Agenda.AgendaId), Option.match({
        onNone: () => Effect.fail(new Agenda.AgendaNotFound({ agendaId: id })),
        onSome: Effect.succeed
      }))
    const save = (agenda: Agenda.Agenda, changes: Partial<Agenda.Agenda>) => {
      const next = new Agenda.Agenda({ ...agenda, ...changes, version: agenda.version + 1 })
      return Effect.as(agendas.update(next), next)
    }
    // Within one transaction: read, change, write.
    const change = <E>(id: string, f: (agenda: Agenda.Agenda) => Effect.Effect<Agenda.Agenda, E>) =>
      withTransaction(Effect.flatMap(load(id), f))

    const summaryOf = (agenda: Agenda.Agenda, version: Agenda.Version) =>
      new AgendaSummary({
        id: agenda.id,
        trackId: agenda.trackId,
        regionName: regionName(agenda.region),
        version: version.number,
        adoptedOn: version.adoptedOn
      }, true)

    const findAction = (agenda: Agenda.Agenda, actionId: string) => {
      const inDraft = agenda.draft.actions.find((a) => a.id === actionId)
      const inForce = Agenda.current(agenda).pipe(
        Option.flatMap((v) => Option.fromNullable(v.content.actions.find((a) => a.id === actionId)))
      )
      const action = inDraft ?? Option.getOrUndefined(inForce)
      return action === undefined
        ? Effect.fail(new Agenda.ActionNotFound({ agendaId: agenda.id, actionId }))
        : Effect.succeed(Agenda.live(agenda, action))
    }

    // An action of the version in force, as it stands now (reviews are about those).
    const adoptedAction = (agenda: Agenda.Agenda, actionId: string) => {
      const action = Option.getOrUndefined(Agenda.inForce(agenda))?.actions.find((a) => a.id === actionId)
      return action === undefined
        ? Effect.fail(new Agenda.ActionNotFound({ agendaId: agenda.id, actionId }))
        : Effect.succeed(action)
    }

    const checkActionTheme = (agenda: Agenda.Agenda, theme: string) =>
      agenda.draft.themes.some((t) => t.name === theme)
        ? Effect.void
        : Effect.fail(InvalidInput.make(
          "theme",
          `Het thema "${theme}" staat niet in de agenda; voeg het eerst toe. / The theme "${theme}" is not on the agenda; add it first.`
        ))

    const checkDates = (start: CalendarDate.CalendarDate, due: CalendarDate.CalendarDate) =>
      Either.match(AgendaAction.checkDates(start, due), { onLeft: Effect.fail, onRight: () => Effect.void })

    const create = Effect.fn("Agendas.create")(function*(input: typeof CreateAgenda.Encoded) {
      const request = yield* decodeCreate(input)
      return yield* withTransaction(Effect.gen(function*() {
        const track = yield* trackOrNotFound(request.trackId)(tracks.get(request.trackId))
        const existing = yield* agendas.findByTrack(track.id)
        if (Option.isSome(existing)) {
          return yield* conflict(
            existing.value,
            "Dit traject heeft al een verbeteragenda.",
            "This track already has an improvement agenda."
          )
        }
        const agenda = new Agenda.Agenda({
          id: (yield* random(makeId("agd"))) as Agenda.AgendaId,
          trackId: track.id,
          region: track.region,
          draft: new Agenda.Content({ themes: [], actions: [] }),
          versions: [],
          moments: request.moments === undefined ? AgendaFollowUp.defaultMoments : [...new Set(request.moments)].sort((a, b) => a - b),
          version: 1
        })
        yield* agendas.insert(agenda)
        return agenda
      }))
    })

    const setThemes = Effect.fn("Agendas.setThemes")(function*(id: string, input: typeof Themes.Encoded) {
      const themes = yield* decodeThemes(input)
      const seen = new Set<string>()
      for (const theme of themes) {
        if (seen.has(themeKey(theme.name))) {
          return yield* InvalidInput.make(
            "",
            `Het thema "${theme.name}" staat er twee keer in. / The theme "${theme.name}" appears twice.`
          )
        }
        seen.add(themeKey(theme.name))
      }
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          const names = new Set(themes.map((t) => t.name))
          const orphans = agenda.draft.actions.filter((a) => !names.has(a.theme))
          if (orphans.length > 0) {
            const titles = orphans.map((a) => `"${a.title}"`).join(", ")
            return yield* conflict(
              agenda,
              `Deze acties horen bij een thema dat je weghaalt: ${titles}. Verplaats of verwijder ze eerst.`,
              `These actions belong to a theme you are removing: ${titles}. Move or remove them first.`
            )
          }
          if (themes.some((t) => t.statements.some((s) => s.evidence.some((e) => e._tag !== "SessionNote")))) {
            const published = yield* surveys.published(agenda.trackId)
            yield* Either.match(AgendaFinding.checkThemes(themes, published), {
              onLeft: (problems) =>
                Effect.fail(
                  new AgendaFinding.EvidenceNotPublished({
                    problem: {
                      nl: problems.map((p) => p.problem.nl).join(" "),
                      en: problems.map((p) => p.problem.en).join(" ")
                    }
                  })
                ),
              onRight: () => Effect.void
            })
          }
          return yield* save(agenda, { draft: new Agenda.Content({ themes, actions: agenda.draft.actions }) })
        }))
    })

    const addAction = Effect.fn("Agendas.addAction")(function*(id: string, input: typeof ActionInput.Encoded) {
      const request = yield* decodeAction(input)
      yield* checkDates(request.start, request.due)
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          yield* checkActionTheme(agenda, request.theme)
          if (agenda.draft.actions.length >= MAX_ACTIONS) {
            return yield* conflict(
              agenda,
              `Een agenda heeft hoogstens ${MAX_ACTIONS} acties.`,
              `An agenda has at most ${MAX_ACTIONS} actions.`
            )
          }
          const { contact, owner } = splitOwner(request.owner)
          const action = new AgendaAction.Action({
            ...request,
            owner,
            id: (yield* random(makeId("act"))) as AgendaAction.ActionId,
            status: new AgendaAction.Proposed(),
            notes: []
          })
          return yield* save(agenda, {
            draft: new Agenda.Content({ themes: agenda.draft.themes, actions: [...agenda.draft.actions, action] }),
            contacts: withContact(agenda.contacts, action.id, contact)
          })
        }))
    })

    const updateAction = Effect.fn("Agendas.updateAction")(
      function*(id: string, actionId: string, input: typeof ActionPatch.Encoded) {
        const patch = yield* decodePatch(input)
        return yield* change(id, (agenda) =>
          Effect.gen(function*() {
            const index = agenda.draft.actions.findIndex((a) => a.id === actionId)
            if (index < 0) return yield* new Agenda.ActionNotFound({ agendaId: agenda.id, actionId })
            const before = agenda.draft.actions[index]!
            const { owner: ownerInput, ...rest } = patch
            const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
            const split = ownerInput === undefined ? undefined : splitOwner(ownerInput)
            const after = new AgendaAction.Action({ ...before, ...defined, ...(split === undefined ? {} : { owner: split.owner }) })
            yield* checkActionTheme(agenda, after.theme)
            yield* checkDates(after.start, after.due)
            const actions = agenda.draft.actions.map((a, i) => (i === index ? after : a))
            return yield* save(agenda, {
              draft: new Agenda.Content({ themes: agenda.draft.themes, actions }),
              ...(split === undefined ? {} : { contacts: withContact(agenda.contacts, after.id, split.contact) })
            })
          }))
      }
    )

    const removeAction = Effect.fn("Agendas.removeAction")(function*(id: string, actionId: string) {
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          if (!agenda.draft.actions.some((a) => a.id === actionId)) {
            return yield* new Agenda.ActionNotFound({ agendaId: agenda.id, actionId })
          }
          const actions = agenda.draft.actions.filter((a) => a.id !== actionId)
          return yield* save(agenda, { draft: new Agenda.Content({ themes: agenda.draft.themes, actions }) })
        }))
    })

    const adopt = Effect.fn("Agendas.adopt")(function*(id: string, input: typeof AdoptInput.Encoded = {}) {
      const request = yield* decodeAdopt(input)
      const on = request.on ?? (yield* today)
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          const adopted = yield* Either.match(Agenda.adopt(agenda, on, request.change), {
            onLeft: Effect.fail,
            onRight: Effect.succeed
          })
          const version = Option.getOrThrow(Agenda.current(adopted))
          const occurredAt = yield* DateTime.now
          const events: Array<DomainEvent> = []
          for (const { actions, owner } of byContact(version.content.actions, agenda.contacts)) {
            events.push(
              new AgendaAdopted({
                id: yield* newEventId,
                occurredAt,
                recipient: owner,
                agenda: summaryOf(adopted, version),
                actions: actions.map(summaryOfAction)
              }, true)
            )
          }
          if (events.length > 0) yield* outbox.append(events)
          return yield* save(agenda, {
            versions: adopted.versions,
            notified: [...agenda.notified, `adopted:${version.number}`]
          })
        }))
    })

    const changeStatus = Effect.fn("Agendas.changeStatus")(
      function*(id: string, actionId: string, input: typeof StatusInput.Encoded) {
        const request = yield* decodeStatus(input)
        const on = request.on ?? (yield* today)
        return yield* change(id, (agenda) =>
          Effect.gen(function*() {
            const action = yield* findAction(agenda, actionId)
            const status = yield* Either.match(AgendaAction.transition(action.status, request.status, on), {
              onLeft: Effect.fail,
              onRight: Effect.succeed
            })
            return yield* save(agenda, {
              progress: { ...agenda.progress, [action.id]: new Agenda.Progress({ status, notes: action.notes }) }
            })
          }))
      }
    )

    const addNote = Effect.fn("Agendas.addNote")(function*(id: string, actionId: string, input: typeof NoteInput.Encoded) {
      const request = yield* decodeNote(input)
      const on = request.on ?? (yield* today)
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          const action = yield* findAction(agenda, actionId)
          const notes = [...action.notes, new AgendaAction.ProgressNote({ on, text: request.text })]
            .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
          return yield* save(agenda, {
            progress: { ...agenda.progress, [action.id]: new Agenda.Progress({ status: action.status, notes }) }
          })
        }))
    })

    const recordReview = Effect.fn("Agendas.recordReview")(function*(id: string, input: typeof ReviewInput.Encoded) {
      const request = yield* decodeReview(input)
      const on = request.on ?? (yield* today)
      return yield* change(id, (agenda) =>
        Effect.gen(function*() {
          const adoptedOn = Agenda.firstAdoptedOn(agenda)
          if (Option.isNone(adoptedOn)) {
            return yield* conflict(
              agenda,
              "Een evaluatie kan pas als de agenda is vastgesteld.",
              "A review can only be held once the agenda is adopted."
            )
          }
          if (!agenda.moments.includes(request.moment)) {
            const moments = agenda.moments.join(", ")
            return yield* conflict(
              agenda,
              `Deze agenda heeft evaluaties na ${moments} maanden, niet na ${request.moment}.`,
              `This agenda has reviews after ${moments} months, not after ${request.moment}.`
            )
          }
          if (agenda.reviews.some((r) => r.moment === request.moment)) {
            return yield* conflict(
              agenda,
              `De evaluatie na ${request.moment} maanden is al vastgelegd.`,
              `The review after ${request.moment} months has already been recorded.`
            )
          }
          if (on < adoptedOn.value) {
            return yield* InvalidInput.make(
              "on",
              `Een evaluatie kan niet voor de vaststelling (${adoptedOn.value}) liggen. / A review cannot be before the adoption (${adoptedOn.value}).`
            )
          }
          for (const note of request.notes) yield* adoptedAction(agenda, note.action)
          const review = new AgendaFollowUp.Review({ moment: request.moment, on, notes: request.notes })
          const reviews = [...agenda.reviews, review].sort((a, b) => a.moment - b.moment)
          return yield* save(agenda, { reviews })
        }))
    })

    const overviewOf = (agenda: Agenda.Agenda, on: CalendarDate.CalendarDate): Option.Option<AgendaOverview> =>
      Option.map(Agenda.inForce(agenda), ({ actions, version }) => {
        const first = Option.getOrElse(Agenda.firstAdoptedOn(agenda), () => version.adoptedOn)
        return {
          agendaId: agenda.id,
          trackId: agenda.trackId,
          region: agenda.region,
          regionName: regionName(agenda.region),
          version: version.number,
          adoptedOn: version.adoptedOn,
          today: on,
          overview: AgendaFollowUp.overview({ adoptedOn: first, actions }, agenda.reviews, on, agenda.moments),
          reviews: AgendaFollowUp.reviewDates(first, agenda.moments).map(({ due, moment }) => ({
            moment,
            due,
            heldOn: Option.fromNullable(agenda.reviews.find((r) => r.moment === moment)?.on)
          }))
        }
      })

    const overview = Effect.fn("Agendas.overview")(function*(id: string, on?: CalendarDate.CalendarDate) {
      const agenda = yield* read(id)
      const day = on ?? (yield* today)
      return yield* Option.match(overviewOf(agenda, day), {
        onNone: () =>
          Effect.fail(conflict(agenda, "Deze agenda is nog niet vastgesteld.", "This agenda has not been adopted yet.")),
        onSome: Effect.succeed
      })
    })

    // Per region the agenda of the track adopted last (by its first
    // adoption; equal days by id); a region without one shows as not adopted.
    const latestPerRegion = (all: ReadonlyArray<Agenda.Agenda>) => {
      const latest = new Map<string, Agenda.Agenda>()
      for (const agenda of all) {
        const adoptedOn = Agenda.firstAdoptedOn(agenda)
        if (Option.isNone(adoptedOn)) continue
        const seen = latest.get(agenda.region)
        const seenOn = seen === undefined ? undefined : Option.getOrUndefined(Agenda.firstAdoptedOn(seen))
        if (seenOn === undefined || adoptedOn.value > seenOn) latest.set(agenda.region, agenda)
      }
      return latest
    }

    // The overview of a region's agenda in force: that of the track adopted last.
    const regionOverview = Effect.fn("Agendas.regionOverview")(function*(region: string, on?: CalendarDate.CalendarDate) {
      const found = yield* Either.match(gazetteer.region(region), { onLeft: Effect.fail, onRight: Effect.succeed })
      const day = on ?? (yield* today)
      const agenda = latestPerRegion(yield* agendas.listByRegion(found.code)).get(found.code)
      if (agenda === undefined) {
        return yield* new Agenda.AgendaStateConflict({
          agendaId: "",
          problem: {
            nl: `${regionLabel(found)} heeft nog geen vastgestelde verbeteragenda.`,
            en: `${regionLabel(found)} has no adopted improvement agenda yet.`
          }
        })
      }
      return Option.getOrThrow(overviewOf(agenda, day))
    })

    const national = Effect.fn("Agendas.national")(function*(on?: CalendarDate.CalendarDate) {
      const day = on ?? (yield* today)
      const latest = latestPerRegion(yield* agendas.list())
      return AgendaFollowUp.national(
        gazetteer.regions.map((region) => {
          const agenda = latest.get(region.code)
          return {
            region: region.code,
            agenda: Option.fromNullable(agenda).pipe(
              Option.map((a) => ({
                versions: a.versions.map((v, i, all) =>
                  i === all.length - 1
                    ? {
                      adoptedOn: Option.getOrElse(Agenda.firstAdoptedOn(a), () => v.adoptedOn),
                      content: { themes: v.content.themes, actions: v.content.actions.map((x) => Agenda.live(a, x)) }
                    }
                    : v
                )
              }))
            ),
            reviews: agenda?.reviews ?? [],
            ...(agenda === undefined ? {} : { moments: agenda.moments })
          }
        }),
        day
      )
    })

    const remindOne = (id: Agenda.AgendaId, day: CalendarDate.CalendarDate, dueWithin: number, reviewWithin: number) =>
      withTransaction(Effect.flatMap(load(id), (agenda) =>
        Effect.gen(function*() {
          const sent = { dueSoon: 0, overdue: 0, reviews: 0 }
          const inForce = Agenda.inForce(agenda)
          if (Option.isNone(inForce)) return sent
          const { actions, version } = inForce.value
          const notified = new Set(agenda.notified)
          const events: Array<DomainEvent> = []
          const occurredAt = yield* DateTime.now
          const summary = summaryOf(agenda, version)
          for (const action of actions.filter(isOpen)) {
            const contact = agenda.contacts[action.id]
            if (contact === undefined) continue
            const days = daysBetween(day, action.due)
            // Keyed by the due date too: a new date in a later version is told again.
            const dueKey = `due:${action.id}:${action.due}`
            const overdueKey = `overdue:${action.id}:${action.due}`
            if (days < 0 && !notified.has(overdueKey)) {
              notified.add(overdueKey)
              sent.overdue++
              events.push(
                new ActionOverdue({
                  id: yield* newEventId,
                  occurredAt,
                  recipient: ownerOf(action, contact),
                  agenda: summary,
                  action: summaryOfAction(action)
                }, true)
              )
            } else if (days >= 0 && days <= dueWithin && !notified.has(dueKey)) {
              notified.add(dueKey)
              sent.dueSoon++
              events.push(
                new ActionDueSoon({
                  id: yield* newEventId,
                  occurredAt,
                  recipient: ownerOf(action, contact),
                  agenda: summary,
                  action: summaryOfAction(action),
                  days
                }, true)
              )
            }
          }
          const first = Option.getOrElse(Agenda.firstAdoptedOn(agenda), () => version.adoptedOn)
          const held = new Set(agenda.reviews.map((r) => r.moment))
          for (const { due, moment } of AgendaFollowUp.reviewDates(first, agenda.moments)) {
            const days = daysBetween(day, due)
            const key = `review:${moment}`
            if (held.has(moment) || notified.has(key) || days < 0 || days > reviewWithin) continue
            const owners = byContact(actions, agenda.contacts)
            // Kept for a later run while nobody can be told.
            if (owners.length > 0) notified.add(key)
            for (const { actions: owned, owner } of owners) {
              sent.reviews++
              events.push(
                new ReviewDueSoon({
                  id: yield* newEventId,
                  occurredAt,
                  recipient: owner,
                  agenda: summary,
                  moment,
                  due,
                  actions: owned.filter(isOpen).map(summaryOfAction)
                }, true)
              )
            }
          }
          if (notified.size === agenda.notified.length) return sent
          if (events.length > 0) yield* outbox.append(events)
          yield* save(agenda, { notified: [...notified] })
          return sent
        })))

    const remind = Effect.fn("Agendas.remind")(function*(options: RemindOptions = {}) {
      const day = options.today ?? (yield* today)
      const dueWithin = options.dueWithinDays ?? 14
      const reviewWithin = options.reviewWithinDays ?? 14
      if (![dueWithin, reviewWithin].every((n) => Number.isInteger(n) && n >= 0 && n <= 365)) {
        return yield* InvalidInput.make(
          "",
          "Het aantal dagen vooraf is een heel getal van 0 tot 365. / The number of days ahead is a whole number from 0 to 365."
        )
      }
      const result = { dueSoon: 0, overdue: 0, reviews: 0 }
      // One transaction per agenda, so that the mail of one is not held up by the others.
      for (const agenda of yield* agendas.list()) {
        if (Option.isNone(Agenda.current(agenda))) continue
        const sent = yield* remindOne(agenda.id, day, dueWithin, reviewWithin)
        result.dueSoon += sent.dueSoon
        result.overdue += sent.overdue
        result.reviews += sent.reviews
      }
      const reminded: Reminded = result
      return reminded
    })

    const setContact = Effect.fn("Agendas.setContact")(
      function*(id: string, actionId: string, input: typeof ContactInput.Encoded) {
        const request = yield* decodeContact(input)
        return yield* change(id, (agenda) =>
          Effect.gen(function*() {
            const action = yield* findAction(agenda, actionId)
            return yield* save(agenda, { contacts: withContact(agenda.contacts, action.id, request.contact ?? undefined) })
          }))
      }
    )

    const get = Effect.fn("Agendas.get")(function*(id: string) {
      return yield* read(id)
    })

    const ofTrack = Effect.fn("Agendas.ofTrack")(function*(trackId: string) {
      const found = yield* agendas.findByTrack(trackId as Track.TrackId)
      return yield* Option.match(found, {
        onNone: () => Effect.fail(new Agenda.AgendaNotFound({ agendaId: "" })),
        onSome: Effect.succeed
      })
    })

    const citable = Effect.fn("Agendas.citable")(function*(id: string) {
      const agenda = yield* read(id)
      return yield* surveys.published(agenda.trackId)
    })

    return {
      create,
      get,
      ofTrack,
      setThemes,
      addAction,
      updateAction,
      removeAction,
      adopt,
      changeStatus,
      addNote,
      recordReview,
      overview,
      regionOverview,
      national,
      remind,
      citable,
      setContact
    } as const
  })
}) {}
