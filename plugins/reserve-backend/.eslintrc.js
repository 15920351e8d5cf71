// The backend's folders in layers, lowest first: a folder imports only from the layers below
// its own (and from itself), so no import goes up and no folder cycle can form. The README's
// architecture section draws the same layers.
const layers = [
  ['kube', 'config', 'database', 'schema'],
  ['clusters'],
  ['platform'],
  ['view', 'catalog'],
  ['velero'],
  ['checks'],
  ['overview'],
  ['readiness'],
  ['drills', 'actions', 'history'],
  ['failover', 'runbooks', 'ownership', 'waivers', 'notifications'],
  ['authorization'],
  ['actionsRegistry'],
];
// Above them all: plugin.ts, router.ts and validatedRouter.ts. The test-only folders
// (__testUtils__, __corpus__, conformance) may import anything.
const rootFiles = ['./src/*.ts'];

const zones = layers.flatMap((layer, i) =>
  layer.flatMap(folder => {
    const above = [
      ...layer.filter(other => other !== folder),
      ...layers.slice(i + 1).flat(),
    ].map(other => `./src/${other}`);
    const message = `${folder}/ is in layer ${i} of plugins/reserve-backend/.eslintrc.js: it imports only from the layers below`;
    return [
      { target: `./src/${folder}`, from: above, message },
      { target: `./src/${folder}`, from: rootFiles, message },
    ];
  }),
);

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.json', '.js'] } },
    'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
  },
  rules: {
    'import/no-restricted-paths': ['error', { basePath: __dirname, zones }],
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
});
