import { buildCss } from '../../scripts/build-css.ts';

/** The stylesheet is built from govuk-frontend's Sass before any page is rendered. */
export default async function setup(): Promise<void> {
  await buildCss();
}
