/**
 * Excel workbooks (.xlsx), through exceljs: each sheet is a table read like a CSV file (actors,
 * links or survey answers, recognised by its header), so one workbook can hold a whole seed.
 * Sheets whose header is none of these are reported as warnings, not errors (a notes sheet).
 *
 *   await readXlsx(bytes, 'reseau.xlsx', 'reseau.xlsx', collected)
 *   // problems name the sheet and row: 'reseau.xlsx [acteurs]:4'
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { canonicalColumn } from './columns.ts';
import { type Collected, type TableLine, readTable } from './read-files.ts';

/** A cell as the text a person sees in it (dates as YYYY-MM-DD, formulas by their result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/**
 * Read with exceljs's streaming reader, a sheet and a row at a time: the workbook is never built in
 * memory as a whole (its objects are many times the file: out of memory at 1,000,000 links).
 */
export async function readXlsx(bytes: Uint8Array, file: string, source: string, out: Collected): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date style
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let tables = 0;
  for await (const sheet of reader) {
    const lines: TableLine[] = [];
    for await (const row of sheet) {
      const cells: string[] = [];
      const values: unknown[] = [];
      const rowValues = Array.isArray(row.values) ? row.values : [];
      for (let c = 1; c < rowValues.length; c += 1) {
        const value = rowValues[c] as ExcelJS.CellValue;
        cells.push(cellText(value).trim());
        values.push(typeof value === 'number' || typeof value === 'boolean' ? value : undefined);
      }
      // Trailing empty cells are formatting, not columns.
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (cells.length) lines.push({ cells, line: row.number, values });
    }
    if (lines.length === 0) continue;
    const name = (sheet as unknown as { name?: string }).name ?? `sheet ${(sheet as unknown as { id?: number }).id ?? tables + 1}`;
    const header = lines[0]?.cells.length ?? 0;
    // Rows shorter than the header only lack trailing empty cells.
    for (const line of lines) while (line.cells.length < header) line.cells.push('');
    const before = out.problems.length;
    readTable(lines, (line) => `${file} [${name}]:${line}`, `${file} [${name}]`, source, out);
    const unrecognised = out.problems.length === before + 1 && out.problems[before]?.message.includes('Expected a header');
    if (unrecognised && lines.length > 0 && !isTableLike(lines[0]?.cells ?? [])) {
      // A sheet of notes or instructions: say we skipped it rather than refuse the workbook.
      const skipped = out.problems.pop();
      if (skipped) out.warnings.push({ where: skipped.where, message: 'sheet skipped: its first row is not a header of actors, links or survey answers' });
    } else tables += 1;
  }
  if (tables === 0) out.problems.push({ where: file, message: 'expected at least one sheet of actors, links or survey answers (see the template, seeds/examples/modele-maillage.xlsx)' });
}

/** A header that names at least one column we know is meant as a table: its mistakes are errors. */
function isTableLike(header: string[]): boolean {
  return header.some((h) => canonicalColumn(h) !== undefined);
}
