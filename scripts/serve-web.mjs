#!/usr/bin/env node
// Serves browser mode (out/web) on 127.0.0.1 for `npm run web` and the end-to-end tests.
// Module scripts and Workers do not load from file://, so even local use needs a server.
// No dependencies: node:http, static files only, no directory listing, no path traversal.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DEFAULT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../out/web');

/** The page's policy: the same as the desktop window's, plus frame-ancestors (headers only). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** Returns the file under `root` that `urlPath` names, or null if it would leave `root`. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Refuse NUL bytes and backslashes outright: both are ways to smuggle a path past the check.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const target = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  return target === root || target.startsWith(root + sep) ? target : null;
}

/** Sends a short plain-text answer with the security headers. */
function plain(res, status, text, extra = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...extra,
  });
  res.end(`${text}\n`);
}

/** Returns an http.Server serving `root` (not yet listening). */
export function createStaticServer(root = ROOT_DEFAULT) {
  const base = resolve(root);
  return createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      plain(res, 400, 'Bad request');
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = resolveInside(base, pathname);
    if (!file) {
      plain(res, 403, 'Forbidden');
      return;
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      plain(res, 404, 'Not found');
      return;
    }
    // No directory listing: a folder without a trailing slash is simply not found.
    if (!info.isFile()) {
      plain(res, 404, 'Not found');
      return;
    }
    const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': info.size,
      // Hashed assets never change; index.html must be revalidated to pick up new builds.
      'Cache-Control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

/** Starts serving on 127.0.0.1:`port` and resolves with the URL. */
export function serve({ root = ROOT_DEFAULT, port = 5178, host = '127.0.0.1' } = {}) {
  const server = createStaticServer(root);
  return new Promise((resolveUrl, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveUrl({ server, url: `http://${host}:${actual}/` });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.PORT ?? 5178);
  const root = process.env.DRIFTDRILL_WEB_ROOT
    ? resolve(process.env.DRIFTDRILL_WEB_ROOT)
    : ROOT_DEFAULT;
  try {
    await stat(join(root, 'index.html'));
  } catch {
    console.error(`No build in ${root}: run "npm run build:web" first.`);
    process.exit(1);
  }
  const { server, url } = await serve({ root, port });
  console.log(`Driftdrill (browser mode) at ${url}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
