import type { FastifyInstance } from 'fastify';
import { organising } from '../web/guards.ts';
import { qrCodeSvg } from '../web/qr-codes.ts';
import { pitchBoard } from '../pitches/board.ts';

const cardsToASheet = 4;

/** Pitch cards to print four to an A4 page, each with a QR code to its own page. */
export async function pitchCardRoutes(app: FastifyInstance): Promise<void> {
  const { db, config, cache } = app.campgrid;
  app.get('/pitch-cards', { config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    const board = pitchBoard(db, event.id, null);
    const cards = await Promise.all(
      board.map(async (p) => {
        const url = `${config.baseUrl}/p/${p.id}`;
        return { pitch: p, url, qr: await qrCodeSvg(cache, url) };
      }),
    );
    // Each A4 sheet is its own box of four, so the page break falls between sheets in any browser.
    const sheets = Array.from({ length: Math.ceil(cards.length / cardsToASheet) }, (_, i) => cards.slice(i * cardsToASheet, (i + 1) * cardsToASheet));
    return reply.view('grid/cards.eta', { title: `Pitch cards: ${event.name}`, event, cards, sheets, backLink: `/organise/events/${event.slug}` });
  });
}
