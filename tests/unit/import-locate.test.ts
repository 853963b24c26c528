// The line and column of an import problem, read from where the readers say it is (issue #17: the
// upload page shows "ligne 3, colonne « kind »").
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/exchange/upload.ts';

describe('locate', () => {
  it.each([
    [{ where: 'acteurs.csv:4', message: 'column kind: expected one of COMPANY, got "PME"' }, 4, 'kind'],
    [{ where: 'acteurs.csv:3', message: 'expected a value in column name' }, 3, 'name'],
    [{ where: 'reseau.xlsx [Acteurs]:7', message: 'column employees: expected a whole number, got "douze"' }, 7, 'employees'],
    [{ where: 'actors.csv:1', message: 'unknown column "employee" (did you mean employees?)' }, 1, 'employee'],
    [{ where: 'x.json:2:17', message: 'expected valid JSON: Unexpected token' }, 2, '17'],
    [{ where: 'x.json: $.nodes[3].id', message: 'expected an id (a non-empty string)' }, null, null],
    [{ where: 'links.csv:2', message: 'expected 3 columns (type,from,to), got 2' }, 2, null],
    [{ where: 'acteurs.csv:1', message: 'Expected a header with the columns id, kind, name' }, 1, null],
    [{ where: 'upload', message: 'expected a .json, .csv, .xlsx, .gexf or .graphml file' }, null, null],
  ])('%o', (problem, line, column) => {
    expect(locate(problem)).toEqual({ ...problem, line, column });
  });
});
