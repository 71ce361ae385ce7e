import type { LegalTrack } from '../domain';

/** The legal tracks whose answers always need the head's signature (a decision on a complaint or denunciation is signed). */
export const TRACKS_ALWAYS_APPROVED: readonly LegalTrack[] = ['complaint', 'denunciation'];

/**
 * Whether an answer is a draft for the unit head before it goes out (ký duyệt): always for
 * complaints and denunciations, and for the categories administrators mark (data,
 * `category.answer_approval`).
 */
export function answerNeedsApproval(kase: { legalTrack: LegalTrack; categoryRequiresApproval: boolean }): boolean {
  return TRACKS_ALWAYS_APPROVED.includes(kase.legalTrack) || kase.categoryRequiresApproval;
}
