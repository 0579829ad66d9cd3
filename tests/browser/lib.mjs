// What run.mjs and screenshot.mjs share: how to start Debian's Chromium, and how to keep a page
// off the network while noting what it tried to reach.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Playwright's own browser download is not reachable here; Debian's package is.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // CI runs as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Chromium phones home on its own (updates, sync, field trials); those requests are not the site's.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: run scripts/install-browser-deps.sh (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

// data:, blob: and about: reach no host; everything else must be a file of the site itself.
export function isLocalUrl(url) {
  return /^(file|data|blob|about):/i.test(url);
}

// Aborting keeps a broken page from waiting on a network that is not there (and sends nothing out);
// the 'request' event still fires first, also for loads the page's CSP blocks, so nothing is missed.
export async function keepOffline(context, onOffsite) {
  context.on('request', (req) => {
    if (!isLocalUrl(req.url())) onOffsite(req.url());
  });
  context.on('websocket', (ws) => onOffsite(ws.url()));
  await context.route((url) => !isLocalUrl(url.href), (route) => route.abort('blockedbyclient'));
}

// Turns a directory URL ('…/tuan-giao/') into the file a static server would send.
export function fileForUrlPath(p) {
  if (p.endsWith(path.sep) || (existsSync(p) && statSync(p).isDirectory())) return path.join(p, 'index.html');
  return p;
}

export function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
