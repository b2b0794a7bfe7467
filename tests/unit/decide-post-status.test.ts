import { describe, expect, it } from 'vitest';
import { decidePostStatus, type TargetState } from '../../src/server/publishing/decide-post-status';

const facebook = (status: TargetState['status'], errorMessage: string | null = null) => ({
  platform: 'facebook' as const,
  status,
  errorMessage,
});
const instagram = (status: TargetState['status'], errorMessage: string | null = null) => ({
  platform: 'instagram' as const,
  status,
  errorMessage,
});

describe('deciding a post status from its targets', () => {
  it('is published only when every target is', () => {
    expect(decidePostStatus([facebook('published'), instagram('published')], [])).toEqual({
      status: 'published',
    });
  });

  it('goes back to scheduled while a target is open, naming its error', () => {
    expect(
      decidePostStatus([facebook('published'), instagram('pending', 'Try later.')], []),
    ).toEqual({ status: 'scheduled', error: 'Instagram: Try later.' });
  });

  it('fails when a target failed for good and none is open', () => {
    expect(
      decidePostStatus([facebook('published'), instagram('failed', 'Bad image.')], []),
    ).toEqual({ status: 'failed', error: 'Instagram: Bad image.' });
  });

  it('asks a person when any outcome is unproven, whatever the targets say', () => {
    expect(decidePostStatus([facebook('published')], ['Facebook: unknown.'])).toEqual({
      status: 'needs_review',
      reason: 'Facebook: unknown.',
    });
  });

  it('fails a post with no targets instead of calling it published', () => {
    const decision = decidePostStatus([], []);
    expect(decision.status).toBe('failed');
    expect(decision).toHaveProperty('error', expect.stringMatching(/no platform/));
  });
});
