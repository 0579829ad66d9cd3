// Renders pages of a built site to PNG, so that a person can look at them: each page at desktop
// (1280 px) and phone (390 px) width, the whole length of the page, in Vietnamese and, when the
// site has it, in English.
//
//   node tests/browser/screenshot.mjs SITE_DIR OUT_DIR [page...]
//
// A page is a path inside the site as a reader would type it after the site's address: nothing or
// '.' for the home page, 'tuan-giao/' or 'tuan-giao/index.html' for a unit, 'methodology/'.
// The English version is the same path under en/. Files are named after the page, language and
// width: home.vi.desktop.png, tuan-giao.en.phone.png.
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileForUrlPath, isFile, keepOffline, launchChromium } from './lib.mjs';

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 1600 } },
  phone: { viewport: { width: 390, height: 1600 }, isMobile: true, hasTouch: true },
};

function pageName(page) {
  const trimmed = page.replace(/(^|\/)index\.html$/, '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' || trimmed === '.' ? 'home' : trimmed.replace(/\.html$/, '').replaceAll('/', '_');
}

async function main() {
  const [siteArg, outArg, ...pageArgs] = process.argv.slice(2);
  if (!siteArg || !outArg) {
    console.error('usage: node tests/browser/screenshot.mjs SITE_DIR OUT_DIR [page...]');
    return 2;
  }
  if (!isFile(path.join(siteArg, 'index.html'))) {
    console.error(`${siteArg}: no index.html there; build the site first`);
    return 2;
  }
  const site = realpathSync(siteArg);
  mkdirSync(outArg, { recursive: true });
  const pages = pageArgs.length ? pageArgs : [''];

  // Every (file, name) to render; a page that is missing in Vietnamese is an error, in English it
  // only means the site has no English version of it.
  const shots = [];
  let missing = 0;
  for (const page of pages) {
    const relative = page.replace(/^\/+/, '');
    const vi = fileForUrlPath(path.join(site, relative));
    if (!isFile(vi)) {
      console.error(`no such page: ${path.relative(site, vi) || relative} in ${site}`);
      missing++;
      continue;
    }
    shots.push({ file: vi, name: `${pageName(relative)}.vi` });
    const en = fileForUrlPath(path.join(site, 'en', relative));
    if (isFile(en)) shots.push({ file: en, name: `${pageName(relative)}.en` });
  }

  const browser = await launchChromium();
  try {
    for (const [width, options] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext(options);
      await keepOffline(context, (u) => console.warn(`  warning: the page asked for ${u} (blocked)`));
      const tab = await context.newPage();
      for (const { file, name } of shots) {
        const out = path.join(outArg, `${name}.${width}.png`);
        await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await tab.evaluate(() => document.fonts.ready);
        // Narrative images load lazily, as a reader scrolls; a whole-page picture needs them all.
        await tab.evaluate(() =>
          Promise.all(
            [...document.images].map((img) => {
              img.loading = 'eager';
              return img.decode().catch(() => {});
            }),
          ),
        );
        await tab.screenshot({ path: out, fullPage: true });
        console.log(out);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return missing ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack || String(err));
    process.exit(2);
  },
);
