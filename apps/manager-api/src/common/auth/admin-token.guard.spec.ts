import { ExecutionContext } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ManagerError } from '../errors/manager-error';
import { AdminTokenGuard } from './admin-token.guard';

const tokens = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];

function contextWith(authorization: string | undefined): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe(AdminTokenGuard.name, () => {
  const guard = new AdminTokenGuard({ adminTokens: tokens } as unknown as AppConfig);
  afterEach(() => jest.restoreAllMocks());

  it('accepts each configured token and names the caller by a hash prefix, never the token', () => {
    for (const token of tokens) {
      const context = contextWith(`Bearer ${token}`);
      expect(guard.canActivate(context)).toBe(true);
      const actor = (context.switchToHttp().getRequest() as { adminActor: string }).adminActor;
      expect(actor).toMatch(/^admin:[0-9a-f]{12}$/);
      expect(actor).not.toContain(token.slice(0, 8));
    }
  });

  it.each([undefined, 'Bearer', `Basic ${tokens[0]}`, `Bearer ${tokens[0]}x`, `Bearer ${tokens[0]!.slice(1)}`])('refuses %j', (header) => {
    expect(() => guard.canActivate(contextWith(header))).toThrow(ManagerError);
  });

  it('compares digests with timingSafeEqual against every configured token, also after a match', () => {
    // The guard's compiled code reads timingSafeEqual from the module object at each call.
    const spy = jest.spyOn(require('node:crypto') as typeof import('node:crypto'), 'timingSafeEqual');
    guard.canActivate(contextWith(`Bearer ${tokens[0]}`));
    expect(spy).toHaveBeenCalledTimes(tokens.length);
    spy.mockClear();
    expect(() => guard.canActivate(contextWith(`Bearer ${'z'.repeat(40)}`))).toThrow(ManagerError);
    expect(spy).toHaveBeenCalledTimes(tokens.length);
  });
});
