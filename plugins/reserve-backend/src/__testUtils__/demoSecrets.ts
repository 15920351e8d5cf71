import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { examplesDir } from './demoCatalog';

/** Shorter values ("5432", "true") would match by chance; none of the demo's secrets is. */
const SHORTEST_SECRET = 8;

function fixtureDocuments(): { file: string; doc: any }[] {
  const clustersDir = resolve(examplesDir, 'clusters');
  return readdirSync(clustersDir).flatMap(cluster =>
    readdirSync(resolve(clustersDir, cluster))
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file => {
        const path = resolve(clustersDir, cluster, file);
        return parseAllDocuments(readFileSync(path, 'utf8')).map(d => ({
          file: path,
          doc: d.toJS(),
        }));
      }),
  );
}

// A credentials file (`aws_secret_access_key = ...`) leaks by its values as much as whole.
function withLineValues(value: string): string[] {
  const lines = value
    .split('\n')
    .map(line => line.replace(/^[^=]*=\s*/, '').trim());
  return [value, ...lines];
}

/**
 * Every secret the demo holds: each cluster's tokens (cluster.yaml), and each Secret's values,
 * `data` decoded from base64 and as written, `stringData` as written and as the API server
 * stores it. A value that also appears outside Secrets (a database user named after its
 * service, as the catalog names it) is public and left out.
 */
export function demoSecretValues(): string[] {
  const documents = fixtureDocuments();
  const candidates: string[] = [];
  const publicText: string[] = [
    readFileSync(resolve(examplesDir, 'entities.yaml'), 'utf8'),
    readFileSync(resolve(examplesDir, 'org.yaml'), 'utf8'),
  ];
  for (const { file, doc } of documents) {
    if (file.endsWith('cluster.yaml')) {
      candidates.push(...(doc?.tokens ?? []).map((t: any) => String(t.token)));
    } else if (doc?.kind === 'Secret') {
      for (const value of Object.values<string>(doc.data ?? {})) {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        candidates.push(value, ...withLineValues(decoded));
      }
      for (const value of Object.values<string>(doc.stringData ?? {})) {
        candidates.push(
          ...withLineValues(String(value)),
          Buffer.from(String(value)).toString('base64'),
        );
      }
    } else {
      publicText.push(JSON.stringify(doc ?? null));
    }
  }
  const everythingPublic = publicText.join('\n');
  return [...new Set(candidates)].filter(
    value =>
      value.length >= SHORTEST_SECRET && !everythingPublic.includes(value),
  );
}

/** The secrets that occur in any of the texts, each with where the first text holds it. */
export function secretsIn(
  texts: readonly string[],
  secrets: readonly string[],
): { secret: string; foundIn: string }[] {
  return secrets.flatMap(secret => {
    const holder = texts.find(text => text.includes(secret));
    return holder === undefined
      ? []
      : [{ secret, foundIn: excerptAround(holder, secret) }];
  });
}

// Where the secret sits, with the secret itself masked: a failure report must not spread it.
function excerptAround(text: string, secret: string): string {
  const at = text.indexOf(secret);
  return `${text.slice(Math.max(0, at - 120), at)}<secret ${secret.slice(
    0,
    3,
  )}…>${text.slice(at + secret.length, at + secret.length + 40)}`;
}
