// Small wording helpers: counts that read right, and server-rendered Markdown placed under a heading.

/** "1 question", "2 questions", "0 questions"; give the plural when adding an "s" is wrong. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Moves the headings of rendered Markdown so the highest one becomes `top` (h1…h6, deeper ones
 * kept in order and capped at h6): notes shown under a section's h4 must not open an h2 there.
 */
export function shiftHeadings(html: string, top: number): string {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/gi)].map((match) => Number(match[1]));
  if (levels.length === 0) return html;
  const highest = Math.min(...levels);
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/gi, (_, slash: string, level: string) => {
    const moved = Math.min(6, Math.max(1, Number(level) - highest + top));
    return `<${slash}h${moved}`;
  });
}
