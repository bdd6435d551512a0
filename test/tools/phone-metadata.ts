import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The app only handles numbers with country calling code 7, so it ships the phone library's "mobile"
 * metadata cut down to the countries sharing that code (Russia, and Kazakhstan, so +7 7xx is told apart),
 * instead of all ~240 countries: the renderer bundle drops about 90 KB. `npm run phone-metadata` rewrites
 * shared/phone-metadata.json after a library upgrade; a unit test fails while the two disagree.
 */
export const METADATA_FILE = new URL('../../shared/phone-metadata.json', import.meta.url);

interface Metadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: unknown;
}

export function deriveMetadata(): Metadata {
  const full = createRequire(import.meta.url)('libphonenumber-js/metadata.mobile.json') as Metadata;
  const codes = full.country_calling_codes['7'] ?? [];
  return {
    version: full.version,
    country_calling_codes: { 7: codes },
    countries: Object.fromEntries(codes.map((country) => [country, full.countries[country]])),
  };
}

if (import.meta.main) {
  await writeFile(METADATA_FILE, `${JSON.stringify(deriveMetadata())}\n`);
  console.log(`wrote ${METADATA_FILE.pathname}`);
}
