/** The score report: serialisable, every number traceable to the decision log or a replay. */

export const CRITERIA = [
  'detect',
  'diagnose-time',
  'mitigate',
  'harm',
  'cost',
  'diagnosis',
  'action-quality',
  'process',
  'disruption',
  'hints',
] as const;
export type CriterionId = (typeof CRITERIA)[number];

/** A fact behind a criterion's points, with its unit so reports can format it. */
export interface EvidenceFact {
  label: string;
  value: number | string | null;
  unit: 'time' | 'duration' | 'harm' | 'harm/request' | 'usd/request' | 'usd/h' | 'count' | 'text';
}

/** Evidence for one criterion: the decisions it rests on (log seqs) and the numbers. */
export interface Evidence {
  seqs: number[];
  facts: EvidenceFact[];
}

/** One scored criterion. */
export interface CriterionScore {
  id: CriterionId;
  label: string;
  points: number;
  max: number;
  /** One line tied to the lesson the criterion teaches. */
  explanation: string;
  evidence: Evidence;
}

/** Headline figures of one run (learner, do-nothing or reference). */
export interface RunFigures {
  /** Harm after the first fault's onset (whole run if there is none). */
  harmAfterOnset: number;
  harmRateAfterOnset: number;
  costPerHourAfterOnset: number;
  /** When the incident signal came back under its threshold (ms); null if never. */
  recoveredAt: number | null;
  /** Whether the signal breached its threshold at all. */
  exceeded: boolean;
  /** The run's total score on the same criteria, and its points per criterion. */
  total: number;
  points: Record<CriterionId, number>;
}

/** The full score of one session. */
export interface ScoreReport {
  scenarioId: string;
  seed: number;
  total: number;
  max: number;
  verdict: string;
  criteria: CriterionScore[];
  /** First fault onset (ms); null for a scenario without faults. */
  onset: number | null;
  /** What showed the incident, and the threshold it was judged against (per request). */
  signal: {
    kind: 'harm' | 'cost' | 'none';
    threshold: number | null;
    source: 'rubric' | 'do-nothing' | 'reference' | 'none';
  };
  rootCauses: string[];
  rubricDerived: boolean;
  referenceDerived: boolean;
  runs: { learner: RunFigures; doNothing: RunFigures; reference: RunFigures };
}
