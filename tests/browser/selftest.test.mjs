// Tests of the browser checks themselves: run.mjs must pass a clean site and catch each fault planted
// in fixtures/bad. Without this, a change of Chromium, Playwright or axe-core that made the checks
// see nothing would look exactly like a site with nothing wrong.
//
//   node --test tests/browser/selftest.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function check(site) {
  const r = spawnSync(process.execPath, [path.join(here, 'run.mjs'), path.join(here, 'fixtures', site)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a clean site passes every check', () => {
  const { status, out } = check('good');
  assert.equal(status, 0, out);
  assert.match(out, /^18 passed, 0 failed$/m, out);
});

test('every planted fault is caught, on its page', () => {
  const { status, out } = check('bad');
  assert.equal(status, 1, out);
  const failed = out.slice(out.indexOf('Failed (details above):'));
  for (const expected of [
    'index.html: axe',
    'index.html: offline',
    'index.html: links',
    'index.html: clean',
    'tuan-giao/index.html: phone 320px',
    'tuan-giao/index.html: charts 390px',
    'index.html: charts 390px',
    'en/index.html: clean',
  ]) {
    assert.match(failed, new RegExp(`^  ${expected}$`, 'm'), out);
  }
  assert.match(out, /color-contrast \(serious\)/, out);
  assert.match(out, /request to https:\/\/example\.invalid\/logo\.png/, out);
  assert.match(out, /<a> \/data\/: starts with '\/'/, out);
  assert.match(out, /no such file data\/progress\.csv/, out);
  assert.match(out, /sticking out: div\.wide/, out);
  assert.match(out, /uncaught exception: notDefinedAnywhere is not defined/, out);
  assert.match(out, /chart c1-title: "54\.748" is \d+\.\d CSS px, under 12/, out);
  assert.match(out, /^10 passed, 8 failed$/m, out);
});
