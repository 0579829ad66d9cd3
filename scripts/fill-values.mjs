// Writes illustrative figures into a project made by `chiso new --history`, so that a province of
// many communes can be built and looked at (scripts/test.sh builds Thanh Hóa's 166 with it):
//
//   chiso new /tmp/th --province 38 --history && node scripts/fill-values.mjs /tmp/th
//
// The figures are made up but deterministic (a hash of each unit's code), shaped to exercise the
// charts: former districts have figures for 2019–2025-H1, communes for 2025 and 2026-H1; every
// 20th commune has none (the comparisons name them once); the districts have no fixed broadband
// figures for 2022 and 2023 (a gap in the province's growth line); the province has targets.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/fill-values.mjs PROJECT_DIR');
  process.exit(2);
}

// A CSV row, with fields in double quotes where they hold commas.
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') (cur += '"'), k++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

const lines = readFileSync(path.join(root, 'data/units.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
const head = fields(lines[0]);
const col = (name) => head.indexOf(name);
const units = lines
  .slice(1)
  .filter((l) => l.trim())
  .map(fields)
  .map((f) => ({ code: f[col('code')], slug: f[col('slug')], parent: f[col('parent')], from: f[col('from')], until: f[col('until')] }));

// FNV-1a of the code, then a few draws from it.
function draws(code) {
  let h = 2166136261;
  for (const c of code) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (k) => (Math.imul(h ^ (k * 2654435761), 2246822519) >>> 0) / 2 ** 32;
}

const SOURCE = 'Số liệu minh họa';
const districtPeriods = ['2019', '2020', '2021', '2022', '2023', '2024', '2025-H1'];
const communePeriods = ['2025', '2026-H1'];
const SUMMED = ['villages', 'villages_mobile_broadband', 'villages_fixed_broadband', 'mobile_subscribers',
  'mobile_broadband_subscribers', 'fixed_broadband_subscribers'];
const values = (u) => {
  const out = [];
  const ended = u.until !== '';
  const r = draws(u.code);
  const periods = ended ? districtPeriods : communePeriods;
  const villages = ended ? 120 + Math.round(r(1) * 180) : 8 + Math.round(r(1) * 30);
  periods.forEach((p, t) => {
    const grow = 1 + 0.04 * t;
    const mobileShare = Math.min(1, 0.7 + 0.28 * r(2) + 0.01 * t);
    const fibreShare = Math.min(1, 0.5 + 0.45 * r(3) + 0.02 * t);
    const people = (ended ? 40000 : 9000) * (0.6 + r(4));
    const v = [villages, Math.round(villages * mobileShare), Math.round(villages * fibreShare),
      Math.round(people * 1.1 * grow), Math.round(people * 0.8 * grow), Math.round(people * 0.12 * grow)];
    SUMMED.forEach((ind, k) => {
      if (ind === 'fixed_broadband_subscribers' && ended && (p === '2022' || p === '2023')) return;
      out.push({ ind, p, v: v[k] });
    });
  });
  return out;
};

// The province reports its own totals for the communes' periods, since some communes have none.
const totals = new Map();
let communes = 0;
let written = 0;
const files = [];
for (const u of units.filter((u) => u.parent)) {
  const ended = u.until !== '';
  const vs = values(u);
  if (!ended) {
    for (const { ind, p, v } of vs) totals.set(`${ind},${p}`, (totals.get(`${ind},${p}`) || 0) + v);
    if (communes++ % 20 === 7) continue; // a commune without figures
  }
  files.push([u.slug, vs.map(({ ind, p, v }) => `${ind},${p},actual,${v},${SOURCE},`)]);
}
const province = units.find((u) => !u.parent);
files.push([
  province.slug,
  [
    ...[...totals].map(([k, v]) => `${k},actual,${v},${SOURCE},`),
    `mobile_coverage_pct,2026,target,100,${SOURCE},`,
    `fixed_broadband_coverage_pct,2026,target,95,${SOURCE},`,
  ],
]);
for (const [slug, rows] of files) {
  writeFileSync(path.join(root, 'data/values', `${slug}.csv`), ['indicator,period,kind,value,source,note', ...rows].join('\n') + '\n');
  written++;
}
console.log(`${written} values files written in ${path.join(root, 'data/values')} (${communes} communes)`);
