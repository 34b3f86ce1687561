// Two teachers of different schools do not find each other by default; a colleague of the
// same school does. Once Hugo chooses the whole circonscription, Léa finds him.
import assert from 'node:assert/strict';
import { PEOPLE, activate, invitePeople, letterFor, searchDirectory } from '../lib/flows.mjs';

export const name = 'directory search respecting visibility';

export default async function (t) {
  const { lea, hugo, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, hugo, ines]);
  const pages = {};
  for (const p of [lea, hugo, ines]) {
    pages[p.email] = await t.person();
    await activate(t, pages[p.email], letterFor(letters, p), { given: p.given, email: p.email });
  }
  const leaPage = pages[lea.email];
  const hugoPage = pages[hugo.email];

  // Too short a query is refused with a focused error summary.
  await t.visit(leaPage, '/annuaire');
  await leaPage.getByLabel('Nom ou prénom').fill('Ma');
  await t.click(leaPage.locator('main').getByRole('button', { name: 'Rechercher' }));
  await t.assertFocused(leaPage, '.error-summary');

  // By default: her own school only.
  assert.deepEqual(await searchDirectory(t, leaPage, 'Martin'), []);
  await t.see(leaPage, 'Aucun collègue visible pour vous ne correspond.');
  const same = await searchDirectory(t, leaPage, 'Garnier');
  assert.ok(same.some((r) => r.includes('Inès Garnier')), `Léa should find Inès of her school, found ${JSON.stringify(same)}`);

  // Hugo opens himself to the whole circonscription.
  await t.visit(hugoPage, '/compte');
  await t.click(hugoPage.getByRole('link', { name: 'Ce que les autres voient de moi' }));
  await hugoPage.getByLabel('Toute la circonscription').check();
  await t.click(hugoPage.getByRole('button', { name: 'Enregistrer' }));
  await t.see(hugoPage, 'Vos choix sont enregistrés.');

  const found = await searchDirectory(t, leaPage, 'martin');
  assert.ok(found.some((r) => r.includes('Hugo Martin') && r.includes(hugo.school)), `Léa should now find Hugo, found ${JSON.stringify(found)}`);
  await t.click(leaPage.locator('main').getByRole('link', { name: 'Hugo Martin' }));
  await t.see(leaPage, 'Hugo Martin');
}
