import { lazy, type ComponentType } from 'react';
import { withNamespaces } from '../i18n/index.js';

// Every GBV response screen is its own chunk, loaded with its strings when first shown: a shelter
// manager's phone downloads the shelter screen, and only what it opens besides.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props are checked where each screen is used
function screen<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => withNamespaces(load).then((c) => ({ default: c })));
}

export const ServicesTab = screen(() =>
  import('../features/services/ServicesTab.js').then((m) => m.ServicesTab),
);
export const AlertsTab = screen(() => import('../features/alerts/AlertsTab.js').then((m) => m.AlertsTab));
export const RequestsTab = screen(() =>
  import('../features/requests/RequestsTab.js').then((m) => m.RequestsTab),
);
export const IncidentsTab = screen(() =>
  import('../features/incidents/IncidentsTab.js').then((m) => m.IncidentsTab),
);
export const AdminScreen = screen(() =>
  import('../features/admin/AdminScreen.js').then((m) => m.AdminScreen),
);
export const DetailPanel = screen(() => import('./DetailPanel.js').then((m) => m.DetailPanel));
export const GbvAlertBanner = screen(() =>
  import('../features/gbvAlerts/GbvAlertBanner.js').then((m) => m.GbvAlertBanner),
);
export const CareAlertList = screen(() =>
  import('../features/careAlerts/CareAlertList.js').then((m) => m.CareAlertList),
);
export const NearestServices = screen(() =>
  import('../features/services/NearestServices.js').then((m) => m.NearestServices),
);
export const GapRequestForm = screen(() =>
  import('../features/requests/RequestForm.js').then((m) => m.RequestForm),
);

// The live feed sits below the list on a phone: it and its strings (`activity`) come after the
// list, not before it (the first load's 150 KB).
export const ActivityFeed = lazy(() =>
  withNamespaces(() => import('../features/activity/ActivityFeed.js'), ['activity']).then((m) => ({
    default: m.ActivityFeed,
  })),
);
