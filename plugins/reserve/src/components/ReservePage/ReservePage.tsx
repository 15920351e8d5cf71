import { Content, Header, Page } from '@backstage/core-components';
import { PlatformOverview } from '../PlatformOverview';

/** The `/reserve` page of the legacy frontend system, with its own header. */
export function ReservePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Kube Reserve"
        subtitle="Could each service run from its reserve cluster if the primary burned down now?"
      />
      <Content>
        <PlatformOverview />
      </Content>
    </Page>
  );
}
