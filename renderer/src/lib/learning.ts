/**
 * Reads a scenario's learning document (`docs/learning/<id>.md`) into plain data that the
 * debrief draws as React elements, so no HTML is ever injected.
 *
 * A hand-written parser rather than a Markdown library: the documents are ours, bundled at build
 * time, and share one fixed shape. A library would accept anything and hand back HTML (to
 * sanitise and inject) or a syntax tree we would still have to walk and check for this shape;
 * this parser accepts exactly the shape and says which file and line break it.
 *
 *     # Title
 *     Scenario `<id>` · difficulty · fault family     intro: paragraphs
 *     ## What happened                                reading: paragraphs and `- ` lists
 *     ## Quick check                                  last section
 *     1. Question                                     numbered from 1
 *     <details>
 *     <summary>Answers</summary>
 *     1. Answer                                       one per question, same numbers
 *     </details>
 *
 * Lines wrap freely; a list item or numbered entry continues on lines indented with spaces.
 * Inline text may hold **bold** and `code`; code may sit inside bold.
 */

/** Plain or code text. */
export interface TextPart {
  kind: 'text' | 'code';
  text: string;
}

/** A run of inline text: plain, code, or bold (which may hold code). */
export type InlinePart = TextPart | { kind: 'strong'; parts: TextPart[] };

/** A paragraph, or a bullet list whose items are inline text. */
export type ReadingBlock =
  { kind: 'paragraph'; parts: InlinePart[] } | { kind: 'list'; items: InlinePart[][] };

export interface ReadingSection {
  heading: string;
  blocks: ReadingBlock[];
}

export interface QuickCheckQuestion {
  /** 1-based, as written. */
  number: number;
  question: InlinePart[];
  answer: InlinePart[];
}

export interface LearningDoc {
  /** The scenario id, from the file name. */
  id: string;
  title: string;
  /** The paragraphs between the title and the first section (the scenario line). */
  intro: ReadingBlock[];
  /** Reading sections in order, without the quick check. */
  sections: ReadingSection[];
  questions: QuickCheckQuestion[];
}

/** A learning document that does not have the expected shape; the message names file and line. */
export class LearningDocError extends Error {
  override name = 'LearningDocError';
}

const QUICK_CHECK = 'Quick check';
const NUMBERED = /^(\d+)\.(?: (.*))?$/;
/** Markdown this parser does not support; refused so nothing renders as stray symbols. */
const UNSUPPORTED = /^(#{3,} |> |\* |\+ |```|\||<\/?[a-z]| +(- |\d+\. ))/;

/** Up to 40 characters of `text` from `at`, to quote in an error. */
const excerpt = (text: string, at: number) =>
  text.length - at > 40 ? `${text.slice(at, at + 40)}…` : text.slice(at);

/** Splits inline Markdown into plain text, `code` and **bold**; throws on an unclosed mark. */
export function parseInline(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let bold: { at: number; parts: TextPart[] } | null = null;
  const push = (p: TextPart) => {
    if (p.text !== '') (bold?.parts ?? parts).push(p);
  };
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    const star = text.indexOf('**', i);
    const at = tick < 0 ? star : star < 0 ? tick : Math.min(tick, star);
    if (at < 0) {
      push({ kind: 'text', text: text.slice(i) });
      break;
    }
    push({ kind: 'text', text: text.slice(i, at) });
    if (at === tick) {
      const end = text.indexOf('`', at + 1);
      if (end < 0) throw new Error(`a \`code\` span is not closed: "${excerpt(text, at)}"`);
      if (end === at + 1) throw new Error(`a \`code\` span is empty: "${excerpt(text, at)}"`);
      push({ kind: 'code', text: text.slice(at + 1, end) });
      i = end + 1;
    } else {
      if (!bold) bold = { at, parts: [] };
      else if (bold.parts.length === 0)
        throw new Error(`a **bold** span is empty: "${excerpt(text, bold.at)}"`);
      else {
        parts.push({ kind: 'strong', parts: bold.parts });
        bold = null;
      }
      i = at + 2;
    }
  }
  if (bold) throw new Error(`a **bold** span is not closed: "${excerpt(text, bold.at)}"`);
  return parts;
}

interface Line {
  no: number;
  text: string;
}

/** Groups lines into blank-separated blocks. */
function blocksOf(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Splits a block into entries that start on lines matching `start`; others must be indented. */
function entriesOf(block: Line[], start: RegExp, what: string): Line[][] {
  const entries: Line[][] = [];
  for (const line of block) {
    if (start.test(line.text)) entries.push([line]);
    else if (entries.length > 0 && /^ +\S/.test(line.text)) entries[entries.length - 1].push(line);
    else throw new Error(`line ${line.no}: expected a ${what} or an indented continuation`);
  }
  return entries;
}

/** Joins wrapped lines into one string of inline text. */
const joined = (lines: Line[]) => lines.map((l) => l.text.trim()).join(' ');

/** Parses inline text, naming the line it starts on if it is malformed. */
function inline(lines: Line[], text = joined(lines)): InlinePart[] {
  try {
    return parseInline(text);
  } catch (e) {
    throw new Error(`line ${lines[0].no}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads one section's paragraphs and bullet lists. */
function readingBlocks(lines: Line[]): ReadingBlock[] {
  return blocksOf(lines).map((block): ReadingBlock => {
    for (const line of block) {
      if (UNSUPPORTED.test(line.text) || NUMBERED.test(line.text))
        throw new Error(`line ${line.no}: unsupported Markdown "${line.text.slice(0, 20)}"`);
    }
    if (!block[0].text.startsWith('- ')) {
      const item = block.find((l) => l.text.startsWith('- '));
      if (item) throw new Error(`line ${item.no}: put a blank line before a list`);
      return { kind: 'paragraph', parts: inline(block) };
    }
    const items = entriesOf(block, /^- /, '"- " list item');
    return { kind: 'list', items: items.map((e) => inline(e, joined(e).slice(2))) };
  });
}

/** Reads `N. text` entries numbered 1, 2, 3… in order. */
function numbered(lines: Line[], what: string): { no: number; parts: InlinePart[] }[] {
  const block = lines.filter((l) => l.text.trim() !== '');
  return entriesOf(block, NUMBERED, `numbered ${what}`).map((entry, i) => {
    const [, n, first] = NUMBERED.exec(entry[0].text)!;
    if (Number(n) !== i + 1)
      throw new Error(`line ${entry[0].no}: ${what} ${n} should be numbered ${i + 1}`);
    const text = [first ?? '', ...entry.slice(1).map((l) => l.text.trim())].join(' ').trim();
    if (text === '') throw new Error(`line ${entry[0].no}: ${what} ${n} is empty`);
    return { no: i + 1, parts: inline(entry, text) };
  });
}

/** Reads the quick check: questions, then the answers inside `<details>`. */
function quickCheck(lines: Line[]): QuickCheckQuestion[] {
  const open = lines.findIndex((l) => l.text === '<details>');
  if (open < 0) throw new Error('the quick check has no "<details>" block of answers');
  const summary = lines.findIndex((l, i) => i > open && l.text !== '');
  if (lines[summary]?.text !== '<summary>Answers</summary>')
    throw new Error(`line ${lines[open].no}: put "<summary>Answers</summary>" after "<details>"`);
  const close = lines.findIndex((l, i) => i > summary && l.text === '</details>');
  if (close < 0) throw new Error('the answers are not closed with "</details>"');
  const after = lines.slice(close + 1).find((l) => l.text !== '');
  if (after) throw new Error(`line ${after.no}: nothing may follow "</details>"`);
  const questions = numbered(lines.slice(0, open), 'question');
  const answers = numbered(lines.slice(summary + 1, close), 'answer');
  if (questions.length === 0) throw new Error('the quick check has no questions');
  if (answers.length < questions.length)
    throw new Error(`question ${answers.length + 1} has no answer`);
  if (answers.length > questions.length)
    throw new Error(`answer ${questions.length + 1} has no question`);
  return questions.map((q, i) => ({ number: q.no, question: q.parts, answer: answers[i].parts }));
}

/**
 * Parses a learning document. `path` is the file as named in errors (`docs/learning/<id>.md`);
 * its base name is the scenario id, which the intro line must name. Throws a LearningDocError.
 */
export function parseLearningDoc(path: string, text: string): LearningDoc {
  const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  try {
    const lines = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((t, i) => ({ no: i + 1, text: t.trimEnd() }));
    const first = lines.find((l) => l.text !== '');
    if (!first?.text.startsWith('# ')) throw new Error('the first line must be the "# " title');
    const heads = lines.filter((l) => l.text.startsWith('## '));
    const blank = heads.find((h) => h.text.slice(3).trim() === '');
    if (blank) throw new Error(`line ${blank.no}: a "## " heading has no text`);
    const stray = lines.find((l) => l.text.startsWith('# ') && l !== first);
    if (stray) throw new Error(`line ${stray.no}: only one "# " title is allowed`);
    const bodyOf = (from: number, to: number) => lines.slice(from, to - 1);
    const intro = readingBlocks(bodyOf(first.no, heads[0]?.no ?? lines.length + 1));
    const [lead, code] = intro[0]?.kind === 'paragraph' ? intro[0].parts : [];
    if (
      lead?.kind !== 'text' ||
      lead.text !== 'Scenario ' ||
      code?.kind !== 'code' ||
      code.text !== id
    )
      throw new Error(`the line under the title must start "Scenario \`${id}\`"`);
    const sections = heads.map((h, i) => ({
      heading: h.text.slice(3).trim(),
      lines: bodyOf(h.no, heads[i + 1]?.no ?? lines.length + 1),
    }));
    const check = sections.findIndex((s) => s.heading === QUICK_CHECK);
    if (check < 0) throw new Error(`there is no "## ${QUICK_CHECK}" section`);
    if (check !== sections.length - 1)
      throw new Error(`"## ${QUICK_CHECK}" must be the last section`);
    const reading = sections.slice(0, check).map((s) => {
      const blocks = readingBlocks(s.lines);
      if (blocks.length === 0) throw new Error(`section "${s.heading}" is empty`);
      return { heading: s.heading, blocks };
    });
    if (reading.length === 0) throw new Error('there is no reading before the quick check');
    return {
      id,
      title: first.text.slice(2).trim(),
      intro,
      sections: reading,
      questions: quickCheck(sections[check].lines),
    };
  } catch (e) {
    throw new LearningDocError(`${path}: ${(e as Error).message}`, { cause: e });
  }
}
