import { describe, expect, it } from 'vitest';
import { InvalidCredentialsError, validateIcloudCredentials } from '../../../src/main/icloud/credentials';

function failure(appleId: string, password: string): InvalidCredentialsError {
  try {
    validateIcloudCredentials(appleId, password);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('iCloud credentials', () => {
  it('accepts an email Apple ID and an app-specific password, trimmed', () => {
    expect(validateIcloudCredentials(' me@icloud.com ', 'abcd-efgh-ijkl-mnop\n')).toEqual({ appleId: 'me@icloud.com', password: 'abcd-efgh-ijkl-mnop' });
  });

  it('rejects an Apple ID that is not an email', () => {
    const error = failure('johnny', 'abcd-efgh-ijkl-mnop');
    expect(error.field).toBe('appleId');
    expect(error.message).toContain('email');
  });

  it('explains what an app-specific password is and where to make one', () => {
    for (const password of ['MyApplePassword1!', 'abcdefghijklmnop', 'abcd-efgh-ijkl', 'abc1-efgh-ijkl-mnop']) {
      const error = failure('me@icloud.com', password);
      expect(error.field).toBe('password');
      expect(error.message).toContain('app-specific password');
      expect(error.message).toContain('account.apple.com → Sign-In and Security → App-Specific Passwords');
      expect(error.message).toContain('xxxx-xxxx-xxxx-xxxx');
    }
  });

  it('says app-specific passwords are lowercase when typed in capitals', () => {
    expect(failure('me@icloud.com', 'ABCD-EFGH-IJKL-MNOP').message).toContain('lowercase');
  });
});
