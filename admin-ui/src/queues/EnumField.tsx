import { useRecordContext, useTranslate } from 'react-admin';

/** A stored code shown in the officer's language (`caunoi.<group>.<code>`), the code itself when no word exists. */
export function EnumField({ source, group }: { source: string; group: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const value = record?.[source];
  if (value === null || value === undefined || value === '') return null;
  return <span>{translate(`caunoi.${group}.${String(value)}`, { _: String(value) })}</span>;
}
