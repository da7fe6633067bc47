import { describe, expect, it } from 'vitest';
import { emailParts } from './Email';

describe('emailParts', () => {
  it('breaks after the @ and before dots, dashes and underscores, losing no character', () => {
    const email = 'first.last-name_x@very-long.example.co.uk';
    const parts = emailParts(email);
    expect(parts).toEqual(['first', '.last', '-name', '_x@', 'very', '-long', '.example', '.co', '.uk']);
    expect(parts.join('')).toBe(email);
  });

  it('keeps a short address whole and an empty one empty', () => {
    expect(emailParts('kim@ex')).toEqual(['kim@', 'ex']);
    expect(emailParts('')).toEqual([]);
  });
});
