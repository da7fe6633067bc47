/// <reference types="vite/client" />
// The app's modules import one another without a circle, type-only imports included: a
// circle means two modules cannot be understood, tested or moved one without the other (the
// lint's no-restricted-imports keeps the folders' direction; this catches the rest).
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

/** `./wizard/Wizard.tsx` + `../api` → `./api.ts`, if that module exists. */
function resolve(from: string, specifier: string, modules: Set<string>): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((name) => modules.has(name));
}

/** Each module's relative imports (import … from, export … from, side-effect imports). */
function importGraph(files: Record<string, string>): Map<string, string[]> {
  const modules = new Set(Object.keys(files));
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(files)) {
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1]!);
    graph.set(file, specifiers.map((specifier) => resolve(file, specifier, modules)).filter((name) => name !== undefined));
  }
  return graph;
}

/** Every circle, each as the modules along it, the first repeated at the end. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return found;
}

describe('the import graph', () => {
  it('is read from the sources: the shell reaches the pages, the wizard its steps', () => {
    const graph = importGraph(sources);
    expect(graph.get('./App.tsx')).toContain('./pages/StartupPage.tsx');
    expect(graph.get('./wizard/Wizard.tsx')).toContain('./wizard/StepContact.tsx');
    expect(graph.get('./wizard/StepContact.tsx')).toContain('./components/ContactForm.tsx');
  });

  it('has no circle', () => {
    expect(circles(importGraph(sources))).toEqual([]);
  });

  it('would show a circle, type-only imports included', () => {
    const graph = importGraph({
      './wizard/Wizard.tsx': "import { StepContact } from './StepContact';",
      './wizard/StepContact.tsx': "import type { StepProps } from './Wizard';\nimport { ContactForm } from '../pages/StartupPage';",
      './pages/StartupPage.tsx': "import { Wizard } from '../wizard/Wizard';",
    });
    expect(circles(graph)).toEqual([
      ['./wizard/Wizard.tsx', './wizard/StepContact.tsx', './wizard/Wizard.tsx'],
      ['./pages/StartupPage.tsx', './wizard/Wizard.tsx', './wizard/StepContact.tsx', './pages/StartupPage.tsx'],
    ]);
  });
});
