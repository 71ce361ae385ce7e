import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '@caunoi/contract';
import { type Security, json, pathParam } from './openapi-parts';

/** Open311 GeoReport v2 in JSON; every path has an `.xml` twin that answers the same in the specification's XML. */
export function registerOpen311Paths(registry: OpenAPIRegistry, security: Security): void {
  const ZOpen311Errors = z
    .array(z.object({ code: z.number().int(), description: z.string() }))
    .openapi('Open311Errors');
  const failure = (description: string) => json(ZOpen311Errors, description);
  const ZService = z
    .object({
      service_code: z.string(),
      service_name: z.string(),
      description: z.string(),
      metadata: z.boolean().openapi({ description: 'True when the service definition has attributes' }),
      type: z.enum(['realtime', 'batch', 'blackbox']),
      keywords: z.string(),
      group: z.string(),
    })
    .openapi('Open311Service');
  const ZAttribute = z
    .object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    })
    .openapi('Open311Attribute');
  const ZRequest = z
    .object({
      service_request_id: z.string(),
      status: z.enum(['open', 'closed']),
      status_notes: z.string(),
      service_name: z.string().nullable(),
      service_code: z.string().nullable(),
      description: z.string().nullable().openapi({ description: "Only for a key that may read the case's unit" }),
      agency_responsible: z.string(),
      service_notice: z.string().nullable(),
      requested_datetime: z.string(),
      updated_datetime: z.string(),
      expected_datetime: z.string().nullable(),
      address: z.string().nullable(),
      address_id: z.string().nullable(),
      zipcode: z.string().nullable(),
      lat: z.number().nullable(),
      long: z.number().nullable(),
      media_url: z.string().nullable(),
    })
    .openapi('Open311Request');
  const readKey = { ...security, apiKey: [...security.apiKey, {}] };
  registry.registerPath({
    operationId: 'open311Discovery',
    method: 'get',
    path: '/open311/discovery.json',
    tags: ['open311'],
    summary: 'Open311 discovery',
    responses: {
      200: json(
        z.object({
          changeset: z.string(),
          contact: z.string(),
          key_service: z.string(),
          endpoints: z.array(
            z.object({
              specification: z.string(),
              url: z.string(),
              changeset: z.string(),
              type: z.string(),
              formats: z.array(z.string()),
            }),
          ),
        }),
        'Discovery',
      ),
    },
  });
  registry.registerPath({
    operationId: 'open311Services',
    method: 'get',
    path: '/open311/v2/services.json',
    tags: ['open311'],
    summary: 'Services (categories), in the language of `locale`',
    request: { query: z.object({ locale: z.string().optional().openapi({ example: 'en' }) }) },
    responses: { 200: json(z.array(ZService), 'Services'), 429: failure('Too many requests') },
  });
  registry.registerPath({
    operationId: 'open311ServiceDefinition',
    method: 'get',
    path: '/open311/v2/services/{service_code}.json',
    tags: ['open311'],
    summary: 'A service definition: the attributes its requests take (`attribute[code]=value` when posting)',
    request: { params: pathParam('service_code'), query: z.object({ locale: z.string().optional() }) },
    responses: {
      200: json(z.object({ service_code: z.string(), attributes: z.array(ZAttribute) }), 'The definition'),
      404: failure('No such service'),
    },
  });
  registry.registerPath({
    operationId: 'open311PostRequest',
    method: 'post',
    path: '/open311/v2/requests.json',
    tags: ['open311'],
    summary: 'Submit on behalf of a citizen (a key with the submit scope, as api_key or X-Api-Key)',
    security: security.apiKey,
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      body: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z
              .object({
                api_key: z.string().optional(),
                service_code: z.string(),
                lat: z.string().optional(),
                long: z.string().optional(),
                address_string: z.string().optional(),
                address_id: z.string().optional().openapi({ description: 'A commune code' }),
                description: z.string(),
                media_url: z.string().optional(),
                first_name: z.string().optional(),
                last_name: z.string().optional(),
                email: z.string().optional(),
                phone: z.string().optional(),
                device_id: z.string().optional(),
                account_id: z.string().optional(),
              })
              .catchall(z.string())
              .openapi({ description: '`attribute[code]` fields as the service definition lists them' }),
          },
        },
      },
    },
    responses: {
      200: json(
        z.array(
          z.union([
            z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.null() }),
            z.object({ token: z.string(), service_notice: z.string() }),
          ]),
        ),
        'The tracking code, or a token while the case waits',
      ),
      400: failure('Refused, naming the field'),
      401: failure('No valid key'),
      403: failure('The key lacks the submit scope'),
      429: failure("Over the key's rate limit"),
    },
  });
  registry.registerPath({
    operationId: 'open311ListRequests',
    method: 'get',
    path: '/open311/v2/requests.json',
    tags: ['open311'],
    summary:
      'Requests (no citizen data; their words for a key that reads the unit), newest first; the last 90 days by default',
    security: readKey.apiKey,
    request: {
      query: z.object({
        api_key: z.string().optional(),
        service_request_id: z.string().optional().openapi({ description: 'Comma-separated tracking codes' }),
        service_code: z.string().optional(),
        start_date: z.string().optional(),
        end_date: z.string().optional(),
        status: z.enum(['open', 'closed']).optional(),
        page: z.number().int().optional(),
        page_size: z.number().int().max(1000).optional(),
      }),
    },
    responses: {
      200: json(z.array(ZRequest), 'Requests'),
      400: failure('A filter is wrong'),
      429: failure('Too many requests'),
    },
  });
  registry.registerPath({
    operationId: 'open311GetRequest',
    method: 'get',
    path: '/open311/v2/requests/{service_request_id}.json',
    tags: ['open311'],
    summary: 'One request',
    security: readKey.apiKey,
    request: { params: pathParam('service_request_id'), query: z.object({ api_key: z.string().optional() }) },
    responses: { 200: json(z.array(ZRequest), 'The request'), 404: failure('No such request') },
  });
  registry.registerPath({
    operationId: 'open311GetToken',
    method: 'get',
    path: '/open311/v2/tokens/{token}.json',
    tags: ['open311'],
    summary: 'The service_request_id behind a token, once the case exists',
    request: { params: pathParam('token') },
    responses: {
      200: json(z.array(z.object({ token: z.string(), service_request_id: z.string().nullable() })), 'The token'),
      404: failure('No such token'),
    },
  });
}
