// One conflict as two columns, iCloud | platform; the fields that differ are highlighted and say so.
import type { Conflict, EventVersion } from '../../../../shared/ipc/views';
import { dayTime, eventTime } from '../../lib/time';

const rows: { label: string; fields: string[]; show: (v: EventVersion, now: Date) => string }[] = [
  { label: 'Title', fields: ['title'], show: (v) => v.title || '(no title)' },
  { label: 'When', fields: ['start', 'end', 'allDay'], show: (v, now) => eventTime(v.start, v.end, v.allDay, now) },
  { label: 'Location', fields: ['location'], show: (v) => v.location || '—' },
  { label: 'Notes', fields: ['notes'], show: (v) => v.notes || '—' },
  // iCloud often gives no modification time: say what is known instead of "Unknown" (the row is left
  // out when neither side knows).
  { label: 'Last changed', fields: ['modifiedAt'], show: (v, now) => (v.modifiedAt ? dayTime(v.modifiedAt, now) : 'Not recorded') },
];

export function ConflictDetail({ conflict, now }: { conflict: Conflict; now: Date }) {
  return (
    <table className="versions" aria-label={`Both versions of ${conflict.title}`}>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Field</span>
          </th>
          <th scope="col">iCloud</th>
          <th scope="col">Platform</th>
        </tr>
      </thead>
      <tbody>
        {rows.filter((row) => row.label !== 'Last changed' || conflict.icloud.modifiedAt || conflict.platform.modifiedAt).map((row) => {
          const changed = row.fields.some((field) => conflict.changed.includes(field));
          return (
            <tr key={row.label} className={changed ? 'changed' : undefined}>
              <th scope="row">
                {row.label}
                {changed && <span className="changed-mark"> · differs</span>}
              </th>
              <td>{row.show(conflict.icloud, now)}</td>
              <td>{row.show(conflict.platform, now)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
