/**
 * @pleegzorg/postgres: the storage of `@pleegzorg/core` on PostgreSQL, for
 * several application servers on one database, on the SQL of `@pleegzorg/sql`.
 *
 * @since 0.3.0
 */

/**
 * The PostgreSQL layers: from options or from configuration.
 *
 * @since 0.3.0
 */
export * as PostgresStorage from "./PostgresStorage.js"
