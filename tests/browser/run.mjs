// Browser checks of a built chiso site, opened from disk as file:// URLs: the site links only
// relatively so that it works when someone opens a downloaded copy, and these checks hold it to that.
//
//   node tests/browser/run.mjs SITE_DIR [--pages=PATH,PATH…]
//
// --pages checks only those pages (paths inside the site, e.g. index.html,en/index.html): scripts/test.sh
// checks a 166-commune province's home page that way, where the charts are longest.
//
// For each page of a sample (home, unit pages, one indicator page, methodology, open data; the same
// under en/) five checks, each counted as one test:
//   axe        no WCAG 2.x A/AA violation found by axe-core (desktop, JavaScript on)
//   offline    no request to any host: every script, style, font and image is a file of the site
//   phone      no horizontal scrolling at 320 CSS px, the narrowest phone WCAG reflow asks for
//   charts     at 390 CSS px, a common phone: no horizontal scrolling, and no text of a chart (inline
//              svg.chart, scaled to its column) rendered smaller than 12 CSS px
//   clean      under the page's own Content-Security-Policy: no console error, no uncaught
//              exception, no missing file
//   links      every relative href/src points at a file of the site; none starts with '/', which
//              from file:// would mean the root of the disk
// The last line is "N passed, M failed"; the exit status is 1 when anything failed.
import { createRequire } from 'node:module';
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileForUrlPath, isDir, isFile, isLocalUrl, keepOffline, launchChromium } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MAX_PAGES = 30; // enough to meet every template twice over, few enough to stay under a minute or two
const PHONE_WIDTH = 320;
const CHART_PHONE_WIDTH = 390;
const MIN_CHART_TEXT_PX = 12;
const LANGUAGE_FOLDERS = ['en', 'vi']; // the first language is at the root, the other in its own folder

// ---------------------------------------------------------------------------------------------
// Which pages

// Home, one indicator page, methodology and open data are each a different template, so they come
// first; the rest of the pages one level down (mostly units) fill up to MAX_PAGES, taken in turn from
// each language so that a long Vietnamese list cannot crowd out English.
function choosePages(site) {
  const roots = [''];
  for (const lang of LANGUAGE_FOLDERS) if (isDir(path.join(site, lang))) roots.push(lang);

  const templates = [];
  const others = [];
  for (const root of roots) {
    const dir = path.join(site, root);
    const rel = (...parts) => path.posix.join(root, ...parts);
    const has = (p) => isFile(path.join(site, p));
    const subdirs = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !(root === '' && LANGUAGE_FOLDERS.includes(d.name)))
      .map((d) => d.name)
      .sort();

    const key = [rel('index.html')];
    if (isDir(path.join(dir, 'indicators'))) {
      const one = readdirSync(path.join(dir, 'indicators'), { withFileTypes: true })
        .filter((d) => d.isDirectory() && has(rel('indicators', d.name, 'index.html')))
        .map((d) => d.name)
        .sort()[0];
      if (one) key.push(rel('indicators', one, 'index.html'));
    }
    key.push(rel('methodology', 'index.html'), rel('data', 'index.html'));
    templates.push(...key.filter(has));
    others.push(subdirs.map((d) => rel(d, 'index.html')).filter((p) => has(p) && !key.includes(p)));
  }

  const pages = [...templates];
  for (let i = 0; others.some((list) => i < list.length); i++) {
    for (const list of others) if (i < list.length) pages.push(list[i]);
  }
  return { pages: pages.slice(0, MAX_PAGES), found: pages.length };
}

// ---------------------------------------------------------------------------------------------
// The checks of one page

async function checkPage(browser, site, rel) {
  const url = pathToFileURL(path.join(site, rel)).href;
  const results = [];
  const check = (name, problems) => results.push({ name, problems });
  const offsite = new Set();

  // Desktop, with the page's CSP lifted so that axe can be injected.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await keepOffline(context, (u) => offsite.add(u));
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          count: v.nodes.length,
          targets: v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' ')),
        }));
      }, AXE_TAGS);
      check(
        'axe',
        violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help}; ${v.count} element(s), e.g. ${v.targets.join(' | ')}`,
        ),
      );
    } catch (e) {
      check('axe', [`could not run: ${e.message.split('\n')[0]}`]);
    } finally {
      await context.close();
    }
  }

  // Phone, with the page's own CSP in force, as a reader's browser would have it.
  {
    const context = await browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    await keepOffline(context, (u) => offsite.add(u));
    const unclean = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (err) => unclean.push(`uncaught exception: ${err.message.split('\n')[0]}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        // Our own aborting of an offsite load is already reported by 'offline'.
        if (/ERR_BLOCKED_BY_CLIENT/.test(msg.text()) && !isLocalUrl(msg.location().url || '')) return;
        unclean.push(`console error: ${msg.text()}`);
      });
      page.on('requestfailed', (req) => {
        if (isLocalUrl(req.url())) unclean.push(`failed to load ${req.url()}: ${req.failure()?.errorText}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);

      const width = await page.evaluate(overflowReport, PHONE_WIDTH);
      check(
        `phone ${PHONE_WIDTH}px`,
        width.scrollWidth <= PHONE_WIDTH ? [] : [`page is ${width.scrollWidth} CSS px wide, scrolls sideways; ${width.why}`],
      );
      check('links', checkLinks(site, await page.evaluate(collectLinks)));
    } catch (e) {
      unclean.push(`could not load: ${e.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
    check('clean', unclean);
  }

  // A common phone, for the charts: their text is scaled with them, so it is measured as rendered.
  {
    const context = await browser.newContext({
      viewport: { width: CHART_PHONE_WIDTH, height: 800 },
      isMobile: true,
      hasTouch: true,
    });
    await keepOffline(context, (u) => offsite.add(u));
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const width = await page.evaluate(overflowReport, CHART_PHONE_WIDTH);
      const small = await page.evaluate(smallChartText, MIN_CHART_TEXT_PX);
      const problems = small.map(
        (t) => `chart ${t.chart}: "${t.text}" is ${t.px.toFixed(1)} CSS px, under ${MIN_CHART_TEXT_PX}`,
      );
      if (width.scrollWidth > CHART_PHONE_WIDTH) {
        problems.unshift(`page is ${width.scrollWidth} CSS px wide, scrolls sideways; ${width.why}`);
      }
      check(`charts ${CHART_PHONE_WIDTH}px`, problems);
    } catch (e) {
      check(`charts ${CHART_PHONE_WIDTH}px`, [`could not run: ${e.message.split('\n')[0]}`]);
    } finally {
      await context.close();
    }
  }

  check('offline', [...offsite].map((u) => `request to ${u}`));
  return results;
}

// Runs in the page. Names up to 3 elements that reach past the right edge, with their own box or
// with content that does not fit in it (a long number that cannot wrap), and are not merely inside
// a sideways-scrolling box (which is allowed: a wide table in an overflow-x:auto wrapper).
function overflowReport(limit) {
  const scrollWidth = document.documentElement.scrollWidth;
  // Without it a phone lays the page out 980 px wide, whatever the CSS says.
  if (!document.querySelector('meta[name="viewport"]')) {
    return { scrollWidth, why: 'the page has no <meta name="viewport" content="width=device-width, initial-scale=1">' };
  }
  const clips = (el) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
  const reach = (el) => {
    const r = el.getBoundingClientRect();
    return clips(el) ? r.right : Math.max(r.right, r.left + el.scrollWidth);
  };
  const sticksOut = (el) => reach(el) > limit + 0.5;
  const insideClip = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (clips(a)) return true;
    return false;
  };
  const describe = (el) => {
    const name =
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      [...el.classList].slice(0, 2).map((c) => `.${c}`).join('');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    return `${name} (right edge at ${Math.round(reach(el))} px${text ? `, "${text.slice(0, 30)}"` : ''})`;
  };
  const culprits = [...document.body.querySelectorAll('*')].filter(
    (el) => sticksOut(el) && !insideClip(el) && (clips(el) || ![...el.children].some(sticksOut)),
  );
  return { scrollWidth, why: `sticking out: ${culprits.slice(0, 3).map(describe).join(' | ') || 'nothing found'}` };
}

// Runs in the page. The texts of inline charts drawn smaller than `min` CSS px: the font size in
// the SVG's units times the scale the SVG is drawn at. Up to 5, the smallest first.
function smallChartText(min) {
  const small = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const chart = svg.getAttribute('aria-labelledby')?.split(' ')[0] || svg.id || 'svg.chart';
    for (const t of svg.querySelectorAll('text')) {
      const text = (t.textContent || '').trim();
      const ctm = t.getScreenCTM();
      if (!text || !ctm) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (px < min - 0.01) small.push({ chart, text: text.slice(0, 30), px });
    }
  }
  return small.sort((a, b) => a.px - b.px).slice(0, 5);
}

// Runs in the page.
function collectLinks() {
  const out = [];
  for (const el of document.querySelectorAll('[href], [src]')) {
    for (const attr of ['href', 'src']) {
      const raw = el.getAttribute(attr);
      if (raw === null || raw === '') continue;
      let resolved;
      try {
        resolved = new URL(raw, document.baseURI).href;
      } catch {
        resolved = null;
      }
      out.push({ tag: el.tagName.toLowerCase(), raw, resolved });
    }
  }
  return out;
}

function checkLinks(site, links) {
  const problems = new Set();
  for (const { tag, raw, resolved } of links) {
    if (resolved === null) {
      problems.add(`<${tag}> ${raw}: not a valid URL`);
    } else if (raw.startsWith('/') && !raw.startsWith('//')) {
      problems.add(`<${tag}> ${raw}: starts with '/', which from file:// is the root of the disk; make it relative`);
    } else if (resolved.startsWith('file:')) {
      const u = new URL(resolved);
      u.hash = '';
      u.search = '';
      const target = fileForUrlPath(fileURLToPath(u));
      if (path.relative(site, target).startsWith('..')) problems.add(`<${tag}> ${raw}: points outside the site`);
      else if (!isFile(target)) problems.add(`<${tag}> ${raw}: no such file ${path.relative(site, target)}`);
    }
  }
  return [...problems];
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const only = args.find((a) => a.startsWith('--pages='));
  const rest = args.filter((a) => a !== only);
  const arg = rest[0];
  if (!arg || rest.length > 1) {
    console.error('usage: node tests/browser/run.mjs SITE_DIR [--pages=PATH,PATH…]');
    return 2;
  }
  if (!isFile(path.join(arg, 'index.html'))) {
    console.error(`${arg}: no index.html there; build the site first (chiso build --output ${arg})`);
    return 2;
  }
  const site = realpathSync(arg);
  const { pages, found } = only
    ? (() => {
        const listed = only.slice('--pages='.length).split(',').filter(Boolean);
        const missing = listed.filter((p) => !isFile(path.join(site, p)));
        if (missing.length) throw new Error(`no such page in ${site}: ${missing.join(', ')}`);
        return { pages: listed, found: listed.length };
      })()
    : choosePages(site);
  console.log(
    `Checking ${pages.length} page(s) of ${site}` +
      (found > pages.length ? ` (${found} found; the first ${MAX_PAGES} by template and language)` : ''),
  );

  const browser = await launchChromium();
  const failures = [];
  let passed = 0;
  try {
    for (const rel of pages) {
      console.log(`\n${rel}`);
      for (const { name, problems } of await checkPage(browser, site, rel)) {
        if (problems.length === 0) {
          passed++;
          console.log(`  ok    ${name}`);
        } else {
          failures.push(`${rel}: ${name}`);
          console.log(`  FAIL  ${name}`);
          for (const p of problems) console.log(`          - ${p}`);
        }
      }
    }
  } finally {
    await browser.close();
  }

  if (failures.length) {
    console.log(`\nFailed (details above):`);
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(`\n${passed} passed, ${failures.length} failed`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack || String(err));
    process.exit(2);
  },
);
