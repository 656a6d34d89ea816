import { describe, expect, it } from 'vitest';
import { type IrcMessage, parseIrcLine, unescapeTagValue } from './irc-line.js';

/** The parsed line as plain data: tags as an object, source as `nick!user@host` parts. */
function plain(message: IrcMessage | null) {
  if (!message) return null;
  return { tags: Object.fromEntries(message.tags), source: message.source ?? null, command: message.command, params: message.params };
}

const TWITCH_PRIVMSG =
  '@badge-info=;badges=broadcaster/1;color=#0000FF;display-name=Alice\\sK;emotes=;id=b34ccfc7;mod=0;room-id=1337;' +
  'subscriber=0;tmi-sent-ts=1507246572675;turbo=0;user-id=42;user-type= :alice!alice@alice.tmi.twitch.tv PRIVMSG #room :!1 가자';

describe('parseIrcLine', () => {
  it.each([
    [
      'a PING from the server',
      'PING :tmi.twitch.tv',
      { tags: {}, source: null, command: 'PING', params: ['tmi.twitch.tv'] },
    ],
    [
      'a PING without a colon',
      'PING versus.test',
      { tags: {}, source: null, command: 'PING', params: ['versus.test'] },
    ],
    [
      'a PRIVMSG with a full source',
      ':Bob!~bob@127.0.0.1 PRIVMSG #room :hello there',
      { tags: {}, source: { nick: 'Bob', user: '~bob', host: '127.0.0.1' }, command: 'PRIVMSG', params: ['#room', 'hello there'] },
    ],
    [
      'a numeric from a server name',
      ':versus.test 001 justinfan12345 :Welcome to the Internet Relay Network',
      {
        tags: {},
        source: { nick: 'versus.test', user: undefined, host: undefined },
        command: '001',
        params: ['justinfan12345', 'Welcome to the Internet Relay Network'],
      },
    ],
    [
      'a source with a host but no user',
      ':nick@host JOIN #room',
      { tags: {}, source: { nick: 'nick', user: undefined, host: 'host' }, command: 'JOIN', params: ['#room'] },
    ],
    [
      'a lower-case command',
      'privmsg #room :x',
      { tags: {}, source: null, command: 'PRIVMSG', params: ['#room', 'x'] },
    ],
    [
      'several middle parameters',
      ':srv 353 me = #room :@me bob',
      { tags: {}, source: { nick: 'srv', user: undefined, host: undefined }, command: '353', params: ['me', '=', '#room', '@me bob'] },
    ],
    [
      'an empty trailing parameter',
      'PRIVMSG #room :',
      { tags: {}, source: null, command: 'PRIVMSG', params: ['#room', ''] },
    ],
    [
      'a trailing parameter with colons and runs of spaces',
      'PRIVMSG #room ::)  a  : b ',
      { tags: {}, source: null, command: 'PRIVMSG', params: ['#room', ':)  a  : b '] },
    ],
    [
      'runs of spaces between parts',
      ':a!b@c   PRIVMSG    #room    :hi',
      { tags: {}, source: { nick: 'a', user: 'b', host: 'c' }, command: 'PRIVMSG', params: ['#room', 'hi'] },
    ],
    [
      'CR LF at the end',
      'PING :x\r\n',
      { tags: {}, source: null, command: 'PING', params: ['x'] },
    ],
    [
      'a bare LF at the end',
      'PING :x\n',
      { tags: {}, source: null, command: 'PING', params: ['x'] },
    ],
    [
      'no parameters',
      'RECONNECT',
      { tags: {}, source: null, command: 'RECONNECT', params: [] },
    ],
    [
      'a JOIN with the channel as trailing parameter (ngircd)',
      ':justinfan1!~justinfan1@127.0.0.1 JOIN :#room',
      { tags: {}, source: { nick: 'justinfan1', user: '~justinfan1', host: '127.0.0.1' }, command: 'JOIN', params: ['#room'] },
    ],
    [
      "Twitch's PRIVMSG with tags",
      TWITCH_PRIVMSG,
      {
        tags: {
          'badge-info': '',
          badges: 'broadcaster/1',
          color: '#0000FF',
          'display-name': 'Alice K',
          emotes: '',
          id: 'b34ccfc7',
          mod: '0',
          'room-id': '1337',
          subscriber: '0',
          'tmi-sent-ts': '1507246572675',
          turbo: '0',
          'user-id': '42',
          'user-type': '',
        },
        source: { nick: 'alice', user: 'alice', host: 'alice.tmi.twitch.tv' },
        command: 'PRIVMSG',
        params: ['#room', '!1 가자'],
      },
    ],
    [
      'every tag escape',
      '@a=x\\:y\\sz\\\\w\\rv\\nu;b=\\q;c=end\\ :s CMD',
      {
        tags: { a: 'x;y z\\w\rv\nu', b: 'q', c: 'end' },
        source: { nick: 's', user: undefined, host: undefined },
        command: 'CMD',
        params: [],
      },
    ],
    [
      'a tag without a value, an empty one, a repeated one, a vendor-prefixed one',
      '@flag;empty=;k=1;k=2;+example.com/x=y PING',
      { tags: { flag: '', empty: '', k: '2', '+example.com/x': 'y' }, source: null, command: 'PING', params: [] },
    ],
    [
      'tags without a source',
      '@user-id=7 PRIVMSG #room :hi',
      { tags: { 'user-id': '7' }, source: null, command: 'PRIVMSG', params: ['#room', 'hi'] },
    ],
    [
      'a tag named like an Object property',
      '@__proto__=x;constructor=y PING',
      { tags: { ['__proto__']: 'x', constructor: 'y' }, source: null, command: 'PING', params: [] },
    ],
  ] as const)('%s', (_name, line, expected) => {
    expect(plain(parseIrcLine(line))).toEqual(expected);
  });

  it.each([
    ['an empty line', ''],
    ['spaces only', '   '],
    ['only a source', ':server.name'],
    ['only tags', '@a=b'],
    ['tags and a source', '@a=b :server'],
    ['an empty source', ': PING'],
    ['a two-digit numeric', ':srv 01 me :x'],
    ['a command with punctuation', 'PRIV-MSG #room :x'],
    ['a command with a digit', 'PRIVMSG1 #room :x'],
  ])('%s is not a message', (_name, line) => {
    expect(parseIrcLine(line)).toBeNull();
  });

  it('keeps the tags in a Map, so no key reaches Object.prototype', () => {
    const message = parseIrcLine('@__proto__=polluted PING');
    expect(message?.tags.get('__proto__')).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('unescapeTagValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\sb', 'a b'],
    ['a\\:b', 'a;b'],
    ['a\\\\b', 'a\\b'],
    ['a\\\\sb', 'a\\sb'],
    ['\\r\\n', '\r\n'],
    ['\\x', 'x'],
    ['trailing\\', 'trailing'],
    ['', ''],
    ['한글\\s이름', '한글 이름'],
  ])('%j → %j', (raw, expected) => {
    expect(unescapeTagValue(raw)).toBe(expected);
  });
});
