/**
 * Writes seeds/examples/modele-maillage.xlsx: the workbook a user fills in to import their network
 * (one sheet per table, French column names, two example rows each, a sheet of instructions that
 * the loader skips). `npm run seed -- seeds/examples/modele-maillage.xlsx --dry-run` checks it.
 *
 *   node scripts/xlsx-template.ts
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { projectRoot } from '../src/config.ts';

export async function templateWorkbook(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Maillage';
  workbook.created = new Date('2026-01-01T00:00:00Z');
  workbook.modified = workbook.created;
  const readme = workbook.addWorksheet('Lisez-moi');
  readme.getColumn(1).width = 110;
  for (const line of [
    'Modèle de classeur Maillage : une feuille par table (Acteurs, Liens, Réponses). Les noms de colonnes peuvent être en français ou en anglais.',
    "Acteurs : identifiant (unique, stable), nature (COMPANY, UNIVERSITY, CLUSTER, FUNDER, CHAMBER, LOCAL_AUTHORITY, INSTITUTE), nom ; commune = code INSEE, code postal ou nom (avec le département s'il est partagé : « Saint-Quentin (02) »).",
    'Liens : type (MEMBER_OF, PARTNER_OF, SUPPORTS, COLLABORATES_WITH d’une entreprise vers une université...), de, vers (identifiants d’acteurs), poids facultatif (0,5).',
    "Réponses : une ligne par réponse au questionnaire ; compétence = identifiant ou libellé du référentiel ; priorité de 1 (faible) à 5 (essentielle).",
    'Vérifier sans rien écrire : npm run seed -- mon-classeur.xlsx --dry-run. Cette feuille est ignorée à l’import.',
  ])
    readme.addRow([line]);
  const sheet = (name: string, header: string[], rows: (string | number | boolean)[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(14, h.length + 4)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  sheet(
    'Acteurs',
    ['identifiant', 'nature', 'nom', 'commune', 'effectif', 'secteur', 'innove', 'exporte', 'synthetique'],
    [
      ['modele:pme-1', 'COMPANY', 'PME exemple 1', 'Albert', 45, '25.62A', 'oui', 'non', 'oui'],
      ['modele:pme-2', 'COMPANY', 'PME exemple 2', '80016', 12, '30.30Z', 'non', 'non', 'oui'],
      ['modele:pole', 'CLUSTER', 'Pôle exemple', 'Albert', '', '', '', '', 'oui'],
    ],
  );
  sheet('Liens', ['type', 'de', 'vers', 'poids', 'depuis'], [
    ['MEMBER_OF', 'modele:pme-1', 'modele:pole', 0.5, 2018],
    ['PARTNER_OF', 'modele:pme-1', 'modele:pme-2', 0.8, 2020],
  ]);
  sheet('Réponses', ['réponse', 'entreprise', 'compétence', 'priorité'], [
    ['modele-1', 'modele:pme-1', "Construire une stratégie d'export", 5],
    ['modele-2', 'modele:pme-2', 'competency:prototyping', 3],
  ]);
  return workbook;
}

export const TEMPLATE_PATH = path.join(projectRoot, 'seeds', 'examples', 'modele-maillage.xlsx');

if (import.meta.url === `file://${process.argv[1]}`) {
  await (await templateWorkbook()).xlsx.writeFile(TEMPLATE_PATH);
  process.stdout.write(`wrote ${path.relative(process.cwd(), TEMPLATE_PATH)}\n`);
}
