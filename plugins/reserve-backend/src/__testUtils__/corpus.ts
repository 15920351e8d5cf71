import fs from 'node:fs';
import path from 'node:path';
import { Faults } from '@kube-reserve/cluster-sim';
import {
  CheckId,
  CheckState,
  Verdict,
  checkCatalogue,
  isCheckId,
} from '@kube-reserve/plugin-reserve-common';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

/** The corpus folder: platform bases, scenarios and the upstream manifests they adapt. */
export const corpusDir = path.resolve(__dirname, '../__corpus__');

/** Every check id of the catalogue, in its order. */
export const checkIds: CheckId[] = checkCatalogue.map(c => c.id);

const states = ['pass', 'warn', 'fail', 'unknown', 'not-applicable'] as const;
const verdicts = ['ready', 'at-risk', 'not-ready', 'unknown'] as const;

// [state, why] or [state, why, text the check's message must contain]
const expectationSchema = z.union([
  z.tuple([z.enum(states), z.string().min(8)]),
  z.tuple([z.enum(states), z.string().min(8), z.string().min(1)]),
]);

const factsSchema = z
  .object({
    site: z.string(),
    provider: z.string(),
    region: z.string(),
    managedControlPlane: z.boolean(),
  })
  .partial()
  .strict();

const sideSchema = z
  .object({
    /** Facts of the cluster under `reserve.clusters`, over the platform's. */
    facts: factsSchema.optional(),
    /** cluster.yaml keys over the platform's (version, certificate, nodes, crds). */
    cluster: z.record(z.string(), z.unknown()).optional(),
    /** Platform manifest files (of platform/<role>/) this scenario leaves out. */
    withoutPlatformFiles: z.array(z.string()).optional(),
    /** Simulator faults switched on before the backend starts. */
    faults: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const scenarioSchema = z
  .object({
    title: z.string().min(8),
    /** What is planted, and why each expected state follows from DESIGN §5. */
    description: z.string().min(20),
    /** Saved files of upstream/ (see upstream/SOURCES.md) the manifests come from. */
    sources: z.array(z.string()).min(1),
    entity: z
      .object({ annotations: z.record(z.string(), z.string()) })
      .strict(),
    primary: sideSchema.default({}),
    reserve: sideSchema.default({}),
    expect: z.record(z.string(), expectationSchema),
    verdict: z.enum(verdicts),
  })
  .strict();

/** What a scenario expects of one check, and why. */
export interface Expectation {
  state: Exclude<CheckState, 'waived'>;
  why: string;
  /**
   * Text the check's message must contain (e.g. the exact figure), if any; `/…/` is a regular
   * expression, for a figure that moves while the corpus runs.
   */
  mentions?: string;
}

/** One cluster of a scenario, ready to be written as a simulator fixture folder. */
export interface CorpusCluster {
  name: string;
  role: 'primary' | 'reserve';
  facts: z.infer<typeof factsSchema>;
  definition: Record<string, unknown>;
  /** Manifest files, by the name they get in the fixture folder. */
  files: Array<{ name: string; text: string }>;
  faults: Faults;
}

/** A scenario of the corpus: an entity, its primary and reserve, and every check's expected state. */
export interface CorpusScenario {
  id: string;
  title: string;
  entityName: string;
  annotations: Record<string, string>;
  clusters: [CorpusCluster, CorpusCluster];
  expect: Record<CheckId, Expectation>;
  verdict: Verdict;
}

const defaultFacts = {
  primary: { site: 'fra1', provider: 'hetzner', region: 'eu-central' },
  reserve: { site: 'ams3', provider: 'digitalocean', region: 'eu-west' },
};

function readYaml(file: string): unknown {
  return parse(fs.readFileSync(file, 'utf8'));
}

function yamlFiles(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
    : [];
}

function expectationsIn(
  raw: Record<string, unknown>,
  where: string,
): Partial<Record<CheckId, Expectation>> {
  const result: Partial<Record<CheckId, Expectation>> = {};
  for (const [id, value] of Object.entries(raw)) {
    if (!isCheckId(id)) {
      throw new Error(`${where}: expect.${id} is not a check id`);
    }
    const parsed = expectationSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `${where}: expect.${id} must be [state, why] or [state, why, mentions]: ${parsed.error.message}`,
      );
    }
    const [state, why, mentions] = parsed.data;
    result[id as CheckId] = { state, why, ...(mentions ? { mentions } : {}) };
  }
  return result;
}

function loadCluster(
  id: string,
  role: 'primary' | 'reserve',
  side: z.infer<typeof sideSchema>,
  scenarioDir: string,
): CorpusCluster {
  const name = `${id.slice(0, 3)}-${role}`;
  const platformDir = path.join(corpusDir, 'platform', role);
  const base = readYaml(
    path.join(corpusDir, 'platform', `${role}.cluster.yaml`),
  );
  const skipped = side.withoutPlatformFiles ?? [];
  for (const file of skipped) {
    if (!fs.existsSync(path.join(platformDir, file))) {
      throw new Error(
        `${scenarioDir}: ${role}.withoutPlatformFiles names ${file}, which platform/${role} lacks`,
      );
    }
  }
  // The platform's Velero locations share one bucket; each scenario gets its own prefix.
  const fill = (text: string) => text.replaceAll('{{scenario}}', id);
  const files = [
    ...yamlFiles(platformDir)
      .filter(f => !skipped.includes(f))
      .map(f => ({
        name: `00-platform-${f}`,
        text: fill(fs.readFileSync(path.join(platformDir, f), 'utf8')),
      })),
    ...yamlFiles(path.join(scenarioDir, role)).map(f => ({
      name: `50-${f}`,
      text: fill(fs.readFileSync(path.join(scenarioDir, role, f), 'utf8')),
    })),
  ];
  return {
    name,
    role,
    facts: { ...defaultFacts[role], ...side.facts },
    definition: { ...(base as object), ...side.cluster, name },
    files,
    faults: (side.faults ?? {}) as Faults,
  };
}

/**
 * Reads every scenario under scenarios/, with the platform's expectations filled in; `only`
 * (e.g. `['s01', 's07']`) limits it to scenarios whose id starts with one of them.
 */
export function loadCorpus(only?: string[]): CorpusScenario[] {
  const platformExpect = expectationsIn(
    readYaml(path.join(corpusDir, 'platform', 'expect.yaml')) as Record<
      string,
      unknown
    >,
    'platform/expect.yaml',
  );
  const scenariosDir = path.join(corpusDir, 'scenarios');
  return fs
    .readdirSync(scenariosDir)
    .filter(entry => /^s\d\d-/.test(entry))
    .filter(entry => !only || only.some(prefix => entry.startsWith(prefix)))
    .sort()
    .map(id => {
      const dir = path.join(scenariosDir, id);
      const where = `scenarios/${id}/scenario.yaml`;
      const parsed = scenarioSchema.safeParse(
        readYaml(path.join(dir, 'scenario.yaml')),
      );
      if (!parsed.success) {
        throw new Error(`${where}: ${parsed.error.message}`);
      }
      const scenario = parsed.data;
      const expect = {
        ...platformExpect,
        ...expectationsIn(scenario.expect, where),
      };
      const missing = checkIds.filter(check => !expect[check]);
      if (missing.length > 0) {
        throw new Error(`${where}: no expectation for ${missing.join(', ')}`);
      }
      const clusters: [CorpusCluster, CorpusCluster] = [
        loadCluster(id, 'primary', scenario.primary, dir),
        loadCluster(id, 'reserve', scenario.reserve, dir),
      ];
      return {
        id,
        title: scenario.title,
        entityName: id,
        annotations: {
          'kube-reserve.io/clusters': `primary=${clusters[0].name},reserves=${clusters[1].name}`,
          ...scenario.entity.annotations,
        },
        clusters,
        expect: expect as Record<CheckId, Expectation>,
        verdict: scenario.verdict,
      };
    });
}

/** Writes every scenario's clusters as simulator fixture folders under `dir`. */
export function writeFixtures(scenarios: CorpusScenario[], dir: string) {
  for (const cluster of scenarios.flatMap(s => s.clusters)) {
    const folder = path.join(dir, cluster.name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'cluster.yaml'),
      stringify(cluster.definition),
    );
    for (const file of cluster.files) {
      fs.writeFileSync(path.join(folder, file.name), file.text);
    }
  }
}

/** The catalog the corpus needs: one Component per scenario, owned by one team. */
export function writeCatalog(scenarios: CorpusScenario[], file: string) {
  const team = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'corpus-team' },
    spec: { type: 'team', children: [] },
  };
  const components = scenarios.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: s.entityName,
      title: s.title,
      annotations: s.annotations,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'corpus-team' },
  }));
  fs.writeFileSync(
    file,
    [team, ...components].map(doc => stringify(doc)).join('---\n'),
  );
}

/** `reserve.clusters`: every corpus cluster with its role and facts. */
export function reserveClusters(
  scenarios: CorpusScenario[],
): Record<string, object> {
  return Object.fromEntries(
    scenarios
      .flatMap(s => s.clusters)
      .map(c => [c.name, { role: c.role, ...c.facts }]),
  );
}
