/** The part of xml-writer (MIT, no types of its own) the exports use. */
declare module 'xml-writer' {
  export default class XMLWriter {
    constructor(indent?: boolean | string, writer?: (chunk: string, encoding: string) => void);
    startDocument(version?: string, encoding?: string, standalone?: boolean): this;
    endDocument(): this;
    startElement(name: string): this;
    endElement(): this;
    writeElement(name: string, content: string): this;
    writeAttribute(name: string, value: string): this;
    text(content: string): this;
    toString(): string;
  }
}
