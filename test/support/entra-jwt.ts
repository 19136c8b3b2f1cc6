import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';

export const ENTRA_AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

/** A local JWKS endpoint and a signer standing in for Entra ID's token service. */
export class FakeEntra {
  private constructor(
    private readonly server: Server,
    private readonly key: KeyLike,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<FakeEntra> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeEntra(server, privateKey, `http://127.0.0.1:${port}/keys`);
  }

  /** A provisioning token as Entra issues it for tenant `tid` (override claims to break it). */
  async token(tid: string, overrides: { audience?: string; key?: KeyLike; expiresIn?: string } = {}): Promise<string> {
    return new SignJWT({ tid })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(`https://sts.windows.net/${tid}/`)
      .setAudience(overrides.audience ?? ENTRA_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresIn ?? '1h')
      .sign(overrides.key ?? this.key);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
