import { QueryClientProvider } from '@tanstack/preact-query';
import { render } from 'preact';
import { LocationProvider } from 'preact-iso';
import { App } from './App';
import { queryClient } from './queries';
import './styles.css';

// A plain click on a link to the page already shown changes nothing, as the browser's own
// same-URL navigation adds no history entry; preact-iso (which listens on window, after this)
// would push a second, identical one, and Back would then seem to do nothing.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.target || link.download || link.origin !== location.origin || link.hash) return;
  if (link.pathname + link.search !== location.pathname + location.search) return;
  event.preventDefault();
  event.stopPropagation();
});

render(
  <QueryClientProvider client={queryClient}>
    <LocationProvider>
      <App />
    </LocationProvider>
  </QueryClientProvider>,
  document.getElementById('app')!,
);
