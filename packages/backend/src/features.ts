import { BackendFeature } from '@backstage/backend-plugin-api';
import { permissionPolicyModule } from './modules/permissionPolicy';

/**
 * The demo backend's plugins and modules, except the app backend (which serves the built
 * frontend): shared by `index.ts` and the test that starts this backend.
 */
export function demoBackendFeatures(): Array<
  BackendFeature | Promise<{ default: BackendFeature }>
> {
  return [
    import('@backstage/plugin-auth-backend'),
    import('@backstage/plugin-auth-backend-module-guest-provider'),
    import('@backstage/plugin-catalog-backend'),
    import('@backstage/plugin-catalog-backend-module-logs'),
    import('@backstage/plugin-permission-backend'),
    permissionPolicyModule,
    // The Kubernetes plugin's backend stays in the demo: Kube Reserve is benchmarked against it.
    import('@backstage/plugin-kubernetes-backend'),
    import('@backstage/plugin-user-settings-backend'),
    // User settings and notifications push changes to open browsers through signals.
    import('@backstage/plugin-signals-backend'),
    // Kube Reserve tells owners when readiness worsens or an action runs.
    import('@backstage/plugin-notifications-backend'),
    import('@kube-reserve/plugin-reserve-backend'),
    // Tech Insights with jsonfc checks, and Kube Reserve's verdict, score and check states as facts.
    import('@backstage-community/plugin-tech-insights-backend'),
    import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
    import('@kube-reserve/plugin-tech-insights-backend-module-reserve'),
  ];
}
