// The footer's language switch: to English, which sticks across pages, then back to French.
import assert from 'node:assert/strict';
import { setupAdmin } from '../lib/flows.mjs';

export const name = 'language switch';

export default async function (t) {
  const page = await setupAdmin(t);
  await t.visit(page, '/compte');
  assert.equal(await t.heading(page), 'Mon compte');

  await t.click(page.locator('footer').getByRole('button', { name: 'English' }));
  assert.equal(t.path(page), '/compte', 'the switch should stay on the same page');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await t.heading(page), 'My account');
  assert.equal(await page.locator('footer button[aria-current=true]').innerText(), 'English');

  await t.visit(page, '/');
  await t.see(page, 'Hello');
  await t.visit(page, '/annuaire');
  assert.equal(await t.heading(page), 'Directory');

  await t.click(page.locator('footer').getByRole('button', { name: 'Français' }));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await t.heading(page), 'Annuaire');

  // Anonymous visitors switch too.
  const visitor = await t.person();
  await t.visit(visitor, '/connexion');
  await t.click(visitor.locator('footer').getByRole('button', { name: 'English' }));
  assert.equal(await t.heading(visitor), 'Log in');
  await t.click(visitor.locator('footer').getByRole('button', { name: 'Français' }));
  assert.equal(await t.heading(visitor), 'Connexion');
}
