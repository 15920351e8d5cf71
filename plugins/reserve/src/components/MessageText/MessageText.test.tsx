import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessageText } from './MessageText';

const now = new Date('2026-12-06T22:06:04.758Z');
const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };

describe('MessageText', () => {
  it('says how long ago an instant in a message was, with the local time on hover', async () => {
    await renderInTestApp(
      <p data-testid="message">
        <MessageText
          text="prod-fra answered at 2026-12-06T22:05:58.758Z"
          now={now}
          localTime={berlin}
        />
      </p>,
    );
    expect(screen.getByTestId('message')).toHaveTextContent(
      'prod-fra answered 6 s ago',
    );
    await userEvent.hover(screen.getByText('6 s ago'));
    expect(
      await screen.findByText('6 Dec 2026, 23:05:58 CET'),
    ).toBeInTheDocument();
  });

  it('reads hours and minutes for older instants', async () => {
    await renderInTestApp(
      <p data-testid="message">
        <MessageText
          text="the kube-scheduler Lease was last renewed at 2026-12-06T18:51:04.758Z and expired"
          now={now}
        />
      </p>,
    );
    expect(screen.getByTestId('message')).toHaveTextContent(
      'the kube-scheduler Lease was last renewed 3 h 15 min ago and expired',
    );
  });

  it('shows the local clock time in headlines, and how long ago on hover', async () => {
    await renderInTestApp(
      <p data-testid="message">
        <MessageText
          text="prod-fra unreachable since 2026-12-06T21:02:00Z; last data 2026-12-06T21:01:00Z"
          instants="clock"
          now={now}
          localTime={berlin}
        />
      </p>,
    );
    expect(screen.getByTestId('message')).toHaveTextContent(
      'prod-fra unreachable since 22:02; last data 22:01',
    );
    await userEvent.hover(screen.getByText('22:02'));
    expect(
      await screen.findByText('6 Dec 2026, 22:02:00 CET (1 h 4 min ago)'),
    ).toBeInTheDocument();
  });

  it('shows a message without instants as it is', async () => {
    await renderInTestApp(
      <p data-testid="message">
        <MessageText text="connect ECONNREFUSED 127.0.0.1:6443" />
      </p>,
    );
    expect(screen.getByTestId('message')).toHaveTextContent(
      'connect ECONNREFUSED 127.0.0.1:6443',
    );
  });

  it('lets an image reference wrap after its slashes and colons only', async () => {
    const text =
      'container payments-api runs registry.example.com/payments/payments-api:2.6.4 on reserve-ams';
    await renderInTestApp(
      <p data-testid="message">
        <MessageText text={text} />
      </p>,
    );
    const message = screen.getByTestId('message');
    expect(message).toHaveTextContent(text);
    expect(message.innerHTML).toBe(
      'container payments-api runs registry.example.com/<wbr>payments/<wbr>payments-api:<wbr>2.6.4 on reserve-ams',
    );
  });
});
