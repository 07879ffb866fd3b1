import { readFileSync } from 'fs';
import { join } from 'path';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import { importText } from './import-draft';
it('smoke', () => {
  const text = readFileSync(join(__dirname, '../../../../test/fixtures/beautiful-towns-round2-letter.txt'), 'utf8');
  const r = importText(text, { resolver: new UnitNameResolver(demoDirectory()) });
  require('fs').writeFileSync('/tmp/out.json', JSON.stringify(r, null, 2));
});
