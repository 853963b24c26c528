// The upload page says the loader's frequent problems in French (issue #17: errors "in French"),
// and any other as the loader wrote it.
import { describe, expect, it } from 'vitest';
import { setLang, t } from '../../explorer/src/text.ts';

describe('import problems on the upload page', () => {
  it.each([
    ['column kind: expected one of COMPANY, CLUSTER, got "PME"', 'valeur « PME » inconnue ; attendu l’une de : COMPANY, CLUSTER'],
    ['expected a value in column name', 'valeur manquante'],
    ['expected a value in column id, name', 'valeurs manquantes (colonnes id, name)'],
    ['column priority: expected a whole number from 1 to 5, got "6"', 'attendu un nombre entier de 1 à 5, reçu « 6 »'],
    ['column employees: expected a whole number, got "douze"', 'attendu un nombre entier, reçu « douze »'],
    ['column innovates: expected oui/non or true/false, got "peut-être"', 'attendu oui ou non, reçu « peut-être »'],
    ['expected 3 columns (type,from,to), got 2', '2 cellules sur cette ligne, 3 attendues (type,from,to)'],
    ['id "a" is defined twice (first at acteurs.csv:2); expected each node once', 'l’identifiant « a » apparaît deux fois (déjà en acteurs.csv:2)'],
    ['to "commune:99999" is not a node of the input nor of the database; expected an existing id', '« commune:99999 » (vers) n’est ni dans le fichier ni dans la base ; attendu un identifiant existant'],
    [
      'unknown column "employee" (did you mean employees / effectif?): imported as the property employee; known columns of actors: id, kind',
      'colonne « employee » inconnue (vouliez-vous dire employees / effectif ?) : importée telle quelle ; colonnes connues : id, kind',
    ],
    ['something new', 'something new'],
  ])('%s', (message, french) => {
    setLang('fr');
    expect(t.upload.problem(message)).toBe(french);
    setLang('en');
    expect(t.upload.problem(message)).toBe(message);
  });
});
