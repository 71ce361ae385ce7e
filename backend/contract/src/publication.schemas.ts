import { z } from './zod';

const version = z
  .number()
  .int()
  .min(1)
  .openapi({ description: 'The version of the case you read; a stale one answers 409.' });
const text = (min: number, max = 20_000) =>
  z.string().trim().min(min, `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);

export const ZPublicationBasis = z.enum(['consent', 'publicInterest']).openapi('PublicationBasis', {
  description: 'The citizen agreed, or the unit publishes a matter of public interest',
});

/** A text as the register would show it: the original, the masked proposal and what was masked. */
export const ZProposedText = z.object({
  original: z.string(),
  masked: z.string(),
  found: z.array(z.object({ kind: z.string(), original: z.string() })),
});

export const ZPublishedAnswer = z
  .object({
    id: z.number().int(),
    title: z.string(),
    question: z.string(),
    answer: z.string(),
    basis: ZPublicationBasis,
    publishedAt: z.string(),
    /** The entry's address in the public register. */
    url: z.string(),
  })
  .openapi('PublishedAnswer');

/** What the unit head needs to decide on publication: the choice, the bases, the masked proposal beside the original. */
export const ZPublication = z
  .object({
    consent: z.boolean().openapi({ description: "The citizen's choice (default: not published)" }),
    bases: z.array(ZPublicationBasis),
    canPublish: z.boolean(),
    canWithdraw: z.boolean(),
    /** Why publishing is not possible now, in words; null when it is. */
    why: z.string().nullable(),
    proposal: z
      .object({ title: ZProposedText, question: ZProposedText, answer: ZProposedText })
      .nullable()
      .openapi({ description: 'Null until the case has an answer that went out' }),
    published: ZPublishedAnswer.nullable(),
  })
  .openapi('Publication');
export type TPublication = z.infer<typeof ZPublication>;

export const ZPublishRequest = z
  .object({
    version,
    basis: ZPublicationBasis,
    /** Required for the public interest: why the matter concerns others. */
    reason: text(3, 2000).optional(),
    title: text(5, 300),
    question: text(5),
    answer: text(5),
  })
  .refine((r) => r.basis !== 'publicInterest' || !!r.reason, {
    path: ['reason'],
    message: 'say why the matter is of public interest',
  })
  .openapi('PublishRequest');
export type TPublishRequest = z.infer<typeof ZPublishRequest>;

export const ZWithdrawPublicationRequest = z
  .object({ version, reason: text(3, 2000) })
  .openapi('WithdrawPublicationRequest');
export type TWithdrawPublicationRequest = z.infer<typeof ZWithdrawPublicationRequest>;
