// Sharing, as people use it: Léa creates a private group with Inès, files « compte-rendu.txt »
// in a folder « Conseil de cycle » of « Mes documents », follows « Partager » on the folder
// and shares it with the group to read. The share page lists it. Inès finds the folder
// under « Partagés avec moi », opens it (the breadcrumb starts there: nothing of Léa's space
// above it, no trash, no usage), downloads the file (the same bytes) and has no form to add
// files. Léa removes the share; the folder is gone from Inès's list and out of her reach.
// Every page is checked with axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PEOPLE, activate, invitePeople, letterFor } from '../lib/flows.mjs';

export const name = 'sharing: a folder shared with a group → a member finds, opens and downloads it → unshared';
export const timeoutMs = 240_000;

const GROUP = 'Conseil de cycle 2';
const FOLDER = 'Conseil de cycle';
const REPORT = Buffer.from('Compte rendu du conseil de cycle du 12 novembre.\n', 'utf8');

export default async function (t) {
  const { lea, ines } = PEOPLE;
  const { letters } = await invitePeople(t, [lea, ines]);
  const page = await t.person();
  const inesPage = await t.person();
  await activate(t, page, letterFor(letters, lea), { given: lea.given, email: lea.email });
  await activate(t, inesPage, letterFor(letters, ines), { given: ines.given, email: ines.email });

  // The group, private, with Inès in it.
  await t.click(page.locator('header nav').getByRole('link', { name: 'Groupes', exact: true }));
  await page.getByLabel('Nom du groupe', { exact: true }).fill(GROUP);
  await page.getByLabel('Privé : invisible, on y entre sur invitation seulement.').check();
  await t.click(page.getByRole('button', { name: 'Créer le groupe' }));
  await page.getByLabel('Adresse électronique professionnelle', { exact: true }).fill(ines.email);
  await t.click(page.getByRole('button', { name: 'Envoyer l’invitation' }));
  await t.see(page, 'L’invitation est envoyée');
  await t.visit(inesPage, '/groupes');
  await t.click(inesPage.getByRole('button', { name: `Accepter ${GROUP}` }));
  await t.see(inesPage, 'Vous êtes membre du groupe.');

  // A folder and a file in « Mes documents ».
  await t.click(page.locator('header nav').getByRole('link', { name: 'Documents', exact: true }));
  const myRoot = t.path(page);
  await page.getByLabel('Nom du dossier', { exact: true }).fill(FOLDER);
  await t.click(page.getByRole('button', { name: 'Créer le dossier', exact: true }));
  await t.click(page.locator('main table').getByRole('link', { name: `Dossier : ${FOLDER}`, exact: true }));
  const folderPath = t.path(page);
  await page.getByLabel('Fichiers', { exact: true }).setInputFiles({
    name: 'compte-rendu.txt', mimeType: 'text/plain', buffer: REPORT,
  });
  await t.click(page.getByRole('button', { name: 'Déposer', exact: true }));
  await t.see(page, '1 fichier déposé.');

  // « Partager ce dossier »: with the group, to read.
  await t.click(page.locator('main').getByRole('link', { name: 'Partager ce dossier', exact: true }));
  assert.equal(await t.heading(page), `Qui a accès à « ${FOLDER} »`);
  await t.see(page, 'Ce n’est partagé avec personne d’autre.');
  await page.getByLabel('Groupe', { exact: true }).selectOption({ label: GROUP });
  await page.locator('#group-access-read').check();
  const groupForm = page.locator('section[aria-labelledby="share-group-heading"]');
  await t.click(groupForm.getByRole('button', { name: 'Partager', exact: true }));
  await t.see(page, 'C’est partagé.');
  await t.see(page, `groupe « ${GROUP} »`, { within: 'main table' });
  await t.see(page, 'Lecture', { within: 'main table' });

  // Inès: « Partagés avec moi », from her own documents.
  await t.click(inesPage.locator('header nav').getByRole('link', { name: 'Documents', exact: true }));
  await t.click(inesPage.locator('main').getByRole('link', { name: 'Partagés avec moi', exact: true }));
  assert.equal(await t.heading(inesPage), 'Partagés avec moi');
  await t.see(inesPage, 'Léa', { within: 'main table' });
  await t.click(inesPage.locator('main table').getByRole('link', { name: `Dossier : ${FOLDER}`, exact: true }));
  assert.equal(t.path(inesPage), folderPath);
  assert.equal(await t.heading(inesPage), FOLDER);
  const crumbs = await inesPage.locator('main nav.breadcrumb a').allTextContents();
  assert.deepEqual(crumbs, ['Partagés avec moi'], `the breadcrumb shows only what is hers to see: ${crumbs}`);
  assert.equal(await inesPage.locator('main').getByRole('link', { name: 'Corbeille', exact: true }).count(), 0,
    'Léa’s trash is not Inès’s to see');
  await t.dontSee(inesPage, 'utilisés');
  assert.equal(await inesPage.getByLabel('Fichiers', { exact: true }).count(), 0, 'reading gives no upload');
  const started = inesPage.waitForEvent('download');
  await inesPage.locator('main').getByRole('link', { name: 'compte-rendu.txt', exact: true }).click();
  const d = await started;
  assert.ok((await readFile(await d.path())).equals(REPORT), 'Inès downloads other bytes');

  // Léa removes the share: the folder leaves Inès's list and her reach.
  await t.click(page.getByRole('button', { name: `Retirer ce partage — groupe « ${GROUP} »`, exact: true }));
  await t.see(page, 'Le partage est retiré.');
  await t.see(page, 'Ce n’est partagé avec personne d’autre.');
  await t.visit(inesPage, '/documents/partages');
  await t.see(inesPage, 'Rien n’est partagé avec vous pour l’instant.');
  const res = await t.visit(inesPage, folderPath);
  assert.ok(res.status() >= 400 && res.status() < 500, `the folder answered ${res.status()} to Inès`);
  assert.notEqual(folderPath, myRoot);
}
