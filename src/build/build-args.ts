// Build arguments as the classic builder scopes them (moby builder/dockerfile/buildargs.go): --build-arg values,
// meta ARGs declared before the first FROM, ARGs declared in the current stage, and the predefined proxy ARGs that
// are usable without a declaration and kept out of the cache key unless declared.

export const BUILTIN_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export class BuildArgs {
  private readonly allowedMeta = new Map<string, string | null>();
  private allowed = new Map<string, string | null>();
  private readonly referenced = new Set<string>();

  /** `options`: --build-arg NAME=VALUE (a NAME alone is taken from the environment, or stays unset). */
  constructor(private readonly options: Map<string, string | null>) {}

  static fromFlags(flags: string[], env: NodeJS.ProcessEnv = process.env): BuildArgs {
    const m = new Map<string, string | null>();
    for (const f of flags) {
      const i = f.indexOf('=');
      if (i >= 0) m.set(f.slice(0, i), f.slice(i + 1));
      else m.set(f, env[f] ?? null);
    }
    return new BuildArgs(m);
  }

  addMetaArg(key: string, value: string | null): void {
    this.allowedMeta.set(key, value);
  }

  addArg(key: string, value: string | null): void {
    this.allowed.set(key, value);
    this.referenced.add(key);
  }

  /** A new stage: ARGs must be declared again. */
  resetAllowed(): void {
    this.allowed = new Map();
  }

  private get(key: string, mapping: Map<string, string | null>): string | undefined {
    const opt = this.options.get(key);
    if (opt !== undefined && opt !== null) return opt;
    if (!mapping.has(key)) return undefined;
    const def = mapping.get(key) ?? null;
    if (def === null) {
      const meta = this.allowedMeta.get(key);
      return meta === undefined || meta === null ? undefined : meta;
    }
    return def;
  }

  private all(mapping: Map<string, string | null>): Map<string, string> {
    const out = new Map<string, string>();
    const keys = new Set([...mapping.keys(), ...BUILTIN_ARGS]);
    for (const k of keys) {
      const v = mapping.has(k) ? this.get(k, mapping) : this.options.get(k) ?? undefined;
      if (v !== undefined && v !== null) out.set(k, v);
    }
    return out;
  }

  /** Meta ARGs (for FROM) with --build-arg overrides. */
  meta(): string[] {
    return [...this.all(this.allowedMeta)].map(([k, v]) => `${k}=${v}`);
  }

  /** Declared ARGs of this stage with a value, minus names the config's Env already sets. */
  filterAllowed(env: readonly string[]): string[] {
    const set = new Set(env.map((e) => e.split('=')[0]));
    return [...this.all(this.allowed)].filter(([k]) => !set.has(k)).map(([k, v]) => `${k}=${v}`);
  }

  /** A predefined proxy ARG the Dockerfile did not declare: usable, but not part of the cache key. */
  isUnreferencedBuiltin(key: string): boolean {
    return BUILTIN_ARGS.includes(key) && !this.allowed.has(key);
  }

  /** --build-arg names no ARG (in any stage, or before FROM) declared. */
  unused(): string[] {
    return [...this.options.keys()].filter((k) => !this.referenced.has(k) && !this.allowedMeta.has(k) && !BUILTIN_ARGS.includes(k)).sort();
  }
}
