// What a journey gets: `t`, bound to one fresh Préau instance and one fresh browser.
//
//   const page = await t.person();                 // a new person: own cookies, French browser
//   await t.visit(page, '/connexion');             // go there, then check it with axe
//   await page.getByLabel('Adresse électronique').fill('a@b.fr');
//   await t.click(page.getByRole('button', { name: 'Se connecter' }));  // click, wait, axe
//   await t.see(page, 'Bonjour');                  // text somewhere in <main>
//   await t.tabTo(page, '#email'); await page.keyboard.type('a@b.fr');   // keyboard only
//   await t.assertFocused(page, '.error-summary');
//   const mail = await t.mail((m) => m.to.includes('a@b.fr'));
//
// The steps several journeys share (set up the administrator, import a roster, print the
// letters, activate, log in and out, search the directory) are in flows.mjs.
//
// Every document a page loads must be checked with axe before the next one loads: t.visit,
// t.click and t.press do it; a page loaded otherwise and never checked fails the journey.

import assert from 'node:assert/strict';
import { runAxe, GATING_IMPACTS } from './a11y.mjs';
import { readOutbox, waitForMail } from './mail.mjs';

export class Journey {
  constructor({ name, preau, browser }) {
    this.name = name;
    this.preau = preau;
    this.browser = browser;
    this.url = preau.url;
    this.pages = [];
    this.violations = []; // every axe violation, all impacts
    this.problems = []; // harness-level failures found along the way (5xx, unchecked pages)
    this.checked = 0;
  }

  /** A new person at a new browser context: own cookies, French (`locale`), own tab. */
  async person({ locale = 'fr-FR' } = {}) {
    const context = await this.browser.newContext({
      baseURL: this.url,
      locale,
      viewport: { width: 1280, height: 900 },
    });
    return this.watch(await context.newPage());
  }

  /** Another tab of the same person (same cookies), e.g. to look elsewhere mid-way. */
  async newTab(page) {
    return this.watch(await page.context().newPage());
  }

  /** Tracks a page: every document it loads must be checked; a 5xx fails the journey. */
  watch(page) {
    page.setDefaultTimeout(10_000);
    page.setDefaultNavigationTimeout(15_000);
    const state = { current: null };
    page.on('load', () => {
      if (state.current && !state.current.checked && !state.current.url.startsWith('about:')) {
        this.problems.push(`page loaded but never checked with axe: ${state.current.url}`);
      }
      state.current = { url: page.url(), checked: false };
    });
    page.on('response', (res) => {
      if (res.request().isNavigationRequest() && res.frame() === page.mainFrame() && res.status() >= 500) {
        this.problems.push(`${res.status()} for ${res.request().method()} ${res.url()}`);
      }
    });
    page._journeyState = state;
    this.pages.push(page);
    return page;
  }

  /** Runs axe on the page as it is now; keeps every violation, fails later on serious ones. */
  async check(page, name) {
    const violations = await runAxe(page, name);
    for (const v of violations) this.violations.push({ ...v, journey: this.name });
    if (page._journeyState?.current) page._journeyState.current.checked = true;
    this.checked++;
    return violations.filter((v) => GATING_IMPACTS.has(v.impact));
  }

  /** Opens `path` (or a full URL) and checks the page. */
  async visit(page, path, name) {
    const res = await page.goto(path.startsWith('http') ? path : this.url + path);
    await this.check(page, name);
    return res;
  }

  /** Runs `action` (which makes the page load a new document), waits for it, checks it. */
  async loads(page, action, name) {
    const from = page.url();
    const loaded = page.waitForEvent('load');
    await action();
    await loaded.catch((e) => {
      throw new Error(`no new page loaded after the action on ${from}: ${e.message}`);
    });
    await this.check(page, name);
  }

  /** Clicks a link or button that leads to a new page, then checks that page. */
  async click(locator, name) {
    const page = locator.page();
    await this.loads(page, () => locator.click(), name);
  }

  /** Presses a key (Enter on a focused link or button) that leads to a new page; checks it. */
  async press(page, key = 'Enter', name) {
    await this.loads(page, () => page.keyboard.press(key), name);
  }

  /** Waits until `text` (string or RegExp) shows in the page's <main>. */
  async see(page, text, { within = 'main' } = {}) {
    await page.locator(within).getByText(text).first().waitFor({ state: 'visible', timeout: 5_000 })
      .catch(async () => {
        const shown = (await page.locator(within).innerText().catch(() => '')).slice(0, 800);
        throw new Error(`expected to see ${text} on ${page.url()}; the page shows:\n${shown}`);
      });
  }

  /** Asserts `text` is nowhere in the page's <main>. */
  async dontSee(page, text, { within = 'main' } = {}) {
    const shown = await page.locator(within).innerText();
    const found = typeof text === 'string' ? shown.includes(text) : text.test(shown);
    assert.ok(!found, `did not expect to see ${text} on ${page.url()}`);
  }

  /** The page's <h1>, trimmed. */
  async heading(page) {
    return (await page.locator('h1').first().innerText()).trim();
  }

  /** The path of the page's current address. */
  path(page) {
    return new URL(page.url()).pathname;
  }

  // ---------- keyboard ----------

  /** A description of the focused element and whether its focus indicator shows. */
  async focused(page) {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { tag: 'body', visible: false, label: 'body' };
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      const label = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      return { tag: el.tagName.toLowerCase(), visible: outline || shadow, label: `${el.tagName.toLowerCase()}${id}${cls} "${label}"` };
    });
  }

  /** Fails unless the focused element shows a focus indicator (a non-'none' outline or a box-shadow). */
  async assertFocusVisible(page) {
    const f = await this.focused(page);
    assert.ok(f.visible, `focus is not visible on ${f.label} (${page.url()})`);
    return f;
  }

  /**
   * Presses Tab until the focused element matches `selector`, asserting at every stop that
   * the focus is visible. Fails after `max` presses.
   */
  async tabTo(page, selector, { max = 40, key = 'Tab' } = {}) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      await this.assertFocusVisible(page);
      if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), selector)) return;
    }
    throw new Error(`${max} presses of ${key} never reached ${selector} on ${page.url()}`);
  }

  /** Waits until the focused element matches `selector` (autofocus happens after load). */
  async assertFocused(page, selector) {
    try {
      await page.waitForFunction((sel) => !!document.activeElement?.matches(sel), selector, { timeout: 3_000 });
    } catch {
      const f = await this.focused(page);
      throw new Error(`expected focus on ${selector}, found it on ${f.label} (${page.url()})`);
    }
  }

  // ---------- mail ----------

  /** Every message in the instance's outbox. */
  outbox() {
    return readOutbox(this.preau.dataDir);
  }

  /** Waits for a message matching `predicate`, e.g. m => m.to.includes(address). */
  mail(predicate, options) {
    return waitForMail(this.preau.dataDir, predicate, options);
  }

  /** Closes every context this journey opened. */
  async close() {
    for (const page of this.pages) {
      await page.context().close().catch(() => {});
    }
  }

  /** Fails the journey on pages loaded without a check. */
  finish() {
    for (const page of this.pages) {
      const s = page._journeyState;
      if (!page.isClosed() && s?.current && !s.current.checked && !s.current.url.startsWith('about:')) {
        this.problems.push(`page loaded but never checked with axe: ${s.current.url}`);
      }
    }
  }
}
