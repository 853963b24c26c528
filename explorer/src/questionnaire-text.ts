/**
 * The questionnaire's words, French first (the page's default), English with `#l=en`.
 */
export type QLang = 'fr' | 'en';

const FR = {
  pageTitle: 'Questionnaire : vos besoins en compétences',
  title: 'Vos besoins en compétences',
  intro: 'Cinq minutes pour dire qui vous êtes et de quelles compétences votre entreprise a besoin. Vos réponses aident le territoire à organiser formations et partenariats.',
  closesOn: (campaign: string, date: string, territory: string | null) =>
    `${campaign}${territory ? ` (${territory})` : ''} : réponses jusqu’au ${new Date(`${date}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })}.`,
  invitation: 'Ce lien vous est personnel : si vous répondez à nouveau, votre nouvelle réponse remplace la précédente.',
  whoLegend: 'Votre entreprise',
  name: 'Nom de l’entreprise',
  commune: 'Commune du siège',
  communeHint: 'Tapez le nom ou le code postal, puis choisissez dans la liste.',
  size: 'Effectif',
  sizeMicro: 'moins de 10 personnes',
  sizeSmall: '10 à 49 personnes',
  sizeMedium: '50 à 249 personnes',
  sizeLarge: '250 personnes ou plus',
  sector: 'Secteur d’activité',
  innovates: 'Avez-vous innové ces trois dernières années (produit, procédé, organisation) ?',
  exports: 'Vendez-vous hors de France ?',
  yes: 'oui',
  no: 'non',
  needsLegend: 'Les compétences dont vous avez besoin',
  needsHint: 'Pour chaque compétence utile, choisissez une priorité, de 1 (utile) à 5 (essentielle). Laissez « pas besoin » pour les autres.',
  priorityNone: 'pas besoin',
  priority: ['1 : utile', '2', '3 : importante', '4', '5 : essentielle'],
  comment: 'Commentaire (facultatif)',
  commentHint: 'Ne donnez pas de données personnelles (nom, téléphone) : ce n’est pas nécessaire.',
  privacyTitle: 'Ce que nous conservons, et pourquoi',
  privacyText:
    'Nous conservons le nom, la commune, l’effectif, le secteur de votre entreprise, si elle innove et exporte, les compétences choisies avec leur priorité et votre commentaire. Ils servent à mesurer les besoins en compétences du territoire (le nom et la commune placent votre entreprise dans le réseau ; le commentaire n’est jamais affiché). Ils sont gardés le temps de la campagne et de son bilan. Pour consulter ou effacer vos réponses, écrivez à l’organisateur de la campagne en citant le numéro de réponse donné à la fin.',
  send: 'Envoyer mes réponses',
  sending: 'Envoi…',
  done: (id: string, updated: boolean) =>
    `${updated ? 'Votre réponse a été mise à jour' : 'Merci, votre réponse est enregistrée'}. Numéro de réponse (pour la consulter ou l’effacer) : ${id}`,
  errorsTitle: (n: number) => (n === 1 ? 'Une réponse est à corriger :' : `${n} réponses sont à corriger :`),
  required: 'Cette réponse est nécessaire.',
  chooseCommune: 'Choisissez une commune de la liste.',
  chooseOne: 'Choisissez une réponse.',
  atLeastOne: 'Choisissez au moins une compétence.',
  tooMany: 'Au plus 30 compétences.',
  linkUnknown: 'Ce lien de questionnaire n’existe pas. Vérifiez l’adresse reçue.',
  linkClosed: 'Ce questionnaire n’est pas ouvert aujourd’hui.',
  tooFast: 'Trop de réponses envoyées en peu de temps : réessayez dans une minute.',
  outsideTerritory: 'Cette commune n’est pas dans le territoire de la campagne.',
  failed: 'L’envoi a échoué. Réessayez dans un instant.',
  otherLanguage: 'English',
  otherHash: '#l=en',
} as const;

type Words = { [K in keyof typeof FR]: (typeof FR)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof FR)[K] extends readonly string[] ? readonly string[] : string };

const EN: Words = {
  pageTitle: 'Questionnaire: your competency needs',
  title: 'Your competency needs',
  intro: 'Five minutes to say who you are and which competencies your company needs. Your answers help the territory organise training and partnerships.',
  closesOn: (campaign, date, territory) =>
    `${campaign}${territory ? ` (${territory})` : ''}: answers until ${new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`,
  invitation: 'This link is yours: if you answer again, your new answer replaces the previous one.',
  whoLegend: 'Your company',
  name: 'Company name',
  commune: 'Commune of its seat',
  communeHint: 'Type the name or the postal code, then pick from the list.',
  size: 'Headcount',
  sizeMicro: 'fewer than 10 people',
  sizeSmall: '10 to 49 people',
  sizeMedium: '50 to 249 people',
  sizeLarge: '250 people or more',
  sector: 'Sector',
  innovates: 'Have you innovated in the last three years (product, process, organisation)?',
  exports: 'Do you sell outside France?',
  yes: 'yes',
  no: 'no',
  needsLegend: 'The competencies you need',
  needsHint: 'For each useful competency, pick a priority from 1 (useful) to 5 (essential). Leave “not needed” for the others.',
  priorityNone: 'not needed',
  priority: ['1: useful', '2', '3: important', '4', '5: essential'],
  comment: 'Comment (optional)',
  commentHint: 'Do not give personal data (names, phone numbers): it is not needed.',
  privacyTitle: 'What we keep, and why',
  privacyText:
    'We keep your company’s name, commune, headcount and sector, whether it innovates and exports, the competencies you chose with their priority, and your comment. They measure the territory’s competency needs (the name and commune place your company in the network; the comment is never shown). They are kept for the campaign and its report. To see or erase your answers, write to the campaign’s organiser quoting the answer number given at the end.',
  send: 'Send my answers',
  sending: 'Sending…',
  done: (id, updated) => `${updated ? 'Your answer has been updated' : 'Thank you, your answer is recorded'}. Answer number (to see or erase it): ${id}`,
  errorsTitle: (n) => (n === 1 ? 'One answer needs correcting:' : `${n} answers need correcting:`),
  required: 'This answer is needed.',
  chooseCommune: 'Pick a commune from the list.',
  chooseOne: 'Pick an answer.',
  atLeastOne: 'Pick at least one competency.',
  tooMany: 'At most 30 competencies.',
  linkUnknown: 'This questionnaire link does not exist. Check the address you received.',
  linkClosed: 'This questionnaire is not open today.',
  tooFast: 'Too many answers sent in a short time: try again in a minute.',
  outsideTerritory: 'This commune is not in the campaign’s territory.',
  failed: 'Sending failed. Try again in a moment.',
  otherLanguage: 'Français',
  otherHash: '#l=fr',
};

export function questionnaireWords(lang: QLang): Words {
  return lang === 'en' ? EN : (FR as unknown as Words);
}
