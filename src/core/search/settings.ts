// Search tuning, in one frozen place (as fuse.js keeps its defaults).
export const SEARCH_SETTINGS = Object.freeze({
  /** fuse.js threshold for names: 0 exact only, 1 anything */
  nameThreshold: 0.4,
  /** a fuzzy name hit must score at most this to be taken as the subject of a question */
  acceptScore: 0.3,
  /** a fuzzy subject phrase must be at least this share of the name's length */
  minNameCoverage: 0.7,
  /** looser bound for did-you-mean suggestions */
  suggestScore: 0.5,
  /** candidates handed to fuse.js per lookup */
  fuzzyCandidates: 48,
  /** names fuse.js scores per hit wanted, when a phrase's words align with more names than that */
  alignedPerHit: 4,
  /** share of the phrase's trigrams a candidate must contain */
  minTrigramShare: 0.2,
  /** trigrams in more than this share of names are skipped by the candidate prefilter */
  commonTrigramShare: 0.01,
  /** fuzzy candidate sets remembered per phrase */
  candidateCacheSize: 512,
  /** passages returned by free search */
  passageLimit: 5,
  /** passages short-listed per answer passage before at most two per subject are kept */
  passageOverfetch: 8,
  /** a search word found in more than this share of passages is skipped when rarer words are present */
  commonTermShare: 0.2,
  /** vocabulary words considered as corrections of a misspelt search word */
  vocabularyCandidates: 32,
  /** longest question answered; longer gets a clear message */
  maxQuestionLength: 500,
});

/**
 * The framework a bare level number means when neither the question nor ROLECALL_DEFAULT_FRAMEWORK says:
 * SFIA numbers its levels of responsibility, DDaT names its skill levels.
 */
export const NUMBERED_LEVELS_FRAMEWORK = "sfia";
