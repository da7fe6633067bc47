// text.ts: counted words and headings of rendered notes moved under a section.
import { describe, expect, it } from 'vitest';
import { plural, shiftHeadings } from './text';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(plural(1, 'custom question')).toBe('1 custom question');
    expect(plural(2, 'custom question')).toBe('2 custom questions');
    expect(plural(0, 'guest')).toBe('0 guests');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
  });
});

describe('shiftHeadings', () => {
  it('makes the highest heading the given level and keeps the others below it in order', () => {
    expect(shiftHeadings('<h2>A</h2><p>x</p><h3 id="b">B</h3>', 5)).toBe('<h5>A</h5><p>x</p><h6 id="b">B</h6>');
  });

  it('caps deep headings at h6', () => {
    expect(shiftHeadings('<h1>A</h1><h4>D</h4>', 5)).toBe('<h5>A</h5><h6>D</h6>');
  });

  it('leaves text without headings, and tags that only start like one, alone', () => {
    expect(shiftHeadings('<p>plain</p>', 5)).toBe('<p>plain</p>');
    expect(shiftHeadings('<hr><header>x</header><p>&lt;h2&gt;</p>', 5)).toBe('<hr><header>x</header><p>&lt;h2&gt;</p>');
  });
});
