// The accessibility gate: axe-core with the WCAG 2.1 A and AA rules on every page a journey
// visits. Violations of impact "serious" or "critical" fail the run; the others are reported.

import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const GATING_IMPACTS = new Set(['serious', 'critical']);

/** A page's path with its secrets (setup tokens, invitation codes, reset links, ids) masked. */
export function routeOf(url) {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    .map((seg) => (seg.length >= 16 || (/\d/.test(seg) && /[A-Za-z]/.test(seg) && seg.length >= 8) ? '…' : seg))
    .join('/');
  return path + (u.search ? u.search.replace(/=[^&]{16,}/g, '=…') : '');
}

/**
 * Runs axe on the page as it is now. Returns the violations, each flattened to
 * { id, impact, help, helpUrl, route, name, targets: [[selector…]…], summaries }.
 */
export async function runAxe(page, name) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const route = routeOf(page.url());
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    route,
    name: name || route,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    summaries: v.nodes.map((n) => (n.failureSummary || '').replace(/\s+/g, ' ').trim()),
    html: v.nodes.map((n) => n.html),
  }));
}

/** Groups violations by rule and route so that a page visited five times is listed once. */
export function dedupe(violations) {
  const seen = new Map();
  for (const v of violations) {
    const key = `${v.id}|${v.route}`;
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, { ...v, journeys: new Set([v.journey]) });
    } else {
      prev.journeys.add(v.journey);
      for (let i = 0; i < v.targets.length; i++) {
        if (!prev.targets.includes(v.targets[i])) {
          prev.targets.push(v.targets[i]);
          prev.summaries.push(v.summaries[i]);
          prev.html.push(v.html[i]);
        }
      }
    }
  }
  return [...seen.values()];
}

export function formatViolation(v) {
  const lines = [`  [${v.impact}] ${v.id} on ${v.route}  (${[...v.journeys].join(', ')})`];
  lines.push(`      help: ${v.help}  ${v.helpUrl}`);
  v.targets.forEach((t, i) => {
    lines.push(`      - ${t}`);
    if (v.html[i]) lines.push(`          ${v.html[i].slice(0, 200)}`);
    if (v.summaries[i]) lines.push(`          ${v.summaries[i].slice(0, 400)}`);
  });
  return lines.join('\n');
}
