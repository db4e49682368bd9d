/**
 * One concrete action of a region's improvement agenda (verbeteragenda):
 * what, for which theme, who owns it, which stakeholder groups take part,
 * when it starts and is due, how success is judged, its status and dated
 * progress notes.
 *
 * The status moves proposed → agreed → in progress → done, or to dropped
 * (with a reason) from any status before done. An action is not in
 * progress before it is agreed, and not done without a closing note.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { CalendarDate } from "./CalendarDate.js"
import * as LocalizedText from "./LocalizedText.js"
import { Email, PersonName } from "./Registration.js"
import { StakeholderGroup } from "./StakeholderGroup.js"

/**
 * Identifies an action: `act_` and 20 letters or digits.
 *
 * @since 0.3.0
 * @category models
 */
export const ActionId = Schema.String.pipe(
  Schema.pattern(/^act_[0-9a-z]{20}$/, {
    message: () => "Dit is geen geldige actie-id. / This is not a valid action id."
  }),
  Schema.brand("@pleegzorg/core/ActionId"),
  Schema.annotations({ identifier: "ActionId" })
)

/**
 * @since 0.3.0
 * @category models
 */
export type ActionId = typeof ActionId.Type

/**
 * Where the owner of an action gets mail about it (adoption, a due date or
 * review coming up, overdue): a work address, never shown to readers of
 * the agenda.
 *
 * @since 0.3.0
 * @category models
 */
export class Contact extends Schema.Class<Contact>("@pleegzorg/core/AgendaAction/Contact")({
  name: Schema.optional(PersonName),
  email: Email,
  language: LocalizedText.Language
}) {}

/**
 * Who owns an action: an organisation and a role in it, such as a
 * municipality's policy maker, the foster-care provider, the NVP, or a
 * group of foster parents. The owner's contact, if any, is kept apart from
 * the action (see `Agenda`), so that it can be corrected or erased without
 * a new version.
 *
 * @since 0.3.0
 * @category models
 */
export class Owner extends Schema.Class<Owner>("@pleegzorg/core/AgendaAction/Owner")({
  organisation: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  role: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200))
}) {}

/**
 * Proposed in session 3, not yet agreed by its owner.
 *
 * @since 0.3.0
 * @category status
 */
export class Proposed extends Schema.TaggedClass<Proposed>("@pleegzorg/core/AgendaAction/Proposed")("Proposed", {}) {}

/**
 * The owner agreed to take it on.
 *
 * @since 0.3.0
 * @category status
 */
export class Agreed extends Schema.TaggedClass<Agreed>("@pleegzorg/core/AgendaAction/Agreed")("Agreed", {
  on: CalendarDate
}) {}

/**
 * Work has started.
 *
 * @since 0.3.0
 * @category status
 */
export class InProgress extends Schema.TaggedClass<InProgress>("@pleegzorg/core/AgendaAction/InProgress")("InProgress", {
  since: CalendarDate
}) {}

/**
 * Finished, with a note on how it went against the success criterion.
 *
 * @since 0.3.0
 * @category status
 */
export class Done extends Schema.TaggedClass<Done>("@pleegzorg/core/AgendaAction/Done")("Done", {
  on: CalendarDate,
  note: Schema.NonEmptyTrimmedString
}) {}

/**
 * Given up, with the reason.
 *
 * @since 0.3.0
 * @category status
 */
export class Dropped extends Schema.TaggedClass<Dropped>("@pleegzorg/core/AgendaAction/Dropped")("Dropped", {
  on: CalendarDate,
  reason: Schema.NonEmptyTrimmedString
}) {}

/**
 * @since 0.3.0
 * @category status
 */
export const Status = Schema.Union(Proposed, Agreed, InProgress, Done, Dropped)

/**
 * @since 0.3.0
 * @category status
 */
export type Status = typeof Status.Type

/**
 * A dated note on how an action is going.
 *
 * @since 0.3.0
 * @category models
 */
export class ProgressNote extends Schema.Class<ProgressNote>("@pleegzorg/core/AgendaAction/ProgressNote")({
  on: CalendarDate,
  text: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(4000))
}) {}

/**
 * An action of an agenda.
 *
 * @since 0.3.0
 * @category models
 */
export class Action extends Schema.Class<Action>("@pleegzorg/core/AgendaAction/Action")({
  id: ActionId,
  title: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  description: Schema.String.pipe(Schema.maxLength(4000)),
  theme: Schema.NonEmptyTrimmedString,
  owner: Owner,
  groups: Schema.Array(StakeholderGroup),
  start: CalendarDate,
  due: CalendarDate,
  success: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(1000)),
  status: Status,
  notes: Schema.Array(ProgressNote)
}) {}

/**
 * The status an action can be moved to, as a request.
 *
 * @since 0.3.0
 * @category status
 */
export const TargetStatus = Schema.Union(
  Schema.TaggedStruct("Agreed", {}),
  Schema.TaggedStruct("InProgress", {}),
  Schema.TaggedStruct("Done", { note: Schema.String }),
  Schema.TaggedStruct("Dropped", { reason: Schema.String })
)

/**
 * @since 0.3.0
 * @category status
 */
export type TargetStatus = typeof TargetStatus.Type

/**
 * A status change that the rules do not allow, with why in plain Dutch and
 * English.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidActionTransition
  extends Schema.TaggedError<InvalidActionTransition>("@pleegzorg/core/AgendaAction/InvalidActionTransition")(
    "InvalidActionTransition",
    { from: Schema.String, to: Schema.String, problem: LocalizedText.LocalizedText }
  )
{
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * A start or due date that cannot be: due before the start.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidActionDates extends Schema.TaggedError<InvalidActionDates>("@pleegzorg/core/AgendaAction/InvalidActionDates")(
  "InvalidActionDates",
  { start: Schema.String, due: Schema.String, problem: LocalizedText.LocalizedText }
) {
  override get message() {
    return `${this.problem.nl} / ${this.problem.en}`
  }
}

/**
 * Checks that an action is due on or after its start.
 *
 * @since 0.3.0
 * @category validation
 */
export const checkDates = (start: CalendarDate, due: CalendarDate): Either.Either<void, InvalidActionDates> =>
  due < start
    ? Either.left(
      new InvalidActionDates({
        start,
        due,
        problem: {
          nl: `De einddatum (${due}) ligt voor de startdatum (${start}).`,
          en: `The due date (${due}) is before the start date (${start}).`
        }
      })
    )
    : Either.void

const refuse = (from: Status, to: TargetStatus, nl: string, en: string) =>
  Either.left(new InvalidActionTransition({ from: from._tag, to: to._tag, problem: { nl, en } }))

/**
 * The status an action gets when `target` is asked for on `on`, or why
 * that is not allowed:
 *
 * - agreed: only from proposed;
 * - in progress: only from agreed;
 * - done: only from in progress, and only with a closing note;
 * - dropped: from any status before done, and only with a reason;
 * - never on a day before the current status began.
 *
 * @since 0.3.0
 * @category status
 */
export const transition = (
  current: Status,
  target: TargetStatus,
  on: CalendarDate
): Either.Either<Status, InvalidActionTransition> => {
  const since = current._tag === "Agreed" ? current.on : current._tag === "InProgress" ? current.since : undefined
  if (since !== undefined && on < since) {
    return refuse(
      current,
      target,
      `De datum (${on}) ligt voor de dag waarop de huidige status begon (${since}).`,
      `The date (${on}) is before the day the current status began (${since}).`
    )
  }
  switch (target._tag) {
    case "Agreed":
      return current._tag === "Proposed"
        ? Either.right(new Agreed({ on }))
        : refuse(current, target, "Alleen een voorgestelde actie kan worden afgesproken.", "Only a proposed action can be agreed.")
    case "InProgress":
      return current._tag === "Agreed"
        ? Either.right(new InProgress({ since: on }))
        : refuse(
          current,
          target,
          "Een actie kan pas lopen als ze is afgesproken met wie haar uitvoert.",
          "An action can only be in progress once its owner has agreed to it."
        )
    case "Done":
      if (current._tag !== "InProgress") {
        return refuse(current, target, "Alleen een lopende actie kan klaar zijn.", "Only an action in progress can be done.")
      }
      return target.note.trim() === ""
        ? refuse(
          current,
          target,
          "Schrijf bij het afronden op hoe het is gegaan.",
          "Write down how it went when you close an action."
        )
        : Either.right(new Done({ on, note: target.note.trim() }))
    case "Dropped":
      if (current._tag === "Done" || current._tag === "Dropped") {
        return refuse(
          current,
          target,
          "Een actie die klaar of gestopt is, kun je niet meer stoppen.",
          "An action that is done or dropped cannot be dropped."
        )
      }
      return target.reason.trim() === ""
        ? refuse(current, target, "Zeg waarom de actie stopt.", "Say why the action is dropped.")
        : Either.right(new Dropped({ on, reason: target.reason.trim() }))
  }
}

/**
 * Whether an action is overdue on `today`: past its due date and neither
 * done nor dropped.
 *
 * @since 0.3.0
 * @category getters
 */
export const isOverdue = (action: Pick<Action, "due" | "status">, today: CalendarDate): boolean =>
  action.due < today && action.status._tag !== "Done" && action.status._tag !== "Dropped"
