/**
 * A small, strict RFC 4180 parser for checking exports: fields separated by commas, records by
 * CRLF, quoted fields may hold commas, CR, LF and doubled quotes. A leading UTF-8 BOM is
 * dropped. Throws on anything malformed (a quote inside an unquoted field, text after a
 * closing quote, an unterminated quoted field), so a broken export fails loudly.
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  if (text === '') return records
  while (i <= text.length) {
    let cell = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        const ch = text[i]
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"'
            i += 2
            continue
          }
          i++
          break
        }
        cell += ch
        i++
      }
      if (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) {
        throw new Error(`unexpected ${JSON.stringify(text[i])} after a quoted field at ${i}`)
      }
    } else {
      while (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) {
        if (text[i] === '"') throw new Error(`bare quote inside an unquoted field at ${i}`)
        if (text[i] === '\n' || text[i] === '\r') throw new Error(`bare line break inside an unquoted field at ${i}`)
        cell += text[i]
        i++
      }
    }
    record.push(cell)
    if (text[i] === ',') {
      i++
      continue
    }
    // end of record: CRLF, or end of input
    records.push(record)
    record = []
    if (text.startsWith('\r\n', i)) i += 2
    if (i >= text.length) break
  }
  return records
}

/** Header row + data rows as objects keyed by header label. */
export function csvObjects(input: string) {
  const [header, ...rows] = parseCsv(input)
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`row has ${row.length} cells, header has ${header.length}: ${JSON.stringify(row)}`)
  }
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]]))) }
}
