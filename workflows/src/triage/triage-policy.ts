import type { LegalTrack } from '../domain';

export interface SuggestionFacts {
  confidence: number;
  /** The suggested category's legal track, and the threshold administrators set for it. */
  legalTrack: LegalTrack;
  threshold: number;
  /** Complaint or denunciation words found in the text (legalTrackSignals). */
  signals: readonly string[];
}

/**
 * Whether the category model's suggestion is applied by itself (the category set, and a case in
 * triage routed by it) or only shown to the officer. Applied only when the model is at least as
 * sure as the category's threshold, for the plain feedback track: a complaint or a denunciation
 * has its own law, deadlines and duties, so a person decides that track (the words only flag it),
 * and a text that speaks of complaining is not re-tracked silently as plain feedback either.
 */
export function appliesBySuggestion(facts: SuggestionFacts): boolean {
  return facts.legalTrack === 'pakn' && facts.signals.length === 0 && facts.confidence >= facts.threshold;
}
