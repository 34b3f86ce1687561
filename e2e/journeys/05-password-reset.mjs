// Forgotten password: ask for a link, take it from the mail, choose a new password; the old
// one stops working, the link serves once, and a "password changed" notice follows, whose
// « ce n'était pas moi » page opens (without being used).
import assert from 'node:assert/strict';
import { ADMIN, OTHER_PASSWORD, PASSWORD, login, logout, setupAdmin } from '../lib/flows.mjs';

export const name = 'password reset through the mail outbox';

export default async function (t) {
  const page = await setupAdmin(t);
  await logout(t, page);

  await t.click(page.getByRole('link', { name: 'Mot de passe oublié ?' }));
  await page.getByLabel('Adresse électronique professionnelle').fill(ADMIN.email);
  await t.click(page.getByRole('button', { name: 'Recevoir un lien' }));
  await t.see(page, 'Si un compte correspond à cette adresse');

  const mail = await t.mail((m) => m.to.includes(ADMIN.email) && m.text.includes('/mot-de-passe-oublie/'));
  const link = mail.text.match(/https?:\/\/\S+\/mot-de-passe-oublie\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(link, `no reset link in:\n${mail.text}`);

  await t.visit(page, link);
  assert.equal(await t.heading(page), 'Nouveau mot de passe');
  await page.getByLabel('Nouveau mot de passe').fill(OTHER_PASSWORD);
  await page.getByLabel('Confirmez le mot de passe').fill(OTHER_PASSWORD);
  await t.click(page.getByRole('button', { name: 'Enregistrer le mot de passe' }));
  await t.see(page, 'Votre mot de passe est changé');

  await login(t, page, ADMIN.email, PASSWORD);
  assert.equal(t.path(page), '/connexion', 'the old password still opens the account');
  await t.assertFocused(page, '.error-summary');

  await login(t, page, ADMIN.email, OTHER_PASSWORD);
  assert.equal(t.path(page), '/');
  await t.see(page, `Bonjour ${ADMIN.given}`);

  await t.visit(page, link);
  await t.see(page, 'Ce lien n’est pas reconnu');

  // The change is announced to the professional address, with « ce n'était pas moi ».
  const notice = await t.mail((m) => m.to.includes(ADMIN.email) && m.subject.includes('votre mot de passe vient d'));
  const notMe = notice.text.match(/https?:\/\/\S+\/ce-netait-pas-moi\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(notMe, `no « ce n'était pas moi » link in:\n${notice.text}`);
  await t.visit(page, notMe);
  assert.equal(await t.heading(page), 'Ce n’était pas moi');
  await t.see(page, 'suspend votre compte');
}
