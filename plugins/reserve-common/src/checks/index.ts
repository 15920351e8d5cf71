export * from './definition';
export * from './catalogue';
