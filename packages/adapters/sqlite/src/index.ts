/**
 * @pleegzorg/sqlite: the embedded storage of `@pleegzorg/core`, one SQLite
 * file, on the SQL of `@pleegzorg/sql`.
 *
 * @since 0.2.0
 */

/**
 * The SQLite layers: file, memory, or from configuration.
 *
 * @since 0.2.0
 */
export * as SqliteStorage from "./SqliteStorage.js"
