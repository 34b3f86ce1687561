// Logging out ends the session: the account pages then ask to log in.
import assert from 'node:assert/strict';
import { logout, setupAdmin } from '../lib/flows.mjs';

export const name = 'logout';

export default async function (t) {
  const page = await setupAdmin(t);
  await logout(t, page);
  await t.see(page, 'Vous êtes déconnecté·e.');
  await t.dontSee(page, 'Se déconnecter', { within: 'header' });

  await t.visit(page, '/compte');
  assert.equal(t.path(page), '/connexion', 'a signed-out visitor reached /compte');
  await t.visit(page, '/');
  assert.notEqual(await t.heading(page), 'Bonjour Camille');
}
