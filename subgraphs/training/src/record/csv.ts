/** One CSV record with the line (1-based, in the file) it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside
 * doubled, line breaks allowed inside quotes), CRLF or LF line ends, a UTF-8 BOM
 * ignored, blank lines skipped. Throws with the line of an unterminated quote.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
