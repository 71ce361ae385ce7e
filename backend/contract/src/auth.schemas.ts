import { ROLES } from '@caunoi/workflows';
import { z } from './zod';

export const ZLoginRequest = z
  .object({
    email: z.email('must be an email address'),
    password: z.string().min(1, 'is required'),
  })
  .openapi('LoginRequest');

export const ZOfficer = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    unit: z.object({ code: z.string(), name: z.string() }),
  })
  .openapi('Officer');

export const ZLoginResponse = z
  .object({ token: z.string(), expiresAt: z.string(), officer: ZOfficer })
  .openapi('LoginResponse');
