/**
 * Building blocks for tests of storage and services: tracks and
 * registrations with sensible values, made with fresh ids.
 *
 * @since 0.2.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Agenda from "../Agenda.js"
import * as AgendaAction from "../AgendaAction.js"
import * as AgendaFinding from "../AgendaFinding.js"
import * as AgendaFollowUp from "../AgendaFollowUp.js"
import type * as CalendarDate from "../CalendarDate.js"
import { Entropy, hashToken, makeId, makeToken } from "../Entropy.js"
import { Eligible } from "../Eligibility.js"
import type { RegionCode } from "../Region.js"
import * as Registration from "../Registration.js"
import type { MunicipalityCode } from "../Municipality.js"
import type { StakeholderGroup } from "../StakeholderGroup.js"
import * as DisclosurePolicy from "../DisclosurePolicy.js"
import * as MentorProfile from "../MentorProfile.js"
import * as Survey from "../Survey.js"
import * as SurveyTemplate from "../SurveyTemplate.js"
import * as Track from "../Track.js"
import * as TrackTemplate from "../TrackTemplate.js"

const nijmegen = new Track.Place({ name: "Nijmegen", address: "Mariënburg 75, 6511 PS Nijmegen" })

/**
 * A composition in which only `group` may sign up, with `seats` places: for
 * tests of seating and waitlists.
 *
 * @since 0.3.0
 * @category fixtures
 */
export const onlyGroup = (group: StakeholderGroup, seats: number): Track.Composition => {
  const closed = new Track.Quota({ minimum: 0, maximum: 0 })
  const groups = {
    FosterParent: closed,
    FosterChild: closed,
    OwnChild: closed,
    Parent: closed,
    CareWorker: closed,
    PolicyMaker: closed
  }
  return new Track.Composition({
    groups: { ...groups, [group]: new Track.Quota({ minimum: 0, maximum: seats }) },
    maximum: seats
  })
}

/**
 * A track of the standard template in Rijk van Nijmegen (JZ32), sessions on
 * 17 November, 8 December and 19 January of `year` (default 2030), in the
 * given status (default open).
 *
 * @since 0.2.0
 * @category fixtures
 */
export const track = (options?: {
  readonly region?: RegionCode
  readonly year?: number
  readonly status?: Track.Status
  readonly composition?: Track.Composition
}): Effect.Effect<Track.Track, never, Entropy> =>
  Effect.gen(function*() {
    const year = options?.year ?? 2030
    const template = TrackTemplate.goedeGesprek
    const sessions = TrackTemplate.sessionsOf(template, [
      { date: `${year}-11-17` as CalendarDate.CalendarDate, place: nijmegen },
      { date: `${year}-12-08` as CalendarDate.CalendarDate, place: nijmegen },
      { date: `${year + 1}-01-19` as CalendarDate.CalendarDate, place: nijmegen }
    ])
    return new Track.Track({
      id: (yield* makeId("trk")) as Track.TrackId,
      region: options?.region ?? ("JZ32" as RegionCode),
      phase: "pilot",
      title: template.title,
      introduction: template.introduction,
      sessions,
      composition: options?.composition ?? template.composition,
      status: options?.status ?? new Track.Open({ since: DateTime.unsafeMake("2030-01-01T00:00:00Z") }),
      remindersSent: [],
      createdAt: DateTime.unsafeMake("2030-01-01T00:00:00Z"),
      version: 1
    })
  })

/**
 * A registration for a track, with a fresh id and token hash. The returned
 * token is the one whose hash is stored.
 *
 * @since 0.2.0
 * @category fixtures
 */
export const registration = (
  track: Track.Track,
  options: {
    readonly sequence: number
    readonly group?: StakeholderGroup
    readonly email?: string
    readonly status?: Registration.Status
  }
): Effect.Effect<{ readonly registration: Registration.Registration; readonly token: string }, never, Entropy> =>
  Effect.gen(function*() {
    const id = (yield* makeId("reg")) as Registration.RegistrationId
    const token = yield* makeToken
    const at = DateTime.unsafeMake("2030-02-01T10:00:00Z")
    return {
      token,
      registration: new Registration.Registration({
        id,
        trackId: track.id,
        sequence: options.sequence,
        name: `Deelnemer ${options.sequence}`,
        email: (options.email ?? `${id}@example.org`) as Registration.Email,
        language: "nl",
        group: options.group ?? "FosterParent",
        municipality: "GM0268" as MunicipalityCode,
        eligibility: new Eligible({ checkedFor: "2030-11-17" as CalendarDate.CalendarDate, parentalConsentRequired: false }),
        consent: Option.none(),
        status: options.status ?? new Registration.Confirmed({ since: at }),
        registeredAt: at,
        tokenHash: yield* hashToken(token)
      })
    }
  })

/**
 * A sign-up form for a track, for an adult of `group` (default foster
 * parent) living in Nijmegen, who can come to all three sessions.
 *
 * @since 0.2.0
 * @category fixtures
 */
export const signUp = (
  trackId: Track.TrackId,
  index: number,
  overrides?: Record<string, unknown>
): Record<string, unknown> => ({
  trackId,
  name: `Deelnemer ${index}`,
  email: `deelnemer${index}@example.org`,
  group: "FosterParent",
  municipality: "GM0268",
  availableForAllSessions: true,
  ...overrides
})

/**
 * A draft survey of `track` with the default questionnaires and policy,
 * made with a fresh id (not stored).
 *
 * @since 0.3.0
 * @category fixtures
 */
export const survey = (track: Track.Track): Effect.Effect<Survey.Survey, never, Entropy> =>
  Effect.map(makeId("srv"), (id) =>
    new Survey.Survey({
      id: id as Survey.SurveyId,
      trackId: track.id,
      region: track.region,
      title: { nl: "Vragenlijst", en: "Survey" },
      questionnaires: SurveyTemplate.defaults,
      status: new Survey.Draft(),
      groups: {},
      policy: DisclosurePolicy.standard,
      openAnswers: [],
      version: 1
    }))

/**
 * An adopted agenda of `track` (not stored): one theme with a statement
 * backed by a session note, two actions (one with an owner contact and a
 * progress note), a review at 3 months, and one reminder sent.
 *
 * @since 0.3.0
 * @category fixtures
 */
export const agenda = (track: Track.Track): Effect.Effect<Agenda.Agenda, never, Entropy> =>
  Effect.gen(function*() {
    const theme = new AgendaFinding.Theme({
      name: "Samenwerking tussen pleegouders en ouders",
      statements: [
        new AgendaFinding.Statement({
          kind: "CouldBeBetter",
          text: "Afspraken over contact worden laat gemaakt.",
          evidence: [new AgendaFinding.SessionNote({ text: "Meerdere pleegouders noemden dit in sessie 2." })]
        })
      ]
    })
    const action = (title: string, contact: boolean) =>
      Effect.map(makeId("act"), (id) =>
        new AgendaAction.Action({
          id: id as AgendaAction.ActionId,
          title,
          description: "Bij de start van elke plaatsing.",
          theme: theme.name,
          owner: new AgendaAction.Owner({ organisation: contact ? "Pleegzorgaanbieder" : "Groep pleegouders", role: "teamleider" }),
          groups: ["FosterParent", "Parent", "CareWorker"],
          start: "2030-06-01" as CalendarDate.CalendarDate,
          due: "2030-12-31" as CalendarDate.CalendarDate,
          success: "Bij 9 van de 10 plaatsingen is er een startgesprek.",
          status: new AgendaAction.Proposed(),
          notes: []
        }))
    const first = yield* action("Startgesprek met praktische afspraken", true)
    const second = yield* action("Samenwerkingsafspraak op papier", false)
    const id = (yield* makeId("agd")) as Agenda.AgendaId
    const draft = new Agenda.Content({ themes: [theme], actions: [first, second] })
    const version = new Agenda.Version({ number: 1, adoptedOn: "2030-05-20" as CalendarDate.CalendarDate, content: draft, change: Option.none() })
    return new Agenda.Agenda({
      id,
      trackId: track.id,
      region: track.region,
      draft,
      versions: [version],
      progress: {
        [first.id]: new Agenda.Progress({
          status: new AgendaAction.Agreed({ on: "2030-05-20" as CalendarDate.CalendarDate }),
          notes: [new AgendaAction.ProgressNote({ on: "2030-07-01" as CalendarDate.CalendarDate, text: "Eerste tien startgesprekken gepland." })]
        })
      },
      moments: [3, 6, 12],
      reviews: [
        new AgendaFollowUp.Review({
          moment: 3,
          on: "2030-08-25" as CalendarDate.CalendarDate,
          notes: [new AgendaFollowUp.ReviewNote({ action: first.id, text: "Loopt volgens plan." })]
        })
      ],
      contacts: { [first.id]: new AgendaAction.Contact({ email: "teamleider@example.org" as Registration.Email, language: "nl" }) },
      notified: [`adopted:1`],
      version: 1
    })
  })

/**
 * A prospect (not stored) in `municipality`, with fresh id.
 *
 * @since 0.4.0
 * @category fixtures
 */
export const prospect = (
  municipality = "GM0268",
  fields: Partial<ConstructorParameters<typeof MentorProfile.Prospect>[0]> = {}
): Effect.Effect<MentorProfile.Prospect, never, Entropy> =>
  Effect.map(makeId("asp"), (id) =>
    new MentorProfile.Prospect({
      id: id as MentorProfile.ProspectId,
      municipality: municipality as MunicipalityCode,
      kinds: ["LongTerm", "PartTime"],
      family: "CoupleWithChildren",
      languages: ["nl" as MentorProfile.LanguageCode],
      availability: ["Evenings"],
      questions: "Hoe vertel je je eigen kinderen dat er een pleegkind komt?",
      contact: new MentorProfile.Contact({ name: "Sanne Bakker", email: `sanne.${id.slice(4, 10)}@example.org` as Registration.Email, language: "nl" }),
      since: DateTime.unsafeMake("2030-01-01T09:00:00Z"),
      version: 1,
      ...fields
    }))

/**
 * A mentor (not stored) in `municipality`, with fresh id.
 *
 * @since 0.4.0
 * @category fixtures
 */
export const mentor = (
  municipality = "GM0202",
  fields: Partial<ConstructorParameters<typeof MentorProfile.Mentor>[0]> = {}
): Effect.Effect<MentorProfile.Mentor, never, Entropy> =>
  Effect.map(makeId("mnt"), (id) =>
    new MentorProfile.Mentor({
      id: id as MentorProfile.MentorId,
      municipality: municipality as MunicipalityCode,
      experience: [new MentorProfile.Experience({ kind: "LongTerm", years: 8 })],
      family: "CoupleWithChildren",
      languages: ["nl" as MentorProfile.LanguageCode],
      availability: ["Evenings", "Weekends"],
      capacity: 2,
      active: true,
      contact: new MentorProfile.Contact({ name: "Joke Hendriks", email: `joke.${id.slice(4, 10)}@example.org` as Registration.Email, language: "nl" }),
      version: 1,
      ...fields
    }))
