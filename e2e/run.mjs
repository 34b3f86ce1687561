#!/usr/bin/env node
// Runs Préau's browser journeys: each journey in journeys/*.mjs gets its own fresh Préau
// instance (new port, new data directory) and its own fresh Chromium. One line per journey,
// then every axe violation; exits non-zero on a failed journey or on any violation of impact
// serious or critical.
//
//   node run.mjs              every journey
//   node run.mjs decline      only the journeys whose file or name contains "decline"

import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dedupe, formatViolation, GATING_IMPACTS } from './lib/a11y.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { Journey } from './lib/journey.mjs';
import { preauBinary, startPreau } from './lib/preau.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(here, 'test-results');
// E2E_JOURNEY_TIMEOUT_MS, when set, applies to every journey; otherwise a journey's own
// `timeoutMs` export (for the long ones), else two minutes.
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS) || null;
const DEFAULT_TIMEOUT_MS = 120_000;

const slug = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function loadJourneys(filters) {
  const dir = path.join(here, 'journeys');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mjs')).sort();
  const journeys = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    const name = mod.name || file.replace(/\.mjs$/, '');
    if (typeof mod.default !== 'function') throw new Error(`${file} has no default export function`);
    if (filters.length && !filters.some((f) => file.includes(f) || name.includes(f))) continue;
    const timeoutMs = JOURNEY_TIMEOUT_MS || Number(mod.timeoutMs) || DEFAULT_TIMEOUT_MS;
    journeys.push({ file, name, run: mod.default, timeoutMs });
  }
  return journeys;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Screenshots and HTML of every open page, and the server's log, into test-results/. */
async function keepEvidence(t, preau, journeyName) {
  const base = slug(journeyName);
  const kept = [];
  await mkdir(resultsDir, { recursive: true });
  if (t) {
    let i = 0;
    for (const page of t.pages) {
      i++;
      if (page.isClosed()) continue;
      const file = path.join(resultsDir, `${base}-${i}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        kept.push(file);
        await writeFile(path.join(resultsDir, `${base}-${i}.html`), `<!-- ${page.url()} -->\n${await page.content()}`);
      } catch {
        // the page may be gone with the browser
      }
    }
  }
  if (preau) {
    const file = path.join(resultsDir, `${base}-preau.log`);
    await writeFile(file, preau.output());
    kept.push(file);
  }
  return kept;
}

async function runOne(journey) {
  const started = Date.now();
  let preau = null;
  let browser = null;
  let t = null;
  let error = null;
  try {
    preau = await startPreau();
    browser = await launchBrowser();
    t = new Journey({ name: journey.name, preau, browser });
    await withTimeout(journey.run(t), journey.timeoutMs, `journey "${journey.name}"`);
    t.finish();
    if (t.problems.length) throw new Error(t.problems.join('\n'));
  } catch (e) {
    error = e;
  }
  const gating = t ? t.violations.filter((v) => GATING_IMPACTS.has(v.impact)) : [];
  let evidence = [];
  if (error || gating.length) evidence = await keepEvidence(t, preau, journey.name).catch(() => []);
  if (t) await t.close();
  if (browser) await browser.close().catch(() => {});
  if (preau) await preau.stop().catch(() => {});
  return {
    name: journey.name,
    seconds: (Date.now() - started) / 1000,
    error,
    violations: t ? t.violations : [],
    gating: gating.length,
    checked: t ? t.checked : 0,
    evidence,
  };
}

async function main() {
  const filters = process.argv.slice(2);
  const journeys = await loadJourneys(filters);
  if (!journeys.length) {
    console.error(`no journey matches ${filters.join(' ')}`);
    process.exit(2);
  }
  const bin = preauBinary();
  if (!existsSync(bin)) {
    console.error(`Préau binary not found at ${bin}: build it (cargo build --release -p preau) or set PREAU_BIN`);
    process.exit(2);
  }
  await rm(resultsDir, { recursive: true, force: true });
  console.log(`Préau browser journeys: ${journeys.length}, binary ${bin}\n`);

  const results = [];
  for (const journey of journeys) {
    const r = await runOne(journey);
    results.push(r);
    const status = r.error ? 'FAIL' : r.gating ? 'A11Y' : 'ok  ';
    const extra = r.gating ? `  (${r.gating} serious/critical axe violations)` : '';
    console.log(`${status} ${r.seconds.toFixed(1).padStart(5)}s  ${r.name}  [${r.checked} pages checked]${extra}`);
    if (r.error) {
      console.log(String(r.error.stack || r.error).split('\n').map((l) => `       ${l}`).join('\n'));
    }
    if (r.evidence.length) console.log(`       kept: ${r.evidence.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  }

  const all = results.flatMap((r) => r.violations);
  const gating = dedupe(all.filter((v) => GATING_IMPACTS.has(v.impact)));
  const other = dedupe(all.filter((v) => !GATING_IMPACTS.has(v.impact)));
  if (gating.length) {
    console.log(`\nAxe violations of impact serious or critical (${gating.length}, each rule × page once):`);
    for (const v of gating) console.log(formatViolation(v));
  }
  if (other.length) {
    console.log(`\nOther axe violations, not gating (${other.length}):`);
    for (const v of other) console.log(formatViolation(v));
  }

  const failed = results.filter((r) => r.error).length;
  console.log(
    `\n${results.length - failed}/${results.length} journeys passed; ` +
      `${gating.length} serious/critical axe violation(s), ${other.length} minor/moderate.`,
  );
  process.exit(failed || gating.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
