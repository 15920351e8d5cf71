import { resolve } from 'node:path';

/** The repository's examples folder: the demo catalog and cluster fixtures. */
export const examplesDir = resolve(__dirname, '../../../../examples');

/** Catalog configuration that ingests the demo catalog (teams, services, clusters). */
export const demoCatalogConfig = {
  processingInterval: { seconds: 1 },
  rules: [
    { allow: ['Component', 'System', 'Resource', 'Group', 'User', 'Location'] },
  ],
  locations: [
    { type: 'file', target: resolve(examplesDir, 'entities.yaml') },
    { type: 'file', target: resolve(examplesDir, 'org.yaml') },
  ],
};
