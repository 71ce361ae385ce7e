import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerAdminPaths } from './admin-paths';
import { registerAgencyPaths } from './agency-paths';
import { registerOfficerPaths } from './officer-paths';
import { registerOpen311Paths } from './open311-paths';
import { registerDevelopmentPaths, registerOperationsPaths } from './operations-paths';
import type { Security } from './openapi-parts';
import { registerPublicPaths } from './public-paths';
import { registerPublicationPaths } from './publication-paths';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (the
 * contract). Every route the app serves is in it (a test compares it with the app's route table),
 * each with an operationId and the schema of every status it answers.
 */
export function buildOpenApiDocument(
  serverUrl: string,
  /** The development aids this app serves (none in production). */
  options: { development?: { fakeZalo: boolean } } = {},
) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "An officer's token from POST /api/auth/login",
  });
  const apiKey = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: "An agency system's key, issued by an administrator; bound to a unit and scopes",
  });
  const security: Security = {
    officer: [{ [bearer.name]: [] }],
    apiKey: [{ [apiKey.name]: [] }],
    officerOrApiKey: [{ [bearer.name]: [] }, { [apiKey.name]: [] }],
  };
  for (const register of [
    registerOfficerPaths,
    registerPublicPaths,
    registerPublicationPaths,
    registerAdminPaths,
    registerAgencyPaths,
    registerOpen311Paths,
    registerOperationsPaths,
  ])
    register(registry, security);
  if (options.development) registerDevelopmentPaths(registry, options.development);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'CauNoi API',
      version: '0.2.0',
      description: "Citizens' feedback and petitions, turned into cases answered on time.",
    },
    servers: [{ url: serverUrl }],
    tags: [
      {
        name: 'officers',
        description: 'Case officers and supervisors (a bearer token), or an agency key with read/transition',
      },
      { name: 'reports', description: 'The Government Office summaries' },
      { name: 'citizens', description: 'The public portal API: no login' },
      { name: 'channels', description: 'Inbound channels other than the portal' },
      { name: 'administrators', description: "Reference data, intake queues and agencies' keys" },
      { name: 'agencies', description: "An agency system's own key: webhooks and their deliveries" },
      { name: 'open311', description: 'Open311 GeoReport v2 (JSON; each path has an .xml twin)' },
      { name: 'operations', description: 'Health, readiness, metrics' },
      ...(options.development ? [{ name: 'development', description: 'Only when NODE_ENV is not production' }] : []),
    ],
  });
}
