import type * as SqlError from "@effect/sql/SqlError"
import { SqlErrorTypeId } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import { Storage } from "@pleegzorg/core"

/** @internal */
export const isSqlError = (u: unknown): u is SqlError.SqlError => Predicate.hasProperty(u, SqlErrorTypeId)

// Driver error codes (SQLite result codes, PostgreSQL SQLSTATE) in plain words.
// Only the code is read from the driver's error: its message may quote the
// values of the statement (PostgreSQL's `detail` does), and those can be
// personal data.
const known: Record<string, string> = {
  SQLITE_CONSTRAINT_UNIQUE: "a row with the same unique value exists",
  SQLITE_CONSTRAINT_PRIMARYKEY: "a row with the same key exists",
  SQLITE_CONSTRAINT_FOREIGNKEY: "a row it refers to does not exist",
  SQLITE_CONSTRAINT_NOTNULL: "a required value is missing",
  SQLITE_BUSY: "the database is busy; try again",
  SQLITE_LOCKED: "the database is locked; try again",
  SQLITE_READONLY: "the database is read-only",
  SQLITE_FULL: "the disk is full",
  SQLITE_CANTOPEN: "the database file cannot be opened",
  "23505": "a row with the same unique value exists",
  "23503": "a row it refers to does not exist",
  "23502": "a required value is missing",
  "40001": "the transaction conflicted with another one; try again",
  "40P01": "the transaction deadlocked with another one; try again",
  "55P03": "a row is locked; try again",
  "57014": "the statement was cancelled",
  "53100": "the disk is full",
  "28P01": "the password was refused",
  "28000": "this user may not connect",
  "3D000": "the database does not exist",
  "3F000": "the schema does not exist",
  "42501": "this user lacks a privilege it needs",
  "57P01": "the server is shutting down",
  ECONNREFUSED: "nothing answers at that address",
  ENOTFOUND: "the host name is unknown",
  ETIMEDOUT: "the connection timed out",
  ECONNRESET: "the connection was reset"
}

/** @internal */
export const codeOf = (cause: unknown): string | undefined => {
  const code = Predicate.hasProperty(cause, "code") ? cause.code : undefined
  return typeof code === "string" && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined
}

/** @internal */
export const explain = (code: string | undefined): string =>
  code === undefined ? "" : `: ${known[code] ?? "database error"} (${code})`

/** @internal */
export const fromSqlError = (operation: string, error: SqlError.SqlError): Storage.StorageError =>
  new Storage.StorageError({ operation, reason: `${error.message || "database error"}${explain(codeOf(error.cause))}` })

/** @internal */
export const fromParseError = (operation: string, error: ParseResult.ParseError): Storage.StorageError => {
  // The paths name columns and fields; the formatted messages would quote values.
  const paths = Array.from(
    new Set(ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.path.map(String).join(".")))
  )
  const where = paths.length === 0 || (paths.length === 1 && paths[0] === "")
    ? ""
    : ` at ${paths.slice(0, 5).join(", ")}${paths.length > 5 ? ", …" : ""}`
  return new Storage.StorageError({
    operation,
    reason: `a value does not fit the table layout${where}`
  })
}

/**
 * Maps the infrastructure errors of a statement (`SqlError`, and the
 * `ParseError` of encoding a request or decoding a row) to `StorageError`.
 *
 * @internal
 */
export const mapErrors = (operation: string) =>
<A, R>(
  effect: Effect.Effect<A, SqlError.SqlError | ParseResult.ParseError, R>
): Effect.Effect<A, Storage.StorageError, R> =>
  Effect.mapError(effect, (error) =>
    ParseResult.isParseError(error) ? fromParseError(operation, error) : fromSqlError(operation, error))

/**
 * `@effect/sql` turns a failed COMMIT or ROLLBACK into a defect carrying the
 * `SqlError`; a port promises `StorageError`, so those become failures.
 *
 * @internal
 */
export const catchSqlDefects = (operation: string) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | Storage.StorageError, R> =>
  Effect.catchSomeDefect(effect, (defect) =>
    isSqlError(defect) ? Option.some(Effect.fail(fromSqlError(operation, defect))) : Option.none())

/** @internal */
export const failure = (operation: string, reason: string): Storage.StorageError =>
  new Storage.StorageError({ operation, reason })
