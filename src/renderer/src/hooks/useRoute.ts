// The current place in the window, kept in the URL fragment (#/conflicts): the shell opens the
// window at a route that way (src/main/shell/window.ts), e.g. from the tray's "2 conflicts need you".
import { useCallback, useEffect, useState } from 'react';
import { routes, type Route } from '../components/Sidebar';

function routeFromHash(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'status';
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(routeFromHash);
  useEffect(() => {
    const onHashChange = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const go = useCallback((next: Route) => {
    setRoute(next);
    if (routeFromHash() !== next) window.history.replaceState(null, '', `#/${next}`);
  }, []);
  return [route, go];
}
