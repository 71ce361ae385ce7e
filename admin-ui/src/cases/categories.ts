import { useEffect, useState } from 'react';
import { useLocale } from 'react-admin';

interface CategoryName {
  code: string;
  nameVi: string;
  nameEn: string;
}

let loaded: Promise<CategoryName[]> | null = null;

/** The active categories, in the officer's language (the public reference data, fetched once per page load). */
export function useCategories(): Array<{ id: string; name: string }> {
  const locale = useLocale();
  const [list, setList] = useState<CategoryName[]>([]);
  useEffect(() => {
    loaded ??= fetch('/api/public/reference')
      .then((r) => r.json())
      .then((body: { categories: CategoryName[] }) => body.categories);
    void loaded.then(setList);
  }, []);
  return list.map((c) => ({ id: c.code, name: locale === 'vi' ? c.nameVi : c.nameEn }));
}
