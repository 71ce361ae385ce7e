import type { Response } from 'express';

/**
 * GeoReport v2's two formats: JSON (an array of objects) and XML (a root element of the plural
 * name holding one element per item, fields as child elements). Errors are an array of
 * `{code, description}` in either format, with the HTTP status of the first.
 */
export type Open311Format = 'json' | 'xml';

export function formatOf(path: string): Open311Format | null {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.xml')) return 'xml';
  return null;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function toXmlElement(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const itemName = name.endsWith('s') ? name.slice(0, -1) : 'item';
    return `<${name}>${value.map((v) => toXmlElement(itemName, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXmlElement(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Sends `items` as `<root><item>…</item>…</root>` or as a JSON array (discovery: one object). */
export function sendOpen311(
  res: Response,
  format: Open311Format,
  root: string,
  item: string,
  body: unknown[] | Record<string, unknown>,
  status = 200,
): void {
  res.status(status);
  if (format === 'json') return void res.json(body);
  const inner = Array.isArray(body)
    ? body.map((b) => toXmlElement(item, b)).join('')
    : Object.entries(body)
        .map(([k, v]) => toXmlElement(k, v))
        .join('');
  res.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><${root}>${inner}</${root}>`);
}

export function sendOpen311Errors(
  res: Response,
  format: Open311Format,
  status: number,
  errors: Array<{ description: string }>,
): void {
  sendOpen311(
    res,
    format,
    'errors',
    'error',
    errors.map((e) => ({ code: status, description: e.description })),
    status,
  );
}
