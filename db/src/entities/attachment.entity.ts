import { defineEntity, p } from '@mikro-orm/core';
import { Case } from './case.entity';
import { CaseMessage } from './case-message.entity';

/**
 * The bytes of a file, stored once per content (sha256) however often it is sent: citizens resend
 * the same photo by email and Zalo.
 */
export const AttachmentBlobSchema = defineEntity({
  name: 'AttachmentBlob',
  tableName: 'attachment_blob',
  properties: {
    sha256: p.string().length(64).primary(),
    content: p.blob().lazy(),
    size: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class AttachmentBlob extends AttachmentBlobSchema.class {}
AttachmentBlobSchema.setClass(AttachmentBlob);

/** A file on a case, as the citizen named it, with its type checked from the content. */
export const AttachmentSchema = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  properties: {
    id: p.integer().primary(),
    case: () => p.manyToOne(Case).index(),
    message: () => p.manyToOne(CaseMessage).nullable(),
    blob: () => p.manyToOne(AttachmentBlob),
    fileName: p.string().length(300),
    mime: p.string().length(120),
    size: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Attachment extends AttachmentSchema.class {}
AttachmentSchema.setClass(Attachment);
