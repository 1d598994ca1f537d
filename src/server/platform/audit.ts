// What an audit entry says and who it is about: the shape every module writes through a command
// (src/server/platform/command.ts). The audit module stores and chains them.
import type { Actor, RequestContext } from '../actor.ts';

export type AuditEntry = {
  /** `module.noun.verb`, e.g. `registry.agency.update`. */
  action: string;
  /** The county (or other division) the target belongs to; the actor's when it has none. */
  divisionCode?: string | null;
  targetType?: string;
  targetId?: string | number;
  /** Whether targetId identifies a person (then it is stored erasably); by default when targetType names a person. */
  personalTarget?: boolean;
  outcome?: 'ok' | 'denied' | 'failed';
  /** Free-form detail; stored with the personal fields (erasable), so it may name people. */
  detail?: Record<string, unknown>;
};

/** Who acts (null: anonymous or the system) and from where (null: no request, e.g. a job). */
export type AuditWho = {
  actor: Pick<Actor, 'accountId' | 'username' | 'role' | 'divisionCode'> | null;
  ctx: Pick<RequestContext, 'requestId' | 'ip'> | null;
};
