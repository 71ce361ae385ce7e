import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { appMessages } from './app-messages';
import { raVietnamese } from './ra-vi';

const messages = {
  vi: { ...raVietnamese, ...appMessages.vi },
  en: { ...englishMessages, ...appMessages.en },
};

/** Vietnamese by default, English on request; the choice is remembered by react-admin's store. */
export const i18nProvider = polyglotI18nProvider((locale) => messages[locale as 'vi' | 'en'] ?? messages.vi, 'vi', [
  { locale: 'vi', name: 'Tiếng Việt' },
  { locale: 'en', name: 'English' },
]);
