/** Drift statistics used by the monitoring loop (pure maths; safe in a browser Worker). */

export { psiFromCounts, binEdgesFromReference, binIndex } from './psi';
export { ksTwoSample, ksTwoSampleSorted } from './ks';
export type { KsResult } from './ks';
export {
  wassersteinDistance,
  wassersteinSorted,
  normalisedWasserstein,
  normalisedWassersteinSorted,
  populationStd,
} from './wasserstein';
export { jensenShannonDistance } from './jensen-shannon';
export { chiSquaredTest, chiSquaredSf } from './chi-squared';
export type { ChiSquaredResult } from './chi-squared';
export { FloatSorter } from './sort';
export { kstwoSf, logGamma, regularisedGammaP, regularisedGammaQ } from './distributions';
