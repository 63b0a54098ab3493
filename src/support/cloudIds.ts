// The three cloud variants the source documents describe. Kept apart from clouds.ts so that the data
// modules (phones, hours, response times) can validate cloud ids without importing the cloud profiles,
// which themselves are assembled from those modules.

import { translate, type Language } from '../i18n/index.js';

export const CLOUDS = ['worldwide', '21vianet', 'germany'] as const;
export type Cloud = (typeof CLOUDS)[number];

export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

/** Display name of a cloud variant, e.g. "Office 365 operated by 21Vianet", "由世纪互联运营的 Office 365". */
export function cloudName(cloud: Cloud, language: Language = 'en'): string {
  return translate(language, `support.cloud.${cloud}.name`);
}
