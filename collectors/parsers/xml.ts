/**
 * A small, safe XML reader for the XML our inputs use (Windows event XML, Juniper RPC replies).
 * Safe means: no DTD processing at all (a document with `<!DOCTYPE` or `<!ENTITY` is refused),
 * only the five predefined entities and numeric character references are decoded, any other
 * `&name;` is an error, and depth/node/size limits bound the work. It never fetches anything.
 *
 * PLACEHOLDER: the implementation is being written; the API below is the contract.
 */
export interface XmlElement {
  /** Local name without namespace prefix (`Event`, `Data`). */
  name: string;
  /** Name as written, with prefix if any. */
  qname: string;
  /** Attributes by name as written (`Name`, `xmlns`, `xmlns:auto-ns2`), values decoded. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content (entities decoded, CDATA included), not trimmed. */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlLimits {
  maxDepth?: number;
  maxNodes?: number;
}

/**
 * Parses a sequence of top-level elements (0..n), allowing an XML declaration, comments,
 * processing instructions and whitespace between them: `wevtutil qe /f:xml` prints `<Event>`s
 * with no root. Throws XmlError on malformed input, DTDs or unknown entities.
 */
export function parseXmlFragments(_text: string, _limits?: XmlLimits): XmlElement[] {
  throw new XmlError('XML reader not implemented yet', 0);
}

/** Parses exactly one root element. */
export function parseXmlDocument(text: string, limits?: XmlLimits): XmlElement {
  const roots = parseXmlFragments(text, limits);
  if (roots.length !== 1) throw new XmlError(`expected one root element, found ${roots.length}`, 0);
  return roots[0];
}

/** First child with local name `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** All children with local name `name`. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
