import { buildAssets } from '../../scripts/build-assets.ts';

/** The stylesheet is built from govuk-frontend's Sass, and every asset fingerprinted, before any page is rendered. */
export default async function setup(): Promise<void> {
  await buildAssets();
}
