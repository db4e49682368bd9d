/**
 * @pleegzorg/email: the mail side of het goede gesprek over pleegzorg. SMTP
 * with nodemailer, a retrying dispatcher for the core outbox, and Dutch and
 * English templates with `.ics` calendar files.
 *
 * @since 0.2.0
 */

/**
 * Calendar files (`.ics`) for the sessions of a track.
 *
 * @since 0.2.0
 */
export * as Calendar from "./Calendar.js"

/**
 * The dispatcher: from the outbox to the mailer, with retries.
 *
 * @since 0.2.0
 */
export * as Dispatcher from "./Dispatcher.js"

/**
 * The `Mailer` port, its error, and the SMTP implementation.
 *
 * @since 0.2.0
 */
export * as Mailer from "./Mailer.js"

/**
 * The SMTP settings, read from the environment.
 *
 * @since 0.2.0
 */
export * as SmtpConfig from "./SmtpConfig.js"

/**
 * The mails, in Dutch and English.
 *
 * @since 0.2.0
 */
export * as Templates from "./Templates.js"
