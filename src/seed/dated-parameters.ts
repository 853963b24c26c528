/**
 * Every parameter of the dated network generator (src/seed/dated.ts), in one place, each with the
 * reason for its value. They were set from what is known of SME-university collaboration before
 * the scorer was rewritten, and are not tuned to flatter it: docs/synergy.md says which of these
 * mechanisms the scorer can see and which it cannot.
 */
export const DATED_PARAMETERS = {
  /** Months simulated from `startYear`-01: ten years (2015-2024). */
  startYear: 2015,
  months: 120,
  /** Links dated from here on are the test part of the time split (the last two years). */
  cutoff: '2023-01',

  geography: {
    /** A square of France's size, cut into a 12 x 8 grid of départements, 3 x 2 départements a région. */
    widthKm: 1000,
    heightKm: 1000,
    departmentColumns: 12,
    departmentRows: 8,
    regionColumns: 3,
    regionRows: 2,
    /** One commune per `companiesPerCommune` companies (at least `minCommunes`): towns fill up with size. */
    companiesPerCommune: 3,
    minCommunes: 150,
    maxCommunes: 8000,
    /** Communes per EPCI (an EPCI is a square inside its département). */
    communesPerEpci: 10,
    /** Commune populations are Pareto: a few towns, many villages; actors go where people are. */
    populationAlpha: 1.1,
  },

  actors: {
    /** Relationships per company, all kinds together: sets the number of companies for a target size. */
    relationshipsPerCompany: 6.7,
    /** France has ~3,500 higher-education establishments for ~150,000 SMEs of 10+ staff: 1 for 40. */
    companiesPerUniversity: 40,
    /** Clusters (pôles, grappes) gather one sector of a région. */
    companiesPerCluster: 60,
    /** Workshops, forums, meetups. */
    companiesPerEvent: 12,
    /** Half the companies are there from the start; the others arrive over the ten years. */
    presentAtStart: 0.5,
    /** Share of companies that answered the survey (their needs are NEEDS relationships). */
    answered: 0.6,
    /** Activity (how many links a company forms) is Pareto: a few very active, many with one link. */
    activityAlpha: 1.6,
  },

  competencies: {
    /** 30 competencies in 5 themes; each sector favours 4 of them. */
    count: 30,
    themes: ['technique', 'gestion', 'international', 'numérique', 'design'],
    /** Needs per company: 2 to 4, mostly from what its sector favours. */
    minNeeds: 2,
    maxNeeds: 4,
    sectorFavoured: 0.75,
    /**
     * Universities of one type teach their own themes far more (engineering schools technique and
     * numérique, business schools gestion and international, universities a bit of everything):
     * probability of teaching a competency of a favoured theme, and of another one.
     */
    teachFavoured: 0.55,
    teachOther: 0.12,
    /**
     * A university's quality in each competency it teaches is uniform in 0.1..1 and hidden; what
     * the data shows is its number of trainings, 1 + floor(5 x quality + noise): a rough view of it.
     */
    trainingsNoise: 1.5,
  },

  /** Shares of the dated links, by mechanism-bearing kind. */
  links: {
    /** Company -> university collaborations per company (on average, before activity). */
    collaborations: 1.3,
    /** Company -> company partnerships. */
    partnerships: 0.8,
    /** Company -> cluster memberships. */
    memberships: 0.45,
    /** University -> cluster partnerships per university. */
    universityClusters: 2,
    /** Companies and universities per event (organiser apart). */
    companiesPerEventMean: 9,
    universitiesPerEvent: 2,
  },

  /** How a company chooses the university it starts a collaboration with. */
  collaboration: {
    /** Distance decay exp(-d / decayKm): most collaborations are regional. */
    decayKm: 60,
    /** Universities (and clusters) farther than this are not considered, except through noise or the network. */
    reachKm: 200,
    /** Competency fit: (fitFloor + fit)^fitPower, fit = need-weighted quality of what it teaches. */
    fitFloor: 0.05,
    fitPower: 2,
    /** Preferential attachment: (1 + collaborations so far)^attachment (sublinear). */
    attachment: 0.7,
    /** Triadic closure: x (1 + closure x contacts) for each cluster, event or partner both share. */
    closure: 1.5,
    /** Share of collaborations with a university drawn uniformly: chance meetings, data errors. */
    noise: 0.1,
  },

  membership: {
    decayKm: 80,
    /** Probability of choosing a cluster of one's own sector. */
    ownSector: 0.8,
    attachment: 0.8,
    /** Partners' clusters: x (1 + closure) per partner already a member. */
    closure: 2,
    noise: 0.1,
  },

  partnership: {
    /** Share of partnerships made through a shared cluster, event or partner (triadic closure). */
    throughNetwork: 0.55,
    decayKm: 40,
  },

  events: {
    /** Participants come from around the event: exp(-d / decayKm). */
    decayKm: 35,
    /** Organised by a university (the rest: a cluster, whose members come first). */
    byUniversity: 0.5,
    /** Share of a cluster event's companies drawn from its members. */
    clusterMembers: 0.5,
  },
} as const;

export type DatedParameters = typeof DATED_PARAMETERS;
