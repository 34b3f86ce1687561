// The administrator uploads the roster, reads the preview (nothing changed yet, the bad line
// is shown), confirms, then sends the invitations by email.
import assert from 'node:assert/strict';
import { PEOPLE, rosterCsv, setupAdmin } from '../lib/flows.mjs';

export const name = 'roster import with preview and confirmation';

export default async function (t) {
  const people = [PEOPLE.lea, PEOPLE.hugo, PEOPLE.ines];
  const page = await setupAdmin(t);
  await t.click(page.getByRole('link', { name: 'Ouvrir l’administration' }));
  await t.see(page, 'Aucune école pour l’instant');
  await t.click(page.locator('main').getByRole('link', { name: 'Importer l’annuaire des personnels' }));

  const csv = rosterCsv(people) + 'Petit;Paul;paul.petit@ac-amiens.fr;08ZZ;École X;professeur des écoles;\r\n';
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'annuaire.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await t.click(page.getByRole('button', { name: 'Voir ce qui changerait' }));
  await t.see(page, 'Rien n’a encore changé');
  for (const p of people) await t.see(page, p.email);
  await t.see(page, /Lignes refusées \(1\)/);

  // A preview changes nothing: the administration page still has no school.
  const elsewhere = await t.newTab(page);
  await t.visit(elsewhere, '/admin');
  await t.see(elsewhere, 'Aucune école pour l’instant');
  await elsewhere.close();

  await t.click(page.getByRole('button', { name: 'Confirmer l’import' }));
  await t.see(page, 'L’import est fait');
  await t.click(page.getByRole('button', { name: 'Envoyer les invitations par courriel' }));
  await t.see(page, /3 invitations sont parties/);
  for (const p of people) {
    const mail = await t.mail((m) => m.to.includes(p.email));
    assert.match(mail.text, new RegExp(`${t.url}/invitation/[A-Z0-9]+`), `the invitation mail to ${p.email} has no link`);
    assert.ok(mail.text.includes(`Bonjour ${p.given}`), `the invitation mail to ${p.email} does not greet ${p.given}`);
  }
  assert.ok(!(await t.outbox()).some((m) => m.to.includes('paul.petit')), 'a rejected line was invited');

  await t.visit(page, '/admin');
  await t.see(page, 'École Jules Verne');
  await t.see(page, 'École Jean Moulin');
}
