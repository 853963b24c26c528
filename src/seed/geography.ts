/**
 * France's administrative geography as a seed source, from INSEE data packaged by
 * `@etalab/decoupage-administratif`: every région, département, EPCI and current commune
 * (`type: 'commune-actuelle'`; delegated and associated communes and Paris/Lyon/Marseille
 * arrondissements are left out), with codes and populations, linked by PART_OF.
 *
 *   const source = geographySource();
 *   source.size   // { nodes: 36359, relationships: ..., answers: 0 }
 *
 * Links: commune -> EPCI (the package lists members per EPCI; we invert `epci.membres`),
 * commune -> département, EPCI -> département, département -> région.
 * An EPCI may straddle départements (89 do): it is PART_OF the one holding most of its members'
 * population (ties: the lowest code), and keeps every département it touches in `departments`.
 * Populations: communes' and EPCIs' municipal population; départements and régions get the sum of
 * their communes'. Communes also carry their `departmentCode` and `postalCodes` (the package's
 * `codesPostaux`). Régions are also actors (they fund): `Actor`, kind REGION.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { NodeRow, RelRow, SeedSource } from './format.ts';
import { arraySource } from './format.ts';

/**
 * The article a région's or département's name takes in French, from INSEE's "type de nom en clair"
 * (`typeLiaison`): 2 le, 3 la, 4 les, 5 l'; 0 and 1 none ("Paris", "Mayotte"). Sentences need it:
 * "dans la Somme", "du Nord", "aux Deux-Sèvres".
 */
const ARTICLE_OF_LIAISON: Readonly<Record<number, string>> = { 2: 'le', 3: 'la', 4: 'les', 5: "l'" };

function articleOf(raw: { typeLiaison?: number }): { article?: string } {
  const article = raw.typeLiaison === undefined ? undefined : ARTICLE_OF_LIAISON[raw.typeLiaison];
  return article ? { article } : {};
}

interface RawRegion {
  code: string;
  nom: string;
  typeLiaison?: number;
}
interface RawDepartement {
  code: string;
  nom: string;
  typeLiaison?: number;
  region: string;
}
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
  siren?: string;
  codesPostaux?: string[];
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale: number;
  membres: { code: string; populationMunicipale?: number }[];
}

export interface GeographyData {
  regions: RawRegion[];
  departements: RawDepartement[];
  communes: RawCommune[];
  epci: RawEpci[];
}

const require = createRequire(import.meta.url);

function readPackageFile<T>(name: string): T {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8')) as T;
}

/** The package's data, current communes only. */
export function loadGeographyData(): GeographyData {
  return {
    regions: readPackageFile<RawRegion[]>('regions'),
    departements: readPackageFile<RawDepartement[]>('departements'),
    communes: readPackageFile<RawCommune[]>('communes').filter((c) => c.type === 'commune-actuelle'),
    epci: readPackageFile<RawEpci[]>('epci'),
  };
}

/**
 * One région or one département of the data, with its région and the EPCI that have a commune in
 * it: a small geography to seed in tests and benchmarks (the whole of France takes minutes).
 *
 *   geographySource(geographyPart(loadGeographyData(), { departement: '80' }))   // the Somme
 */
export function geographyPart(data: GeographyData, part: { region: string } | { departement: string }): GeographyData {
  const inPart = (c: { region: string; departement: string }) => ('region' in part ? c.region === part.region : c.departement === part.departement);
  const communes = data.communes.filter(inPart);
  const codes = new Set(communes.map((c) => c.code));
  const regionCodes = new Set(communes.map((c) => c.region));
  return {
    regions: data.regions.filter((r) => regionCodes.has(r.code)),
    departements: data.departements.filter((d) => ('region' in part ? d.region === part.region : d.code === part.departement)),
    communes,
    epci: data.epci.filter((e) => e.membres.some((m) => codes.has(m.code))),
  };
}

export const GEOGRAPHY_SOURCE = 'geography';

export function geographySource(data: GeographyData = loadGeographyData()): SeedSource {
  const source = GEOGRAPHY_SOURCE;
  const nodes: NodeRow[] = [];
  const relationships: RelRow[] = [];
  const origin = (what: string) => `@etalab/decoupage-administratif ${what}`;
  const partOf = (from: string, to: string, where: string) =>
    relationships.push({ type: 'PART_OF', from, to, properties: { source }, origin: origin(where) });

  const depPopulation = new Map<string, number>();
  const regPopulation = new Map<string, number>();
  const communeDep = new Map<string, string>();
  for (const c of data.communes) {
    communeDep.set(c.code, c.departement);
    depPopulation.set(c.departement, (depPopulation.get(c.departement) ?? 0) + (c.population ?? 0));
    regPopulation.set(c.region, (regPopulation.get(c.region) ?? 0) + (c.population ?? 0));
  }

  for (const r of data.regions) {
    nodes.push({
      id: `region:${r.code}`,
      labels: ['Territory', 'Region', 'Actor'],
      properties: { name: r.nom, ...articleOf(r), code: r.code, kind: 'REGION', population: regPopulation.get(r.code) ?? 0, source },
      origin: origin(`regions.json ${r.code}`),
    });
  }
  for (const d of data.departements) {
    nodes.push({
      id: `department:${d.code}`,
      labels: ['Territory', 'Department'],
      properties: {
        name: d.nom,
        ...articleOf(d),
        displayName: `${d.nom} (${d.code})`,
        code: d.code,
        population: depPopulation.get(d.code) ?? 0,
        source,
      },
      origin: origin(`departements.json ${d.code}`),
    });
    partOf(`department:${d.code}`, `region:${d.region}`, `departements.json ${d.code}`);
  }
  const communeEpci = new Map<string, string>();
  for (const e of data.epci) {
    const byDep = new Map<string, number>();
    for (const m of e.membres) {
      const dep = communeDep.get(m.code);
      if (dep) byDep.set(dep, (byDep.get(dep) ?? 0) + (m.populationMunicipale ?? 0));
      communeEpci.set(m.code, e.code);
    }
    const departments = [...byDep.keys()].sort();
    const main = [...byDep].sort(([a, pa], [b, pb]) => pb - pa || a.localeCompare(b))[0]?.[0];
    nodes.push({
      id: `epci:${e.code}`,
      labels: ['Territory', 'Epci'],
      properties: {
        name: e.nom,
        displayName: main ? `${e.nom} (${main})` : e.nom,
        code: e.code,
        epciType: e.type,
        population: e.populationMunicipale,
        departments,
        source,
      },
      origin: origin(`epci.json ${e.code}`),
    });
    if (main) partOf(`epci:${e.code}`, `department:${main}`, `epci.json ${e.code}`);
  }
  for (const c of data.communes) {
    nodes.push({
      id: `commune:${c.code}`,
      labels: ['Territory', 'Commune'],
      properties: {
        name: c.nom,
        displayName: `${c.nom} (${c.departement})`,
        code: c.code,
        // The département tells homonyms apart ("Saint-Quentin (02)"); postal codes find a commune.
        departmentCode: c.departement,
        postalCodes: c.codesPostaux ?? [],
        ...(c.population !== undefined ? { population: c.population } : {}),
        source,
      },
      origin: origin(`communes.json ${c.code}`),
    });
    const epci = communeEpci.get(c.code);
    if (epci) partOf(`commune:${c.code}`, `epci:${epci}`, `epci.json membres ${c.code}`);
    partOf(`commune:${c.code}`, `department:${c.departement}`, `communes.json ${c.code}`);
  }
  return arraySource(source, { nodes, relationships });
}
