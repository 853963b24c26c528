/**
 * Every word the page shows, one typed dictionary per language: French first (the users are French
 * territorial staff), English on request (`#l=en`). A key missing from one language is a type error.
 *
 *   setLang('en');
 *   t.actors(3)          // "3 actors"
 *   fold('Méaulte')      // "meaulte"
 */

import { MODEL } from '../../src/domain/model.ts';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** The API's name of a language (`lang: FR`). */
export const apiLang = (lang: Lang): 'FR' | 'EN' => (lang === 'fr' ? 'FR' : 'EN');

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
/** The legend's name of each actor kind, from the model registry: "Université ou école". */
const kindWords = (lang: Lang) => Object.fromEntries(Object.entries(MODEL.kinds).map(([kind, spec]) => [kind, capitalise(spec.words[lang])]));
/** Each territory level's name, from the model registry: "département". */
const levelWords = (lang: Lang) => Object.fromEntries(Object.entries(MODEL.levels).map(([level, spec]) => [level, spec.words[lang]]));

const frPlural = (n: number, one: string, many: string) => `${formatNumberIn('fr', n, 0)} ${n >= 2 ? many : one}`;
const enPlural = (n: number, one: string, many: string) => `${formatNumberIn('en', n, 0)} ${n === 1 ? one : many}`;

const fr = {
  htmlLang: 'fr',
  title: 'Maillage : le réseau d’innovation des territoires',
  appName: 'explorateur',
  intro:
    'Chaque point est un acteur du territoire choisi (entreprise, université, financeur…), chaque trait un lien entre deux acteurs ; cliquez un acteur pour voir sa fiche et ses partenaires possibles.',
  // The upload page (upload.html): an editor sends a file, sees the dry run, confirms.
  upload: {
    title: 'Maillage : importer et exporter des données',
    heading: 'Importer un fichier',
    back: 'Retour à l’explorateur',
    intro:
      'Envoyez un tableur (CSV avec « ; » ou « , », Excel .xlsx), un fichier Gephi (.gexf, .graphml) ou un export Kumu (.json). Le fichier est d’abord vérifié sans rien écrire : vous voyez ce qui changerait et chaque erreur avec sa ligne, puis vous confirmez.',
    keyLabel: 'Clé d’éditeur',
    keyHint: 'Gardée dans cet onglet seulement (jamais dans l’adresse) ; fermez l’onglet pour l’oublier.',
    forgetKey: 'Oublier la clé',
    fileLabel: 'Fichier à importer',
    drop: 'Déposez un fichier ici, ou choisissez-le ci-dessus.',
    checking: (file: string) => `Vérification de ${file}…`,
    importing: (file: string) => `Import de ${file}…`,
    confirm: 'Importer ce fichier',
    previewOk: (file: string) => `${file} est valide. Voici ce que l’import changerait (rien n’est encore écrit) :`,
    previewBad: (file: string, n: number) => `${file} n’est pas importé : ${frPlural(n, 'erreur', 'erreurs')}. Rien n’a été écrit ; corrigez le fichier et renvoyez-le.`,
    firstProblems: (shown: number, total: number) => (shown < total ? `Les ${shown} premières erreurs sur ${formatNumberIn('fr', total, 0)} :` : ''),
    done: (file: string) => `${file} est importé. Ce qui a été écrit :`,
    warningsHeading: 'À vérifier (l’import n’est pas refusé pour autant)',
    at: (line: number | null, column: string | null) =>
      [line === null ? '' : `ligne ${line}`, column === null ? '' : `colonne « ${column} »`].filter(Boolean).join(', '),
    what: 'Nœuds et liens',
    created: 'créés',
    updated: 'modifiés',
    unchanged: 'inchangés',
    nothing: 'Aucun changement.',
    needKey: 'Donnez d’abord votre clé d’éditeur : importer des données demande le rôle éditeur.',
    badKey: 'Cette clé n’est pas reconnue par le serveur. Vérifiez-la, ou demandez une clé d’éditeur à l’administrateur.',
    readerKey: 'Cette clé est une clé de lecteur : elle permet de consulter le réseau, pas d’importer. Demandez une clé d’éditeur à l’administrateur.',
    failed: (why: string) => `L’envoi a échoué : ${why}`,
    exportHeading: 'Exporter tout le réseau',
    exportHint: 'Pour Gephi (GEXF, GraphML), Kumu ou un tableur (CSV, Excel), ou notre format JSON.',
    link: 'Importer ou exporter des données',
    // The loader's messages are in English (API, command line): the frequent ones said in French here.
    problem: (message: string) => frenchProblem(message),
  },
  // The campaign page (campaign.html): an admin follows a survey campaign's answers as they arrive.
  campaign: {
    title: 'Maillage : suivi des campagnes de questionnaire',
    heading: 'Suivi d’une campagne',
    intro: 'Les réponses au questionnaire, par territoire et par compétence, à mesure qu’elles arrivent. Réservé aux administrateurs.',
    keyLabel: 'Clé d’administrateur',
    keyHint: 'Gardée dans cet onglet seulement (jamais dans l’adresse) ; fermez l’onglet pour l’oublier.',
    forgetKey: 'Oublier la clé',
    show: 'Afficher',
    pick: 'Campagne',
    none: 'Aucune campagne pour l’instant (une campagne se crée avec createSurveyCampaign).',
    loading: 'Chargement…',
    needKey: 'Donnez votre clé d’administrateur pour voir les campagnes.',
    badKey: 'Cette clé n’est pas reconnue par le serveur. Vérifiez-la, ou demandez une clé d’administrateur.',
    notAdmin: 'Cette clé ne permet pas de suivre les campagnes : seules les clés d’administrateur y ont accès, car les réponses concernent des entreprises. Demandez une clé d’administrateur.',
    unknown: 'Cette campagne n’existe pas (ou plus). Choisissez-en une dans la liste.',
    failed: (why: string) => `Le chargement a échoué : ${why}`,
    name: 'Nom',
    dates: 'Réponses acceptées',
    from: (opens: string, closes: string) => `du ${opens} au ${closes}`,
    territory: 'Territoire',
    anywhere: 'toute la France',
    framework: 'Référentiel de compétences',
    publicLink: 'Lien public',
    publicYes: 'oui : son adresse a été donnée une seule fois, à la création de la campagne (seule son empreinte est gardée, elle ne peut pas être affichée à nouveau).',
    publicNo: 'non',
    invitations: 'Invitations',
    total: (n: number) => (n === 0 ? 'Aucune réponse pour l’instant.' : frPlural(n, 'réponse', 'réponses')),
    last: (when: string) => `dernière reçue le ${when}`,
    updated: (when: string, seconds: number) => `Mis à jour à ${when} ; la page se met à jour seule toutes les ${seconds} secondes.`,
    byDepartment: 'Réponses par département',
    byCommune: 'Réponses par commune',
    department: 'Département',
    commune: 'Commune',
    answers: 'Réponses',
    notPlaced: 'hors de tout territoire de ce niveau',
    needsHeading: 'Compétences les plus demandées',
    competency: 'Compétence',
    meanPriority: 'Priorité moyenne (1 à 5)',
    noAnswers: 'Rien à montrer avant la première réponse.',
    link: 'Suivre les campagnes de questionnaire',
  },
  territory: 'Territoire',
  territoryPlaceholder: 'Toute la France, ou une région, un département, un EPCI, une commune, un code postal',
  findActor: 'Chercher un acteur',
  actorPlaceholder: 'Nom, par ex. utc, Méaulte',
  colourBy: 'Couleur selon',
  colourKind: 'type d’acteur',
  colourCommunity: 'communauté',
  sizeBy: 'Taille selon',
  sizeDegree: 'nombre de liens',
  sizePagerank: 'PageRank',
  view: 'Vue',
  viewNetwork: 'réseau',
  viewMap: 'carte',
  indicator: 'Indicateur de la carte',
  language: 'Langue',
  graphRegion: 'Graphe du réseau',
  legend: 'Légende',
  actorHeading: 'Acteur',
  suggested: 'Partenaires suggérés',
  pathHeading: 'Chemin de synergie',
  from: 'De',
  to: 'Vers',
  anActor: 'Un acteur',
  anotherActor: 'Un autre acteur',
  showPaths: 'Montrer les chemins',
  clear: 'Effacer',
  shapeHeading: 'Forme du réseau',
  gapsHeading: 'Manques de compétences',
  gapsHint: 'Demande des PME du territoire par université qui enseigne la compétence à leur portée (demande / (1 + offre)).',
  loading: 'Chargement…',
  loadingOf: (label: string) => `Chargement de ${label}…`,
  couldNotLoad: (label: string, why: string) => `Impossible de charger ${label} : ${why}`,
  wholeNetwork: 'Toute la France',
  wholeNetworkLabel: 'tout le réseau',
  everyActor: 'tous les acteurs',
  territoryLabel: (name: string, level: string) => `${name} (${level})`,
  drawnStatus: (label: string, actors: number, links: number) => `${label} : ${frPlural(actors, 'acteur', 'acteurs')}, ${frPlural(links, 'lien dessiné', 'liens dessinés')}`,
  graphAria: (label: string, actors: number, links: number) => `Graphe des acteurs de ${label} : ${frPlural(actors, 'acteur', 'acteurs')}, ${frPlural(links, 'lien', 'liens')}`,
  tooMany: (total: number, max: number) => `${formatNumberIn('fr', total, 0)} acteurs, c’est plus que les ${formatNumberIn('fr', max, 0)} dessinés sans à-coups : `,
  bestConnected: (n: number) => `voici les ${formatNumberIn('fr', n, 0)} acteurs les mieux reliés.`,
  pickSmaller: ' Choisissez un territoire plus petit pour voir tout le monde.',
  strongestLinks: (max: number, total: number) => `Les ${formatNumberIn('fr', max, 0)} liens les plus forts sur ${formatNumberIn('fr', total, 0)} sont dessinés ; les tailles comptent les liens dessinés.`,
  territoryListUnavailable: (why: string) => `Liste des territoires indisponible : ${why}`,
  gapsUnavailable: (why: string) => `Manques de compétences indisponibles : ${why}`,
  shapeUnavailable: (why: string) => `Forme du réseau indisponible : ${why}`,
  suggestionsUnavailable: (why: string) => `Suggestions indisponibles : ${why}`,
  noSuchActor: 'Aucun acteur de ce nom.',
  pickBoth: 'Choisissez d’abord les deux acteurs parmi les suggestions.',
  lookingForPaths: 'Recherche des chemins…',
  noPath: 'Aucun chemin en 4 étapes au plus.',
  hopsCost: (hops: number, cost: string) => `${frPlural(hops, 'étape', 'étapes')}, coût ${cost}`,
  otherCommunities: 'Autres communautés',
  community: (n: number) => `Communauté ${n}`,
  // Card
  kind: 'Type',
  commune: 'Commune',
  explore: 'Explorer',
  sector: 'Secteur',
  size: 'Taille',
  employees: 'Salariés',
  category: 'Catégorie',
  founded: 'Fondé en',
  legalForm: 'Forme juridique',
  innovates: 'Innove',
  exports: 'Exporte',
  source: 'Source',
  scores: 'Place dans le réseau',
  yes: 'oui',
  no: 'non',
  partnersInGraph: (n: number) => `${frPlural(n, 'partenaire', 'partenaires')} dans ce graphe`,
  hubRank: (n: number) => `pôle n° ${n}`,
  brokerRank: (n: number) => `passeur n° ${n}`,
  notInGraph: 'absent du graphe de ce territoire',
  linksHeading: (shown: number, more: boolean) => (more ? `Liens (les ${shown} premiers)` : `Liens (${shown})`),
  none: 'aucun',
  noSuggestion: 'Aucune suggestion.',
  score: 'score',
  // Shape
  measures: {
    actors: 'Acteurs',
    links: 'Liens',
    density: 'Densité',
    averageDegree: 'Liens par acteur (moyenne)',
    components: 'Composantes',
    largestComponent: 'Plus grande composante',
    isolated: 'Acteurs isolés',
    communities: 'Communautés',
    coverage: 'PME liées à une université de leur région',
  },
  modularity: (communities: number, modularity: string) => `${communities} (modularité ${modularity})`,
  coverageValue: (share: number, covered: number, total: number) => `${share} % (${covered} sur ${total})`,
  noSme: 'aucune PME',
  hubs: 'Pôles (partenaires)',
  brokers: 'Passeurs (intermédiarité)',
  computedBy: (engine: string) => `Calculé par ${engine}.`,
  // Gaps
  noDemand: 'Aucun besoin de compétence recensé dans ce territoire.',
  gapLabel: (name: string, gap: string, demand: string, smes: number, supply: string) => `${name} : manque ${gap}, demande ${demand} de ${frPlural(smes, 'PME', 'PME')}, offre ${supply}`,
  moreCompetencies: (n: number) => `${frPlural(n, 'autre compétence', 'autres compétences')}.`,
  showAll: (n: number) => `Voir les ${formatNumberIn('fr', n, 0)}`,
  // Map
  mapUnavailable: 'La carte n’est pas construite sur ce serveur (npm run build:geo).',
  indicators: {
    actors: 'Acteurs par département',
    gap: 'Plus grand manque de compétence par département',
  },
  mapStatus: (label: string, placed: number, total: number) => `${label} sur la carte : ${frPlural(placed, 'acteur placé', 'acteurs placés')} sur ${formatNumberIn('fr', total, 0)} (à la mairie de leur commune)`,
  noData: 'pas de donnée',
  openTerritory: (name: string) => `Ouvrir ${name}`,
  // Kinds and levels are the model registry's words (src/domain/model.ts), with the legend's extras.
  kinds: { ...kindWords('fr'), OTHER: 'Événement, programme, personne' } as Record<string, string>,
  levels: { ALL: 'toute la France', ...levelWords('fr') } as Record<string, string>,
};

export type Texts = typeof fr;

/** The most frequent import problems (src/seed/read-files.ts, validate.ts) in French; any other as it is. */
const FRENCH_PROBLEMS: [RegExp, (...m: string[]) => string][] = [
  [/^column \w+: expected one of (.+), got "(.*)"$/, (_, allowed, got) => `valeur « ${got} » inconnue ; attendu l’une de : ${allowed}`],
  [/^expected a value in column ([\w]+)$/, () => 'valeur manquante'],
  [/^expected a value in column (.+)$/, (_, columns) => `valeurs manquantes (colonnes ${columns})`],
  [/^column \w+: expected a whole number from 1 to 5, got "(.*)"$/, (_, got) => `attendu un nombre entier de 1 à 5, reçu « ${got} »`],
  [/^column \w+: expected a whole number, got "(.*)"$/, (_, got) => `attendu un nombre entier, reçu « ${got} »`],
  [/^column \w+: expected a number, got "(.*)"$/, (_, got) => `attendu un nombre, reçu « ${got} »`],
  [/^column \w+: expected oui\/non or true\/false, got "(.*)"$/, (_, got) => `attendu oui ou non, reçu « ${got} »`],
  [/^expected (\d+) columns \((.*)\), got (\d+)$/, (_, want, names, got) => `${got} cellules sur cette ligne, ${want} attendues (${names})`],
  [/^id "(.*)" is defined twice \(first at (.*)\); expected each node once$/, (_, id, first) => `l’identifiant « ${id} » apparaît deux fois (déjà en ${first})`],
  [
    /^(from|to) "(.*)" is not a node of the input nor of the database; expected an existing id$/,
    (_, side, id) => `« ${id} » (${side === 'from' ? 'de' : 'vers'}) n’est ni dans le fichier ni dans la base ; attendu un identifiant existant`,
  ],
  [
    /^unknown column "(.*?)"(?: \(did you mean (.*)\?\))?: (imported as the property .*|ignored); known columns of \w+: (.*)$/,
    (_, column, guess, fate, known) =>
      `colonne « ${column} » inconnue${guess ? ` (vouliez-vous dire ${guess} ?)` : ''} : ${fate === 'ignored' ? 'ignorée' : 'importée telle quelle'} ; colonnes connues : ${known}`,
  ],
];

function frenchProblem(message: string): string {
  for (const [pattern, say] of FRENCH_PROBLEMS) {
    const m = pattern.exec(message);
    if (m) return say(...m);
  }
  return message;
}

const en: Texts = {
  htmlLang: 'en',
  title: 'Maillage: the territorial innovation network',
  appName: 'explorer',
  intro:
    'Each dot is an actor of the chosen territory (company, university, funder…), each line a link between two actors; click an actor to see its card and possible partners.',
  upload: {
    title: 'Maillage: import and export data',
    heading: 'Import a file',
    back: 'Back to the explorer',
    intro:
      'Send a spreadsheet (CSV with ";" or ",", Excel .xlsx), a Gephi file (.gexf, .graphml) or a Kumu export (.json). The file is first checked without writing anything: you see what would change and every error with its line, then you confirm.',
    keyLabel: 'Editor key',
    keyHint: 'Kept in this tab only (never in the address); close the tab to forget it.',
    forgetKey: 'Forget the key',
    fileLabel: 'File to import',
    drop: 'Drop a file here, or choose it above.',
    checking: (file) => `Checking ${file}…`,
    importing: (file) => `Importing ${file}…`,
    confirm: 'Import this file',
    previewOk: (file) => `${file} is valid. This is what the import would change (nothing is written yet):`,
    previewBad: (file, n) => `${file} is not imported: ${enPlural(n, 'error', 'errors')}. Nothing was written; correct the file and send it again.`,
    firstProblems: (shown, total) => (shown < total ? `The first ${shown} errors of ${formatNumberIn('en', total, 0)}:` : ''),
    done: (file) => `${file} is imported. What was written:`,
    warningsHeading: 'To check (the import is not refused for them)',
    at: (line, column) => [line === null ? '' : `line ${line}`, column === null ? '' : `column "${column}"`].filter(Boolean).join(', '),
    what: 'Nodes and links',
    created: 'created',
    updated: 'updated',
    unchanged: 'unchanged',
    nothing: 'No change.',
    needKey: 'Give your editor key first: importing data needs the editor role.',
    badKey: 'The server does not know this key. Check it, or ask the administrator for an editor key.',
    readerKey: 'This is a reader key: it lets you look at the network, not import. Ask the administrator for an editor key.',
    failed: (why) => `Sending failed: ${why}`,
    exportHeading: 'Export the whole network',
    exportHint: 'For Gephi (GEXF, GraphML), Kumu or a spreadsheet (CSV, Excel), or our JSON format.',
    link: 'Import or export data',
    problem: (message) => message,
  },
  campaign: {
    title: 'Maillage: survey campaigns',
    heading: 'Follow a campaign',
    intro: 'The questionnaire’s answers, by territory and by competency, as they arrive. For administrators.',
    keyLabel: 'Administrator key',
    keyHint: 'Kept in this tab only (never in the address); close the tab to forget it.',
    forgetKey: 'Forget the key',
    show: 'Show',
    pick: 'Campaign',
    none: 'No campaign yet (createSurveyCampaign creates one).',
    loading: 'Loading…',
    needKey: 'Give your administrator key to see the campaigns.',
    badKey: 'The server does not know this key. Check it, or ask for an administrator key.',
    notAdmin: 'This key cannot follow campaigns: only administrator keys can, as the answers are about companies. Ask for an administrator key.',
    unknown: 'This campaign does not exist (any more). Pick one from the list.',
    failed: (why) => `Loading failed: ${why}`,
    name: 'Name',
    dates: 'Answers taken',
    from: (opens, closes) => `from ${opens} to ${closes}`,
    territory: 'Territory',
    anywhere: 'all of France',
    framework: 'Competency framework',
    publicLink: 'Public link',
    publicYes: 'yes: its address was given once, when the campaign was created (only its hash is kept; it cannot be shown again).',
    publicNo: 'no',
    invitations: 'Invitations',
    total: (n) => (n === 0 ? 'No answer yet.' : enPlural(n, 'answer', 'answers')),
    last: (when) => `latest received ${when}`,
    updated: (when, seconds) => `Updated at ${when}; the page updates itself every ${seconds} seconds.`,
    byDepartment: 'Answers by département',
    byCommune: 'Answers by commune',
    department: 'Département',
    commune: 'Commune',
    answers: 'Answers',
    notPlaced: 'outside any territory of this level',
    needsHeading: 'Most needed competencies',
    competency: 'Competency',
    meanPriority: 'Mean priority (1 to 5)',
    noAnswers: 'Nothing to show before the first answer.',
    link: 'Follow survey campaigns',
  },
  territory: 'Territory',
  territoryPlaceholder: 'All of France, or a région, département, EPCI, commune, postal code',
  findActor: 'Find an actor',
  actorPlaceholder: 'Name, e.g. utc, Meaulte',
  colourBy: 'Colour by',
  colourKind: 'kind of actor',
  colourCommunity: 'community',
  sizeBy: 'Size by',
  sizeDegree: 'degree',
  sizePagerank: 'PageRank',
  view: 'View',
  viewNetwork: 'network',
  viewMap: 'map',
  indicator: 'Map indicator',
  language: 'Language',
  graphRegion: 'Network graph',
  legend: 'Legend',
  actorHeading: 'Actor',
  suggested: 'Suggested partners',
  pathHeading: 'Synergy path',
  from: 'From',
  to: 'To',
  anActor: 'An actor',
  anotherActor: 'Another actor',
  showPaths: 'Show paths',
  clear: 'Clear',
  shapeHeading: 'Network shape',
  gapsHeading: 'Competency gaps',
  gapsHint: "Demand from the territory's SMEs per university teaching it within reach (demand / (1 + supply)).",
  loading: 'Loading…',
  loadingOf: (label) => `Loading ${label}…`,
  couldNotLoad: (label, why) => `Could not load ${label}: ${why}`,
  wholeNetwork: 'Whole network',
  wholeNetworkLabel: 'the whole network',
  everyActor: 'every actor',
  territoryLabel: (name, level) => `${name} (${level})`,
  drawnStatus: (label, actors, links) => `${label}: ${enPlural(actors, 'actor', 'actors')}, ${enPlural(links, 'link', 'links')} drawn`,
  graphAria: (label, actors, links) => `Actor graph of ${label}: ${enPlural(actors, 'actor', 'actors')}, ${enPlural(links, 'link', 'links')} drawn`,
  tooMany: (total, max) => `${formatNumberIn('en', total, 0)} actors is more than the ${formatNumberIn('en', max, 0)} drawn smoothly: `,
  bestConnected: (n) => `showing the ${formatNumberIn('en', n, 0)} best-connected actors.`,
  pickSmaller: ' Pick a smaller territory to see everyone.',
  strongestLinks: (max, total) => `Drawing the ${formatNumberIn('en', max, 0)} strongest of ${formatNumberIn('en', total, 0)} links; sizes count the drawn links.`,
  territoryListUnavailable: (why) => `Territory list unavailable: ${why}`,
  gapsUnavailable: (why) => `Competency gaps unavailable: ${why}`,
  shapeUnavailable: (why) => `Network shape unavailable: ${why}`,
  suggestionsUnavailable: (why) => `Suggestions unavailable: ${why}`,
  noSuchActor: 'No such actor.',
  pickBoth: 'Pick both actors from the suggestions first.',
  lookingForPaths: 'Looking for paths…',
  noPath: 'No path within 4 hops.',
  hopsCost: (hops, cost) => `${enPlural(hops, 'hop', 'hops')}, cost ${cost}`,
  otherCommunities: 'Other communities',
  community: (n) => `Community ${n}`,
  kind: 'Kind',
  commune: 'Commune',
  explore: 'Explore',
  sector: 'Sector',
  size: 'Size',
  employees: 'Employees',
  category: 'Category',
  founded: 'Founded',
  legalForm: 'Legal form',
  innovates: 'Innovates',
  exports: 'Exports',
  source: 'Source',
  scores: 'Scores',
  yes: 'yes',
  no: 'no',
  partnersInGraph: (n) => `${enPlural(n, 'partner', 'partners')} in this graph`,
  hubRank: (n) => `hub #${n}`,
  brokerRank: (n) => `broker #${n}`,
  notInGraph: 'not in the graph of this territory',
  linksHeading: (shown, more) => (more ? `Links (first ${shown})` : `Links (${shown})`),
  none: 'none',
  noSuggestion: 'No suggestion.',
  score: 'score',
  measures: {
    actors: 'Actors',
    links: 'Links',
    density: 'Density',
    averageDegree: 'Average degree',
    components: 'Components',
    largestComponent: 'Largest component',
    isolated: 'Isolated actors',
    communities: 'Communities',
    coverage: 'SMEs linked to a university of their région',
  },
  modularity: (communities, modularity) => `${communities} (modularity ${modularity})`,
  coverageValue: (share, covered, total) => `${share}% (${covered} of ${total})`,
  noSme: 'no SME',
  hubs: 'Hubs (partners)',
  brokers: 'Brokers (betweenness)',
  computedBy: (engine) => `Computed by ${engine}.`,
  noDemand: 'No competency demand recorded in this territory.',
  gapLabel: (name, gap, demand, smes, supply) => `${name}: gap ${gap}, demand ${demand} from ${enPlural(smes, 'SME', 'SMEs')}, supply ${supply}`,
  moreCompetencies: (n) => `${enPlural(n, 'more competency', 'more competencies')}.`,
  showAll: (n) => `Show all ${formatNumberIn('en', n, 0)}`,
  mapUnavailable: 'The map is not built on this server (npm run build:geo).',
  indicators: {
    actors: 'Actors per département',
    gap: 'Largest competency gap per département',
  },
  mapStatus: (label, placed, total) => `${label} on the map: ${enPlural(placed, 'actor', 'actors')} placed of ${formatNumberIn('en', total, 0)} (at their commune's town hall)`,
  noData: 'no data',
  openTerritory: (name) => `Open ${name}`,
  kinds: { ...kindWords('en'), OTHER: 'Event, programme, person' },
  levels: { ALL: 'all of France', ...levelWords('en') },
};

const DICTIONARIES: Record<Lang, Texts> = { fr, en };

/** The page's language and its words; `setLang` swaps both (the page re-renders after it). */
export let lang: Lang = 'fr';
export let t: Texts = fr;

export function setLang(next: Lang): void {
  lang = next;
  t = DICTIONARIES[next];
}

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'fr';
}

/**
 * Accent- and case-insensitive text keys, the way the API's `actors(search)` matches names.
 *
 *   fold('Méaulte')   // "meaulte"
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** Escapes text for innerHTML templates (names come from the database). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatNumberIn(language: Lang, value: number, digits: number): string {
  return value.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });
}

/** A number as the reader writes it: "1 234,5" in French, "1,234.5" in English. */
export function formatNumber(value: number, digits = 2): string {
  return formatNumberIn(lang, value, digits);
}
