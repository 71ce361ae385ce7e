import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ZPublication, ZPublishRequest, ZUploadedAttachment, ZWithdrawPublicationRequest, z } from '@caunoi/contract';
import { type Security, ZError, errors, idParam, json, pathParam } from './openapi-parts';

/** The public register: a case's publication (the unit head's), and each unit's Atom feed. */
export function registerPublicationPaths(registry: OpenAPIRegistry, security: Security): void {
  registry.registerPath({
    operationId: 'getCasePublication',
    method: 'get',
    path: '/api/cases/{id}/publication',
    tags: ['officers'],
    summary: "A case's publication: the citizen's choice, the bases open, the masked texts beside the originals",
    security: security.officer,
    request: { params: idParam },
    responses: { 200: json(ZPublication, 'The publication panel'), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'publishCaseAnswer',
    method: 'put',
    path: '/api/cases/{id}/publication',
    tags: ['officers'],
    summary: 'Publish the answer in the public register (the unit head), with the reviewed texts',
    description:
      'The texts are checked again: anything that still identifies a person is refused, naming the field. The case must be answered; the basis must be open to it (consent, or the public interest with a reason, never for a complaint or denunciation without consent).',
    security: security.officer,
    request: { params: idParam, body: { content: { 'application/json': { schema: ZPublishRequest } } } },
    responses: {
      200: json(ZPublication, 'Published'),
      400: errors[400],
      401: errors[401],
      404: errors[404],
      409: json(ZError, 'A stale version, not answered yet, already published, or not on this basis'),
    },
  });
  registry.registerPath({
    operationId: 'withdrawCasePublication',
    method: 'delete',
    path: '/api/cases/{id}/publication',
    tags: ['officers'],
    summary: 'Take the answer out of the public register, with the reason (the entry is kept, withdrawn)',
    security: security.officer,
    request: {
      params: idParam,
      body: { content: { 'application/json': { schema: ZWithdrawPublicationRequest } } },
    },
    responses: {
      200: json(ZPublication, 'Withdrawn'),
      400: errors[400],
      401: errors[401],
      404: errors[404],
      409: json(ZError, 'A stale version, or not published'),
    },
  });
  registry.registerPath({
    operationId: 'uploadAnswerFiles',
    method: 'post',
    path: '/api/cases/{id}/attachments',
    tags: ['officers'],
    summary: 'Upload files for an answer (the signed document, photos); the respond transition names their ids',
    description:
      'multipart/form-data with up to 5 files in `files`, 10 MB each; the type is read from the content. They reach the citizen only with the answer that names them (after approval, for a draft).',
    security: security.officerOrApiKey,
    request: {
      params: idParam,
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({ files: z.array(z.string().openapi({ format: 'binary' })) }),
          },
        },
      },
    },
    responses: {
      201: json(z.array(ZUploadedAttachment), 'Stored, waiting for the answer'),
      400: errors[400],
      401: errors[401],
      404: errors[404],
      409: json(ZError, 'The case takes no answer now'),
      415: json(ZError, 'Not multipart/form-data'),
    },
  });
  registry.registerPath({
    operationId: 'unitRegisterFeed',
    method: 'get',
    path: '/cong-khai/don-vi/{code}/atom.xml',
    tags: ['public'],
    summary: "A unit's published answers (and its subtree's), newest 50, as an Atom feed",
    request: { params: pathParam('code', z.string().openapi({ example: '00004' })) },
    responses: {
      200: { description: 'An Atom feed (RFC 4287)', content: { 'application/atom+xml': { schema: z.string() } } },
      404: { description: 'No such unit (the portal’s page)' },
    },
  });
}
