// An invited person reads the notice and declines in one click; the code then no longer works
// and the administrator sees no pending invitation.
import assert from 'node:assert/strict';
import { PEOPLE, invitePeople, letterFor, openInvitation } from '../lib/flows.mjs';

export const name = 'decline an invitation';

export default async function (t) {
  const hugo = PEOPLE.hugo;
  const { admin, letters } = await invitePeople(t, [hugo]);
  const code = letterFor(letters, hugo);

  const page = await t.person();
  await openInvitation(t, page, code);
  await t.click(page.getByRole('button', { name: 'Je ne souhaite pas de compte' }));
  assert.equal(await t.heading(page), 'C’est noté');

  await t.visit(page, '/invitation');
  await page.getByLabel('Code d’invitation').fill(code);
  await t.click(page.getByRole('button', { name: 'Continuer' }));
  assert.equal(await t.heading(page), 'Ce code ne fonctionne pas');

  await t.visit(admin, '/admin');
  const pending = admin.locator('dt', { hasText: 'Invitations en attente' }).locator('xpath=following-sibling::dd[1]');
  assert.equal((await pending.innerText()).trim(), '0');
}
