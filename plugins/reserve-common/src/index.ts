/**
 * Types, check catalogue, scoring and permissions shared by the Kube Reserve plugins.
 *
 * @packageDocumentation
 */

export * from './actions';
export * from './annotations';
export * from './assessedEntities';
export * from './backups';
export * from './checks';
export * from './cluster';
export * from './duration';
export * from './failover';
export * from './history';
export * from './judged';
export * from './ownership';
export * from './permissions';
export * from './platform';
export * from './policy';
export * from './report';
export * from './runbooks';
export * from './scoring';
export * from './states';
export * from './summarizeReport';
export * from './waivers';
