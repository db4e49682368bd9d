/**
 * @pleegzorg/core: the domain model and pure Effect services of het goede
 * gesprek over pleegzorg.
 *
 * @since 0.1.0
 */

/**
 * Calendar dates (birth dates, the day a decision was made for).
 *
 * @since 0.1.0
 */
export * as CalendarDate from "./CalendarDate.js"

/**
 * Who may take part in a track.
 *
 * @since 0.1.0
 */
export * as Eligibility from "./Eligibility.js"

/**
 * Look-ups of youth-care regions and municipalities.
 *
 * @since 0.1.0
 */
export * as Geography from "./Geography.js"

/**
 * The error for malformed outside input.
 *
 * @since 0.1.0
 */
export * as InvalidInput from "./InvalidInput.js"

/**
 * Dutch and English texts.
 *
 * @since 0.1.0
 */
export * as LocalizedText from "./LocalizedText.js"

/**
 * Municipalities (gemeenten).
 *
 * @since 0.1.0
 */
export * as Municipality from "./Municipality.js"

/**
 * Youth-care regions (jeugdzorgregio's).
 *
 * @since 0.1.0
 */
export * as Region from "./Region.js"

/**
 * The six stakeholder groups.
 *
 * @since 0.1.0
 */
export * as StakeholderGroup from "./StakeholderGroup.js"

/**
 * Attendance per session, and the overview per group.
 *
 * @since 0.2.0
 */
export * as Attendance from "./Attendance.js"

/**
 * Events a person must hear about: confirmation, waitlist, promotion,
 * withdrawal, reschedule, reminder.
 *
 * @since 0.2.0
 */
export * as DomainEvent from "./DomainEvent.js"

/**
 * Randomness for ids and personal tokens, behind a port.
 *
 * @since 0.2.0
 */
export * as Entropy from "./Entropy.js"

/**
 * Every storage port in memory, with real transactions.
 *
 * @since 0.2.0
 */
export * as MemoryStorage from "./MemoryStorage.js"

/**
 * The outbox port: events wait here until they are delivered.
 *
 * @since 0.2.0
 */
export * as Outbox from "./Outbox.js"

/**
 * A registration for a whole track, its outcomes and errors.
 *
 * @since 0.2.0
 */
export * as Registration from "./Registration.js"

/**
 * The Registrations service.
 *
 * @since 0.2.0
 */
export * as Registrations from "./Registrations.js"

/**
 * Who gets a seat: confirm, waitlist, promote.
 *
 * @since 0.2.0
 */
export * as Seating from "./Seating.js"

/**
 * The storage ports and their error.
 *
 * @since 0.2.0
 */
export * as Storage from "./Storage.js"

/**
 * A track of three sessions in one region.
 *
 * @since 0.2.0
 */
export * as Track from "./Track.js"

/**
 * The Tracks service.
 *
 * @since 0.2.0
 */
export * as Tracks from "./Tracks.js"

/**
 * Templates for rolling a track out to other regions.
 *
 * @since 0.2.0
 */
export * as TrackTemplate from "./TrackTemplate.js"

/**
 * The rules that decide which survey figures may be published: defaults,
 * floors and recorded overrides.
 *
 * @since 0.3.0
 */
export * as DisclosurePolicy from "./DisclosurePolicy.js"

/**
 * Disclosure control: from declared tables of survey results to what may be
 * published, with the reason for every figure that is not.
 *
 * @since 0.3.0
 */
export * as Disclosure from "./Disclosure.js"

/**
 * The overlap rule between releases of one survey.
 *
 * @since 0.3.0
 */
export * as ReleaseLedger from "./ReleaseLedger.js"

/**
 * Free-text answers made fit to show: withheld for small groups, personal
 * data blacked out, shuffled, held for review.
 *
 * @since 0.3.0
 */
export * as OpenAnswers from "./OpenAnswers.js"

/**
 * Surveys: questionnaires per audience, report groups, lifecycle.
 *
 * @since 0.3.0
 */
export * as Survey from "./Survey.js"

/**
 * One person's answers: checked against the questionnaire, stored without
 * anything that leads back to them.
 *
 * @since 0.3.0
 */
export * as SurveyAnswer from "./SurveyAnswer.js"

/**
 * The default questionnaires, in plain Dutch and English.
 *
 * @since 0.3.0
 */
export * as SurveyTemplate from "./SurveyTemplate.js"

/**
 * Invitations to a survey and their single-use tokens.
 *
 * @since 0.3.0
 */
export * as SurveyInvitation from "./SurveyInvitation.js"

/**
 * The storage ports of surveys: surveys, invitations, answers, releases,
 * regional figures.
 *
 * @since 0.3.0
 */
export * as SurveyStorage from "./SurveyStorage.js"

/**
 * Regional figures beside the survey results, imported from CSV.
 *
 * @since 0.3.0
 */
export * as RegionalFigures from "./RegionalFigures.js"

/**
 * The Surveys service: from draft to the start report.
 *
 * @since 0.3.0
 */
export * as Surveys from "./Surveys.js"

/**
 * The start report for session 2 as Markdown and as a self-contained HTML
 * page.
 *
 * @since 0.3.0
 */
export * as StartReport from "./StartReport.js"

/**
 * One action of a region's improvement agenda: owner, dates, success
 * criterion, checked status changes, progress notes.
 *
 * @since 0.3.0
 */
export * as AgendaAction from "./AgendaAction.js"

/**
 * Findings of session 2 per theme, with evidence that may point only at
 * what was published.
 *
 * @since 0.3.0
 */
export * as AgendaFinding from "./AgendaFinding.js"

/**
 * The improvement agenda of a track: a draft, and adopted versions that
 * never change.
 *
 * @since 0.3.0
 */
export * as Agenda from "./Agenda.js"

/**
 * Follow-up of an adopted agenda: review moments and where a region stands.
 *
 * @since 0.3.0
 */
export * as AgendaFollowUp from "./AgendaFollowUp.js"

/**
 * The storage port of improvement agendas.
 *
 * @since 0.3.0
 */
export * as AgendaStorage from "./AgendaStorage.js"

/**
 * The Agendas service: findings, actions, adoption, progress, reviews,
 * overviews and reminders of a track's improvement agenda.
 *
 * @since 0.3.0
 */
export * as Agendas from "./Agendas.js"

/**
 * Exports of an adopted improvement agenda: Markdown, a self-contained
 * HTML page with a timeline, and CSV; and the national overview as CSV.
 *
 * @since 0.3.0
 */
export * as AgendaExport from "./AgendaExport.js"

/**
 * The exact solver behind mentor matching: max matched, then max score,
 * over a sparse candidate graph with capacities.
 *
 * @since 0.4.0
 */
export * as MatchingSolver from "./MatchingSolver.js"

/**
 * One point per municipality and distances between municipalities.
 *
 * @since 0.4.0
 */
export * as MunicipalityPoint from "./MunicipalityPoint.js"

/**
 * The two sides of mentor matching: prospects and mentors.
 *
 * @since 0.4.0
 */
export * as MentorProfile from "./MentorProfile.js"

/**
 * How well a mentor fits a prospect: weighted, versioned, explained.
 *
 * @since 0.4.0
 */
export * as MatchScore from "./MatchScore.js"

/**
 * The sparse candidate graph: the best mentors per prospect, searched
 * outward from the prospect's municipality.
 *
 * @since 0.4.0
 */
export * as MatchCandidates from "./MatchCandidates.js"

/**
 * A match between a prospect and a mentor, its lifecycle and errors.
 *
 * @since 0.4.0
 */
export * as MentorMatch from "./MentorMatch.js"

/**
 * The storage ports of mentor matching.
 *
 * @since 0.4.0
 */
export * as MatchingStorage from "./MatchingStorage.js"

/**
 * The Mentoring service: profiles, batch matching, suggestions, the
 * lifecycle of a match and the report per region.
 *
 * @since 0.4.0
 */
export * as Mentoring from "./Mentoring.js"
