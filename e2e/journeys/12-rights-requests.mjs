// Rights requests (RGT-08), as people use them: Léa asks from « Mes données » for a
// correction of her corps (an empty tick list refused first, the focus on the summary, her
// text kept); someone without an account uses the public form and confirms it from the
// mailed link; the administrator finds both on /admin/demandes (« 0 en retard »), tries to
// close Léa's without a message (refused), then answers; Léa sees the answer on her page and
// in her access log. Every page is checked with axe.
import assert from 'node:assert/strict';
import { PEOPLE, activate, letterFor, invitePeople } from '../lib/flows.mjs';

export const name = 'rights requests: a correction from « Mes données », the public form, the queue, the answer';
export const timeoutMs = 180_000;

const VISITOR = { name: 'Marc Nul', email: 'marc.nul@ac-amiens.fr' };

export default async function (t) {
  const { lea } = PEOPLE;
  const { admin, letters } = await invitePeople(t, [lea]);
  const page = await t.person();
  await activate(t, page, letterFor(letters, lea), { given: lea.given, email: lea.email });

  // From « Mes données » to the correction form.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Mes données' }));
  await t.click(page.locator('main').getByRole('link', { name: 'Demander une correction, et suivre vos demandes' }));
  assert.equal(t.path(page), '/compte/donnees/demandes');
  assert.equal(await t.heading(page), 'Corriger mes données');
  const wrong = page.getByLabel('Ce qui serait juste', { exact: true });
  await wrong.fill('Je suis professeure des écoles hors classe.');
  await t.click(page.getByRole('button', { name: 'Envoyer la demande' }));
  await t.assertFocused(page, '.error-summary');
  await t.see(page, 'Cochez au moins un champ à corriger.');
  assert.equal(await wrong.inputValue(), 'Je suis professeure des écoles hors classe.');
  await page.locator('#field_corps').check();
  await t.click(page.getByRole('button', { name: 'Envoyer la demande' }));
  await t.see(page, 'Votre demande de correction est transmise');
  await t.see(page, 'Ouverte');

  // Someone without an account: the public form, then the mailed link.
  const visitor = await t.person();
  await t.visit(visitor, '/demande-donnees');
  await visitor.getByLabel('Nom et prénom', { exact: true }).fill(VISITOR.name);
  await visitor.getByLabel('Adresse électronique professionnelle', { exact: true }).fill(VISITOR.email);
  await visitor.getByLabel('Effacement', { exact: true }).check();
  await visitor.getByLabel('Ce que demande la personne', { exact: true }).fill('Effacez ce qui me concerne.');
  await t.click(visitor.getByRole('button', { name: 'Envoyer la demande' }));
  await t.see(visitor, 'Un courriel vient de partir');
  const mail = await t.mail((m) => m.to.includes(VISITOR.email) && m.text.includes('/demande-donnees/'));
  const confirm = mail.text.match(/https?:\/\/\S+\/demande-donnees\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(confirm, `no confirmation link in:\n${mail.text}`);
  await t.visit(visitor, confirm);
  await t.click(visitor.getByRole('button', { name: 'Confirmer la demande' }));
  await t.see(visitor, 'Votre demande est transmise');

  // The administrator's queue, from /admin.
  await t.visit(admin, '/admin');
  await t.see(admin, '0 en retard');
  await t.click(admin.locator('main').getByRole('link', { name: 'voir la file' }));
  assert.equal(t.path(admin), '/admin/demandes');
  await t.see(admin, '0 en retard');
  await t.see(admin, VISITOR.name);
  await t.see(admin, `${lea.given} ${lea.family}`);
  const row = admin.locator('main tbody tr').filter({ hasText: `${lea.given} ${lea.family}` });
  await t.click(row.getByRole('link', { name: 'Correction (rectification)' }));
  await t.see(admin, 'Je suis professeure des écoles hors classe.');

  // Closing without a message is refused; then answered.
  await admin.getByLabel('La demande est satisfaite', { exact: true }).check();
  await t.click(admin.getByRole('button', { name: 'Envoyer la réponse et clore' }));
  await t.assertFocused(admin, '.error-summary');
  await t.see(admin, 'une demande ne se clôt pas sans réponse');
  await admin.getByLabel('Message à la personne', { exact: true })
    .fill('Le rectorat a corrigé votre corps ; le prochain import le mettra à jour.');
  await t.click(admin.getByRole('button', { name: 'Envoyer la réponse et clore' }));
  await t.see(admin, 'La demande est close');
  await t.see(admin, 'Close : traitée');

  // Léa: the answer on her page, in her access log, and by email.
  await t.visit(page, '/compte/donnees/demandes');
  await t.see(page, 'Close : traitée');
  await t.see(page, 'Le rectorat a corrigé votre corps');
  await t.visit(page, '/compte/donnees');
  await t.see(page, 'Un administrateur a répondu à votre demande et l’a close');
  await t.mail((m) => m.to.includes(lea.email) && m.text.includes('Le rectorat a corrigé votre corps'));
}
