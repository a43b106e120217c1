import type { CampEvent } from '../events/events.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp, type DoneMessages } from '../web/input.ts';
import { themeBalance } from './balance.ts';
import { themeForm } from './themes.forms.ts';
import { defineTheme, removeTheme, renameTheme, themeAt, themesPerCamp } from './themes.ts';

const themeDone: DoneMessages = {
  added: 'Theme added. Pitchers can now tag their pitches with it.',
  renamed: 'Theme renamed. Pitches tagged with it keep it.',
  removed: 'Theme removed. Pitches that carried it are no longer tagged with it.',
};

/** Organisers name a camp's themes: add, rename, remove. Pitches are tagged on the pitch form and at the desk. */
export async function themeRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  const themeAddress = { params: slugParams.extend({ themeId: id }) };
  const page = (e: CampEvent) => `/organise/events/${e.slug}/themes`;
  const listView = (event: CampEvent) => ({ title: `Themes: ${event.name}`, event, themes: themeBalance(db, event.id), limit: themesPerCamp, backLink: `/organise/events/${event.slug}#pitches` });

  app.get('/themes', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('themes/organise.eta', { ...listView(event), values: {}, done: doneBanner(themeDone, request.query.done) });
  });

  app.post('/themes', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: themeForm,
      body: formBody(request.body),
      view: 'themes/organise.eta',
      viewData: listView(event),
      act: ({ name }) => {
        defineTheme(db, clock.now(), event.id, name);
        return `${page(event)}?done=added`;
      },
    });
  });

  const renameView = (event: CampEvent, name: string) => ({ title: `Rename “${name}”`, event, backLink: page(event) });
  app.get('/themes/:themeId/edit', { schema: themeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const theme = themeAt(db, event.id, request.params.themeId);
    return reply.view('themes/rename.eta', { ...renameView(event, theme.name), values: { name: theme.name } });
  });

  app.post('/themes/:themeId/edit', { schema: themeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const theme = themeAt(db, event.id, request.params.themeId);
    return submitForm(reply, {
      schema: themeForm,
      body: formBody(request.body),
      view: 'themes/rename.eta',
      viewData: renameView(event, theme.name),
      act: ({ name }) => {
        renameTheme(db, event.id, theme.id, name);
        return `${page(event)}?done=renamed`;
      },
    });
  });

  app.get('/themes/:themeId/remove', { schema: themeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const theme = themeAt(db, event.id, request.params.themeId);
    return reply.view('organise/confirm-remove.eta', {
      title: `Remove the theme “${theme.name}”?`,
      warning: 'Pitches tagged with it lose the tag. The pitches themselves stay on the board.',
      button: 'Remove theme',
      cancel: page(event),
    });
  });

  app.post('/themes/:themeId/remove', { schema: themeAddress }, async (request, reply) => {
    const { event } = organising(request);
    removeTheme(db, event.id, themeAt(db, event.id, request.params.themeId).id);
    return reply.redirect(`${page(event)}?done=removed`, 303);
  });
}
