import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Simulator, startSimulator } from '@kube-reserve/cluster-sim';
import {
  ClusterSummary,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import {
  ReserveTestBackend,
  startReserveBackend,
} from '../__testUtils__/startReserveBackend';
import {
  CorpusCluster,
  CorpusScenario,
  loadCorpus,
  reserveClusters,
  writeCatalog,
  writeFixtures,
} from '../__testUtils__/corpus';
import {
  CheckComparison,
  compareReport,
  corpusFigures,
} from '../__testUtils__/corpusFigures';

jest.setTimeout(240_000);

// CORPUS_ONLY=s01,s07 runs those scenarios alone, while writing them; CI runs them all.
const only = process.env.CORPUS_ONLY?.split(',').map(s => s.trim());
const scenarios = loadCorpus(only);

/** Whether a cluster's collection shows what its faults make of it, and nothing else. */
function collectedAsExpected(
  summary: ClusterSummary | undefined,
  cluster: CorpusCluster,
): boolean {
  if (!summary) return false;
  const { faults } = cluster;
  const { state, kinds } = summary.status;
  if (faults.refuseConnections || faults.hang || faults.expiredCertificate) {
    return state === 'unreachable';
  }
  if (state !== 'ok') return false;
  const refused = [
    ...(faults.forbiddenResources ?? []),
    ...(faults.errorResources ?? []),
  ];
  return Object.entries(kinds).every(
    ([resource, kind]) =>
      kind.state === 'ok' ||
      kind.state === 'absent' ||
      refused.some(r => resource === r || resource.startsWith(`${r}.`)),
  );
}

describe('the verdict corpus: real manifests of public projects, with planted faults', () => {
  let tmp: string;
  let sim: Simulator;
  let backend: ReserveTestBackend;
  const reports = new Map<string, EntityReport>();

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-corpus-'));
    writeFixtures(scenarios, path.join(tmp, 'clusters'));
    writeCatalog(scenarios, path.join(tmp, 'catalog.yaml'));
    sim = await startSimulator({
      fixturesDir: path.join(tmp, 'clusters'),
      ports: 'free',
      pace: 100,
    });
    // Let the workload controllers bring Deployments and StatefulSets to their spec, and
    // Velero's locations sync, before the first collection.
    for (let round = 0; round < 12; round++) sim.tick();
    for (const cluster of scenarios.flatMap(s => s.clusters)) {
      sim.cluster(cluster.name).faults.set(cluster.faults);
    }
    const clusters = reserveClusters(scenarios);
    backend = await startReserveBackend({
      sim,
      reserve: {
        clusters,
        pairs: [
          {
            primary: scenarios[0].clusters[0].name,
            reserves: [scenarios[0].clusters[1].name],
          },
        ],
        refresh: { frequency: { seconds: 20 }, timeout: { seconds: 8 } },
      },
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Group'] }],
        locations: [{ type: 'file', target: path.join(tmp, 'catalog.yaml') }],
      },
    });
    await backend.waitForComponents(scenarios.length);
    const all = scenarios.flatMap(s => s.clusters);
    await backend.waitForClusterSummaries(
      'every corpus cluster collected as its faults allow',
      summaries =>
        all.every(c =>
          collectedAsExpected(
            summaries.find(s => s.name === c.name),
            c,
          ),
        ),
      150_000,
    );
    for (const scenario of scenarios) {
      const res = await backend.get(
        `/api/reserve/entities/component/default/${scenario.entityName}/readiness`,
      );
      if (res.status !== 200) {
        throw new Error(
          `${scenario.id}: readiness answered ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
      reports.set(scenario.id, res.body);
    }
  });

  afterAll(async () => {
    if (reports.size === scenarios.length) {
      const figures = corpusFigures(
        scenarios.map(s => ({ scenario: s, report: reports.get(s.id)! })),
      );
      process.stdout.write(`\n${figures.line}\n`);
    }
    await backend?.stop();
    await sim?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(scenarios.map(s => [s.id, s] as [string, CorpusScenario]))(
    '%s: every check and the verdict as DESIGN §5 says',
    (_id, scenario) => {
      const report = reports.get(scenario.id)!;
      const wrong = compareReport(scenario, report).filter(
        (c: CheckComparison) => !c.matches,
      );
      expect(wrong.map(c => c.explain)).toEqual([]);
      expect(`verdict ${report.verdict} (score ${report.score})`).toMatch(
        `verdict ${scenario.verdict} `,
      );
    },
  );

  it('finds every planted fault, raises no false alarm and never passes on missing data', () => {
    const figures = corpusFigures(
      scenarios.map(s => ({ scenario: s, report: reports.get(s.id)! })),
    );
    expect(figures).toMatchObject({
      recall: figures.planted,
      falseAlarms: 0,
      passOnMissing: 0,
    });
  });
});
