// The end of a connect form: the server's refusal and the submit button, kept together and scrolled
// into view when the refusal appears (at the default height it would land below the fold).
import { useReveal } from '../hooks/useReveal';
import { Button } from './Button';
import { ErrorNote } from './Notice';

export function FormEnd({ failure, busy, label, busyLabel }: { failure?: string; busy?: boolean; label: string; busyLabel: string }) {
  const reveal = useReveal<HTMLDivElement>(failure);
  return (
    <div ref={reveal} className="form-end">
      {failure && <ErrorNote message={failure} />}
      <div className="form-actions">
        <Button type="submit" tone="primary" disabled={busy}>
          {busy ? busyLabel : label}
        </Button>
      </div>
    </div>
  );
}
