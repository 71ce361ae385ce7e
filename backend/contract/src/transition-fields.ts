/** A field an officer fills in for a transition, as the API's request schema (ZTransitionRequest) defines it. */
export interface TransitionField {
  field: string;
  /**
   * `unit`: a unit picker; `category`: a category picker; `number`: an id; `text`: words (a reason,
   * a question, an answer); `files`: files uploaded first, sent as their ids.
   */
  kind: 'unit' | 'category' | 'number' | 'text' | 'date' | 'files';
  optional: boolean;
  /** The shortest text the API takes, so that the form says so before sending. */
  minLength: number | null;
}

const text = (field: string, minLength: number, optional = false): TransitionField => ({
  field,
  kind: 'text',
  optional,
  minLength,
});

/**
 * What each transition asks for. Plain data, so the browser needs no zod; it is
 * `deriveTransitionFields()` written out, and a test fails when the schema and this table differ.
 */
export const TRANSITION_FIELDS = {
  route: [{ field: 'unitCode', kind: 'unit', optional: false, minLength: 1 }],
  accept: [],
  transfer: [{ field: 'unitCode', kind: 'unit', optional: false, minLength: 1 }, text('reason', 3)],
  refuseTransfer: [text('reason', 3)],
  reject: [text('reason', 3)],
  merge: [{ field: 'intoCaseId', kind: 'number', optional: false, minLength: null }, text('reason', 3, true)],
  requestInfo: [text('question', 5)],
  respond: [text('answer', 5), { field: 'attachmentIds', kind: 'files', optional: true, minLength: null }],
  postProgress: [text('note', 5), { field: 'expectedDate', kind: 'date', optional: false, minLength: null }],
  approveAnswer: [text('note', 3, true)],
  returnAnswer: [text('note', 3)],
  close: [],
  urge: [text('note', 3)],
  assign: [{ field: 'officerId', kind: 'number', optional: false, minLength: null }],
  extendDeadline: [text('reason', 3)],
  categorise: [{ field: 'categoryCode', kind: 'category', optional: false, minLength: 1 }],
  linkRelated: [{ field: 'relatedCaseId', kind: 'number', optional: false, minLength: null }, text('reason', 3, true)],
} satisfies Record<string, TransitionField[]>;

export type TransitionFieldsByType = typeof TRANSITION_FIELDS;
