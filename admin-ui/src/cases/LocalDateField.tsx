import { DateField, type DateFieldProps, useLocale } from 'react-admin';

/** Dates in the officer's language and in Vietnam's time zone, whatever the browser's. */
export function LocalDateField(props: DateFieldProps) {
  const locale = useLocale();
  return (
    <DateField
      {...props}
      showTime
      locales={locale === 'vi' ? 'vi-VN' : 'en-GB'}
      options={{ dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }}
    />
  );
}
