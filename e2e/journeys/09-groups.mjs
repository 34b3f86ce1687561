// A working group, by consent only: Léa creates a private group and invites Inès (same
// school, so visible to her), Inès sees who invited her and why, accepts, and leaves in one
// click. Every page is checked with axe.
import assert from 'node:assert/strict';
import { PEOPLE, activate, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'working group: create → invite → accept → leave';

export default async function (t) {
  const { lea, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, ines]);
  const leaPage = await t.person();
  const inesPage = await t.person();
  await activate(t, leaPage, letterFor(letters, lea), { given: lea.given, email: lea.email });
  await activate(t, inesPage, letterFor(letters, ines), { given: ines.given, email: ines.email });

  // Léa creates the group; an empty name is refused with the focus on the summary.
  await t.visit(leaPage, '/groupes');
  assert.equal(await t.heading(leaPage), 'Groupes de travail');
  await t.click(leaPage.getByRole('button', { name: 'Créer le groupe' }));
  await t.assertFocused(leaPage, '.error-summary');
  await leaPage.getByLabel('Nom du groupe', { exact: true }).fill('Cycle 3 maths');
  await leaPage.getByLabel('Privé : invisible, on y entre sur invitation seulement.').check();
  await t.click(leaPage.getByRole('button', { name: 'Créer le groupe' }));
  assert.equal(await t.heading(leaPage), 'Cycle 3 maths');
  await t.see(leaPage, 'vous en êtes propriétaire');

  // She invites Inès, with a word.
  await leaPage.getByLabel('Adresse électronique professionnelle', { exact: true }).fill(ines.email);
  await leaPage.getByLabel('Message (facultatif)', { exact: true }).fill('Pour les progressions de janvier');
  await t.click(leaPage.getByRole('button', { name: 'Envoyer l’invitation' }));
  await t.see(leaPage, 'L’invitation est envoyée');
  const groupPath = t.path(leaPage);

  // Inès sees who invited her and why, and accepts.
  await t.visit(inesPage, '/groupes');
  await t.see(inesPage, `${lea.given} ${lea.family}`);
  await t.see(inesPage, 'Pour les progressions de janvier');
  await t.click(inesPage.getByRole('button', { name: 'Accepter Cycle 3 maths' }));
  await t.see(inesPage, 'Vous êtes membre du groupe.');
  await t.visit(inesPage, groupPath);
  await t.see(inesPage, `${ines.given} ${ines.family}`);

  // And leaves, silently.
  await t.click(inesPage.getByRole('button', { name: 'Quitter le groupe' }));
  await t.see(inesPage, 'Personne n’en est prévenu');
  await t.visit(leaPage, groupPath);
  await t.dontSee(leaPage, `${ines.given} ${ines.family}`, { within: 'main' });
}
