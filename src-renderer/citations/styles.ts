/**
 * The archive's own compact CSL styles for Chicago (17th ed., notes and bibliography: the
 * bibliography entry) and MLA (9th ed.). They cover exactly what the archive holds (articles,
 * letters and other documents read online in an archive: author, title, date, place, addressee,
 * archive, link, day consulted) and run through the same CSL processor and official locales
 * (es-ES, en-US) as the bundled APA style, so dates and terms follow the reader's language.
 * Written for this project; APA comes from @citation-js/plugin-csl.
 */

/** What tells a style of ours apart; the rest of its envelope (XML declaration, <style>, <info>) is shared. */
interface StyleInfo {
  /** CSL's citation kind: a footnote (Chicago) or in the text (MLA). */
  kind: 'note' | 'in-text';
  title: string;
  /** The style's id under archivo-sin-conexion/. */
  id: string;
}

/** A whole CSL style document: the shared envelope around the style's own macros and layouts. */
function archiveStyle({ kind, title, id }: StyleInfo, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="${kind}" version="1.0" default-locale="en-US">
  <info>
    <title>${title}</title>
    <id>archivo-sin-conexion/${id}</id>
    <updated>2026-12-06T00:00:00+00:00</updated>
  </info>
${body}
</style>`;
}

/** "Letter to X": the addressee with CSL's verb ("to", "a"), as both styles name it; `indent` is its line's. */
function recipientNames(indent: string): string {
  return [
    '<names variable="recipient">',
    '  <label form="verb" text-case="capitalize-first" suffix=" "/>',
    '  <name and="text" delimiter=", "/>',
    '</names>',
  ].join(`\n${indent}`);
}

export const CHICAGO_STYLE = archiveStyle(
  { kind: 'note', title: 'Chicago (archive documents)', id: 'chicago' },
  `  <macro name="author">
    <names variable="author">
      <name and="text" name-as-sort-order="first" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <macro name="title">
    <text variable="title" quotes="true"/>
  </macro>
  <macro name="recipient">
    ${recipientNames('    ')}
  </macro>
  <macro name="issued">
    <group delimiter=", ">
      <text variable="publisher-place"/>
      <date variable="issued" form="text"/>
    </group>
  </macro>
  <citation>
    <layout delimiter="; ">
      <group delimiter=", ">
        <text macro="author"/>
        <text macro="title"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true">
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text macro="title"/>
        <text macro="recipient"/>
        <text macro="issued"/>
        <text variable="archive" font-style="italic"/>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>`,
);

export const MLA_STYLE = archiveStyle(
  { kind: 'in-text', title: 'MLA (archive documents)', id: 'mla' },
  `  <locale xml:lang="en">
    <date form="text">
      <date-part name="day" suffix=" "/>
      <date-part name="month" form="short" suffix=" "/>
      <date-part name="year"/>
    </date>
  </locale>
  <macro name="author">
    <names variable="author">
      <name and="text" name-as-sort-order="first" sort-separator=", " delimiter=", " et-al-min="3" et-al-use-first="1"/>
    </names>
  </macro>
  <macro name="container">
    <group delimiter=", ">
      ${recipientNames('      ')}
      <text variable="publisher-place"/>
      <date variable="issued" form="text"/>
    </group>
  </macro>
  <macro name="archive">
    <group delimiter=", ">
      <text variable="archive" font-style="italic"/>
      <text variable="URL"/>
    </group>
  </macro>
  <macro name="accessed">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed" form="text"/>
    </group>
  </macro>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <text macro="author"/>
    </layout>
  </citation>
  <bibliography hanging-indent="true">
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text variable="title" quotes="true"/>
        <text macro="container"/>
        <text macro="archive"/>
        <text macro="accessed"/>
      </group>
    </layout>
  </bibliography>`,
);
