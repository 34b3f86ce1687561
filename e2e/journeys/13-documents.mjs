// Documents, as people use them: Léa opens « Documents » from the navigation and lands on
// « Mes documents »; an upload with no file is refused by the server (the focus on the error
// summary, whose link leads to the file field); she drops two files at once, creates a
// folder, renames a file with the keyboard alone (tab to its field, type, Enter), downloads
// the PDF by its link (the same bytes), puts the folder in the trash and restores it from
// « Corbeille ». Then a group: Léa invites Inès, who accepts; Léa follows « Documents du
// groupe » and drops a file there; Inès opens the group's documents, downloads it (the same
// bytes) and has no « Renommer » on it (members change only what they added); Léa's own
// space stays closed to her. Every page is checked with axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PEOPLE, activate, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'documents: upload → folder → rename → download → trash → restore → group space';
// Three accounts (password hashes) and about 30 pages: roomy for a debug build.
export const timeoutMs = 240_000;

const GROUP = 'Cycle 3 sciences';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const NOTES = Buffer.from('Séance 1 : les états de l’eau.\nSéance 2 : le cycle de l’eau.\n', 'utf8');
const PROGRESSION = Buffer.from('Période 3 : électricité, circuits simples.\n', 'utf8');

/** Clicks the download link named `name` and returns the bytes downloaded. */
async function download(page, name) {
  const started = page.waitForEvent('download');
  await page.locator('main').getByRole('link', { name, exact: true }).click();
  const d = await started;
  assert.equal(d.suggestedFilename(), name, `downloaded file name: ${d.suggestedFilename()}`);
  return readFile(await d.path());
}

export default async function (t) {
  const { lea, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, ines]);
  const page = await t.person();
  const inesPage = await t.person();
  await activate(t, page, letterFor(letters, lea), { given: lea.given, email: lea.email });
  await activate(t, inesPage, letterFor(letters, ines), { given: ines.given, email: ines.email });

  // « Documents », from the navigation: her own space, empty.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Documents', exact: true }));
  assert.equal(await t.heading(page), 'Mes documents');
  assert.match(t.path(page), /^\/documents\/[0-9a-f-]{36}$/);
  const myRoot = t.path(page);
  await t.see(page, 'Ce dossier est vide.');

  // « Déposer » with no file: the browser would stop it (`required`), so the attribute is
  // taken off to reach the server, which refuses it. The summary gets the focus and its link
  // leads to the file field.
  const files = page.getByLabel('Fichiers', { exact: true });
  await files.evaluate((input) => input.removeAttribute('required'));
  await t.click(page.getByRole('button', { name: 'Déposer', exact: true }));
  await t.assertFocused(page, '.error-summary');
  await t.assertFocusVisible(page);
  await t.see(page, 'Choisissez au moins un fichier.', { within: 'main .error-summary' });
  const target = await page.locator('main .error-summary a').first().getAttribute('href');
  assert.equal(await page.locator(target).count(), 1, `the summary's link ${target} leads nowhere`);
  assert.equal(await files.getAttribute('aria-invalid'), 'true');
  const described = (await files.getAttribute('aria-describedby')).split(/\s+/);
  assert.ok(described.includes('file-error'), `the field's error is not read with it: ${described}`);

  // Two files at once.
  await files.setInputFiles([
    { name: 'cours.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: NOTES },
  ]);
  await t.click(page.getByRole('button', { name: 'Déposer', exact: true }));
  assert.equal(t.path(page), myRoot);
  await t.see(page, '2 fichiers déposés.');
  await t.see(page, 'cours.pdf');
  await t.see(page, 'notes.txt');

  // A folder.
  await page.getByLabel('Nom du dossier', { exact: true }).fill('Séances');
  await t.click(page.getByRole('button', { name: 'Créer le dossier', exact: true }));
  await t.see(page, 'Le dossier est créé.');
  const folderLink = page.locator('main table').getByRole('link', { name: 'Dossier : Séances', exact: true });
  assert.equal(await folderLink.count(), 1, 'the folder is listed');

  // Renaming notes.txt, keyboard only: tab to its field, replace the name, Enter.
  const renameField = page.getByLabel('Nouveau nom pour notes.txt', { exact: true });
  const renameId = await renameField.getAttribute('id');
  await page.locator('main').focus();
  await t.tabTo(page, `#${renameId}`);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('eau.txt');
  await t.press(page, 'Enter');
  assert.equal(t.path(page), myRoot);
  await t.see(page, 'Le nom est changé.');
  await t.see(page, 'eau.txt');
  await t.dontSee(page, 'notes.txt');

  // A name already taken in the folder is refused: the summary says so, and the new folder's
  // field (the page's other « name ») is not marked as the one in error.
  await page.getByLabel('Nouveau nom pour eau.txt', { exact: true }).fill('cours.pdf');
  await t.click(page.getByRole('button', { name: 'Renommer eau.txt', exact: true }));
  await t.assertFocused(page, '.error-summary');
  await t.see(page, 'Ce nom est déjà pris dans ce dossier.', { within: 'main .error-summary' });
  assert.equal(await page.getByLabel('Nom du dossier', { exact: true }).getAttribute('aria-invalid'), null,
    'the new folder field is not the one refused');
  await t.see(page, 'eau.txt');

  // The PDF, downloaded by its link: the bytes she dropped; the renamed file too.
  assert.ok((await download(page, 'cours.pdf')).equals(PDF), 'the PDF downloaded differs from the one dropped');
  assert.ok((await download(page, 'eau.txt')).equals(NOTES), 'the renamed file downloaded differs');

  // The folder to the trash, then back from « Corbeille ».
  await t.click(page.getByRole('button', { name: 'Mettre à la corbeille Séances', exact: true }));
  await t.see(page, 'C’est dans la corbeille pour 30 jours.');
  assert.equal(await folderLink.count(), 0, 'the folder left the list');
  await t.click(page.locator('main').getByRole('link', { name: 'Corbeille', exact: true }));
  assert.equal(await t.heading(page), 'Corbeille — Mes documents');
  await t.see(page, 'Dossier : Séances');
  await t.click(page.getByRole('button', { name: 'Restaurer Séances', exact: true }));
  assert.equal(t.path(page), myRoot);
  await t.see(page, 'C’est restauré à sa place.');
  assert.equal(await folderLink.count(), 1, 'the folder is back');
  await t.click(folderLink);
  assert.equal(await t.heading(page), 'Séances');
  await t.see(page, 'Ce dossier est vide.');
  await t.click(page.locator('main nav.breadcrumb').getByRole('link', { name: 'Mes documents', exact: true }));
  assert.equal(t.path(page), myRoot);

  // A group: Léa creates it and invites Inès, who accepts.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Groupes', exact: true }));
  await page.getByLabel('Nom du groupe', { exact: true }).fill(GROUP);
  await page.getByLabel('Privé : invisible, on y entre sur invitation seulement.').check();
  await t.click(page.getByRole('button', { name: 'Créer le groupe' }));
  assert.equal(await t.heading(page), GROUP);
  const groupPath = t.path(page);
  await page.getByLabel('Adresse électronique professionnelle', { exact: true }).fill(ines.email);
  await t.click(page.getByRole('button', { name: 'Envoyer l’invitation' }));
  await t.see(page, 'L’invitation est envoyée');
  await t.visit(inesPage, '/groupes');
  await t.click(inesPage.getByRole('button', { name: `Accepter ${GROUP}` }));
  await t.see(inesPage, 'Vous êtes membre du groupe.');

  // Léa drops a file in the group's space.
  await t.click(page.locator('main').getByRole('link', { name: 'Documents du groupe', exact: true }));
  assert.equal(await t.heading(page), GROUP);
  const groupRoot = t.path(page);
  assert.notEqual(groupRoot, myRoot);
  await page.getByLabel('Fichiers', { exact: true }).setInputFiles({
    name: 'progression.txt', mimeType: 'text/plain', buffer: PROGRESSION,
  });
  await t.click(page.getByRole('button', { name: 'Déposer', exact: true }));
  await t.see(page, '1 fichier déposé.');
  assert.equal(await page.getByRole('button', { name: 'Renommer progression.txt', exact: true }).count(), 1);

  // Inès opens the group's documents: she downloads Léa's file, but may not rename it.
  await t.visit(inesPage, groupPath);
  await t.click(inesPage.locator('main').getByRole('link', { name: 'Documents du groupe', exact: true }));
  assert.equal(t.path(inesPage), groupRoot);
  assert.equal(await t.heading(inesPage), GROUP);
  await t.see(inesPage, 'progression.txt');
  assert.ok((await download(inesPage, 'progression.txt')).equals(PROGRESSION), 'Inès downloads other bytes');
  assert.equal(await inesPage.locator('main').getByRole('button', { name: /^Renommer/ }).count(), 0,
    'a member may not rename what another added');
  assert.equal(await inesPage.locator('main').getByRole('button', { name: /^Mettre à la corbeille/ }).count(), 0,
    'nor put it in the trash');

  // Léa's own space stays hers.
  const res = await t.visit(inesPage, myRoot);
  assert.ok(res.status() >= 400 && res.status() < 500, `Léa's space answered ${res.status()} to Inès`);
  await t.dontSee(inesPage, 'cours.pdf');
}
