// A small CSV reader for the generators: RFC 4180 quoting, a header row,
// and every row as a record by column name.
export const parseCsv = (text: string): Array<Record<string, string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") {
        quoted = false
      } else {
        field += c
      }
    } else if (c === "\"") {
      quoted = true
    } else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      row.push(field)
      rows.push(row)
      row = []
      field = ""
    } else {
      field += c
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== "")
  if (header === undefined) throw new Error("empty CSV")
  return body.map((cells) => {
    if (cells.length !== header.length) throw new Error(`CSV row has ${cells.length} cells, header has ${header.length}: ${cells.join(",")}`)
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]))
  })
}
