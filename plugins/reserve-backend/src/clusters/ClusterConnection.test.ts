import { describeFailure } from './ClusterConnection';

describe('describeFailure', () => {
  it('names a refused token, a refused kind and a missing CRD by the API server status', () => {
    const status = (code: number, message: string) => ({
      code,
      body: JSON.stringify({ kind: 'Status', code, message }),
    });
    expect(describeFailure(status(401, 'Unauthorized'))).toEqual({
      reason: 'unauthorized',
      message: 'Unauthorized',
    });
    expect(describeFailure(status(403, 'secrets is forbidden'))).toEqual({
      reason: 'forbidden',
      message: 'secrets is forbidden',
    });
    expect(describeFailure(status(404, 'not found')).reason).toBe('absent');
  });

  it('calls a timeout and a refused connection unreachable, without the request URL', () => {
    expect(
      describeFailure(
        Object.assign(new Error('aborted'), { name: 'AbortError' }),
      ),
    ).toEqual({
      reason: 'unreachable',
      message: 'no answer within the timeout',
    });
    expect(
      describeFailure(
        new Error(
          'request to https://10.0.0.1:6443/api/v1/secrets?limit=500 failed, reason: connect ECONNREFUSED 10.0.0.1:6443',
        ),
      ),
    ).toEqual({
      reason: 'unreachable',
      message: 'connect ECONNREFUSED 10.0.0.1:6443',
    });
  });

  it('calls an answer that is not JSON broken, keeping where it broke but none of its text', () => {
    expect(
      describeFailure(new SyntaxError('Unexpected end of JSON input')),
    ).toEqual({
      reason: 'failed',
      message: 'the answer is not valid JSON (it ends too early)',
    });
    expect(
      describeFailure(
        new SyntaxError(
          'Unterminated string in JSON at position 15852 (line 1 column 15853)',
        ),
      ).message,
    ).toBe('the answer is not valid JSON (at position 15852)');
    const quoting = describeFailure(
      new SyntaxError(
        `Unexpected token 'c', "cGFzc3dvcmQ"... is not valid JSON`,
      ),
    );
    expect(quoting).toEqual({
      reason: 'failed',
      message: 'the answer is not valid JSON',
    });
  });
});
