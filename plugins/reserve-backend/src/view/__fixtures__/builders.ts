// Shared builders for check tests: small well-behaved objects to change one thing at a time.
export * from './objectBuilders';
export * from './veleroBuilders';
export * from './platformBuilders';
export * from './viewBuilders';
export * from './workloadBuilders';
