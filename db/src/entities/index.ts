import { ApiClientSchema } from './api-client.entity';
import { AttachmentBlobSchema, AttachmentSchema } from './attachment.entity';
import { CapturedMailSchema } from './captured-mail.entity';
import { CalendarDaySchema } from './calendar-day.entity';
import { CaseEventSchema } from './case-event.entity';
import { CaseMessageSchema } from './case-message.entity';
import { CaseSchema } from './case.entity';
import { CategorySchema } from './category.entity';
import { CitizenSchema } from './citizen.entity';
import { DeliveryReceiptSchema } from './delivery-receipt.entity';
import { InboundItemSchema } from './inbound-item.entity';
import { LegacyPlaceSchema } from './legacy-place.entity';
import { OrgUnitSchema } from './org-unit.entity';
import { RoutingRuleSchema } from './routing-rule.entity';
import { SlaRuleSchema } from './sla-rule.entity';
import { TrackingSequenceSchema } from './tracking-sequence.entity';
import { UserSchema } from './user.entity';
import { ZaloOaSchema } from './zalo-oa.entity';

export * from './api-client.entity';
export * from './attachment.entity';
export * from './calendar-day.entity';
export * from './captured-mail.entity';
export * from './case-event.entity';
export * from './case-message.entity';
export * from './case.entity';
export * from './changeable-case';
export * from './category.entity';
export * from './citizen.entity';
export * from './delivery-receipt.entity';
export * from './inbound-item.entity';
export * from './legacy-place.entity';
export * from './org-unit.entity';
export * from './routing-rule.entity';
export * from './sla-rule.entity';
export * from './tracking-sequence.entity';
export * from './user.entity';
export * from './zalo-oa.entity';

/** Every entity, for the ORM config (explicit: no folder discovery, so bundlers and tsx agree). */
export const entities = [
  CapturedMailSchema,
  OrgUnitSchema,
  LegacyPlaceSchema,
  CategorySchema,
  SlaRuleSchema,
  RoutingRuleSchema,
  CalendarDaySchema,
  CitizenSchema,
  UserSchema,
  CaseSchema,
  CaseEventSchema,
  CaseMessageSchema,
  AttachmentBlobSchema,
  AttachmentSchema,
  InboundItemSchema,
  DeliveryReceiptSchema,
  ZaloOaSchema,
  ApiClientSchema,
  TrackingSequenceSchema,
];
