/**
 * One IRC line, parsed: RFC 1459/2812 framing plus IRCv3 message tags, which Twitch uses to send
 * the user's id and display name with every message:
 *
 *   @badges=;display-name=Alice;user-id=42 :alice!alice@alice.tmi.twitch.tv PRIVMSG #room :!1
 *
 * Tag values are unescaped as the IRCv3 spec says: `\:` → `;`, `\s` → space, `\\` → `\`, `\r` → CR,
 * `\n` → LF, any other `\x` → `x`, and a lone trailing `\` is dropped. A tag without a value is ''.
 * A repeated tag keeps its last value. Runs of spaces between parts are tolerated.
 */

export interface IrcSource {
  /** The nick for a user, or the server name. */
  nick: string;
  user: string | undefined;
  host: string | undefined;
}

export interface IrcMessage {
  tags: ReadonlyMap<string, string>;
  /** Who sent it (the `:prefix`), when given. */
  source: IrcSource | undefined;
  /** Upper-cased: `PRIVMSG`, `PING`, or a three-digit numeric such as `001`. */
  command: string;
  /** Middle parameters, then the trailing one (after ` :`) if present. */
  params: string[];
}

const COMMAND = /^(?:[A-Za-z]+|\d{3})$/;

/** Parses one line (without or with its CR LF); null when it has no valid command. */
export function parseIrcLine(line: string): IrcMessage | null {
  let rest = line.replace(/\r?\n$/, '').replace(/\r$/, '');
  let tags: ReadonlyMap<string, string> = new Map();
  let source: IrcSource | undefined;

  if (rest.startsWith('@')) {
    const [raw, after] = splitWord(rest.slice(1));
    tags = parseTags(raw);
    rest = after;
  }
  if (rest.startsWith(':')) {
    const [raw, after] = splitWord(rest.slice(1));
    if (raw === '') return null;
    source = parseSource(raw);
    rest = after;
  }
  const [command, after] = splitWord(rest);
  if (!COMMAND.test(command)) return null;
  return { tags, source, command: command.toUpperCase(), params: parseParams(after) };
}

/** The text before the first space, and the rest with leading spaces removed. */
function splitWord(text: string): [string, string] {
  const space = text.indexOf(' ');
  if (space === -1) return [text, ''];
  return [text.slice(0, space), text.slice(space + 1).replace(/^ +/, '')];
}

function parseTags(raw: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const pair of raw.split(';')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq === -1) tags.set(pair, '');
    else tags.set(pair.slice(0, eq), unescapeTagValue(pair.slice(eq + 1)));
  }
  return tags;
}

const TAG_ESCAPES: Readonly<Record<string, string>> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/** IRCv3 tag value unescaping (see the module comment). */
export function unescapeTagValue(value: string): string {
  return value.replace(/\\(.?)/gs, (_all, next: string) => TAG_ESCAPES[next] ?? next);
}

function parseSource(raw: string): IrcSource {
  const at = raw.indexOf('@');
  const host = at === -1 ? undefined : raw.slice(at + 1);
  const nickUser = at === -1 ? raw : raw.slice(0, at);
  const bang = nickUser.indexOf('!');
  if (bang === -1) return { nick: nickUser, user: undefined, host };
  return { nick: nickUser.slice(0, bang), user: nickUser.slice(bang + 1), host };
}

function parseParams(text: string): string[] {
  const params: string[] = [];
  let rest = text;
  while (rest !== '') {
    if (rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const [word, after] = splitWord(rest);
    params.push(word);
    rest = after;
  }
  return params;
}
