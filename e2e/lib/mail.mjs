// Reading the mail outbox: in development Préau writes each message as an .eml file in
// <data_dir>/outbox/ (a worker flushes the queue every few seconds).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words in a header value. */
function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset, enc, data) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      return decodeQuotedPrintable(data.replace(/_/g, ' '));
    });
}

function decodeBody(headers, body) {
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase().trim();
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function splitMessage(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  return { headers, body };
}

/** One message: { file, to, subject, text, raw }. Multipart messages keep their text/plain parts. */
export function parseEml(raw, file = '') {
  const { headers, body } = splitMessage(raw);
  let text;
  const boundary = (headers['content-type'] || '').match(/boundary="?([^";]+)"?/i);
  if (boundary) {
    text = body
      .split(`--${boundary[1]}`)
      .map((part) => splitMessage(part.replace(/^\r?\n/, '')))
      .filter((p) => /text\/plain/i.test(p.headers['content-type'] || ''))
      .map((p) => decodeBody(p.headers, p.body))
      .join('\n');
  } else {
    text = decodeBody(headers, body);
  }
  return { file, to: headers.to || '', subject: headers.subject || '', headers, text, raw };
}

/** Every message written so far, oldest first. */
export async function readOutbox(dataDir) {
  const dir = path.join(dataDir, 'outbox');
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  const messages = [];
  for (const name of names) {
    messages.push(parseEml(await readFile(path.join(dir, name), 'utf8'), name));
  }
  return messages;
}

/** Waits for a message matching `predicate` (e.g. m => m.to.includes(address)). */
export async function waitForMail(dataDir, predicate, { timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox(dataDir)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = (await readOutbox(dataDir)).map((m) => `  to ${m.to}: ${m.subject}`).join('\n');
      throw new Error(`no matching mail in the outbox after ${timeoutMs} ms; it holds:\n${seen || '  (nothing)'}`);
    }
    await sleep(250);
  }
}
