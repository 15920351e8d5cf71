/**
 * Types, check catalogue, scoring and permissions shared by the Kube Reserve plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './checks';
export * from './cluster';
export * from './ownership';
export * from './permissions';
export * from './policy';
export * from './report';
export * from './scoring';
export * from './states';
