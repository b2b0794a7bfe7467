import { describe, expect, it } from 'vitest';
import {
  classifyGraphError,
  graphErrorFromBody,
  type GraphErrorKind,
} from '../../src/server/meta/graph-errors';

type Row = [code: number | undefined, subcode: number | undefined, kind: GraphErrorKind];

/** Every row of Meta's error table that Postpilot acts on. */
const table: Record<string, Row[]> = {
  transient: [
    [1, undefined, 'transient'],
    [2, undefined, 'transient'],
    [-1, 2207001, 'transient'],
    [-2, 2207003, 'transient'],
  ],
  throttled: [
    [4, undefined, 'throttled'],
    [17, undefined, 'throttled'],
    [32, undefined, 'throttled'],
    [341, undefined, 'throttled'],
    [613, undefined, 'throttled'],
    [80000, undefined, 'throttled'],
    [80001, undefined, 'throttled'],
    [80002, undefined, 'throttled'],
    [80014, undefined, 'throttled'],
    [368, undefined, 'throttled'],
  ],
  'not ready': [[9007, 2207027, 'not_ready']],
  token: [
    [190, undefined, 'token'],
    [190, 458, 'token'],
    [190, 459, 'token'],
    [190, 460, 'token'],
    [190, 463, 'token'],
    [190, 464, 'token'],
    [190, 467, 'token'],
    [190, 492, 'token'],
    [102, undefined, 'token'],
  ],
  permission: [
    [10, undefined, 'permission'],
    [200, undefined, 'permission'],
    [230, undefined, 'permission'],
    [299, undefined, 'permission'],
    [3, undefined, 'permission'],
  ],
  'bad request': [
    [100, undefined, 'bad_request'],
    [100, 33, 'bad_request'],
    [506, undefined, 'bad_request'],
  ],
  'Instagram final': [
    [4, 2207051, 'final'],
    [9, 2207042, 'final'],
    [25, 2207050, 'final'],
    [9004, 2207052, 'final'],
    [36001, 2207005, 'final'],
    [36003, 2207009, 'final'],
    [36004, 2207010, 'final'],
    [100, 2207028, 'final'],
    [-2, 2207020, 'final'],
  ],
};

describe('classifyGraphError', () => {
  for (const [group, rows] of Object.entries(table)) {
    it.each(rows)(`classifies ${group}: code %s subcode %s as %s`, (code, subcode, kind) => {
      expect(classifyGraphError({ code, subcode, httpStatus: 400 })).toBe(kind);
    });
  }

  it('treats any is_transient error of an unlisted code as transient', () => {
    expect(classifyGraphError({ code: 12345, isTransient: true, httpStatus: 400 })).toBe(
      'transient',
    );
  });

  it('keeps throttling codes throttled even when Meta marks them transient', () => {
    expect(classifyGraphError({ code: 32, isTransient: true })).toBe('throttled');
  });

  it('treats an unknown code as final on 4xx and transient on 5xx', () => {
    expect(classifyGraphError({ code: 12345, httpStatus: 400 })).toBe('final');
    expect(classifyGraphError({ httpStatus: 502 })).toBe('transient');
    expect(classifyGraphError({ httpStatus: 429 })).toBe('throttled');
  });
});

describe('graphErrorFromBody', () => {
  it('keeps every field of the body and writes a plain message for an expired token', () => {
    const error = graphErrorFromBody('page.get', 400, {
      message: 'Error validating access token: Session has expired',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
      error_user_title: 'Session expired',
      error_user_msg: 'Please log in again.',
      is_transient: false,
      fbtrace_id: 'AbC123',
    });

    expect(error).toMatchObject({
      kind: 'token',
      call: 'page.get',
      graphCode: 190,
      subcode: 463,
      httpStatus: 400,
      userTitle: 'Session expired',
      userMessage: 'Please log in again.',
      isTransient: false,
      fbtraceId: 'AbC123',
      code: 'PRECONDITION_FAILED',
    });
    expect(error.message).toBe(
      "The Page access token has expired or was revoked. Reconnect the brand's Facebook Page.",
    );
  });

  it("adds Meta's user message to a final error without a wording of its own", () => {
    const error = graphErrorFromBody('instagram.publish', 400, {
      code: 36000,
      error_user_msg: 'The image is too small',
    });

    expect(error.kind).toBe('final');
    expect(error.message).toBe('Facebook refused the post. The image is too small.');
  });

  it('scrubs the given secrets from every text it keeps', () => {
    const token = 'EAAB-secret-token-value';
    const error = graphErrorFromBody(
      'page.get',
      400,
      { code: 100, message: `Bad token ${token}`, error_user_msg: `see ${token}` },
      { secrets: [token] },
    );

    expect(`${error.message} ${error.graphMessage} ${error.userMessage}`).not.toContain(token);
    expect(error.graphMessage).toBe('Bad token [redacted]');
  });

  it('marks timeouts, network errors and the spam block as outcome unknown, others not', () => {
    const spam = graphErrorFromBody('instagram.publish', 400, { code: 4, error_subcode: 2207051 });
    const transient = graphErrorFromBody('facebook.feed', 500, { code: 2, is_transient: true });

    expect(spam.outcomeUnknown).toBe(true);
    expect(spam.retryable).toBe(false);
    expect(transient.outcomeUnknown).toBe(false);
    expect(transient.retryable).toBe(true);
  });
});
