// Languages and message catalogs: the one place a sentence a person reads comes from.
export { DEFAULT_LANGUAGE, FORMATTING_LOCALE, formattingLocale, isLanguage, LANGUAGES, languageFromLocale, type Language } from './languages.js';
export { CATALOG_AREAS, catalog, catalogFile, formatList, listInEveryLanguage, translate, translateList, type MessageKey, type MessageValue, type MessageValues } from './catalog.js';
export { detectLanguage, type Detection } from './detectLanguage.js';
export { recogniseLanguageRequest, type LanguageRequest } from './languageRequest.js';
export { foldToSimplified, scriptEvidence } from './hanScript.js';
export { knownTimeZone, timeZoneDisplayName } from './timeZoneName.js';
