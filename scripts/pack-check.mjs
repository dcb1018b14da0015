// `npm run pack:check`: what can be verified about the packaged app on a machine without the
// Electron binary. Builds the production bundles and icons, packages `--linux dir tar.gz` and
// `--win dir zip` with a stand-in Electron (electronDist), then opens each app.asar and checks
// what ships: entry points, no node_modules / tests / sources / maps / secrets, bundles that need
// no node_modules, a size budget, and that the afterPack hook ran. Exits non-zero on any failure.
// nsis, AppImage, deb and dmg download their tools and are built by `npm run dist` elsewhere.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import asar from '@electron/asar';
import ts from 'typescript';
import { markerFileName } from './after-pack.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The packaged app is bundles plus package.json; a few MB. Well over this means something leaked in. */
export const ASAR_BUDGET_BYTES = 8 * 1024 * 1024;
const BUILD_TIMEOUT_MS = 5 * 60 * 1000;

/** Shapes of real credentials; none may appear in what ships. */
export const TOKEN_PATTERNS = [
  { name: 'JSON Web Token', re: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'Bearer token', re: /Bearer\s+[A-Za-z0-9._~+/-]{24,}=*/ },
  { name: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { name: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
];

const SECRET_NAME = /(?:secret|token|password|passwd|apikey|api_key)/i;
const LITERAL_ASSIGNMENT = /([A-Za-z_$][\w$-]*)["']?\s*[:=]\s*(["'`])([^"'`\s$\\]{8,200})\2/g;

/**
 * Secret-looking literals from the tests and the simulator (demo credentials, fixture tokens):
 * a value assigned to a name like secret/token/password, at least 8 characters, not an
 * environment-variable name. If one of them is in a bundle, test or demo material shipped.
 */
export function harvestKnownSecrets(dirs) {
  const found = new Map();
  const walk = (dir, depth) => {
    if (depth > 12 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full, depth + 1);
      } else if (/\.(?:[cm]?[jt]sx?|json)$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        for (const match of text.matchAll(LITERAL_ASSIGNMENT)) {
          const [, name, , value] = match;
          if (!SECRET_NAME.test(name) || /^[A-Z0-9_]+$/.test(value) || /^(?:https?:|\.{0,2}\/)/.test(value)) continue;
          if (!found.has(value)) found.set(value, path.relative(root, full));
        }
      }
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return [...found].map(([value, source]) => ({ value, source }));
}

/** Never prints the value: a short prefix and the length identify it to the person who planted it. */
export const maskSecret = (value) => `${value.slice(0, 3)}…(${value.length} chars)`;

export function findSecrets(text, knownSecrets) {
  const hits = [];
  for (const { value, source } of knownSecrets) {
    if (text.includes(value)) hits.push(`known test/demo secret ${maskSecret(value)} from ${source}`);
  }
  for (const { name, re } of TOKEN_PATTERNS) if (re.test(text)) hits.push(`${name} pattern`);
  return hits;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Modules a bundle loads at run time that are neither Node built-ins, electron nor files in the
 * asar. Parsed, not grepped: bundles carry `require("…")` inside comments and code-generation
 * templates (ajv) that never run.
 */
export function unresolvableRequires(code, fromFile, hasFile) {
  const source = ts.createSourceFile(fromFile, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const specifiers = new Set();
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) specifiers.add(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const missing = [];
  for (const specifier of specifiers) {
    if (NODE_BUILTINS.has(specifier) || specifier === 'electron' || specifier.startsWith('electron/')) continue;
    if (specifier.startsWith('.')) {
      const target = path.posix.join(path.posix.dirname(fromFile), specifier);
      if (['', '.js', '.cjs', '.json', '/index.js'].some((ext) => hasFile(target + ext))) continue;
    }
    missing.push(specifier);
  }
  return missing;
}

/**
 * What went into a bundle, from the `// <path>` region comments Vite's unminified node builds
 * write before each module: npm packages and project sources.
 */
export function bundledModules(code) {
  const packages = new Set();
  const sources = new Set();
  for (const match of code.matchAll(/^\/\/ ((?:[\w@.-]+\/)+[\w@.-]+\.[cm]?[jt]sx?)$/gm)) {
    const modulePath = match[1];
    const inPackage = modulePath.lastIndexOf('node_modules/');
    if (inPackage === -1) sources.add(modulePath);
    else {
      const [first, second] = modulePath.slice(inPackage + 'node_modules/'.length).split('/');
      packages.add(first.startsWith('@') ? `${first}/${second}` : first);
    }
  }
  return { packages, sources };
}

function listAsar(asarPath) {
  const files = new Map();
  for (const entry of asar.listPackage(asarPath, { isPack: false })) {
    const name = entry.replaceAll('\\', '/').replace(/^\//, '');
    const stat = asar.statFile(asarPath, name, false);
    if ('files' in stat) continue;
    files.set(name, { size: 'size' in stat ? stat.size : 0, unpacked: Boolean(stat.unpacked), integrity: stat.integrity ?? null });
  }
  return files;
}

/**
 * Everything checked inside one app.asar. Returns failures (empty when all is well) and facts for
 * the report.
 */
export function inspectAsar(asarPath, { knownSecrets = [], devDependencies = [], budgetBytes = ASAR_BUDGET_BYTES } = {}) {
  const failures = [];
  const files = listAsar(asarPath);
  const has = (name) => files.has(name);
  const read = (name) => asar.extractFile(asarPath, name);
  const size = statSync(asarPath).size;
  const facts = { files: files.size, sizeBytes: size, budgetBytes };

  let pkg = null;
  if (!has('package.json')) failures.push('package.json is missing');
  else {
    try {
      pkg = JSON.parse(read('package.json').toString('utf8'));
    } catch (error) {
      failures.push(`package.json is not valid JSON: ${error.message}`);
    }
  }
  if (pkg) {
    facts.main = pkg.main;
    if (typeof pkg.main !== 'string' || !has(path.posix.normalize(pkg.main))) failures.push(`package.json "main" (${pkg.main}) does not point at a file in the asar`);
    if (pkg.devDependencies && Object.keys(pkg.devDependencies).length > 0) failures.push('package.json still lists devDependencies');
    if (pkg.scripts && Object.keys(pkg.scripts).length > 0) failures.push('package.json still carries npm scripts');
  }

  const mainEntry = pkg && typeof pkg.main === 'string' ? path.posix.normalize(pkg.main) : 'dist/main/index.cjs';
  const entries = { main: mainEntry, preload: 'dist/preload/index.cjs', renderer: 'dist/renderer/index.html' };
  for (const [what, name] of Object.entries(entries)) if (!has(name)) failures.push(`${what} entry ${name} is missing`);

  if (has(entries.renderer)) {
    const html = read(entries.renderer).toString('utf8');
    for (const match of html.matchAll(/\b(?:src|href)\s*=\s*"([^"]+)"/g)) {
      const ref = match[1];
      if (/^(?:[a-z]+:|#|\/\/)/i.test(ref)) continue;
      if (ref.startsWith('/')) failures.push(`renderer references ${ref} by absolute path; it will not load from file://`);
      else if (!has(path.posix.join('dist/renderer', ref.split(/[?#]/)[0]))) failures.push(`renderer references ${ref}, which is not in the asar`);
    }
  }

  for (const [name, info] of files) {
    if (/(^|\/)node_modules\//.test(name)) failures.push(`node_modules shipped: ${name}`);
    else if (/(^|\/)(?:test|tests|__tests__|__mocks__|e2e|fixtures)\//.test(name) || /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name)) failures.push(`test file shipped: ${name}`);
    else if (/\.(?:ts|tsx|mts|cts)$/.test(name)) failures.push(`TypeScript source shipped: ${name}`);
    else if (/\.map$/.test(name)) failures.push(`source map shipped: ${name}`);
    else if (/(^|\/)(?:dist-preview|preview-bridge\.js)/.test(name)) failures.push(`browser preview shipped: ${name}`);
    else if (!/^dist\//.test(name) && name !== 'package.json') failures.push(`unexpected file outside dist/: ${name}`);
    if (info.unpacked) failures.push(`file left outside the asar (unpacked): ${name}`);
    else if (!info.integrity) failures.push(`${name} has no integrity hash in the asar header`);
    else if (createHash('sha256').update(read(name)).digest('hex') !== info.integrity.hash) {
      // Electron's asar integrity check would refuse this file; usually dist/ changed while packing.
      failures.push(`${name} does not match its integrity hash in the asar header`);
    }
  }

  let scanned = 0;
  const bundled = [];
  for (const name of files.keys()) {
    if (!/\.(?:[cm]?js|html|css|json|txt|svg)$/.test(name)) continue;
    const text = read(name).toString('utf8');
    scanned += 1;
    for (const hit of findSecrets(text, knownSecrets)) failures.push(`${name}: ${hit}`);
    if (/sourceMappingURL=data:/.test(text)) failures.push(`${name}: inline source map (embeds the sources)`);
    if (/\.c?js$/.test(name) && (name.startsWith('dist/main/') || name.startsWith('dist/preload/'))) {
      for (const specifier of unresolvableRequires(text, name, has)) failures.push(`${name} loads "${specifier}" at run time, but no node_modules ship: bundle it`);
      const { packages, sources } = bundledModules(text);
      for (const dev of devDependencies) if (packages.has(dev)) failures.push(`${name} bundles the dev dependency ${dev}`);
      for (const source of sources) if (/^test\//.test(source)) failures.push(`${name} bundles test code: ${source}`);
      // The browser preview (preview/, `npm run preview`) is a development tool: its loopback transport never ships.
      for (const source of sources) if (/^preview\//.test(source)) failures.push(`${name} bundles the browser preview: ${source}`);
      bundled.push(`${name}: ${packages.size} packages, ${sources.size} project modules`);
    }
  }
  facts.scannedFiles = scanned;
  facts.bundled = bundled;
  if (size > budgetBytes) failures.push(`app.asar is ${formatBytes(size)}, over the ${formatBytes(budgetBytes)} budget`);
  return { failures, facts };
}

/** The afterPack hook's marker for that platform/arch, written during this run. */
export function checkAfterPackMarker(outDir, platform, arch, since) {
  const file = path.join(outDir, markerFileName(platform, arch));
  if (!existsSync(file)) return { failures: [`afterPack hook did not run for ${platform}-${arch} (no ${path.basename(file)})`], marker: null };
  const marker = JSON.parse(readFileSync(file, 'utf8'));
  const failures = [];
  if (Date.parse(marker.time) < since) failures.push(`afterPack marker for ${platform}-${arch} is stale (${marker.time})`);
  if (!marker.fusesApplied && !/stand-in/.test(marker.reason)) failures.push(`afterPack did not apply fuses: ${marker.reason}`);
  if (marker.wanted?.RunAsNode !== false || marker.wanted?.OnlyLoadAppFromAsar !== true) failures.push('afterPack fuse settings are not the hardened ones');
  return { failures, marker };
}

export const formatBytes = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, timeout: BUILD_TIMEOUT_MS });
  if (result.error) throw new Error(`${label}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status ?? result.signal}`);
}

function capture(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

function standInElectron(tempDir) {
  const linux = path.join(tempDir, 'electron-linux');
  mkdirSync(linux);
  writeFileSync(path.join(linux, 'electron'), '#!/bin/sh\necho "stand-in Electron binary: not runnable" >&2\nexit 1\n', { mode: 0o755 });
  // electron-builder edits the Windows exe's resources, so the stand-in must be a real PE file
  // with version info: electron-winstaller's rcedit.exe is one.
  const rcedit = path.join(root, 'node_modules', 'electron-winstaller', 'vendor', 'rcedit.exe');
  if (!existsSync(rcedit)) throw new Error(`${rcedit} not found (it comes with electron-builder); cannot make a Windows stand-in`);
  const win = path.join(tempDir, 'electron-win');
  mkdirSync(win);
  copyFileSync(rcedit, path.join(win, 'electron.exe'));
  return { linux, win };
}

async function main() {
  const skipBuild = process.argv.includes('--no-build');
  const started = Date.now();
  const outDir = path.join(root, 'release', 'pack-check');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const sevenZip = process.env.ELECTRON_BUILDER_7ZIP_PATH ?? '/usr/bin/7za';
  if (!existsSync(sevenZip)) throw new Error(`${sevenZip} not found: install Debian's p7zip-full (zip and tar.gz targets need it)`);

  if (!skipBuild) {
    run('build production bundles', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
    run('generate icons', process.execPath, [path.join(root, 'scripts', 'icons.mjs')]);
  }
  rmSync(outDir, { recursive: true, force: true });
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'pack-check-'));
  const report = [];
  const failures = [];
  try {
    const standIn = standInElectron(tempDir);
    const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
    const common = ['--publish', 'never', `-c.directories.output=${outDir}`];
    const env = { ELECTRON_BUILDER_7ZIP_PATH: sevenZip, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
    const packStarted = Date.now() - 1000;
    run('electron-builder --linux dir tar.gz (stand-in Electron)', process.execPath, [builder, '--linux', 'dir', 'tar.gz', ...common, `-c.electronDist=${standIn.linux}`], env);
    run('electron-builder --win dir zip (stand-in Electron)', process.execPath, [builder, '--win', 'dir', 'zip', ...common, `-c.electronDist=${standIn.win}`], env);

    const knownSecrets = harvestKnownSecrets([path.join(root, 'sim'), path.join(root, 'test')]);
    const targets = [
      { platform: 'linux', dir: 'linux-unpacked', binary: 'clopos-order-notifier' },
      { platform: 'win32', dir: 'win-unpacked', binary: `${pkg.productName}.exe` },
    ];
    for (const target of targets) {
      const fail = (message) => failures.push(`[${target.platform}] ${message}`);
      const appDir = path.join(outDir, target.dir);
      const asarPath = path.join(appDir, 'resources', 'app.asar');
      if (!existsSync(asarPath)) {
        fail(`${path.relative(root, asarPath)} was not produced`);
        continue;
      }
      const { failures: asarFailures, facts } = inspectAsar(asarPath, { knownSecrets, devDependencies: Object.keys(pkg.devDependencies ?? {}) });
      asarFailures.forEach(fail);
      const binary = path.join(appDir, target.binary);
      if (!existsSync(binary)) fail(`executable ${target.binary} missing`);
      else if (target.platform === 'linux') {
        try {
          accessSync(binary, constants.X_OK);
        } catch {
          fail(`${target.binary} is not executable`);
        }
      } else {
        const exe = readFileSync(binary);
        if (!exe.includes(Buffer.from(pkg.productName, 'utf16le'))) fail('the exe carries no version info with the product name');
        const icon = readFileSync(path.join(root, 'build', 'icons', 'png', '256x256.png'));
        if (!exe.includes(icon)) fail('the exe does not carry the generated 256 px app icon');
      }
      const { failures: markerFailures, marker } = checkAfterPackMarker(outDir, target.platform, 'x64', packStarted);
      markerFailures.forEach(fail);
      report.push(
        `${target.platform}: app.asar ${formatBytes(facts.sizeBytes)} of ${formatBytes(facts.budgetBytes)} budget, ` +
          `${facts.files} files, ${facts.scannedFiles} scanned for ${knownSecrets.length} known test/demo secrets and ${TOKEN_PATTERNS.length} token patterns; ` +
          `afterPack: ${marker ? (marker.fusesApplied ? 'fuses applied' : marker.reason) : 'did not run'}`,
      );
      for (const line of facts.bundled) report.push(`  ${line}`);
    }

    const linuxAsar = path.join(outDir, 'linux-unpacked', 'resources', 'app.asar');
    const tarball = path.join(outDir, `Clopos-Order-Notifier-${pkg.version}-linux-x64.tar.gz`);
    if (!existsSync(tarball)) failures.push(`[linux tar.gz] ${path.basename(tarball)} was not produced`);
    else {
      const listing = capture('tar', ['-tzf', tarball]).split('\n').filter(Boolean);
      const top = path.basename(tarball, '.tar.gz');
      for (const needed of [`${top}/clopos-order-notifier`, `${top}/resources/app.asar`]) {
        if (!listing.includes(needed)) failures.push(`[linux tar.gz] ${needed} missing`);
      }
      const strays = listing.filter((name) => !name.startsWith(`${top}/`) || /node_modules|\.map$|\.tsx?$/.test(name));
      for (const stray of strays) failures.push(`[linux tar.gz] unexpected entry ${stray}`);
      const extracted = path.join(tempDir, 'tar');
      mkdirSync(extracted);
      capture('tar', ['-xzf', tarball, '-C', extracted, `${top}/resources/app.asar`]);
      const tarAsar = path.join(extracted, top, 'resources', 'app.asar');
      if (existsSync(linuxAsar) && sha256(tarAsar) !== sha256(linuxAsar)) failures.push('[linux tar.gz] its app.asar differs from linux-unpacked');
      report.push(`linux tar.gz: ${path.basename(tarball)} ${formatBytes(statSync(tarball).size)}, ${listing.length} entries`);
    }
    const zip = path.join(outDir, `Clopos-Order-Notifier-${pkg.version}-win-x64.zip`);
    if (!existsSync(zip)) failures.push(`[win zip] ${path.basename(zip)} was not produced`);
    else {
      const listing = capture(sevenZip, ['l', '-slt', zip]).split('\n').filter((line) => line.startsWith('Path = ')).map((line) => line.slice(7).replaceAll('\\', '/'));
      for (const needed of [`${pkg.productName}.exe`, 'resources/app.asar']) if (!listing.includes(needed)) failures.push(`[win zip] ${needed} missing`);
      report.push(`win zip: ${path.basename(zip)} ${formatBytes(statSync(zip).size)}`);
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }

  console.log('\n══ pack:check report ══');
  for (const line of report) console.log(`  ${line}`);
  console.log('  not built here (they download tools): nsis, AppImage, deb, dmg — run `npm run dist` on a machine with network');
  if (failures.length > 0) {
    console.log(`\n✗ ${failures.length} problem(s):`);
    for (const failure of failures) console.log(`  - ${failure}`);
    console.log(`\npack:check FAILED in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exitCode = 1;
  } else {
    console.log(`\n✓ pack:check passed in ${((Date.now() - started) / 1000).toFixed(0)} s (output in ${path.relative(root, outDir)}/)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`\npack:check FAILED: ${error.message}`);
    process.exitCode = 1;
  });
}
