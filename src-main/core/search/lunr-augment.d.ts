/**
 * What Lunr really has that @types/lunr leaves out or types wrongly. The search path reads these
 * internals on purpose (README "How a search runs"); declaring them here, once, lets that code use
 * them with their real types instead of a cast at every use.
 */
import 'lunr';

declare module 'lunr' {
  /** An update function returns the token's new text (the typings say `void`). */
  interface Token {
    update(fn: (text: string, metadata: object) => string): Token;
  }

  /** A node of the token-set automaton: `edges` by character, `final` where a word ends. */
  interface TokenSet {
    final: boolean;
    edges: Record<string, TokenSet | undefined>;
    id: number;
  }

  // The typings declare these as instance methods; Lunr has them on the class.
  namespace TokenSet {
    function fromArray(words: string[]): TokenSet;
    function fromClause(clause: Query.Clause): TokenSet;
    function fromString(text: string): TokenSet;
    function fromFuzzyString(text: string, editDistance: number): TokenSet;
  }

  /** The index's own word automaton (used to expand wildcards and fuzzy terms). */
  interface Index {
    tokenSet: TokenSet;
  }

  namespace Query {
    /** Lunr sets it on the clauses it parses (`+word`, `-word`); the typings leave it out. */
    interface Clause {
      presence?: Query.presence;
    }
  }

  /** What the builder scores the index from (read by compact-index.ts to store frequencies, not scores). */
  interface Builder {
    fieldTermFrequencies: Record<string, Record<string, number> | undefined>;
    fieldLengths: Record<string, number | undefined>;
    averageFieldLength: Record<string, number | undefined>;
  }

  /** Lunr's query-string parser (exported, untyped). */
  class QueryParser {
    constructor(text: string, query: Query);
    parse(): Query;
  }
}
