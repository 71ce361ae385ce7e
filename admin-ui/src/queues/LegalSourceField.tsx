import { useLocale, useRecordContext, useTranslate } from 'react-admin';

/**
 * The legal basis of an SLA rule or calendar day in the officer's language: the Vietnamese text
 * (the one cited) in Vietnamese, its English translation in English (the Vietnamese when none).
 */
export function LegalSourceField(_props: { label?: string; source?: 'source' }) {
  const record = useRecordContext<{ source?: string; sourceEn?: string }>();
  const locale = useLocale();
  if (!record?.source) return null;
  return <span>{locale === 'en' && record.sourceEn ? record.sourceEn : record.source}</span>;
}

/** The topic an SLA rule applies to: a category by name, or every topic of its legal track. */
export function RuleCategoryField(_props: { label?: string; source?: 'category' }) {
  const record = useRecordContext<{
    category?: string | null;
    categoryNameVi?: string | null;
    categoryNameEn?: string | null;
  }>();
  const locale = useLocale();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.category) return <span>{translate('caunoi.reference.allCategories')}</span>;
  return <span>{(locale === 'en' ? record.categoryNameEn : record.categoryNameVi) ?? record.category}</span>;
}
