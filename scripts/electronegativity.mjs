// The electronegativity gate. Runs @doyensec/electronegativity over the BUILT app (dist/main,
// dist/preload, dist/renderer), writes its findings to artifacts/electronegativity.{csv,sarif},
// and exits 1 on any HIGH finding that docs/security.md does not list as a documented false
// positive, or when a file could not be parsed (an unscanned file proves nothing).
//
//   node scripts/electronegativity.mjs            scan dist/ (run `npm run build` first)
//   node scripts/electronegativity.mjs --sources  scan main/, preload/, renderer/ sources instead
//   node scripts/electronegativity.mjs --dist=DIR scan DIR/main, DIR/preload, DIR/renderer
//
// The tool always exits 0, so the gate reads the findings it returns; the tool also reads only
// .js/.ts/.html, so the bundles (.cjs) are staged as .js first (see stage()).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const artifacts = path.join(root, 'artifacts');
const staging = path.join(artifacts, 'electronegativity-input');
const csvOut = path.join(artifacts, 'electronegativity.csv');
const sarifOut = path.join(artifacts, 'electronegativity.sarif');
const policyFile = path.join(root, 'docs/security.md');

// AvailableSecurityFixesGlobalCheck downloads Electron's release list; there is no network in CI
// and Electron updates are a dependency decision, not a property of this code (docs/security.md).
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const fromSources = process.argv.includes('--sources');
const dist = process.argv.find((arg) => arg.startsWith('--dist='))?.slice('--dist='.length) ?? 'dist';
const inputs = fromSources
  ? { main: 'main', preload: 'preload', renderer: 'renderer' }
  : { main: `${dist}/main`, preload: `${dist}/preload`, renderer: `${dist}/renderer` };

function fail(message) {
  console.error(`electronegativity gate: ${message}`);
  process.exit(1);
}

/**
 * Copies each input to staging/<name> and rewrites every script as plain ES2019 JavaScript in a
 * `.js` file. The tool reads only .js/.ts/.html, and its AST walker stops at syntax newer than
 * it knows (private class fields, which bundled libraries use); lowering the syntax keeps every
 * option object, event name and call the checks look for, so nothing goes unscanned.
 */
async function stage() {
  const { transformWithOxc } = await import('vite');
  rmSync(staging, { recursive: true, force: true });
  for (const [name, from] of Object.entries(inputs)) {
    const source = path.resolve(root, from);
    if (!existsSync(source)) {
      fail(`${from} does not exist${fromSources ? '' : ' (run `npm run build` first)'}.`);
    }
    cpSync(source, path.join(staging, name), { recursive: true });
  }
  const scripts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(c|m)?(j|t)sx?$/.test(entry) && !entry.endsWith('.d.ts')) scripts.push(full);
    }
  };
  walk(staging);
  for (const file of scripts) {
    const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { target: 'es2019', sourcemap: false });
    rmSync(file);
    writeFileSync(file.replace(/\.\w+$/, '.js'), code);
  }
}

/**
 * The documented false positives: rows of the table under the "Documented false positives"
 * heading in docs/security.md — `| CHECK_ID | file | reason |`. A row without a reason is refused.
 */
function readFalsePositives() {
  const text = readFileSync(policyFile, 'utf8');
  const start = text.search(/^#+ .*Documented false positives/im);
  if (start < 0) fail('docs/security.md has no "Documented false positives" section.');
  const section = text.slice(start).split(/\n(?=#+ )/)[0];
  const rows = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, ''));
    if (cells.length !== 3 || !/^[A-Z0-9_]+$/.test(cells[0])) continue;
    const [id, file, reason] = cells;
    if (reason.length < 20) fail(`the false positive ${id} in ${file} needs a real reason in docs/security.md.`);
    rows.push({ id, file, reason, used: false });
  }
  return rows;
}

// The tool's own report writer races its CSV header against the body and writes asynchronously,
// so the reports are written here, synchronously, from the findings it returns.
const csvCell = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;
function toCsv(issues) {
  const header = 'issue,severity,confidence,file,location,sample,description,url';
  const rows = issues.map((issue) =>
    [issue.id, issue.severity.name, issue.confidence.name, issue.file, `${issue.location.line}:${issue.location.column}`, issue.sample, issue.description, wiki(issue.id)]
      .map(csvCell)
      .join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

const wiki = (id) => `https://github.com/doyensec/electronegativity/wiki/${id}`;
const SARIF_LEVELS = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' };
function toSarif(issues) {
  const ids = [...new Set(issues.map((issue) => issue.id))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules: ids.map((id) => ({ id, helpUri: wiki(id) })),
          },
        },
        results: issues.map((issue) => ({
          ruleId: issue.id,
          level: SARIF_LEVELS[issue.severity.name] ?? 'note',
          message: { text: issue.description },
          properties: { severity: issue.severity.name, confidence: issue.confidence.name, manualReview: Boolean(issue.manualReview) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: issue.file === 'N/A' ? 'electronegativity-input' : `electronegativity-input/${issue.file}` },
                region: { startLine: Math.max(1, issue.location.line), startColumn: issue.location.column + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

async function main() {
  await stage();
  mkdirSync(artifacts, { recursive: true });
  rmSync(csvOut, { force: true });
  rmSync(sarifOut, { force: true });

  const run = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  // The tool picks its message language from LANG; keep the report in English whatever the machine.
  process.env.LANG = 'en-US';
  const result = await run({
    input: staging,
    isRelative: true,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: electronVersion,
  });
  writeFileSync(csvOut, toCsv(result.issues));
  writeFileSync(sarifOut, JSON.stringify(toSarif(result.issues), null, 2));

  const unparsed = result.errors.filter((error) => !error.tolerable);
  for (const error of unparsed) console.error(`could not parse ${path.relative(staging, error.file)}: ${error.message}`);

  const falsePositives = readFalsePositives();
  const counts = {};
  const blocking = [];
  for (const issue of result.issues) {
    const severity = issue.severity.name;
    counts[severity] = (counts[severity] ?? 0) + 1;
    if (severity !== 'HIGH') continue;
    const documented = falsePositives.find((fp) => fp.id === issue.id && fp.file === issue.file);
    if (documented) documented.used = true;
    else blocking.push(issue);
  }

  console.log(
    `electronegativity ${result.globalChecks + result.atomicChecks} checks over ${fromSources ? 'the sources' : dist}: ` +
      Object.entries(counts).map(([severity, n]) => `${n} ${severity}`).join(', ') || 'no findings',
  );
  for (const fp of falsePositives.filter((fp) => fp.used)) console.log(`  documented false positive: ${fp.id} in ${fp.file}`);
  for (const fp of falsePositives.filter((fp) => !fp.used)) {
    console.log(`  note: documented false positive ${fp.id} in ${fp.file} no longer occurs; remove it from docs/security.md`);
  }
  console.log(`  reports: ${path.relative(root, csvOut)}, ${path.relative(root, sarifOut)}`);

  if (blocking.length > 0 || unparsed.length > 0) {
    for (const issue of blocking) {
      console.error(`HIGH ${issue.id} in ${issue.file}:${issue.location.line}:${issue.location.column} — ${issue.description}`);
    }
    fail(
      `${blocking.length} HIGH finding(s) not documented as false positives, ${unparsed.length} file(s) not parsed. ` +
        'Fix them, or document each false positive with its reason in docs/security.md.',
    );
  }
}

main().catch((error) => fail(error instanceof Error ? error.stack : String(error)));
