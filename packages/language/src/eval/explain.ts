// The shapes of explanations (`--explain`, spec §7): for each payout line, the records it came
// from and, for each, the base, rate, multipliers, tier slices, gates and caps that produced
// its share. Amounts are exact decimal strings (unrounded), so a reader can redo the arithmetic.

export interface SliceTrace {
  /** Attainment (fraction of the target) where the slice starts and ends. */
  readonly from: string;
  readonly to: string;
  /** The part of the base in this slice. */
  readonly amount: string;
  readonly factor: string;
  readonly earning: string;
}

export interface RecordTrace {
  readonly input: string;
  readonly record: string;
  readonly file: string;
  readonly line: number;
  /** The credit date. */
  readonly date?: string;
  readonly base?: string;
  /** What counted toward attainment when it differs from the base (`on e`). */
  readonly counted?: string;
  readonly rate?: string;
  readonly multipliers?: readonly string[];
  /** The gate that failed, with the values of its two sides when it is a comparison. */
  readonly gate?: { readonly failed: string; readonly left?: string; readonly right?: string };
  readonly slices?: readonly SliceTrace[];
  /** Retroactive accelerators: the factor of the period-end tier. */
  readonly factor?: string;
  /** SPIFFs: the amount paid for the record. */
  readonly pay?: string;
  /** Clawbacks: the component recovered, what the record earned in it, and the share. */
  readonly recovers?: { readonly component: string; readonly period: string; readonly earned: string; readonly share: string };
  /** Rewards: points granted for the record. */
  readonly points?: string;
  readonly earning: string;
  /** The per-deal cap, when it bit. */
  readonly capped?: { readonly cap: string; readonly before: string };
}

export interface CapTrace {
  readonly scope: 'deal' | 'period' | 'year';
  readonly cap: string;
  readonly before: string;
  readonly after: string;
}

export interface LineTrace {
  readonly records?: readonly RecordTrace[];
  /** Accelerators: the target and the attainment (fraction) at the start and end of the period. */
  readonly target?: string;
  readonly attainment?: { readonly start: string; readonly end: string };
  readonly caps?: readonly CapTrace[];
  /** Bonuses and rewards: the condition and its value. */
  readonly condition?: { readonly when: string; readonly holds: boolean; readonly oncePerYear?: boolean };
  /** Draws: the guarantee, what the other lines earned, and what is owed before and after. */
  readonly draw?: { readonly guarantee: string; readonly earned: string; readonly owedBefore: string; readonly owedAfter: string };
  /** The line's amount before rounding. */
  readonly exact: string;
}
