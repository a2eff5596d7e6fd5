/** Scoring orderings over 20 seeds, shard 2 of the built-in scenarios (see orderings.ts). */
import { describeOrderings } from './orderings';

describeOrderings(2);
