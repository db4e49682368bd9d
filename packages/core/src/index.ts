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
