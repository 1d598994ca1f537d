// The shape of a message to the outside and of the adapter that delivers it. The channels module
// implements it (file sink for dev and tests, HTTP providers behind configuration); the process's
// deps carry one.

export type OutgoingMessage = {
  idempotencyKey: string;
  channel: 'sms' | 'wechat' | 'email' | 'inapp';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  divisionCode: string;
  createdAt: string;
};

export type MessageSink = {
  name: string;
  /** Delivers once per idempotency key; a repeat call with the same key is a no-op. */
  deliver(message: OutgoingMessage): Promise<void>;
};
