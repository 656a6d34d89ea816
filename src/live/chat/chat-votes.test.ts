import { expect, it } from 'vitest';
import { type ChatVote, chatVotes } from './chat-votes.js';

it('passes on the votes among chat messages, with their user and time, repeats included', () => {
  const votes: ChatVote[] = [];
  const onMessage = chatVotes((vote) => votes.push(vote));
  const said = (user: string, text: string, at: number) => onMessage({ user, displayName: user.toUpperCase(), text, at });
  said('42', '!1', 1);
  said('42', 'hello', 2);
  said('7', '!투표 2', 3);
  said('42', '2 changed my mind', 4);
  said('7', '1등', 5);
  expect(votes).toEqual([
    { user: '42', side: 'left', at: 1 },
    { user: '7', side: 'right', at: 3 },
    { user: '42', side: 'right', at: 4 },
  ]);
});
