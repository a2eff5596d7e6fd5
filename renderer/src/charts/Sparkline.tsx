import { memo } from 'react';
import { sparklinePath } from './sparkline';

interface SparklineProps {
  values: readonly (number | null)[];
  threshold?: number;
  label: string;
  width?: number;
  height?: number;
  alarm?: boolean;
}

/** A small trend line for a table cell; its accessible name states the trend in words. */
function SparklineImpl({
  values,
  threshold,
  label,
  width = 96,
  height = 22,
  alarm = false,
}: SparklineProps) {
  const { d, thresholdY, lastX, lastY } = sparklinePath(values, width, height, threshold);
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label}
      className={alarm ? 'sparkline alarm' : 'sparkline'}
    >
      {thresholdY !== null && (
        <line
          className="threshold-line sev-warning"
          x1={0}
          x2={width}
          y1={thresholdY}
          y2={thresholdY}
        />
      )}
      <path d={d} fill="none" strokeWidth={1.5} className="sparkline-path" />
      {lastX !== null && lastY !== null && (
        <circle cx={lastX} cy={lastY} r={2.2} className="sparkline-dot" />
      )}
    </svg>
  );
}

export const Sparkline = memo(SparklineImpl);
