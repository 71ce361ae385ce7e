import { type CaseStatus, isOpenStatus } from '../domain';

/**
 * How alike an open case is to a new one, from what PostgreSQL measured (trigram similarity of the
 * unaccented title and the start of the body) and where they are. A suggestion with its reasons,
 * never a decision: two neighbours asking for and against the same thing read alike.
 */
export interface SimilarityFacts {
  titleSimilarity: number;
  bodySimilarity: number;
  sameCommune: boolean;
  receivedAt: Date;
}

/** Below this a case is not shown as similar (bench:similar measures what it trades). */
export const SIMILAR_CASE_THRESHOLD = 0.5;

/** With `titleOnly` (a citizen who has typed only a title so far) the title is all there is to compare. */
export function similarityScore(f: SimilarityFacts, titleOnly = false): number {
  const words = titleOnly ? f.titleSimilarity : 0.6 * f.titleSimilarity + 0.4 * f.bodySimilarity;
  return words + (f.sameCommune ? 0.05 : 0);
}

/** The reasons as an officer reads them (English codes; the UI words them). */
export function similarityReasons(f: SimilarityFacts, now: Date): string[] {
  const days = Math.max(0, Math.floor((now.getTime() - new Date(f.receivedAt).getTime()) / 86_400_000));
  return [
    f.sameCommune ? 'sameCommune' : 'sameProvince',
    ...(f.titleSimilarity >= 0.4 ? [`title:${f.titleSimilarity.toFixed(2)}`] : []),
    ...(f.bodySimilarity >= 0.3 ? [`text:${f.bodySimilarity.toFixed(2)}`] : []),
    `days:${days}`,
  ];
}

/** The candidates that pass the threshold, most alike first, with their score and reasons. */
export function rankSimilarCases<T extends SimilarityFacts>(
  rows: readonly T[],
  now: Date,
  options: { threshold?: number; titleOnly?: boolean } = {},
): Array<T & { score: number; reasons: string[] }> {
  const threshold = options.threshold ?? SIMILAR_CASE_THRESHOLD;
  return rows
    .map((r) => ({
      ...r,
      score: Math.round(similarityScore(r, options.titleOnly) * 1000) / 1000,
      reasons: similarityReasons(r, now),
    }))
    .filter((r) => r.score >= threshold)
    .sort((a, b) => b.score - a.score);
}

export interface SurgeFacts {
  /** A concern's cases in the rule's window, and the provinces they come from. */
  cases: number;
  provinces: number;
}

/**
 * Whether a concern surges: at least so many submissions in the window, from at least so many
 * provinces (the rule is data, `concern_surge_rule`: 20 in 24 h across 3 provinces by default).
 * One province's burst is that province's to handle; the same matter rising in several is the
 * Government Office's.
 */
export function isConcernSurge(facts: SurgeFacts, rule: { minCases: number; minProvinces: number }): boolean {
  return facts.cases >= rule.minCases && facts.provinces >= rule.minProvinces;
}

/**
 * Whether a citizen in chat may be offered, and join, this open case instead of their own: one
 * still being handled (not just arrived, not already answered: its answer has gone out, and its
 * citizen decides next).
 */
export function isJoinableSimilarCase(status: CaseStatus): boolean {
  return isOpenStatus(status) && status !== 'received' && status !== 'resolved';
}
