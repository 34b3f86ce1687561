// « Mes données » and « Supprimer mon compte », as the person uses them: Léa opens « Mes
// données » from the navigation, sees what is kept table by table, downloads the archive (a
// ZIP holding donnees.json, one CSV per table and LISEZMOI.txt), reads in her access log that
// an administrator printed her letter, restricts the use of her data and lifts it again;
// she creates a group she alone
// owns, then closes her account — a wrong password first (refused, the focus on the error
// summary, her choice for the group kept), then the right one with « Les supprimer » chosen.
// She sees the erasure date, is signed out, reads the email that tells how to cancel, follows
// it and logs in again with the keyboard alone: the closing is cancelled, her group is still
// there. Every page is checked with axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { PASSWORD, PEOPLE, activate, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'my data: the table → the archive → close the account → cancelled by logging in';
// Two accounts with their password hashes (three checks of Léa's), about 20 pages: well
// within two minutes with a release build, less so with a debug one on a loaded machine.
export const timeoutMs = 180_000;

const GROUP = 'Conseil de cycle 2';
const DAY_MS = 86_400_000;

/**
 * The files of a ZIP archive, from its central directory: { name → Buffer (uncompressed) }.
 * Only what Préau writes is read: stored (0) or deflated (8) entries, no ZIP64.
 */
function unzip(bytes) {
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the archive does not start with PK');
  // End of central directory: signature 0x06054b50, at least 22 bytes from the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'no end of central directory in the archive');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, `central directory entry ${n} is damaged`);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    // The data follows the local header, whose name and extra field lengths are its own.
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

export default async function (t) {
  const { lea, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, ines]);
  const page = await t.person();
  await activate(t, page, letterFor(letters, lea), { given: lea.given, email: lea.email });

  // « Mes données », from the navigation.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Mes données' }));
  assert.equal(t.path(page), '/compte/donnees');
  assert.equal(await t.heading(page), 'Mes données');
  const table = page.locator('main table').first();
  const tables = (await table.locator('tbody th[scope=row]').allInnerTexts()).map((s) => s.trim());
  for (const expected of ['users', 'sessions']) {
    assert.ok(tables.includes(expected), `the table should list ${expected}; it lists ${tables.join(', ')}`);
  }
  // Her own row: one line in users.
  const usersRow = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^users$/ }) });
  assert.equal((await usersRow.locator('td').nth(1).innerText()).trim(), '1', 'one row of hers in users');

  // The archive, downloaded by clicking its link.
  const downloaded = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger mes données (ZIP)' }).click();
  const download = await downloaded;
  assert.match(download.suggestedFilename(), /\.zip$/, `archive file name: ${download.suggestedFilename()}`);
  const bytes = await readFile(await download.path());
  const files = unzip(bytes);
  const names = [...files.keys()];
  for (const expected of ['donnees.json', 'LISEZMOI.txt', 'csv/users.csv', 'csv/sessions.csv']) {
    assert.ok(names.includes(expected), `the archive should hold ${expected}; it holds ${names.join(', ')}`);
  }
  const json = JSON.parse(files.get('donnees.json').toString('utf8'));
  assert.ok(JSON.stringify(json).includes(lea.email), 'donnees.json should hold her address');
  assert.ok(!JSON.stringify(json).includes(ines.email), 'donnees.json must not hold a colleague’s address');
  assert.ok(files.get('LISEZMOI.txt').toString('utf8').includes('CNIL'), 'LISEZMOI.txt says how to complain');

  // Her access log: the administrator printed her letter before she had an account.
  await t.see(page, 'Ce que l’administration a fait de vos données');
  const journal = page.locator('main table').nth(1);
  const acts = await journal.locator('tbody tr').allInnerTexts();
  assert.ok(
    acts.some((row) => row.includes('Un administrateur') && row.includes('Un courrier d’invitation à votre nom a été imprimé.')),
    `the access log should show the printed letter; it shows:\n${acts.join('\n')}`,
  );

  // « Limiter »: on, then lifted, each with its confirmation.
  await t.click(page.getByRole('button', { name: 'Activer la limitation' }));
  assert.equal(t.path(page), '/compte/donnees');
  await t.see(page, 'La limitation est active : plus personne ne vous trouve.');
  await t.click(page.getByRole('button', { name: 'Lever la limitation' }));
  await t.see(page, 'La limitation est levée');
  assert.equal(await page.getByRole('button', { name: 'Activer la limitation' }).count(), 1);

  // A group she alone owns.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Groupes' }));
  await page.getByLabel('Nom du groupe', { exact: true }).fill(GROUP);
  await page.getByLabel('Privé : invisible, on y entre sur invitation seulement.').check();
  await t.click(page.getByRole('button', { name: 'Créer le groupe' }));
  assert.equal(await t.heading(page), GROUP);

  // « Supprimer mon compte », from « Mes données ».
  await t.click(page.locator('header nav').getByRole('link', { name: 'Mes données' }));
  await t.click(page.locator('main').getByRole('link', { name: 'Supprimer mon compte…' }));
  assert.equal(t.path(page), '/compte/supprimer');
  assert.equal(await t.heading(page), 'Supprimer mon compte');
  const fieldset = page.locator('main fieldset');
  await t.see(page, GROUP, { within: 'main fieldset' });
  const handOver = page.getByRole('radio', { name: /^Les confier/ });
  const deleteThem = page.getByRole('radio', { name: /^Les supprimer/ });
  assert.ok(await handOver.isChecked(), 'handing the groups over is the default');
  assert.equal(await fieldset.getByRole('radio').count(), 2);

  // A wrong password: refused, the focus on the summary, her choice kept.
  await deleteThem.check();
  await page.getByLabel('Mot de passe actuel', { exact: true }).fill('not my password at all');
  await t.click(page.getByRole('button', { name: 'Fermer mon compte et l’effacer dans 30 jours' }));
  assert.equal(t.path(page), '/compte/supprimer');
  await t.assertFocused(page, '.error-summary');
  await t.assertFocusVisible(page);
  const password = page.getByLabel('Mot de passe actuel', { exact: true });
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  assert.equal(await password.inputValue(), '', 'a password is never sent back');
  assert.ok(await deleteThem.isChecked(), 'her choice for the groups is kept');

  // The right one.
  await password.fill(PASSWORD);
  await t.click(page.getByRole('button', { name: 'Fermer mon compte et l’effacer dans 30 jours' }));
  assert.equal(await t.heading(page), 'Votre compte est fermé');
  const notice = await page.locator('main .notice').innerText();
  const date = notice.match(/Il sera effacé le (\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(date, `no erasure date in the notice: ${notice}`);
  const daysAway = (Date.parse(`${date}T00:00:00Z`) - Date.now()) / DAY_MS;
  assert.ok(daysAway > 28.9 && daysAway <= 30, `the erasure should be 30 days away, not on ${date}`);

  // Signed out: the navigation offers to log in, and her pages are closed to her.
  const nav = page.locator('header nav');
  assert.ok(await nav.getByRole('link', { name: 'Se connecter' }).isVisible(), 'the navigation should offer to log in');
  assert.equal(await nav.getByRole('button', { name: 'Se déconnecter' }).count(), 0, 'no logout button once closed');
  assert.equal(await nav.getByRole('link', { name: 'Mes données' }).count(), 0);
  await t.visit(page, '/compte/donnees');
  assert.equal(t.path(page), '/connexion', 'her pages need a session again');

  // The email tells how to cancel.
  const mail = await t.mail((m) => m.to.includes(lea.email) && m.subject.includes('effacé dans 30 jours'), { timeoutMs: 20_000 });
  assert.ok(mail.text.includes(date), `the email should give the date ${date}:\n${mail.text}`);
  assert.ok(mail.text.includes('reconnecter'), `the email should say how to cancel:\n${mail.text}`);
  const loginLink = mail.text.match(/https?:\/\/\S+\/connexion\b/)?.[0];
  assert.ok(loginLink, `no login link in:\n${mail.text}`);

  // She follows it and logs in again, keyboard only: the closing is cancelled.
  await t.visit(page, loginLink);
  await t.tabTo(page, '#email');
  await page.keyboard.type(lea.email);
  await t.tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await t.tabTo(page, 'main form button[type=submit]');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), '/compte/donnees');
  assert.equal(new URL(page.url()).searchParams.get('ok'), 'suppression-annulee');
  assert.equal(await t.heading(page), 'Mes données');
  await t.see(page, 'La suppression de votre compte est annulée');
  assert.ok(await nav.getByRole('button', { name: 'Se déconnecter' }).isVisible(), 'signed in again');

  // Nothing was erased: her group is still hers.
  await t.click(nav.getByRole('link', { name: 'Groupes' }));
  await t.see(page, GROUP);
}
