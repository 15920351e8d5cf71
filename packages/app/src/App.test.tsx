import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import reservePlugin from '@kube-reserve/plugin-reserve/alpha';
import App from './App';

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test',
              packages: 'all',
              // As in app-config.yaml: the catalog is the home page.
              extensions: [{ 'page:catalog': { config: { path: '/' } } }],
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    // What the CLI's package discovery (`app.packages: all`) puts into the bundle.
    (window as any)['__@backstage/discovered__'] = {
      modules: [
        { name: '@kube-reserve/plugin-reserve', default: reservePlugin },
      ],
    };
    // No auth backend runs in tests: accept the sign-in page's offer of a legacy guest token.
    jest.spyOn(window, 'confirm').mockReturnValue(true);
  });

  afterEach(() => {
    delete (window as any)['__@backstage/discovered__'];
    jest.restoreAllMocks();
  });

  it('signs in as guest and shows the catalog with the Kube Reserve page in the sidebar', async () => {
    render(App.createRoot());

    expect(
      await screen.findByText(/Enter as a Guest User/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));

    // The sidebar's links: the catalog page's own header links to it too,
    // once that page has rendered.
    const sidebar = within(
      await screen.findByRole('navigation', { name: 'sidebar nav' }),
    );
    expect(
      await sidebar.findByRole('link', { name: 'Kube Reserve' }),
    ).toHaveAttribute('href', '/reserve');
    expect(sidebar.getByRole('link', { name: 'Catalog' })).toHaveAttribute(
      'href',
      '/',
    );
  });
});
