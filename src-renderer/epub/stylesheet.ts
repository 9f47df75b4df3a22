/** The book's own style: readable on a phone's book app, which applies its own fonts and margins on top. */
export const EPUB_STYLESHEET = `body { line-height: 1.5; }
header .type { text-transform: uppercase; font-size: 0.8em; letter-spacing: 0.05em; margin: 0; }
h1 { font-size: 1.5em; line-height: 1.25; }
dl.meta { font-size: 0.9em; }
dl.meta dt { font-weight: bold; float: left; clear: left; margin-right: 0.5em; }
dl.meta dd { margin: 0 0 0.25em 0; }
.description { font-style: italic; }
img { max-width: 100%; height: auto; }
.image-missing { font-style: italic; }
.sr-only { font-size: 1em; }
section.footnotes, section.reader-notes { border-top: 1px solid #999; margin-top: 2em; font-size: 0.9em; }
mark.highlight { background: #fff2a8; color: inherit; }
mark.colour-green { background: #c9f2c9; }
mark.colour-blue { background: #cfe3ff; }
mark.colour-pink { background: #ffd6e7; }
mark.colour-purple { background: #e6d9ff; }
a.note-call { font-size: 0.75em; vertical-align: super; }
blockquote { margin: 0.5em 0 0.5em 1em; font-style: italic; }
`;
