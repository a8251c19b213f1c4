// The sidebar, like System Settings: four places, the current one marked, arrow keys move between them.
import { useRef, type KeyboardEvent } from 'react';

export const routes = ['status', 'conflicts', 'history', 'settings'] as const;
export type Route = (typeof routes)[number];

const labels: Record<Route, string> = { status: 'Status', conflicts: 'Conflicts', history: 'History', settings: 'Settings' };
const icons: Record<Route, string> = { status: '◉', conflicts: '⇄', history: '☰', settings: '⚙' };

export function Sidebar({ current, conflicts, onChoose }: { current: Route; conflicts: number; onChoose: (route: Route) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + routes.length) % routes.length;
    buttons.current[next]?.focus();
    onChoose(routes[next]);
  };
  return (
    <nav className="sidebar" aria-label="Sections">
      <ul>
        {routes.map((route, index) => (
          <li key={route}>
            <button
              type="button"
              ref={(element) => {
                buttons.current[index] = element;
              }}
              className={`sidebar-item${route === current ? ' current' : ''}`}
              aria-current={route === current ? 'page' : undefined}
              aria-label={route === 'conflicts' && conflicts > 0 ? `Conflicts, ${conflicts} open` : labels[route]}
              onClick={() => onChoose(route)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className="sidebar-icon" aria-hidden="true">
                {icons[route]}
              </span>
              <span>{labels[route]}</span>
              {route === 'conflicts' && conflicts > 0 && (
                <span className="badge" aria-hidden="true">
                  {conflicts}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
