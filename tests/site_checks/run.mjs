// Checks of a whole built chiso site, every file of it, as files and as a web host serves it:
//
//   node tests/site_checks/run.mjs SITE_DIR [--only html,xml,links,budget,nginx] [--skip nginx]
//
//   html     every page passes the Nu HTML Checker (vnu.jar, npm package vnu-jar) with no error
//   xml      every SVG (files and the inline charts of each page), sitemap.xml and the Atom feeds
//            are well-formed XML (xml_check.py, Python's xml.etree)
//   links    every internal link of every page, of sitemap.xml, of the feeds and of the style
//            sheet leads to a file of the site (and to an id there when it names one); every page
//            is linked from some other page
//   budget   no page is over 30 KiB gzipped (what a phone on a slow mobile network downloads);
//            every text file has its precompressed .gz copy, with the same content
//   nginx    the site part of docs/nginx.conf, run by a real nginx on 127.0.0.1: pages come
//            gzipped to browsers that accept it, a missing page gives 404 with the site's 404
//            page, files have the right types and headers. nginx is stopped at the end.
//
// Each page or file checked counts as one test; the last line is "N passed, M failed" and the
// exit status is 1 when anything failed. Java (vnu), Python 3, nginx and curl come from
// scripts/install-browser-deps.sh.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const VNU_JAR = path.join(REPO, 'tests/browser/node_modules/vnu-jar/build/dist/vnu.jar');
const NGINX_CONF = path.join(REPO, 'docs/nginx.conf');
const PAGE_BUDGET = 30 * 1024; // bytes, gzipped
const GROUPS = ['html', 'xml', 'links', 'budget', 'nginx'];

// ---------------------------------------------------------------------------------------------
// Arguments and results

const args = process.argv.slice(2);
const site = args.find((a, i) => !a.startsWith('--') && !['--only', '--skip'].includes(args[i - 1]));
if (!site || !existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node tests/site_checks/run.mjs SITE_DIR [--only GROUPS] [--skip GROUPS]   (SITE_DIR must hold index.html)');
  process.exit(2);
}
const SITE = path.resolve(site);
const listArg = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1].split(',') : null;
};
const only = listArg('--only');
const skip = listArg('--skip') || [];
const wanted = (g) => (only ? only.includes(g) : true) && !skip.includes(g);

const results = [];
function record(group, name, problems) {
  results.push({ group, name, problems });
  if (problems.length) {
    console.log(`FAILED  ${group}: ${name}`);
    for (const p of problems.slice(0, 20)) console.log(`          ${p}`);
    if (problems.length > 20) console.log(`          … and ${problems.length - 20} more`);
  }
}
function summary(group) {
  const mine = results.filter((r) => r.group === group);
  const bad = mine.filter((r) => r.problems.length).length;
  console.log(`== ${group}: ${mine.length - bad} passed, ${bad} failed`);
}

// ---------------------------------------------------------------------------------------------
// The site's files

function walk(dir, base = dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}
const FILES = walk(SITE);
const FILE_SET = new Set(FILES);
const PAGES = FILES.filter((f) => f.endsWith('.html'));
const read = (rel) => readFileSync(path.join(SITE, rel));
const text = (rel) => read(rel).toString('utf8');
const isDir = (rel) => {
  try {
    return statSync(path.join(SITE, rel)).isDirectory();
  } catch {
    return false;
  }
};

function decodeEntities(s) {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// ---------------------------------------------------------------------------------------------
// html: the Nu HTML Checker

function checkHtml() {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    record('html', 'Nu HTML Checker', ['no `java`: run scripts/install-browser-deps.sh (installs default-jre-headless)']);
    return;
  }
  if (!existsSync(VNU_JAR)) {
    record('html', 'Nu HTML Checker', [`no ${path.relative(REPO, VNU_JAR)}: run scripts/install-browser-deps.sh (npm ci in tests/browser)`]);
    return;
  }
  const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--skip-non-html', '--format', 'json', SITE], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 15 * 60 * 1000,
  });
  let messages;
  try {
    messages = JSON.parse(run.stderr || '{"messages":[]}').messages;
  } catch {
    record('html', 'Nu HTML Checker', [`could not read its output (status ${run.status}): ${(run.stderr || run.error || '').toString().slice(0, 500)}`]);
    return;
  }
  const byPage = new Map();
  const other = [];
  for (const m of messages) {
    const file = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '';
    const rel = path.relative(SITE, path.resolve(file)).split(path.sep).join('/');
    const where = m.lastLine ? `${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : '';
    const msg = `${m.type}${m.subType ? '/' + m.subType : ''} ${where} ${m.message}${m.extract ? ` — “${m.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}”` : ''}`;
    if (PAGES.includes(rel)) {
      if (!byPage.has(rel)) byPage.set(rel, []);
      byPage.get(rel).push(msg);
    } else other.push(`${file}: ${msg}`);
  }
  for (const page of PAGES) record('html', page, byPage.get(page) || []);
  if (other.length) record('html', 'Nu HTML Checker run', other);
}

// ---------------------------------------------------------------------------------------------
// xml: well-formed SVG, sitemap and feeds

function checkXml() {
  const run = spawnSync('python3', [path.join(HERE, 'xml_check.py'), SITE], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60 * 1000 });
  if (run.error || run.status !== 0) {
    record('xml', 'xml_check.py', [`python3 failed: ${run.error || run.stderr}`]);
    return;
  }
  const lines = run.stdout.split('\n').filter(Boolean);
  for (const line of lines) {
    const [status, name, message] = line.split('\t');
    record('xml', name, status === 'OK' ? [] : [message]);
  }
  const needed = ['sitemap.xml', 'feed.xml'].filter((f) => FILE_SET.has(f) && !lines.some((l) => l.split('\t')[1] === f));
  if (needed.length) record('xml', 'files checked', [`not checked: ${needed.join(', ')}`]);
}

// ---------------------------------------------------------------------------------------------
// links

const idCache = new Map();
function idsOf(rel) {
  if (!idCache.has(rel)) {
    const ids = new Set();
    for (const m of text(rel).matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
    idCache.set(rel, ids);
  }
  return idCache.get(rel);
}

// The site's own address (base_url), read from the sitemap's first entry, the home page.
function baseUrl() {
  if (!FILE_SET.has('sitemap.xml')) return null;
  const m = text('sitemap.xml').match(/<loc>([^<]*)<\/loc>/);
  return m ? decodeEntities(m[1]) : null;
}
const BASE = baseUrl();

const linked = new Set(); // pages some other page links to

// Checks one link found in `from`; returns a problem or null.
function checkLink(from, raw, { absoluteOk = false } = {}) {
  const href = decodeEntities(raw).trim();
  if (href === '') return `empty link`;
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1));
    if (id && from.endsWith('.html') && !idsOf(from).has(id)) return `${raw}: no id "${id}" on this page`;
    return null;
  }
  let target;
  let fragment = '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    if (!BASE || !href.startsWith(BASE)) return null; // another site: the browser test keeps pages offline
    target = href.slice(BASE.length);
    absoluteOk = true;
  } else if (href.startsWith('//')) {
    return `${raw}: a protocol-relative link leaves the site`;
  } else if (href.startsWith('/')) {
    return `${raw}: starts with "/", which from a sub-folder or from file:// is not the site's root`;
  } else {
    target = path.posix.join(path.posix.dirname(from), href);
  }
  const hash = target.indexOf('#');
  if (hash >= 0) {
    fragment = decodeURIComponent(target.slice(hash + 1));
    target = target.slice(0, hash);
  }
  target = target.split('?')[0];
  try {
    target = decodeURIComponent(target);
  } catch {
    return `${raw}: not a valid address`;
  }
  target = path.posix.normalize(target || '.');
  if (target === '.' || target === './') target = '';
  if (target.startsWith('..')) return `${raw}: leads outside the site`;
  let file = target;
  if (target === '' || target.endsWith('/') || isDir(target)) {
    file = path.posix.join(target, 'index.html');
    if (!absoluteOk) return `${raw}: names a folder, not its index.html (a folder opened from disk shows no page)`;
  }
  if (!FILE_SET.has(file)) return `${raw}: no such file ${file}`;
  if (fragment && file.endsWith('.html') && !idsOf(file).has(fragment)) return `${raw}: no id "${fragment}" in ${file}`;
  if (file.endsWith('.html') && file !== from) linked.add(file);
  return null;
}

const ATTR = /\s((?:xlink:)?href|src|poster|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function checkLinks() {
  for (const page of PAGES) {
    const html = text(page);
    const problems = [];
    let n = 0;
    for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
      for (const m of tag[0].matchAll(ATTR)) {
        const value = m[2] ?? m[3] ?? m[4];
        // A form's action "#" keeps a search box on its page; a canonical link is the public address.
        if (m[1].toLowerCase() === 'action' && value === '#') continue;
        n++;
        const p = checkLink(page, value);
        if (p) problems.push(`<${tag[0].slice(1).split(/[\s>]/)[0]} ${m[1]}>: ${p}`);
      }
    }
    if (n === 0) problems.push('no links at all');
    record('links', page, problems);
  }
  for (const feed of FILES.filter((f) => /(^|\/)(feed|sitemap)\.xml$/.test(f))) {
    const xml = text(feed);
    const problems = [];
    const urls = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g), ...xml.matchAll(/<link[^>]*\shref="([^"]*)"/g)].map((m) => m[1]);
    for (const u of urls) {
      const p = checkLink(feed, u, { absoluteOk: true });
      if (p) problems.push(p);
    }
    if (BASE && feed.endsWith('sitemap.xml')) {
      const listed = new Set(urls.map((u) => decodeEntities(u).slice(BASE.length)));
      for (const page of PAGES.filter((p) => p.endsWith('index.html') && p !== '404.html')) {
        if (!listed.has(page.replace(/index\.html$/, ''))) problems.push(`${page} is not in the sitemap`);
      }
    }
    record('links', feed, problems);
  }
  for (const css of FILES.filter((f) => f.endsWith('.css'))) {
    const problems = [];
    for (const m of text(css).matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      if (m[1].startsWith('data:')) continue;
      const p = checkLink(css, m[1]);
      if (p) problems.push(p);
    }
    record('links', css, problems);
  }
  const orphans = PAGES.filter((p) => p !== 'index.html' && p !== '404.html' && !linked.has(p));
  record('links', 'every page is linked from another page', orphans.map((p) => `${p}: no page links here`));
}

// ---------------------------------------------------------------------------------------------
// budget

const TEXT_TYPES = /\.(html|css|js|svg|csv|json|xml|txt)$/;

function checkBudget() {
  const sizes = [];
  for (const page of PAGES) {
    // Measured afresh (as the build's .gz copies are made, at the best level): a stale .gz is
    // reported below, not counted here.
    const gz = zlib.gzipSync(read(page), { level: 9 });
    sizes.push([gz.length, page]);
    const kib = (gz.length / 1024).toFixed(1);
    record('budget', page, gz.length > PAGE_BUDGET ? [`${kib} KiB gzipped, over the ${PAGE_BUDGET / 1024} KiB budget (${(read(page).length / 1024).toFixed(1)} KiB uncompressed)`] : []);
  }
  sizes.sort((a, b) => b[0] - a[0]);
  console.log(`   largest pages, gzipped: ${sizes.slice(0, 5).map(([s, p]) => `${p} ${(s / 1024).toFixed(1)} KiB`).join(', ')}`);
  const problems = [];
  // Files whose name starts with a dot (the build manifest) are for the next build, never served
  // (docs/nginx.conf answers 404), so they need no compressed copy.
  const served = (f) => !f.split('/').some((part) => part.startsWith('.'));
  for (const f of FILES.filter((f) => TEXT_TYPES.test(f) && served(f))) {
    if (!FILE_SET.has(f + '.gz')) {
      problems.push(`${f}: no ${f}.gz`);
      continue;
    }
    let unzipped;
    try {
      unzipped = zlib.gunzipSync(read(f + '.gz'));
    } catch (e) {
      problems.push(`${f}.gz: not gzip (${e.message})`);
      continue;
    }
    if (!unzipped.equals(read(f))) problems.push(`${f}.gz: not the same content as ${f}`);
  }
  for (const f of FILES.filter((f) => f.endsWith('.gz'))) if (!FILE_SET.has(f.slice(0, -3))) problems.push(`${f}: no uncompressed file beside it`);
  record('budget', 'every text file has a matching .gz (for gzip_static)', problems);
}

// ---------------------------------------------------------------------------------------------
// nginx

function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The nginx this script started, stopped however the script ends.
let nginxChild = null;
const stopNginx = () => {
  if (nginxChild && nginxChild.exitCode === null && nginxChild.signalCode === null) nginxChild.kill('SIGKILL');
};
process.on('exit', stopNginx);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopNginx();
    process.exit(130);
  });
}

async function waitForPort(port, child, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

// The lines of docs/nginx.conf between "chiso site: begin" and "chiso site: end", serving `root`.
function sitePartOfDocs(root) {
  const conf = readFileSync(NGINX_CONF, 'utf8');
  const m = conf.match(/# --- chiso site: begin[^\n]*\n([\s\S]*?)\n\s*# --- chiso site: end/);
  if (!m) throw new Error(`${NGINX_CONF}: no "chiso site: begin" … "chiso site: end" part`);
  let part = m[1];
  if (!/^\s*root\s+[^;]+;/m.test(part)) throw new Error(`${NGINX_CONF}: the site part has no root directive`);
  part = part.replace(/^(\s*)root\s+[^;]+;/m, `$1root ${root};`);
  if (!existsSync('/etc/nginx/mime.types')) {
    part = part.replace(
      /include\s+\/etc\/nginx\/mime\.types;/,
      'types { text/html html; text/css css; application/javascript js; image/svg+xml svg; application/json json; text/xml xml; text/plain txt; }',
    );
  }
  return part;
}

// curl, bounded; returns { status, headers (lower-case names), body (Buffer) }.
function curl(url, extra = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-curl-'));
  try {
    const headersFile = path.join(dir, 'h');
    const bodyFile = path.join(dir, 'b');
    const run = spawnSync('curl', ['-sS', '--max-time', '10', '-D', headersFile, '-o', bodyFile, ...extra, url], { encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`curl ${url}: ${run.error || run.stderr}`);
    const raw = readFileSync(headersFile, 'latin1').split(/\r?\n/);
    const status = Number((raw[0] || '').split(' ')[1]);
    const headers = {};
    for (const line of raw.slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    return { status, headers, body: existsSync(bodyFile) ? readFileSync(bodyFile) : Buffer.alloc(0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkNginx() {
  const nginx = nginxBinary();
  if (!nginx) {
    record('nginx', 'nginx', ['no nginx: run scripts/install-browser-deps.sh (installs nginx-light)']);
    return;
  }
  if (spawnSync('curl', ['--version']).status !== 0) {
    record('nginx', 'curl', ['no curl: run scripts/install-browser-deps.sh']);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-nginx-'));
  let child = null;
  try {
    const port = await freePort();
    let part;
    try {
      part = sitePartOfDocs(SITE);
    } catch (e) {
      record('nginx', 'docs/nginx.conf', [e.message]);
      return;
    }
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `# Written by tests/site_checks/run.mjs: the site part of docs/nginx.conf on 127.0.0.1:${port}.
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
${part}
    }
}
`,
    );
    // The whole file too, as a host would install it, with a throwaway certificate in place of
    // the real one (nginx -t binds no port).
    if (spawnSync('openssl', ['version']).status === 0) {
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { encoding: 'utf8', timeout: 60000 });
      const whole = readFileSync(NGINX_CONF, 'utf8')
        .replace(/^(\s*ssl_certificate)\s+[^;]+;/m, `$1 ${cert};`)
        .replace(/^(\s*ssl_certificate_key)\s+[^;]+;/m, `$1 ${key};`)
        .replace(/\/var\/log\/nginx\//g, `${dir}/`);
      writeFileSync(path.join(dir, 'whole.conf'), whole);
      writeFileSync(
        path.join(dir, 'whole-main.conf'),
        `pid ${dir}/whole.pid;\nerror_log ${dir}/error.log;\nevents { }\nhttp {\n    client_body_temp_path ${dir}/client_body;\n    proxy_temp_path ${dir}/proxy;\n    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;\n    include ${dir}/whole.conf;\n}\n`,
      );
      const t = made.status === 0 && spawnSync(nginx, ['-t', '-q', '-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'whole-main.conf')], { encoding: 'utf8', timeout: 20000 });
      record('nginx', 'the whole of docs/nginx.conf is valid (nginx -t)', made.status !== 0 ? [`openssl: ${made.stderr}`] : t.status === 0 ? [] : [`${t.stderr || t.error}`.trim()]);
    } else {
      console.log('   skipped: the whole of docs/nginx.conf (no openssl for a throwaway certificate)');
    }

    const test = spawnSync(nginx, ['-t', '-q', '-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { encoding: 'utf8', timeout: 20000 });
    record('nginx', 'the site part of docs/nginx.conf is valid (nginx -t)', test.status === 0 ? [] : [`${test.stderr || test.error}`.trim()]);
    if (test.status !== 0) return;

    child = spawn(nginx, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginxChild = child;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    if (!(await waitForPort(port, child, 10000))) {
      const log = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
      record('nginx', 'nginx starts', [`not listening on 127.0.0.1:${port} after 10 s: ${stderr} ${log}`.trim()]);
      return;
    }
    const base = `http://127.0.0.1:${port}/`;
    const gzip = ['-H', 'Accept-Encoding: gzip'];
    const page = PAGES.find((p) => /^[^/]+\/index\.html$/.test(p) && !/^(en|vi|data|assets)\//.test(p)) || 'index.html';
    const folder = page.replace(/index\.html$/, '');

    const expect = (name, fn) => {
      let problems;
      try {
        problems = fn().filter(Boolean);
      } catch (e) {
        problems = [e.message];
      }
      record('nginx', name, problems);
    };
    const gunzip = (b) => zlib.gunzipSync(b);

    for (const [url, file] of [
      ['', 'index.html'],
      [folder, page],
      ['en/index.html', 'en/index.html'],
    ]) {
      if (!FILE_SET.has(file)) continue;
      expect(`GET /${url} with Accept-Encoding: gzip → the page, gzipped`, () => {
        const r = curl(base + url, gzip);
        return [
          r.status !== 200 && `status ${r.status}`,
          r.headers['content-encoding'] !== 'gzip' && `Content-Encoding: ${r.headers['content-encoding'] ?? '(none)'}`,
          !/^text\/html; charset=utf-8$/i.test(r.headers['content-type'] || '') && `Content-Type: ${r.headers['content-type']}`,
          !/accept-encoding/i.test(r.headers.vary || '') && `Vary: ${r.headers.vary ?? '(none)'}`,
          r.headers['content-encoding'] === 'gzip' && !gunzip(r.body).equals(read(file)) && `the body is not ${file}`,
        ];
      });
    }
    expect('GET /index.html without Accept-Encoding → the page as is', () => {
      const r = curl(base + 'index.html');
      return [r.status !== 200 && `status ${r.status}`, r.headers['content-encoding'] && `Content-Encoding: ${r.headers['content-encoding']}`, !r.body.equals(read('index.html')) && 'the body is not index.html'];
    });
    expect('GET a missing page → 404 with the site’s 404 page', () => {
      const r = curl(base + 'khong-co-trang-nay/index.html');
      const z = curl(base + 'khong/co/trang-nay', gzip);
      return [
        r.status !== 404 && `status ${r.status}`,
        !r.body.equals(read('404.html')) && `the body is not 404.html (${r.body.length} bytes)`,
        z.status !== 404 && `gzip: status ${z.status}`,
        z.headers['content-encoding'] === 'gzip' && !gunzip(z.body).equals(read('404.html')) && 'gzip: the body is not 404.html',
      ];
    });
    expect(`GET /${folder.replace(/\/$/, '')} → redirect to /${folder}`, () => {
      const r = curl(base + folder.replace(/\/$/, ''));
      return [r.status !== 301 && `status ${r.status}`, !(r.headers.location || '').endsWith(`/${folder}`) && `Location: ${r.headers.location}`];
    });
    const types = [
      [FILES.find((f) => /^data\/[^/]+\.csv$/.test(f)), /^text\/csv; charset=utf-8$/i],
      [FILES.find((f) => /^data\/[^/]+\.json$/.test(f)), /^application\/json; charset=utf-8$/i],
      [FILES.find((f) => f.endsWith('.svg')), /^image\/svg\+xml; charset=utf-8$/i],
      ['feed.xml', /^application\/atom\+xml; charset=utf-8$/i],
      ['sitemap.xml', /^(text|application)\/xml; charset=utf-8$/i],
      [FILES.find((f) => f.endsWith('.css')), /^text\/css; charset=utf-8$/i],
      [FILES.find((f) => f.endsWith('.js')), /^(application|text)\/javascript; charset=utf-8$/i],
    ].filter(([f]) => f && FILE_SET.has(f));
    for (const [file, type] of types) {
      expect(`GET /${file} → ${type.source.replace(/\\/g, '').replace(/[\^$]/g, '')}`, () => {
        const r = curl(base + file, gzip);
        return [r.status !== 200 && `status ${r.status}`, !type.test(r.headers['content-type'] || '') && `Content-Type: ${r.headers['content-type']}`];
      });
    }
    expect('security and cache headers', () => {
      const r = curl(base + 'index.html');
      const a = curl(base + FILES.find((f) => f.startsWith('assets/') && !f.endsWith('.gz')));
      return [
        r.headers['x-content-type-options'] !== 'nosniff' && `X-Content-Type-Options: ${r.headers['x-content-type-options']}`,
        !/frame-ancestors 'none'/.test(r.headers['content-security-policy'] || '') && `Content-Security-Policy: ${r.headers['content-security-policy']}`,
        !/max-age=300\b/.test(r.headers['cache-control'] || '') && `page Cache-Control: ${r.headers['cache-control']}`,
        !/max-age=86400\b/.test(a.headers['cache-control'] || '') && `asset Cache-Control: ${a.headers['cache-control']}`,
        /nginx\/\d/.test(r.headers.server || '') && `Server: ${r.headers.server} (version shown)`,
      ];
    });
    expect('POST → refused', () => {
      const r = curl(base + 'index.html', ['-X', 'POST', '-d', 'x=1']);
      return [![403, 405].includes(r.status) && `status ${r.status}`];
    });
    expect('hidden files → 404', () => {
      const r = curl(base + '.site.lock');
      return [r.status !== 404 && `status ${r.status}`];
    });
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      const end = Date.now() + 5000;
      while (child.exitCode === null && child.signalCode === null && Date.now() < end) await sleep(50);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

const start = Date.now();
console.log(`Checking ${SITE}: ${PAGES.length} pages, ${FILES.length} files`);
for (const group of GROUPS.filter(wanted)) {
  const t = Date.now();
  console.log(`\n-- ${group}`);
  try {
    if (group === 'html') checkHtml();
    if (group === 'xml') checkXml();
    if (group === 'links') checkLinks();
    if (group === 'budget') checkBudget();
    if (group === 'nginx') await checkNginx();
  } catch (e) {
    record(group, 'the check itself', [e.stack || String(e)]);
  }
  summary(group);
  console.log(`   (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
const failed = results.filter((r) => r.problems.length).length;
console.log(`\nsite checks took ${((Date.now() - start) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
