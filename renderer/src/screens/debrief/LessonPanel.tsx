import { Fragment, useMemo, useReducer } from 'react';
import type { InlinePart, LearningDoc, ReadingBlock } from '../../lib/learning';
import { learningDocFor } from '../../lib/learning-docs';
import { allShown, initialQuickCheck, quickCheckReducer } from '../../state/quick-check';

interface LessonPanelProps {
  scenarioId: string;
  /** The lessons the scenario's rubric states, shown when there is no reading. */
  lessons: readonly string[];
  /** Whether the scenario was opened from a file rather than the built-in library. */
  fromFile: boolean;
}

/** Draws inline text as React elements: plain, <code> and <strong>. */
function InlineText({ parts }: { parts: readonly InlinePart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'strong' ? (
          <strong key={i}>
            <InlineText parts={p.parts} />
          </strong>
        ) : p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

function Blocks({ blocks, className }: { blocks: readonly ReadingBlock[]; className?: string }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i} className={className}>
            <InlineText parts={b.parts} />
          </p>
        ) : (
          <ul key={i} className={className}>
            {b.items.map((item, j) => (
              <li key={j}>
                <InlineText parts={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

/** The ten questions, each answer hidden until the learner asks for it. */
function QuickCheck({ doc }: { doc: LearningDoc }) {
  const [state, dispatch] = useReducer(quickCheckReducer, initialQuickCheck);
  const count = doc.questions.length;
  const everything = allShown(state, count);
  const answerId = (n: number) => `quick-check-answer-${n}`;
  return (
    <section className="quick-check" aria-labelledby="quick-check-title">
      <div className="quick-check-head">
        <h3 id="quick-check-title">Quick check</h3>
        <button
          type="button"
          aria-controls={doc.questions.map((q) => answerId(q.number)).join(' ')}
          onClick={() =>
            dispatch(everything ? { type: 'all-hidden' } : { type: 'all-shown', count })
          }
        >
          {everything ? 'Hide all answers' : 'Show all answers'}
        </button>
      </div>
      <p className="subtle">
        Answer each question in your own words first, then open its answer to compare.
      </p>
      <ol className="quick-check-list">
        {doc.questions.map((q) => {
          const open = state.shown.includes(q.number);
          return (
            <li key={q.number} data-testid="quick-check-question">
              <p className="question">
                <InlineText parts={q.question} />
              </p>
              <button
                type="button"
                className="small"
                aria-expanded={open}
                aria-controls={answerId(q.number)}
                onClick={() => dispatch({ type: 'answer-toggled', number: q.number })}
              >
                {open ? 'Hide answer' : 'Show answer'}
                <span className="visually-hidden"> {q.number}</span>
              </button>
              <p id={answerId(q.number)} className="answer" hidden={!open}>
                <InlineText parts={q.answer} />
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The rubric's lessons, for a scenario without a reading. */
function RubricLessons({ lessons }: { lessons: readonly string[] }) {
  if (lessons.length === 0) return <p>The scenario file states no lessons either.</p>;
  return (
    <>
      <h3>Lessons the scenario states</h3>
      <ul className="reading-list">
        {lessons.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * The scenario's debrief reading and quick check, from `docs/learning/<id>.md`. Kept to the
 * debrief: the quick check's answers would give the incident away before the run.
 */
export function LessonPanel({ scenarioId, lessons, fromFile }: LessonPanelProps) {
  const found = useMemo(() => learningDocFor(scenarioId), [scenarioId]);
  return (
    <section className="panel lesson-panel" aria-labelledby="lesson-title">
      <h2 id="lesson-title">Reading and quick check</h2>
      {found.status === 'ready' ? (
        <>
          <article className="reading" aria-labelledby="reading-title">
            <h3 id="reading-title">{found.doc.title}</h3>
            <Blocks blocks={found.doc.intro} className="subtle" />
            {fromFile && (
              <p className="subtle">
                This reading was written for the built-in scenario with the same id; your file may
                differ from it.
              </p>
            )}
            {found.doc.sections.map((s) => (
              <Fragment key={s.heading}>
                <h4>{s.heading}</h4>
                <Blocks blocks={s.blocks} />
              </Fragment>
            ))}
          </article>
          <QuickCheck doc={found.doc} />
        </>
      ) : (
        <>
          {found.status === 'none' ? (
            <p>
              No reading or quick check exists for this scenario (<code>{scenarioId}</code>); they
              are written only for the scenarios built into Driftdrill.
            </p>
          ) : (
            <p>The reading for this scenario could not be read. {found.error}</p>
          )}
          <RubricLessons lessons={lessons} />
        </>
      )}
    </section>
  );
}
