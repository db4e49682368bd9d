/**
 * The mails: one template per event, in Dutch (plain language, addressed
 * with "je") or in English when the person chose English.
 *
 * Every mail about a track names the track, the region and all three
 * sessions with their date, time (Amsterdam) and place. The confirmation and
 * the promotion carry an `.ics` file with the fixed sessions, and so does a
 * reschedule (the same calendar entries, updated). The survey invitation and
 * its reminder carry the link (or the code) to answer, and no calendar file.
 * The mails about a region's improvement agenda (verbeteragenda) go to the
 * owners of its actions: that it was adopted, that an action is nearly due
 * or overdue, and that a review is coming; each links to the public agenda
 * and carries no calendar file. The mails about mentor matching go to an
 * experienced foster parent (mentor) and a prospective foster parent
 * (aspirant-pleegouder): the proposal to the mentor (categories only, no
 * name or address), the introduction of the two once the mentor said yes,
 * and the end of a match; the proposal and the introduction carry the link
 * (or the code) to answer or to end it. The HTML part escapes every text that
 * comes from outside (names, titles, places, a prospect's questions).
 *
 * @since 0.2.0
 */
import {
  CalendarDate,
  type DomainEvent,
  type LocalizedText,
  type MentorMatch,
  MentorProfile,
  StakeholderGroup,
  Track
} from "@pleegzorg/core"
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import * as Calendar from "./Calendar.js"
import type { Attachment, Mail } from "./Mailer.js"

/**
 * What a template needs besides the event.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /**
   * The address of the public site. When set, the mails with a personal code
   * also carry a link to withdraw: `<publicUrl>/afmelden#code=<token>`, and
   * survey invitations a link to answer: `<publicUrl>/vragenlijst#code=<token>`.
   * The code sits after `#`, so browsers do not send it to the server or in
   * `Referer` headers; the page reads it and asks the person to confirm (or,
   * for a survey, sends it with the answers).
   *
   * The mails about an improvement agenda link to the agenda of the track:
   * `<publicUrl>/tracks/<trackId>/agenda.html`, with `?lang=en` for English
   * readers.
   *
   * The mails about mentor matching link to `<publicUrl>/koppeling#match=<matchId>&code=<token>`:
   * the mentor answers a proposal there, and either side ends a match.
   */
  readonly publicUrl?: string | undefined
  /** Builds the withdraw link yourself (overrides the one from `publicUrl`). */
  readonly withdrawLink?: ((token: string) => string) | undefined
  /**
   * How people reach the organisers, shown above the greeting at the end of
   * every mail ("Vragen? Mail naar …"): an address, a phone number, or both.
   */
  readonly contact?: string | undefined
}

/**
 * `PLEEGZORG_PUBLIC_URL` (optional, an `http` or `https` address) and
 * `PLEEGZORG_MAIL_CONTACT` (optional, how people reach the organisers).
 *
 * @since 0.2.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  publicUrl: Config.option(Config.string("PLEEGZORG_PUBLIC_URL")).pipe(
    Config.map(Option.filter((s) => s.trim() !== "")),
    Config.validate({
      message: "Expected an http or https address",
      validation: Option.match({ onNone: () => true, onSome: (s) => /^https?:\/\/[^\s]+$/.test(s) })
    })
  ),
  contact: Config.option(Config.string("PLEEGZORG_MAIL_CONTACT")).pipe(
    Config.map(Option.filter((s) => s.trim() !== ""))
  )
}).pipe(
  Config.map(({ contact, publicUrl }): Options => ({
    ...Option.match(publicUrl, { onNone: () => ({}), onSome: (url) => ({ publicUrl: url }) }),
    ...Option.match(contact, { onNone: () => ({}), onSome: (text) => ({ contact: text.trim() }) })
  }))
)

/**
 * The Message-ID of the mail for an event, `<evt_…@pleegzorg>`. A retry of
 * the same event gets the same Message-ID, so a receiving server or mail
 * program can recognise a duplicate.
 *
 * @since 0.2.0
 * @category getters
 */
export const messageId = (id: DomainEvent.EventId): string => `<${id}@pleegzorg>`

// `<publicUrl>/<page>#code=<token>`: the token in the fragment, which browsers
// send to no server (not in the request, not in a Referer).
const pageLink = (page: string, token: string, options: Options): Option.Option<string> =>
  options.publicUrl === undefined
    ? Option.none()
    : Option.some(`${options.publicUrl.replace(/\/+$/, "")}/${page}#code=${encodeURIComponent(token)}`)

/**
 * The withdraw link for a token, if the options give one.
 *
 * @since 0.2.0
 * @category getters
 */
export const withdrawLink = (token: string, options: Options): Option.Option<string> =>
  options.withdrawLink !== undefined ? Option.some(options.withdrawLink(token)) : pageLink("afmelden", token, options)

/**
 * The link to answer a survey, `<publicUrl>/vragenlijst#code=<token>`, if a
 * public address is set.
 *
 * @since 0.3.0
 * @category getters
 */
export const surveyLink = (token: string, options: Options): Option.Option<string> =>
  pageLink("vragenlijst", token, options)

/**
 * The link to the public improvement agenda of a track,
 * `<publicUrl>/tracks/<trackId>/agenda.html` (`?lang=en` for English), if a
 * public address is set.
 *
 * @since 0.3.0
 * @category getters
 */
export const agendaLink = (
  trackId: Track.TrackId,
  language: LocalizedText.Language,
  options: Options
): Option.Option<string> =>
  options.publicUrl === undefined
    ? Option.none()
    : Option.some(
      `${options.publicUrl.replace(/\/+$/, "")}/tracks/${encodeURIComponent(trackId)}/agenda.html${
        language === "en" ? "?lang=en" : ""
      }`
    )

/**
 * The link to answer a mentor proposal or to end a match,
 * `<publicUrl>/koppeling#match=<matchId>&code=<token>`, if a public address
 * is set. Both sit after `#`, so the token reaches no server log.
 *
 * @since 0.4.0
 * @category getters
 */
export const matchLink = (matchId: MentorMatch.MatchId, token: string, options: Options): Option.Option<string> =>
  options.publicUrl === undefined
    ? Option.none()
    : Option.some(
      `${options.publicUrl.replace(/\/+$/, "")}/koppeling#match=${encodeURIComponent(matchId)}&code=${
        encodeURIComponent(token)
      }`
    )

/**
 * Escapes text for HTML (element content and quoted attributes).
 *
 * @since 0.2.0
 * @category formatting
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "\"" ? "&quot;" : "&#39;")

// -----------------------------------------------------------------------------
// a small document model: each template is written once and printed as text
// and as HTML, so both always say the same and the HTML is always escaped
// -----------------------------------------------------------------------------

type Block =
  | { readonly _tag: "Paragraph"; readonly text: string; readonly aboutCalendar?: true }
  | { readonly _tag: "Lines"; readonly lines: ReadonlyArray<readonly [label: string, value: string]> }
  | { readonly _tag: "List"; readonly items: ReadonlyArray<ListItem> }
  | { readonly _tag: "Code"; readonly code: string }
  | { readonly _tag: "Link"; readonly href: string }
  | { readonly _tag: "Quote"; readonly text: string }

// A list of things with a heading and a few lines each: sessions, actions.
interface ListItem {
  readonly heading: string
  readonly details: ReadonlyArray<string>
}

const p = (text: string): Block => ({ _tag: "Paragraph", text })

// A paragraph about the attached calendar file: dropped when there is none.
const aboutCalendar = (text: string): Block => ({ _tag: "Paragraph", text, aboutCalendar: true })

const toText = (blocks: ReadonlyArray<Block>): string =>
  blocks.map((block) => {
    switch (block._tag) {
      case "Paragraph":
        return block.text
      case "Lines":
        return block.lines.map(([label, value]) => `${label}: ${value}`).join("\n")
      case "List":
        return block.items.map((item) => [item.heading, ...item.details].join("\n   ")).join("\n\n")
      case "Code":
        return `    ${block.code}`
      case "Link":
        return block.href
      case "Quote":
        return block.text.split(/\r?\n/).map((line) => (line === "" ? ">" : `> ${line}`)).join("\n")
    }
  }).join("\n\n") + "\n"

const toHtml = (blocks: ReadonlyArray<Block>, language: LocalizedText.Language, title: string): string => {
  const body = blocks.map((block) => {
    switch (block._tag) {
      case "Paragraph":
        return `<p>${escapeHtml(block.text).replace(/\n/g, "<br>\n")}</p>`
      case "Lines":
        return `<p>${
          block.lines.map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}`).join(
            "<br>\n"
          )
        }</p>`
      case "List":
        return `<ul>\n${
          block.items.map((item) =>
            `<li>${[`<strong>${escapeHtml(item.heading)}</strong>`, ...item.details.map(escapeHtml)].join("<br>\n")}</li>`
          ).join("\n")
        }\n</ul>`
      case "Code":
        return `<p style="font-family:monospace;font-size:1.1em"><code>${escapeHtml(block.code)}</code></p>`
      case "Link":
        return `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.href)}</a></p>`
      case "Quote":
        return `<blockquote><p>${escapeHtml(block.text).replace(/\r?\n/g, "<br>\n")}</p></blockquote>`
    }
  }).join("\n")
  return `<!DOCTYPE html>\n<html lang="${language}">\n<head>\n<meta charset="utf-8">\n<title>${
    escapeHtml(title)
  }</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
}

// -----------------------------------------------------------------------------
// pieces shared by the templates
// -----------------------------------------------------------------------------

type Lang = LocalizedText.Language

const t = (language: Lang, nl: string, en: string) => (language === "nl" ? nl : en)

const andList = (items: ReadonlyArray<number | string>, language: Lang) =>
  items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} ${t(language, "en", "and")} ${items[items.length - 1]}`

const sessionHeading = (number: Track.SessionNumber, language: Lang) =>
  `${t(language, "Bijeenkomst", "Session")} ${number}: ${Track.sessionTitle(number)[language]}`

// "bijeenkomst 2 (Bespreken hoe het gaat)", inside a sentence
const sessionNamed = (number: Track.SessionNumber, language: Lang) =>
  `${t(language, "bijeenkomst", "session")} ${number} (${Track.sessionTitle(number)[language]})`

const sessionsBlock = (track: DomainEvent.TrackSummary, language: Lang): Block => ({
  _tag: "List",
  items: track.sessions.map((s) => ({
    heading: sessionHeading(s.number, language),
    details: [Track.formatTiming(s.timing, language), Calendar.placeLine(s.place)]
  }))
})

const tentativeNote = (track: DomainEvent.TrackSummary, language: Lang): ReadonlyArray<Block> => {
  const tentative = track.sessions.filter((s) => s.timing._tag === "Tentative").map((s) => s.number)
  if (tentative.length === 0) return []
  const list = andList(tentative, language)
  return [
    p(
      tentative.length === 1
        ? t(
          language,
          `De datum van bijeenkomst ${list} volgt nog. Je krijgt een mail zodra die vaststaat.`,
          `The date of session ${list} will follow. You will get an email as soon as it is fixed.`
        )
        : t(
          language,
          `De datums van bijeenkomst ${list} volgen nog. Je krijgt een mail zodra ze vaststaan.`,
          `The dates of sessions ${list} will follow. You will get an email as soon as they are fixed.`
        )
    )
  ]
}

const calendarNote = (track: DomainEvent.TrackSummary, language: Lang, updated: boolean): ReadonlyArray<Block> => {
  const fixed = Calendar.fixedSessions(track)
  if (fixed.length === 0) return []
  const which = fixed.length === 3
    ? ""
    : t(
      language,
      ` Er ${fixed.length === 1 ? "staat" : "staan"} alleen bijeenkomst ${andList(fixed, language)} in, want die ${
        fixed.length === 1 ? "heeft" : "hebben"
      } al een vaste datum.`,
      ` It only holds session${fixed.length === 1 ? "" : "s"} ${andList(fixed, language)}, which ${
        fixed.length === 1 ? "has" : "have"
      } a fixed date already.`
    )
  return [
    aboutCalendar(
      updated
        ? t(
          language,
          `In de bijlage zit een nieuw agendabestand (.ics). Open het: dan past je agenda de afspraken aan.${which}`,
          `Attached is a new calendar file (.ics). Open it and your calendar updates the appointments.${which}`
        )
        : t(
          language,
          `In de bijlage zit een agendabestand (.ics). Open het om de bijeenkomsten in je agenda te zetten.${which}`,
          `Attached is a calendar file (.ics). Open it to put the sessions in your calendar.${which}`
        )
    )
  ]
}

// For mails whose calendar file takes the sessions out of the calendar again.
const removalNote = (track: DomainEvent.TrackSummary, language: Lang): ReadonlyArray<Block> =>
  Calendar.fixedSessions(track).length === 0
    ? []
    : [
      aboutCalendar(
        t(
          language,
          "Staan de bijeenkomsten in je agenda? Open dan het agendabestand (.ics) in de bijlage: dan haalt je agenda ze weg.",
          "Are the sessions in your calendar? Then open the calendar file (.ics) attached: your calendar then removes them."
        )
      )
    ]

const tokenBlocks = (token: string, options: Options, language: Lang, intro: string): ReadonlyArray<Block> => [
  p(intro),
  { _tag: "Code", code: token },
  ...Option.match(withdrawLink(token, options), {
    onNone: (): ReadonlyArray<Block> => [],
    onSome: (href): ReadonlyArray<Block> => [
      p(t(language, "Of open deze link:", "Or open this link:")),
      { _tag: "Link", href }
    ]
  }),
  p(
    t(
      language,
      "Bewaar deze mail goed. Deel de code niet met anderen: met de code kan iemand je afmelden.",
      "Keep this email safe. Do not share the code: anyone who has it can withdraw your registration."
    )
  )
]

const laterWithdrawal = (language: Lang) =>
  p(
    t(
      language,
      "Kun je toch niet bij alle bijeenkomsten zijn? Meld je dan af met de persoonlijke code uit je eerste mail.",
      "Can you not come to all sessions after all? Then withdraw with the personal code from your first email."
    )
  )

const greeting = (name: string | undefined, language: Lang) =>
  p(name === undefined ? t(language, "Hallo,", "Hello,") : `${t(language, "Hallo", "Hello")} ${name},`)

// "De organisatie van <what>, regio <region>" (without a region: "De organisatie van <what>")
const signOff = (what: LocalizedText.LocalizedText, region: string | undefined, language: Lang) =>
  p(
    t(
      language,
      `Hartelijke groet,\nDe organisatie van ${what.nl}${region === undefined ? "" : `, regio ${region}`}`,
      `Kind regards,\nThe organisers of ${what.en}${region === undefined ? "" : `, region ${region}`}`
    )
  )

const footer = (language: Lang) =>
  p(
    t(
      language,
      "Deze mail is automatisch verstuurd.",
      "This email was sent automatically."
    )
  )

const samePlace = (a: Track.Place, b: Track.Place) => a.name === b.name && a.address === b.address

// -----------------------------------------------------------------------------
// the templates for a track
// -----------------------------------------------------------------------------

type SurveyEvent = DomainEvent.SurveyInvited | DomainEvent.SurveyReminded

// The events about an improvement agenda: to the owners of its actions.
type AgendaEvent =
  | DomainEvent.AgendaAdopted
  | DomainEvent.ActionDueSoon
  | DomainEvent.ActionOverdue
  | DomainEvent.ReviewDueSoon

// The events about mentor matching: to a mentor or a prospect.
type MatchEvent = DomainEvent.MentorProposed | DomainEvent.MatchIntroduced | DomainEvent.MatchEnded

// The events about a registration or a track: they carry the track.
type TrackEvent = Exclude<DomainEvent.DomainEvent, SurveyEvent | AgendaEvent | MatchEvent>

interface Content {
  readonly subject: string
  readonly blocks: ReadonlyArray<Block>
  readonly calendar: boolean
}

const content = (event: TrackEvent, options: Options): Content => {
  const language = event.recipient.language
  const track = event.track
  const title = track.title[language]
  const region = track.regionName
  const inTrack = t(language, `${title} in de regio ${region}`, `${title} in the region ${region}`)
  switch (event._tag) {
    case "RegistrationConfirmed":
      return {
        subject: t(language, `Je aanmelding is bevestigd: ${title}`, `Your registration is confirmed: ${title}`),
        calendar: true,
        blocks: [
          p(
            t(
              language,
              `Je bent aangemeld voor ${inTrack}. Er is een plek voor je. Fijn dat je meedoet!`,
              `You are registered for ${inTrack}. You have a place. We are glad you are taking part!`
            )
          ),
          p(t(language, "Je doet mee aan alle drie de bijeenkomsten:", "You take part in all three sessions:")),
          sessionsBlock(track, language),
          ...tentativeNote(track, language),
          ...calendarNote(track, language, false),
          ...tokenBlocks(
            event.token,
            options,
            language,
            t(
              language,
              "Kun je toch niet meedoen? Meld je dan af met je persoonlijke code:",
              "Can you not take part after all? Then withdraw with your personal code:"
            )
          )
        ]
      }
    case "RegistrationWaitlisted": {
      const group = StakeholderGroup.describe(event.recipient.group).label[language]
      return {
        subject: t(language, `Je staat op de wachtlijst: ${title}`, `You are on the waitlist: ${title}`),
        calendar: false,
        blocks: [
          p(
            t(
              language,
              `Je hebt je aangemeld voor ${inTrack}. De plekken voor ${group} zijn nu vol. Daarom sta je op de wachtlijst.`,
              `You signed up for ${inTrack}. The places for ${group} are full at the moment, so you are on the waitlist.`
            )
          ),
          { _tag: "Lines", lines: [[t(language, "Je plek op de wachtlijst", "Your place on the waitlist"), `${event.position}`]] },
          p(
            t(
              language,
              "Komt er een plek vrij? Dan krijg je meteen een mail. Je hoeft nu niets te doen.",
              "If a place comes free, you will get an email straight away. You do not need to do anything now."
            )
          ),
          p(t(language, "Dit zijn de bijeenkomsten:", "These are the sessions:")),
          sessionsBlock(track, language),
          ...tentativeNote(track, language),
          ...(event.token === undefined
            ? [
              p(
                t(
                  language,
                  "Wil je niet meer op de wachtlijst staan? Meld je dan af met de persoonlijke code uit je eerste mail.",
                  "Do you no longer want to be on the waitlist? Then withdraw with the personal code from your first email."
                )
              )
            ]
            : tokenBlocks(
              event.token,
              options,
              language,
              t(
                language,
                "Wil je niet meer op de wachtlijst staan? Meld je dan af met je persoonlijke code:",
                "Do you no longer want to be on the waitlist? Then withdraw with your personal code:"
              )
            ))
        ]
      }
    }
    case "RegistrationRepeated": {
      const where = event.status === "Confirmed"
        ? t(language, "Je hebt een plek. Je doet mee aan alle drie de bijeenkomsten.", "You have a place. You take part in all three sessions.")
        : event.status === "Waitlisted"
        ? t(
          language,
          `Je staat op de wachtlijst.${event.position === undefined ? "" : ` Je bent nummer ${event.position}.`} Komt er een plek vrij? Dan krijg je een mail.`,
          `You are on the waitlist.${event.position === undefined ? "" : ` You are number ${event.position}.`} If a place comes free, you will get an email.`
        )
        : t(
          language,
          "We wachten nog op de toestemming van je ouder of voogd.",
          "We are still waiting for permission from your parent or guardian."
        )
      return {
        subject: t(language, `Je bent al aangemeld: ${title}`, `You are already signed up: ${title}`),
        calendar: false,
        blocks: [
          p(
            t(
              language,
              `We kregen nog een aanmelding met dit e-mailadres voor ${inTrack}. Je bent al aangemeld. Er verandert dus niets.`,
              `We received another registration with this email address for ${inTrack}. You are already signed up, so nothing changes.`
            )
          ),
          p(where),
          sessionsBlock(track, language),
          p(
            t(
              language,
              "Heb jij dit niet gedaan? Dan hoef je niets te doen. Wil je je afmelden? Gebruik dan de link of de code uit je eerste mail. Ben je die kwijt? Neem dan contact op met de organisatie.",
              "Was this not you? Then you do not need to do anything. Do you want to withdraw? Use the link or the code from your first email. Lost it? Then please contact the organisers."
            )
          )
        ]
      }
    }
    case "ConsentRequested":
      return {
        subject: t(
          language,
          `Toestemming van je ouder of voogd nodig: ${title}`,
          `Permission from your parent or guardian needed: ${title}`
        ),
        calendar: false,
        blocks: [
          p(
            t(
              language,
              `Je hebt je aangemeld voor ${inTrack}. Dank je wel!`,
              `You signed up for ${inTrack}. Thank you!`
            )
          ),
          p(
            t(
              language,
              "Je bent jonger dan 16 jaar. Daarom moet een ouder of voogd eerst toestemming geven. Pas daarna kun je meedoen.",
              "You are younger than 16. So a parent or guardian must give permission first. Only then can you take part."
            )
          ),
          p(
            t(
              language,
              "Vraag je ouder of voogd om contact op te nemen met de organisatie. De organisatie legt de toestemming vast. Daarna krijg je een nieuwe mail. Daarin staat of je een plek hebt of op de wachtlijst staat.",
              "Ask your parent or guardian to contact the organisers. The organisers record the permission. Then you get a new email. It tells you whether you have a place or are on the waitlist."
            )
          ),
          p(t(language, "Dit zijn de bijeenkomsten:", "These are the sessions:")),
          sessionsBlock(track, language),
          ...tentativeNote(track, language),
          ...tokenBlocks(
            event.token,
            options,
            language,
            t(
              language,
              "Wil je je toch afmelden? Dat kan met je persoonlijke code:",
              "Do you want to withdraw after all? You can with your personal code:"
            )
          )
        ]
      }
    case "RegistrationPromoted":
      return {
        subject: t(language, `Er is een plek voor je: ${title}`, `You have a place: ${title}`),
        calendar: true,
        blocks: [
          p(
            t(
              language,
              `Goed nieuws! Er is een plek voor je bij ${inTrack}. Je doet mee.`,
              `Good news! There is a place for you in ${inTrack}. You are taking part.`
            )
          ),
          p(t(language, "Je doet mee aan alle drie de bijeenkomsten:", "You take part in all three sessions:")),
          sessionsBlock(track, language),
          ...tentativeNote(track, language),
          ...calendarNote(track, language, false),
          laterWithdrawal(language)
        ]
      }
    case "RegistrationWithdrawn":
      return {
        subject: t(language, `Je aanmelding is ingetrokken: ${title}`, `Your registration has been withdrawn: ${title}`),
        calendar: true,
        blocks: [
          event.by === "person"
            ? p(
              t(
                language,
                `Je hebt je afgemeld voor ${inTrack}. Dat is gelukt. Je hoeft niets meer te doen.`,
                `You have withdrawn from ${inTrack}. That worked. You do not need to do anything else.`
              )
            )
            : p(
              t(
                language,
                `De organisatie heeft je aanmelding voor ${inTrack} ingetrokken. Denk je dat dit niet klopt? Neem dan contact op met de organisatie.`,
                `The organisers have withdrawn your registration for ${inTrack}. Do you think this is a mistake? Then please contact the organisers.`
              )
            ),
          p(t(language, "Het ging om deze bijeenkomsten:", "It was about these sessions:")),
          sessionsBlock(track, language),
          ...removalNote(track, language),
          p(
            t(
              language,
              "Wil je later toch meedoen? Meld je dan opnieuw aan, zolang dat nog kan.",
              "Do you want to take part later after all? Then sign up again, as long as registration is open."
            )
          )
        ]
      }
    case "SessionRescheduled": {
      const now = track.sessions[event.session - 1]!
      const heading = sessionNamed(event.session, language)
      const before = Track.formatTiming(event.previous, language)
      const after = Track.formatTiming(now.timing, language)
      const timeChanged = before !== after
      const fixedNow = event.previous._tag === "Tentative" && now.timing._tag === "Fixed"
      const subject = fixedNow
        ? t(language, `De datum van bijeenkomst ${event.session} staat vast: ${title}`, `The date of session ${event.session} is fixed: ${title}`)
        : timeChanged
        ? t(language, `Bijeenkomst ${event.session} is verplaatst: ${title}`, `Session ${event.session} has moved: ${title}`)
        : t(language, `Bijeenkomst ${event.session} is op een andere plek: ${title}`, `Session ${event.session} is at another place: ${title}`)
      const intro = fixedNow
        ? t(language, `De datum van ${heading} van ${inTrack} staat nu vast.`, `The date of ${heading} of ${inTrack} is now fixed.`)
        : timeChanged
        ? t(language, `${capitalise(heading)} van ${inTrack} is verplaatst.`, `${capitalise(heading)} of ${inTrack} has moved.`)
        : t(language, `${capitalise(heading)} van ${inTrack} is op een andere plek.`, `${capitalise(heading)} of ${inTrack} is at another place.`)
      const placeChanged = !samePlace(event.previousPlace, now.place)
      return {
        subject,
        calendar: true,
        blocks: [
          p(intro),
          {
            _tag: "Lines",
            lines: [
              [t(language, "Eerst", "Before"), `${before}, ${Calendar.placeLine(event.previousPlace)}`],
              [t(language, "Nu", "Now"), `${after}, ${Calendar.placeLine(now.place)}`]
            ]
          },
          ...(placeChanged && timeChanged
            ? [p(t(language, "Let op: de plek is ook veranderd.", "Please note: the place has changed too."))]
            : []),
          p(t(language, "Alle bijeenkomsten op een rij:", "All sessions at a glance:")),
          sessionsBlock(track, language),
          ...tentativeNote(track, language),
          ...(event.previous._tag === "Fixed" && now.timing._tag === "Tentative"
            ? [
              aboutCalendar(
                t(
                  language,
                  `Staat bijeenkomst ${event.session} al in je agenda? Het agendabestand in de bijlage zet die afspraak op geannuleerd.`,
                  `Is session ${event.session} in your calendar already? The calendar file attached marks that appointment as cancelled.`
                )
              )
            ]
            : []),
          ...calendarNote(track, language, true),
          laterWithdrawal(language)
        ]
      }
    }
    case "TrackCancelled":
      return {
        subject: t(language, `Het traject gaat niet door: ${title}`, `The track has been cancelled: ${title}`),
        calendar: true,
        blocks: [
          p(
            t(
              language,
              `Helaas gaat ${inTrack} niet door. De organisatie heeft het traject geannuleerd.`,
              `Unfortunately ${inTrack} will not take place. The organisers have cancelled the track.`
            )
          ),
          { _tag: "Lines", lines: [[t(language, "Reden", "Reason"), event.reason]] },
          p(t(language, "Deze bijeenkomsten gaan dus niet door:", "So these sessions will not take place:")),
          sessionsBlock(track, language),
          ...removalNote(track, language),
          p(
            t(
              language,
              "Je hoeft verder niets te doen. Heb je vragen? Neem dan contact op met de organisatie.",
              "You do not need to do anything else. Do you have questions? Then please contact the organisers."
            )
          )
        ]
      }
    case "ReminderDue": {
      const session = track.sessions[event.session - 1]!
      const heading = sessionNamed(event.session, language)
      return {
        subject: t(
          language,
          `Herinnering: bijeenkomst ${event.session} van ${title}`,
          `Reminder: session ${event.session} of ${title}`
        ),
        calendar: false,
        blocks: [
          p(
            t(
              language,
              `Over een paar dagen is ${heading} van ${inTrack}.`,
              `In a few days it is time for ${heading} of ${inTrack}.`
            )
          ),
          {
            _tag: "Lines",
            lines: [
              [t(language, "Wanneer", "When"), Track.formatTiming(session.timing, language)],
              [t(language, "Waar", "Where"), Calendar.placeLine(session.place)]
            ]
          },
          p(t(language, "Alle bijeenkomsten op een rij:", "All sessions at a glance:")),
          sessionsBlock(track, language),
          p(
            t(
              language,
              "Kun je niet komen? Laat het de organisatie dan zo snel mogelijk weten. Tot dan!",
              "Can you not come? Then please let the organisers know as soon as possible. See you then!"
            )
          )
        ]
      }
    }
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

// What differs between the mails, between the greeting and the footer.
interface Letter {
  readonly subject: string
  readonly blocks: ReadonlyArray<Block>
  readonly attachments: ReadonlyArray<Attachment>
  readonly signOff: Block
}

const trackLetter = (event: TrackEvent, options: Options): Letter => {
  const language = event.recipient.language
  const { blocks, calendar, subject } = content(event, options)
  // A session that had a date and lost it again: its calendar entry is cancelled.
  const cancelled = event._tag === "SessionRescheduled" && event.previous._tag === "Fixed" &&
      event.track.sessions[event.session - 1]!.timing._tag === "Tentative"
    ? [{ number: event.session, timing: event.previous, place: event.previousPlace }]
    : []
  const ics = calendar
    ? Calendar.make(event.track, {
      language,
      changedAt: event.occurredAt,
      cancelled,
      allCancelled: event._tag === "RegistrationWithdrawn" || event._tag === "TrackCancelled"
    })
    : Option.none()
  return {
    subject,
    blocks: Option.isSome(ics) ? blocks : blocks.filter((b) => !(b._tag === "Paragraph" && b.aboutCalendar)),
    attachments: Option.match(ics, {
      onNone: () => [],
      onSome: (content) => [{ filename: Calendar.filename(language), content, contentType: Calendar.CONTENT_TYPE }]
    }),
    signOff: signOff(event.track.title, event.track.regionName, language)
  }
}

// -----------------------------------------------------------------------------
// the survey invitation and its reminder
// -----------------------------------------------------------------------------

const PROGRAMME: LocalizedText.LocalizedText = {
  nl: "het goede gesprek over pleegzorg",
  en: "the good conversation about foster care"
}

// The link to answer (the token after `#`), or without a public address the
// code and where to enter it. Both are the person's own: not to forward.
const answerBlocks = (token: string, options: Options, language: Lang, again: boolean): ReadonlyArray<Block> =>
  Option.match(surveyLink(token, options), {
    onSome: (href): ReadonlyArray<Block> => [
      p(
        again
          ? t(language, "Vul de vragenlijst in via deze nieuwe link:", "Fill in the survey with this new link:")
          : t(language, "Vul de vragenlijst in via deze link:", "Fill in the survey with this link:")
      ),
      { _tag: "Link", href },
      p(
        t(
          language,
          `De link is alleen voor jou en werkt één keer. Stuur deze mail daarom niet door.${
            again ? " De link uit je eerste mail werkt ook nog." : ""
          }`,
          `The link is for you only and works once. So please do not forward this email.${
            again ? " The link in your first email works too." : ""
          }`
        )
      )
    ],
    onNone: (): ReadonlyArray<Block> => [
      p(
        t(
          language,
          `Ga naar de vragenlijst op de website van ${PROGRAMME.nl}. Vul daar deze${again ? " nieuwe" : ""} code in:`,
          `Go to the survey on the website of ${PROGRAMME.en}. Enter this${again ? " new" : ""} code there:`
        )
      ),
      { _tag: "Code", code: token },
      p(
        t(
          language,
          `De code is alleen voor jou en werkt één keer. Stuur deze mail daarom niet door.${
            again ? " De code uit je eerste mail werkt ook nog." : ""
          }`,
          `The code is for you only and works once. So please do not forward this email.${
            again ? " The code in your first email works too." : ""
          }`
        )
      )
    ]
  })

const surveyLetter = (event: SurveyEvent, options: Options): Letter => {
  const language = event.recipient.language
  const survey = event.survey
  const region = survey.regionName
  const named: Block = { _tag: "Lines", lines: [[t(language, "Vragenlijst", "Survey"), survey.title[language]]] }
  const signed = signOff(PROGRAMME, region, language)
  switch (event._tag) {
    case "SurveyInvited": {
      const group = survey.group[language].toLocaleLowerCase(language)
      return {
        subject: t(
          language,
          `Doe mee aan de vragenlijst over pleegzorg in ${region}`,
          `Take part in the survey about foster care in ${region}`
        ),
        attachments: [],
        signOff: signed,
        blocks: [
          p(
            t(
              language,
              `We nodigen je uit voor een vragenlijst over pleegzorg in de regio ${region}. We horen graag wat jij ervan vindt.`,
              `We invite you to fill in a survey about foster care in the region ${region}. We would like to hear what you think.`
            )
          ),
          named,
          p(
            t(
              language,
              `Waarom deze vragenlijst? In de regio ${region} praten we samen over pleegzorg: ${PROGRAMME.nl}. In de tweede bijeenkomst bespreken we de uitkomsten van deze vragenlijst. Ze zijn het begin van het gesprek.`,
              `Why this survey? In the region ${region} we talk together about foster care: ${PROGRAMME.en}. In the second session we discuss the results of this survey. They are the start of the conversation.`
            )
          ),
          p(
            t(
              language,
              "De vragenlijst is anoniem. We bewaren niet wie wat heeft geantwoord. We laten antwoorden alleen zien per groep, en alleen als die groep groot genoeg is.",
              "The survey is anonymous. We do not keep who answered what. We only show answers per group, and only for groups that are large enough."
            )
          ),
          p(
            survey.pooled
              ? t(
                language,
                `Er zijn maar weinig mensen uit jouw groep uitgenodigd. Die groep is te klein om apart te laten zien. Daarom tellen we je antwoorden samen met die van ${group}.`,
                `Only a few people from your group were invited. That group is too small to be shown on its own. So we count your answers together with those of ${group}.`
              )
              : t(
                language,
                `Je antwoorden tellen mee bij de groep ${group}.`,
                `Your answers are counted in the group ${group}.`
              )
          ),
          p(t(language, "Het invullen duurt ongeveer 10 minuten.", "It takes about 10 minutes.")),
          ...answerBlocks(event.token, options, language, false),
          p(t(language, "Dank je wel voor je tijd!", "Thank you for your time!"))
        ]
      }
    }
    case "SurveyReminded":
      return {
        subject: t(
          language,
          `Herinnering: de vragenlijst over pleegzorg in ${region}`,
          `Reminder: the survey about foster care in ${region}`
        ),
        attachments: [],
        signOff: signed,
        blocks: [
          p(
            t(
              language,
              `Heb je de vragenlijst over pleegzorg in de regio ${region} nog niet ingevuld? Dat kan nog steeds. Het duurt ongeveer 10 minuten.`,
              `Have you not filled in the survey about foster care in the region ${region} yet? You still can. It takes about 10 minutes.`
            )
          ),
          named,
          ...answerBlocks(event.token, options, language, true),
          p(
            t(
              language,
              "Heb je de vragenlijst al ingevuld? Dank je wel! Dan kun je deze mail negeren. Wij kunnen niet zien wie welke antwoorden gaf. Zo blijft de vragenlijst anoniem.",
              "Have you filled in the survey already? Thank you! Then you can ignore this email. We cannot see who gave which answers. That is how the survey stays anonymous."
            )
          )
        ]
      }
  }
}

// -----------------------------------------------------------------------------
// the improvement agenda: to the owners of its actions
// -----------------------------------------------------------------------------

const STATUS: Record<DomainEvent.ActionSummary["status"], LocalizedText.LocalizedText> = {
  Proposed: { nl: "Voorgesteld", en: "Proposed" },
  Agreed: { nl: "Afgesproken", en: "Agreed" },
  InProgress: { nl: "Loopt", en: "In progress" },
  Done: { nl: "Klaar", en: "Done" },
  Dropped: { nl: "Gestopt", en: "Dropped" }
}

const quoted = (title: string) => `“${title}”`

const months = (n: number, language: Lang) =>
  n === 1 ? t(language, "1 maand", "1 month") : t(language, `${n} maanden`, `${n} months`)

const actionLines = (action: DomainEvent.ActionSummary, language: Lang): ReadonlyArray<readonly [string, string]> => [
  [t(language, "Thema", "Theme"), action.theme],
  [
    t(language, "Periode", "Period"),
    `${CalendarDate.format(action.start, language)} – ${CalendarDate.format(action.due, language)}`
  ],
  ["Status", STATUS[action.status][language]]
]

const actionsBlock = (actions: ReadonlyArray<DomainEvent.ActionSummary>, language: Lang): Block => ({
  _tag: "List",
  items: actions.map((action) => ({
    heading: action.title,
    details: actionLines(action, language).map(([label, value]) => `${label}: ${value}`)
  }))
})

// The link to the agenda on the public site; without a public address, where to find it.
const agendaBlocks = (agenda: DomainEvent.AgendaSummary, options: Options, language: Lang): ReadonlyArray<Block> =>
  Option.match(agendaLink(agenda.trackId, language, options), {
    onSome: (href): ReadonlyArray<Block> => [
      p(t(language, "Hier lees je de hele verbeteragenda:", "You can read the whole improvement agenda here:")),
      { _tag: "Link", href }
    ],
    onNone: (): ReadonlyArray<Block> => [
      p(
        t(
          language,
          `De hele verbeteragenda staat op de website van ${PROGRAMME.nl}.`,
          `The whole improvement agenda is on the website of ${PROGRAMME.en}.`
        )
      )
    ]
  })

const agendaLetter = (event: AgendaEvent, options: Options): Letter => {
  const language = event.recipient.language
  const agenda = event.agenda
  const region = agenda.regionName
  const agendaOf = t(
    language,
    `de verbeteragenda voor de regio ${region}`,
    `the improvement agenda for the region ${region}`
  )
  const signed = signOff(PROGRAMME, region, language)
  const letter = (subject: string, blocks: ReadonlyArray<Block>): Letter => ({
    subject,
    blocks: [...blocks, ...agendaBlocks(agenda, options, language)],
    attachments: [],
    signOff: signed
  })
  switch (event._tag) {
    case "AgendaAdopted": {
      const adoptedOn = CalendarDate.format(agenda.adoptedOn, language)
      const version = agenda.version > 1
      const one = event.actions.length === 1
      const proposed = event.actions.some((a) => a.status === "Proposed")
      const owner = `${event.recipient.role}, ${event.recipient.organisation}`
      return letter(
        version
          ? t(
            language,
            `Versie ${agenda.version} van de verbeteragenda voor ${region} is vastgesteld`,
            `Version ${agenda.version} of the improvement agenda for ${region} has been adopted`
          )
          : t(
            language,
            `De verbeteragenda voor ${region} is vastgesteld`,
            `The improvement agenda for ${region} has been adopted`
          ),
        [
          p(
            version
              ? t(
                language,
                `Versie ${agenda.version} van ${agendaOf} is op ${adoptedOn} vastgesteld.`,
                `Version ${agenda.version} of ${agendaOf} was adopted on ${adoptedOn}.`
              )
              : t(language, `${capitalise(agendaOf)} is op ${adoptedOn} vastgesteld.`, `${capitalise(agendaOf)} was adopted on ${adoptedOn}.`)
          ),
          ...(event.actions.length === 0
            ? [
              p(
                t(
                  language,
                  "In deze versie ben je geen eigenaar van een actie. Je hoeft niets te doen.",
                  "In this version you do not own any action. You do not need to do anything."
                )
              )
            ]
            : [
              p(
                t(
                  language,
                  `Je bent eigenaar van ${one ? "deze actie" : "deze acties"} (${owner}):`,
                  `You are the owner of ${one ? "this action" : "these actions"} (${owner}):`
                )
              ),
              actionsBlock(event.actions, language),
              p(
                t(
                  language,
                  `${
                    one ? "Kijk je of de actie klopt?" : "Kijk je of de acties kloppen?"
                  } Klopt er iets niet? Laat het de organisatie dan weten.`,
                  `Please check that ${
                    one ? "the action is" : "the actions are"
                  } right. Is something not right? Then please let the organisers know.`
                )
              ),
              ...(!proposed
                ? []
                : [
                  p(
                    one
                      ? t(
                        language,
                        "De status is nog Voorgesteld. Spreek de actie af met de organisatie. Dan wordt de status Afgesproken.",
                        "Its status is still Proposed. Please agree it with the organisers; the status then becomes Agreed."
                      )
                      : t(
                        language,
                        "Staat een actie nog op Voorgesteld? Spreek die dan af met de organisatie. Dan wordt de status Afgesproken.",
                        "Is an action still Proposed? Then please agree it with the organisers, and its status becomes Agreed."
                      )
                  )
                ])
            ])
        ]
      )
    }
    case "ActionDueSoon": {
      const action = event.action
      const due = CalendarDate.format(action.due, language)
      const when = event.days <= 0
        ? t(language, "Dat is vandaag.", "That is today.")
        : event.days === 1
        ? t(language, "Dat is morgen.", "That is tomorrow.")
        : t(language, `Dat is over ${event.days} dagen.`, `That is in ${event.days} days.`)
      return letter(
        t(language, `Herinnering: ${quoted(action.title)} moet op ${due} klaar zijn`, `Reminder: ${quoted(action.title)} is due on ${due}`),
        [
          p(
            t(
              language,
              `De actie ${quoted(action.title)} uit ${agendaOf} moet op ${due} klaar zijn. ${when}`,
              `The action ${quoted(action.title)} from ${agendaOf} is due on ${due}. ${when}`
            )
          ),
          { _tag: "Lines", lines: actionLines(action, language) },
          p(
            t(
              language,
              "Hoe staat het ervoor? Stuur de organisatie een korte notitie over hoe het gaat. Is de actie al klaar? Schrijf dan kort op hoe het is gegaan. Dan sluit de organisatie de actie af.",
              "How is it going? Send the organisers a short note on the progress. Is the action done already? Then write briefly how it went, and the organisers will close it."
            )
          )
        ]
      )
    }
    case "ActionOverdue": {
      const action = event.action
      const due = CalendarDate.format(action.due, language)
      return letter(
        t(language, `De einddatum is voorbij: ${quoted(action.title)}`, `Past its due date: ${quoted(action.title)}`),
        [
          p(
            t(
              language,
              `De actie ${quoted(action.title)} uit ${agendaOf} moest op ${due} klaar zijn. Volgens de agenda is de actie nog niet klaar.`,
              `The action ${quoted(action.title)} from ${agendaOf} was due on ${due}. According to the agenda it is not done yet.`
            )
          ),
          { _tag: "Lines", lines: actionLines(action, language) },
          p(
            t(
              language,
              [
                "Laat de organisatie weten hoe het ervoor staat. Kies wat past:",
                "- Geef een update: hoe gaat het, en wanneer is de actie klaar?",
                "- Is er meer tijd nodig? Spreek dan met de organisatie een nieuwe einddatum af. Die komt in een nieuwe versie van de verbeteragenda.",
                "- Gaat de actie niet door? Laat dan weten waarom. Dan wordt de actie gestopt."
              ].join("\n"),
              [
                "Please let the organisers know where it stands. Choose what fits:",
                "- Give an update: how is it going, and when will the action be done?",
                "- Is more time needed? Then agree a new due date with the organisers. It goes into a new version of the improvement agenda.",
                "- Will the action not go ahead? Then let them know why, and the action will be dropped."
              ].join("\n")
            )
          )
        ]
      )
    }
    case "ReviewDueSoon": {
      const due = CalendarDate.format(event.due, language)
      const after = months(event.moment, language)
      const one = event.actions.length === 1
      return letter(
        t(
          language,
          `Evaluatie van de verbeteragenda voor ${region} na ${after}`,
          `Review of the improvement agenda for ${region} after ${after}`
        ),
        [
          p(
            t(
              language,
              `Rond ${due} is de evaluatie van ${agendaOf}. Dat is de tussentijdse bespreking na ${after}. Daarin kijken we hoe het gaat met de acties.`,
              `${capitalise(agendaOf)} is reviewed around ${due}. That is the interim review after ${after}, to see how the actions are going.`
            )
          ),
          ...(event.actions.length === 0
            ? [
              p(
                t(
                  language,
                  "Je hebt geen open acties meer. Je hoeft niets te doen. Dank je wel!",
                  "You have no open actions left. You do not need to do anything. Thank you!"
                )
              )
            ]
            : [
              p(
                t(
                  language,
                  one ? "Deze actie van jou staat nog open:" : "Deze acties van jou staan nog open:",
                  one ? "This action of yours is still open:" : "These actions of yours are still open:"
                )
              ),
              actionsBlock(event.actions, language),
              p(
                t(
                  language,
                  `Wil je de organisatie vóór de bespreking ${
                    one ? "" : "per actie "
                  }een korte notitie sturen? Schrijf op hoe het gaat en wat er nog nodig is.`,
                  `Could you send the organisers a short note${
                    one ? "" : " on each action"
                  } before the review? Write how it is going and what is still needed.`
                )
              )
            ])
        ]
      )
    }
  }
}

// -----------------------------------------------------------------------------
// mentor matching: to a mentor (an experienced foster parent) and to a
// prospect (someone thinking about becoming a foster parent)
// -----------------------------------------------------------------------------

// "ongeveer 12 km"; under 1 km (the same municipality) "minder dan 1 km"
const distance = (km: number, language: Lang) =>
  km < 1
    ? t(language, "minder dan 1 km", "less than 1 km")
    : t(language, `ongeveer ${Math.round(km)} km`, `about ${Math.round(km)} km`)

// What the mentor learns of the prospect before saying yes: categories only.
const prospectLines = (event: DomainEvent.MentorProposed, language: Lang): Block => {
  const prospect = event.prospect
  const list = <A>(items: ReadonlyArray<A>, label: (a: A) => LocalizedText.LocalizedText) =>
    andList(items.map((item) => label(item)[language]), language)
  const lines: ReadonlyArray<readonly [string, string]> = [
    [t(language, "Denkt aan", "Considering"), list(prospect.kinds, (k) => MentorProfile.careKindLabel[k])],
    [t(language, "Gezinssituatie", "Family situation"), MentorProfile.familyLabel[prospect.family][language]],
    [t(language, "Talen", "Languages"), list(prospect.languages, MentorProfile.languageLabel)],
    [t(language, "Kan praten", "Can talk"), list(prospect.availability, (a) => MentorProfile.availabilityLabel[a])],
    [t(language, "Afstand tot jou", "Distance from you"), distance(event.km, language)]
  ]
  return { _tag: "Lines", lines: lines.filter(([, value]) => value !== "") }
}

// The link to answer or to end (match and token after `#`), or without a
// public address the match number and the code, and where to enter them.
// Both are the person's own: not to forward.
const matchCodeBlocks = (
  matchId: MentorMatch.MatchId,
  token: string,
  options: Options,
  language: Lang,
  intro: { readonly link: string; readonly code: string }
): ReadonlyArray<Block> =>
  Option.match(matchLink(matchId, token, options), {
    onSome: (href): ReadonlyArray<Block> => [
      p(intro.link),
      { _tag: "Link", href },
      p(
        t(
          language,
          "De link is alleen voor jou. Stuur deze mail daarom niet door.",
          "The link is for you only. So please do not forward this email."
        )
      )
    ],
    onNone: (): ReadonlyArray<Block> => [
      p(intro.code),
      { _tag: "Lines", lines: [[t(language, "Koppeling", "Match"), matchId]] },
      { _tag: "Code", code: token },
      p(
        t(
          language,
          "De code is alleen voor jou. Stuur deze mail daarom niet door.",
          "The code is for you only. So please do not forward this email."
        )
      )
    ]
  })

// Where to go when there is no link.
const mentorPage = (language: Lang) =>
  t(
    language,
    `Ga naar de pagina over mentoren op de website van ${PROGRAMME.nl}.`,
    `Go to the page about mentors on the website of ${PROGRAMME.en}.`
  )

const matchLetter = (event: MatchEvent, options: Options): Letter => {
  const language = event.recipient.language
  switch (event._tag) {
    case "MentorProposed": {
      const region = event.prospect.regionName
      return {
        subject: t(
          language,
          `Wil je mentor zijn voor iemand in ${region}?`,
          `Would you like to be a mentor for someone in ${region}?`
        ),
        attachments: [],
        signOff: signOff(PROGRAMME, region, language),
        blocks: [
          p(
            t(
              language,
              `Iemand in de regio ${region} denkt erover om pleegouder te worden. Deze persoon wil graag vragen stellen aan een ervaren pleegouder. Wij dachten aan jou. Wil je mentor zijn?`,
              `Someone in the region ${region} is thinking about becoming a foster parent, and would like to ask an experienced foster parent some questions. We thought of you. Would you like to be their mentor?`
            )
          ),
          p(t(language, "Dit weten we al:", "What we know so far:")),
          prospectLines(event, language),
          p(
            t(
              language,
              `Waarom we denken dat het past:\n${event.explanation.nl}`,
              `Why we think it is a good fit:\n${event.explanation.en}`
            )
          ),
          p(
            t(
              language,
              "Je krijgt nog geen naam of adres. Alleen als jij ja zegt, krijgen jullie elkaars naam en e-mailadres.",
              "You do not get a name or address yet. Only if you say yes will you get each other's name and email address."
            )
          ),
          ...matchCodeBlocks(event.matchId, event.token, options, language, {
            link: t(language, "Geef je antwoord via deze link:", "Give your answer with this link:"),
            code: t(
              language,
              `${mentorPage(language)} Geef daar je antwoord met het nummer van de koppeling en deze code:`,
              `${mentorPage(language)} Give your answer there with the match number and this code:`
            )
          }),
          p(
            t(
              language,
              "Je mag ook nee zeggen. Je hoeft niet uit te leggen waarom. We vragen je nooit voor meer aspirant-pleegouders dan je zelf hebt aangegeven. Zeg je nee? Dan vragen we je niet nog een keer voor deze persoon.",
              "You can also say no. You do not need to give a reason. We never ask you to take on more prospective foster parents than you told us you have room for. If you say no, we will not ask you about this person again."
            )
          ),
          p(t(language, "Dank je wel dat je je ervaring wilt delen!", "Thank you for being willing to share your experience!"))
        ]
      }
    }
    case "MatchIntroduced": {
      const region = event.regionName
      const other = event.other.name
      const mentor = event.role === "mentor"
      const questions = mentor && event.questions !== undefined && event.questions.trim() !== ""
        ? event.questions.trim()
        : undefined
      return {
        subject: mentor
          ? t(language, `Je bent nu mentor van ${other}`, `You are now the mentor of ${other}`)
          : t(language, `Je mentor is ${other}`, `Your mentor is ${other}`),
        attachments: [],
        signOff: signOff(PROGRAMME, region, language),
        blocks: [
          p(
            mentor
              ? t(
                language,
                `Dank je wel dat je ja hebt gezegd! Je bent nu mentor van ${other}. ${other} woont in de regio ${region} en denkt erover om pleegouder te worden.`,
                `Thank you for saying yes! You are now the mentor of ${other}. ${other} lives in the region ${region} and is thinking about becoming a foster parent.`
              )
              : t(
                language,
                `Goed nieuws! Een ervaren pleegouder in de regio ${region} wil je mentor zijn: ${other}. Je kunt ${other} alles vragen over pleegzorg.`,
                `Good news! An experienced foster parent in the region ${region} would like to be your mentor: ${other}. You can ask ${other} anything about foster care.`
              )
          ),
          p(
            t(
              language,
              "Jullie krijgen nu allebei elkaars naam en e-mailadres:",
              "You now both get each other's name and email address:"
            )
          ),
          {
            _tag: "Lines",
            lines: [
              [t(language, "Naam", "Name"), other],
              [t(language, "E-mailadres", "Email address"), event.other.email]
            ]
          },
          ...(questions === undefined
            ? []
            : [
              p(t(language, `Dit wil ${other} graag vragen:`, `This is what ${other} would like to ask:`)),
              { _tag: "Quote", text: questions } satisfies Block
            ]),
          p(
            t(
              language,
              [
                "Tips voor het contact:",
                `- Stuur ${other} een mail. Spreek af voor een eerste telefoongesprek, of voor een kop koffie.`,
                mentor
                  ? `- ${other} mag je alles vragen. Er zijn geen domme vragen.`
                  : "- Je mag alles vragen. Er zijn geen domme vragen.",
                mentor
                  ? "- Vertel over je eigen ervaring als pleegouder: wat ging goed, wat was moeilijk?"
                  : `- ${other} vertelt over de eigen ervaring als pleegouder: wat ging goed, wat was moeilijk?`,
                mentor
                  ? "- Vertel niets over je pleegkinderen waaraan iemand ze kan herkennen, zoals namen of wat ze hebben meegemaakt. Dat is vertrouwelijk."
                  : `- ${other} vertelt niets over de eigen pleegkinderen waaraan iemand ze kan herkennen, zoals namen of wat ze hebben meegemaakt. Dat is vertrouwelijk.`
              ].join("\n"),
              [
                "Tips for your contact:",
                `- Send ${other} an email. Arrange a first phone call, or meet for a cup of coffee.`,
                mentor
                  ? `- ${other} can ask you anything. There are no silly questions.`
                  : "- You can ask anything. There are no silly questions.",
                mentor
                  ? "- Share your own experience as a foster parent: what went well, what was hard?"
                  : `- ${other} shares their own experience as a foster parent: what went well, what was hard?`,
                mentor
                  ? "- Do not share anything about your foster children that could identify them, such as names or what they have been through. That is confidential."
                  : `- ${other} does not share anything about their foster children that could identify them, such as names or what they have been through. That is confidential.`
              ].join("\n")
            )
          ),
          ...matchCodeBlocks(event.matchId, event.token, options, language, {
            link: t(
              language,
              "Wil je het contact stoppen? Dat mag altijd. Gebruik dan deze link:",
              "Do you want to end the contact? You can at any time. Then use this link:"
            ),
            code: t(
              language,
              `Wil je het contact stoppen? Dat mag altijd. ${mentorPage(language)} Vul daar het nummer van de koppeling en deze code in:`,
              `Do you want to end the contact? You can at any time. ${mentorPage(language)} Enter the match number and this code there:`
            )
          })
        ]
      }
    }
    case "MatchEnded": {
      const signed = signOff(PROGRAMME, undefined, language)
      if (event.role === "prospect") {
        return {
          subject: event.searching
            ? t(language, "We zoeken een nieuwe mentor voor je", "We are looking for a new mentor for you")
            : t(language, "Het contact met je mentor is gestopt", "The contact with your mentor has ended"),
          attachments: [],
          signOff: signed,
          blocks: event.searching
            ? [
              p(
                t(
                  language,
                  "Het contact met je mentor is gestopt. We zoeken een nieuwe mentor voor je. Hebben we iemand gevonden? Dan krijg je een mail.",
                  "The contact with your mentor has ended. We are looking for a new mentor for you. When we have found someone, you will get an email."
                )
              ),
              p(t(language, "Je hoeft nu niets te doen.", "You do not need to do anything now."))
            ]
            : [
              p(
                t(
                  language,
                  "Het contact met je mentor is gestopt. Je hoeft niets meer te doen.",
                  "The contact with your mentor has ended. You do not need to do anything else."
                )
              ),
              p(
                t(
                  language,
                  "Wil je later toch weer een mentor? Laat het de organisatie dan weten.",
                  "Would you like a mentor again later? Then please let the organisers know."
                )
              )
            ]
        }
      }
      return {
        subject: t(
          language,
          "Het contact met je aspirant-pleegouder is gestopt",
          "The contact with your prospective foster parent has ended"
        ),
        attachments: [],
        signOff: signed,
        blocks: [
          p(
            event.by === "mentor"
              ? t(
                language,
                "Je hebt het contact met je aspirant-pleegouder gestopt. Dat is gelukt.",
                "You have ended the contact with your prospective foster parent. That worked."
              )
              : event.by === "prospect"
              ? t(
                language,
                "De aspirant-pleegouder met wie je contact had, heeft het contact gestopt.",
                "The prospective foster parent you were in contact with has ended the contact."
              )
              : t(
                language,
                "De organisatie heeft het contact tussen jou en je aspirant-pleegouder gestopt.",
                "The organisers have ended the contact between you and your prospective foster parent."
              )
          ),
          p(
            t(
              language,
              "Dank je wel dat je je ervaring hebt gedeeld! Je hebt nu weer ruimte voor een nieuwe aspirant-pleegouder. Past er iemand bij jou? Dan vragen we je eerst of je wilt.",
              "Thank you for sharing your experience! You now have room again for someone new. If someone is a good fit for you, we will ask you first whether you would like to."
            )
          )
        ]
      }
    }
  }
}

// The letter for an event, by what it is about.
const letterFor = (event: DomainEvent.DomainEvent, options: Options): Letter => {
  switch (event._tag) {
    case "SurveyInvited":
    case "SurveyReminded":
      return surveyLetter(event, options)
    case "AgendaAdopted":
    case "ActionDueSoon":
    case "ActionOverdue":
    case "ReviewDueSoon":
      return agendaLetter(event, options)
    case "MentorProposed":
    case "MatchIntroduced":
    case "MatchEnded":
      return matchLetter(event, options)
    default:
      return trackLetter(event, options)
  }
}

/**
 * The mail for an event, in the recipient's language.
 *
 * @since 0.2.0
 * @category rendering
 */
export const render = (event: DomainEvent.DomainEvent, options: Options = {}): Mail => {
  const language = event.recipient.language
  const letter = letterFor(event, options)
  const all: ReadonlyArray<Block> = [
    greeting(event.recipient.name, language),
    ...letter.blocks,
    ...(options.contact === undefined
      ? []
      : [p(t(language, `Vragen? Neem contact op met de organisatie: ${options.contact}`, `Questions? Contact the organisers: ${options.contact}`))]),
    letter.signOff,
    footer(language)
  ]
  const name = event.recipient.name
  return {
    to: name === undefined ? { address: event.recipient.email } : { name, address: event.recipient.email },
    subject: letter.subject,
    text: toText(all),
    html: toHtml(all, language, letter.subject),
    attachments: letter.attachments,
    messageId: messageId(event.id),
    headers: {
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
      "Content-Language": language
    }
  }
}
