import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CertificateExpiry } from './CertificateExpiry';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 60_000).toISOString();

describe('CertificateExpiry', () => {
  it.each([
    [200, 'Status ok'],
    [20, 'Status warning'],
    [3, 'Status error'],
    [-2, 'Status error'],
  ])('a certificate expiring in %i days is shown as %s', async (days, icon) => {
    await renderInTestApp(<CertificateExpiry notAfter={inDays(days)} />);
    expect(screen.getByLabelText(icon)).toBeInTheDocument();
  });

  it('says the expiry is unknown when the certificate could not be read', async () => {
    await renderInTestApp(<CertificateExpiry />);
    expect(screen.getByLabelText('Status pending')).toHaveTextContent(
      'Unknown',
    );
  });
});
