// A teacher types the code from her letter, activates her account and logs in again, with
// the keyboard only: Tab, Space, Enter. Every focus stop must show; after a failed submit the
// error summary takes the focus.
import assert from 'node:assert/strict';
import { PASSWORD, PEOPLE, activationLink, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'invitation letter → activation → login (keyboard only)';

export default async function (t) {
  const lea = PEOPLE.lea;
  const { letters } = await invitePeople(t, [lea]);
  const code = letterFor(letters, lea);

  const page = await t.person();
  await t.visit(page, '/invitation');
  await t.tabTo(page, '#code');
  await page.keyboard.type(code);
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(await t.heading(page), 'Votre invitation');
  await t.see(page, `${lea.given} ${lea.family}`);

  await t.tabTo(page, 'main a[href$="/activer"]');
  await t.press(page, 'Enter');
  assert.equal(await t.heading(page), 'Activer mon compte');

  // First try: the charter box left unchecked, the confirmation mistyped.
  await t.tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await t.tabTo(page, '#password_confirmation');
  await page.keyboard.type('correct horse battery stapler');
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  await t.assertFocused(page, '.error-summary');
  await t.assertFocusVisible(page);
  await t.see(page, 'Cochez la case');

  // Second try, right.
  await t.tabTo(page, '#accept');
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#accept').isChecked(), 'Space did not check the charter box');
  await t.tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await t.tabTo(page, '#password_confirmation');
  await page.keyboard.type(PASSWORD);
  await t.tabTo(page, 'input[name=scope]');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'my_places', 'the recommended scope is not the one chosen by default');
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  // Nothing opens until the link sent to her professional address is followed.
  assert.equal(await t.heading(page), 'Confirmez depuis votre messagerie');
  await t.see(page, lea.email);
  await t.visit(page, await activationLink(t, lea.email));
  assert.equal(await t.heading(page), 'Ouvrir mon compte');
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), '/');
  await t.see(page, `Bonjour ${lea.given}`);

  // Log out, still with the keyboard.
  await t.tabTo(page, 'header button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), '/connexion');

  // Log in: a wrong password first.
  await t.tabTo(page, '#email');
  await page.keyboard.type(lea.email);
  await t.tabTo(page, '#password');
  await page.keyboard.type('not my password at all');
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), '/connexion');
  await t.assertFocused(page, '.error-summary');
  await t.assertFocusVisible(page);

  await t.tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), '/');
  await t.see(page, `Bonjour ${lea.given}`);
}
