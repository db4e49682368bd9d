/**
 * @pleegzorg/http: the HTTP API of het goede gesprek over pleegzorg. The
 * contract (for a typed client and the OpenAPI document), the organiser and
 * public roles, and a Node server.
 *
 * @since 0.2.0
 */

/**
 * The contract: groups, endpoints, payloads, responses and errors.
 *
 * @since 0.2.0
 */
export * as Api from "./Api.js"

/**
 * The error bodies and their status codes.
 *
 * @since 0.2.0
 */
export * as ApiError from "./ApiError.js"

/**
 * The organiser role: a bearer token from configuration.
 *
 * @since 0.2.0
 */
export * as Authorization from "./Authorization.js"

/**
 * A typed client derived from the contract.
 *
 * @since 0.2.0
 */
export * as Client from "./Client.js"

/**
 * The handlers, OpenAPI, docs and a Node server.
 *
 * @since 0.2.0
 */
export * as Server from "./Server.js"

/**
 * The page behind the links in the mentoring mails: a match, answered or
 * ended with the code from the mail.
 *
 * @since 0.4.0
 */
export * as MatchPage from "./MatchPage.js"

/**
 * The page behind the link in a survey invitation: the questionnaire.
 *
 * @since 0.3.0
 */
export * as SurveyPage from "./SurveyPage.js"

/**
 * The page behind the withdraw link in the confirmation mail.
 *
 * @since 0.2.0
 */
export * as WithdrawPage from "./WithdrawPage.js"
