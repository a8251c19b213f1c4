// The bar shown while a cycle runs; indeterminate until the engine knows how many steps there are.
export function ProgressBar({ done, total }: { done?: number; total?: number }) {
  const known = total !== undefined && total > 0 && done !== undefined;
  const label = known ? `Syncing… ${done} of ${total}` : 'Syncing…';
  return (
    <div className="progress">
      <div
        className={`progress-track${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={label}
      >
        <div className="progress-fill" style={known ? { width: `${Math.min(100, (done / total) * 100)}%` } : undefined} />
      </div>
      <span className="progress-label">{label}</span>
    </div>
  );
}
