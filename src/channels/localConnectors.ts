import { type ConnectorClient } from 'botframework-connector';

/** What ConnectorClient signs each request with: taken from its own signature, so no transitive package is imported. */
export type ConnectorCredentials = ConstructorParameters<typeof ConnectorClient>[0];

/**
 * A Bot Connector API this server serves itself (the embedded Direct Line channel). Calls to it are
 * signed with credentials of this server's own, never with the Azure app credentials, so they work in
 * local mode and with MicrosoftAppId set alike, and need no token from Azure.
 */
export interface LocalConnector {
  /** True for a serviceUrl this connector serves. */
  owns(serviceUrl: string): boolean;
  credentials: ConnectorCredentials;
}

/**
 * The local connectors of this server. The adapter consults it for every Connector API call (replies in a
 * turn and proactive messages alike); the embedded channel registers itself once its keys are loaded.
 */
export class LocalConnectors {
  private readonly connectors: LocalConnector[] = [];

  add(connector: LocalConnector): void {
    this.connectors.push(connector);
  }

  find(serviceUrl: string): LocalConnector | undefined {
    return this.connectors.find((c) => c.owns(serviceUrl));
  }

  /** Whether a serviceUrl belongs to this server's own channels. */
  owns(serviceUrl: string): boolean {
    return this.find(serviceUrl) !== undefined;
  }
}

/** The URL prefix a local connector owns: the same origin and a path under it. */
export function urlUnder(base: string): (serviceUrl: string) => boolean {
  const prefix = base.replace(/\/+$/, '');
  return (serviceUrl) => serviceUrl === prefix || serviceUrl.startsWith(`${prefix}/`);
}
