// The API contract: what clients send and receive. The backend validates with these schemas and
// builds its OpenAPI document from them; the admin UI imports their types (never the backend).
export { z } from './zod';
export * from './case.schemas';
export * from './auth.schemas';
export * from './report.schemas';
export * from './transition-fields';
export * from './csv';
export * from './public.schemas';
export * from './admin.schemas';
export * from './agency.schemas';
export * from './publication.schemas';
