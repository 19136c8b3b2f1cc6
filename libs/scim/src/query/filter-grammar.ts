import { readAttrPath, isAttrName } from './attr-path-syntax';
import type { AttrPath, CompareOp, FilterNode, FilterValue, PatchPath } from './filter-ast';
import { describeToken, positionOf, type ErrorFactory, type Token, type TokenKind } from './filter-lexer';

const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const LOGICAL_WORDS: ReadonlySet<string> = new Set(['and', 'or']);
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Recursive descent over RFC 7644 §3.4.2.2 with precedence not > and > or.
 * `and`/`or` chains are loops (left-associative), so only `(`, `[` and `not (` recurse, and those are capped by
 * `maxDepth`: the call stack stays bounded whatever the input.
 */
export class FilterGrammar {
  private index = 0;
  private depth = 0;
  private inValuePath = false;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly maxDepth: number,
    private readonly fail: ErrorFactory,
  ) {}

  filter(): FilterNode {
    const node = this.orExpr();
    this.expectEnd('"and", "or"');
    return node;
  }

  patchPath(): PatchPath {
    const token = this.next();
    if (token.kind !== 'word') throw this.fail(`Expected an attribute path but found ${describeToken(token)}`);
    const path = this.attrPath(token);
    if (this.peek().kind !== '[') {
      this.expectEnd('"["');
      return { path };
    }
    this.checkValuePathTarget(path, token);
    const { filter, close } = this.bracket();
    const sub = this.subAfterBracket(close);
    this.expectEnd(sub === undefined ? '"." and a sub-attribute' : undefined);
    return { path, filter, ...(sub !== undefined && { subAfterFilter: sub.name }) };
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.unary();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    const token = this.peek();
    if (token.kind === '(') return this.group();
    if (this.isWord(token, 'not')) {
      this.next();
      if (this.peek().kind !== '(') throw this.fail(`Expected "(" after "not" at ${positionOf(token.start)}`);
      return { kind: 'not', operand: this.group() };
    }
    if (token.kind === 'word') return this.attrExpr();
    throw this.fail(`Expected an attribute path, "(" or "not" but found ${describeToken(token)}`);
  }

  private group(): FilterNode {
    const open = this.next();
    this.enter(open);
    const inner = this.orExpr();
    this.expectClose(')', open);
    this.depth -= 1;
    return inner;
  }

  private attrExpr(): FilterNode {
    const token = this.next();
    const path = this.attrPath(token);
    if (this.peek().kind !== '[') return this.comparison(path, token);
    this.checkValuePathTarget(path, token);
    const { filter, close } = this.bracket();
    const sub = this.subAfterBracket(close);
    if (sub === undefined) return { kind: 'valuePath', path, filter };
    // Entra's `emails[type eq "work"].value eq "x"`: keep the binding to the same element.
    const right = this.comparison({ attr: sub.name }, sub.token);
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right } };
  }

  private attrPath(token: Token): AttrPath {
    if (LOGICAL_WORDS.has(token.text.toLowerCase())) {
      throw this.fail(`Expected an attribute path but found ${describeToken(token)}`);
    }
    const path = readAttrPath(token.text);
    if (path === undefined) throw this.fail(`Invalid attribute path ${describeToken(token)}`);
    if (this.inValuePath && (path.uri !== undefined || path.sub !== undefined)) {
      throw this.fail(`Inside "[...]" only a sub-attribute name is allowed, found ${describeToken(token)}`);
    }
    return path;
  }

  private checkValuePathTarget(path: AttrPath, token: Token): void {
    if (this.inValuePath) throw this.fail(`Nested "[" is not allowed after ${describeToken(token)}`);
    if (path.sub !== undefined) {
      throw this.fail(`A value filter "[...]" needs a multi-valued attribute, not ${describeToken(token)}`);
    }
  }

  private bracket(): { filter: FilterNode; close: Token } {
    const open = this.next();
    this.enter(open);
    this.inValuePath = true;
    const filter = this.orExpr();
    const close = this.expectClose(']', open);
    this.inValuePath = false;
    this.depth -= 1;
    return { filter, close };
  }

  /** `.sub` written directly after `]`. */
  private subAfterBracket(close: Token): { name: string; token: Token } | undefined {
    const token = this.peek();
    if (token.kind !== 'word' || !token.text.startsWith('.') || token.start !== close.end) return undefined;
    this.next();
    const name = token.text.slice(1);
    if (!isAttrName(name)) throw this.fail(`Expected a sub-attribute name after "]." at ${positionOf(token.start)}`);
    return { name, token };
  }

  private comparison(path: AttrPath, pathToken: Token): FilterNode {
    const opToken = this.next();
    if (opToken.kind !== 'word') {
      throw this.fail(`Expected an operator after "${pathToken.text}" but found ${describeToken(opToken)}`);
    }
    const op = opToken.text.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.has(op)) throw this.fail(`Unknown operator ${describeToken(opToken)}`);
    return { kind: 'compare', op: op as CompareOp, path, value: this.value(opToken) };
  }

  private value(opToken: Token): FilterValue {
    const token = this.next();
    if (token.kind === 'string') return token.value ?? '';
    if (token.kind === 'word') {
      const literal = this.literal(token);
      if (literal !== undefined) return literal.value;
      throw this.fail(`Unquoted value ${describeToken(token)}: strings must be in double quotes`);
    }
    throw this.fail(`Expected a value after "${opToken.text}" but found ${describeToken(token)}`);
  }

  private literal(token: Token): { value: FilterValue } | undefined {
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { value: lower === 'true' };
    if (lower === 'null') return { value: null };
    if (!JSON_NUMBER.test(token.text)) return undefined;
    const value = Number(token.text);
    if (!Number.isFinite(value)) throw this.fail(`Number out of range ${describeToken(token)}`);
    return { value };
  }

  private enter(open: Token): void {
    this.depth += 1;
    if (this.depth > this.maxDepth) {
      throw this.fail(`Nesting deeper than ${this.maxDepth} levels at ${positionOf(open.start)}`);
    }
  }

  private expectClose(kind: TokenKind, open: Token): Token {
    const token = this.next();
    if (token.kind !== kind) {
      throw this.fail(
        `Expected "${kind}" to close "${open.text}" at ${positionOf(open.start)} but found ${describeToken(token)}`,
      );
    }
    return token;
  }

  private expectEnd(alternative?: string): void {
    const token = this.peek();
    if (token.kind === 'end') return;
    const expected = alternative === undefined ? 'end of input' : `${alternative} or end of input`;
    throw this.fail(`Unexpected ${describeToken(token)}; expected ${expected}`);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }
}
