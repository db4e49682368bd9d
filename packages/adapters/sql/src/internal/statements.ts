/**
 * The text of multi-row INSERTs, for bulk writes whose values are bound as
 * one flat array of parameters. Building the placeholders of thousands of
 * values anew for every batch (as `sql.insert` does) takes about as long as
 * the database takes to store them, so texts are made once per number of
 * rows and kept for the sizes that recur.
 */
import type * as SqlClient from "@effect/sql/SqlClient"

/**
 * The dialect's placeholder for parameter `n` (from 1): `$n` on
 * PostgreSQL, `?` elsewhere.
 *
 * @internal
 */
export const placeholder = (sql: SqlClient.SqlClient): (n: number) => string =>
  sql.onDialectOrElse({
    pg: () => (n: number) => `$${n}`,
    orElse: () => (_: number) => "?"
  })

/**
 * `INSERT INTO <table> (<columns>) VALUES (…), (…) <suffix>` for `rows`
 * rows, by number of rows; texts for the sizes in `keep` are kept (full
 * batches and single rows recur, the last batch of an import is made once).
 *
 * @internal
 */
export const multiRowInsert = (
  sql: SqlClient.SqlClient,
  table: string,
  columns: ReadonlyArray<string>,
  suffix: string,
  keep: ReadonlyArray<number>
): (rows: number) => string => {
  const at = placeholder(sql)
  const kept = new Map<number, string>()
  return (rows) => {
    const known = kept.get(rows)
    if (known !== undefined) return known
    const width = columns.length
    const values = Array.from({ length: rows }, (_, row) =>
      `(${Array.from({ length: width }, (_, column) => at(row * width + column + 1)).join(", ")})`)
    const text = `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}${suffix === "" ? "" : ` ${suffix}`}`
    if (keep.includes(rows)) kept.set(rows, text)
    return text
  }
}
