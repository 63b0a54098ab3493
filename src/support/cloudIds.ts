// The three cloud variants the source documents describe. Kept apart from clouds.ts so that the data
// modules (phones, hours, response times) can validate cloud ids without importing the cloud profiles,
// which themselves are assembled from those modules.

export const CLOUDS = ['worldwide', '21vianet', 'germany'] as const;
export type Cloud = (typeof CLOUDS)[number];

export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

const CLOUD_NAMES: Record<Cloud, string> = {
  worldwide: 'Microsoft 365 (worldwide)',
  '21vianet': 'Office 365 operated by 21Vianet',
  germany: 'Office 365 Germany',
};

/** Display name of a cloud variant, e.g. "Office 365 operated by 21Vianet". */
export function cloudName(cloud: Cloud): string {
  return CLOUD_NAMES[cloud];
}
