/** The debrief: everything the review screen and the exported reports show, as plain data. */
import type { ScoreReport } from './score-types';
import type { CurvePoint } from './windows';

/** One row of the timeline. */
export interface TimelineEntry {
  t: number;
  kind: 'fault-onset' | 'fault-end' | 'alert' | 'learner' | 'reference';
  title: string;
  detail: string;
  /** Decision-log seq for learner actions. */
  seq?: number;
  /** How the rubric rated the action, if it did. */
  rating?: 'recommended' | 'acceptable' | 'harmful';
  /** The workshop role that sent a learner action, if one was picked. */
  role?: string;
}

/** A fault as the debrief reveals it. */
export interface DebriefFault {
  id: string;
  type: string;
  at: number;
  end: number | null;
  endedBy: string | null;
  injected: boolean;
  /** For a fault injected live: when the facilitator injected it (ms) and the role recorded. */
  injectedAt?: number;
  injectedBy?: string;
  description: string;
}

/** A hint the team took, and what it cost. */
export interface DebriefHint {
  seq: number;
  t: number;
  role?: string;
  text: string;
  /** Points this hint cost (0 once the cap on hint penalties is reached). */
  cost: number;
}

/** The learner's decision note, as last written. */
export interface DecisionNote {
  seq: number;
  t: number;
  assumption: string;
  evidence: string;
  action: string;
  evidenceLinks: number[];
  latencyBudgetKnown: boolean;
  costsMeasured: boolean;
}

/** Something to practise next, from points lost. */
export interface PracticeItem {
  criterion: string;
  lost: number;
  advice: string;
}

/** The per-window curves of the three runs. */
export interface DebriefCurves {
  windowMs: number;
  learner: CurvePoint[];
  doNothing: CurvePoint[];
  reference: CurvePoint[];
  /** Harm-per-request threshold used for time to mitigate (null if none). */
  harmThreshold: number | null;
  budgetUsdPerHour: number | null;
}

/** The whole debrief; JSON for trainers is this object as it stands. */
export interface Debrief {
  format: 'driftdrill-debrief';
  version: 1;
  scenario: {
    id: string;
    title: string;
    difficulty: string;
    durationMs: number;
    teaches: string[];
    lessons: string[];
  };
  seed: number;
  faults: DebriefFault[];
  timeline: TimelineEntry[];
  curves: DebriefCurves;
  note: DecisionNote | null;
  score: ScoreReport;
  practice: PracticeItem[];
  /** Hints taken, oldest first (absent in debriefs from before hints cost points). */
  hints?: DebriefHint[];
}
