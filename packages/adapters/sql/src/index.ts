/**
 * @pleegzorg/sql: the storage of `@pleegzorg/core` written once against
 * `@effect/sql`'s `SqlClient`, for SQLite (`@pleegzorg/sqlite`) and
 * PostgreSQL alike.
 *
 * @since 0.2.0
 */

/**
 * The tables, as migrations for `@effect/sql`'s migrator.
 *
 * @since 0.2.0
 */
export * as Migrations from "./Migrations.js"

/**
 * Every storage port of core over a `SqlClient`.
 *
 * @since 0.2.0
 */
export * as SqlStorage from "./SqlStorage.js"
