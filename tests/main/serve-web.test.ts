import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window';

// scripts/serve-web.mjs is plain JavaScript; these are the parts the tests use.
interface ServeWeb {
  serve(options: { root: string; port: number }): Promise<{ server: Server; url: string }>;
  CONTENT_SECURITY_POLICY: string;
}

/** Sends GET `rawPath` exactly as written (fetch would normalise `..` away first). */
function get(
  port: number,
  rawPath: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve-web.mjs', () => {
  let server: Server;
  let port: number;
  let web: ServeWeb;

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'driftdrill-web-'));
    const root = join(parent, 'web');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Driftdrill</title>');
    await writeFile(join(root, 'assets', 'engine-worker-abc.js'), 'self.onmessage = () => {};');
    await writeFile(join(root, 'assets', 'stats.wasm'), Buffer.from([0, 97, 115, 109]));
    await writeFile(join(parent, 'secret.txt'), 'do not serve');
    // Imported by URL: the script has no type declarations, and the interface above says enough.
    web = (await import(
      /* @vite-ignore */ pathToFileURL(join(__dirname, '../../scripts/serve-web.mjs')).href
    )) as ServeWeb;
    const started = await web.serve({ root, port: 0 });
    server = started.server;
    port = Number(new URL(started.url).port);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves index.html with the same policy as the desktop window', async () => {
    const res = await get(port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    expect(web.CONTENT_SECURITY_POLICY).toBe(res.headers['content-security-policy']);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives workers and WebAssembly the MIME types browsers require', async () => {
    expect((await get(port, '/assets/engine-worker-abc.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(port, '/assets/stats.wasm')).headers['content-type']).toBe(
      'application/wasm',
    );
  });

  it('lists no directories', async () => {
    for (const path of ['/assets', '/assets/']) {
      const res = await get(port, path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('engine-worker');
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
  ])('refuses %s', async (path) => {
    const res = await get(port, path);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain('do not serve');
  });
});
