import type { LegalTrack } from '../domain';
import { type Masked, redactForPublication } from './redact';

/**
 * Why an answer may be published in the public register (issue: answers the public can trust):
 * the citizen agreed, or the unit decides the matter is of public interest and publishes it with
 * the citizen's data removed. Masking applies to both.
 */
export const PUBLICATION_BASES = ['consent', 'publicInterest'] as const;
export type PublicationBasis = (typeof PUBLICATION_BASES)[number];

/**
 * Complaints and denunciations concern one person's rights, or protect the one who denounced: the
 * unit never publishes them on its own motion, only when the citizen asked for it. The same holds
 * for a text that names a person (a name the masking found in the original).
 */
export const TRACKS_NEVER_PUBLISHED_WITHOUT_CONSENT: readonly LegalTrack[] = ['complaint', 'denunciation'];

export interface PublicationFacts {
  legalTrack: LegalTrack;
  /** The citizen's choice on the form, or later on the status page (default: not published). */
  consent: boolean;
  /** The original question or answer names a person (the masking found a name in it). */
  namesPerson: boolean;
}

/** Whether the unit may publish the case on this basis (the machine's guard reads the result). */
export function mayPublishOn(basis: PublicationBasis, facts: PublicationFacts): boolean {
  if (basis === 'consent') return facts.consent;
  return !facts.consent && !facts.namesPerson && !TRACKS_NEVER_PUBLISHED_WITHOUT_CONSENT.includes(facts.legalTrack);
}

/** The bases open to the unit for this case, consent first. */
export function publicationBases(facts: PublicationFacts): PublicationBasis[] {
  return PUBLICATION_BASES.filter((basis) => mayPublishOn(basis, facts));
}

/** A text proposed for the register: masked, with what was masked, for the officer's side-by-side review. */
export interface ProposedText {
  original: string;
  masked: string;
  found: Masked[];
}

export function proposePublicText(original: string, knownNames: readonly string[]): ProposedText {
  const { text, masked } = redactForPublication(original, knownNames);
  return { original, masked: text, found: masked };
}

/**
 * What the officer is about to publish, checked again after their edits: anything the masking
 * still finds (a phone number typed back, a name left in) refuses the publication, naming the
 * field and what is left. Known names are the citizen's own, which must never appear.
 */
export function personalDataLeftIn(text: string, knownNames: readonly string[]): Masked[] {
  return redactForPublication(text, knownNames).masked;
}

/**
 * Why the unit cannot publish the case now, in words for the officer; null when it can (or it is
 * published already). Publishing is the unit head's.
 */
export function whyNotPublishable(state: {
  answered: boolean;
  published: boolean;
  bases: readonly PublicationBasis[];
  legalTrack: LegalTrack;
  byHead: boolean;
}): string | null {
  if (state.published) return null;
  if (!state.answered) return 'the case has no answer that went out yet';
  if (!state.bases.length)
    return TRACKS_NEVER_PUBLISHED_WITHOUT_CONSENT.includes(state.legalTrack)
      ? 'a complaint or a denunciation is published only when the citizen agreed'
      : 'the text names a person and the citizen did not agree to publication';
  if (!state.byHead) return 'publication is decided by the unit head';
  return null;
}
