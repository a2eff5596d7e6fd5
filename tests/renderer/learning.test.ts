import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LearningDocError,
  parseInline,
  parseLearningDoc,
  type InlinePart,
  type TextPart,
} from '../../renderer/src/lib/learning';
import {
  hasLearningDoc,
  learningDocFor,
  learningDocIds,
} from '../../renderer/src/lib/learning-docs';
import { loadScenario } from '../../electron/engine/scenario/load';

const ROOT = resolve(__dirname, '../..');
const SCENARIOS = join(ROOT, 'scenarios');

/** The built-in scenarios' ids, read the way the app reads them. */
const builtInIds = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const result = loadScenario(readFileSync(join(SCENARIOS, f), 'utf8'), f);
    if (!result.ok) throw new Error(`${f} does not load`);
    return result.scenario.id;
  })
  .sort();

/** Returns the plain text of inline parts, marks removed. */
const plain = (parts: readonly InlinePart[]): string =>
  parts.map((p) => (p.kind === 'strong' ? plain(p.parts) : p.text)).join('');

describe('the built-in learning documents', () => {
  it('exist for every built-in scenario, and only for those', () => {
    expect(builtInIds.length).toBeGreaterThanOrEqual(10);
    // Bundled through import.meta.glob, as both app builds bundle them.
    expect(learningDocIds()).toEqual(builtInIds);
    for (const id of builtInIds) expect(hasLearningDoc(id), id).toBe(true);
    expect(hasLearningDoc('not-a-scenario')).toBe(false);
  });

  it.each(builtInIds)(
    '%s: a reading of three or more sections and ten answered questions',
    (id) => {
      const found = learningDocFor(id);
      if (found.status !== 'ready') throw new Error(`${id}: ${JSON.stringify(found)}`);
      const doc = found.doc;
      expect(doc.id).toBe(id);
      expect(doc.title.length).toBeGreaterThan(10);
      expect(doc.sections.length).toBeGreaterThanOrEqual(3);
      expect(doc.sections.map((s) => s.heading)).toEqual(
        expect.arrayContaining(['What happened', 'The lessons behind it']),
      );
      for (const s of doc.sections) expect(s.blocks.length, s.heading).toBeGreaterThan(0);
      expect(doc.questions).toHaveLength(10);
      expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const q of doc.questions) {
        expect(plain(q.question).trim(), `question ${q.number}`).not.toBe('');
        expect(plain(q.answer).trim(), `answer ${q.number}`).not.toBe('');
      }
      // No Markdown marks leak into the text the app shows.
      const all = [
        ...doc.sections.flatMap((s) =>
          s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.parts] : b.items)),
        ),
        ...doc.questions.flatMap((q) => [q.question, q.answer]),
      ];
      for (const parts of all) expect(plain(parts)).not.toMatch(/\*\*|`|<\/?[a-z]/);
    },
  );

  it('reports that a scenario id has no document', () => {
    expect(learningDocFor('my-own-scenario')).toEqual({ status: 'none' });
  });
});

/** A small well-formed document; tests break one thing at a time. */
function doc(
  o: {
    title?: string;
    intro?: string;
    reading?: string;
    questions?: string;
    answers?: string;
  } = {},
): string {
  const n = [1, 2, 3];
  return [
    o.title ?? '# A short drill',
    '',
    o.intro ?? 'Scenario `short-drill` · beginner · schema change',
    '',
    o.reading ??
      [
        '## What happened',
        '',
        'The partner sent **cents** to',
        '`amount`.',
        '',
        '## The lessons behind it',
        '',
        '- **Look at inputs first.** The source',
        '  named the cause.',
        '- Roll back only with evidence.',
      ].join('\n'),
    '',
    '## Quick check',
    '',
    o.questions ?? n.map((i) => `${i}. Question ${i}?`).join('\n'),
    '',
    '<details>',
    '<summary>Answers</summary>',
    '',
    o.answers ?? n.map((i) => `${i}. Answer ${i}.`).join('\n'),
    '',
    '</details>',
    '',
  ].join('\n');
}

const PATH = 'docs/learning/short-drill.md';

/** Returns the error parsing `text` throws. */
function errorOf(text: string, path = PATH): LearningDocError {
  try {
    parseLearningDoc(path, text);
  } catch (e) {
    if (e instanceof LearningDocError) return e;
    throw e;
  }
  throw new Error('expected the document to be rejected');
}

describe('parseLearningDoc', () => {
  it('reads the title, intro, sections, lists and questions with their answers', () => {
    const d = parseLearningDoc(PATH, doc());
    expect(d.id).toBe('short-drill');
    expect(d.title).toBe('A short drill');
    expect(plain((d.intro[0] as { parts: InlinePart[] }).parts)).toBe(
      'Scenario short-drill · beginner · schema change',
    );
    expect(d.sections).toEqual([
      {
        heading: 'What happened',
        blocks: [
          {
            kind: 'paragraph',
            parts: [
              { kind: 'text', text: 'The partner sent ' },
              { kind: 'strong', parts: [{ kind: 'text', text: 'cents' }] },
              { kind: 'text', text: ' to ' },
              { kind: 'code', text: 'amount' },
              { kind: 'text', text: '.' },
            ],
          },
        ],
      },
      {
        heading: 'The lessons behind it',
        blocks: [
          {
            kind: 'list',
            items: [
              [
                { kind: 'strong', parts: [{ kind: 'text', text: 'Look at inputs first.' }] },
                { kind: 'text', text: ' The source named the cause.' },
              ],
              [{ kind: 'text', text: 'Roll back only with evidence.' }],
            ],
          },
        ],
      },
    ]);
    expect(d.questions.map((q) => [q.number, plain(q.question), plain(q.answer)])).toEqual([
      [1, 'Question 1?', 'Answer 1.'],
      [2, 'Question 2?', 'Answer 2.'],
      [3, 'Question 3?', 'Answer 3.'],
    ]);
  });

  it('joins a question or answer wrapped onto indented lines, and accepts CRLF', () => {
    const d = parseLearningDoc(
      PATH,
      doc({ questions: '1. Which field\n   drifted?\n2. Why?\n3. When?' }).replace(/\n/g, '\r\n'),
    );
    expect(plain(d.questions[0].question)).toBe('Which field drifted?');
  });

  it.each([
    [
      'no quick check',
      doc().replace('## Quick check', '## Questions'),
      'no "## Quick check" section',
    ],
    ['a missing answer', doc({ answers: '1. A.\n2. B.' }), 'question 3 has no answer'],
    [
      'an answer too many',
      doc({ answers: '1. A.\n2. B.\n3. C.\n4. D.' }),
      'answer 4 has no question',
    ],
    [
      'a skipped number',
      doc({ questions: '1. A?\n3. B?\n4. C?' }),
      'line 19: question 3 should be numbered 2',
    ],
    ['an empty answer', doc({ answers: '1. A.\n2. \n3. C.' }), 'answer 2 is empty'],
    ['no answers block', doc().replace('<details>', ''), 'no "<details>" block of answers'],
    [
      'no summary',
      doc().replace('<summary>Answers</summary>', ''),
      'put "<summary>Answers</summary>" after "<details>"',
    ],
    ['unclosed answers', doc().replace('</details>', ''), 'not closed with "</details>"'],
    ['no title', doc({ title: 'A short drill' }), 'the first line must be the "# " title'],
    [
      'the wrong scenario id',
      doc({ intro: 'Scenario `other-drill` · beginner' }),
      'must start "Scenario `short-drill`"',
    ],
    ['no reading', doc({ reading: '' }), 'no reading before the quick check'],
    [
      'an empty section',
      doc({ reading: '## What happened\n\n## Next\n\nText.' }),
      'section "What happened" is empty',
    ],
    [
      'unclosed bold',
      doc({ reading: '## What happened\n\nThe **cents arrived.' }),
      'line 7: a **bold** span is not closed',
    ],
    [
      'unclosed code',
      doc({ reading: '## What happened\n\nThe `amount field.' }),
      'line 7: a `code` span is not closed',
    ],
    [
      'a list glued to a paragraph',
      doc({ reading: '## What happened\n\nText.\n- item' }),
      'line 8: put a blank line before a list',
    ],
    [
      'a third-level heading',
      doc({ reading: '## What happened\n\n### Detail\n\nText.' }),
      'line 7: unsupported Markdown',
    ],
    [
      'raw HTML in the reading',
      doc({ reading: '## What happened\n\n<b>bold</b>' }),
      'line 7: unsupported Markdown',
    ],
    ['text after the answers', `${doc()}\nMore.\n`, 'nothing may follow "</details>"'],
    [
      'the quick check before the reading',
      doc().replace('## Quick check', '## Quick check\n\n## Late\n\nText.'),
      'must be the last section',
    ],
  ])('rejects a document with %s, naming the file and what is wrong', (_name, text, message) => {
    const e = errorOf(text);
    expect(e.message.startsWith(`${PATH}: `)).toBe(true);
    expect(e.message).toContain(message);
  });
});

describe('parseInline', () => {
  it('reads bold, code, and code inside bold; marks inside code stay literal', () => {
    expect(
      parseInline('**Drift is not harm.** Check `days_since_purchase` and **`gift_order`**'),
    ).toEqual([
      { kind: 'strong', parts: [{ kind: 'text', text: 'Drift is not harm.' }] },
      { kind: 'text', text: ' Check ' },
      { kind: 'code', text: 'days_since_purchase' },
      { kind: 'text', text: ' and ' },
      { kind: 'strong', parts: [{ kind: 'code', text: 'gift_order' }] },
    ]);
    expect(parseInline('`a ** b`')).toEqual([{ kind: 'code', text: 'a ** b' }]);
    expect(parseInline('5 * 3 < 20 & > 2')).toEqual([{ kind: 'text', text: '5 * 3 < 20 & > 2' }]);
    expect(() => parseInline('****')).toThrow('a **bold** span is empty');
  });

  // Text without marks, code without backticks, bold holding either.
  const plainText = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[`*]/.test(s));
  const textPart = plainText.map((text): TextPart => ({ kind: 'text', text }));
  const codePart = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((s) => !s.includes('`'))
    .map((text): TextPart => ({ kind: 'code', text }));
  const part: fc.Arbitrary<InlinePart> = fc.oneof(
    textPart,
    codePart,
    fc.array(fc.oneof(textPart, codePart), { minLength: 1, maxLength: 3 }).map((parts) => ({
      kind: 'strong' as const,
      parts,
    })),
  );

  /** Writes parts back as Markdown. */
  const write = (parts: readonly InlinePart[]): string =>
    parts
      .map((p) =>
        p.kind === 'strong'
          ? `**${write(p.parts)}**`
          : p.kind === 'code'
            ? `\`${p.text}\``
            : p.text,
      )
      .join('');

  /** Merges neighbouring plain-text runs, as parsing does. */
  function merged<T extends InlinePart>(parts: readonly T[]): InlinePart[] {
    const out: InlinePart[] = [];
    for (const p of parts) {
      const last = out[out.length - 1];
      const q: InlinePart =
        p.kind === 'strong' ? { kind: 'strong', parts: merged(p.parts) as TextPart[] } : p;
      if (q.kind === 'text' && last?.kind === 'text')
        out[out.length - 1] = { kind: 'text', text: last.text + q.text };
      else out.push(q);
    }
    return out;
  }

  it('reads back whatever it is given, written as Markdown (property)', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        // Two bold runs side by side would read as "****", which is not this shape.
        fc.pre(!parts.some((p, i) => p.kind === 'strong' && parts[i + 1]?.kind === 'strong'));
        expect(parseInline(write(parts))).toEqual(merged(parts));
      }),
    );
  });
});
