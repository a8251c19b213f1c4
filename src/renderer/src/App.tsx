// The window: onboarding until both accounts are connected and a calendar is linked, then the
// sidebar and the four places of UI.md.
import { useCallback, type ReactElement } from 'react';
import { ErrorNote, Loading } from './components/Notice';
import { Sidebar, type Route } from './components/Sidebar';
import { useRoute } from './hooks/useRoute';
import { useStatus } from './hooks/useStatus';
import { Onboarding } from './onboarding/Onboarding';
import { ConflictsView } from './views/conflicts/ConflictsView';
import { HistoryView } from './views/history/HistoryView';
import { SettingsView } from './views/settings/SettingsView';
import { StatusView } from './views/status/StatusView';
import type { StatusView as Status } from '../../shared/status';

export function needsOnboarding(status: Status): boolean {
  return !status.icloud.connected || !status.platform.connected || !status.icloud.linkedCalendar;
}

export function App() {
  const { status, error, refresh } = useStatus();
  const [route, go] = useRoute();
  const finishOnboarding = useCallback(() => {
    go('status');
    refresh();
  }, [go, refresh]);

  if (!status) {
    return (
      <div className="app-message">
        {error ? <ErrorNote message={error} onRetry={refresh} /> : <Loading what="your sync status" />}
      </div>
    );
  }
  if (needsOnboarding(status)) return <Onboarding status={status} onProgress={refresh} onFinished={finishOnboarding} />;

  const views: Record<Route, ReactElement> = {
    status: <StatusView status={status} onOpen={go} onChanged={refresh} />,
    conflicts: <ConflictsView openCount={status.counts.conflicts} onChanged={refresh} />,
    history: <HistoryView lastRunId={status.lastRun?.id} />,
    settings: <SettingsView status={status} onChanged={refresh} />,
  };
  return (
    <div className="app">
      <Sidebar current={route} conflicts={status.counts.conflicts} onChoose={go} />
      <main className="content" aria-label={route}>
        {views[route]}
      </main>
    </div>
  );
}
