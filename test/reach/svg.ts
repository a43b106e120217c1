import { DomUtils, parseDocument } from 'htmlparser2';

const { findAll, findOne, getAttributeValue, textContent } = DomUtils;

/** The map in a page or string, read with a real XML parser: its marks by kind, and its words. */
export function readMap(html: string) {
  const svgText = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
  const svg = findOne((e) => e.name === 'svg', parseDocument(svgText, { xmlMode: true }).children)!;
  const withClass = (cls: string) => findAll((e) => getAttributeValue(e, 'class') === cls, [svg]).length;
  return {
    role: getAttributeValue(svg, 'role'),
    title: textContent(findOne((e) => e.name === 'title', [svg])!),
    description: textContent(findOne((e) => e.name === 'desc', [svg])!),
    land: withClass('campgrid-map__land'),
    // The key draws one of each; the dots are the rest.
    reached: withClass('campgrid-map__reached') - 1,
    neverReached: withClass('campgrid-map__never') - 1,
  };
}
