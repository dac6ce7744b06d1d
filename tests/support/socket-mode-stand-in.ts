// A local stand-in for Slack's Socket Mode WebSocket. The Web API stand-in's apps.connections.open
// hands the app this server's ws:// URL; tests push envelopes and wait for the app's acks.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { SlackApiStandIn } from "./slack-api-stand-in.ts";
import { BOT } from "./slack-payloads.ts";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface Envelope {
  type: EnvelopeType;
  payload: Record<string, unknown>;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class SocketModeStandIn {
  private connected: Promise<WebSocket>;
  private resolveConnected!: (socket: WebSocket) => void;
  private readonly pendingAcks = new Map<string, (ack: Ack) => void>();
  private counter = 0;
  /** envelope ids the app acknowledged, in order */
  readonly acks: Ack[] = [];

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {
    this.connected = new Promise((resolve) => {
      this.resolveConnected = resolve;
    });
    server.on("connection", (socket) => {
      socket.on("message", (data) => this.onMessage(String(data)));
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "applink-stand-in", build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: BOT.appId },
        }),
      );
      this.resolveConnected(socket);
    });
  }

  /** Starts the server and points the Web API stand-in's apps.connections.open at it. */
  static async start(api: SlackApiStandIn): Promise<SocketModeStandIn> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const standIn = new SocketModeStandIn(server, `ws://127.0.0.1:${port}/link/?ticket=stand-in`);
    api.socketModeUrl = standIn.url;
    return standIn;
  }

  waitForConnection(): Promise<WebSocket> {
    return this.connected;
  }

  /** Sends an envelope as Slack does and resolves with the app's acknowledgement. */
  async send(envelope: Envelope): Promise<Ack> {
    const socket = await this.connected;
    this.counter += 1;
    const envelopeId = `envelope-${this.counter}`;
    const acked = new Promise<Ack>((resolve) => this.pendingAcks.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type: envelope.type,
        payload: envelope.payload,
        accepts_response_payload: envelope.type !== "events_api",
        ...(envelope.type === "events_api"
          ? { retry_attempt: envelope.retry_attempt ?? 0, retry_reason: envelope.retry_reason ?? "" }
          : {}),
      }),
    );
    return acked;
  }

  /** Resolves when the app closes its connection. */
  async waitForClose(): Promise<void> {
    const socket = await this.connected;
    if (socket.readyState === socket.CLOSED) return;
    await once(socket, "close");
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as Ack;
    if (typeof message.envelope_id !== "string") return;
    this.acks.push(message);
    this.pendingAcks.get(message.envelope_id)?.(message);
    this.pendingAcks.delete(message.envelope_id);
  }
}
