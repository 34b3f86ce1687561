// The steps journeys share, each done through the UI with the mouse (the keyboard-only
// versions live in the journeys that test them). Every page reached is checked with axe.

import assert from 'node:assert/strict';

export const PASSWORD = 'correct horse battery staple';
export const OTHER_PASSWORD = 'violet tractor humming lantern';

export const ADMIN = {
  given: 'Camille',
  family: 'Lefèvre',
  email: 'camille.lefevre@ac-amiens.fr',
  password: PASSWORD,
};

/** People for rosters: two schools, so that visibility can be tested. */
export const PEOPLE = {
  lea: {
    family: 'Durand', given: 'Léa', email: 'lea.durand@ac-amiens.fr',
    uai: '0801234A', school: 'École Jules Verne', corps: 'professeur des écoles', functions: '',
  },
  hugo: {
    family: 'Martin', given: 'Hugo', email: 'hugo.martin@ac-amiens.fr',
    uai: '0805678B', school: 'École Jean Moulin', corps: 'professeur des écoles', functions: '',
  },
  ines: {
    family: 'Garnier', given: 'Inès', email: 'ines.garnier@ac-amiens.fr',
    uai: '0801234A', school: 'École Jules Verne', corps: 'professeur des écoles', functions: '',
  },
};

/** A roster CSV as the académie exports it (semicolons, header line). */
export function rosterCsv(people) {
  const lines = ['Nom;Prénom;Courriel;UAI;École;Corps;Fonctions'];
  for (const p of people) {
    lines.push([p.family, p.given, p.email, p.uai, p.school, p.corps, p.functions].join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}

const label = (page, text) => page.getByLabel(text, { exact: true });
const button = (page, name) => page.getByRole('button', { name });
const link = (page, name) => page.getByRole('link', { name });

/**
 * Opens the setup link printed by the server and creates the first administrator.
 * Returns the page, signed in on the home page.
 */
export async function setupAdmin(t, page = null, who = ADMIN) {
  page ??= await t.person();
  await t.visit(page, t.preau.setupLink);
  await label(page, 'Prénom').fill(who.given);
  await label(page, 'Nom').fill(who.family);
  await label(page, 'Adresse électronique professionnelle').fill(who.email);
  await label(page, 'Nouveau mot de passe').fill(who.password);
  await label(page, 'Confirmez le mot de passe').fill(who.password);
  await t.click(button(page, 'Créer le compte et me connecter'));
  assert.equal(t.path(page), '/', 'setup should end on the home page');
  await t.see(page, `Bonjour ${who.given}`);
  return page;
}

/** Logs in with the mouse from the login page. */
export async function login(t, page, email, password) {
  await t.visit(page, '/connexion');
  await label(page, 'Adresse électronique').fill(email);
  await label(page, 'Mot de passe').fill(password);
  await t.click(button(page, 'Se connecter'));
}

/** The logout button of the header. */
export async function logout(t, page) {
  await t.click(page.locator('header').getByRole('button', { name: 'Se déconnecter' }));
  assert.equal(t.path(page), '/connexion');
}

/**
 * Admin page → import page → upload → preview → confirm. Returns the page on the result
 * (the letters and emails buttons).
 */
export async function importRoster(t, page, people) {
  await t.visit(page, '/admin');
  await t.click(page.locator('main').getByRole('link', { name: 'Importer l’annuaire des personnels' }));
  await page.getByLabel('Fichier CSV').setInputFiles({
    name: 'annuaire.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rosterCsv(people), 'utf8'),
  });
  await t.click(button(page, 'Voir ce qui changerait'));
  await t.see(page, 'Rien n’a encore changé');
  for (const p of people) await t.see(page, p.email);
  await t.click(button(page, 'Confirmer l’import'));
  await t.see(page, 'L’import est fait');
  return page;
}

/** From the import result: print the letters; returns [{ name, code }] as printed. */
export async function printLetters(t, page) {
  await t.click(button(page, 'Imprimer les lettres d’invitation'));
  const letters = await page.locator('section.letter').evaluateAll((sections) =>
    sections.map((s) => ({
      name: s.querySelector('p strong')?.textContent.trim(),
      code: s.querySelector('code.secret')?.textContent.trim(),
    })),
  );
  assert.ok(letters.length > 0, 'the letters page shows no letter');
  return letters;
}

/** The letter of `person` among `letters`. */
export function letterFor(letters, person) {
  const l = letters.find((x) => x.name.includes(person.family) && x.name.includes(person.given));
  assert.ok(l, `no letter for ${person.given} ${person.family} among ${letters.map((x) => x.name).join(', ')}`);
  return l.code;
}

/** Types the code from the letter on /invitation; ends on the invitation page. */
export async function openInvitation(t, page, code) {
  await t.visit(page, '/invitation');
  await label(page, 'Code d’invitation').fill(code);
  await t.click(button(page, 'Continuer'));
  await t.see(page, 'Votre invitation');
}

/** The activation link mailed to `email` (nothing opens until it is followed). */
export async function activationLink(t, email) {
  const mail = await t.mail((m) => m.to.includes(email) && m.text.includes('/activation/'));
  const found = mail.text.match(/https?:\/\/\S+\/activation\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(found, `no activation link in:\n${mail.text}`);
  return found;
}

/** Mouse activation from the letter's code: accept, password, scope, then the link sent to
 *  the professional address. Ends signed in at home. */
export async function activate(t, page, code, { email, password = PASSWORD, scope = null, given = '' } = {}) {
  assert.ok(email, 'activate needs the professional address the confirmation goes to');
  await openInvitation(t, page, code);
  await t.click(link(page, 'Activer mon compte'));
  await page.locator('#accept').check();
  await label(page, 'Nouveau mot de passe').fill(password);
  await label(page, 'Confirmez le mot de passe').fill(password);
  if (scope) await page.locator(`input[name=scope][value=${scope}]`).check();
  await t.click(button(page, 'Activer mon compte'));
  await t.see(page, `Un courriel vient de partir vers ${email}`);
  await t.visit(page, await activationLink(t, email));
  await t.click(button(page, 'Confirmer et ouvrir mon compte'));
  assert.equal(t.path(page), '/', `activation should end on the home page, not ${page.url()}`);
  if (given) await t.see(page, `Bonjour ${given}`);
}

/** Admin: sets up, imports `people`, prints letters. Returns { admin, letters }. */
export async function invitePeople(t, people) {
  const admin = await setupAdmin(t);
  await importRoster(t, admin, people);
  const letters = await printLetters(t, admin);
  return { admin, letters };
}

/** A directory search from the directory page; returns the result names shown. */
export async function searchDirectory(t, page, query) {
  await t.visit(page, '/annuaire');
  await page.getByLabel('Nom ou prénom').fill(query);
  await t.click(page.locator('main').getByRole('button', { name: 'Rechercher' }));
  await t.see(page, 'Résultats');
  return page.locator('main ul[aria-labelledby=results] li').allInnerTexts();
}
