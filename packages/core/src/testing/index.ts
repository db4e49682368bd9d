/**
 * Test support for storage adapters and applications: the storage contract
 * suite and fixtures. Needs `vitest` and `@effect/vitest` (optional peer
 * dependencies of this package).
 *
 * @since 0.2.0
 */

/**
 * The contract every storage must pass.
 *
 * @since 0.2.0
 */
export * as StorageContract from "./StorageContract.js"

/**
 * Tracks, registrations and sign-up forms for tests.
 *
 * @since 0.2.0
 */
export * as Fixtures from "./fixtures.js"
