// The first administrator opens the link the server printed, makes a mistake, then creates
// the account and lands signed in; the link cannot serve twice.
import assert from 'node:assert/strict';
import { ADMIN, setupAdmin } from '../lib/flows.mjs';

export const name = 'first-administrator setup';

export default async function (t) {
  const page = await t.person();
  await t.visit(page, t.preau.setupLink);
  assert.equal(await t.heading(page), 'Créer le compte administrateur');

  // The passwords differ: the form comes back with its error summary focused.
  await page.getByLabel('Prénom', { exact: true }).fill(ADMIN.given);
  await page.getByLabel('Nom', { exact: true }).fill(ADMIN.family);
  await page.getByLabel('Adresse électronique professionnelle').fill(ADMIN.email);
  await page.getByLabel('Nouveau mot de passe').fill(ADMIN.password);
  await page.getByLabel('Confirmez le mot de passe').fill('something else entirely');
  await t.click(page.getByRole('button', { name: 'Créer le compte et me connecter' }));
  await t.assertFocused(page, '.error-summary');
  await t.see(page, 'Le formulaire contient des erreurs');

  await setupAdmin(t, page);
  await t.click(page.getByRole('link', { name: 'Ouvrir l’administration' }));
  assert.equal(await t.heading(page), 'Administration');

  // The link is single-use.
  const stranger = await t.person();
  await t.visit(stranger, t.preau.setupLink);
  assert.equal(await t.heading(stranger), 'Lien d’installation inutilisable');
}
