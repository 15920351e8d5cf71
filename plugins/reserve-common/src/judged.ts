import { EntityReport } from './report';

/**
 * Whether a report was judged on data from every one of its clusters: one judged while a
 * cluster was never collected yet (`pending`, just after a start) says `unknown` for want of
 * data, not because anything on the clusters is so. History does not record such a report and
 * Tech Insights does not publish it.
 */
export function isJudgedOnCollectedClusters(
  report: Pick<EntityReport, 'clusters'>,
): boolean {
  return report.clusters.every(cluster => cluster.status.state !== 'pending');
}
