export { caseMachine } from './case-machine';
export { caseGuards } from './case-guards';
export {
  transitionCase,
  availableTransitions,
  statusOf,
  type PersistedCaseSnapshot,
  type TransitionResult,
  type TransitionAccepted,
  type TransitionRefused,
} from './transition-case';
export * from './case-types';
export {
  ANSWER_SUBJECT,
  caseColumnsFor,
  conversationEntryFor,
  type CaseColumnChanges,
  type ConversationEntry,
} from './conversation';
export { answerNeedsApproval, TRACKS_ALWAYS_APPROVED } from './answer-approval';
