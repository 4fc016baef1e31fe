import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * How tests get a browser: the Chromium that `@sparticuz/chromium` ships inside its npm package,
 * so `npm ci` is all a machine needs, or the Chromium at `CHROMIUM_PATH` when that is set.
 */
export async function launchBrowser(): Promise<Browser> {
  if (process.env.CHROMIUM_PATH) {
    return chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: OFF_THE_NETWORK, headless: true });
  }
  const unpacked = await unpackedChromium();
  return chromium.launch({
    executablePath: unpacked.executablePath,
    args: mergeArgs(
      unpacked.args.filter((arg) => !LOOSENS_THE_PAGE.has(switchName(arg))),
      OFF_THE_NETWORK,
    ),
    headless: true,
    env: unpacked.libs
      ? { ...process.env, LD_LIBRARY_PATH: [unpacked.libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') }
      : process.env,
  });
}

/** Flags that keep Chromium's own traffic (updates, sync, QUIC probes) off the network. */
const OFF_THE_NETWORK = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Switches in `sparticuz.args` left out. The two features lists would replace Playwright's own
 * (Chromium keeps the last `--disable-features`), and Playwright's disables the startup requests
 * to Google (OptimizationHints, NetworkTimeServiceQuerying, PreconnectToSearch, ...). The web-security
 * pair would let a page do what no user's browser lets it do, which a test of a page must not hide.
 */
const LOOSENS_THE_PAGE = new Set([
  '--disable-features',
  '--enable-features',
  '--disable-web-security',
  '--allow-running-insecure-content',
  // meant for one page per browser (a Lambda): closing a page there closes the browser
  '--single-process',
]);

const switchName = (arg: string) => arg.split('=', 1)[0];

/** One flag per switch; on a clash the later list wins. */
function mergeArgs(...lists: string[][]): string[] {
  const bySwitch = new Map<string, string>();
  for (const arg of lists.flat()) {
    bySwitch.delete(switchName(arg));
    bySwitch.set(switchName(arg), arg);
  }
  return [...bySwitch.values()];
}

interface Unpacked {
  executablePath: string;
  args: string[];
  /** NSS, NSPR and expat shipped beside the browser, put first on LD_LIBRARY_PATH; undefined: the system's. */
  libs?: string;
}

interface Manifest {
  executable: string;
  args: string[];
  libs: string;
}

let unpacking: Promise<Unpacked> | undefined;

/**
 * The package keeps Chromium brotli-compressed (about 67 MB) and unpacks it on first use, by default
 * into the shared `/tmp`: to `/tmp/chromium`, which it trusts as soon as the file exists. A second
 * jest worker (or a run after a Ctrl-C mid-unpack) would then launch a half-written binary, and
 * another project's version in `/tmp/chromium` would be taken for this one. So it unpacks here into a
 * private staging directory (its TMPDIR), which is renamed into place, atomically, only when complete:
 * `node_modules/.cache/sparticuz-chromium-<version>/`, which `npm ci` removes with the rest of node_modules.
 * Two workers that race both unpack; the first rename wins and the other uses it.
 */
function unpackedChromium(): Promise<Unpacked> {
  unpacking ??= unpack().catch((error: unknown) => {
    unpacking = undefined;
    throw error;
  });
  return unpacking;
}

async function unpack(): Promise<Unpacked> {
  const entry = require.resolve('@sparticuz/chromium'); // <package>/build/index.js
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cacheRoot = writableCacheRoot(packageDir);
  const target = join(cacheRoot, `sparticuz-chromium-${version}`);

  if (!existsSync(join(target, 'manifest.json'))) {
    removeAbandonedStaging(cacheRoot);
    const staging = join(cacheRoot, `.sparticuz-chromium-staging-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(staging, { recursive: true });
    try {
      // The package is ES modules only, which jest's CommonJS runtime cannot load: a plain node does the unpacking.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', UNPACK, '--', pathToFileURL(entry).href, join(packageDir, 'bin', 'al2023.tar.br')],
        {
          env: { ...process.env, TMPDIR: staging },
          maxBuffer: 1 << 20,
        },
      );
      const unpacked = JSON.parse(stdout) as { executablePath: string; args: string[]; libs: string };
      const manifest: Manifest = {
        executable: relativeTo(staging, unpacked.executablePath),
        args: unpacked.args,
        libs: relativeTo(staging, unpacked.libs),
      };
      writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
      try {
        renameSync(staging, target);
      } catch (error) {
        // another worker got there first
        if (!existsSync(join(target, 'manifest.json'))) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as Manifest;
  return {
    executablePath: join(target, manifest.executable),
    args: manifest.args,
    // The browser itself needs glibc 2.25; the libraries beside it were built for Amazon Linux 2023 (glibc 2.34).
    libs: glibcAtLeast(2, 34) ? join(target, manifest.libs) : undefined,
  };
}

/** Runs as an ES module in a child node with TMPDIR set to the staging directory. */
const UNPACK = `
import { join } from 'node:path';
const [, url, libsArchive] = process.argv;
const { default: sparticuz, inflate } = await import(url);
sparticuz.setGraphicsMode = false; // no WebGL: the page needs none, and the tests pass --disable-gpu
const executablePath = await sparticuz.executablePath();
const libs = join(await inflate(libsArchive), 'lib');
process.stdout.write(JSON.stringify({ executablePath, args: sparticuz.args, libs }));
`;

function relativeTo(dir: string, path: string): string {
  if (!path.startsWith(dir + '/')) throw new Error(`@sparticuz/chromium unpacked to ${path}, outside ${dir}`);
  return path.slice(dir.length + 1);
}

/** node_modules/.cache beside the package, or the temp directory when node_modules is read-only. */
function writableCacheRoot(packageDir: string): string {
  const inNodeModules = join(packageDir, '..', '..', '.cache');
  try {
    mkdirSync(inNodeModules, { recursive: true });
    accessSync(inNodeModules, constants.W_OK);
    return inNodeModules;
  } catch {
    const inTmp = join(tmpdir(), `sparticuz-chromium-${userInfo().uid}`);
    mkdirSync(inTmp, { recursive: true, mode: 0o700 });
    return inTmp;
  }
}

/** Staging directories whose process is gone (killed mid-unpack). */
function removeAbandonedStaging(cacheRoot: string) {
  for (const name of readdirSync(cacheRoot)) {
    const pid = /^\.sparticuz-chromium-staging-(\d+)-/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function glibcAtLeast(major: number, minor: number): boolean {
  const version = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
  if (!version) return false;
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
