// NestJS 12 ships ES modules only: swc compiles them (and their ESM-only deps) for Jest's CommonJS mode.
const esmPackages = ['@nestjs', 'unpdf', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', '@borewit'];
const { compilerOptions } = require('./tsconfig.json');
const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
}
// unpdf's CommonJS build loads PDF.js with a native import(), which Jest's VM refuses: its ES build, compiled like the rest
moduleNameMapper['^unpdf$'] = '<rootDir>/node_modules/unpdf/dist/index.mjs';
moduleNameMapper['^unpdf/pdfjs$'] = '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/web/'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
  testTimeout: 60000,
  // one check of PostgreSQL / Redis / Chromium per run; an embedded PostgreSQL when none is reachable
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/close-leftovers.ts'],
};
