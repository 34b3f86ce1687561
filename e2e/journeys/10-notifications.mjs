// The notification centre, as the people it serves use it: Léa invites Inès into a group;
// Inès sees the bell's count on her home page, opens her notifications, follows the news to
// the invitation and accepts; marks it read (the count goes); types a wrong quiet-hours time,
// sees it refused with what she typed kept, corrects it; stops the invitation emails from the
// link in the email, in a browser where nobody is signed in; then Léa deletes the group
// through its confirmation page and Inès is told. Every page is checked with axe.
//
// Emails leave only outside the recipient's quiet hours (19:00–07:00 Europe/Paris and
// weekends by default), and the journey runs on the real clock: so Inès saves quiet hours
// that do not hold the present moment, weekends unticked (no school holidays are declared on
// a fresh instance). The waiting invitation email then leaves at once, whatever the time.
import assert from 'node:assert/strict';
import { PEOPLE, activate, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'notifications: bell → invitation → read → quiet hours → unsubscribe → group deleted';
// Three accounts with their password hashes, two browsers and 40-odd pages checked: about
// 75 s on a loaded two-core machine with a debug build, too close to the default two minutes.
export const timeoutMs = 240_000;

const GROUP = 'Cycle 2 lecture';

/** The header's bell link. */
const bell = (page) => page.locator('header a.bell');

/** Asserts what the bell says: its accessible name, and the badge (none when nothing is unread). */
async function assertBell(page, unread) {
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} non lue${unread > 1 ? 's' : ''}`;
  assert.equal(await bell(page).getAttribute('aria-label'), label, `the bell on ${page.url()}`);
  const badge = bell(page).locator('.bell-count');
  if (unread === 0) {
    assert.equal(await badge.count(), 0, `no count on the bell expected on ${page.url()}`);
  } else {
    assert.equal((await badge.innerText()).trim(), String(unread), `the bell's count on ${page.url()}`);
  }
}

/** Now in Paris, plus `hours`, as HH:MM. */
function parisTime(hours) {
  const at = new Date(Date.now() + hours * 3_600_000);
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at);
}

export default async function (t) {
  const { lea, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, ines]);
  const leaPage = await t.person();
  const inesPage = await t.person();
  await activate(t, leaPage, letterFor(letters, lea), { given: lea.given, email: lea.email });
  await activate(t, inesPage, letterFor(letters, ines), { given: ines.given, email: ines.email });
  await assertBell(inesPage, 0);

  // Léa creates a group and invites Inès, with a word.
  await t.visit(leaPage, '/groupes');
  await leaPage.getByLabel('Nom du groupe', { exact: true }).fill(GROUP);
  await leaPage.getByLabel('Privé : invisible, on y entre sur invitation seulement.').check();
  await t.click(leaPage.getByRole('button', { name: 'Créer le groupe' }));
  assert.equal(await t.heading(leaPage), GROUP);
  await leaPage.getByLabel('Adresse électronique professionnelle', { exact: true }).fill(ines.email);
  await leaPage.getByLabel('Message (facultatif)', { exact: true }).fill('Pour le rallye lecture');
  await t.click(leaPage.getByRole('button', { name: 'Envoyer l’invitation' }));
  await t.see(leaPage, 'L’invitation est envoyée');
  const groupPath = t.path(leaPage);

  // Inès's home page: the bell counts one unread piece of news.
  await t.visit(inesPage, '/');
  await assertBell(inesPage, 1);
  await t.click(inesPage.getByRole('link', { name: 'Notifications, 1 non lue' }));
  assert.equal(t.path(inesPage), '/notifications');
  assert.equal(await t.heading(inesPage), 'Notifications');
  const invited = `${lea.given} ${lea.family} vous invite dans le groupe « ${GROUP} »`;
  await t.see(inesPage, invited);
  await t.see(inesPage, 'Pour le rallye lecture');

  // The news leads to the invitation itself, where she accepts.
  await t.click(inesPage.getByRole('link', { name: `Ouvrir : ${invited}` }));
  assert.equal(new URL(inesPage.url()).hash, '#invitations');
  assert.ok(
    await inesPage.locator('#invitations').isVisible(),
    'the link of the news points at #invitations, which the groups page must have',
  );
  await t.see(inesPage, `${lea.given} ${lea.family}`, { within: '#invitations' });
  await t.click(inesPage.getByRole('button', { name: `Accepter ${GROUP}` }));
  await t.see(inesPage, 'Vous êtes membre du groupe.');

  // Accepting did not mark the news read; she does, and the count goes.
  await assertBell(inesPage, 1);
  await t.click(bell(inesPage));
  await t.click(inesPage.getByRole('button', { name: `Marquer comme lue : ${invited}` }));
  await t.see(inesPage, 'C’est noté.');
  await assertBell(inesPage, 0);
  await t.see(inesPage, invited);
  assert.equal(await inesPage.getByRole('button', { name: /Marquer comme lue/ }).count(), 0);
  assert.equal(await inesPage.getByRole('button', { name: 'Tout marquer comme lu' }).count(), 0);

  // Her email choices: a wrong time is refused, with what she typed kept.
  await t.click(inesPage.getByRole('link', { name: 'Choisir ce que vous recevez par courriel, et quand' }));
  assert.equal(await t.heading(inesPage), 'Notifications : vos choix');
  const from = inesPage.getByLabel('Début (HH:MM)', { exact: true });
  const to = inesPage.getByLabel('Fin (HH:MM)', { exact: true });
  assert.equal(await from.inputValue(), '19:00');
  assert.equal(await to.inputValue(), '07:00');
  assert.ok(await inesPage.getByLabel('Calme aussi le samedi et le dimanche').isChecked());
  await from.fill('21h30');
  await t.click(inesPage.getByRole('button', { name: 'Enregistrer mes choix' }));
  await t.assertFocused(inesPage, '.error-summary');
  await t.see(inesPage, 'Indiquez une heure au format HH:MM, par exemple 19:00.');
  assert.equal(await from.inputValue(), '21h30', 'the wrong time she typed stays in the field');
  assert.equal(await from.getAttribute('aria-invalid'), 'true');
  // The summary's link leads to the field.
  await inesPage.locator('.error-summary').getByRole('link', { name: /Indiquez une heure/ }).click();
  await t.assertFocused(inesPage, '#quiet_from');

  // Corrected: quiet hours that do not hold the present moment (three to four hours from
  // now, Paris time), weekends unticked, so that the waiting email leaves now.
  const quietFrom = parisTime(3);
  const quietTo = parisTime(4);
  await from.fill(quietFrom);
  await to.fill(quietTo);
  await inesPage.getByLabel('Calme aussi le samedi et le dimanche').uncheck();
  await t.click(inesPage.getByRole('button', { name: 'Enregistrer mes choix' }));
  await t.see(inesPage, 'Vos choix sont enregistrés.');
  assert.equal(await from.inputValue(), quietFrom);
  assert.equal(await to.inputValue(), quietTo);
  assert.ok(!(await inesPage.getByLabel('Calme aussi le samedi et le dimanche').isChecked()));

  // The invitation's email, with a link to stop this kind of email.
  const mail = await t.mail(
    (m) => m.to.includes(ines.email) && m.text.includes('/notifications/desabonnement/'),
    { timeoutMs: 20_000 },
  );
  assert.ok(mail.subject.includes(invited), `subject: ${mail.subject}`);
  assert.ok(mail.text.includes('Pour le rallye lecture'), `the email holds the message:\n${mail.text}`);
  const stopLink = mail.text.match(/https?:\/\/\S+\/notifications\/desabonnement\/[A-Za-z0-9_-]+\.group-invitation/)?.[0];
  assert.ok(stopLink, `no unsubscribe link for invitations in:\n${mail.text}`);
  assert.ok(
    (mail.headers['list-unsubscribe'] || '').includes(stopLink),
    `List-Unsubscribe should carry the same link: ${mail.headers['list-unsubscribe']}`,
  );

  // Followed from the mailbox, where nobody is signed in: fetching the page changes
  // nothing, the button does.
  const mailbox = await t.person();
  await t.visit(mailbox, stopLink);
  assert.equal(await t.heading(mailbox), 'Ne plus recevoir ces courriels');
  await t.visit(inesPage, '/notifications/preferences');
  assert.ok(await inesPage.locator('#group-invitation-immediate').isChecked(), 'the page alone changes nothing');
  await t.click(mailbox.getByRole('button', { name: 'Ne plus recevoir « Invitations dans un groupe » par courriel' }));
  assert.equal(await t.heading(mailbox), 'C’est fait.');
  await t.see(mailbox, 'Vous ne recevrez plus par courriel : « Invitations dans un groupe ».');
  await t.visit(inesPage, '/notifications/preferences');
  assert.ok(await inesPage.locator('#group-invitation-never').isChecked(), 'invitations are no longer emailed');
  assert.equal(await inesPage.getByLabel('Début (HH:MM)', { exact: true }).inputValue(), quietFrom);

  // Léa deletes the group, through its confirmation page.
  await t.visit(leaPage, groupPath);
  await t.click(leaPage.getByRole('link', { name: 'Supprimer le groupe' }));
  assert.equal(await t.heading(leaPage), `Supprimer le groupe « ${GROUP} » ?`);
  assert.equal(t.path(leaPage), `${groupPath}/supprimer`);
  await t.click(leaPage.getByRole('button', { name: 'Supprimer définitivement' }));
  await t.see(leaPage, 'Le groupe est supprimé ; ses membres ont été prévenus.');
  await t.dontSee(leaPage, GROUP);

  // Inès is told.
  await t.visit(inesPage, '/');
  await assertBell(inesPage, 1);
  await t.click(bell(inesPage));
  await t.see(inesPage, `${lea.given} ${lea.family} a supprimé le groupe « ${GROUP} »`);
  await t.click(inesPage.getByRole('button', { name: 'Tout marquer comme lu' }));
  await t.see(inesPage, 'C’est noté.');
  await assertBell(inesPage, 0);
}
