/**
 * A WHERE clause built from optional filters: each condition is added only when its value is
 * given, with its arguments kept in order. Shared by the stores' list queries.
 */
export class Where {
  private readonly parts: string[] = [];
  readonly args: unknown[] = [];

  /** Adds `sql` with `args` unless the (first) value is undefined, null or ''. */
  when(value: unknown, sql: string, ...args: unknown[]): this {
    if (value === undefined || value === null || value === '') return this;
    this.parts.push(sql);
    this.args.push(...(args.length ? args : [value]));
    return this;
  }

  /** Adds `sql` with `args` unconditionally. */
  and(sql: string, ...args: unknown[]): this {
    this.parts.push(sql);
    this.args.push(...args);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
